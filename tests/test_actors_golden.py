"""Whole-article golden files for the actors stage.

Each fixture article ``tests/fixtures/actors/NAME.txt`` has its expected
actors in ``tests/golden/actors/NAME.json``. After a deliberate change,
regenerate them with ``SAYSO_UPDATE_GOLDEN=1 python -m pytest tests/test_actors_golden.py``
and review the diff.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from golden import check_golden_json
from sayso.model import Analysis
from sayso.nlp.actors import find_actors
from sayso.read.document import make_document
from sayso.schema import validate

FIXTURES = Path(__file__).parent / "fixtures" / "actors"
GOLDEN = Path(__file__).parent / "golden" / "actors"
ARTICLES = sorted(FIXTURES.glob("*.txt"))


@pytest.mark.parametrize("article", ARTICLES, ids=[a.stem for a in ARTICLES])
def test_actors_match_golden_file(nlp, article):
    text = article.read_text(encoding="utf-8")
    document = make_document(article.stem, text)
    analysis = Analysis(document=document, actors=find_actors(document, nlp(text)))
    validate(analysis.to_dict())
    actual = {"actors": [actor.to_dict() for actor in analysis.actors]}
    check_golden_json(GOLDEN / f"{article.stem}.json", actual)
