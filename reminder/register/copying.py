"""Rows written to PostgreSQL with COPY, the bulk path of `values.insert_values`.

A multi-row `INSERT … VALUES` is parsed and planned by the server for every statement,
and psycopg writes each of its parameters separately; on a large import that waiting
was a third of the time. COPY streams the rows as they are, in one statement per call.
It returns nothing, so the new rows' keys are drawn from the table's sequence first and
written with the rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Table


def copy_rows(
    *,
    connection: Connection,
    table: Table,
    columns: Sequence[str],
    rows: Iterable[tuple[Any, ...]],
    count: int,
    numbered: str | None = None,
) -> list[int]:
    """COPY `rows` (`count` of them, values for `columns` already through their bind
    processors) into `table`, in the connection's transaction. With `numbered` (the
    table's integer key), each row is first given a key from the key's sequence: those
    keys, in the order of the rows, are returned; otherwise an empty list."""
    import psycopg

    driver = connection.connection.driver_connection
    assert isinstance(driver, psycopg.Connection)
    preparer = connection.dialect.identifier_preparer
    names = [*([numbered] if numbered else []), *columns]
    statement = (
        f"COPY {preparer.format_table(table)} "
        f"({', '.join(preparer.quote(name) for name in names)}) FROM STDIN"
    )
    ids: list[int] = []
    with driver.cursor() as cursor:
        if numbered:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                (preparer.format_table(table), numbered, count),
            )
            ids = [row[0] for row in cursor.fetchall()]
        with cursor.copy(statement) as copy:
            if numbered:
                for key, row in zip(ids, rows, strict=True):
                    copy.write_row((key, *row))
            else:
                for row in rows:
                    copy.write_row(row)
    return ids
