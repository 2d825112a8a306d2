"""Many rows in one `INSERT … VALUES (…), (…)` statement, handed to the driver as it is.

SQLAlchemy's executemany builds and processes each row's parameters in Python (a
dictionary per row, then every value through its type), which cost an import of 100,000
actions more than the database's own work. Here each column's type processor is looked
up once per batch and the statement is written once per batch size, so a row costs one
pass over its values. The values stored are those SQLAlchemy would store: each goes
through its column's own bind processor (JSON, aware UTC datetimes, booleans).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Table

# Parameters per statement: under SQLite's 32,766 and PostgreSQL's 65,535.
MAX_PARAMETERS = 30_000
# Rows per statement at most, however few their columns.
MAX_ROWS = 1_000
_NOTHING = object()


def insert_values(
    *,
    connection: Connection,
    table: Table,
    rows: Sequence[Mapping[str, Any]],
    returning: Sequence[str] = (),
) -> list[tuple[Any, ...]]:
    """Insert `rows` (each with the same keys, column names of `table`) into `table`, in
    as few statements as the limits allow; the `returning` columns of every inserted row,
    in no particular order. A column left out takes its (scalar) default, as in Core.
    Raises ValueError when a row's keys differ from the first's, or a column left out
    has a default that is not a constant.
    """
    if not rows:
        return []
    dialect = connection.dialect
    keys = list(rows[0])
    defaults = _defaults(table, keys)
    processors: list[Callable[[Any], Any] | None] = [
        table.c[key].type.dialect_impl(dialect).bind_processor(dialect)
        for key in [*keys, *defaults]
    ]
    quote = dialect.identifier_preparer.quote
    head = (
        f"INSERT INTO {dialect.identifier_preparer.format_table(table)} "
        f"({', '.join(quote(key) for key in [*keys, *defaults])}) VALUES "
    )
    tail = f" RETURNING {', '.join(quote(name) for name in returning)}" if returning else ""
    width = len(processors)
    size = max(1, min(MAX_ROWS, MAX_PARAMETERS // width))
    numbered = dialect.driver == "psycopg"
    statements: dict[int, str] = {}
    found: list[tuple[Any, ...]] = []
    for start in range(0, len(rows), size):
        batch = rows[start : start + size]
        params = _parameters(batch, keys, list(defaults.values()), processors)
        statement = statements.get(len(batch))
        if statement is None:
            statement = head + _marks(len(batch), width, numbered=numbered) + tail
            statements[len(batch)] = statement
        if numbered:
            found.extend(_execute_raw(connection, statement, params, returning=bool(returning)))
            continue
        result = connection.exec_driver_sql(statement, tuple(params))
        if returning:
            found.extend(tuple(row) for row in result)
    return found


def _marks(rows: int, width: int, *, numbered: bool) -> str:
    """The placeholders of `rows` rows of `width` values: `?` (SQLite) or `$n` (psycopg)."""
    if not numbered:
        one = "(" + ", ".join(["?"] * width) + ")"
        return ", ".join([one] * rows)
    return ", ".join(
        "(" + ", ".join(f"${row * width + n + 1}" for n in range(width)) + ")"
        for row in range(rows)
    )


def _execute_raw(
    connection: Connection, statement: str, params: list[Any], *, returning: bool
) -> list[tuple[Any, ...]]:
    """Run `statement` on psycopg's own connection (the same transaction) with `$n`
    placeholders: psycopg then sends it as written, where for `%s` it would scan the
    whole statement for them again on every batch (most of the time of a large import)."""
    import psycopg

    driver = connection.connection.driver_connection
    assert isinstance(driver, psycopg.Connection)
    with psycopg.RawCursor(driver) as cursor:
        cursor.execute(statement, params)
        return [tuple(row) for row in cursor.fetchall()] if returning else []


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
    processors: list[Callable[[Any], Any] | None],
) -> list[Any]:
    """The rows' values (then the defaults) in column order, each through its processor.

    A column's value is often the very object of the row before (the import's time, the
    evidence's date): its processed value is then reused, not worked out again. Nothing
    changes the rows while this runs, so the same object gives the same value."""
    width = len(keys)
    constants = [
        value if process is None else process(value)
        for value, process in zip(defaults, processors[width:], strict=True)
    ]
    params: list[Any] = []
    append = params.append
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
                append(value)
            elif value is last[position]:
                append(done[position])
            else:
                last[position], done[position] = value, process(value)
                append(done[position])
        params.extend(constants)
    return params
