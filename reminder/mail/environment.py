"""The Jinja environment mails are rendered with: loaders, filters, globals and options.

mail.render states what templates see; this module builds the environment that gives it
to them, once per run (templates compile once and are cached in it).
"""

from __future__ import annotations

import functools
import sys
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    nodes,
    select_autoescape,
)

from reminder.errors import ConfigError
from reminder.mail.context import MailContext
from reminder.mail.filters import by_meeting, date_filter, linkify, mailbox, owned_by, wrap
from reminder.mail.fragments import item_renderer
from reminder.mail.includes import spliced_parse
from reminder.mail.inline import InliningLoader, link_style
from reminder.mail.words import gettext, heading, ngettext, owner_label, status_label


def _built_in_templates() -> Path:
    """`templates/emails/` beside the package (a checkout, an editable install), else the
    copy a wheel installs under `<prefix>/share/actionpoint-reminder/`."""
    beside = Path(__file__).resolve().parents[2] / "templates" / "emails"
    installed = Path(sys.prefix) / "share" / "actionpoint-reminder" / "templates" / "emails"
    return beside if beside.is_dir() or not installed.is_dir() else installed


TEMPLATES = _built_in_templates()


def make_environment(*, user_templates: Path | None = None, inline_css: bool = True) -> Environment:
    """A Jinja environment over the user's templates (first) and the built-in ones.

    Undefined variables raise (StrictUndefined), so a typo in an override fails loudly
    instead of mailing a blank. Autoescaping is on for `.html` templates only. HTML
    templates come with their CSS inlined (mail.inline: once per template, not per mail;
    the @media rules stay in a <style> block); `inline_css=False` loads them as written.
    Raises ConfigError when `user_templates` is given but is not a folder.
    """
    loaders: list[BaseLoader] = []
    if user_templates is not None:
        if not user_templates.is_dir():
            raise ConfigError(f"mail templates folder not found: {user_templates}")
        loaders.append(FileSystemLoader(user_templates))
    loaders.append(FileSystemLoader(TEMPLATES))
    chosen = ChoiceLoader(loaders)
    env = MailEnvironment(
        loader=InliningLoader(chosen) if inline_css else chosen,
        undefined=StrictUndefined,
        autoescape=select_autoescape(
            enabled_extensions=("html", "htm"), default_for_string=False, default=False
        ),
        extensions=["jinja2.ext.i18n"],
        # Templates do not change during a run; checking their files before every use
        # (one stat per include, per item) showed up in profiles of large runs.
        auto_reload=False,
        # Text templates are written with one tag per line; these keep tags from leaving
        # stray blank lines and indentation in the plain-text mails.
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        date=date_filter,
        wrap=wrap,
        by_meeting=by_meeting,
        linkify=functools.partial(linkify, style=link_style(env)),
        mailbox=mailbox,
    )
    env.globals.update(
        heading=heading,
        status_label=status_label,
        render_item=item_renderer(env),
        owned_by=owned_by,
        owner_label=owner_label,
    )
    # The callables pick the catalog from the render context's `language`, so one
    # environment (and its template cache) serves every language, even across threads.
    # They are newstyle already (mail.words): installed as they are, and as `_` itself
    # rather than behind the extension's alias.
    env.newstyle_gettext = True  # type: ignore[attr-defined]  # added by ext.i18n
    env.globals.update(_=gettext, gettext=gettext, ngettext=ngettext)
    return env


class MailEnvironment(Environment):
    """An environment whose templates see its globals as a plain dict, and whose static
    includes are spliced into their includers when compiled (mail.includes; off with
    `splice_includes = False`).

    Jinja's default (a ChainMap over the environment's globals) is read key by key into
    every new context: one per include and per item, a fifth of a digest's rendering.
    The globals are all set by `make_environment` before any template loads, as Jinja
    asks ("avoid modifying any globals after a template is loaded").
    """

    splice_includes = True
    context_class = MailContext

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        return {**self.globals, **(d or {})}

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        if not self.splice_includes:
            return super()._parse(source, name, filename)
        return spliced_parse(self, source=source, name=name, filename=filename)


@functools.lru_cache(maxsize=4)
def unspliced(env: MailEnvironment) -> MailEnvironment:
    """An environment like `env` that keeps every include a template of its own (for
    naming the partial a runtime error is in; see mail.includes)."""
    plain = env.overlay()
    plain.splice_includes = False
    plain.globals = {**env.globals, "render_item": item_renderer(plain)}
    return plain
