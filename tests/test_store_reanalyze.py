"""Re-analysis: a document stored with the same text by another analyser (an
older sayso, other stages, ``--accurate``) is re-analysed and replaced;
``--reanalyze`` forces it, and resumes when interrupted; old corpus files gain
the fingerprint column."""
from __future__ import annotations

import dataclasses
import json
import os
import signal

import duckdb
import pytest

import sayso
from link_corpus import WIRE_CLAIM, wire_copy, wire_corpus
from sayso.config import Config
from sayso.link.persist import update_links
from sayso.model import SCHEMA
from sayso.store import Store
from sayso.store import ingest as ingest_module
from sayso.store import reanalysis as reanalysis_module
from sayso.store.fingerprint import analyser_fingerprint
from sayso.store.ingest import ingest_paths
from sayso.store.migrations import VERSION_TABLE, migrations
from store_helpers import generated_articles, write_jsonl
from test_ingest import kill_after_first_commit, run_sayso

QUICK = Config(stages=("actors", "attributions"))
QUICK_ACCURATE = dataclasses.replace(QUICK, accurate=True)


@pytest.fixture
def articles(tmp_path):
    return write_jsonl(tmp_path / "articles.jsonl", generated_articles(3))


def outcome(summary):
    return summary.stored, summary.reanalysed, summary.unchanged, summary.failed


def analysers(store):
    return {doc_id: analyser for doc_id, analyser in
            store.fetch("SELECT id, analyser FROM documents")}


def test_fingerprint_names_version_schema_model_and_stages():
    default = analyser_fingerprint(QUICK)
    accurate = analyser_fingerprint(QUICK_ACCURATE)
    assert default.startswith(f"sayso {sayso.__version__}; {SCHEMA}; {QUICK.model}")
    assert default.endswith("; actors,attributions")
    assert accurate.endswith("; actors,attributions-accurate")
    assert analyser_fingerprint(Config()).endswith("; actors,attributions,events")


def test_accurate_ingest_reanalyses_what_the_default_stored_then_skips_it(nlp, articles):
    with Store(":memory:") as store:
        assert outcome(ingest_paths([str(articles)], store, config=QUICK)) == (3, 0, 0, 0)
        assert outcome(ingest_paths([str(articles)], store, config=QUICK)) == (0, 0, 3, 0)
        summary = ingest_paths([str(articles)], store, config=QUICK_ACCURATE)
        assert outcome(summary) == (3, 3, 0, 0)
        assert str(summary).splitlines()[0] == (
            "ingested 3 (3 re-analysed), skipped 0 as unchanged, failed 0")
        assert set(analysers(store).values()) == {analyser_fingerprint(QUICK_ACCURATE)}
        again = ingest_paths([str(articles)], store, config=QUICK_ACCURATE)
        assert outcome(again) == (0, 0, 3, 0)
        assert store.counts()["documents"] == 3


def test_new_changed_and_reanalysed_documents_are_told_apart(nlp, tmp_path, articles):
    records = generated_articles(4)
    records[0]["text"] += " The vote was later annulled."
    edited = write_jsonl(tmp_path / "edited.jsonl", records)
    with Store(":memory:") as store:
        ingest_paths([str(articles)], store, config=QUICK)
        summary = ingest_paths([str(edited)], store, config=QUICK_ACCURATE)
        assert outcome(summary) == (4, 2, 0, 0)
        assert str(summary).startswith("ingested 4 (2 re-analysed), skipped 0")


def test_interrupted_accurate_ingest_resumes_where_it_stopped(nlp, tmp_path):
    source = write_jsonl(tmp_path / "four.jsonl", generated_articles(4))

    def crash_after_first_batch(summary):
        raise KeyboardInterrupt

    with Store(":memory:") as store:
        ingest_paths([str(source)], store, config=QUICK)
        with pytest.raises(KeyboardInterrupt):
            ingest_paths([str(source)], store, config=QUICK_ACCURATE, batch_size=2,
                         on_commit=crash_after_first_batch)
        accurate = analyser_fingerprint(QUICK_ACCURATE)
        assert sorted(analysers(store).values()).count(accurate) == 2
        resumed = ingest_paths([str(source)], store, config=QUICK_ACCURATE, batch_size=2)
        assert outcome(resumed) == (2, 2, 2, 0)
        assert set(analysers(store).values()) == {accurate}


def without_attributions(analyze):
    """`analyze_documents` as if a lexicon edit had removed every cue."""
    def analyze_documents(items, config):
        for result in analyze(items, config):
            yield dataclasses.replace(result, attributions=()) \
                if isinstance(result, sayso.Analysis) else result
    return analyze_documents


def test_reanalyze_forces_a_new_analysis_of_unchanged_documents(nlp, articles, monkeypatch):
    with Store(":memory:") as store:
        ingest_paths([str(articles)], store, config=QUICK)
        assert store.counts()["attributions"] == 9
        monkeypatch.setattr(ingest_module, "analyze_documents",
                            without_attributions(ingest_module.analyze_documents))
        assert outcome(ingest_paths([str(articles)], store, config=QUICK)) == (0, 0, 3, 0)
        assert store.counts()["attributions"] == 9
        forced = ingest_paths([str(articles)], store, config=QUICK, reanalyze=True)
        assert outcome(forced) == (3, 3, 0, 0)
        assert store.counts()["attributions"] == 0


def test_reanalysed_document_is_relinked_and_its_claims_updated():
    with Store(":memory:") as store:
        store.put_many(wire_corpus())
        update_links(store)
        (members,), = store.fetch("SELECT members FROM claims WHERE text = ?", [WIRE_CLAIM])
        assert ["wire-07", "q1"] in json.loads(members)
        silent = dataclasses.replace(wire_copy(7), attributions=())
        assert store.put(silent) is False
        assert store.put(silent, analyser="a newer analyser") is True
        assert update_links(store) >= 1
        (members,), = store.fetch("SELECT members FROM claims WHERE text = ?", [WIRE_CLAIM])
        assert ["wire-07", "q1"] not in json.loads(members)
        assert store.fetch("SELECT story FROM documents WHERE id = 'wire-07'") == \
            store.fetch("SELECT story FROM documents WHERE id = 'wire-00'")


def write_schema_2_corpus(path, analysis):
    """A corpus file as sayso wrote it before analyser fingerprints: schema
    version 2, one stored and linked document."""
    connection = duckdb.connect(str(path))
    connection.execute(VERSION_TABLE)
    for number, name, sql in migrations()[:2]:
        connection.execute(sql)
        connection.execute("INSERT INTO schema_version (version, name) VALUES (?, ?)",
                           [number, name])
    document = analysis.document
    records = {key: value for key, value in analysis.to_dict().items()
               if key in ("schema", "actors", "attributions", "events")}
    connection.execute(
        "INSERT INTO documents (id, sha256, lang, text, boilerplate, records, story) "
        "VALUES (?, ?, ?, ?, '[]', ?, 's1')",
        [document.id, document.sha256, document.lang, document.text, json.dumps(records)])
    connection.execute("INSERT INTO link_documents (id, sha256, arrival, terms, story) "
                       "VALUES (?, ?, 0, '{}', 's1')", [document.id, document.sha256])
    connection.close()


def test_old_database_upgrades_in_place_and_its_documents_are_reanalysed(nlp, tmp_path):
    record = generated_articles(1)[0]
    source = write_jsonl(tmp_path / "one.jsonl", [record])
    db = tmp_path / "old.duckdb"
    write_schema_2_corpus(db, sayso.analyze(record["text"], doc_id=record["id"]))
    with Store(db) as store:
        assert store.schema_version() == max(number for number, _, _ in migrations())
        assert analysers(store) == {record["id"]: None}
        # migration 5 (claims export version 2) empties the link rows: relinked below
        assert store.fetch("SELECT count(*) FROM link_documents") == [(0,)]
        summary = ingest_paths([str(source)], store, config=QUICK)
        assert outcome(summary) == (1, 1, 0, 0)
        assert analysers(store) == {record["id"]: analyser_fingerprint(QUICK)}
        assert store.fetch("SELECT id, stale FROM link_documents") == [(record["id"], False)]


def test_cli_reanalyze_replaces_every_document(nlp, tmp_path, articles):
    db = tmp_path / "corpus.duckdb"
    with Store(db) as store:
        ingest_paths([str(articles)], store)
    result = run_sayso("ingest", str(articles), "--db", str(db), "--reanalyze")
    assert result.returncode == 0, result.stderr
    assert "ingested 3 (3 re-analysed), skipped 0 as unchanged, failed 0" in result.stdout


def test_store_rewrites_a_document_only_for_another_analyser_or_when_forced():
    with Store(":memory:") as store:
        analysis = wire_copy(3)
        assert store.put(analysis, analyser="v1") is True
        assert store.put(analysis, analyser="v1") is False
        assert store.put(analysis, analyser="v1", force=True) is True
        assert store.put(analysis, analyser="v2") is True
        assert store.known_versions(["wire-03"])["wire-03"] == (analysis.document.sha256, "v2")
        assert store.counts()["documents"] == 1


class Interrupted(Exception):
    """Stands for a Ctrl-C or kill -9 between two committed batches."""


def interrupt_after(batches):
    """An on_commit hook that stops the ingest after this many committed batches."""
    committed = []

    def on_commit(summary):
        committed.append(summary.stored)
        if len(committed) == batches:
            raise Interrupted
    return on_commit


def analysed_ids(monkeypatch):
    """The ids of the documents handed to the analyser from now on."""
    seen = []
    analyze = ingest_module.analyze_documents

    def counting(items, config):
        def noted():
            for item in items:
                seen.append(item.id if isinstance(item, sayso.Document) else item.source)
                yield item
        return analyze(noted(), config)
    monkeypatch.setattr(ingest_module, "analyze_documents", counting)
    return seen


def pending(store):
    return store.fetch("SELECT count(*) FROM reanalysis_requests")[0][0]


def test_interrupted_reanalyze_resumes_and_a_finished_one_starts_afresh(
        nlp, tmp_path, monkeypatch):
    source = write_jsonl(tmp_path / "five.jsonl", generated_articles(5))
    ids = [record["id"] for record in generated_articles(5)]
    with Store(":memory:") as store:
        ingest_paths([str(source)], store, config=QUICK)
        with pytest.raises(Interrupted):
            ingest_paths([str(source)], store, config=QUICK, reanalyze=True, batch_size=2,
                         on_commit=interrupt_after(1))
        assert pending(store) == 1
        analysed = analysed_ids(monkeypatch)
        resumed = ingest_paths([str(source)], store, config=QUICK, reanalyze=True,
                               batch_size=2)
        assert analysed == ids[2:]
        assert outcome(resumed) == (3, 3, 2, 0)
        assert resumed.resumed == 2
        assert str(resumed).splitlines()[0] == (
            "ingested 3 (3 re-analysed), skipped 2 as unchanged (2 already re-analysed), "
            "failed 0")
        assert pending(store) == 0
        assert store.fetch("SELECT count(*) FROM reanalysed_documents") == [(0,)]
        analysed.clear()
        afresh = ingest_paths([str(source)], store, config=QUICK, reanalyze=True,
                              batch_size=2)
        assert analysed == ids
        assert outcome(afresh) == (5, 5, 0, 0)
        assert store.counts()["documents"] == 5


def test_reanalyze_over_other_paths_leaves_the_interrupted_request_pending(
        nlp, tmp_path, monkeypatch):
    records = generated_articles(6)
    first = write_jsonl(tmp_path / "first.jsonl", records[:4])
    second = write_jsonl(tmp_path / "second.jsonl", records[4:])
    with Store(":memory:") as store:
        ingest_paths([str(first), str(second)], store, config=QUICK)
        with pytest.raises(Interrupted):
            ingest_paths([str(first)], store, config=QUICK, reanalyze=True, batch_size=2,
                         on_commit=interrupt_after(1))
        analysed = analysed_ids(monkeypatch)
        other = ingest_paths([str(second)], store, config=QUICK, reanalyze=True)
        assert outcome(other) == (2, 2, 0, 0)
        assert pending(store) == 1
        both = ingest_paths([str(tmp_path / "second.jsonl"), str(first)], store,
                            config=QUICK, reanalyze=True)
        assert outcome(both) == (6, 6, 0, 0), "another request: nothing is skipped"
        assert pending(store) == 1
        analysed.clear()
        resumed = ingest_paths([os.path.relpath(first)], store, config=QUICK,
                               reanalyze=True)
        assert analysed == [record["id"] for record in records[2:4]]
        assert outcome(resumed) == (2, 2, 2, 0)
        assert pending(store) == 0


def test_failed_documents_do_not_keep_a_reanalysis_pending(nlp, tmp_path):
    source = write_jsonl(tmp_path / "three.jsonl", generated_articles(3))
    missing = str(tmp_path / "gone.txt")
    with Store(":memory:") as store:
        ingest_paths([str(source)], store, config=QUICK)
        summary = ingest_paths([str(source), missing], store, config=QUICK, reanalyze=True)
        assert outcome(summary) == (3, 3, 0, 1)
        assert pending(store) == 0
        assert [failure.source for failure in store.quarantined()] == [missing]


def test_edited_data_files_start_a_pending_reanalysis_over(nlp, tmp_path, monkeypatch):
    source = write_jsonl(tmp_path / "four.jsonl", generated_articles(4))
    with Store(":memory:") as store:
        ingest_paths([str(source)], store, config=QUICK)
        with pytest.raises(Interrupted):
            ingest_paths([str(source)], store, config=QUICK, reanalyze=True, batch_size=2,
                         on_commit=interrupt_after(1))
        monkeypatch.setattr(ingest_module, "analysis_data_digest", lambda: "edited lexicons")
        again = ingest_paths([str(source)], store, config=QUICK, reanalyze=True,
                             batch_size=2)
        assert outcome(again) == (4, 4, 0, 0)
        assert pending(store) == 0


def test_request_paths_are_absolute_sorted_and_without_repeats(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    key = reanalysis_module.request_paths(["b.jsonl", "-", str(tmp_path / "a.jsonl"),
                                           "./b.jsonl", "dir/"])
    assert json.loads(key) == sorted(["-", str(tmp_path / "a.jsonl"),
                                      str(tmp_path / "b.jsonl"), str(tmp_path / "dir")])


def test_kill_9_mid_reanalyze_then_rerun_resumes(nlp, tmp_path):
    total = 20
    source = write_jsonl(tmp_path / "many.jsonl", generated_articles(total, sentences=40))
    db = tmp_path / "corpus.duckdb"
    with Store(db) as store:
        ingest_paths([str(source)], store)
        before = dict(store.fetch("SELECT id, ingested FROM documents"))
    reanalyze = [str(source), "--db", str(db), "--reanalyze"]
    assert kill_after_first_commit(*reanalyze, batch_size=4) == -signal.SIGKILL
    with Store(db) as store:
        done = [doc_id for doc_id, ingested in store.fetch("SELECT id, ingested FROM documents")
                if ingested != before[doc_id]]
        assert 4 <= len(done) < total, "the kill came too late to test"
        assert store.counts()["documents"] == total
    rerun = run_sayso("ingest", *reanalyze, "--batch-size", "4")
    assert rerun.returncode == 0, rerun.stderr
    assert (f"ingested {total - len(done)} ({total - len(done)} re-analysed), skipped "
            f"{len(done)} as unchanged ({len(done)} already re-analysed)"
            in rerun.stdout)
    with Store(db) as store:
        assert store.fetch("SELECT count(*), count(DISTINCT id) FROM documents")[0] == (
            total, total)
        assert pending(store) == 0
