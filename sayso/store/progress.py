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
    """Documents per second, averaged over rich's recent samples."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} documents/s" if speed else "… documents/s",
                    style="progress.data.speed")


class IngestDisplay:
    """Receives the `ingest_documents` hooks and draws them on a console."""

    def __init__(self, console: Console, progress: Progress | None = None):
        self.console = console
        self.progress = progress
        self.task = progress.tasks[0].id if progress is not None else None
        self.started = time.monotonic()

    def advance(self, outcome: str, what: str) -> None:
        if outcome == FAILED:
            self._print(f"sayso: {what}")
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
def ingest_display(console: Console, total: int | None) -> Iterator[IngestDisplay]:
    """A progress bar with documents/s and an ETA when ``console`` is a terminal."""
    if not console.is_terminal:
        yield IngestDisplay(console)
        return
    columns = (TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), RateColumn(),
               TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn())
    with Progress(*columns, console=console) as progress:
        progress.add_task("ingest", total=total)
        yield IngestDisplay(console, progress)
