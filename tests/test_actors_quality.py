"""Quality gate: kind and code precision/recall on the fixture articles
(``scripts/eval_actor_fixtures.py``). The minimums only ever go up."""
from __future__ import annotations

import importlib.util
from pathlib import Path

MINIMUMS = {"kind_precision": 0.90, "kind_recall": 0.95,
            "code_precision": 0.88, "code_recall": 0.90}


def load_script():
    path = Path(__file__).resolve().parents[1] / "scripts" / "eval_actor_fixtures.py"
    spec = importlib.util.spec_from_file_location("eval_actor_fixtures", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_fixture_scores_stay_above_minimums(nlp):
    scores = load_script().evaluate()
    low = {k: round(scores[k], 3) for k, v in MINIMUMS.items() if scores[k] < v}
    assert not low, f"below the minimums {MINIMUMS}: {low}"
