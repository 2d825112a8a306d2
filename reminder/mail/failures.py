"""A mail template that cannot render, told as a configuration error naming file and line.

User templates override the built-in ones (mail.render), so a typo in one must read as a
message about that file, not as a traceback. Jinja puts the template's file and line in
the traceback of a runtime error and on a syntax error itself; this module reads them.
"""

from __future__ import annotations

import traceback

from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError

from reminder.errors import ConfigError


class TemplateFailure(ConfigError):
    """A mail template failed to load or render; the message names its file and line."""


def where(exc: BaseException) -> str | None:
    """'<template file>, line <n>' of the innermost template frame of `exc`, if any.

    Jinja rewrites the frames of template code to show the template's own file and line;
    every other frame is Python's (a `.py` file, or a `<...>` pseudo-file).
    """
    if isinstance(exc, TemplateSyntaxError) and exc.lineno:
        return f"{exc.filename or exc.name}, line {exc.lineno}"
    frames = [
        frame
        for frame in traceback.extract_tb(exc.__traceback__)
        if not frame.filename.endswith(".py") and not frame.filename.startswith("<")
    ]
    return f"{frames[-1].filename}, line {frames[-1].lineno}" if frames else None


def failure(exc: TemplateError, *, located: BaseException | None = None) -> TemplateFailure:
    """The TemplateFailure for `exc`; its place is read from `located` when given (the
    same failure met by an environment that keeps every include, mail.includes)."""
    if isinstance(exc, TemplateSyntaxError):
        what = exc.message or str(exc)
    elif isinstance(exc, TemplateNotFound):
        what = f"no template named {exc.name!r} (neither in your folder nor built in)"
    else:
        what = str(exc)
    place = where(located) if located is not None else None
    place = place or where(exc)
    return TemplateFailure(f"mail template {place}: {what}" if place else f"mail template: {what}")
