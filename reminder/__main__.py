"""`python -m reminder` is the `reminder` command."""

from reminder.cli.app import main

main()
