"""Links do not depend on batching, order of arrival or interruptions
(issue 18): one corpus stored three ways gives the same exports."""
from __future__ import annotations

import dataclasses
import random

from link_corpus import wire_corpus
from test_link_claims import (colonel_says, engineer_says, interview_rewrite, mayor_says,
                              own_voice_lead, residents_deny)

from sayso.link import link_analyses
from sayso.link import persist
from sayso.link.persist import unlinked_count, update_links
from sayso.store import Store
from sayso.store.export import export_records

EXPORTS = ("documents", "stories", "claims", "statements")


def corpus():
    """The wire story and its copies, the dam and shelling reports, and two
    undated articles, in a shuffled order of arrival."""
    analyses = wire_corpus() + [
        mayor_says(), engineer_says(), residents_deny(), interview_rewrite(),
        colonel_says("p1", "Capital Times", 10), colonel_says("p2", "Border Voice", 11),
        own_voice_lead()]
    for doc_id in ("undated-1", "undated-2"):
        base = mayor_says(doc_id, "Undated Weekly")
        analyses.append(dataclasses.replace(base, document=dataclasses.replace(
            base.document, published=None)))
    random.Random(7).shuffle(analyses)
    return analyses


def exports(store):
    return {what: list(export_records(store, what)) for what in EXPORTS}


def all_at_once():
    store = Store(":memory:")
    store.put_many(corpus())
    update_links(store)
    return store


def in_batches(size):
    store = Store(":memory:")
    analyses = corpus()
    for start in range(0, len(analyses), size):
        store.put_many(analyses[start:start + size])
        update_links(store, batch_size=2)
    return store


def interrupted(monkeypatch):
    """Linking dies in the third batch (as under kill -9: that batch rolls
    back); a later call resumes."""
    store = Store(":memory:")
    store.put_many(corpus())
    real, calls = persist.link_batch, []

    def dying(store, analyses):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("killed")
        real(store, analyses)
    monkeypatch.setattr(persist, "link_batch", dying)
    update_links(store, batch_size=3)
    assert unlinked_count(store) > 0
    monkeypatch.undo()
    update_links(store, batch_size=5)
    return store


def test_one_corpus_three_ways_gives_the_same_exports(monkeypatch):
    expected = exports(all_at_once())
    assert len(expected["claims"]) > 10
    assert exports(in_batches(4)) == expected
    assert exports(interrupted(monkeypatch)) == expected


def test_the_store_links_like_the_in_memory_linker():
    linker = link_analyses(corpus())
    stored = exports(all_at_once())
    assert stored["claims"] == [c.to_dict() for c in linker.claim_records()]


def test_documents_arriving_newest_first_link_like_all_at_once():
    """Each one sorts before every linked document: every call rewinds."""
    analyses = sorted(corpus(), key=lambda a: (a.document.published or "", a.document.id),
                      reverse=True)[::3]
    one_by_one = Store(":memory:")
    for analysis in analyses:
        one_by_one.put(analysis)
        update_links(one_by_one)
    at_once = Store(":memory:")
    at_once.put_many(analyses)
    update_links(at_once)
    assert exports(one_by_one) == exports(at_once)


def test_a_corpus_without_dates_or_outlets_links_and_says_what_it_could_not_use():
    analyses = []
    for analysis in (mayor_says(), engineer_says(), residents_deny()):
        analyses.append(dataclasses.replace(analysis, document=dataclasses.replace(
            analysis.document, published=None, outlet=None)))
    store = Store(":memory:")
    store.put_many(analyses)
    assert update_links(store) == 3
    dam = next(c for c in export_records(store, "claims") if ["berg", "q1"] in c["members"])
    assert ["ruiz", "q1"] in dam["members"] and dam["contested_by"] == [["watch", "q1"]]
    assert dam["first_seen"] is None
    note = persist.missing_metadata(store)
    assert note.startswith("3 documents without a date") and "3 without an outlet" in note
