"""Ingest: read inputs, analyse what is new or changed, store it in batches.

Documents whose id, sha256 and analyser fingerprint (`sayso.store.fingerprint`)
are already stored are skipped before they are parsed; a document stored with
the same text by another analyser (an older sayso, or without ``--accurate``)
is re-analysed and replaced. Every batch of ``batch_size`` analyses is
committed in one transaction, so re-running the same ingest after a crash
(even ``kill -9``) resumes where the last commit left off: nothing is lost or
stored twice. A forced re-analysis (``reanalyze``) resumes too, through its
pending request (`sayso.store.reanalysis`). Inputs and documents that fail go
to the store's quarantine; the batch goes on.

Files of analyses a sayso run wrote (the Dask engine's part files, or
``sayso analyze -f jsonl`` output: `sayso.engines.parts`) are stored as they
are, not analysed again, and their failure files go to quarantine. The
analysis itself is a parameter (``analyse``): this process by default,
`sayso.engines.dask.analyze_on_cluster` for a Dask cluster.
"""
from __future__ import annotations

import gzip
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from ..config import Config
from ..engines.local import analyze_documents
from ..engines.parts import Analysed, read_written, written_kind
from ..errors import StoreError, UsageError
from ..link.persist import missing_metadata, unlinked_count, update_links
from ..model import Analysis, Document, Failure
from ..read import expand_paths, read_paths
from .db import Store
from .fingerprint import analyser_fingerprint, analysis_data_digest
from .reanalysis import finish_request, open_request, reanalysed

STORED, UNCHANGED, FAILED = "stored", "unchanged", "failed"
DEFAULT_BATCH_SIZE = 100

SINGLE_DOCUMENT_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")


@dataclass
class IngestSummary:
    """What one ingest run did.

    stored: documents written (new, changed, or re-analysed);
    reanalysed: those of them stored before with the same text, re-analysed
        because the analyser changed or re-analysis was forced;
    resumed: of the unchanged, those a forced re-analysis skipped because its
        request had re-analysed them already (in a run that was interrupted);
    unlinked: stored documents left unlinked at the end (their linking failed
        and is in the quarantine);
    unusable: what linking could not use (missing dates, outlets), or None.
    """

    stored: int = 0
    reanalysed: int = 0
    unchanged: int = 0
    failed: int = 0
    resumed: int = 0
    unlinked: int = 0
    unusable: str | None = None

    @property
    def seen(self) -> int:
        return self.stored + self.unchanged + self.failed

    def __str__(self) -> str:
        reanalysed = f" ({self.reanalysed} re-analysed)" if self.reanalysed else ""
        resumed = f" ({self.resumed} already re-analysed)" if self.resumed else ""
        unlinked = f", {self.unlinked} not linked" if self.unlinked else ""
        unusable = f"\nlinking: {self.unusable}" if self.unusable else ""
        return (f"ingested {self.stored}{reanalysed}, skipped {self.unchanged} as unchanged"
                f"{resumed}, failed {self.failed}{unlinked}{unusable}")


ProgressHook = Callable[[str, str], None]
"""Called once per input document with its outcome and its id or failure line."""

CommitHook = Callable[[IngestSummary], None]
"""Called after each committed batch with the running totals."""

DocumentHook = Callable[[], None]
"""Called once per input document as soon as it is analysed, skipped or
failed, before its batch is committed: what a progress bar counts."""

Analyser = Callable[[Iterable, Config], Iterable]
"""Turns documents into analyses or failures, in order, passing other items
through (`sayso.engines.local.analyze_documents` is one)."""


@dataclass
class _Run:
    """One ingest run: the store, the analyser, what is counted and reported.

    request: the pending re-analysis request of a forced run, else None.
    """

    store: Store
    analyser: str
    force: bool
    notify: ProgressHook
    on_commit: CommitHook | None
    done: DocumentHook
    batch_size: int = DEFAULT_BATCH_SIZE
    request: int | None = None
    summary: IngestSummary = field(default_factory=IngestSummary)
    reanalysing: set[str] = field(default_factory=set)
    batch: list[tuple[Analysis, str | None]] = field(default_factory=list)


def ingest_paths(paths: Iterable[str], store: Store, *, config: Config = Config(),
                 batch_size: int = DEFAULT_BATCH_SIZE, reanalyze: bool = False,
                 on_progress: ProgressHook | None = None,
                 on_commit: CommitHook | None = None,
                 on_document: DocumentHook | None = None,
                 analyse: Analyser | None = None) -> IngestSummary:
    """Ingest every document under these paths (see `ingest_documents`).

    Earlier quarantine entries of these paths are dropped first: the ones
    that still fail are quarantined again.
    """
    paths = list(paths)
    store.forget_failures(paths)
    return ingest_documents(_read_each(paths), store, config=config,
                            batch_size=batch_size, reanalyze=reanalyze, paths=paths,
                            on_progress=on_progress, on_commit=on_commit,
                            on_document=on_document, analyse=analyse)


def _read_each(paths: Iterable[str]) -> Iterator[Document | Analysed | Failure]:
    """Every input file read on its own, so a reader crash costs only that
    file; files of analyses are read back as they are."""
    for source in expand_paths(paths):
        if isinstance(source, Failure):
            yield source
            continue
        try:
            yield from read_written(source) if written_kind(source) else read_paths([source])
        except Exception as exc:  # a reader bug must not stop the ingest
            yield Failure(source, f"cannot read: {type(exc).__name__}: {exc}")


def ingest_documents(items: Iterable[Document | Analysed | Failure], store: Store, *,
                     config: Config = Config(), batch_size: int = DEFAULT_BATCH_SIZE,
                     reanalyze: bool = False, paths: Sequence[str] = (),
                     on_progress: ProgressHook | None = None,
                     on_commit: CommitHook | None = None,
                     on_document: DocumentHook | None = None,
                     analyse: Analyser | None = None) -> IngestSummary:
    """Analyse and store the documents that are new, changed, or stored by
    another analyser; quarantine failures. Analyses read back (`Analysed`)
    are stored unless stored already with the same text and analyser.

    ``reanalyze`` re-analyses and replaces every document, even one stored
    with the same text by the same analyser (after editing a lexicon, say).
    It is a request for ``paths``, what the items are read from: a forced run
    that is interrupted leaves it pending, and the next forced run over the
    same paths skips the documents already re-analysed for it; a run that
    gets through every item finishes it, so the next forced run re-analyses
    everything again. Forced runs over other paths have requests of their own
    (see `sayso.store.reanalysis`).
    """
    if batch_size < 1:
        raise UsageError(f"batch size must be at least 1, not {batch_size}")
    analyser = analyser_fingerprint(config)
    run = _Run(store, analyser, reanalyze, on_progress or (lambda outcome, what: None),
               on_commit, on_document or (lambda: None), batch_size)
    if reanalyze:
        run.request = open_request(store, paths, f"{analyser}; data {analysis_data_digest()}")
    for result in (analyse or analyze_documents)(_to_analyse(items, run, batch_size), config):
        run.done()
        if isinstance(result, Failure):
            _quarantine(run, result)
        else:
            _add(run, result, run.analyser)
    _commit(run)
    update_links(store)  # what an interrupted run left unlinked, too
    run.summary.unlinked = unlinked_count(store)
    run.summary.unusable = missing_metadata(store)
    if run.request is not None:
        finish_request(store, run.request)
    return run.summary


def _to_analyse(items: Iterable[Document | Analysed | Failure], run: _Run, chunk: int
                ) -> Iterator[Document | Failure]:
    """The items to analyse, less those already stored with the same hash by
    the same analyser (when forced, those its request has re-analysed
    already); notes the documents stored before with the same hash. An
    analysis read back that is to be stored goes straight to the batch."""
    iterator = iter(items)
    while group := list(islice(iterator, chunk)):
        ids = [item.id for item in group if not isinstance(item, Failure)]
        known = run.store.known_versions(ids)
        done = reanalysed(run.store, run.request, ids) if run.request is not None else set()
        for item in group:
            stored = None if isinstance(item, Failure) else known.get(item.id)
            if stored is None or stored.sha256 != item.sha256:
                yield from _wanted(run, item)
            elif stored.analyser != _analyser_of(run, item) or (run.force and item.id not in done):
                if isinstance(item, Document):
                    run.reanalysing.add(item.id)
                yield from _wanted(run, item)
            else:
                _skip(run, item.id, resumed=item.id in done)


def _analyser_of(run: _Run, item: Document | Analysed) -> str | None:
    """Who analyses the item: this run's analyser, or the one that wrote it."""
    return item.analyser if isinstance(item, Analysed) else run.analyser


def _wanted(run: _Run, item: Document | Analysed | Failure) -> Iterator[Document | Failure]:
    """The item, for the analyser; an analysis read back is stored instead."""
    if isinstance(item, Analysed):
        run.done()
        _add(run, item.analysis, item.analyser)
    else:
        yield item


def _add(run: _Run, analysis: Analysis, analyser: str | None) -> None:
    """Put an analysis in the batch, and commit the batch when it is full."""
    run.batch.append((analysis, analyser))
    if len(run.batch) >= run.batch_size:
        _commit(run)


def _skip(run: _Run, doc_id: str, *, resumed: bool) -> None:
    run.done()
    run.summary.unchanged += 1
    run.summary.resumed += resumed
    run.notify(UNCHANGED, doc_id)


def _commit(run: _Run) -> None:
    batch = run.batch
    if not batch:
        return
    for (analysis, _), written in zip(batch, _put_batch(run, batch)):
        doc_id = analysis.document.id
        if isinstance(written, StoreError):
            _quarantine(run, Failure(doc_id, f"cannot store: {written}"))
            continue
        _count(run, STORED if written else UNCHANGED, doc_id)
    batch.clear()
    update_links(run.store)
    if run.on_commit:
        run.on_commit(run.summary)


def _count(run: _Run, outcome: str, doc_id: str) -> None:
    summary = run.summary
    setattr(summary, outcome, getattr(summary, outcome) + 1)
    if outcome == STORED and doc_id in run.reanalysing:
        summary.reanalysed += 1
    run.reanalysing.discard(doc_id)
    run.notify(outcome, doc_id)


def _put_batch(run: _Run, batch: list[tuple[Analysis, str | None]]
               ) -> list[bool | StoreError]:
    """Per entry, whether it was written or why not: one transaction per
    analyser in the batch (one, unless analyses were read back)."""
    written: dict[int, bool | StoreError] = {}
    for analyser in dict.fromkeys(analyser for _, analyser in batch):
        places = [n for n, (_, by) in enumerate(batch) if by == analyser]
        group = [batch[n][0] for n in places]
        written.update(zip(places, _put_group(run, group, analyser)))
    return [written[n] for n in range(len(batch))]


def _put_group(run: _Run, group: list[Analysis], analyser: str | None
               ) -> list[bool | StoreError]:
    """Write the group in one transaction; when that fails, each analysis on
    its own, so one unstorable record costs only its document."""
    try:
        return run.store.put_many(group, analyser=analyser, force=run.force,
                                  reanalysis=run.request)
    except StoreError:
        return [_put_one(run, analysis, analyser) for analysis in group]


def _put_one(run: _Run, analysis: Analysis, analyser: str | None) -> bool | StoreError:
    try:
        return run.store.put(analysis, analyser=analyser, force=run.force,
                             reanalysis=run.request)
    except StoreError as exc:
        return exc


def _quarantine(run: _Run, failure: Failure) -> None:
    run.store.quarantine(failure.source, failure.message)
    run.reanalysing.discard(failure.source)
    run.summary.failed += 1
    run.notify(FAILED, str(failure))


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
