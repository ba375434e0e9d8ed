"""The ingest progress display: the bar moves per document as it is
analysed, not per committed batch, and its rate is documents over time."""
from __future__ import annotations

import io

from rich.console import Console
from rich.progress import Progress

from sayso.store import Store
from sayso.store import ingest
from sayso.store.progress import RateColumn, ingest_display
from store_helpers import generated_articles, write_jsonl


def test_bar_moves_per_document_before_the_batch_is_committed(nlp, tmp_path, monkeypatch):
    articles = write_jsonl(tmp_path / "articles.jsonl", generated_articles(5))
    console = Console(file=io.StringIO(), force_terminal=True)
    bar_after_each = []
    analyse = ingest.analyze_documents

    def watched(items, config):
        for result in analyse(items, config):
            yield result
            bar_after_each.append(shown.progress.tasks[0].completed)

    monkeypatch.setattr(ingest, "analyze_documents", watched)
    with Store(":memory:") as store, ingest_display(console, 5) as shown:
        summary = ingest.ingest_paths([str(articles)], store, batch_size=100,
                                      on_progress=shown.outcome, on_commit=shown.committed,
                                      on_document=shown.document)
        assert summary.stored == 5
        assert bar_after_each == [1, 2, 3, 4, 5]
        assert shown.progress.tasks[0].completed == 5


def test_skipped_documents_move_the_bar_once_each(nlp, tmp_path):
    articles = write_jsonl(tmp_path / "articles.jsonl", generated_articles(4))
    with Store(":memory:") as store:
        ingest.ingest_paths([str(articles)], store)
        moves = []
        ingest.ingest_paths([str(articles)], store, on_document=lambda: moves.append(1))
    assert len(moves) == 4


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_rate_is_documents_over_elapsed_time_even_after_a_burst():
    clock = Clock()
    progress = Progress(console=Console(file=io.StringIO()), get_time=clock, auto_refresh=False)
    task = progress.add_task("ingest", total=37)
    clock.now = 10.0
    for step in range(37):  # a whole batch reported at once after 10 s of parsing
        clock.now += 1e-6
        progress.advance(task)
    assert RateColumn().render(progress.tasks[0]).plain == "3.7 documents/s"


def test_rate_waits_for_the_first_document():
    progress = Progress(console=Console(file=io.StringIO()), get_time=Clock(),
                        auto_refresh=False)
    progress.add_task("ingest", total=10)
    assert RateColumn().render(progress.tasks[0]).plain == "… documents/s"


def test_analyze_to_a_file_moves_its_bar_per_document_written(nlp, tmp_path):
    from sayso.cli import _print_analyses
    from sayso.config import Config
    articles = write_jsonl(tmp_path / "articles.jsonl", generated_articles(3))
    out = io.StringIO()
    written_at_each = []
    failed = _print_analyses([str(articles), str(tmp_path / "gone.txt")], "jsonl", out,
                             Config(), lambda: written_at_each.append(out.getvalue().count("\n")))
    assert failed == 1
    assert sorted(written_at_each) == [0, 1, 2, 3]  # the failure, then a line per document
