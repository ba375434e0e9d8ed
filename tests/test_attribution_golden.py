"""Golden files: whole fixture articles and the attributions sayso finds.

Each ``tests/golden/attribution/NAME.txt`` is analysed with the default
pipeline and its attributions compared with ``NAME.json`` exactly. The
accurate pipeline (``--accurate``) runs an int8 transformer whose output
differs a little between CPU instruction sets (docs/QUALITY.md, "Accurate
mode on other CPUs"), so its expectation ``attribution-accurate/NAME.json``
is checked for what must hold on any x86-64 CPU: every span indexes the
text, every expected attribution is found with its source, cue and content
overlapping the expected ones, and about as many are found. After a change
that is meant to alter them, regenerate with
``SAYSO_UPDATE_GOLDEN=1 python -m pytest tests/test_attribution_golden.py``
and review the diff.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from golden import UPDATE, check_golden_json
from sayso.api import analyze
from sayso.config import Config
from sayso.schema import validate

GOLDEN = Path(__file__).parent / "golden" / "attribution"
ACCURATE_GOLDEN = GOLDEN.parent / "attribution-accurate"
ARTICLES = sorted(GOLDEN.glob("*.txt"))


@pytest.mark.parametrize("article", ARTICLES, ids=[a.stem for a in ARTICLES])
def test_attributions_match_golden(nlp, article):
    analysis = analyze(article.read_text(encoding="utf-8"), doc_id=article.stem).to_dict()
    validate(analysis)
    found = analysis["attributions"]
    check_golden_json(article.with_suffix(".json"), found)


@pytest.mark.parametrize("article", ARTICLES, ids=[a.stem for a in ARTICLES])
def test_accurate_attributions_hold_the_golden_ones(nlp, article):
    pytest.importorskip("onnxruntime")
    analysis = analyze(article.read_text(encoding="utf-8"), doc_id=article.stem,
                       config=Config(accurate=True)).to_dict()
    validate(analysis)
    golden = ACCURATE_GOLDEN / f"{article.stem}.json"
    if UPDATE:
        check_golden_json(golden, analysis["attributions"])
    check_roughly(json.loads(golden.read_text(encoding="utf-8")), analysis["attributions"])


def check_roughly(expected: list[dict], found: list[dict]) -> None:
    """Every expected attribution is found, roles overlapping, and the
    counts differ by at most one in eight (at least one)."""
    assert abs(len(found) - len(expected)) <= max(1, len(expected) // 8), \
        f"found {len(found)} attributions, expected about {len(expected)}"
    unmatched = list(found)
    for q in expected:
        match = next((f for f in unmatched if same_attribution(q, f)), None)
        assert match is not None, f"not found: {describe(q)}"
        unmatched.remove(match)


def same_attribution(expected: dict, found: dict) -> bool:
    """Cue, source and content overlap (a missing source only matches a missing one)."""
    if (expected["source"] is None) != (found["source"] is None):
        return False
    sources = expected["source"] is None or overlap(expected["source"]["span"],
                                                    found["source"]["span"])
    contents = any(overlap(a, b) for a in expected["content"]["spans"]
                   for b in found["content"]["spans"])
    return sources and contents and overlap(expected["cue"]["span"], found["cue"]["span"])


def overlap(a: list[int], b: list[int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def describe(q: dict) -> str:
    source = q["source"]["text"] if q["source"] else None
    return f"{source!r} {q['cue']['text']!r} {q['content']['text']!r}"


def attribution(source: list[int] | None, cue: list[int], *content: list[int]) -> dict:
    return {"source": source and {"span": source, "text": "s"},
            "cue": {"span": cue, "text": "c"},
            "content": {"spans": list(content), "text": "t"}}


def test_rough_check_takes_boundary_shifts():
    expected = [attribution([10, 20], [21, 25], [26, 40]), attribution(None, [50, 60], [0, 49])]
    shifted = [attribution([0, 20], [21, 25], [26, 41]), attribution(None, [50, 60], [5, 30])]
    check_roughly(expected, shifted)


@pytest.mark.parametrize("found", [
    [attribution([10, 20], [41, 45], [26, 40])],   # another cue
    [attribution(None, [21, 25], [26, 40])],       # the source lost
    [attribution([10, 20], [21, 25], [46, 60])],   # content elsewhere
    [],                                            # nothing found
], ids=["cue", "source", "content", "none"])
def test_rough_check_fails_when_a_role_moves_away(found):
    with pytest.raises(AssertionError):
        check_roughly([attribution([10, 20], [21, 25], [26, 40])], found)


def test_rough_check_counts_extra_attributions():
    expected = [attribution([10, 20], [21, 25], [26, 40])]
    extra = expected + [attribution([50, 55], [56, 60], [61, 70])] * 2
    with pytest.raises(AssertionError, match="found 3 attributions"):
        check_roughly(expected, extra)


def test_every_golden_article_has_its_expectation():
    assert ARTICLES
    assert all(a.with_suffix(".json").is_file() for a in ARTICLES)
    assert all((ACCURATE_GOLDEN / f"{a.stem}.json").is_file() for a in ARTICLES)
