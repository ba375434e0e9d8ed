"""Hand-built analyses for the store, ingest and export tests (no model needed)."""
from __future__ import annotations

import json
from pathlib import Path

from sayso.model import (Actor, Analysis, Attribution, Boilerplate, Channel, Content,
                         Cue, Event, Participant, Source, Trigger)
from sayso.read import make_document

REPORT = ("Border talks stall\n\n"
          "Minister Ana Ruiz told the Harbour Gazette in an interview that the "
          "convoy crossed the river. The Northern Front denied the claim. "
          "Ruiz's office accused the Front of shelling the bridge.\n\n"
          "Photo: Harbour Gazette")


def span(text: str, surface: str, start: int = 0) -> tuple[int, int]:
    begin = text.index(surface, start)
    return (begin, begin + len(surface))


def sample_analysis(doc_id: str = "d1", text: str = REPORT, **metadata) -> Analysis:
    """An analysis with every kind of record, consistent with its text."""
    document = make_document(doc_id, text, title="Border talks stall",
                             outlet="Test Wire", **metadata)
    document = _with_boilerplate(document, text)
    ruiz = Actor(id="a1", name="Ana Ruiz", kind="person", title="Minister",
                 aliases=("Ruiz",), codes={"cameo": "GOV"},
                 mentions=(span(text, "Minister Ana Ruiz"), span(text, "Ruiz's")))
    gazette = Actor(id="a2", name="Harbour Gazette", kind="outlet",
                    mentions=(span(text, "Harbour Gazette"),))
    front = Actor(id="a3", name="Northern Front", kind="group", affiliation=None,
                  mentions=(span(text, "The Northern Front"),))
    said = Attribution(
        id="q1", form="indirect",
        source=Source(text="Minister Ana Ruiz", span=span(text, "Minister Ana Ruiz"),
                      actor="a1", kind="named"),
        cue=Cue(text="told", lemma="tell", span=span(text, "told")),
        content=Content(text="the convoy crossed the river",
                        spans=(span(text, "the convoy crossed the river"),)),
        via=(Channel(text="Harbour Gazette", span=span(text, "Harbour Gazette"),
                     role="interview", actor="a2"),))
    denied = Attribution(
        id="q2", form="indirect",
        source=Source(text="The Northern Front", span=span(text, "The Northern Front"),
                      actor="a3", kind="organization"),
        cue=Cue(text="denied", lemma="deny", span=span(text, "denied")),
        content=Content(text="the claim", spans=(span(text, "the claim"),)),
        stance="denies")
    accused = Event(
        id="e1", type="ACCUSE", mode=None, cameo="112",
        trigger=Trigger(text="accused", span=span(text, "accused")),
        actor=Participant(text="Ruiz's office", span=span(text, "Ruiz's office"), actor="a1"),
        target=Participant(text="the Front", span=span(text, "the Front"), actor="a3"),
        sentence=span(text, "Ruiz's office accused the Front of shelling the bridge."),
        modality="asserted")
    return Analysis(document=document, actors=(ruiz, gazette, front),
                    attributions=(said, denied), events=(accused,))


def _with_boilerplate(document, text):
    from dataclasses import replace
    return replace(document, boilerplate=(
        Boilerplate(kind="credit", span=span(text, "Photo: Harbour Gazette")),))


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def generated_articles(count: int, *, sentences: int = 3) -> list[dict]:
    """Small distinct articles, in the JSONL input shape."""
    return [{"id": f"gen-{n:04d}", "title": f"Council vote {n}", "outlet": "Test Wire",
             "text": " ".join(f"The council voted {n + k} times on the budget, "
                              f"spokesman Lee Park said on day {k}."
                              for k in range(sentences))}
            for n in range(count)]


def assert_stored_once(store, articles: list[dict]) -> None:
    """Every article stored exactly once, each of its records once, its text
    as written (what an interrupted and resumed ingest must leave)."""
    total = len(articles)
    assert store.fetch("SELECT count(*), count(DISTINCT id) FROM documents")[0] == (
        total, total)
    for table in ("actors", "attributions", "events"):
        rows, distinct = store.fetch(
            f"SELECT count(*), count(DISTINCT (document, id)) FROM {table}")[0]
        assert rows == distinct, table
    assert all(store.get(r["id"]).document.text == r["text"] for r in articles)
