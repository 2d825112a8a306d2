"""The file outbox: each mail as an .eml and an .html preview, with an index page."""
