"""Typed reading of a parsed TOML document, collecting every problem with file and key."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

T = TypeVar("T")
At = tuple[str, str | None]  # (dotted table path, quoted forum name or None)
_WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}


class Reader:
    """Reads values out of `data`; wrong ones are recorded in `problems`, not raised."""

    def __init__(self, data: dict[str, Any], *, source: str, env: Mapping[str, str]) -> None:
        self.data, self.source, self._env = data, source, env
        self.problems: list[str] = []

    def _name(self, where: str, key: str = "", quoted: str | None = None) -> str:
        if quoted is not None:
            where = where.replace(f"forums.{quoted}", f"forums.{quoted!r}")
        # A key with a line break or another control character is quoted: a problem
        # stays one line, and says what is in the file.
        key = key if key.isprintable() else repr(key)
        return ".".join(p for p in (where, key) if p)

    def problem(self, where: str, key: str, message: str, quoted: str | None = None) -> None:
        sep = "" if message.startswith(":") else " "
        self.problems.append(f"{self.source}: {self._name(where, key, quoted)}{sep}{message}")

    def env(self, name: str) -> str | None:
        value = self._env.get(name, "").strip()
        # Python reads bytes of the environment that are not UTF-8 as lone surrogates:
        # no header, file name or database could take them later.
        if any(0xD800 <= ord(c) <= 0xDFFF for c in value):
            self.problems.append(f"environment: {name} is not valid UTF-8 text")
            return None
        return value or None

    def env_int(self, name: str, low: int, high: int) -> int | None:
        """The variable as a whole number from `low` to `high`; None when unset or wrong
        (a problem naming the variable)."""
        value = self.env(name)
        if value is None:
            return None
        # ASCII digits only: "²" is a digit to str.isdigit, and int() refuses it.
        if not (value.isascii() and value.isdigit()) or not low <= int(value) <= high:
            self.problems.append(
                f"environment: {name}={value!r} must be a whole number from {low} to {high}"
            )
            return None
        return int(value)

    def table(self, where: str, quoted: str | None = None) -> dict[str, Any] | None:
        node: Any = self.data
        parts = [quoted] if quoted is not None else []
        path = where.split(".") if quoted is None else where.split(".")[:1]
        for part in [*path, *parts]:
            if not isinstance(node, dict):
                return None
            node = node.get(part, {})
        if not isinstance(node, dict):
            self.problem(where, "", "must be a table", quoted)
            return None
        return node

    def known(self, where: str, keys: tuple[str, ...], quoted: str | None = None) -> None:
        table = self.data if not where else self.table(where, quoted) or {}
        for key in table:
            if key not in keys:
                self.problem(
                    where,
                    key,
                    f"is not a known setting (expected one of: {', '.join(keys)})",
                    quoted,
                )

    def string(self, where: str, key: str) -> str | None:
        return self.str_in(self.table(where) or {}, (where, None), key)

    def str_in(self, t: dict[str, Any], at: At, key: str) -> str | None:
        value = t.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            self.problem(at[0], key, "must be a non-empty string", at[1])
            return None
        return value.strip()

    def strings(self, t: dict[str, Any], at: At, key: str) -> tuple[str, ...]:
        value = t.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(at[0], key, "must be a list of strings", at[1])
            return ()
        return tuple(v.strip() for v in value if v.strip())

    def integer(
        self, t: dict[str, Any], at: At, key: str, low: int, high: int, default: int
    ) -> int:
        if key not in t:
            return default
        value = t[key]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.problem(at[0], key, f"must be a whole number from {low} to {high}", at[1])
            return default
        return value

    def number(
        self, t: dict[str, Any], at: At, key: str, low: float, high: float, default: float
    ) -> float:
        """A number of seconds or the like: whole or decimal, finite, from low to high."""
        if key not in t:
            return default
        value = t[key]
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
            or not low <= value <= high
        ):
            self.problem(at[0], key, f"must be a number from {low:g} to {high:g}", at[1])
            return default
        return float(value)

    def choice(self, t: dict[str, Any], at: At, key: str, options: tuple[str, ...]) -> str | None:
        value = self.str_in(t, at, key)
        if value is not None and value not in options:
            self.problem(at[0], key, f"is {value!r}; expected one of {', '.join(options)}", at[1])
            return None
        return value

    def weekdays(self, t: dict[str, Any], at: At) -> tuple[int, ...]:
        if "working_days" not in t:
            return ()
        days = t["working_days"]
        if not isinstance(days, list) or not days:
            self.problem(at[0], "working_days", "must be a list such as ['sun', 'mon']", at[1])
            return ()
        out = []
        for day in days:
            key = str(day).strip().lower()[:3]
            if key not in _WEEKDAYS:
                self.problem(at[0], "working_days", f": {day!r} is not a weekday", at[1])
            else:
                out.append(_WEEKDAYS[key])
        return tuple(sorted(set(out)))

    def country(self, t: dict[str, Any], at: At) -> str | None:
        """An ISO 3166 country code the `holidays` package knows (public holidays)."""
        code = self.str_in(t, at, "country")
        if code is None:
            return None
        import holidays  # only when a country is named: loading it costs a short command

        if code.upper() not in holidays.list_supported_countries():
            self.problem(
                at[0],
                "country",
                f": no public holidays known for {code!r} (expected an ISO 3166 code such as 'BD')",
                at[1],
            )
            return None
        return code.upper()

    def timezone(self, t: dict[str, Any], at: At) -> str | None:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        name = self.str_in(t, at, "timezone")
        if name is None:
            return None
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            self.problem(
                at[0],
                "timezone",
                f": unknown time zone {name!r} (expected e.g. 'Asia/Dhaka')",
                at[1],
            )
            return None
        return name

    def ladder(
        self, t: dict[str, Any], at: At, default: tuple[T, ...], make: Callable[..., T]
    ) -> tuple[T, ...]:
        if "escalation" not in t:
            return default
        steps = t["escalation"]
        if not isinstance(steps, list) or not steps:
            self.problem(at[0], "escalation", "must be a list of {days, to, cc} tables", at[1])
            return default
        out = []
        for n, step in enumerate(steps, 1):
            where = f"escalation[{n}]"
            if not isinstance(step, dict):
                self.problem(
                    at[0], where, "must be a table such as {days = 3, to = 'owner'}", at[1]
                )
                continue
            # A step needs its days: absent, they are as wrong as out of range.
            days = self.integer({"days": 0, **step}, (f"{at[0]}.{where}", at[1]), "days", 1, 365, 0)
            to = self.choice(step, (f"{at[0]}.{where}", at[1]), "to", ("owner", "coordinator"))
            cc = self.choice(step, (f"{at[0]}.{where}", at[1]), "cc", ("lead", "coordinator"))
            out.append(make(days=days, to=to or "owner", cc=cc))
        return tuple(sorted(out, key=lambda s: getattr(s, "days", 0)))
