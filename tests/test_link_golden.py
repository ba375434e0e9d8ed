"""Golden file: the documents, stories and claims exports of the linked
fixture corpora. Regenerate with ``SAYSO_UPDATE_GOLDEN=1 python -m pytest
tests/test_link_golden.py`` and review the diff before committing."""
from __future__ import annotations

from pathlib import Path

from link_corpus import wire_corpus
from test_link_claims import (colonel_says, engineer_says, interview_rewrite, mayor_says,
                              own_voice_lead, residents_deny)

from golden import check_golden_json
from sayso.link import link_analyses

GOLDEN = Path(__file__).parent / "golden" / "link"


def check_golden(name: str, produced: object) -> None:
    check_golden_json(GOLDEN / name, produced)


def exports(analyses) -> dict:
    linker = link_analyses(analyses)
    return {"documents": linker.documents(),
            "stories": [s.to_dict() for s in linker.story_records()],
            "claims": [c.to_dict() for c in linker.claim_records()]}


def test_wire_corpus_links_match_golden():
    check_golden("wire.json", exports(wire_corpus()))


def test_dam_and_shelling_reports_link_match_golden():
    analyses = [mayor_says(), engineer_says(), residents_deny(), interview_rewrite(),
                colonel_says("p1", "Capital Times", 10), colonel_says("p2", "Border Voice", 11),
                own_voice_lead()]
    check_golden("claims.json", exports(analyses))
