"""Golden files: whole fixture articles and the attributions sayso finds.

Each ``tests/golden/attribution/NAME.txt`` is analysed with the default
pipeline and its attributions compared with ``NAME.json``, and with the
accurate pipeline (``--accurate``) against ``attribution-accurate/NAME.json``.
After a change
that is meant to alter them, regenerate with
``SAYSO_UPDATE_GOLDEN=1 python -m pytest tests/test_attribution_golden.py``
and review the diff.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from golden import check_golden_json
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
def test_accurate_attributions_match_golden(nlp, article):
    pytest.importorskip("onnxruntime")
    analysis = analyze(article.read_text(encoding="utf-8"), doc_id=article.stem,
                       config=Config(accurate=True)).to_dict()
    validate(analysis)
    check_golden_json(ACCURATE_GOLDEN / f"{article.stem}.json", analysis["attributions"])


def test_every_golden_article_has_its_expectation():
    assert ARTICLES
    assert all(a.with_suffix(".json").is_file() for a in ARTICLES)
    assert all((ACCURATE_GOLDEN / f"{a.stem}.json").is_file() for a in ARTICLES)
