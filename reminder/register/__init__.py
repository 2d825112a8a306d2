"""The register: SQLModel tables (`models`), engine and migrations (`engine`), imports
(`imports`, `summary`), the directory, queries, and the plain data planning reads
(`snapshot`, filled by `load` and `reach`).

May import config, deadlines and reading. `snapshot` imports no database library, so
planning can use its types and stay pure.
"""
