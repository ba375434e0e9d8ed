"""Resumable ``sayso ingest --reanalyze``: pending re-analysis requests.

A forced re-analysis of some paths is a request, stored when its first run
starts and deleted when a run over the same paths finishes; documents that
fail are quarantined as usual and do not keep it pending. `Store.put_many`
records each document a request re-analyses in the same transaction as the
document's new records, so a run stopped at any point (Ctrl-C, ``kill -9``)
leaves exactly its committed documents recorded, and the next ``--reanalyze``
run over the same paths skips them.

A request belongs to its paths (absolute, sorted, without repeats) and to its
analysis (the analyser fingerprint and a digest of the data files, lexicons
included). A ``--reanalyze`` run over other paths starts or resumes the
request for its own paths and leaves the others pending: it never skips a
document because another request re-analysed it. A run whose analyser or
data files differ from those its request started with starts it over.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable

from .db import Store


def request_paths(paths: Iterable[str]) -> str:
    """The key of the request for these input paths (``-``, stdin, kept as is)."""
    absolute = {path if path == "-" else os.path.abspath(path) for path in paths}
    return json.dumps(sorted(absolute), ensure_ascii=False)


def open_request(store: Store, paths: Iterable[str], analysis: str) -> int:
    """The id of the pending request for these paths, started now when there
    is none or when it was started by another analysis."""
    key = request_paths(paths)
    with store.transaction():
        pending = store.fetch("SELECT id, analysis FROM reanalysis_requests WHERE paths = ?",
                              [key])
        if not pending:
            return _start(store, key, analysis)
        request, started_with = pending[0]
        if started_with != analysis:
            _restart(store, request, analysis)
    return request


def _start(store: Store, key: str, analysis: str) -> int:
    (request,), = store.fetch("SELECT coalesce(max(id), 0) + 1 FROM reanalysis_requests")
    store.fetch("INSERT INTO reanalysis_requests (id, paths, analysis) VALUES (?, ?, ?)",
                [request, key, analysis])
    return request


def _restart(store: Store, request: int, analysis: str) -> None:
    store.fetch("DELETE FROM reanalysed_documents WHERE request = ?", [request])
    store.fetch("UPDATE reanalysis_requests SET analysis = ?, started = current_timestamp "
                "WHERE id = ?", [analysis, request])


def reanalysed(store: Store, request: int, ids: Iterable[str]) -> set[str]:
    """Those of these document ids that the request has re-analysed."""
    rows = store.fetch("SELECT document FROM reanalysed_documents WHERE request = ? "
                       "AND document IN (SELECT unnest(?::TEXT[]))", [request, list(ids)])
    return {document for document, in rows}


def finish_request(store: Store, request: int) -> None:
    """Forget a request whose run has been through all its paths."""
    with store.transaction():
        store.fetch("DELETE FROM reanalysed_documents WHERE request = ?", [request])
        store.fetch("DELETE FROM reanalysis_requests WHERE id = ?", [request])

