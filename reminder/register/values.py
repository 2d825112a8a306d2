"""Many rows in one `INSERT … VALUES (…), (…)` statement (or one COPY on PostgreSQL).

SQLAlchemy's executemany builds and processes each row's parameters in Python (a
dictionary per row, then every value through its type), which cost an import of 100,000
actions more than the database's own work. Here each column's type processor is looked
up once per batch and the statement is written once per batch size, so a row costs one
pass over its values. The values stored are those SQLAlchemy would store: each goes
through its column's own bind processor (JSON, aware UTC datetimes, booleans).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from sqlalchemy import JSON, Column, Connection, Date, DateTime, Table, Time, TypeDecorator

from reminder.register.copying import copy_rows

# Parameters per statement: under SQLite's 32,766 and PostgreSQL's 65,535.
MAX_PARAMETERS = 30_000
# Rows per statement at most, however few their columns.
MAX_ROWS = 1_000
_NOTHING = object()
Processor = Callable[[Any], Any] | None


def insert_values(
    *,
    connection: Connection,
    table: Table,
    rows: Sequence[Mapping[str, Any]],
    returning: Sequence[str] = (),
) -> list[tuple[Any, ...]]:
    """Insert `rows` (each with the same keys, column names of `table`) into `table`: on
    SQLite in as few `INSERT … VALUES` statements as the limits allow, on PostgreSQL by
    COPY. Returns the `returning` columns (given ones, or the table's integer key) of
    every inserted row, in no particular order. A column left out takes its (scalar)
    default, as in Core. Raises ValueError when a row's keys differ from the first's, a
    column left out has a default that is not a constant, or a returned column is neither
    given nor the key.
    """
    if not rows:
        return []
    dialect = connection.dialect
    keys = list(rows[0])
    defaults = _defaults(table, keys)
    serial = _serial_key(table)
    if any(name not in keys and name != serial for name in returning):
        raise ValueError(f"{table.name}: only given columns or the key can be returned")
    copying = dialect.driver == "psycopg"
    processors: list[Processor] = []
    for key in [*keys, *defaults]:
        column = table.c[key]
        process = column.type.dialect_impl(dialect).bind_processor(dialect)
        processors.append(_with_empties(column, _as_text(column, process) if copying else process))
    if copying:
        given = [name for name in returning if name in keys]
        ids = copy_rows(
            connection=connection,
            table=table,
            columns=[*keys, *defaults],
            rows=_processed(rows, keys, list(defaults.values()), processors),
            count=len(rows),
            numbered=serial if len(given) < len(returning) else None,
        )
        return (
            [
                tuple(row[name] if name in keys else ids[n] for name in returning)
                for n, row in enumerate(rows)
            ]
            if returning
            else []
        )
    quote = dialect.identifier_preparer.quote
    head = (
        f"INSERT INTO {dialect.identifier_preparer.format_table(table)} "
        f"({', '.join(quote(key) for key in [*keys, *defaults])}) VALUES "
    )
    tail = f" RETURNING {', '.join(quote(name) for name in returning)}" if returning else ""
    width = len(processors)
    size = max(1, min(MAX_ROWS, MAX_PARAMETERS // width))
    one = "(" + ", ".join(["?"] * width) + ")"
    statements: dict[int, str] = {}
    found: list[tuple[Any, ...]] = []
    for start in range(0, len(rows), size):
        batch = rows[start : start + size]
        params = _parameters(batch, keys, list(defaults.values()), processors)
        statement = statements.get(len(batch))
        if statement is None:
            statement = head + ", ".join([one] * len(batch)) + tail
            statements[len(batch)] = statement
        result = connection.exec_driver_sql(statement, tuple(params))
        if returning:
            found.extend(tuple(row) for row in result)
    return found


def _as_text(column: Column[Any], process: Processor) -> Processor:
    """`process` for COPY: then the text of a date, time or JSON value, else `process`.

    COPY sends text, and psycopg turning a datetime or a JSON wrapper into text cost more
    than all the rest of a row; done here, the same object as the row before's is written
    once (see `_processed`). JSON is written as psycopg would, with `json.dumps`."""
    kind = _kind(column)
    if isinstance(kind, JSON):
        from psycopg.types.json import Json  # only the psycopg path comes here

        def json_text(value: Any) -> Any:
            value = value if process is None else process(value)
            if isinstance(value, Json):
                return (value.dumps or json.dumps)(value.obj)
            return value

        return json_text
    if isinstance(kind, Date | DateTime | Time):

        def iso_text(value: Any) -> Any:
            value = value if process is None else process(value)
            return value if value is None else value.isoformat()

        return iso_text
    return process


def _with_empties(column: Column[Any], process: Processor) -> Processor:
    """`process` for a JSON column, the empty list and mapping processed once: most JSON
    values of a new action are empty (no supporting owners, no due flags)."""
    if process is None or not isinstance(_kind(column), JSON):
        return process
    empty: dict[type, Any] = {list: process([]), dict: process({})}

    def json_value(value: Any) -> Any:
        return empty[type(value)] if type(value) in empty and not value else process(value)

    return json_value


def _kind(column: Column[Any]) -> Any:
    """The column's type, or the type a TypeDecorator stores it as."""
    return column.type.impl if isinstance(column.type, TypeDecorator) else column.type


def _serial_key(table: Table) -> str | None:
    """The name of the table's integer key numbered by the database, if it has one."""
    keys = list(table.primary_key.columns)
    if len(keys) == 1 and keys[0].autoincrement in (True, "auto"):
        return str(keys[0].name)
    return None


def _defaults(table: Table, keys: list[str]) -> dict[str, Any]:
    """The defaults of the columns not in `keys` that have one (SQLModel's field defaults)."""
    defaults: dict[str, Any] = {}
    for column in table.c:
        if column.name in keys or column.default is None:
            continue
        if not column.default.is_scalar:
            raise ValueError(f"{table.name}.{column.name} has a default that is not a constant")
        defaults[column.name] = column.default.arg  # type: ignore[attr-defined]
    return defaults


def _parameters(
    rows: Sequence[Mapping[str, Any]],
    keys: list[str],
    defaults: list[Any],
    processors: list[Processor],
) -> list[Any]:
    """The rows' values (then the defaults) in column order, each through its processor,
    as one flat list (the parameters of one `VALUES (…), (…)` statement)."""
    params: list[Any] = []
    for row in _processed(rows, keys, defaults, processors):
        params.extend(row)
    return params


def _processed(
    rows: Sequence[Mapping[str, Any]],
    keys: list[str],
    defaults: list[Any],
    processors: list[Processor],
) -> Iterator[tuple[Any, ...]]:
    """Each row's values (then the defaults) in column order, each through its processor.

    A column's value is often the very object of the row before (the import's time, the
    evidence's date): its processed value is then reused, not worked out again. Nothing
    changes the rows while this runs, so the same object gives the same value."""
    width = len(keys)
    constants = tuple(
        value if process is None else process(value)
        for value, process in zip(defaults, processors[width:], strict=True)
    )
    columns = [
        (position, key, process)
        for position, (key, process) in enumerate(zip(keys, processors, strict=False))
    ]
    last: list[Any] = [_NOTHING] * width
    done: list[Any] = [None] * width
    for row in rows:
        if len(row) != width:
            raise ValueError(f"a row has the columns {sorted(row)}, not {sorted(keys)}")
        for position, key, process in columns:
            value = row[key]
            if process is None:
                done[position] = value
            elif value is not last[position]:
                last[position], done[position] = value, process(value)
        yield (*done, *constants)
