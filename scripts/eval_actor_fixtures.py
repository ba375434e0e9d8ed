"""Precision and recall of actor kinds and codes on the hand-made fixtures.

Each ``tests/fixtures/actors/NAME.txt`` has a ``NAME.expected.tsv`` listing
the actors a careful reader finds (name, kind, CAMEO code or ``-``). A
predicted actor matches an expected one when its name or an alias equals
the expected name (case-insensitive). Kind precision: predicted actors
(authors left out) matching an expected actor of the same kind, over all
predicted; kind recall: expected actors so found, over all expected. Code
precision and recall likewise for codes (same first three letters, and
the same agent when both give one), over predicted actors with a code and
expected actors with a code.

Usage: PYTHONPATH=. python scripts/eval_actor_fixtures.py [FIXTURE_DIR]
"""
from __future__ import annotations

import sys
from pathlib import Path

from sayso.config import DEFAULT_MODEL
from sayso.model import Actor
from sayso.nlp.actors import find_actors
from sayso.nlp.parse import load_pipeline
from sayso.read.document import make_document

FIXTURES = Path(__file__).resolve().parents[1] / "tests/fixtures/actors"


def expected_actors(path: Path) -> list[tuple[str, str, str | None]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, kind, code = line.split("\t")
            rows.append((name, kind, None if code == "-" else code))
    return rows


def code_matches(predicted: str | None, gold: str | None) -> bool:
    if not predicted or not gold or predicted[:3] != gold[:3]:
        return False
    return not (predicted[3:6] and gold[3:6]) or predicted[3:6] == gold[3:6]


def names_of(actor: Actor) -> set[str]:
    return {name.lower() for name in (actor.name, *actor.aliases)}


def score_fixture(actors: tuple[Actor, ...], expected: list) -> dict[str, int]:
    actors = tuple(a for a in actors if a.kind != "author")
    by_name = {name.lower(): (kind, code) for name, kind, code in expected}

    def gold_for(actor: Actor):
        return next((by_name[n] for n in names_of(actor) if n in by_name), None)

    def actor_for(name: str) -> Actor | None:
        return next((a for a in actors if name.lower() in names_of(a)), None)

    counts = {"predicted": len(actors), "expected": len(expected),
              "kind_right_predicted": 0, "kind_right_expected": 0,
              "coded_predicted": 0, "code_right_predicted": 0,
              "coded_expected": 0, "code_right_expected": 0}
    for actor in actors:
        gold = gold_for(actor)
        code = actor.codes.get("cameo")
        counts["kind_right_predicted"] += bool(gold and gold[0] == actor.kind)
        counts["coded_predicted"] += bool(code)
        counts["code_right_predicted"] += bool(code and gold and code_matches(code, gold[1]))
    for name, kind, code in expected:
        actor = actor_for(name)
        counts["kind_right_expected"] += bool(actor and actor.kind == kind)
        counts["coded_expected"] += bool(code)
        counts["code_right_expected"] += bool(
            code and actor and code_matches(actor.codes.get("cameo"), code))
    return counts


def evaluate(fixtures: Path = FIXTURES) -> dict[str, float]:
    nlp = load_pipeline(DEFAULT_MODEL)
    total: dict[str, int] = {}
    for expected_path in sorted(fixtures.glob("*.expected.tsv")):
        text_path = expected_path.with_name(expected_path.name.replace(".expected.tsv", ".txt"))
        text = text_path.read_text(encoding="utf-8")
        actors = find_actors(make_document(text_path.stem, text), nlp(text))
        for key, value in score_fixture(actors, expected_actors(expected_path)).items():
            total[key] = total.get(key, 0) + value
    return {
        "kind_precision": total["kind_right_predicted"] / max(total["predicted"], 1),
        "kind_recall": total["kind_right_expected"] / max(total["expected"], 1),
        "code_precision": total["code_right_predicted"] / max(total["coded_predicted"], 1),
        "code_recall": total["code_right_expected"] / max(total["coded_expected"], 1),
    }


def main() -> None:
    fixtures = Path(sys.argv[1]) if len(sys.argv) > 1 else FIXTURES
    print(" ".join(f"{key}={value:.3f}" for key, value in evaluate(fixtures).items()))


if __name__ == "__main__":
    main()
