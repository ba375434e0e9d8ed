"""SQL that a person types, run so that it can only read the corpus.

`run_user_sql` is the one door for user SQL (`sayso query`; the web UI if it
ever takes SQL goes through it too). It opens the database read-only with
DuckDB's own locks (no file system access outside the database file, no
extensions, a memory limit, the configuration locked so ``SET`` cannot undo
any of it), admits exactly one statement of a reading type (SELECT, WITH,
DESCRIBE, SHOW, SUMMARIZE, EXPLAIN), stops it after a timeout and returns at
most a row limit. Columns of type JSON come back as JSON values, not strings.
Every refusal is a one-line `StoreError`.
"""
from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ..errors import StoreError
from .db import _connect as connect
from .db import _first_line

_EXPLAIN = re.compile(r"^\s*EXPLAIN(\s+ANALY[SZ]E)?\s+", re.IGNORECASE)
LOCKED_CONFIG = {
    "enable_external_access": False,
    "autoload_known_extensions": False,
    "autoinstall_known_extensions": False,
    "memory_limit": "2GB",
    "threads": 2,
    "lock_configuration": True,  # last: nothing after it can be changed
}
ALLOWED = "one SELECT (or WITH, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN) statement"


@dataclass(frozen=True)
class QueryLimits:
    """How long a user query may run (seconds) and how many rows it returns."""

    timeout: float = 30.0
    max_rows: int = 100_000


@dataclass(frozen=True)
class QueryResult:
    columns: list[str]
    rows: list[tuple]
    truncated: bool  # more rows than the limit: only the first max_rows are here


def run_user_sql(db: str | Path, sql: str, limits: QueryLimits = QueryLimits()
                 ) -> QueryResult:
    """Run one reading statement on the corpus at ``db``, locked down."""
    connection = connect(str(db), read_only=True, config=LOCKED_CONFIG)
    try:
        statement = only_reading_statement(connection, sql, str(db))
        return _run_bounded(connection, statement, limits, str(db))
    finally:
        connection.close()


def only_reading_statement(connection: duckdb.DuckDBPyConnection, sql: str,
                           db: str) -> duckdb.Statement:
    """The one statement in ``sql``, or StoreError when it is not one reading one."""
    try:
        statements = connection.extract_statements(sql)
    except duckdb.Error as exc:
        raise StoreError(f"{db}: query failed: {_first_line(exc)}") from exc
    if len(statements) != 1:
        raise StoreError(f"{db}: query refused: {len(statements)} statements; "
                         f"give {ALLOWED}")
    statement = statements[0]
    kind = _kind(connection, statement)
    if kind is not duckdb.StatementType.SELECT:
        name = str(kind).rsplit(".", 1)[-1]
        raise StoreError(f"{db}: query refused: a {name} statement; the database is "
                         f"read-only and sayso query runs {ALLOWED}")
    return statement


def _kind(connection: duckdb.DuckDBPyConnection,
          statement: duckdb.Statement) -> duckdb.StatementType:
    """The statement's type; for EXPLAIN [ANALYZE], the type of what it explains
    (EXPLAIN ANALYZE runs it)."""
    if statement.type is not duckdb.StatementType.EXPLAIN:
        return statement.type
    inner = connection.extract_statements(_EXPLAIN.sub("", statement.query, count=1))
    return inner[0].type if len(inner) == 1 else statement.type


def _run_bounded(connection: duckdb.DuckDBPyConnection, statement: duckdb.Statement,
                 limits: QueryLimits, db: str) -> QueryResult:
    timer = threading.Timer(limits.timeout, connection.interrupt)
    timer.start()
    try:
        cursor = connection.execute(statement.query)
        rows = cursor.fetchmany(limits.max_rows + 1)
        description = cursor.description or ()
    except duckdb.InterruptException as exc:
        raise StoreError(f"{db}: query stopped after {limits.timeout:g} s "
                         "(--timeout); narrow it or add a LIMIT") from exc
    except duckdb.PermissionException as exc:
        raise StoreError(f"{db}: query refused: {_first_line(exc)}; sayso query "
                         "reads only the corpus tables") from exc
    except duckdb.Error as exc:
        raise StoreError(f"{db}: query failed: {_first_line(exc)}") from exc
    finally:
        timer.cancel()
    columns = [column[0] for column in description]
    json_columns = [str(column[1]) == "JSON" for column in description]
    kept = [_decoded(row, json_columns) for row in rows[:limits.max_rows]]
    return QueryResult(columns, kept, truncated=len(rows) > limits.max_rows)


def _decoded(row: tuple, json_columns: list[bool]) -> tuple:
    return tuple(json.loads(value) if is_json and isinstance(value, str) else value
                 for value, is_json in zip(row, json_columns))
