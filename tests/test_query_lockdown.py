"""`sayso query` is read-only for real: one reading statement, no files
outside the corpus, no settings, bounded time and rows (issue 18)."""
from __future__ import annotations

import json
import time

import pytest
from typer.testing import CliRunner

from sayso.cli import app
from sayso.errors import StoreError
from sayso.store import Store
from sayso.store.readonly import QueryLimits, run_user_sql
from store_helpers import sample_analysis

runner = CliRunner()


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "corpus.duckdb"
    with Store(path) as store:
        store.put(sample_analysis("d1"))
    return str(path)


def query(db: str, sql: str, *options: str):
    return runner.invoke(app, ["query", "--db", db, *options, sql])


def assert_refused(result, *words: str) -> None:
    assert result.exit_code == 1, result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("sayso: "), result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    for word in words:
        assert word in lines[0]


@pytest.mark.parametrize("target", ["out.csv", "out.parquet"])
def test_copy_to_a_file_writes_nothing(db, tmp_path, target):
    path = tmp_path / target
    assert_refused(query(db, f"COPY (SELECT * FROM documents) TO '{path}'"),
                   "refused", "COPY")
    assert not path.exists()


def test_export_database_writes_nothing(db, tmp_path):
    assert_refused(query(db, f"EXPORT DATABASE '{tmp_path / 'dump'}'"), "refused")
    assert not (tmp_path / "dump").exists()


@pytest.mark.parametrize("sql", [
    "SELECT * FROM read_text('/etc/passwd')",
    "SELECT * FROM read_blob('/etc/hostname')",
    "SELECT * FROM read_csv('/etc/passwd')",
    "SELECT * FROM read_json_auto('/etc/passwd')",
    "SELECT * FROM read_parquet('/etc/passwd')",
    "SELECT * FROM glob('/*')",
    "SELECT * FROM sniff_csv('/etc/passwd')",
    "SELECT * FROM 'https://example.org/a.csv'",
])
def test_file_reading_functions_are_refused(db, sql):
    assert_refused(query(db, sql), "refused", "reads only the corpus tables")


@pytest.mark.parametrize("sql", [
    "SET memory_limit = '100GB'", "SET threads = 8", "PRAGMA threads = 4",
    "RESET memory_limit", "SET enable_external_access = true",
    "CREATE TEMP TABLE t AS SELECT 1", "CREATE TEMP MACRO m(a) AS a",
    "ATTACH ':memory:' AS other", "INSTALL httpfs", "LOAD httpfs",
    "CALL pragma_version()", "CHECKPOINT", "PRAGMA database_list", "VACUUM",
    "DROP TABLE documents", "DELETE FROM documents", "UPDATE documents SET title = 'x'",
    "INSERT INTO quarantine VALUES ('a', 'b', now())", "SET VARIABLE x = 1",
    "EXPLAIN ANALYZE CREATE TEMP TABLE t AS SELECT 1", "explain analyse SET threads = 8",
])
def test_statements_other_than_reading_ones_are_refused(db, sql):
    assert_refused(query(db, sql), "refused", "read-only")


def test_a_second_statement_is_refused_not_silently_run(db):
    assert_refused(query(db, "SELECT 1; SELECT 2"), "2 statements")


def test_unbounded_work_is_stopped_by_the_timeout(db):
    began = time.monotonic()
    result = query(db, "SELECT count(*) FROM range(10000000000) t, range(1000) u",
                   "--timeout", "1")
    assert time.monotonic() - began < 20
    assert_refused(result, "stopped after 1 s")


def test_rows_past_the_limit_are_not_printed(db):
    result = query(db, "SELECT range AS n FROM range(1000000000)", "-f", "jsonl",
                   "--max-rows", "5")
    assert result.exit_code == 0
    assert [json.loads(line)["n"] for line in result.stdout.splitlines()] == [0, 1, 2, 3, 4]
    assert "first 5 rows" in result.stderr


@pytest.mark.parametrize("sql", [
    "SELECT id FROM documents", "WITH d AS (SELECT id FROM documents) SELECT * FROM d",
    "DESCRIBE documents", "SHOW TABLES", "SUMMARIZE attributions",
    "EXPLAIN SELECT * FROM documents", "EXPLAIN ANALYZE SELECT count(*) FROM documents",
])
def test_reading_statements_still_run(db, sql):
    result = query(db, sql, "-f", "jsonl")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip()


def test_json_columns_are_json_in_jsonl(db):
    result = query(db, "SELECT name, aliases, codes FROM actors WHERE name = 'Ana Ruiz'",
                   "-f", "jsonl")
    assert json.loads(result.stdout) == {"name": "Ana Ruiz", "aliases": ["Ruiz"],
                                         "codes": {"cameo": "GOV"}}


def test_the_library_door_refuses_the_same(db):
    with pytest.raises(StoreError, match="refused"):
        run_user_sql(db, "SELECT * FROM read_text('/etc/passwd')")
    result = run_user_sql(db, "SELECT count(*) FROM documents", QueryLimits(max_rows=1))
    assert result.rows == [(1,)] and not result.truncated


def test_serve_listens_on_loopback_unless_told_otherwise():
    import inspect

    from sayso.cli import serve
    assert inspect.signature(serve).parameters["host"].default.default == "127.0.0.1"
