"""Run the analysis on a Dask cluster, for corpora that outgrow one machine.

Two ways (both need the optional extra ``sayso[dask]``):

`analyze_with_dask` (``sayso analyze --engine dask -o DIR``): the inputs are
listed on the client and cut into parts of a few files each. Every part is
one Dask task: the worker loads the spaCy pipeline once per process,
analyses the part's documents and writes ``part-NNNNN.jsonl`` (the analyses,
`sayso.analysis/1` per line), ``part-NNNNN.failures.jsonl`` and the
analyser's fingerprint in ``part-NNNNN.meta.json`` into the output directory
(`sayso.engines.parts`). A part file appears only when its task finished
(written under a temporary name, then renamed), so re-running the same
command resumes: parts finished by the same analyser are skipped. ``sayso
ingest DIR`` stores them in a corpus as they are.

`analyze_on_cluster` (``sayso ingest --engine dask``): the same contract as
`sayso.engines.local.analyze_documents`, documents in, analyses out in input
order, but the documents are sent in small chunks to the cluster's workers,
a bounded number in flight, so the client's memory stays flat however long
the stream; the ingest around it stores, links and resumes as it does
locally.
"""
from __future__ import annotations

import json
import logging
import os
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..config import Config
from ..errors import MissingExtraError, UsageError
from ..model import Analysis, Failure
from ..read import expand_paths, read_paths
from ..model import Document
from ..nlp.stages import prepare_stages, resolve
from ..store.fingerprint import analyser_fingerprint
from .local import analyze_documents
from .parts import FAILURES_NAME, PART_NAME, recorded_analyser, write_meta


@dataclass(frozen=True)
class PartResult:
    """What one task did: documents written, failures, or skipped as done."""

    part: int
    documents: int = 0
    failures: int = 0
    skipped: bool = False


@dataclass(frozen=True)
class Plan:
    parts: list[list[str]]
    failures: list[Failure]


def plan_parts(paths: Iterable[str], files_per_part: int) -> Plan:
    """The input files in parts of ``files_per_part``, plus inputs that failed to list."""
    if files_per_part < 1:
        raise UsageError(f"files per part must be at least 1, not {files_per_part}")
    files, failures = [], []
    for item in expand_paths(paths):
        if isinstance(item, Failure):
            failures.append(item)
        elif item == "-":
            raise UsageError("the dask engine cannot read stdin; name files or directories")
        else:
            files.append(item)
    parts = [files[i:i + files_per_part] for i in range(0, len(files), files_per_part)]
    return Plan(parts=parts, failures=failures)


def analyze_part(part: int, files: list[str], out_dir: str, config: Config) -> PartResult:
    """Analyse one part's files into its JSONL part files, unless this
    analyser has done it already."""
    final = Path(out_dir) / PART_NAME.format(part)
    analyser = analyser_fingerprint(config)
    if final.exists() and recorded_analyser(final) == analyser:
        return PartResult(part, skipped=True)
    counts = {"documents": 0, "failures": 0}
    pending = final.with_name(final.name + ".tmp")
    failed = Path(out_dir) / FAILURES_NAME.format(part)
    with open(pending, "w", encoding="utf-8") as out, \
            open(failed, "w", encoding="utf-8") as failures:
        for result in analyze_documents(read_paths(files), config):
            if isinstance(result, Analysis):
                out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
                counts["documents"] += 1
            else:
                failures.write(json.dumps({"source": result.source,
                                           "message": result.message}) + "\n")
                counts["failures"] += 1
    write_meta(final, analyser, **counts)
    os.replace(pending, final)
    return PartResult(part, **counts)


def analyze_with_dask(paths: Iterable[str], out_dir: str | Path, *,
                      config: Config = Config(), files_per_part: int = 20,
                      scheduler: str | None = None) -> tuple[list[PartResult], list[Failure]]:
    """Analyse every input on Dask into part files under out_dir.

    ``scheduler``: a Dask scheduler address ("tcp://host:8786") to run on a
    cluster, or a local scheduler name ("processes", "threads", "sync");
    None runs local processes. Returns each part's result and the inputs
    that could not even be listed. The stages load what they need here
    first, so a missing extra fails before any part file is written.
    """
    prepare_stages(resolve(config.stages, accurate=config.accurate))
    bag = _dask_bag()
    plan = plan_parts(paths, files_per_part)
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    tasks = bag.from_sequence(list(enumerate(plan.parts)),
                              npartitions=max(1, len(plan.parts)))
    work = tasks.starmap(analyze_part, out_dir=str(out_dir), config=config)
    if scheduler and "://" in scheduler:
        return _compute_on_cluster(work, scheduler), plan.failures
    return work.compute(scheduler=scheduler or "processes"), plan.failures


def _compute_on_cluster(work, address: str) -> list[PartResult]:
    try:
        from dask.distributed import Client
    except ImportError as exc:
        raise MissingExtraError("running on a Dask cluster", "dask", "distributed") from exc
    with Client(address) as client:
        return client.compute(work).result()


def _dask_bag():
    try:
        import dask.bag
    except ImportError as exc:
        raise MissingExtraError("the dask engine", "dask", "dask") from exc
    return dask.bag


CHUNK_SIZE = 8
"""Documents per task of `analyze_on_cluster`."""


_ONE_AT_A_TIME = threading.Lock()
"""A worker with several threads shares one spaCy pipeline between them."""


def analyze_chunk(documents: list[Document], config: Config
                  ) -> tuple[str, list[Analysis | Failure]]:
    """On a worker: the analyser's fingerprint and the chunk's results."""
    with _ONE_AT_A_TIME:
        return analyser_fingerprint(config), list(analyze_documents(documents, config))


@dataclass
class _Chunk:
    """Documents sent as one task (their ids and its future), or items
    passed through in their place (ready)."""

    ids: list[str]
    future: object = None
    ready: list | None = None


def _submit(client, documents: list[Document], config: Config) -> _Chunk:
    return _Chunk([d.id for d in documents],
                  client.submit(analyze_chunk, documents, config, pure=False))


def analyze_on_cluster(items: Iterable, client, config: Config = Config(), *,
                       chunk_size: int = CHUNK_SIZE, in_flight: int | None = None
                       ) -> Iterator:
    """Analyse the documents among items on the Dask cluster of ``client``,
    yielding analyses and failures in input order; other items (failures of
    reading) pass through in order, unchanged.

    At most ``in_flight`` chunks (default: twice the cluster's threads) are
    sent before the oldest one is waited for. A chunk whose task fails on
    the cluster (a worker killed) becomes one failure per document.
    """
    prepare_stages(resolve(config.stages, accurate=config.accurate))
    limit = in_flight or max(2, 2 * sum(client.nthreads().values()))
    expected = analyser_fingerprint(config)
    queue: deque[_Chunk] = deque()
    chunk: list[Document] = []
    for item in items:
        if isinstance(item, Document):
            chunk.append(item)
            if len(chunk) < chunk_size:
                continue
        if chunk:
            queue.append(_submit(client, chunk, config))
            chunk = []
        if not isinstance(item, Document):
            queue.append(_Chunk([], ready=[item]))
        yield from _drain(queue, expected, keep=limit - 1)
    if chunk:
        queue.append(_submit(client, chunk, config))
    yield from _drain(queue, expected, keep=0)


def _drain(queue: deque[_Chunk], expected: str, keep: int) -> Iterator:
    """Yield the oldest chunks' results while more than ``keep`` tasks are
    in flight, and any passed-through items now at the head."""
    while queue and (queue[0].ready is not None or _tasks(queue) > keep):
        yield from _results(queue.popleft(), expected)


def _tasks(queue: deque[_Chunk]) -> int:
    return sum(chunk.future is not None for chunk in queue)


def _results(chunk: _Chunk, expected: str) -> list:
    if chunk.ready is not None:
        return chunk.ready
    try:
        analyser, results = chunk.future.result()
    except Exception as exc:  # a worker lost or a task that cannot run
        return [Failure(doc_id, f"analysis failed on the cluster: {type(exc).__name__}: {exc}")
                for doc_id in chunk.ids]
    if analyser != expected:
        raise UsageError(f"the cluster's workers run {analyser!r}, this sayso {expected!r}: "
                         "install the same sayso and model on both")
    return results


@contextmanager
def cluster_client(scheduler: str | None = None, workers: int = 1) -> Iterator[object]:
    """A Dask client of the cluster at ``scheduler`` (tcp://host:8786), or of
    a local cluster of ``workers`` one-thread processes started for it."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise MissingExtraError("the dask engine", "dask", "distributed") from exc
    if scheduler:
        if "://" not in scheduler:
            raise UsageError(f"--scheduler {scheduler!r}: give a scheduler address "
                             "such as tcp://host:8786")
        with Client(scheduler) as client:
            yield client
        return
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=":0", silence_logs=logging.ERROR) as cluster, \
            Client(cluster) as client:
        yield client
