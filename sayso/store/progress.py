"""Showing an ingest as it runs: a rich progress bar on a terminal, one line
per committed batch otherwise (logs, CI), and failures as they happen."""
from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn,
                           Task, TextColumn, TimeElapsedColumn, TimeRemainingColumn)
from rich.text import Text

from .ingest import FAILED, IngestSummary


class RateColumn(ProgressColumn):
    """Documents per second since the start: documents arrive in bursts (a
    spaCy batch parsed at once, unchanged ones skipped in a blink), so a rate
    over the last few samples would swing from nothing to absurd."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed
        if not task.completed or not elapsed:
            return Text("… documents/s", style="progress.data.speed")
        return Text(f"{task.completed / elapsed:.1f} documents/s",
                    style="progress.data.speed")


class IngestDisplay:
    """Receives the `ingest_documents` hooks and draws them on a console: the
    bar moves per document analysed (``document``), failures are printed as
    they happen (``outcome``), a line per commit without a terminal."""

    def __init__(self, console: Console, progress: Progress | None = None):
        self.console = console
        self.progress = progress
        self.task = progress.tasks[0].id if progress is not None else None
        self.started = time.monotonic()

    def outcome(self, outcome: str, what: str) -> None:
        if outcome == FAILED:
            self._print(f"sayso: {what}")

    def document(self) -> None:
        if self.progress is not None:
            self.progress.advance(self.task)

    def committed(self, summary: IngestSummary) -> None:
        if self.progress is None:
            elapsed = max(time.monotonic() - self.started, 1e-9)
            self._print(f"ingest: {summary.seen} documents done, {summary.stored} stored "
                        f"({summary.seen / elapsed:.1f} documents/s)")

    def _print(self, line: str) -> None:
        target = self.progress.console if self.progress is not None else self.console
        target.print(line, markup=False, highlight=False, soft_wrap=True)


@contextmanager
def ingest_display(console: Console, total: int | None, *, label: str = "ingest",
                   bar: bool = True) -> Iterator[IngestDisplay]:
    """A progress bar with documents/s and an ETA when ``console`` is a
    terminal (and ``bar``: not when the output itself goes to it)."""
    if not (bar and console.is_terminal):
        yield IngestDisplay(console)
        return
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), RateColumn(),
               TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn())
    with Progress(*columns, console=console) as progress:
        progress.add_task(label, total=total)
        yield IngestDisplay(console, progress)
