"""Every command names a forum the same way: by its name, an alias or a loose spelling;
an unknown forum stops with the known ones listed. On SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner, Result

from reminder.cli.app import app

CONFIG = """
[forums."Protection Sector Working Group (PSWG)"]
aliases = ["PSWG"]
timezone = "Asia/Dhaka"
working_days = ["sun", "mon", "tue", "wed", "thu"]
coordinators = ["coordinator@pswg.example.org"]

[forums."Shelter WG"]
"""


@pytest.fixture
def cli(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[CliRunnerCall, Path]:
    for name in ("REMINDER_CONFIG", "REMINDER_DATABASE_URL", "REMINDER_OUTBOX"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no ./config/reminder.toml to pick up
    configured = tmp_path / "reminder.toml"
    configured.write_text(CONFIG, encoding="utf-8")
    return CliRunnerCall(engine.url.render_as_string(hide_password=False), tmp_path), configured


class CliRunnerCall:
    """`reminder --database URL ARGS...` in this process, stdout and stderr apart."""

    def __init__(self, url: str, folder: Path) -> None:
        self.url, self.folder = url, folder

    def __call__(self, *args: str, config: Path | None = None) -> Result:
        options = ["--database", self.url]
        if config is not None:
            options += ["--config", str(config)]
        return CliRunner().invoke(app, [*options, *args], env={"COLUMNS": "200"})

    def minutes(self, name: str, title: str, action: str = "UNHCR to share the draft") -> str:
        path = self.folder / name
        path.write_text(
            f"# {title}\n\nDate: 3 March 2024\n\n## Action points\n- {action} by Friday\n",
            encoding="utf-8",
        )
        return str(path)


def listed(call: CliRunnerCall, *args: str, config: Path | None = None) -> list[dict[str, object]]:
    result = call("actions", "--format", "json", *args, config=config)
    assert result.exit_code == 0, result.output
    return list(json.loads(result.stdout))


def test_a_monthly_title_imports_into_the_configured_forum(
    cli: tuple[CliRunnerCall, Path],
) -> None:
    call, config = cli
    title = "Protection Sector Working Group (PSWG) – Monthly"
    result = call("import", call.minutes("a.md", title), config=config)
    assert result.exit_code == 0, result.output
    [item] = listed(call, config=config)
    assert item["forum"] == "Protection Sector Working Group (PSWG)"
    assert item["due_date"] == "2024-03-07"  # "by Friday" in a Sunday-Thursday week


def test_actions_by_an_alias_return_the_forums_actions(cli: tuple[CliRunnerCall, Path]) -> None:
    call, config = cli
    call("import", call.minutes("a.md", "Protection Sector Working Group (PSWG)"), config=config)
    call("import", call.minutes("b.md", "Shelter WG", "IOM to map the sites"), config=config)
    for spelling in ("PSWG", "pswg monthly", "Protection Sector Working Group"):
        texts = [i["text"] for i in listed(call, "--forum", spelling, config=config)]
        assert texts == ["UNHCR to share the draft by Friday"], spelling


def test_an_unknown_forum_option_exits_2_with_the_known_forums(
    cli: tuple[CliRunnerCall, Path],
) -> None:
    call, config = cli
    call("import", call.minutes("a.md", "PSWG"), config=config)
    for args in (
        ("actions", "--forum", "Health"),
        ("overview", "--forum", "Health"),
        ("meeting", "set", "--forum", "Health", "--date", "2030-01-15"),
        ("meeting", "cancel", "--forum", "Health", "--date", "2030-01-15"),
        ("send", "report", "--forum", "Health", "--dry-run"),
        ("preview", "report", "--to", "coordinator@pswg.example.org", "--forum", "Health"),
        ("import", "--forum", "Health", call.minutes("b.md", "PSWG")),
    ):
        result = call(*args, config=config)
        assert result.exit_code == 2, (args, result.output)
        text = " ".join(result.stderr.split())
        assert "--forum 'Health' is not a known forum" in text, args
        assert "'Protection Sector Working Group (PSWG)' (also: PSWG); 'Shelter WG'" in text


def test_meeting_set_and_send_take_an_alias_in_any_spelling(
    cli: tuple[CliRunnerCall, Path],
) -> None:
    call, config = cli
    call("import", call.minutes("a.md", "PSWG"), config=config)
    result = call("meeting", "set", "--forum", "pswg", "--date", "2030-01-15", config=config)
    assert result.exit_code == 0, result.output
    assert "Protection Sector Working Group (PSWG): meeting of" in result.stdout
    for spelling in ("PSWG Monthly", "P.S.W.G.", "protection sector working group"):
        result = call("send", "report", "--forum", spelling, "--dry-run", config=config)
        assert result.exit_code == 0, result.output
        assert "coordinator@pswg.example.org" in result.stdout, spelling


def test_a_title_matching_no_forum_stops_the_import_and_lists_the_ways_out(
    cli: tuple[CliRunnerCall, Path],
) -> None:
    call, config = cli
    call("import", call.minutes("a.md", "PSWG"), config=config)
    before = listed(call, config=config)
    food = call.minutes("b.md", "Food Security Sector – Monthly", "WFP to share the list")
    result = call("import", call.minutes("c.md", "PSWG", "IOM to report"), food, config=config)
    assert result.exit_code == 1
    text = " ".join(result.stderr.split())
    assert "nothing was imported: 1 file names a forum that is not known" in text
    assert "b.md: forum 'Food Security Sector – Monthly' matches no known forum" in text
    assert "known forums: 'Protection Sector Working Group (PSWG)' (also: PSWG)" in text
    assert "--forum NAME" in text and "--new-forum" in text
    assert listed(call, config=config) == before


def test_forum_by_alias_and_new_forum_are_the_two_ways_out(
    cli: tuple[CliRunnerCall, Path],
) -> None:
    call, config = cli
    food = call.minutes("b.md", "Food Security Sector – Monthly", "WFP to share the list")
    chosen = call("import", "--forum", "pswg", food, config=config)
    assert chosen.exit_code == 0, chosen.output
    assert [i["forum"] for i in listed(call, config=config)] == [
        "Protection Sector Working Group (PSWG)"
    ]
    other = call.minutes("c.md", "Food Security Sector – Monthly", "WFP to map the markets")
    created = call("import", "--new-forum", other, config=config)
    assert created.exit_code == 0, created.output
    assert "new forum 'Food Security Sector' created" in " ".join(created.stdout.split())
    assert len(listed(call, "--forum", "food security sector meeting", config=config)) == 1


def test_a_fresh_register_without_forums_creates_the_first_and_then_stops(
    cli: tuple[CliRunnerCall, Path], tmp_path: Path
) -> None:
    call, _ = cli
    embedded = tmp_path / "empty.toml"  # no forum configured: the embedded defaults
    embedded.write_text("", encoding="utf-8")
    first = call("import", call.minutes("a.md", "PSWG – Monthly"), config=embedded)
    assert first.exit_code == 0, first.output
    assert "new forum 'PSWG' created" in " ".join(first.stdout.split())
    second = call("import", call.minutes("b.md", "Food Security Sector"), config=embedded)
    assert second.exit_code == 1
    assert "known forums: 'PSWG' (in the register)" in " ".join(second.stderr.split())
    again = call("import", call.minutes("c.md", "pswg meeting", "IOM to map"), config=embedded)
    assert again.exit_code == 0 and "new forum" not in again.stdout
    assert len(listed(call, "--forum", "PSWG", config=embedded)) == 2
