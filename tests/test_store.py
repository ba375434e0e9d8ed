"""The DuckDB store: round trips, identity by hash, atomic replacement, errors."""
from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import duckdb
import pytest

from sayso.errors import StoreError
from sayso.model import Analysis
from sayso.read import make_document
from sayso.schema import validate
from sayso.store import Store
from sayso.store.migrations import migrations
from sayso.store.query import top_sources
from store_helpers import REPORT, sample_analysis


@pytest.fixture
def store():
    with Store(":memory:") as fresh:
        yield fresh


def test_sample_analysis_fits_the_contract():
    validate(sample_analysis().to_dict())


def test_get_returns_exactly_what_was_put(store):
    analysis = sample_analysis()
    assert store.put(analysis) is True
    assert store.get("d1") == analysis
    assert store.get("d1").to_dict() == analysis.to_dict()


def test_bare_document_round_trips(store):
    bare = Analysis(document=make_document("bare", "Nothing said here."))
    store.put(bare)
    assert store.get("bare") == bare


def test_records_are_flattened_into_tables(store):
    store.put(sample_analysis())
    counts = store.counts()
    assert (counts["documents"], counts["actors"], counts["actor_mentions"],
            counts["attributions"], counts["channels"], counts["events"]) == (1, 3, 4, 2, 1, 1)
    assert store.fetch("SELECT source_text, cue_lemma, stance FROM attributions "
                       "WHERE id = 'q2'") == [("The Northern Front", "deny", "denies")]
    assert store.fetch("SELECT hop, role, text FROM channels") == [(0, "interview",
                                                                    "Harbour Gazette")]


def test_unsourced_attribution_has_null_source_columns(store):
    analysis = sample_analysis()
    unsourced = replace(analysis.attributions[1], id="q3", source=None, cue=None,
                        form="unsourced")
    store.put(replace(analysis, attributions=analysis.attributions + (unsourced,)))
    assert store.fetch("SELECT source_text, source_start, cue_text FROM attributions "
                       "WHERE id = 'q3'") == [(None, None, None)]


def test_same_document_twice_is_a_no_op(store):
    store.put(sample_analysis())
    assert store.put(sample_analysis()) is False
    assert store.counts()["documents"] == 1
    assert store.counts()["attributions"] == 2


def test_changed_document_replaces_all_old_rows(store):
    store.put(sample_analysis())
    changed = sample_analysis(text=REPORT + "\n\nUpdated at noon.")
    changed = replace(changed, attributions=changed.attributions[:1], events=())
    assert store.put(changed) is True
    assert store.get("d1") == changed
    counts = store.counts()
    assert (counts["documents"], counts["attributions"], counts["events"]) == (1, 1, 0)


def test_put_many_keeps_the_last_of_repeated_ids(store):
    first = sample_analysis()
    second = sample_analysis(text=REPORT + " Again.")
    assert store.put_many([first, second]) == [False, True]
    assert store.get("d1") == second


def test_failed_batch_leaves_nothing_behind(store):
    store.put(sample_analysis("keep"))
    broken = replace(sample_analysis("new"),
                     document=replace(sample_analysis("new").document, text=None))
    with pytest.raises(StoreError):
        store.put_many([sample_analysis("other"), broken])
    assert [row[0] for row in store.fetch("SELECT id FROM documents")] == ["keep"]
    assert store.counts()["attributions"] == 2


def test_missing_document_is_a_store_error(store):
    with pytest.raises(StoreError, match="no document with id 'nope'"):
        store.get("nope")


def test_quarantine_keeps_one_row_per_source(store):
    store.quarantine("feed.xml", "not XML")
    store.quarantine("feed.xml", "still not XML")
    store.quarantine("batch.jsonl:3", "malformed JSON")
    assert sorted(map(str, store.quarantined())) == [
        "batch.jsonl:3: malformed JSON", "feed.xml: still not XML"]


def test_storing_a_document_clears_its_quarantine_entry(store):
    store.quarantine("d1", "analysis failed")
    store.put(sample_analysis())
    assert store.quarantined() == []


def test_new_database_is_at_the_latest_schema_version(store):
    assert store.schema_version() == max(number for number, _, _ in migrations())


def test_migrations_run_once_and_data_survives_reopening(tmp_path):
    path = tmp_path / "corpus.duckdb"
    with Store(path) as first:
        first.put(sample_analysis())
    with Store(path) as again:
        assert again.fetch("SELECT count(*) FROM schema_version")[0][0] == len(migrations())
        assert again.get("d1") == sample_analysis()


def test_file_that_is_not_duckdb_is_refused_and_kept(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("my notes")
    with pytest.raises(StoreError, match="not a DuckDB database"):
        Store(path)
    assert path.read_text() == "my notes"


def test_read_only_store_of_missing_file_is_an_error(tmp_path):
    with pytest.raises(StoreError, match="no such database"):
        Store(tmp_path / "missing.duckdb", read_only=True)


def test_read_only_store_refuses_writes(tmp_path):
    path = tmp_path / "corpus.duckdb"
    Store(path).close()
    with Store(path, read_only=True) as store, pytest.raises(StoreError):
        store.put(sample_analysis())


def test_database_locked_by_another_process_is_a_clear_error(tmp_path):
    path = tmp_path / "corpus.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
         "print('ready', flush=True); time.sleep(30)", str(path)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError, match="locked by another") as caught:
            Store(path)
        assert "\n" not in str(caught.value)
    finally:
        holder.kill()
        holder.wait()


def test_rows_are_plain_duckdb_tables(tmp_path):
    path = tmp_path / "corpus.duckdb"
    with Store(path) as store:
        store.put(sample_analysis())
    with duckdb.connect(str(path), read_only=True) as connection:
        assert connection.execute("SELECT name FROM actors ORDER BY id").fetchall() == [
            ("Ana Ruiz",), ("Harbour Gazette",), ("Northern Front",)]


def test_top_sources_count_resolved_actors_only(store):
    analysis = sample_analysis()
    unresolved = replace(analysis.attributions[1], id="q3",
                         source=replace(analysis.attributions[1].source, actor=None,
                                        text="The Northern Front"))
    store.put(replace(analysis, attributions=(*analysis.attributions, unresolved)))
    assert top_sources(store, 5) == [("Ana Ruiz", 1), ("Northern Front", 1)]
