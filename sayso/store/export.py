"""Corpus-level exports (docs/CONTRACT.md "Corpus-level exports") as JSONL, CSV or Parquet.

Per-document records come from each document's stored analysis, so they are
exactly what `sayso analyze` printed, with a ``document`` field added; Parquet
keeps them nested. In CSV, attributions and events are flat rows
(`sayso.store.flat`: one column per value, channels as a readable chain) that
pandas or a spreadsheet load as they are; other nested values are JSON text in
their cell. ``gdelt-events`` gives one row per event in the column names of
GDELT's event table.
"""
from __future__ import annotations

import csv
import json
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

import duckdb

from ..errors import StoreError, UsageError
from .db import Store
from .claim_graph import write_claim_graphml
from .flat import CSV_FIELDS, GDELT_FIELDS, flat_rows, gdelt_events
from .graph import GRAPH_WRITERS, provenance_graph

DOCUMENT_FIELDS = ("id", "title", "outlet", "url", "published", "author", "lang",
                   "sha256", "text", "boilerplate", "duplicate_of", "story")
FIELDS = {
    "documents": DOCUMENT_FIELDS,
    "actors": ("document", "id", "name", "kind", "title", "role", "affiliation",
               "aliases", "codes", "mentions"),
    "attributions": ("document", "id", "form", "source", "cue", "content", "stance",
                     "hedged", "via", "parent"),
    "events": ("document", "id", "type", "mode", "cameo", "trigger", "actor", "target",
               "sentence", "attribution", "modality"),
    "stories": ("story", "documents", "label"),
    "claims": ("claim", "story", "text", "members", "statements", "sources", "origins",
               "outlets", "contested", "contested_by", "laundered", "laundered_in",
               "first_seen", "last_seen"),
    "statements": ("document", "id", "span", "text", "attribution", "claim"),
}
JSON_COLUMNS = ("documents", "members", "sources", "contested_by", "laundered_in")
RECORD_EXPORTS = ("actors", "attributions", "events")
FIELDS["gdelt-events"] = GDELT_FIELDS
GRAPH_FORMATS = ("graphml", "prov-jsonld")
TABLE_FORMATS = ("jsonl", "csv", "parquet")


def export_records(store: Store, what: str, *, min_articles: int = 1
                   ) -> Iterator[dict[str, Any]]:
    """The records of one export, in document (or story, claim) id order;
    claims carried by fewer than `min_articles` articles are left out."""
    if what == "documents":
        return _documents(store)
    if what in RECORD_EXPORTS:
        return _per_document_records(store, what)
    if what == "stories":
        return _linked(store, what, "true", [])
    if what == "claims":
        return _linked(store, what, "articles >= ?", [min_articles])
    if what == "statements":
        return _statements(store)
    if what == "gdelt-events":
        return gdelt_events(store)
    raise UsageError(f"unknown export {what!r}; choose from "
                     f"{', '.join((*FIELDS, 'graph'))}")


def _documents(store: Store) -> Iterator[dict[str, Any]]:
    columns = ", ".join(DOCUMENT_FIELDS)
    for row in store.iterate(f"SELECT {columns} FROM documents ORDER BY id"):
        record = dict(zip(DOCUMENT_FIELDS, row))
        record["boilerplate"] = json.loads(record["boilerplate"])
        yield record


def _per_document_records(store: Store, what: str) -> Iterator[dict[str, Any]]:
    for doc_id, records in store.iterate(
            f"SELECT id, records->'{what}' FROM documents ORDER BY id"):
        for record in json.loads(records):
            yield {"document": doc_id, **record}


def _linked(store: Store, what: str, where: str, params: list[Any]
            ) -> Iterator[dict[str, Any]]:
    fields = FIELDS[what]
    key = fields[0]  # "s2" before "s10"
    for row in store.iterate(f"SELECT {', '.join(fields)} FROM {what} WHERE {where} "
                             f"ORDER BY length({key}), {key}", params):
        record = dict(zip(fields, row))
        for key in JSON_COLUMNS:
            if key in record:
                record[key] = json.loads(record[key])
        yield record


def _statements(store: Store) -> Iterator[dict[str, Any]]:
    """Every claim member with its span, by document and place in it."""
    for document, member, start, end, text, attribution, claim in store.iterate(
            "SELECT document, member, span_start, span_end, text, attribution, claim "
            "FROM link_statements ORDER BY document, position"):
        yield {"document": document, "id": member, "span": [start, end], "text": text,
               "attribution": attribution, "claim": claim}


def write_jsonl(records: Iterator[dict[str, Any]], out: TextIO) -> int:
    count = 0
    for count, record in enumerate(records, start=1):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return count


def write_csv(records: Iterator[dict[str, Any]], fields: tuple[str, ...], out: TextIO) -> int:
    writer = csv.writer(out)
    writer.writerow(fields)
    count = 0
    for count, record in enumerate(records, start=1):
        writer.writerow([_cell(record.get(field)) for field in fields])
    return count


def _cell(value: Any) -> Any:
    if isinstance(value, (list, dict, bool)):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else value


def write_parquet(records: Iterator[dict[str, Any]], fields: tuple[str, ...],
                  path: Path) -> int:
    """Parquet through DuckDB's own writer, with nested values as nested types."""
    with tempfile.TemporaryDirectory(prefix="sayso-export-") as scratch:
        staged = Path(scratch) / "records.jsonl"
        with open(staged, "w", encoding="utf-8") as handle:
            count = write_jsonl(records, handle)
        source = (f"read_json('{_quoted(staged)}', format = 'newline_delimited', "
                  "sample_size = -1)" if count else
                  "(SELECT " + ", ".join(f"NULL::VARCHAR AS {f}" for f in fields)
                  + " WHERE false)")
        try:
            with duckdb.connect() as connection:
                connection.execute(f"COPY (SELECT * FROM {source}) TO '{_quoted(path)}' "
                                   "(FORMAT parquet)")
        except duckdb.Error as exc:
            raise StoreError(f"{path}: cannot write Parquet: {exc}") from exc
    return count


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")


def export(store: Store, what: str, format: str, out: TextIO | None,
           path: Path | None, *, min_articles: int = 1) -> int:
    """Write one export; return how many records were written.

    JSONL and CSV go to ``out``; Parquet needs a file ``path``.
    """
    if format not in TABLE_FORMATS:
        raise UsageError(f"unknown --format {format!r} for {what}; "
                         f"choose from {', '.join(TABLE_FORMATS)}")
    records = export_records(store, what, min_articles=min_articles)
    if format == "jsonl":
        return write_jsonl(records, out)
    if format == "csv" and what in CSV_FIELDS:
        return write_csv(flat_rows(store, what), CSV_FIELDS[what], out)
    if format == "csv":
        return write_csv(records, FIELDS[what], out)
    if path is None:
        raise UsageError("--format parquet needs --output FILE")
    return write_parquet(records, FIELDS[what], path)


def export_to(store: Store, what: str, format: str, path: Path | None, *,
              min_articles: int = 1) -> int:
    """Write an export (or the ``graph``) to ``path``, or to stdout when None.

    Returns the number of records (for the graph: of nodes) written.
    """
    if what == "graph":
        if format not in GRAPH_FORMATS:
            raise UsageError(f"unknown --format {format!r} for graph; "
                             f"choose from {', '.join(GRAPH_FORMATS)}")
        with _output(path) as out:
            if format == "graphml":
                return write_claim_graphml(store, out)
            graph = provenance_graph(store)
            GRAPH_WRITERS[format](graph, out)
        return len(graph.nodes)
    if format == "parquet":
        return export(store, what, format, None, path, min_articles=min_articles)
    with _output(path) as out:
        return export(store, what, format, out, path, min_articles=min_articles)


@contextmanager
def _output(path: Path | None) -> Iterator[TextIO]:
    if path is None:
        yield sys.stdout
        return
    try:
        handle = open(path, "w", encoding="utf-8", newline="")
    except OSError as exc:
        raise UsageError(f"{path}: cannot write: {exc.strerror}") from exc
    with handle:
        yield handle
