"""The DuckDB corpus store: one row set per document, replaced atomically.

A stored document's version is its ``sha256`` and the fingerprint of the
analyser that produced its records (`sayso.store.fingerprint`): putting a
document already stored in the same version is a no-op; a changed text or a
new analyser replaces every row of the old one in the same transaction, and
marks its links stale so the next linking relinks it. ``Store(":memory:")``
gives an in-process store for tests.
"""
from __future__ import annotations

import json
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

import duckdb

from ..errors import StoreError
from ..model import Analysis, Boilerplate, Document, Failure
from .migrations import migrate
from .sql import record_statements

DEFAULT_DB = "sayso.duckdb"
MEMORY = ":memory:"
LOCK_WAIT_SECONDS = 2.0

DOCUMENT_COLUMNS = ("id", "sha256", "title", "outlet", "url", "published", "author",
                    "lang", "text", "boilerplate", "records")
PER_DOCUMENT_TABLES = ("actors", "actor_mentions", "attributions", "channels", "events")


class Version(NamedTuple):
    """What a stored document is: its text's hash and the analyser that
    produced its records (None: unknown, stored before fingerprints)."""

    sha256: str
    analyser: str | None


class Store:
    """A sayso corpus in a DuckDB file (or in memory).

    ``read_only=True`` opens an existing database that cannot be changed
    through this store (`sayso query` and the other query commands use it).
    """

    def __init__(self, path: str | Path = DEFAULT_DB, *, read_only: bool = False):
        self.path = str(path)
        self.read_only = read_only
        self._connection = _connect(self.path, read_only)
        if not read_only:
            self._guard(lambda: migrate(self._connection), "cannot set up the schema")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._connection.close()

    # -- writing -----------------------------------------------------------

    def put(self, analysis: Analysis, *, analyser: str | None = None,
            force: bool = False, reanalysis: int | None = None) -> bool:
        """Store one analysis; False when it was already stored (see `put_many`)."""
        return self.put_many([analysis], analyser=analyser, force=force,
                             reanalysis=reanalysis)[0]

    def put_many(self, analyses: Sequence[Analysis], *, analyser: str | None = None,
                 force: bool = False, reanalysis: int | None = None) -> list[bool]:
        """Store analyses in one transaction; per analysis, whether it was written.

        ``analyser`` is the fingerprint of what produced them (None: unknown).
        An analysis whose document is stored with the same sha256 and analyser
        is not written, unless ``force``. Putting with ``analyser=None`` over a
        document that ingest stored with a fingerprint writes it (the analysers
        differ) and leaves it to be re-analysed by the next ingest. Within the batch a later analysis
        with the same id wins. ``reanalysis`` is the pending re-analysis request
        (`sayso.store.reanalysis`) the written documents are recorded with.
        """
        latest = {a.document.id: a for a in analyses}
        known = self.known_versions(latest)
        changed = [a for a in latest.values()
                   if force or known.get(a.document.id) != (a.document.sha256, analyser)]
        if changed:
            replaced = [a.document.id for a in changed if a.document.id in known]
            with self.transaction():
                self._guard(lambda: self._replace(changed, replaced, analyser, reanalysis),
                            "cannot store documents")
        written = {a.document.id for a in changed}
        return [a.document.id in written and latest[a.document.id] is a for a in analyses]

    def _replace(self, analyses: list[Analysis], replaced: list[str],
                 analyser: str | None, reanalysis: int | None) -> None:
        ids = [a.document.id for a in analyses]
        if replaced:
            self._delete_documents(replaced)
        rows = [_document_row(a) for a in analyses]
        columns = [list(column) for column in zip(*rows)]
        unnested = ", ".join(f"unnest(${n}::TEXT[])" for n in range(1, len(columns) + 1))
        self._connection.execute(
            f"INSERT INTO documents ({', '.join(DOCUMENT_COLUMNS)}, analyser) "
            f"SELECT {unnested}, ${len(columns) + 1}::TEXT", [*columns, analyser])
        for statement in record_statements().values():
            self._connection.execute(statement, [ids, columns[-1]])
        self._connection.execute(
            "DELETE FROM quarantine WHERE source IN (SELECT unnest(?::TEXT[]))", [ids])
        if reanalysis is not None:
            self._connection.execute(
                "INSERT OR IGNORE INTO reanalysed_documents (request, document) "
                "SELECT ?, unnest(?::TEXT[])", [reanalysis, ids])

    def _delete_documents(self, ids: list[str]) -> None:
        """Delete every row of these documents and mark their links stale."""
        for table in (*PER_DOCUMENT_TABLES, "documents"):
            key = "id" if table == "documents" else "document"
            self._connection.execute(
                f"DELETE FROM {table} WHERE {key} IN (SELECT unnest(?::TEXT[]))", [ids])
        self._connection.execute(
            "UPDATE link_documents SET stale = true WHERE id IN (SELECT unnest(?::TEXT[]))",
            [ids])

    def quarantine(self, source: str, message: str) -> None:
        """Record an input that failed; a later failure of the same input replaces it."""
        self._guard(lambda: self._connection.execute(
            "INSERT OR REPLACE INTO quarantine (source, message) VALUES (?, ?)",
            [source, message]), "cannot write to quarantine")

    def forget_failures(self, inputs: Iterable[str]) -> None:
        """Drop the quarantine entries of these inputs (a path, its lines, files under it)."""
        self._guard(lambda: self._connection.execute(
            "DELETE FROM quarantine WHERE EXISTS (SELECT 1 FROM unnest(?::TEXT[]) AS t(input) "
            "WHERE source = input OR starts_with(source, input || ':') "
            "OR starts_with(source, rtrim(input, '/') || '/'))", [list(inputs)]),
            "cannot write to quarantine")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside commit together or not at all."""
        self._guard(lambda: self._connection.execute("BEGIN TRANSACTION"),
                    "cannot start a transaction")
        try:
            yield
        except BaseException:
            self._connection.execute("ROLLBACK")
            raise
        self._guard(lambda: self._connection.execute("COMMIT"), "cannot commit")

    # -- reading -----------------------------------------------------------

    def known_versions(self, ids: Iterable[str]) -> dict[str, Version]:
        """The stored version of each of these document ids that is stored."""
        rows = self.fetch("SELECT id, sha256, analyser FROM documents "
                          "WHERE id IN (SELECT unnest(?::TEXT[]))", [list(ids)])
        return {doc_id: Version(sha256, analyser) for doc_id, sha256, analyser in rows}

    def get(self, doc_id: str) -> Analysis:
        """The stored analysis of a document, exactly as it was put."""
        rows = self.fetch(f"SELECT {', '.join(DOCUMENT_COLUMNS)} FROM documents "
                          "WHERE id = ?", [doc_id])
        if not rows:
            raise StoreError(f"{self.path}: no document with id {doc_id!r}")
        return _analysis_from_row(rows[0])

    def analyses(self) -> Iterator[Analysis]:
        """Every stored analysis, by document id."""
        for row in self.iterate(f"SELECT {', '.join(DOCUMENT_COLUMNS)} FROM documents "
                                "ORDER BY id"):
            yield _analysis_from_row(row)

    def quarantined(self) -> list[Failure]:
        return [Failure(source, message) for source, message in
                self.fetch("SELECT source, message FROM quarantine ORDER BY failed_at, source")]

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        tables = ("documents", *PER_DOCUMENT_TABLES, "quarantine", "stories", "claims")
        return {table: self.fetch(f"SELECT count(*) FROM {table}")[0][0]
                for table in tables}

    def schema_version(self) -> int:
        return self.fetch("SELECT max(version) FROM schema_version")[0][0] or 0

    def fetch(self, sql: str, params: Sequence[Any] | None = None) -> list[tuple]:
        """All rows of a query."""
        return self._guard(lambda: self._connection.execute(sql, params).fetchall(),
                           "query failed")

    def columns_and_rows(self, sql: str, params: Sequence[Any] | None = None
                         ) -> tuple[list[str], list[tuple]]:
        """Column names and rows of a query (for `sayso query` and the web UI)."""
        def run() -> tuple[list[str], list[tuple]]:
            cursor = self._connection.execute(sql, params)
            names = [column[0] for column in cursor.description or ()]
            return names, cursor.fetchall()
        return self._guard(run, "query failed")

    def iterate(self, sql: str, params: Sequence[Any] | None = None) -> Iterator[tuple]:
        """The rows of a query, fetched a few hundred at a time."""
        cursor = self._guard(lambda: self._connection.cursor().execute(sql, params),
                             "query failed")
        while rows := cursor.fetchmany(256):
            yield from rows

    def _guard(self, action, problem: str):
        try:
            return action()
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: {problem}: {_first_line(exc)}") from exc


def _connect(path: str, read_only: bool, config: dict[str, Any] | None = None
             ) -> duckdb.DuckDBPyConnection:
    """Open the database; a lock held for a moment (`sayso serve` copying the
    corpus) is waited out for up to `LOCK_WAIT_SECONDS`."""
    if path != MEMORY and read_only and not Path(path).exists():
        raise StoreError(f"{path}: no such database")
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    while True:
        try:
            return duckdb.connect(path, read_only=read_only, config=config or {})
        except duckdb.Error as exc:
            if "Could not set lock" not in str(exc) or time.monotonic() >= deadline:
                raise StoreError(f"{path}: {_open_problem(exc)}") from exc
            time.sleep(0.1)


def _open_problem(exc: duckdb.Error) -> str:
    message = _first_line(exc)
    if "Could not set lock" in message:
        holder = message.split("(PID ", 1)[-1].split(")", 1)[0]
        pid = f" (PID {holder})" if holder.isdigit() else ""
        return f"database is locked by another sayso or DuckDB process{pid}; " \
               "wait for it to finish"
    if "not a valid DuckDB database" in message:
        return "not a DuckDB database"
    return f"cannot open the database: {message}"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text.removeprefix("IO Error: ")


def _document_row(analysis: Analysis) -> tuple:
    document = analysis.document
    records = {"schema": analysis.schema,
               **{key: value for key, value in analysis.to_dict().items()
                  if key in ("actors", "attributions", "events")}}
    boilerplate = [b.to_dict() for b in document.boilerplate]
    return (document.id, document.sha256, document.title, document.outlet,
            document.url, document.published, document.author, document.lang,
            document.text, json.dumps(boilerplate), json.dumps(records, ensure_ascii=False))


def _analysis_from_row(row: tuple) -> Analysis:
    values = dict(zip(DOCUMENT_COLUMNS, row))
    records = json.loads(values.pop("records"))
    boilerplate = tuple(Boilerplate.from_dict(b) for b in json.loads(values.pop("boilerplate")))
    document = Document(**values, boilerplate=boilerplate)
    return Analysis.from_dict({**records, "document": document.to_dict()})
