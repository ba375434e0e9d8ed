"""What the analysis benchmarks share: the demo texts and best-of-N timing."""
from __future__ import annotations

import json
import time
from collections.abc import Callable

from sayso.resources import data_file


def demo_texts(count: int) -> list[str]:
    lines = data_file("demo", "articles.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["text"] for line in lines[:count]]


def best_time(run: Callable[[], object], repeat: int,
              clock: Callable[[], float] = time.perf_counter) -> tuple[float, object]:
    """The fastest of `repeat` runs by `clock`, and the last run's result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        started = clock()
        result = run()
        best = min(best, clock() - started)
    return best, result
