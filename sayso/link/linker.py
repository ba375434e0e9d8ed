"""One place that chains the linkers: duplicates, then stories, then claims.

`Linker.add` takes analysed documents one at a time and updates every link
incrementally; `link_analyses` links a whole batch in `publication_order`
(publication time, then id), the one order the store links in too, so the
links of a corpus do not depend on how it was batched or interrupted.
"""
from __future__ import annotations

from collections.abc import Iterable

from ..model import Analysis
from .claims import Claim, ClaimLinker
from .statements import statements
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
        story = self.stories.add(
            StoryDoc(document.id, day, document_terms(document), document.title),
            self.duplicates.duplicate_of(document.id))
        for statement in statements(analysis, self.duplicates.root(document.id), story):
            self.claims.add(statement)
        self._order.append(document.id)
        return changed

    def documents(self) -> list[dict]:
        """Each document's links: {"id", "duplicate_of", "story"}, in arrival order."""
        return [{"id": doc_id, "duplicate_of": self.duplicates.duplicate_of(doc_id),
                 "story": self.stories.story_of(doc_id)} for doc_id in self._order]

    def story_records(self) -> list[Story]:
        return self.stories.stories()

    def claim_records(self, min_articles: int = 1) -> list[Claim]:
        return self.claims.claims(min_articles)


def link_analyses(analyses: Iterable[Analysis]) -> Linker:
    """Link a batch of analyses in `publication_order`; of several analyses
    with one document id, the last is linked."""
    latest = {analysis.document.id: analysis for analysis in analyses}
    linker = Linker()
    for analysis in sorted(latest.values(), key=publication_order):
        linker.add(analysis)
    return linker


def publication_order(analysis: Analysis) -> tuple[bool, str, str]:
    """Publication time (the `published` string; undated last), then id."""
    return order_key(analysis.document.published, analysis.document.id)


def order_key(published: str | None, doc_id: str) -> tuple[bool, str, str]:
    return (published is None, published or "", doc_id)
