"""The corpus commands: claims, actors, query, export, quarantine, demo."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from sayso.cli import app
from sayso.store import Store
from sayso.store.demo import demo_documents, demo_size
from sayso.model import Document
from store_helpers import sample_analysis

runner = CliRunner()


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "corpus.duckdb"
    with Store(path) as store:
        store.put(sample_analysis("d1"))
        store.quarantine("feed.xml", "not an XML feed")
    return str(path)


def test_claims_link_what_is_unlinked_first_and_print_jsonl(db):
    result = runner.invoke(app, ["claims", "--db", db, "--contested", "-f", "jsonl"])
    assert result.exit_code == 0
    assert "linked 1 documents" in result.stderr
    contested, = [json.loads(line) for line in result.stdout.splitlines()]
    assert contested["sources"] == ["Ana Ruiz"]
    assert contested["contested_by"] == [["d1", "q2"]]


def test_claims_table_names_what_it_lists(db):
    result = runner.invoke(app, ["claims", "--db", db, "--actor", "Ruiz"])
    assert result.exit_code == 0
    assert "1 claims" in result.stdout and "Ana Ruiz" in result.stdout
    assert "d1/q2" in result.stdout  # contested by, as text, not a JSON list


def test_claims_filters_and_limits(db):
    def listed(*options):
        result = runner.invoke(app, ["claims", "--db", db, "-f", "jsonl", *options])
        assert result.exit_code == 0, result.output
        return [json.loads(line)["claim"] for line in result.stdout.splitlines()]
    everything = listed()
    assert len(everything) >= 2
    assert listed("--limit", "1") == everything[:1]
    assert listed("--min-articles", "2") == []
    assert listed("--since", "2999-01-01") == []
    assert listed("--outlet", "no such outlet") == []
    assert listed("--laundered") == []


def test_claims_refuse_an_unknown_sort(db):
    result = runner.invoke(app, ["claims", "--db", db, "--sort", "loudest"])
    assert result.exit_code == 2
    assert "--sort" in result.output


def test_actors_as_csv(db):
    result = runner.invoke(app, ["actors", "--db", db, "-f", "csv"])
    assert result.stdout.splitlines()[:2] == ["name,kind,documents,mentions,statements",
                                              "Ana Ruiz,person,1,2,1"]


def test_query_prints_rows_and_refuses_writes(db):
    result = runner.invoke(app, ["query", "--db", db, "-f", "jsonl",
                                 "SELECT id, stance FROM attributions ORDER BY id"])
    assert result.stdout.splitlines() == ['{"id": "q1", "stance": "asserts"}',
                                          '{"id": "q2", "stance": "denies"}']
    refused = runner.invoke(app, ["query", "--db", db, "DROP TABLE documents"])
    assert refused.exit_code == 1
    assert "read-only" in refused.stderr and "Traceback" not in refused.stderr


def test_query_of_a_missing_database(tmp_path):
    result = runner.invoke(app, ["query", "--db", str(tmp_path / "no.duckdb"), "SELECT 1"])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"sayso: {tmp_path / 'no.duckdb'}: no such database"


def test_export_to_file_and_stdout(db, tmp_path):
    out = tmp_path / "attributions.jsonl"
    assert runner.invoke(app, ["export", "--db", db, "--what", "attributions",
                               "-o", str(out)]).exit_code == 0
    assert len(out.read_text().splitlines()) == 2
    graph = runner.invoke(app, ["export", "--db", db, "--what", "graph",
                                "--format", "prov-jsonld"])
    assert "@graph" in json.loads(graph.stdout)


def test_export_usage_errors_exit_2(db):
    result = runner.invoke(app, ["export", "--db", db, "--what", "quotes"])
    assert result.exit_code == 2
    assert "unknown export 'quotes'" in result.stderr


def test_quarantine_lists_failures_and_says_what_is_unlinked(db):
    result = runner.invoke(app, ["quarantine", "--db", db])
    lines = result.stdout.splitlines()
    assert lines[0] == "feed.xml: not an XML feed"
    assert lines[1].startswith("1 stored documents are not linked yet")
    runner.invoke(app, ["link", "--db", db])
    result = runner.invoke(app, ["quarantine", "--db", db])
    assert result.stdout.strip() == "feed.xml: not an XML feed"


def test_demo_corpus_has_articles_and_html_copies():
    documents = list(demo_documents())
    assert all(isinstance(d, Document) for d in documents)
    assert len(documents) == demo_size() == 37
    assert len({d.id for d in documents}) == 37
    page = next(d for d in documents if d.id == "gv-2009-06-05-peru-amazon-clashes.html")
    assert (page.outlet, page.published, page.author) == (
        "Global Voices", "2009-06-05", "Juan Arellano")


def test_demo_ingests_then_resumes(nlp, tmp_path):
    db = str(tmp_path / "demo.duckdb")
    first = runner.invoke(app, ["demo", "--db", db])
    assert first.exit_code == 0, first.stderr
    assert first.stdout.startswith("37 documents")
    again = runner.invoke(app, ["demo", "--db", db])
    assert again.stdout.startswith("37 documents")
    assert "stored" not in again.stderr


CORPUS_COMMANDS = ("ingest", "quarantine", "claims", "actors", "query", "export", "demo",
                   "link")


@pytest.mark.parametrize("name", CORPUS_COMMANDS)
def test_every_corpus_command_and_option_has_help(name):
    import typer.main
    command = typer.main.get_command(app).commands[name]
    assert command.help
    assert all(getattr(param, "help", None) for param in command.params), name


def test_ingest_workers_must_be_positive(tmp_path):
    result = runner.invoke(app, ["ingest", "x.txt", "--db", str(tmp_path / "c.duckdb"),
                                 "--workers", "0"])
    assert result.exit_code == 2
    assert result.stderr.strip() == "sayso: --workers must be at least 1, not 0"
