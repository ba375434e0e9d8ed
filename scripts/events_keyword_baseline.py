"""The keyword baseline for PLOVER events: one trigger lemma per type.

Usage:
    PYTHONPATH=$PWD python scripts/events_keyword_baseline.py GOLD.jsonl > PRED.jsonl
    python ../shared/tools/score_events.py GOLD.jsonl PRED.jsonl

For each record's text, every token whose lemma is one type's keyword is an
event of that type; its actor is the nearest named entity (or noun chunk)
before the keyword and its target the nearest after it, in the sentence. It
is the reference point the event coder must beat (docs/QUALITY.md).
"""
from __future__ import annotations

import json
import sys

from sayso.config import DEFAULT_MODEL
from sayso.nlp.parse import load_pipeline

KEYWORDS = {"agree": "AGREE", "meet": "CONSULT", "praise": "SUPPORT", "ease": "CONCEDE",
            "cooperate": "COOPERATE", "aid": "AID", "withdraw": "RETREAT", "urge": "REQUEST",
            "accuse": "ACCUSE", "reject": "REJECT", "threaten": "THREATEN",
            "sanction": "SANCTION", "protest": "PROTEST", "deploy": "MOBILIZE",
            "arrest": "COERCE", "attack": "ASSAULT"}


def phrases(sentence):
    """Named entities, else noun chunks, of a sentence."""
    return list(sentence.ents) or list(sentence.noun_chunks)


def slot(span):
    return None if span is None else {"text": span.text, "span": [span.start_char, span.end_char]}


def keyword_events(doc):
    events = []
    for token in doc:
        kind = KEYWORDS.get(token.lemma_.lower())
        if kind is None:
            continue
        found = phrases(token.sent)
        before = [p for p in found if p.end <= token.i]
        after = [p for p in found if p.start > token.i]
        events.append({"type": kind, "actor": slot(before[-1] if before else None),
                       "target": slot(after[0] if after else None)})
    return events


def main(path: str) -> None:
    nlp = load_pipeline(DEFAULT_MODEL)
    records = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    for record, doc in zip(records, nlp.pipe(r["text"] for r in records)):
        print(json.dumps({"document": {"id": record["id"]}, "events": keyword_events(doc)}))


if __name__ == "__main__":
    main(sys.argv[1])
