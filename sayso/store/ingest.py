"""Ingest: read inputs, analyse what is new or changed, store it in batches.

Documents whose id and sha256 are already stored are skipped before they are
parsed, and every batch of ``batch_size`` analyses is committed in one
transaction, so re-running the same ingest after a crash (even ``kill -9``)
resumes where the last commit left off: nothing is lost or stored twice.
Inputs and documents that fail go to the store's quarantine; the batch goes on.
"""
from __future__ import annotations

import gzip
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from ..config import Config
from ..engines.local import analyze_documents
from ..errors import StoreError, UsageError
from ..link.persist import update_links
from ..model import Analysis, Document, Failure
from ..read import read_paths
from .db import Store

STORED, UNCHANGED, FAILED = "stored", "unchanged", "failed"
DEFAULT_BATCH_SIZE = 100

SINGLE_DOCUMENT_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")


@dataclass
class IngestSummary:
    """What one ingest run did."""

    stored: int = 0
    unchanged: int = 0
    failed: int = 0

    @property
    def seen(self) -> int:
        return self.stored + self.unchanged + self.failed

    def __str__(self) -> str:
        return (f"ingested {self.stored}, skipped {self.unchanged} as unchanged, "
                f"failed {self.failed}")


ProgressHook = Callable[[str, str], None]
"""Called once per input document with its outcome and its id or failure line."""

CommitHook = Callable[[IngestSummary], None]
"""Called after each committed batch with the running totals."""


def ingest_paths(paths: Iterable[str], store: Store, *, config: Config = Config(),
                 batch_size: int = DEFAULT_BATCH_SIZE,
                 on_progress: ProgressHook | None = None,
                 on_commit: CommitHook | None = None) -> IngestSummary:
    """Ingest every document under these paths (see `ingest_documents`).

    Earlier quarantine entries of these paths are dropped first: the ones
    that still fail are quarantined again.
    """
    paths = list(paths)
    store.forget_failures(paths)
    return ingest_documents(_read_each(paths), store, config=config,
                            batch_size=batch_size, on_progress=on_progress,
                            on_commit=on_commit)


def _read_each(paths: Iterable[str]) -> Iterator[Document | Failure]:
    """`read_paths` one path at a time, so a reader crash costs only that path."""
    for path in paths:
        try:
            yield from read_paths([path])
        except Exception as exc:  # a reader bug must not stop the ingest
            yield Failure(path, f"cannot read: {type(exc).__name__}: {exc}")


def ingest_documents(items: Iterable[Document | Failure], store: Store, *,
                     config: Config = Config(), batch_size: int = DEFAULT_BATCH_SIZE,
                     on_progress: ProgressHook | None = None,
                     on_commit: CommitHook | None = None) -> IngestSummary:
    """Analyse and store new or changed documents; quarantine failures."""
    if batch_size < 1:
        raise UsageError(f"batch size must be at least 1, not {batch_size}")
    summary = IngestSummary()
    notify = on_progress or (lambda outcome, what: None)
    fresh = _skip_unchanged(items, store, summary, notify, batch_size)
    batch: list[Analysis] = []
    for result in analyze_documents(fresh, config):
        if isinstance(result, Failure):
            _quarantine(store, result, summary, notify)
            continue
        batch.append(result)
        if len(batch) >= batch_size:
            _commit(store, batch, summary, notify, on_commit)
    _commit(store, batch, summary, notify, on_commit)
    return summary


def _skip_unchanged(items: Iterable[Document | Failure], store: Store,
                    summary: IngestSummary, notify: ProgressHook, chunk: int
                    ) -> Iterator[Document | Failure]:
    """The items, less the documents already stored with the same hash."""
    iterator = iter(items)
    while group := list(islice(iterator, chunk)):
        known = store.known_hashes(item.id for item in group if isinstance(item, Document))
        for item in group:
            if isinstance(item, Document) and known.get(item.id) == item.sha256:
                summary.unchanged += 1
                notify(UNCHANGED, item.id)
            else:
                yield item


def _commit(store: Store, batch: list[Analysis], summary: IngestSummary,
            notify: ProgressHook, on_commit: CommitHook | None) -> None:
    if not batch:
        return
    for analysis, written in zip(batch, _put_batch(store, batch)):
        if isinstance(written, StoreError):
            _quarantine(store, Failure(analysis.document.id, f"cannot store: {written}"),
                        summary, notify)
            continue
        outcome = STORED if written else UNCHANGED
        setattr(summary, outcome, getattr(summary, outcome) + 1)
        notify(outcome, analysis.document.id)
    batch.clear()
    update_links(store)
    if on_commit:
        on_commit(summary)


def _put_batch(store: Store, batch: list[Analysis]) -> list[bool | StoreError]:
    """Write the batch in one transaction; when that fails, each analysis on
    its own, so one unstorable record costs only its document."""
    try:
        return store.put_many(batch)
    except StoreError:
        return [_put_one(store, analysis) for analysis in batch]


def _put_one(store: Store, analysis: Analysis) -> bool | StoreError:
    try:
        return store.put(analysis)
    except StoreError as exc:
        return exc


def _quarantine(store: Store, failure: Failure, summary: IngestSummary,
                notify: ProgressHook) -> None:
    store.quarantine(failure.source, failure.message)
    summary.failed += 1
    notify(FAILED, str(failure))


def estimate_documents(paths: Iterable[str]) -> int | None:
    """How many documents these paths hold, for an ETA; None when unknown.

    Counts files and JSONL lines without parsing them; any input whose
    document count cannot be known cheaply (stdin, WARC, feeds) gives None.
    """
    total = 0
    for path in paths:
        count = _estimate_path(Path(path)) if path != "-" else None
        if count is None:
            return None
        total += count
    return total


def _estimate_path(path: Path) -> int | None:
    if path.is_dir():
        counts = [_estimate_file(file) for file in sorted(path.rglob("*")) if file.is_file()]
        return sum(count or 0 for count in counts)
    return _estimate_file(path) if path.is_file() else 1


def _estimate_file(path: Path) -> int | None:
    name = path.name.lower()
    if name.endswith(JSONL_SUFFIXES):
        return _count_lines(path)
    return 1 if path.suffix.lower() in SINGLE_DOCUMENT_SUFFIXES else None


def _count_lines(path: Path) -> int | None:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rb") as handle:
            return sum(1 for line in handle if line.strip())
    except (OSError, EOFError):
        return None
