"""`python -m reminder` is the `reminder` command."""

from reminder.cli import main

main()
