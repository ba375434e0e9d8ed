"""Golden files: who said what in whole fixture articles written to test
coreference (gendered pronouns, offices, "Its spokesman, X").

Each ``tests/golden/coref/NAME.txt`` is analysed with the default pipeline
and compared with ``NAME.json``: every attribution's source and the actor it
resolves to, and every actor's title, role and affiliation. Regenerate with
``SAYSO_UPDATE_GOLDEN=1 python -m pytest tests/test_coref_golden.py`` and
review the diff.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from golden import check_golden_json
from sayso.api import analyze
from sayso.model import Analysis
from sayso.schema import validate

GOLDEN = Path(__file__).parent / "golden" / "coref"
ARTICLES = sorted(GOLDEN.glob("*.txt"))


def who_said_what(analysis: Analysis) -> dict[str, list[list[str | None]]]:
    """Sources with their actors' names; actors with title, role, affiliation."""
    names = {actor.id: actor.name for actor in analysis.actors}
    return {
        "speakers": [[a.source.text if a.source else None,
                      names.get(a.source.actor) if a.source else None, a.cue.text]
                     for a in analysis.attributions],
        "actors": [[actor.name, actor.kind, actor.title, actor.role,
                    names.get(actor.affiliation)] for actor in analysis.actors],
    }


@pytest.mark.parametrize("article", ARTICLES, ids=[a.stem for a in ARTICLES])
def test_speakers_match_golden(nlp, article):
    analysis = analyze(article.read_text(encoding="utf-8"), doc_id=article.stem)
    validate(analysis.to_dict())
    check_golden_json(article.with_suffix(".json"), who_said_what(analysis))


def test_every_golden_article_has_its_expectation():
    assert ARTICLES
    assert all(a.with_suffix(".json").is_file() for a in ARTICLES)
