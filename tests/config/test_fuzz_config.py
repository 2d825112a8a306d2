"""A fuzz test over configuration files (issue 10): any TOML document built from the
known sections and keys with values of any type gives settings or a ConfigError whose
every line names the file, never another exception."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reminder.config.load import load_settings
from reminder.errors import ConfigError

RULES = (
    "aliases",
    "working_days",
    "timezone",
    "country",
    "language",
    "horizon_days",
    "pre_meeting_days",
    "escalation",
    "coordinators",
    "reply_to",
    "schedule",
)
SCHEDULE = (
    "digest",
    "escalations",
    "pre_meeting",
    "report",
    "report_days",
    "meeting_rule",
    "catch_up_hours",
)
SMTP = (
    "host",
    "port",
    "username",
    "security",
    "timeout",
    "rate_per_minute",
    "concurrency",
    "max_attempts",
    "backoff_seconds",
)
MAIL = ("sender", "reply_to", "list_id", "outbox")

SCALARS = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(),
    st.booleans(),
    st.text(max_size=20),
    st.sampled_from(
        ["mon 09:00", "off", "25:61", "FREQ=HOURLY", "FREQ=MONTHLY;BYDAY=+3MO", "BD", "en"]
    ),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


def _table(keys: tuple[str, ...], **special: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    fields = {k: special.get(k, VALUES) for k in keys}
    return st.one_of(VALUES, st.fixed_dictionaries({}, optional=fields))


STEP = st.fixed_dictionaries({}, optional={"days": VALUES, "to": VALUES, "cc": VALUES})
RULES_TABLE = _table(
    RULES,
    schedule=_table(SCHEDULE),
    escalation=st.one_of(VALUES, st.lists(st.one_of(STEP, VALUES), max_size=3)),
)
DOCUMENT = st.fixed_dictionaries(
    {},
    optional={
        "database": _table(("url",)),
        "defaults": _table(("forum",)),
        "rules": RULES_TABLE,
        "forums": st.one_of(
            VALUES,
            st.dictionaries(
                st.sampled_from(["WG", "CXB CPSS", "a.b", "two\nlines", ""]), RULES_TABLE
            ),
        ),
        "mail": _table(MAIL),
        "smtp": _table(SMTP),
    },
)


def toml(value: Any) -> str:
    """`value` as a TOML inline value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        return ("inf" if value > 0 else "-inf") if math.isinf(value) else repr(value)
    if isinstance(value, str):
        return json.dumps(value)  # a TOML basic string
    if isinstance(value, list):
        return "[" + ", ".join(toml(v) for v in value) + "]"
    return "{" + ", ".join(f"{json.dumps(k)} = {toml(v)}" for k, v in value.items()) + "}"


@settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(document=DOCUMENT)
def test_any_configuration_gives_settings_or_problems_naming_the_file(
    tmp_path: Path, document: dict[str, Any]
) -> None:
    path = tmp_path / "reminder.toml"
    path.write_text(
        "\n".join(f"{json.dumps(k)} = {toml(v)}" for k, v in document.items()), encoding="utf-8"
    )
    try:
        load_settings(config_path=path, environ={})
    except ConfigError as exc:
        for line in str(exc).splitlines():
            assert line.startswith(str(path)), line
