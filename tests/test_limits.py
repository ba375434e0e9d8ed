"""Size limits on hostile input (issue 18): a document or a JSONL line over
the limit is refused with one line and quarantined, never read whole (a gzip
bomb keeps memory flat); a lone surrogate in a JSONL line is one line too."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from sayso.cli import app
from sayso.config import Config
from sayso.engines.local import analyze_documents
from sayso.errors import UsageError
from sayso.model import Failure
from sayso.read import make_document, read_paths
from sayso.read.limits import LIMIT_VARIABLE, OversizedLine, bounded_lines, max_document_bytes
from sayso.store import Store

runner = CliRunner()
GOOD = b'{"id": "ok1", "text": "The minister said the talks would go on."}\n'
LAST = b'{"id": "ok2", "text": "Officials said it rained on Monday."}\n'
ROOT = Path(__file__).resolve().parents[1]


def write_bomb(path: Path, line_mib: int) -> Path:
    """A .jsonl.gz whose middle line expands to line_mib MiB, written as a stream."""
    packer = zlib.compressobj(6, zlib.DEFLATED, 31)
    block = b"a" * (1 << 20)
    with open(path, "wb") as out:
        out.write(packer.compress(GOOD + b'{"id": "bomb", "text": "'))
        for _ in range(line_mib):
            out.write(packer.compress(block))
        out.write(packer.compress(b'"}\n' + LAST) + packer.flush())
    return path


@given(lines=st.lists(st.binary(max_size=40).map(lambda b: b.replace(b"\n", b"")),
                      max_size=20),  # only \n ends a JSONL line, not \r
       cuts=st.lists(st.integers(0, 400), max_size=10))
def test_bounded_lines_split_at_newlines_whatever_the_chunks(lines, cuts):
    data = b"".join(line + b"\n" for line in lines)
    points = sorted({0, len(data), *(c for c in cuts if c < len(data))})
    chunks = [data[a:b] for a, b in zip(points, points[1:])]
    assert list(bounded_lines(chunks, 64)) == [line + b"\n" for line in lines]


def test_a_line_over_the_limit_is_skipped_and_the_next_one_read():
    chunks = [b"short\n", b"x" * 30, b"x" * 30, b"x\nafter\n"]
    assert list(bounded_lines(chunks, 16)) == [b"short\n", OversizedLine(62), b"after\n"]


def test_the_limit_comes_from_the_environment(monkeypatch):
    assert max_document_bytes() == 4 * 1024 * 1024
    monkeypatch.setenv(LIMIT_VARIABLE, "1000")
    assert max_document_bytes() == 1000
    monkeypatch.setenv(LIMIT_VARIABLE, "lots")
    with pytest.raises(UsageError, match=LIMIT_VARIABLE):
        max_document_bytes()


def test_oversized_documents_of_every_reader_are_one_failure(tmp_path, monkeypatch):
    monkeypatch.setenv(LIMIT_VARIABLE, "1000")
    (tmp_path / "big.txt").write_text("The minister said so. " * 100)
    (tmp_path / "big.html").write_text("<p>The minister said so.</p>" * 100)
    (tmp_path / "lines.jsonl").write_bytes(
        GOOD + json.dumps({"id": "big", "text": "y" * 2000}).encode() + b"\n" + LAST)
    results = list(read_paths([str(tmp_path)]))
    failures = {f.source: f.message for f in results if isinstance(f, Failure)}
    assert sorted(failures) == [str(tmp_path / "big.html"), str(tmp_path / "big.txt"),
                                f"{tmp_path / 'lines.jsonl'}:2"]
    assert all("too large" in m and LIMIT_VARIABLE in m for m in failures.values())
    assert [d.id for d in results if not isinstance(d, Failure)] == ["ok1", "ok2"]


def peak_rss_reading(path: Path, limit: int) -> tuple[int, list[str]]:
    """Peak RSS (KiB) of a fresh process that reads the file, and what it read."""
    script = ("import resource, sys\nfrom sayso.read import read_paths\n"
              "ids = [getattr(r, 'id', 'failed') for r in read_paths([sys.argv[1]])]\n"
              "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, *ids)")
    env = {**os.environ, LIMIT_VARIABLE: str(limit), "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", script, str(path)], env=env,
                         capture_output=True, text=True, check=True).stdout.split()
    return int(out[0]), out[1:]


def test_a_gzip_bomb_keeps_memory_flat(tmp_path):
    small, small_ids = peak_rss_reading(write_bomb(tmp_path / "small.jsonl.gz", 0), 1 << 20)
    bomb, bomb_ids = peak_rss_reading(write_bomb(tmp_path / "bomb.jsonl.gz", 256), 1 << 20)
    assert small_ids == bomb_ids == ["ok1", "failed", "ok2"]  # empty text / too large
    assert bomb - small < 64 * 1024, f"peak RSS grew by {(bomb - small) // 1024} MiB"


def test_analyze_refuses_an_oversized_line_in_one_line(nlp, tmp_path, monkeypatch):
    monkeypatch.setenv(LIMIT_VARIABLE, str(1 << 20))
    bomb = write_bomb(tmp_path / "bomb.jsonl.gz", 8)
    result = runner.invoke(app, ["analyze", str(bomb)])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"sayso: {bomb}:2: line too large: {8 * (1 << 20) + 27:,} bytes or more, over the "
        f"limit of {1 << 20:,} bytes (set {LIMIT_VARIABLE} to change it)"]
    assert [json.loads(line)["document"]["id"] for line in result.stdout.splitlines()] == [
        "ok1", "ok2"]


def test_ingest_quarantines_an_oversized_line(nlp, tmp_path, monkeypatch):
    monkeypatch.setenv(LIMIT_VARIABLE, str(1 << 20))
    bomb, db = write_bomb(tmp_path / "bomb.jsonl.gz", 2), tmp_path / "c.duckdb"
    result = runner.invoke(app, ["ingest", str(bomb), "--db", str(db)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    with Store(db, read_only=True) as store:
        assert [f.source for f in store.quarantined()] == [f"{bomb}:2"]
        assert store.counts()["documents"] == 2


@pytest.mark.parametrize("workers", [1, 2])
def test_a_text_longer_than_the_parser_takes_is_a_failure_not_e088(nlp, workers):
    text = "a" * (nlp.max_length + 1)
    documents = [make_document("huge", text), make_document("fine", "Bob said it rained.")]
    huge, fine = analyze_documents(documents, Config(n_process=workers))
    assert isinstance(huge, Failure) and "too large" in huge.message
    assert fine.document.id == "fine" and not isinstance(fine, Failure)


def test_a_lone_surrogate_in_a_jsonl_line_is_one_line_and_the_batch_goes_on(nlp, tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text('{"id": "bad", "text": "Hello \\ud800 world, Bob said."}\n'
                    + LAST.decode(), encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(path)])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"sayso: {path}:1: 'text' holds a lone surrogate (\\ud800 at character 6), not text"]
    assert json.loads(result.stdout)["document"]["id"] == "ok2"


def test_stdin_is_streamed_and_limited_too(nlp, monkeypatch):
    monkeypatch.setenv(LIMIT_VARIABLE, "1000")
    big = json.dumps({"id": "big", "text": "z" * 5000}).encode() + b"\n"
    result = runner.invoke(app, ["analyze", "-", "-f", "jsonl"], input=GOOD + big + LAST)
    assert result.exit_code == 1
    assert result.stderr.startswith("sayso: <stdin>:2: line too large")
    assert [json.loads(line)["document"]["id"] for line in result.stdout.splitlines()] == [
        "ok1", "ok2"]
    text = runner.invoke(app, ["analyze", "-"], input=b"The minister said so. " * 100)
    assert text.exit_code == 1 and "<stdin>: too large" in text.stderr
