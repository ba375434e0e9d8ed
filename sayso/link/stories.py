"""Stories: articles about the same news event, across outlets.

A new article is compared only with articles published within
`WINDOW_DAYS` of it that share one of its most distinctive terms (an
inverted index keyed by term and day), so the cost of adding an article
does not grow with the corpus, only with the news of those days. It joins
the story whose members in the window are, on average, most similar to it
(TF-IDF cosine, average linkage) when that average reaches
`MIN_SIMILARITY`; otherwise it starts a new story. Syndicated copies join
the story of the copy they duplicate without being compared.

Term weights use the document frequencies of the corpus seen so far,
applied at comparison time to stored term counts, so they stay current as
the corpus grows.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from .terms import Vector, best_above, cosine, posted_items, tfidf, top_terms, within

WINDOW_DAYS = 3
KEY_TERMS = 20
MIN_SIMILARITY = 0.15
LABEL_TERMS = 5


@dataclass(frozen=True)
class StoryDoc:
    """What the story linker keeps of a document."""

    id: str
    day: int | None
    terms: Counter
    title: str | None = None
    keys: tuple[str, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class Story:
    """One story: its id, documents in order of arrival, and a label."""

    id: str
    documents: tuple[str, ...]
    label: str | None

    def to_dict(self) -> dict:
        return {"story": self.id, "documents": list(self.documents), "label": self.label}


class StoryLinker:
    """Incremental same-story clustering over documents in arrival order."""

    def __init__(self) -> None:
        self.df: Counter[str] = Counter()
        self.n_docs = 0
        self._docs: dict[str, StoryDoc] = {}
        self._postings: dict[str, dict[int | None, list[str]]] = defaultdict(
            lambda: defaultdict(list))
        self._story_of: dict[str, str] = {}
        self._members: dict[str, list[str]] = {}
        self._next = 1

    def story_of(self, doc_id: str) -> str | None:
        return self._story_of.get(doc_id)

    def add(self, doc: StoryDoc, duplicate_of: str | None = None) -> str:
        """Place a new document in a story and return the story's id."""
        self.df.update(doc.terms.keys())
        self.n_docs += 1
        story = self._story_of.get(duplicate_of) if duplicate_of else None
        vector = self.vector(doc)
        doc = replace(doc, keys=tuple(top_terms(vector, KEY_TERMS)))
        if story is None:
            story = self._best_story(doc, vector) or self._new_story_id()
        self._index(doc, story)
        return story

    def restore(self, doc: StoryDoc, story: str) -> None:
        """Index a document whose story is already known (read back from a store),
        under the index keys it was given when it was added.

        Document frequencies are not touched: the store keeps them.
        """
        self._index(doc, story)
        self.reserve_ids(story_number(story))

    def doc(self, doc_id: str) -> StoryDoc:
        return self._docs[doc_id]

    def reserve_ids(self, last: int) -> None:
        """New stories get numbers above `last` (the highest a store holds)."""
        self._next = max(self._next, last + 1)

    def documents(self) -> list[StoryDoc]:
        """The documents indexed so far, in order of arrival."""
        return list(self._docs.values())

    def vector(self, doc: StoryDoc) -> Vector:
        return tfidf(doc.terms, self.df, self.n_docs)

    def stories(self) -> list[Story]:
        """Every story, in order of creation."""
        return [Story(story, tuple(members), self._label(members))
                for story, members in sorted(self._members.items(),
                                             key=lambda item: story_number(item[0]))]

    def _best_story(self, doc: StoryDoc, vector: Vector) -> str | None:
        scores = {story: self._average_similarity(doc, vector, story)
                  for story in self._candidate_stories(doc, vector)}
        return best_above(scores, MIN_SIMILARITY)

    def _candidate_stories(self, doc: StoryDoc, vector: Vector) -> set[str]:
        return {self._story_of[i] for i in posted_items(
            self._postings, doc.keys, doc.day, WINDOW_DAYS)}

    def _average_similarity(self, doc: StoryDoc, vector: Vector, story: str) -> float:
        """Average linkage: mean cosine with the story's members in the window."""
        near = [self._docs[m] for m in self._members[story]
                if within(doc.day, self._docs[m].day, WINDOW_DAYS)]
        if not near:
            return 0.0
        return sum(cosine(vector, self.vector(m)) for m in near) / len(near)

    def _index(self, doc: StoryDoc, story: str) -> None:
        self._docs[doc.id] = doc
        self._story_of[doc.id] = story
        self._members.setdefault(story, []).append(doc.id)
        for term in doc.keys:
            self._postings[term][doc.day].append(doc.id)

    def _new_story_id(self) -> str:
        story = f"s{self._next}"
        self._next += 1
        return story

    def _label(self, members: list[str]) -> str | None:
        """The earliest titled member's title, else the story's heaviest terms."""
        docs = sorted((self._docs[m] for m in members if m in self._docs),
                      key=lambda d: (d.day is None, d.day or 0))
        for doc in docs:
            if doc.title:
                return doc.title
        total: Counter[str] = Counter()
        for doc in docs:
            total.update(doc.terms)
        return " ".join(t for t, _ in total.most_common(LABEL_TERMS)) or None


def story_number(story: str) -> int:
    digits = story.lstrip("s")
    return int(digits) if digits.isdigit() else 0
