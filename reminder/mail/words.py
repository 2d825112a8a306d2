"""The translating globals templates call: `_`/`gettext`, `ngettext`, headings, labels.

Each reads the catalog language from the render context's `language`, so one
environment serves every language. `gettext` and `ngettext` follow Jinja's newstyle
gettext (`_("Hello %(name)s", name=...)`: the translation is always a format string,
marked safe in autoescaped templates so that only the values are escaped), written as
single functions: Jinja's own newstyle wrappers, behind its `_` alias, made every
translated string three calls through the template context, a tenth of rendering.
"""

from __future__ import annotations

from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from reminder.mail.i18n import HEADINGS, STATUSES, translations
from reminder.planning.notices import Section
from reminder.planning.report import NO_ORGANISATION, UNRESOLVED


def _language(context: Context) -> str:
    return str(context.get("language", "en"))


@pass_context
def gettext(context: Context, message: str, **variables: Any) -> str:
    text = translations(_language(context))[0](message)
    if not variables and "%" not in text:  # what `% {}` would give, without formatting
        return Markup(text) if context.eval_ctx.autoescape else text
    if context.eval_ctx.autoescape:
        return Markup(text) % variables
    return text % variables


@pass_context
def ngettext(context: Context, singular: str, plural: str, num: int, **variables: Any) -> str:
    variables.setdefault("num", num)
    text = translations(_language(context))[1](singular, plural, num)
    if context.eval_ctx.autoescape:
        return Markup(text) % variables
    return text % variables


@pass_context
def heading(context: Context, section: Section) -> str:
    """The translated heading for a section key; planning's title for unknown keys."""
    msgid = HEADINGS.get(section.key)
    if msgid is None:
        return section.title
    return translations(_language(context))[0](msgid)


@pass_context
def status_label(context: Context, status: str) -> str:
    msgid = STATUSES.get(status)
    if msgid is None:
        return status.replace("_", " ")
    return translations(_language(context))[0](msgid)


@pass_context
def owner_label(context: Context, name: str) -> str:
    """A report row's owner: the name as is, planning's placeholders translated."""
    if name in (UNRESOLVED, NO_ORGANISATION):
        return translations(_language(context))[0](name)
    return name
