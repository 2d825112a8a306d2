"""What a mail says first, how it names people and forums, and how user text shows."""

from __future__ import annotations

import dataclasses
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2 import Environment

from reminder.mail import filters
from reminder.mail.filters import fill_lines, flowed, linkify, one_line, wrap
from reminder.mail.french import de_name, le_name
from reminder.mail.i18n import CATALOGS
from reminder.mail.render import make_environment, render
from reminder.mail.summary import messages
from reminder.planning.notices import CountRow, Kind
from reminder.planning.report import NO_ORGANISATION, UNRESOLVED
from reminder.register.snapshot import Person
from tests.mail.test_render import assert_in_both, collapse, html_text, make_notice


@pytest.fixture(scope="module")
def env() -> Environment:
    return make_environment()


@pytest.mark.parametrize(
    ("kind", "language", "summary", "todo"),
    [
        (Kind.DIGEST, "en", "2 overdue, 1 due soon, 1 without a date", "For each item, reply"),
        (Kind.DIGEST, "fr", "2 en retard, 1 à échéance proche, 1 sans date", "Pour chaque point"),
        (Kind.PRE_MEETING, "en", "2 to review, 1 overdue", "Before Monday 4 September 2023,"),
        (Kind.ESCALATION, "fr", "1 en retard dont vous êtes responsable", "Merci de les mener"),
        (Kind.REPORT, "en", "2 overdue, 1 due before the meeting", "Chase the overdue items"),
    ],
)
def test_each_mail_opens_with_its_summary_and_the_one_thing_to_do(
    env: Environment, kind: Kind, language: str, summary: str, todo: str
) -> None:
    rendered = render(make_notice(kind, language=language), env=env)
    assert rendered.text.startswith(summary)
    assert rendered.text.split("\n")[1].startswith(todo) or todo in rendered.text[:300]
    # The preheader (hidden, first in the body) and the visible heading carry it.
    body = rendered.html[rendered.html.index("<body") :]
    assert html_text(body).startswith(summary)
    assert 'class="preheader"' in body[:200] and "display: none" in body[:200]


def test_digest_subjects_are_the_summary_line(env: Environment) -> None:
    assert render(make_notice(Kind.DIGEST), env=env).subject == (
        "[CXB CPSS] 2 overdue, 1 due soon, 1 without a date"
    )


def test_mails_say_whom_to_reply_to_by_name_and_address(env: Environment) -> None:
    rendered = render(make_notice(Kind.DIGEST), env=env)
    assert_in_both(rendered, "The coordinator of CXB CPSS is Tarek Akkad")
    assert "Tarek Akkad <tarek.akkad@cpss.example.org>" in collapse(rendered.text)
    assert "Tarek Akkad &lt;tarek.akkad@cpss.example.org&gt;" in rendered.html
    french = render(make_notice(Kind.DIGEST, language="fr"), env=env)
    assert_in_both(french, "La coordination de CXB CPSS\u00a0: Tarek Akkad")


def test_without_coordinators_a_mail_asks_for_a_reply(env: Environment) -> None:
    notice = dataclasses.replace(make_notice(Kind.DIGEST), coordinators=())
    assert_in_both(render(notice, env=env), "To answer, reply to this mail.")


def test_the_owner_line_shows_only_when_the_recipient_is_not_the_owner(env: Environment) -> None:
    notice = make_notice(Kind.DIGEST, to=(Person("Rana", "rana@wfp.example.org", "WFP"),))
    wfp = tuple(
        dataclasses.replace(
            s, items=tuple(dataclasses.replace(i, owners=("WFP",)) for i in s.items)
        )
        for s in notice.sections
    )
    mine = render(dataclasses.replace(notice, sections=wfp), env=env)
    assert "Owner:" not in mine.text and "Owner:" not in mine.html
    theirs = render(notice, env=env)
    assert_in_both(theirs, "Owner: CPSS coordination team")


def test_urls_become_escaped_links_and_nothing_else_becomes_markup() -> None:
    html = str(
        linkify('See https://x.example.org/a?b=1&c=2"onclick=x (or <b>http://y.example</b>).')
    )
    assert '<a href="https://x.example.org/a?b=1&amp;c=2">' in html
    assert "</a>&#34;onclick=x" in html
    assert "&lt;b&gt;" in html and "<b>" not in html
    assert '<a href="http://y.example">http://y.example</a>&lt;/b&gt;).' in html
    assert str(linkify("javascript:alert(1) ftp://x")) == "javascript:alert(1) ftp://x"


def test_the_item_text_links_its_urls_in_the_html(env: Environment) -> None:
    notice = make_notice(Kind.DIGEST, text="Upload to https://drive.example.org/x.")
    html = render(notice, env=env).html
    assert '<a href="https://drive.example.org/x" ' in html or (
        '<a href="https://drive.example.org/x">' in html
    )


def test_the_place_for_answer_links_renders_them_when_given(env: Environment) -> None:
    notice = make_notice(Kind.DIGEST)
    section = notice.sections[0]
    item = section.items[0]
    links = {item.id: (("Done", "https://r.example.org/a?t=1&u=2"),)}
    html = env.get_template("partials/items.html").render(
        section=section, language="en", timezone="UTC", links=links
    )
    assert '<a href="https://r.example.org/a?t=1&amp;u=2" style="' in html  # inlined CSS
    assert ">Done</a>" in html
    text = env.get_template("partials/items.txt").render(
        section=section, language="en", timezone="UTC", links=links
    )
    assert "Done: https://r.example.org/a?t=1&u=2" in text


@pytest.mark.parametrize(
    ("name", "de", "le"),
    [
        ("Association des femmes", "de l'Association des femmes", "l'Association des femmes"),
        ("GT Éducation", "du GT Éducation", "le GT Éducation"),
        ("Groupe sectoriel WASH", "du Groupe sectoriel WASH", "le Groupe sectoriel WASH"),
        (
            "Coordination humanitaire",
            "de la Coordination humanitaire",
            "la Coordination humanitaire",
        ),
        ("Le Cluster Santé", "du Cluster Santé", "Le Cluster Santé"),
        ("UNICEF", "de l'UNICEF", "l'UNICEF"),
        ("CXB CPSS", "de CXB CPSS", "CXB CPSS"),
    ],
)
def test_french_puts_the_article_a_coordinator_would_write(name: str, de: str, le: str) -> None:
    assert (de_name(name, "fr"), le_name(name, "fr")) == (de, le)
    assert (de_name(name, "en"), le_name(name, "en")) == (name, name)


def test_french_mails_use_the_articles(env: Environment) -> None:
    notice = dataclasses.replace(make_notice(Kind.REPORT, language="fr"), forum="GT Éducation")
    rendered = render(notice, env=env)
    assert "Rapport des points d'action du GT Éducation" in html_text(rendered.html)
    assert_in_both(rendered, "parce que vous coordonnez le GT Éducation.")
    assert "de GT" not in rendered.text and "de Association" not in rendered.text


def test_french_dates_are_written_in_full(env: Environment) -> None:
    rendered = render(make_notice(Kind.PRE_MEETING, language="fr"), env=env)
    assert "lundi 4 septembre 2023" in rendered.subject
    assert_in_both(rendered, "lundi 31 juillet 2023")
    assert "lun." not in rendered.text and "juil." not in rendered.text


def test_every_string_of_the_report_is_translated(env: Environment) -> None:
    notice = make_notice(Kind.REPORT, language="fr")
    counts = (
        *notice.counts,
        CountRow(UNRESOLVED, 1, 0, 1, 0),
        CountRow(NO_ORGANISATION, 1, 0, 0, 0),
    )
    rendered = render(dataclasses.replace(notice, counts=counts), env=env)
    assert_in_both(rendered, "(responsable absent de l'annuaire)")
    assert_in_both(rendered, "(sans organisation)")
    english = set(CATALOGS["fr"].messages) - {"Action", "Organisation"}
    for line in rendered.text.splitlines():
        assert line.strip() not in english, line


def test_the_summary_strings_are_in_the_french_catalog() -> None:
    plain, plural = messages()
    french = CATALOGS["fr"]
    assert [m for m in plain if m not in french.messages] == []
    assert [m for m in plural if m not in french.plurals] == []


def test_flowed_text_breaks_softly_and_stuffs_what_could_read_as_a_quote() -> None:
    paragraph = wrap("word " * 30, first="- ")
    text = flowed(paragraph + "\n>not a quote\nFrom here\n -- \n-- \n")
    lines = text.split("\n")
    assert all(line.endswith(" ") for line in lines[:1]) and not lines[1].endswith("  ")
    assert " >not a quote" in lines and " From here" in lines and "-- " in lines
    assert "  --" in lines  # stuffed, and its trailing space (no soft break) removed


_WORDS = st.lists(
    st.sampled_from(["a", "é", "\u00a0", ":", "-", "\t", "x" * 30, "https://e.org/a-b"]),
    max_size=6,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(
    words=st.lists(_WORDS, max_size=40),
    width=st.integers(min_value=5, max_value=90),
    first=st.sampled_from(["", "- ", "  "]),
    indent=st.sampled_from(["", "  "]),
)
def test_the_fast_fill_wraps_as_textwrap_does(
    words: list[str], width: int, first: str, indent: str
) -> None:
    text = one_line(" ".join(words))
    expected = textwrap.wrap(
        text,
        width=width,
        initial_indent=first,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )
    assert fill_lines(text, width, first, indent) == expected


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab .\t\n\r\x00\x7f\x85\u00a0\u202e\u200dé")) | st.text())
def test_one_line_takes_its_short_path_only_where_the_result_is_the_same(value: str) -> None:
    slow = filters._SPACES.sub(" ", filters._CONTROL.sub(" ", filters._INVISIBLE.sub("", value)))
    assert one_line(value) == slow.strip(" ")
