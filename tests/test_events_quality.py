"""Quality gate: the events scorer on sentences of our own (written from the
PLOVER and CAMEO definitions, not tuned against). Minimums only ever rise."""
from __future__ import annotations

import json

from conftest import FIXTURES
from sayso.api import analyze
from sayso.eval.scorers.score_events import score

OWN = FIXTURES / "events_own.jsonl"
MIN_TYPE_F1 = 0.80
MIN_TYPE_ACTOR_F1 = 0.75


def test_events_on_our_own_sentences_meet_the_gate(nlp):
    gold = [json.loads(line) for line in OWN.read_text(encoding="utf-8").splitlines()]
    predicted = [analyze(record["text"], doc_id=record["id"]).to_dict() for record in gold]
    result = score(gold, predicted)
    assert result["plover_type_f1"] >= MIN_TYPE_F1
    assert result["type_actor_f1"] >= MIN_TYPE_ACTOR_F1
