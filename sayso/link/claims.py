"""Claims: one proposition as carried by many articles.

The members of a claim are statements: the content of an attribution
("Mordechai said operatives entered Gaza") or a sentence an article states
in its own voice (an event narrated with modality `asserted`). A new
statement is compared with statements published within `WINDOW_DAYS` of it
that share one of its distinctive terms (inverted index by term and day), and joins the
claim whose members are on average most similar: TF-IDF cosine of the
content, plus a bonus for the same source and for the same event type. Below
`MIN_SIMILARITY` it starts a new claim.

For each claim, `summarise` gives its sources, independent `origins`,
`outlets`, whether a member denies or disputes it (`contested`), first and
last seen, and `laundered`: stated as fact by some article while every
attributed member traces back to one source.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date

from ..model import Analysis
from .provenance import (channel_names, distinct_names, independent_origins, is_laundered,
                         origin_key, source_name)
from .terms import (Vector, best_above, content_terms, cosine, day_number, posted_items,
                    tfidf, top_terms)

WINDOW_DAYS = 30
KEY_TERMS = 8
MIN_TERMS = 3
MIN_SIMILARITY = 0.45
SAME_ORIGIN_BONUS = 0.1
SAME_EVENT_BONUS = 0.1
CONTESTING = ("denies", "disputes")


@dataclass(frozen=True)
class Statement:
    """One claim member: an attribution's content or an own-voice sentence."""

    document: str
    id: str
    text: str
    terms: Counter
    day: int | None
    outlet: str
    source: str | None
    origin: str | None
    channels: frozenset[str] = frozenset()
    stance: str = "asserts"
    own_voice: bool = False
    event_types: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Claim:
    """One claims export record (CONTRACT.md), plus laundered and first/last seen."""

    id: str
    text: str
    members: tuple[tuple[str, str], ...]
    sources: tuple[str, ...]
    origins: int
    outlets: int
    contested: bool
    laundered: bool
    first_seen: str | None
    last_seen: str | None

    def to_dict(self) -> dict:
        return {"claim": self.id, "text": self.text,
                "members": [list(m) for m in self.members],
                "sources": list(self.sources), "origins": self.origins,
                "outlets": self.outlets, "contested": self.contested,
                "laundered": self.laundered, "first_seen": self.first_seen,
                "last_seen": self.last_seen}


def statements(analysis: Analysis, root: str) -> Iterator[Statement]:
    """The claim-worthy statements of one analysed document.

    `root` is the document's earliest syndicated copy (itself if original).
    """
    yield from _attributed(analysis, root)
    yield from _own_voice(analysis, root)


def _attributed(analysis: Analysis, root: str) -> Iterator[Statement]:
    document = analysis.document
    types = _event_types_by_attribution(analysis)
    for attribution in analysis.attributions:
        text = attribution.content.text
        terms = Counter(content_terms(text))
        if sum(terms.values()) < MIN_TERMS:
            continue
        yield Statement(
            document=document.id, id=attribution.id, text=text, terms=terms,
            day=day_number(document.published), outlet=document.outlet or root,
            source=source_name(analysis, attribution),
            origin=origin_key(analysis, attribution, root),
            channels=frozenset(channel_names(analysis, attribution)),
            stance=attribution.stance,
            event_types=frozenset(types.get(attribution.id, ())))


def _own_voice(analysis: Analysis, root: str) -> Iterator[Statement]:
    document = analysis.document
    for event in analysis.events:
        if event.attribution is not None or event.modality != "asserted":
            continue
        start, end = event.sentence
        text = document.text[start:end].strip()
        terms = Counter(content_terms(text))
        if sum(terms.values()) < MIN_TERMS:
            continue
        yield Statement(
            document=document.id, id=event.id, text=text, terms=terms,
            day=day_number(document.published), outlet=document.outlet or root,
            source=None, origin=None, own_voice=True,
            event_types=frozenset({event.type}))


def _event_types_by_attribution(analysis: Analysis) -> dict[str, set[str]]:
    types: dict[str, set[str]] = defaultdict(set)
    for event in analysis.events:
        if event.attribution is not None:
            types[event.attribution].add(event.type)
    return types


class ClaimLinker:
    """Incremental clustering of statements into claims.

    `weights` gives the current (document frequencies, document count)
    used to weigh terms, normally the story linker's corpus statistics.
    """

    def __init__(self, weights: Callable[[], tuple[Mapping[str, int], int]]) -> None:
        self._weights = weights
        self._postings: dict[str, dict[int | None, list[int]]] = defaultdict(
            lambda: defaultdict(list))
        self._statements: list[Statement] = []
        self._claim_of: list[str] = []
        self._members: dict[str, list[int]] = {}
        self._next = 1

    def add(self, statement: Statement) -> str:
        """Place a statement in a claim and return the claim's id."""
        vector = self._vector(statement)
        claim = self._best_claim(statement, vector) or self._new_claim_id()
        self.restore(statement, claim)
        return claim

    def restore(self, statement: Statement, claim: str) -> None:
        """Index a statement whose claim is known (new, or read back from a store)."""
        index = len(self._statements)
        self._statements.append(statement)
        self._claim_of.append(claim)
        self._members.setdefault(claim, []).append(index)
        for term in top_terms(self._vector(statement), KEY_TERMS):
            self._postings[term][statement.day].append(index)
        self.reserve_ids(claim_number(claim))

    def reserve_ids(self, last: int) -> None:
        """New claims get numbers above `last` (the highest a store holds)."""
        self._next = max(self._next, last + 1)

    def assignments(self, documents: set[str] | None = None
                    ) -> list[tuple[Statement, str]]:
        """(statement, claim) for every statement of these documents (default: all)."""
        return [(statement, claim) for statement, claim in zip(self._statements, self._claim_of)
                if documents is None or statement.document in documents]

    def claims(self) -> list[Claim]:
        """Every claim carried by two or more documents, in order of creation."""
        return [summarise(claim, [self._statements[i] for i in members])
                for claim, members in sorted(self._members.items(),
                                             key=lambda item: claim_number(item[0]))
                if len({self._statements[i].document for i in members}) > 1]

    def _vector(self, statement: Statement) -> Vector:
        df, n_docs = self._weights()
        return tfidf(statement.terms, df, n_docs)

    def _best_claim(self, statement: Statement, vector: Vector) -> str | None:
        scores = {claim: self._score(statement, vector, claim)
                  for claim in self._candidate_claims(statement, vector)}
        return best_above(scores, MIN_SIMILARITY)

    def _candidate_claims(self, statement: Statement, vector: Vector) -> set[str]:
        return {self._claim_of[i] for i in posted_items(
            self._postings, vector, KEY_TERMS, statement.day, WINDOW_DAYS)}

    def _score(self, statement: Statement, vector: Vector, claim: str) -> float:
        """Average content cosine with the claim's members, plus the bonuses."""
        members = [self._statements[i] for i in self._members[claim]]
        similarity = sum(cosine(vector, self._vector(m)) for m in members) / len(members)
        if statement.origin and any(m.origin == statement.origin for m in members):
            similarity += SAME_ORIGIN_BONUS
        if any(statement.event_types & m.event_types for m in members):
            similarity += SAME_EVENT_BONUS
        return similarity

    def _new_claim_id(self) -> str:
        claim = f"c{self._next}"
        self._next += 1
        return claim


def summarise(claim: str, members: list[Statement]) -> Claim:
    """A claim's record from its member statements (first member first).

    Origins count the sources that assert the claim, not those who deny or
    dispute it; `sources` names everyone quoted on it, each person once.
    """
    attributed = [m for m in members if not m.own_voice]
    asserting = [m for m in attributed if m.stance not in CONTESTING] or attributed
    channels = {c for m in attributed for c in m.channels}
    origins = independent_origins((m.origin for m in asserting), channels)
    if not attributed:
        origins = {f"outlet:{m.outlet}" for m in members}
    days = [m.day for m in members if m.day is not None]
    return Claim(
        id=claim, text=(asserting or members)[0].text,
        members=tuple((m.document, m.id) for m in members),
        sources=distinct_names(m.source for m in attributed if m.source),
        origins=len(origins), outlets=len({m.outlet for m in members}),
        contested=any(m.stance in CONTESTING for m in members),
        laundered=is_laundered(origins if attributed else set(),
                               sum(m.own_voice for m in members)),
        first_seen=_iso(min(days, default=None)), last_seen=_iso(max(days, default=None)))


def _iso(day: int | None) -> str | None:
    return None if day is None else date.fromordinal(day).isoformat()


def claim_number(claim: str) -> int:
    digits = claim.lstrip("c")
    return int(digits) if digits.isdigit() else 0
