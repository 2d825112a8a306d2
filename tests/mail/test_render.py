"""Rendering notices into subject, plain text and HTML, in English and French.

The notice builders here are shared with test_mail.py and test_spam.py.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from jinja2 import Environment

from reminder.errors import ConfigError
from reminder.mail.filters import one_line
from reminder.mail.i18n import CATALOGS, HEADINGS, STATUSES, translations
from reminder.mail.messages import Rendered
from reminder.mail.render import TEMPLATES, make_environment, render
from reminder.planning.notices import CountRow, Kind, Notice, Section
from reminder.register.snapshot import Item, Person

FORUM = "CXB CPSS"
NOW = datetime(2023, 8, 23, 3, 30, tzinfo=UTC)
MEETING = ("CXB CPSS monthly meeting", date(2023, 6, 19))
CPSS_TOOL = (
    "CPSS to develop a child protection situation monitoring tool and guideline "
    "(After SAG consultation) by the end of July."
)
MAPPING = (
    "Partenaires à réviser la cartographie des services d'éducation non formelle à Kutupalong."
)
MATRIX = "Share the updated 4W matrix with the IMO."
PATHWAY = "Circulate the referral pathway to camp focal points."
HOSTILE = "Review <script>alert(1)</script> \"quoted\" 'single' & co"
KINDS = tuple(Kind)
COORDINATOR = Person("Tarek Akkad", "tarek.akkad@cpss.example.org", "CPSS")
LANGUAGES = ("en", "fr")


def make_item(item_id: int, text: str, **changes: object) -> Item:
    """A realistic open item: due Mon 31 Jul 2023, 23 days late on NOW."""
    item = Item(
        id=item_id,
        forum=FORUM,
        text=text,
        owners=("CPSS coordination team",),
        organisations=("UNICEF",),
        due_phrase="by the end of July",
        due_date=date(2023, 7, 31),
        status="open",
        days_overdue=23,
        meeting_title=MEETING[0],
        meeting_date=MEETING[1],
        source="2023-06-19_cxb-cpss.md",
    )
    return dataclasses.replace(item, **changes)


def make_notice(
    kind: Kind,
    *,
    language: str = "en",
    text: str = CPSS_TOOL,
    to: tuple[Person, ...] = (Person("Amina Rahman", "amina.rahman@example.org", "UNICEF"),),
    audience: str = "owner",
) -> Notice:
    """One notice of `kind` whose first action reads `text`."""
    late = make_item(1, text)
    soon = make_item(2, MATRIX, due_date=date(2023, 8, 28), days_overdue=None, due_phrase="28/8")
    undated = make_item(
        3,
        PATHWAY,
        due_date=None,
        days_overdue=None,
        due_phrase="TBD",
        meeting_date=date(2023, 7, 17),
    )
    french = make_item(4, MAPPING, due_date=date(2023, 8, 22), days_overdue=1)
    base = Notice(
        kind,
        f"{kind.value}:test",
        FORUM,
        to,
        (),
        language=language,
        timezone="Asia/Dhaka",
        now=NOW,
        coordinators=((FORUM, COORDINATOR),),
    )
    if kind is Kind.DIGEST:
        sections = (
            Section("overdue", "Overdue", (late, french)),
            Section("due_soon", "Due soon", (soon,)),
            Section("undated", "No deadline yet", (undated,)),
        )
        return dataclasses.replace(base, sections=sections)
    if kind is Kind.ESCALATION:
        sections = (Section(f"ask_{audience}", "Overdue", (late,)),)
        extra: tuple[tuple[str, str], ...] = (("audience", audience),)
        if audience != "owner":
            extra += (("follow_up:1", "Amina Rahman"),)
        return dataclasses.replace(base, sections=sections, step=7, extra=extra)
    if kind is Kind.PRE_MEETING:
        review = Section(
            "review", "Review", (late, dataclasses.replace(soon, status="in_progress"))
        )
        return dataclasses.replace(base, sections=(review,), next_meeting=date(2023, 9, 4))
    unresolved = make_item(5, MATRIX, owners=("WG",), organisations=())
    sections = (
        Section("overdue_1_7", "1-7", (french,)),
        Section("overdue_8_30", "8-30", (late,)),
        Section("overdue_over_30", "30+", ()),
        Section("due_before_meeting", "Before", (soon,)),
        Section("unresolved_owner", "Unresolved", (unresolved,)),
        Section("undated", "Undated", (undated,)),
        Section("done_since_last", "Done", (make_item(6, MATRIX, status="done"),)),
    )
    counts = (
        CountRow("UNICEF", 4, 1, 2, 1),
        CountRow("Save the Children International", 1, 0, 0, 0),
    )
    return dataclasses.replace(
        base, sections=sections, counts=counts, next_meeting=date(2023, 9, 4)
    )


def assert_in_both(rendered: Rendered, phrase: str) -> None:
    """`phrase` shows in the text as written and in the HTML as text (after escaping);
    line breaks and indents from wrapping count as single spaces."""
    wanted = collapse(phrase)
    assert wanted in collapse(rendered.text), f"{phrase!r} not in text"
    assert wanted in html_text(rendered.html), f"{phrase!r} not in HTML"


def collapse(text: str) -> str:
    return " ".join(text.split())


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)


def html_text(html: str) -> str:
    """The text a reader sees, whitespace collapsed."""
    parser = _TextCollector()
    parser.feed(html)
    return collapse(" ".join(parser.chunks))


@pytest.fixture(scope="module")
def env() -> Environment:
    return make_environment()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_renders_every_action_in_text_and_html(
    env: Environment, kind: Kind, language: str
) -> None:
    notice = make_notice(kind, language=language)
    rendered = render(notice, env=env)
    assert rendered.subject and "\n" not in rendered.subject
    assert rendered.subject.startswith(f"[{FORUM}]")
    for section in notice.sections:
        for item in section.items:
            assert_in_both(rendered, item.text)
            assert_in_both(rendered, ", ".join(item.owners))


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", KINDS)
def test_the_text_is_short_lined_and_tells_why_the_mail_came(
    env: Environment, kind: Kind, language: str
) -> None:
    rendered = render(make_notice(kind, language=language), env=env)
    assert max(len(line) for line in rendered.text.splitlines()) < 78
    assert "\n-- \n" in rendered.text
    why = {"en": "You receive this", "fr": "Vous recevez ce"}[language]
    assert why in rendered.text
    assert why in html_text(rendered.html)


def test_it_escapes_user_text_in_html(env: Environment) -> None:
    rendered = render(make_notice(Kind.DIGEST, text=HOSTILE), env=env)
    assert "<script>" not in rendered.html
    assert "&lt;script&gt;" in rendered.html and "&amp; co" in rendered.html
    parser = _TextCollector()
    parser.feed(rendered.html)
    assert "script" not in parser.tags
    assert_in_both(rendered, HOSTILE)  # literally in the text, as text in the HTML


def test_quotes_in_user_text_are_escaped_before_inlining(env: Environment) -> None:
    # css-inline re-serialises text nodes (quotes need no escaping there); Jinja's own
    # output must escape them so that user text can never close an attribute.
    notice = make_notice(Kind.DIGEST, text=HOSTILE)
    raw = env.get_template("partials/items.html").render(
        section=notice.sections[0], language="en", timezone="UTC"
    )
    assert "&#34;quoted&#34; &#39;single&#39; &amp; co" in raw


def test_the_subject_is_one_line_even_when_user_text_breaks_lines(env: Environment) -> None:
    notice = make_notice(Kind.ESCALATION, text="Fix it\r\nBcc: evil@example.com\u2028now")
    subject = render(notice, env=env).subject
    assert "\r" not in subject and "\n" not in subject and "\u2028" not in subject
    assert "Fix it Bcc: evil@example.com now" in subject


def test_a_user_folder_overrides_a_built_in_template(tmp_path: Path) -> None:
    (tmp_path / "digest").mkdir()
    (tmp_path / "digest" / "subject.txt").write_text("Your list for {{ forum }}\n")
    rendered = render(make_notice(Kind.DIGEST), env=make_environment(user_templates=tmp_path))
    assert rendered.subject == f"Your list for {FORUM}"
    assert_in_both(rendered, CPSS_TOOL)  # the bodies still come from the built-in folder


def test_a_missing_variable_in_a_user_template_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "digest").mkdir()
    (tmp_path / "digest" / "subject.txt").write_text("{{ forum }}\n{{ no_such_thing }}\n")
    with pytest.raises(ConfigError) as failed:
        render(make_notice(Kind.DIGEST), env=make_environment(user_templates=tmp_path))
    where = f"mail template {tmp_path / 'digest' / 'subject.txt'}, line 2"
    assert str(failed.value) == f"{where}: 'no_such_thing' is undefined"


def test_a_missing_user_template_folder_is_a_configuration_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        make_environment(user_templates=tmp_path / "nowhere")


@pytest.mark.parametrize(
    ("language", "due", "late", "one_late", "generated"),
    [
        (
            "en",
            "Monday 31 July 2023",
            "23 days late",
            "1 day late",
            "Wednesday 23 August 2023 at 09:30 (Asia/Dhaka)",
        ),
        (
            "fr",
            "lundi 31 juillet 2023",
            "23 jours de retard",
            "1 jour de retard",
            "mercredi 23 août 2023 à 09:30 (Asia/Dhaka)",
        ),
    ],
)
def test_dates_and_delays_read_unambiguously_in_each_language(
    env: Environment, language: str, due: str, late: str, one_late: str, generated: str
) -> None:
    rendered = render(make_notice(Kind.DIGEST, language=language), env=env)
    for phrase in (due, late, one_late, generated):
        assert_in_both(rendered, phrase)


def test_undated_items_show_the_deadline_as_written(env: Environment) -> None:
    assert_in_both(render(make_notice(Kind.DIGEST), env=env), "“TBD” (no date yet)")
    assert_in_both(render(make_notice(Kind.DIGEST, language="fr"), env=env), "«\u00a0TBD\u00a0»")


def test_a_digest_groups_items_by_meeting_in_the_order_given(env: Environment) -> None:
    text = render(make_notice(Kind.DIGEST), env=env).text
    overdue = text[text.index("Overdue (2)") : text.index("Due soon (1)")]
    assert overdue.count("Meeting: CXB CPSS monthly meeting, Monday 19 June 2023") == 1
    assert overdue.index(CPSS_TOOL[:40]) < overdue.index(MAPPING[:40])
    assert "Meeting: CXB CPSS monthly meeting, Monday 17 July 2023" in text


def test_empty_sections_are_left_out(env: Environment) -> None:
    rendered = render(make_notice(Kind.REPORT), env=env)
    assert "Overdue by more than 30 days" not in rendered.text
    assert "Overdue by more than 30 days" not in rendered.html
    assert_in_both(rendered, "Overdue by 8 to 30 days (1)")


def test_a_report_without_items_says_so_in_one_line(env: Environment) -> None:
    notice = make_notice(Kind.REPORT)
    empty = tuple(dataclasses.replace(s, items=()) for s in notice.sections)
    rendered = render(dataclasses.replace(notice, sections=empty, counts=()), env=env)
    assert_in_both(rendered, "No open action points.")
    assert "0 overdue" in rendered.subject


def test_a_report_shows_organisations_and_counts(env: Environment) -> None:
    rendered = render(make_notice(Kind.REPORT), env=env)
    assert "Organisation: UNICEF" in rendered.text
    assert "UNICEF: open 4, in progress 1, overdue 2, done since last report 1" in rendered.text
    assert_in_both(rendered, "Save the Children International")
    assert_in_both(rendered, "Owner not found in the directory (1)")


@pytest.mark.parametrize(
    ("audience", "phrases"),
    [
        ("owner", ["1 overdue that you own", "Please finish these items, or reply with"]),
        (
            "lead",
            [
                "1 overdue in your organisation",
                "Please follow up with the owners named under each item.",
                "Please follow up with Amina Rahman.",
                "Owner: CPSS coordination team",
            ],
        ),
        (
            "coordinator",
            [
                "1 overdue to raise",
                "Please raise these items with their owners or at the next meeting.",
                "You receive this mail because you coordinate CXB CPSS.",
            ],
        ),
    ],
)
def test_each_escalation_says_who_is_asked_to_do_what(
    env: Environment, audience: str, phrases: list[str]
) -> None:
    rendered = render(make_notice(Kind.ESCALATION, audience=audience), env=env)
    for phrase in phrases:
        assert_in_both(rendered, phrase)


def test_a_pre_meeting_reminder_asks_for_a_reply_before_the_meeting(env: Environment) -> None:
    rendered = render(make_notice(Kind.PRE_MEETING), env=env)
    assert_in_both(rendered, "Before Monday 4 September 2023, reply with a short status")
    assert_in_both(rendered, "Status: in progress")
    assert "Monday 4 September 2023" in rendered.subject


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", KINDS)
def test_the_html_has_inlined_styles_and_no_remote_resources(
    env: Environment, kind: Kind, language: str
) -> None:
    html = render(make_notice(kind, language=language), env=env).html
    assert 'style="' in html
    # One <style> block is left: the @media rules (cards on narrow screens), nothing else.
    blocks = re.findall(r"<style>(.*?)</style>", html, flags=re.DOTALL)
    assert len(blocks) == 1 and html.count("<style") == 1
    assert blocks[0].strip().startswith("@media") and blocks[0].count("@media") == 1
    for remote in ("http://", "https://", "src=", "<link", "url(", "@import"):
        assert remote not in html.lower(), remote


def test_every_string_in_the_templates_has_a_french_translation(env: Environment) -> None:
    french = CATALOGS["fr"]
    missing = [m for m in (*HEADINGS.values(), *STATUSES.values()) if m not in french.messages]
    for path in sorted(TEMPLATES.rglob("*.*")):
        for _line, function, message in env.extract_translations(path.read_text()):
            singular = message if isinstance(message, str) else message[0]
            catalog = french.plurals if function == "ngettext" else french.messages
            if singular not in catalog:
                missing.append(f"{path.name}: {singular}")
    assert missing == []


def test_an_unknown_language_or_string_falls_back_to_english(env: Environment) -> None:
    gettext, ngettext = translations("sw")
    assert gettext("Dear colleagues,") == "Dear colleagues,"
    assert translations("fr-BE")[0]("Not in any catalog") == "Not in any catalog"
    assert ngettext("%(num)d day late", "%(num)d days late", 1) == "%(num)d day late"
    rendered = render(make_notice(Kind.DIGEST, language="sw"), env=env)
    assert_in_both(rendered, "Monday 31 July 2023")
    assert "Overdue (2)" in rendered.text


def test_french_uses_the_singular_for_zero_and_one() -> None:
    ngettext = translations("fr")[1]
    forms = [ngettext("%(num)d day late", "%(num)d days late", n) for n in (0, 1, 2)]
    assert forms == ["%(num)d jour de retard", "%(num)d jour de retard", "%(num)d jours de retard"]


@pytest.mark.parametrize(
    "sneaky",
    ["\u202eCPSS\u202c", "CP\u200bSS", "\u2066CPSS\u2069", "\ufeffCPSS", "CPSS\u200f"],
)
def test_bidirectional_overrides_and_invisible_characters_leave_names_and_subjects(
    sneaky: str,
) -> None:
    assert one_line(f"Digest for {sneaky}") == "Digest for CPSS"


def test_joiners_that_scripts_need_stay() -> None:
    assert one_line("র\u200dয") == "র\u200dয"
