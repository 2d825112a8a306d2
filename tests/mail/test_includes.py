"""Static includes spliced into their includers (mail.includes) render exactly as includes."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import nodes

from reminder.errors import ConfigError
from reminder.mail.environment import MailEnvironment, make_environment, unspliced
from reminder.mail.links import Links
from reminder.mail.render import render
from reminder.planning.notices import Kind
from tests.mail.test_render import LANGUAGES, make_notice

LINKS = Links(base_url="https://desk.example.org", secret="k" * 40, days=45)


def _environments(tmp_path: Path, files: dict[str, str]) -> tuple[MailEnvironment, MailEnvironment]:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    env = make_environment(user_templates=tmp_path)
    assert isinstance(env, MailEnvironment)
    return env, unspliced(env)


def _both(tmp_path: Path, files: dict[str, str], name: str, **context: object) -> str:
    spliced, plain = _environments(tmp_path, files)
    out = spliced.get_template(name).render(**context)
    assert out == plain.get_template(name).render(**context)
    return out


@pytest.mark.parametrize("kind", tuple(Kind))
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("links", [None, LINKS], ids=["plain", "links"])
def test_every_built_in_mail_renders_the_same_spliced_or_not(
    kind: Kind, language: str, links: Links | None
) -> None:
    env = make_environment()
    assert isinstance(env, MailEnvironment)
    notice = make_notice(kind, language=language, audience="lead")
    assert render(notice, env=env, links=links) == render(notice, env=unspliced(env), links=links)


def test_the_built_in_digest_compiles_without_includes() -> None:
    env = make_environment()
    source, filename, _ = env.loader.get_source(env, "digest/body.html")  # type: ignore[union-attr]
    tree = env.parse(source, "digest/body.html", filename)
    assert not list(tree.find_all(nodes.Include))  # reply, section, note, items, links, meeting


def test_whitespace_control_of_a_partial_is_its_own(tmp_path: Path) -> None:
    files = {
        "page.txt": "a\n  {% include 'part.txt' %}\nb {% include 'part.txt' -%}   c\n",
        "part.txt": "   {% if true %}\nin\n{% endif %}  tail  ",
    }
    assert _both(tmp_path, files, "page.txt").startswith("a\n")


def test_a_set_in_a_partial_stays_in_it(tmp_path: Path) -> None:
    files = {
        "page.txt": "{% set x = 1 %}{% for i in [1, 2] %}{% include 'part.txt' %}{{ x }}"
        "{% endfor %}",
        "part.txt": "{% set x = x + i %}[{{ x }}]",
    }
    assert _both(tmp_path, files, "page.txt") == "[2]1[3]1"


def test_a_text_partial_in_an_html_page_keeps_its_own_escaping(tmp_path: Path) -> None:
    files = {"page.html": "<span>{{ v }}|{% include 'part.txt' %}</span>", "part.txt": "{{ v }}"}
    assert _both(tmp_path, files, "page.html", v="<b>") == "<span>&lt;b&gt;|<b></span>"


def test_partials_that_need_a_template_of_their_own_stay_includes(tmp_path: Path) -> None:
    files = {
        "page.txt": "{% include 'blocks.txt' %}{% include 'macros.txt' %}{% include 'tree.txt' %}",
        "blocks.txt": "{% block b %}B{% endblock %}",
        "macros.txt": "{% macro m() %}M{% endmacro %}{{ m() }}",
        "tree.txt": "{% set depth = (depth|default(0)) + 1 %}{{ depth }}"
        "{% if depth < 3 %}{% include 'tree.txt' %}{% endif %}",
    }
    assert _both(tmp_path, files, "page.txt") == "BM123"


def test_a_runtime_error_in_a_spliced_partial_names_the_partial(tmp_path: Path) -> None:
    part = tmp_path / "partials" / "section.txt"
    _environments(tmp_path, {"partials/section.txt": "{{ section.items|length }}\n{{ nope }}\n"})
    with pytest.raises(ConfigError) as failed:
        render(make_notice(Kind.DIGEST), env=make_environment(user_templates=tmp_path))
    assert str(failed.value) == f"mail template {part}, line 2: 'nope' is undefined"


def test_a_missing_partial_is_named_with_its_includer(tmp_path: Path) -> None:
    note = tmp_path / "partials" / "note.txt"
    _environments(tmp_path, {"partials/note.txt": "\n{% include 'partials/gone.txt' %}\n"})
    with pytest.raises(ConfigError) as failed:
        render(make_notice(Kind.DIGEST), env=make_environment(user_templates=tmp_path))
    assert str(failed.value) == (
        f"mail template {note}, line 2: no template named 'partials/gone.txt' "
        "(neither in your folder nor built in)"
    )
