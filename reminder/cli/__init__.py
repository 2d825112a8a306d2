"""The `reminder` command line: typer commands by area, and their output.

`app` holds the commands (`app.py` the register's, `notices.py` sending, `service.py`
the scheduler and its status); `main` is the console entry point.
"""

from reminder.cli.app import app, main

__all__ = ["app", "main"]
