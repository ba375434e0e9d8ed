"""How well the actors stage finds and codes the actors of gold event data.

For each event source/target string with a CAMEO actor code in an events
gold file (``shared/data/events/dev.jsonl``), sayso runs over the record's
text and the string counts as *found* when some actor's name or alias
contains it or is contained in it as whole words (case-insensitive, a
leading "the" ignored; an exact name wins). A found string's code is *right* when the actor's ``codes.cameo``
has the same first three letters ("---", an unstated country, matches any)
and, when both codes give one, the same agent (letters 4-6).

Prints recall (found / strings), code accuracy (right / found) and
code recall (right / strings); ``--show-errors N`` lists misses.

Usage: PYTHONPATH=. python scripts/eval_actor_codes.py [GOLD] [--show-errors N]
"""
from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from sayso.config import DEFAULT_MODEL
from sayso.model import Actor
from sayso.nlp.actors import find_actors
from sayso.nlp.parse import load_pipeline
from sayso.read.document import make_document

DEFAULT_GOLD = Path(__file__).resolve().parents[2] / "shared/data/events/dev.jsonl"


def gold_strings(path: Path) -> list[tuple[str, str, str, str]]:
    """(record id, text, actor string, code) for every coded actor string."""
    rows, seen = [], set()
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        for event in record["events"]:
            for role in ("source", "target"):
                string, code = event.get(role), event.get(role + "_code")
                key = (record["id"], string, code)
                if string and code and key not in seen:
                    seen.add(key)
                    rows.append((record["id"], record["text"], string, code))
    return rows


def bare(name: str) -> str:
    name = name.lower().strip()
    return name[4:] if name.startswith("the ") else name


def contains(longer: str, shorter: str) -> bool:
    """Whole-word containment."""
    return bool(shorter) and re.search(rf"(?<!\w){re.escape(shorter)}(?!\w)", longer) is not None


def matching_actor(actors: tuple[Actor, ...], string: str) -> Actor | None:
    """The actor named exactly so, else the first whose name or alias holds
    the string or is held in it."""
    wanted = bare(string)
    names = [(bare(name), actor) for actor in actors for name in (actor.name, *actor.aliases)]
    exact = [actor for name, actor in names if name == wanted]
    near = [actor for name, actor in names if contains(wanted, name) or contains(name, wanted)]
    return (exact or near or [None])[0]


def code_matches(predicted: str | None, gold: str) -> bool:
    if not predicted:
        return False
    if gold[:3] != "---" and predicted[:3] != gold[:3]:
        return False
    gold_agent, predicted_agent = gold[3:6], predicted[3:6]
    return not (gold_agent and predicted_agent) or gold_agent == predicted_agent


def evaluate(gold: Path, show_errors: int = 0) -> dict[str, float]:
    nlp = load_pipeline(DEFAULT_MODEL)
    rows = gold_strings(gold)
    cache: dict[str, tuple[Actor, ...]] = {}
    found = right = 0
    errors = []
    for record_id, text, string, code in rows:
        if record_id not in cache:
            cache[record_id] = find_actors(make_document(record_id, text), nlp(text))
        actor = matching_actor(cache[record_id], string)
        predicted = actor.codes.get("cameo") if actor else None
        found += actor is not None
        right += code_matches(predicted, code)
        if not code_matches(predicted, code):
            errors.append(f"{record_id}: {string!r} gold {code} got "
                          f"{actor.name + ' ' + str(predicted) if actor else 'no actor'}")
    for error in errors[:show_errors]:
        print(error)
    total = len(rows)
    return {"strings": total, "recall": found / total, "code_accuracy": right / max(found, 1),
            "code_recall": right / total}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--show-errors", type=int, default=0)
    args = parser.parse_args()
    scores = evaluate(args.gold, args.show_errors)
    print(" ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}"
                   for k, v in scores.items()))


if __name__ == "__main__":
    main()
