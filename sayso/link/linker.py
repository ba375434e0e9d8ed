"""One place that chains the linkers: duplicates, then stories, then claims.

`Linker.add` takes analysed documents one at a time, in any order, and
updates every link incrementally; `link_analyses` links a whole batch,
earliest first.
"""
from __future__ import annotations

from collections.abc import Iterable

from ..model import Analysis
from .claims import Claim, ClaimLinker, statements
from .dedup import DuplicateFinder
from .stories import Story, StoryDoc, StoryLinker
from .terms import body_text, day_number, document_terms


class Linker:
    """Duplicates, stories and claims of a growing corpus."""

    def __init__(self) -> None:
        self.duplicates = DuplicateFinder()
        self.stories = StoryLinker()
        self.claims = ClaimLinker(lambda: (self.stories.df, self.stories.n_docs))
        self._order: list[str] = []

    def add(self, analysis: Analysis) -> dict[str, str | None]:
        """Link one new document; return the duplicate links that changed."""
        document = analysis.document
        day = day_number(document.published)
        changed = self.duplicates.add(document.id, body_text(document), day)
        self.stories.add(StoryDoc(document.id, day, document_terms(document), document.title),
                         self.duplicates.duplicate_of(document.id))
        for statement in statements(analysis, self.duplicates.root(document.id)):
            self.claims.add(statement)
        self._order.append(document.id)
        return changed

    def documents(self) -> list[dict]:
        """Each document's links: {"id", "duplicate_of", "story"}, in arrival order."""
        return [{"id": doc_id, "duplicate_of": self.duplicates.duplicate_of(doc_id),
                 "story": self.stories.story_of(doc_id)} for doc_id in self._order]

    def story_records(self) -> list[Story]:
        return self.stories.stories()

    def claim_records(self) -> list[Claim]:
        return self.claims.claims()


def link_analyses(analyses: Iterable[Analysis]) -> Linker:
    """Link a batch of analyses, earliest published first (undated last);
    of several analyses with one document id, the last is linked."""
    latest = {analysis.document.id: analysis for analysis in analyses}
    linker = Linker()
    for analysis in sorted(latest.values(), key=publication_order):
        linker.add(analysis)
    return linker


def publication_order(analysis: Analysis) -> tuple[bool, int, str]:
    day = day_number(analysis.document.published)
    return (day is None, day or 0, analysis.document.id)
