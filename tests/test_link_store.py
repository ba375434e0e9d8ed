"""Linking inside the store: incremental updates after each stored batch."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from typer.testing import CliRunner

from link_corpus import WIRE_CLAIM, wire_copy, wire_corpus
from test_link_claims import engineer_says, mayor_says, residents_deny

from sayso.cli import app
from sayso.config import Config
from sayso.eval.stories import read_corpus
from sayso.link import link_analyses
from sayso.link.linker import publication_order
from sayso.link.persist import update_links
from sayso.model import Analysis, Document
from sayso.store import Store
from sayso.store.ingest import ingest_documents

DEMO = Path(__file__).resolve().parents[1] / "sayso" / "data" / "demo"


def store_in_batches(analyses, size):
    store = Store(":memory:")
    for start in range(0, len(analyses), size):
        store.put_many(analyses[start:start + size])
        update_links(store)
    return store


def stories_of(store):
    return {frozenset(json.loads(docs)) for (docs,) in
            store.fetch("SELECT documents FROM stories")}


def test_batches_link_like_the_whole_corpus_at_once():
    corpus = wire_corpus()
    store = store_in_batches(corpus, 4)
    expected = {frozenset(s.documents) for s in link_analyses(corpus).story_records()}
    assert stories_of(store) == expected
    assert len(expected) == 6


def test_store_marks_copies_and_fills_the_wire_claim():
    store = store_in_batches(wire_corpus(), 5)
    duplicates = dict(store.fetch("SELECT id, duplicate_of FROM documents"))
    assert duplicates["wire-00"] is None
    assert {duplicates[f"wire-{n:02d}"] for n in range(1, 21)} == {"wire-00"}
    (members, origins, outlets, contested, laundered), = store.fetch(
        "SELECT members, origins, outlets, contested, laundered FROM claims WHERE text = ?",
        [WIRE_CLAIM])
    assert len(json.loads(members)) == 21
    assert (origins, outlets, contested, laundered) == (1, 21, False, False)


def test_an_earlier_copy_stored_later_becomes_the_original_of_the_group():
    store = store_in_batches([wire_copy(3), wire_copy(5)], 1)
    early = wire_copy(0)
    early = dataclasses.replace(early, document=dataclasses.replace(
        early.document, published="2031-03-01"))
    store.put(early)
    update_links(store)
    assert dict(store.fetch("SELECT id, duplicate_of FROM documents")) == {
        "wire-00": None, "wire-03": "wire-00", "wire-05": "wire-00"}


def test_claims_grow_across_batches_and_become_contested():
    store = store_in_batches([mayor_says(), engineer_says()], 1)
    dam = "SELECT origins, contested, contested_by FROM claims WHERE articles = 2"
    assert store.fetch(dam) == [(2, False, "[]")]
    store.put(residents_deny())
    assert update_links(store) == 1
    assert store.fetch(dam) == [(2, True, '[["watch", "q1"]]')]


def test_linking_twice_does_nothing_new():
    store = store_in_batches(wire_corpus(), 30)
    assert update_links(store) == 0
    assert store.fetch("SELECT count(*) FROM link_documents") == [(26,)]


def test_a_changed_document_is_relinked_and_leaves_its_old_story():
    store = store_in_batches(wire_corpus(), 30)
    moved = wire_copy(7)
    other = wire_corpus()[21].document
    moved = dataclasses.replace(moved, document=dataclasses.replace(
        other, id="wire-07", sha256="changed", title="Orchestra news"), attributions=())
    store.put(moved)
    assert update_links(store) >= 1
    wire = next(s for s in stories_of(store) if "wire-00" in s)
    assert "wire-07" not in wire
    assert any({"wire-07", "other-0"} <= s for s in stories_of(store))
    (members,), = store.fetch("SELECT members FROM claims WHERE text = ?", [WIRE_CLAIM])
    assert len(json.loads(members)) == 20


def test_ingest_links_each_committed_batch(nlp):
    store = Store(":memory:")
    documents = [a.document for a in wire_corpus()]
    ingest_documents(documents, store, config=Config(stages=()), batch_size=10)
    assert len(stories_of(store)) == 6
    assert store.fetch("SELECT count(*) FROM documents WHERE duplicate_of = 'wire-00'") == [(20,)]


def test_link_command_links_what_ingest_left_unlinked(tmp_path):
    path = tmp_path / "corpus.duckdb"
    with Store(path) as store:
        store.put_many(wire_corpus())
    result = CliRunner().invoke(app, ["link", "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("linked 26 documents")
    with Store(path) as store:
        assert len(stories_of(store)) == 6


def test_link_command_names_a_database_it_cannot_open(tmp_path):
    bad = tmp_path / "not.duckdb"
    bad.write_text("not a database")
    result = CliRunner().invoke(app, ["link", "--db", str(bad)])
    assert result.exit_code == 1
    assert "not.duckdb" in result.output


def test_a_linking_failure_is_quarantined_and_retried(monkeypatch):
    store = Store(":memory:")
    store.put_many(wire_corpus()[:3])

    def broken(store, analyses):
        raise ValueError("no signature")
    monkeypatch.setattr("sayso.link.persist.link_batch", broken)
    assert update_links(store) == 0
    assert [f.source for f in store.quarantined()] == ["link:wire-00"]
    monkeypatch.undo()
    assert update_links(store) == 3
    assert store.quarantined() == []


def test_demo_corpus_in_small_batches_links_like_all_at_once():
    documents = [d for d in read_corpus(DEMO / "articles.jsonl") if isinstance(d, Document)]
    analyses = sorted((Analysis(document=d) for d in documents), key=publication_order)
    store = store_in_batches(analyses, 5)
    expected = {frozenset(s.documents) for s in link_analyses(analyses).story_records()}
    assert stories_of(store) == expected
