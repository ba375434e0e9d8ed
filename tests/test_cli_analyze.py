"""`sayso analyze`: output formats, exit codes, one line per failed input."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sayso.cli import app
from sayso.schema import validate

FIXTURES = Path(__file__).parent / "fixtures" / "read"
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


def analyze(runner, *args: str, stdin: bytes | None = None):
    return runner.invoke(app, ["analyze", *args], input=stdin)


def test_one_text_file_prints_one_contract_valid_object(runner):
    path = FIXTURES / "harbour.txt"
    result = analyze(runner, str(path), "--format", "json")
    assert result.exit_code == 0, result.output
    analysis = json.loads(result.stdout)
    validate(analysis)
    document = analysis["document"]
    assert document["text"] == path.read_bytes().decode("utf-8")
    assert document["id"] == "harbour" and document["title"] == "Harbour strike ends after nine days"
    marked = {document["text"][s:e]: kind for kind, (s, e) in
              ((b["kind"], b["span"]) for b in document["boilerplate"])}
    assert marked["READ MORE: Why the port matters to the regional economy"] == "promo"
    assert marked["Read  Why is the harbour so crowded?"] == "promo"
    assert marked["Photo: Coastline Wire"] == "credit"
    assert marked["© 2024 Coastline Wire"] == "copyright"


def test_pretty_json_keeps_spans_on_one_line(runner):
    result = analyze(runner, str(FIXTURES / "harbour.txt"))
    assert result.exit_code == 0
    span_lines = [line for line in result.stdout.splitlines() if '"span"' in line]
    assert span_lines and all(re.search(r'"span": \[\d+, \d+\]', line) for line in span_lines)
    assert '      {"kind": "byline", "span": [36, 51]},' in result.stdout.splitlines()


def test_several_documents_print_jsonl(runner):
    result = analyze(runner, str(FIXTURES / "harbour.txt"), str(FIXTURES / "wrapped.txt"))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [json.loads(line)["document"]["id"] for line in lines] == ["harbour", "wrapped"]


def test_a_directory_prints_jsonl_and_reports_failures(runner, tmp_path):
    (tmp_path / "a.txt").write_text("A story about the port.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.jsonl").write_text('{"id": "c1", "text": "One."}\n{broken\n',
                                      encoding="utf-8")
    result = analyze(runner, str(tmp_path))
    assert result.exit_code == 1
    ids = [json.loads(line)["document"]["id"] for line in result.stdout.splitlines()]
    assert ids == ["a", "c1"]
    assert result.stderr.splitlines() == [
        f"sayso: {tmp_path / 'b.txt'}: empty document (no text)",
        f"sayso: {tmp_path / 'c.jsonl'}:2: malformed JSON (Expecting property name "
        "enclosed in double quotes at column 2)"]


@pytest.mark.parametrize("name,data,problem", [
    ("missing.txt", None, "no such file or directory"),
    ("binary.txt", b"\x00\x01\x02PK\x03\x04", "binary file"),
    ("empty.txt", b"", "empty document"),
    ("latin.txt", bytes(range(128, 256)) * 4, "undecodable bytes"),
    ("page.html", b"<html><body><nav>Home</nav></body></html>", "no article text"),
    ("batch.jsonl", b'{"id": 1}\n', "record has no non-empty 'text' or 'html'"),
])
def test_each_bad_input_gets_one_line_and_the_batch_goes_on(runner, tmp_path, name,
                                                            data, problem):
    bad = tmp_path / name
    if data is not None:
        bad.write_bytes(data)
    result = analyze(runner, str(bad), str(FIXTURES / "wrapped.txt"))
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith(f"sayso: {bad}") and problem in line
    assert "Traceback" not in result.output
    assert json.loads(result.stdout)["document"]["id"] == "wrapped"


def test_a_directory_without_documents_fails(runner, tmp_path):
    (tmp_path / "photo.png").write_bytes(b"\x89PNG")
    result = analyze(runner, str(tmp_path))
    assert result.exit_code == 1
    assert "directory holds no readable documents" in result.stderr


def test_unknown_format_is_a_usage_error(runner):
    result = analyze(runner, str(FIXTURES / "harbour.txt"), "--format", "xml")
    assert result.exit_code == 2
    assert result.stderr.strip() == ("sayso: unknown --format 'xml'; "
                                     "choose from json, jsonl, table")


def test_no_path_is_a_usage_error(runner):
    assert analyze(runner).exit_code == 2


def test_output_file(runner, tmp_path):
    out = tmp_path / "out.jsonl"
    result = analyze(runner, str(FIXTURES / "harbour.txt"), "-f", "jsonl", "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    [line] = out.read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["document"]["id"] == "harbour"


def test_unwritable_output_is_a_usage_error(runner, tmp_path):
    result = analyze(runner, str(FIXTURES / "harbour.txt"), "-o",
                     str(tmp_path / "no" / "such" / "dir.json"))
    assert result.exit_code == 2
    assert "cannot write" in result.stderr


def test_stdin(runner):
    result = analyze(runner, "-", stdin="Port reopens\n\nThe port reopened on Friday.\n")
    assert result.exit_code == 0
    document = json.loads(result.stdout)["document"]
    assert document["id"] == "stdin" and document["title"] == "Port reopens"


def test_table_shows_who_said_what(runner):
    result = analyze(runner, str(FIXTURES / "wrapped.txt"), "--format", "table")
    assert result.exit_code == 0
    assert "Council approves new budget" in result.stdout
    assert "The mayor" in result.stdout and "the budget was balanced" in result.stdout


def test_table_without_attributions(runner, tmp_path):
    quiet = tmp_path / "quiet.txt"
    quiet.write_text("Harbour ferry timetable\n\nFerries leave at nine and at noon.\n",
                     encoding="utf-8")
    result = analyze(runner, str(quiet), "--format", "table")
    assert result.exit_code == 0
    assert "quiet: no attributions found" in result.stdout


def test_html_feed_and_jsonl_in_one_run(runner):
    result = analyze(runner, str(FIXTURES / "article.html"), str(FIXTURES / "feed.atom"))
    assert result.exit_code == 0
    outlets = [json.loads(line)["document"]["outlet"] for line in result.stdout.splitlines()]
    assert outlets == ["Valley News", "Hill Gazette"]


def test_the_installed_entry_point_runs(tmp_path):
    """python -m sayso: real stdout/stderr, no traceback on a bad input."""
    result = subprocess.run(
        [sys.executable, "-m", "sayso", "analyze", str(tmp_path / "nope.txt")],
        capture_output=True, text=True, cwd=ROOT, env={"PYTHONPATH": str(ROOT)})
    assert result.returncode == 1
    assert result.stderr == f"sayso: {tmp_path / 'nope.txt'}: no such file or directory\n"
