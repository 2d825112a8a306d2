"""Mail: rendering notices with one strict Jinja environment (`render`, `filters`,
`i18n`) and composing the MIME message (`compose`). No I/O beyond reading templates.
"""
