"""Schema migrations: ordered SQL files under ``sayso/data/store/migrations``.

Each file is named ``NNNN_what.sql``; its number is the schema version it
brings the database to. Opening a store applies, in order and each in its
own transaction, every migration newer than the database's
``schema_version``, so an old corpus file is upgraded in place.
"""
from __future__ import annotations

import duckdb

from ..resources import data_file

VERSION_TABLE = """
CREATE TABLE IF NOT EXISTS schema_version (
    version  INTEGER PRIMARY KEY,
    name     TEXT NOT NULL,
    applied  TIMESTAMP NOT NULL DEFAULT current_timestamp
)"""


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) of every bundled migration, oldest first."""
    found = []
    for entry in data_file("store", "migrations").iterdir():
        if entry.name.endswith(".sql"):
            number, _, name = entry.name.removesuffix(".sql").partition("_")
            found.append((int(number), name, entry.read_text(encoding="utf-8")))
    return sorted(found)


def current_version(connection: duckdb.DuckDBPyConnection) -> int:
    connection.execute(VERSION_TABLE)
    return connection.execute("SELECT coalesce(max(version), 0) FROM schema_version"
                              ).fetchone()[0]


def migrate(connection: duckdb.DuckDBPyConnection) -> int:
    """Apply the pending migrations; return the schema version reached."""
    version = current_version(connection)
    for number, name, sql in migrations():
        if number > version:
            _apply(connection, number, name, sql)
            version = number
    return version


def _apply(connection: duckdb.DuckDBPyConnection, number: int, name: str, sql: str) -> None:
    connection.execute("BEGIN TRANSACTION")
    try:
        connection.execute(sql)
        connection.execute("INSERT INTO schema_version (version, name) VALUES (?, ?)",
                           [number, name])
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")
