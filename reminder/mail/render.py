"""Turn a `Notice` into a `Rendered` mail: a one-line subject, a plain text and an HTML body.

Templates live in `templates/emails/`: per kind `<kind>/subject.txt`, `<kind>/body.txt` and
`<kind>/body.html` (kind being `Kind.value`), the layouts `base.txt`/`base.html` and the
`partials/`. A user folder passed to `make_environment` overrides any of them by relative name.

What every template sees (the contract for user templates):

    notice        the Notice itself
    kind          Kind.value ("digest", "escalation", "pre_meeting", "report")
    forum         the forum's name
    sections      the notice's sections that have items, in planning's order
    n_items       {section key: number of items}, for every section (empty ones too)
    counts        report counts (tuple of CountRow), empty for other kinds
    step          the escalation step (days overdue) or None
    audience      escalation wording: "owner", "lead" or "coordinator" (from notice.extra)
    extra         dict(notice.extra)
    next_meeting  date of the next meeting or None
    greeting_name the recipient's name when the mail has a single named recipient, else None
    language      the catalog language actually used ("en" or "fr")
    timezone      the notice's IANA time zone, for the `date` filter on datetimes
    now           notice.now in that time zone, or None
    subject       the rendered subject (body templates only)
    summary       the opening line: what needs action ("3 overdue, 2 due soon") (mail.summary)
    todo          the one thing the mail asks
    de_forum      the forum after "of" as the language writes it ("du GT"; English: as is)
    le_forum      the forum as an object ("le GT"; English: as is)
    reply_contacts ((forum, Person), ...): whom replies reach, per forum (notice.coordinators)
    single_forum  true when the notice is about one forum (Reply-To is its coordinator)
    asks          {item id: names}: whom the reader is asked to follow up with (escalations)
    recipient_keys the recipients' names and organisations, casefolded (for `owned_by`)
    links         {item id: ((label, url), ...)}: the answer links, empty with no base URL

Filters: `date` (dates as "Monday 31 July 2023", localised; datetimes converted to the
notice's time zone, with the time and the zone name), `wrap` (text bodies only: one
flowed paragraph of 76 columns), `by_meeting` (a section's items as `MeetingGroup`s),
`linkify` (HTML: user text escaped, its URLs made links), `mailbox` (a Person as
"Name <address>"). Globals: `heading(section)`, `status_label(status)`,
`owned_by(item)` (the recipient owns it: no owner line), `owner_label(name)` (report
rows, placeholders translated), `render_item(name, item, show_org, group_meetings,
show_owner)` (one item's fragment, cached; `show_owner` none: unless `owned_by`), `_`,
`gettext`, `ngettext` (newstyle: `_("Hello %(name)s", name=...)`; escaped in HTML like
any value).
"""

from __future__ import annotations

import functools
import sys
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    select_autoescape,
)

from reminder.errors import ConfigError
from reminder.mail.filters import (
    aware,
    by_meeting,
    date_filter,
    flowed,
    linkify,
    mailbox,
    one_line,
    owned_by,
    tidy_text,
    wrap,
)
from reminder.mail.fragments import item_renderer
from reminder.mail.i18n import resolve_language
from reminder.mail.inline import InliningLoader, link_style
from reminder.mail.links import Links, links_context
from reminder.mail.messages import Rendered
from reminder.mail.summary import linked_todo, opening_context
from reminder.mail.words import gettext, heading, ngettext, owner_label, status_label
from reminder.planning.notices import Notice


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
    env = _Environment(
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


class _Environment(Environment):
    """An environment whose templates see its globals as a plain dict.

    Jinja's default (a ChainMap over the environment's globals) is read key by key into
    every new context: one per include and per item, a fifth of a digest's rendering.
    The globals are all set by `make_environment` before any template loads, as Jinja
    asks ("avoid modifying any globals after a template is loaded").
    """

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        return {**self.globals, **(d or {})}


def render(notice: Notice, *, env: Environment, links: Links | None = None) -> Rendered:
    """Render the subject, text and HTML of any kind of notice.

    The subject is a single line (`one_line`: control characters, CR/LF included, and
    whitespace runs become single spaces). The text is format=flowed (RFC 3676): a
    trailing space only at soft breaks (and the "-- " signature marker), space-stuffed,
    no runs of blank lines. The HTML is as the (inlined) templates write it, ending with
    a newline.
    With `links` (a public base URL configured), items carry their signed answer links
    and the foot of the mail the contact's settings, unsubscribe and calendar links.
    Raises jinja2 errors (UndefinedError, TemplateNotFound...) for broken templates and
    ZoneInfoNotFoundError for an unknown time zone.
    """
    tz = ZoneInfo(notice.timezone)
    now = aware(notice.now).astimezone(tz) if notice.now is not None else None
    names = [one_line(p.name) for p in notice.to]
    language = resolve_language(notice.language)
    context: dict[str, Any] = {
        "notice": notice,
        "kind": notice.kind.value,
        "forum": notice.forum,
        "sections": tuple(s for s in notice.sections if s.items),
        "n_items": {s.key: len(s.items) for s in notice.sections},
        "counts": notice.counts,
        "step": notice.step,
        "audience": dict(notice.extra).get("audience", "owner"),
        "extra": dict(notice.extra),
        "next_meeting": notice.next_meeting,
        "greeting_name": names[0] if len(names) == 1 and names[0] else None,
        "language": language,
        "timezone": notice.timezone,
        "now": now,
        **opening_context(notice, language),
        "mail_links": {},
    }
    if links is not None and notice.to and notice.now is not None:
        context.update(links_context(notice, links, language))
        if context["links"]:
            context["todo"] = linked_todo(notice, language)
    folder = notice.kind.value
    subject = one_line(env.get_template(f"{folder}/subject.txt").render(context))
    context["subject"] = subject
    text = flowed(tidy_text(env.get_template(f"{folder}/body.txt").render(context)))
    html = env.get_template(f"{folder}/body.html").render(context)
    html = html if html.endswith("\n") else html + "\n"  # as the MIME part will carry it
    return Rendered(subject=subject, text=text, html=html)
