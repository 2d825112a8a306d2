"""One exception tree for the whole package.

    ReminderError                 anything the CLI reports as a clean message
    ├── ConfigError               a configuration file or variable is wrong
    ├── InputError                a source file cannot be used at all
    │   └── UnsupportedFormat     no importer reads this kind of file
    └── RegisterError             the register (database) refused an operation

Errors from libraries underneath (openpyxl, python-docx, SQLAlchemy) are
translated into these at the boundary where they are raised, so callers
never need to know which library was involved.
"""

from __future__ import annotations


class ReminderError(Exception):
    """Base of every error the package raises on purpose."""


class ConfigError(ReminderError):
    """A configuration value is missing or invalid; the message names file and key."""


class InputError(ReminderError):
    """A source document cannot be read; the message names the file (and sheet/row/line)."""


class UnsupportedFormat(InputError):
    """No importer handles this file type."""


class RegisterError(ReminderError):
    """The register could not be read or written."""
