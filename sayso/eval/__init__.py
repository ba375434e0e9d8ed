"""`sayso eval`: run sayso over gold data and print the project's metrics.

Each task pairs a gold format with one of the vendored scorers in
`sayso.eval.scorers` (copies of ``shared/tools/score_*.py``), so the numbers
printed here are exactly those the project is judged with.
"""
from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..config import Config
from ..engines.local import analyze_documents
from ..errors import InputError, UsageError
from ..model import Analysis, Document, Failure
from ..read import read_text
from .records import read_records
from .claims import write_claim_predictions
from .scorers import (
    score_attribution,
    score_claims,
    score_events,
    score_quote_speakers,
    score_stories,
)
from .stories import write_story_predictions

Scorer = Callable[[list[str] | None], int | None]

SCORERS: dict[str, Scorer] = {
    "attribution": score_attribution.main,
    "claims": score_claims.main,
    "events": score_events.main,
    "speakers": score_quote_speakers.main,
    "stories": score_stories.main,
}


def gold_documents(gold: Path) -> Iterator[Document]:
    """Documents to analyse from a gold JSONL whose lines carry id and text."""
    return read_records(gold, lambda record: read_text(record["text"], str(record["id"])),
                        "a gold record with id and text")


def write_predictions(analyses: Iterable[Analysis | Failure], out: Path,
                      on_failure: Callable[[Failure], None]) -> None:
    with open(out, "w", encoding="utf-8") as handle:
        for result in analyses:
            if isinstance(result, Failure):
                on_failure(result)
                continue
            handle.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")


def evaluate(task: str, gold: Path, *, predictions: Path | None = None,
             docs: Path | None = None, db: Path | None = None,
             config: Config = Config(), extra_args: list[str] = (),
             on_failure: Callable[[Failure], None] = lambda f: None) -> int:
    """Score sayso on a gold file; the scorer prints its report to stdout.

    The stories task links the documents at `docs` (whose texts are not in
    its gold file) unless `predictions` are given; the claims task scores the
    corpus database `db`, or ingests `docs` into a temporary one, and its
    `predictions` are a directory of exports (`sayso.eval.claims`).
    """
    if task not in SCORERS:
        raise UsageError(f"unknown eval task {task!r}; choose from {', '.join(sorted(SCORERS))}")
    if not gold.is_file():
        raise InputError(str(gold), "no such gold file")
    if task == "stories" and predictions is None and docs is None:
        raise UsageError("eval stories needs --docs (the documents to link) or --pred")
    if task == "claims" and [predictions, docs, db].count(None) != 2:
        raise UsageError("eval claims needs one of --db (a corpus database), --docs (a "
                         "corpus to ingest) or --pred (a directory of its exports)")
    if predictions is not None and config.accurate:
        raise UsageError("--accurate analyses the gold texts; with --pred nothing is analysed")
    with tempfile.TemporaryDirectory() as tmp:
        if predictions is None:
            predictions = _predict(task, gold, Path(tmp), docs, db, config, on_failure)
        return SCORERS[task]([str(gold), str(predictions), *extra_args]) or 0


def _predict(task: str, gold: Path, tmp: Path, docs: Path | None, db: Path | None,
             config: Config, on_failure: Callable[[Failure], None]) -> Path:
    """Write sayso's predictions for the task into `tmp`; return what the scorer reads:
    the claims exports, linked stories, else analyses."""
    if task == "claims":
        write_claim_predictions(tmp, db=db, docs=docs, config=config, on_failure=on_failure)
        return tmp
    out = tmp / "pred.jsonl"
    if task == "stories":
        write_story_predictions(docs, out, on_failure)
    else:
        write_predictions(analyze_documents(gold_documents(gold), config), out, on_failure)
    return out
