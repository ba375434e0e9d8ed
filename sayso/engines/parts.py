"""Part files: what ``sayso analyze --engine dask -o DIR`` writes, and how
``sayso ingest`` reads analyses back.

    part-NNNNN.jsonl           one sayso.analysis/1 record per line
    part-NNNNN.failures.jsonl  {"source", "message"} per input that failed
    part-NNNNN.meta.json       {"analyser": the analyser fingerprint, ...}

Any JSONL file whose first record is a sayso.analysis/1 record (a part file,
or ``sayso analyze ... -f jsonl -o FILE``) holds analyses: ingest stores
them as they are instead of analysing them again, with the analyser named
by the file's ``.meta.json`` beside it (unknown without one). A
``*.failures.jsonl`` file holds the inputs a run could not analyse; ingest
puts them in quarantine.
"""
from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, SaysoError
from ..model import SCHEMA, Analysis, Failure
from ..read.document import text_sha256
from ..read.jsonl import JSONL_SUFFIXES
from ..schema import validate

PART_NAME = "part-{:05d}.jsonl"
FAILURES_NAME = "part-{:05d}.failures.jsonl"
FAILURES_SUFFIX = ".failures.jsonl"
META_SUFFIX = ".meta.json"
ANALYSES, FAILURES = "analyses", "failures"


@dataclass(frozen=True)
class Analysed:
    """An analysis read back from a file, with the fingerprint of the
    analyser that produced it (None: unknown)."""

    analysis: Analysis
    analyser: str | None

    @property
    def id(self) -> str:
        return self.analysis.document.id

    @property
    def sha256(self) -> str:
        return self.analysis.document.sha256


def meta_path(part: Path) -> Path:
    """Where a part file's analyser is recorded: part-00000.jsonl -> part-00000.meta.json."""
    return part.with_name(part.name.split(".", 1)[0] + META_SUFFIX)


def write_meta(part: Path, analyser: str, documents: int, failures: int) -> None:
    record = {"analyser": analyser, "documents": documents, "failures": failures}
    meta_path(part).write_text(json.dumps(record) + "\n", encoding="utf-8")


def recorded_analyser(part: Path) -> str | None:
    """The analyser a part file's meta file names; None without a readable one."""
    try:
        analyser = json.loads(meta_path(part).read_text(encoding="utf-8")).get("analyser")
    except (OSError, ValueError, AttributeError):
        return None
    return analyser if isinstance(analyser, str) else None


def written_kind(path: str) -> str | None:
    """ANALYSES or FAILURES when this file holds what a sayso run wrote, else None."""
    name = path.lower()
    if not name.endswith(JSONL_SUFFIXES):
        return None
    if name.endswith(FAILURES_SUFFIX):
        return FAILURES
    first = _first_record(Path(path))
    return ANALYSES if isinstance(first, dict) and first.get("schema") == SCHEMA else None


def _first_record(path: Path) -> object:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rb") as handle:
            line = next((line for line in handle if line.strip()), b"")
        return json.loads(line) if line else None
    except (OSError, EOFError, ValueError):
        return None


def read_written(path: str) -> Iterator[Analysed | Failure]:
    """The analyses (or the failures) in a file `written_kind` recognised; a
    bad line is a Failure naming ``file:line``, the other lines still read."""
    kind, analyser = written_kind(path), recorded_analyser(Path(path))
    for number, line in _lines(Path(path)):
        source = f"{path}:{number}"
        try:
            if kind == FAILURES:
                yield _failure(line, source)
            else:
                yield Analysed(_analysis(line, source), analyser)
        except InputError as exc:
            yield Failure(exc.source, exc.problem)


def _lines(path: Path) -> Iterator[tuple[int, bytes]]:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    with opener(path, "rb") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                yield number, line


def _record(line: bytes, source: str) -> dict:
    try:
        record = json.loads(line)
    except (UnicodeDecodeError, ValueError) as exc:
        raise InputError(source, f"malformed JSON ({exc})") from exc
    if not isinstance(record, dict):
        raise InputError(source, "a JSONL line must be a JSON object")
    return record


def _analysis(line: bytes, source: str) -> Analysis:
    """One stored-as-is analysis: a valid sayso.analysis/1 record whose
    document.sha256 is the hash of its text."""
    record = _record(line, source)
    if record.get("schema") != SCHEMA:
        raise InputError(source, f"not a {SCHEMA} record (schema {record.get('schema')!r})")
    try:
        validate(record)
        analysis = Analysis.from_dict(record)
    except (SaysoError, KeyError, TypeError, ValueError) as exc:
        raise InputError(source, f"invalid {SCHEMA} record: {exc}") from exc
    if text_sha256(analysis.document.text) != analysis.document.sha256:
        raise InputError(source, "document.sha256 is not the hash of document.text")
    return analysis


def _failure(line: bytes, source: str) -> Failure:
    record = _record(line, source)
    if not isinstance(record.get("source"), str) or not isinstance(record.get("message"), str):
        raise InputError(source, "a failures line needs 'source' and 'message' strings")
    return Failure(record["source"], record["message"])
