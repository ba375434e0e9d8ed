"""Run the analysis on a Dask cluster, for corpora that outgrow one machine.

The inputs are listed on the client and cut into parts of a few files each.
Every part is one Dask task: the worker loads the spaCy pipeline once per
process, analyses the part's documents and writes ``part-NNNNN.jsonl`` (the
analyses, `sayso.analysis/1` per line) and ``part-NNNNN.failures.jsonl``
into the output directory. A part file appears only when its task finished
(written under a temporary name, then renamed), so re-running the same
command resumes: finished parts are skipped.

Needs the optional extra ``sayso[dask]``.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..config import Config
from ..errors import MissingExtraError, UsageError
from ..model import Analysis, Failure
from ..read import expand_paths, read_paths
from ..nlp.stages import prepare_stages, resolve
from .local import analyze_documents

PART_NAME = "part-{:05d}.jsonl"
FAILURES_NAME = "part-{:05d}.failures.jsonl"


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
    """Analyse one part's files into its JSONL part files, unless already done."""
    final = Path(out_dir) / PART_NAME.format(part)
    if final.exists():
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
