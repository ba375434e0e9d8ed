"""The CLI's habits: --version, one exit code per kind of error, empty answers
said out loud, and what `sayso demo` ends with."""
from __future__ import annotations

import io
import sys

from typer.testing import CliRunner

from sayso import __version__
from sayso.cli import EXIT_MISSING_EXTRA, EXIT_PORT_IN_USE, app, exit_code
from sayso.errors import MissingExtraError, PortInUseError, StoreError, UsageError
from sayso.store import Store
from sayso.store.demo import CorpusSummary
from sayso.store.query import top_sources
from sayso.store.render import write_corpus_summary
from store_helpers import sample_analysis

runner = CliRunner()


def test_version_and_short_help():
    assert runner.invoke(app, ["--version"]).output == f"sayso {__version__}\n"
    assert "Exit codes: 0 done" in runner.invoke(app, ["-h"]).output
    assert "--db FILE" in runner.invoke(app, ["export", "-h"]).output


def test_one_exit_code_per_kind_of_error():
    assert exit_code(MissingExtraError("the web UI", "web", "starlette")) == EXIT_MISSING_EXTRA
    assert exit_code(PortInUseError("busy")) == EXIT_PORT_IN_USE == 4
    assert exit_code(UsageError("bad")) == 2 and exit_code(StoreError("gone")) == 1


def test_serve_without_the_web_extra_exits_3(tmp_path, monkeypatch):
    Store(tmp_path / "c.duckdb").close()
    monkeypatch.setitem(sys.modules, "sayso.web.serve", None)
    result = runner.invoke(app, ["serve", "--db", str(tmp_path / "c.duckdb")])
    assert result.exit_code == 3
    assert "pip install 'sayso[web]'" in result.stderr


def test_empty_answers_say_so(tmp_path):
    db = str(tmp_path / "empty.duckdb")
    Store(db).close()
    actors = runner.invoke(app, ["actors", "--db", db])
    assert actors.exit_code == 0 and "no actors in" in actors.stderr
    quarantine = runner.invoke(app, ["quarantine", "--db", db])
    assert "nothing quarantined" in quarantine.stdout
    export = runner.invoke(app, ["export", "--db", db, "--what", "events", "-f", "csv"])
    assert export.exit_code == 0 and "no events in" in export.stderr
    assert export.stdout.startswith("document,id,type")


def test_copies_are_not_counted_again_among_the_most_quoted():
    with Store(":memory:") as store:
        store.put_many([sample_analysis("d1"), sample_analysis("d1-copy")])
        assert dict(top_sources(store))["Ana Ruiz"] == 2
        store.fetch("UPDATE documents SET duplicate_of = 'd1' WHERE id = 'd1-copy'")
        assert dict(top_sources(store))["Ana Ruiz"] == 1


def test_demo_summary_counts_copies_apart_and_points_at_serve():
    summary = CorpusSummary(documents=37, copies=5, attributions=700, events=320, actors=1200,
                            stories=24, claims=90, top_sources=[("Barack Obama", 7)],
                            examples=[("contested", "c2", "the dam was inspected"),
                                      ("laundered", "c9", "x" * 300)])
    out = io.StringIO()
    write_corpus_summary(summary, "demo.duckdb", out)
    text = out.getvalue()
    assert text.startswith("37 documents (32 articles and 5 syndicated copies of them)")
    assert "a contested claim, c2: the dam was inspected" in text
    assert "a laundered claim, c9: " + "x" * 99 + "…" in text
    assert "sayso serve --db demo.duckdb" in text and "sayso[web]" in text


def test_export_help_lists_every_export():
    from sayso.cli import EXPORTS
    from sayso.store.export import FIELDS
    assert set(EXPORTS) == {*FIELDS, "graph"}
