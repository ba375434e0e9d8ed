"""Golden files: the events sayso finds in whole fixture articles of our own.

The expected JSON is rewritten only with ``SAYSO_UPDATE_GOLDEN=1``; review the
diff before committing it.
"""
from __future__ import annotations

from pathlib import Path

import pytest

import sayso
from golden import check_golden_json
from sayso.schema import validate

GOLDEN = Path(__file__).parent / "golden" / "events"
ARTICLES = sorted(GOLDEN.glob("*.txt"))


@pytest.mark.parametrize("article", ARTICLES, ids=[a.stem for a in ARTICLES])
def test_events_match_golden_file(nlp, article):
    analysis = sayso.analyze(article.read_text(encoding="utf-8"), doc_id=article.stem)
    validate(analysis.to_dict())
    events = [event.to_dict() for event in analysis.events]
    check_golden_json(article.with_suffix(".json"), events)


def test_every_golden_article_has_its_expected_file():
    assert ARTICLES and all(a.with_suffix(".json").exists() for a in ARTICLES)


DEMO = sorted((Path(sayso.__file__).parent / "data" / "demo" / "html").iterdir())[:4]


@pytest.mark.parametrize("path", DEMO, ids=[p.name for p in DEMO])
def test_events_on_demo_articles_hold_their_spans(nlp, path):
    analysis = sayso.analyze_file(str(path))
    validate(analysis.to_dict())
    text = analysis.document.text
    for event in analysis.events:
        assert text[slice(*event.trigger.span)] == event.trigger.text
        assert event.sentence[0] <= event.trigger.span[0] < event.sentence[1]
        for part in (event.actor, event.target):
            assert part is None or text[slice(*part.span)] == part.text
