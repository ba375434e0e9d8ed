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
from .scorers import (
    score_attribution,
    score_events,
    score_quote_speakers,
    score_stories,
)
from .stories import write_story_predictions

Scorer = Callable[[list[str] | None], int | None]

SCORERS: dict[str, Scorer] = {
    "attribution": score_attribution.main,
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
             docs: Path | None = None,
             config: Config = Config(), extra_args: list[str] = (),
             on_failure: Callable[[Failure], None] = lambda f: None) -> int:
    """Score sayso on a gold file; the scorer prints its report to stdout.

    The stories task links the documents at `docs` (whose texts are not in
    its gold file) unless `predictions` are given.
    """
    if task not in SCORERS:
        raise UsageError(f"unknown eval task {task!r}; choose from {', '.join(sorted(SCORERS))}")
    if not gold.is_file():
        raise InputError(str(gold), "no such gold file")
    if task == "stories" and predictions is None and docs is None:
        raise UsageError("eval stories needs --docs (the documents to link) or --pred")
    if predictions is not None and config.accurate:
        raise UsageError("--accurate analyses the gold texts; with --pred nothing is analysed")
    with tempfile.TemporaryDirectory() as tmp:
        if predictions is None:
            predictions = Path(tmp) / "pred.jsonl"
            _predict(task, gold, docs, predictions, config, on_failure)
        return SCORERS[task]([str(gold), str(predictions), *extra_args]) or 0


def _predict(task: str, gold: Path, docs: Path | None, out: Path, config: Config,
             on_failure: Callable[[Failure], None]) -> None:
    """Write sayso's predictions for the task: linked stories, else analyses."""
    if task == "stories":
        write_story_predictions(docs, out, on_failure)
    else:
        write_predictions(analyze_documents(gold_documents(gold), config), out, on_failure)
