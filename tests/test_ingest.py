"""Ingest: skipping unchanged documents, replacing changed ones, quarantine,
batch commits, and resuming after ``kill -9``."""
from __future__ import annotations

import gzip
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from sayso.errors import UsageError
from sayso.store import Store
from sayso.store.ingest import estimate_documents, ingest_paths
from store_helpers import assert_stored_once, generated_articles, write_jsonl

ROOT = Path(__file__).resolve().parents[1]


def run_sayso(*args: str, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "sayso", *args], capture_output=True,
                          text=True, env=env, timeout=300, **kwargs)


def kill_after_first_commit(*args: str, batch_size: int) -> int:
    """Run ``sayso ingest ARGS --batch-size N`` and kill -9 it as soon as
    it reports its first batch; the return code it died with."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    ingest = subprocess.Popen(
        [sys.executable, "-m", "sayso", "ingest", *args, "--batch-size", str(batch_size)],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env)
    try:
        assert ingest.stderr.readline().startswith(f"ingest: {batch_size} documents done")
        ingest.send_signal(signal.SIGKILL)
    finally:
        ingest.wait(timeout=60)
    return ingest.returncode


@pytest.fixture
def articles(tmp_path):
    return write_jsonl(tmp_path / "articles.jsonl", generated_articles(6))


def test_ingest_stores_every_document(nlp, articles):
    with Store(":memory:") as store:
        summary = ingest_paths([str(articles)], store, batch_size=4)
        assert (summary.stored, summary.unchanged, summary.failed) == (6, 0, 0)
        stored = store.get("gen-0003")
    assert stored.document.outlet == "Test Wire"
    assert stored.document.text == generated_articles(6)[3]["text"]


def test_second_ingest_skips_everything(nlp, articles):
    with Store(":memory:") as store:
        ingest_paths([str(articles)], store)
        outcomes = []
        summary = ingest_paths([str(articles)], store,
                               on_progress=lambda outcome, what: outcomes.append(outcome))
        assert (summary.stored, summary.unchanged) == (0, 6)
        assert outcomes == ["unchanged"] * 6
        assert store.counts()["documents"] == 6


def test_changed_document_replaces_the_old_one(nlp, tmp_path, articles):
    records = generated_articles(6)
    records[2]["text"] += " The vote was later annulled."
    changed = write_jsonl(tmp_path / "changed.jsonl", records)
    with Store(":memory:") as store:
        ingest_paths([str(articles)], store)
        summary = ingest_paths([str(changed)], store)
        assert (summary.stored, summary.unchanged) == (1, 5)
        assert store.get("gen-0002").document.text.endswith("annulled.")
        assert store.counts()["documents"] == 6


def test_bad_inputs_go_to_quarantine_and_the_rest_is_stored(nlp, tmp_path, articles):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "ok", "text": "The mayor said it rained."}\n{"id": \n')
    with Store(":memory:") as store:
        summary = ingest_paths([str(articles), str(bad), str(tmp_path / "gone.txt")], store)
        assert (summary.stored, summary.failed) == (7, 2)
        assert sorted(f.source for f in store.quarantined()) == [
            f"{bad}:2", str(tmp_path / "gone.txt")]


def test_truncated_gzip_keeps_what_came_before(nlp, tmp_path):
    whole = gzip.compress(write_jsonl(tmp_path / "a.jsonl", generated_articles(40))
                          .read_bytes())
    truncated = tmp_path / "cut.jsonl.gz"
    truncated.write_bytes(whole[: len(whole) * 2 // 3])
    with Store(":memory:") as store:
        summary = ingest_paths([str(truncated)], store)
        assert summary.failed == 1
        assert 0 < summary.stored < 40
        assert store.quarantined()[0].source == str(truncated)


def test_commits_come_in_batches(nlp, articles):
    commits = []
    with Store(":memory:") as store:
        ingest_paths([str(articles)], store, batch_size=4,
                     on_commit=lambda summary: commits.append(summary.stored))
    assert commits == [4, 6]


def test_batch_size_must_be_positive(articles):
    with Store(":memory:") as store, pytest.raises(UsageError):
        ingest_paths([str(articles)], store, batch_size=0)


def test_estimate_counts_files_and_jsonl_lines(tmp_path, articles):
    (tmp_path / "one.txt").write_text("A text.")
    (tmp_path / "manifest.json").write_text("{}")
    assert estimate_documents([str(articles)]) == 6
    assert estimate_documents([str(tmp_path)]) == 7
    assert estimate_documents(["-"]) is None


def test_cli_ingest_summary_and_exit_codes(tmp_path, articles):
    db = tmp_path / "corpus.duckdb"
    first = run_sayso("ingest", str(articles), str(tmp_path / "gone.txt"), "--db", str(db))
    assert first.returncode == 1
    assert "ingested 6, skipped 0 as unchanged, failed 1" in first.stdout
    assert f"sayso: {tmp_path / 'gone.txt'}: no such file or directory" in first.stderr
    again = run_sayso("ingest", str(articles), "--db", str(db))
    assert again.returncode == 0
    assert "ingested 0, skipped 6 as unchanged, failed 0" in again.stdout
    listed = run_sayso("quarantine", "--db", str(db))
    assert listed.stdout.strip() == f"{tmp_path / 'gone.txt'}: no such file or directory"


def test_cli_ingest_into_a_file_that_is_not_duckdb(tmp_path, articles):
    db = tmp_path / "notes.duckdb"
    db.write_text("keep me")
    result = run_sayso("ingest", str(articles), "--db", str(db))
    assert result.returncode == 1
    assert result.stderr.strip() == f"sayso: {db}: not a DuckDB database"
    assert db.read_text() == "keep me"


def test_kill_9_mid_ingest_then_rerun_loses_and_duplicates_nothing(tmp_path):
    total = 30
    source = write_jsonl(tmp_path / "many.jsonl", generated_articles(total, sentences=40))
    db = tmp_path / "corpus.duckdb"
    assert kill_after_first_commit(str(source), "--db", str(db), batch_size=5) == -signal.SIGKILL
    with Store(db) as store:
        assert 5 <= store.counts()["documents"] < total, "the kill came too late to test"
    rerun = run_sayso("ingest", str(source), "--db", str(db), "--batch-size", "5")
    assert rerun.returncode == 0, rerun.stderr
    with Store(db) as store:
        assert_stored_once(store, generated_articles(total, sentences=40))


def test_fixed_input_leaves_quarantine_on_the_next_ingest(nlp, tmp_path):
    feed = tmp_path / "batch.jsonl"
    feed.write_text('{"id": "a", "text": "The mayor said it rained."}\n{"id": \n')
    with Store(":memory:") as store:
        ingest_paths([str(tmp_path)], store)
        assert [f.source for f in store.quarantined()] == [f"{feed}:2"]
        feed.write_text('{"id": "a", "text": "The mayor said it rained."}\n'
                        '{"id": "b", "text": "Police said nobody was hurt."}\n')
        summary = ingest_paths([str(tmp_path)], store)
        assert (summary.stored, summary.unchanged, summary.failed) == (1, 1, 0)
        assert store.quarantined() == []


def test_quarantine_of_other_inputs_is_kept(nlp, tmp_path, articles):
    with Store(":memory:") as store:
        store.quarantine("/elsewhere/feed.xml", "not XML")
        store.quarantine(f"{articles}x", "a different file")
        ingest_paths([str(articles)], store)
        assert sorted(f.source for f in store.quarantined()) == [
            "/elsewhere/feed.xml", f"{articles}x"]


def test_unstorable_analysis_is_quarantined_and_the_batch_kept(monkeypatch, tmp_path):
    from dataclasses import replace

    import sayso.store.ingest as ingest_module
    from sayso.model import Document
    from store_helpers import sample_analysis

    broken = sample_analysis("broken")
    broken = replace(broken, document=replace(broken.document, lang=None))

    def fake_analyze(items, config):
        for item in items:
            yield broken if item.id == "broken" else sample_analysis(item.id)

    monkeypatch.setattr(ingest_module, "analyze_documents", fake_analyze)
    documents = [Document(id=name, text=name, sha256=name) for name in ("a", "broken", "b")]
    with Store(":memory:") as store:
        summary = ingest_module.ingest_documents(documents, store)
        assert (summary.stored, summary.failed) == (2, 1)
        assert sorted(row[0] for row in store.fetch("SELECT id FROM documents")) == ["a", "b"]
        [failure] = store.quarantined()
        assert failure.source == "broken" and failure.message.startswith("cannot store:")
