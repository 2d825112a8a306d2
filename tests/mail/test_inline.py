"""CSS inlined once per template (mail.inline) gives every element of every mail the
styles that inlining each rendered mail gave (css_inline on the whole document).

The reference is the same templates loaded as written (`inline_css=False`), rendered,
then inlined by css_inline with the settings render used before; the two documents are
compared element by element (tag, attributes, style), <tbody> left aside (a parser adds
it, templates do not write it).
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import css_inline
import pytest
from jinja2 import Environment

from reminder.mail.inline import inline_template, style_of
from reminder.mail.links import Links
from reminder.mail.render import make_environment, render
from reminder.planning.notices import Kind, Notice
from tests.mail.test_browser import _hostile, digest_of
from tests.mail.test_render import KINDS, LANGUAGES, make_notice

PER_MAIL = css_inline.CSSInliner(
    keep_style_tags=False, keep_at_rules=True, keep_link_tags=False, load_remote_stylesheets=False
)
LINKS = Links(base_url="https://desk.example.org", secret="s" * 40, days=45)
VOID = {"br", "meta", "img", "hr", "input", "link"}


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, tuple[tuple[str, str], ...], str]] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tbody":
            return
        self._in_style = tag == "style"
        values = {k: v or "" for k, v in attrs}
        style = ";".join(p.strip() for p in values.pop("style", "").split(";") if p.strip())
        self.found.append((tag, tuple(sorted(values.items())), style))

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(" ".join(data.split()))


def elements(html: str) -> _Elements:
    parsed = _Elements()
    parsed.feed(html)
    return parsed


def body(parsed: _Elements) -> list[tuple[str, tuple[tuple[str, str], ...], str]]:
    """The elements from <body> on (css_inline moves the <style> block up the <head>)."""
    tags = [tag for tag, _attrs, _style in parsed.found]
    return parsed.found[tags.index("body") :]


@pytest.fixture(scope="module")
def envs() -> tuple[Environment, Environment]:
    return make_environment(), make_environment(inline_css=False)


def _notices() -> list[tuple[str, Notice]]:
    cases = [
        (f"{k.value}-{lang}", make_notice(k, language=lang)) for k in KINDS for lang in LANGUAGES
    ]
    cases += [(f"{k.value}-hostile", _hostile(k, "en")) for k in KINDS]
    return [*cases, ("digest-30", digest_of(30)), ("digest-30-fr", digest_of(30, language="fr"))]


@pytest.mark.parametrize("linked", [False, True], ids=["no-links", "links"])
@pytest.mark.parametrize(("name", "notice"), _notices(), ids=[n for n, _ in _notices()])
def test_each_element_gets_the_styles_per_mail_inlining_gave(
    envs: tuple[Environment, Environment], name: str, notice: Notice, linked: bool
) -> None:
    once, as_written = envs
    links = LINKS if linked else None
    new = elements(render(notice, env=once, links=links).html)
    old = elements(PER_MAIL.inline(render(notice, env=as_written, links=links).html))
    assert body(new) == body(old)
    assert new.styles == old.styles  # the @media rules, alone, in one <style> block
    assert all(
        style for tag, attrs, style in new.found if tag in ("h1", "a") or ("class", "text") in attrs
    )


def test_a_template_with_its_own_style_keeps_only_its_at_rules() -> None:
    source = (
        "<html><head><style>p.x { color: red; } @media (max-width: 500px) { p.x { color: blue; } }"
        "</style></head><body>"
        '{% if a %}<p class="x" title="{{ t }}">{{ a }}</p>{% endif %}</body></html>'
    )
    inlined = inline_template(source, css="")
    assert '<p class="x" title="{{ t }}" style="color: red;">{{ a }}</p>' in inlined
    assert "{% if a %}" in inlined and "@media (max-width: 500px)" in inlined
    assert "p.x { color: red; }" not in inlined


def test_a_partial_row_is_inlined_in_a_bare_table_and_jinja_class_is_left_alone() -> None:
    css = "td.due { color: red; } .items td { padding: 1px; } span.k { margin: 0; }"
    source = '<tr><td class="due">{{ d }}</td><td class="{{ c }}">x</td><td><span class="k"></span>'
    inlined = inline_template(source, css=css)
    assert '<td class="due" style="color: red;">' in inlined  # .items td: another file's table
    assert '<td class="{{ c }}">x</td>' in inlined
    assert '<span class="k" style="margin: 0;">' in inlined


def test_links_in_user_text_get_the_stylesheet_s_a_rule() -> None:
    assert "color: #1d4ed8" in style_of("a", css="a { color: #1d4ed8; }")
    assert style_of("a", css="p { color: red; }") == ""


def test_user_templates_are_inlined_with_the_built_in_stylesheet(tmp_path: Path) -> None:
    (tmp_path / "partials").mkdir()
    (tmp_path / "partials" / "reply.html").write_text('<p class="foot">Write to us.</p>\n')
    env = make_environment(user_templates=tmp_path)
    html = render(make_notice(Kind.DIGEST, language="en"), env=env).html
    assert '<p class="foot" style="margin: 0 0 6px 0;">Write to us.</p>' in html
