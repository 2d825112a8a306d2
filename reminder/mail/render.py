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

from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment, TemplateError

from reminder.mail.environment import TEMPLATES, MailEnvironment, make_environment, unspliced
from reminder.mail.failures import failure
from reminder.mail.filters import aware, flowed, one_line, tidy_text
from reminder.mail.i18n import resolve_language
from reminder.mail.links import Links, links_context
from reminder.mail.messages import Rendered
from reminder.mail.summary import linked_todo, opening_context
from reminder.planning.notices import Notice

__all__ = ["TEMPLATES", "make_environment", "render"]


def render(notice: Notice, *, env: Environment, links: Links | None = None) -> Rendered:
    """Render the subject, text and HTML of any kind of notice (see `_render`).

    Raises TemplateFailure (a ConfigError) naming the template file and line for a broken
    template, and ZoneInfoNotFoundError for an unknown time zone.
    """
    try:
        return _render(notice, env=env, links=links)
    except TemplateError as exc:
        located: BaseException | None = None
        if isinstance(env, MailEnvironment) and env.splice_includes:
            # A spliced partial's runtime error shows its includer's file: meet it again
            # where every include is a template of its own, to name the partial.
            try:
                _render(notice, env=unspliced(env), links=links)
            except TemplateError as again:
                located = again
        raise failure(exc, located=located) from None


def _render(notice: Notice, *, env: Environment, links: Links | None = None) -> Rendered:
    """Render the subject, text and HTML of any kind of notice.

    The subject is a single line (`one_line`: control characters, CR/LF included, and
    whitespace runs become single spaces). The text is format=flowed (RFC 3676): a
    trailing space only at soft breaks (and the "-- " signature marker), space-stuffed,
    no runs of blank lines. The HTML is as the (inlined) templates write it, ending with
    a newline.
    With `links` (a public base URL configured), items carry their signed answer links
    and the foot of the mail the contact's settings, unsubscribe and calendar links.
    Raises jinja2 errors (UndefinedError, TemplateNotFound...) for broken templates.
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
