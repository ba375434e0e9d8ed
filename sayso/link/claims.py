"""Claims: one proposition as carried by one or more articles.

Every statement (`sayso.link.statements`) belongs to exactly one claim. A new
statement is compared with the statements published within `WINDOW_DAYS` of
it that share one of its distinctive terms (inverted index by term and day);
it joins the claim whose in-window members are most similar (TF-IDF cosine,
half the best member and half the average), with a bonus for the same
origin and the same event type and a penalty for another named origin and
for another story. Below `MIN_SIMILARITY` (`MIN_OWN_VOICE` for an own-voice
sentence) it starts a claim of its own, and so does a statement of fewer than
`MIN_MATCH_TERMS` content terms ("On the speech"): too few words to tell one
proposition from another, it joins nothing and nothing joins it. Denials and
disputes only join denials and disputes: a denial is a claim of its own.

A denial or dispute also *answers* the earlier claim of its story it is most
likely about (`answered_claims`): the one its content repeats, the one that
names the denier (usually the accused), an allegation before it in its
article, the story's most widely carried claim (a content that only points
back, "the reports", "the allegations", answers the main allegation). Those
claims are `contested`, `contested_by` the denial.

For each claim, `summarise` gives its sources, independent `origins`,
`outlets`, first and last seen, and `laundered`: some article states it in
its own voice while elsewhere it is only attributed as an allegation.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date

from .provenance import distinct_names, independent_origins, name_key, same_person
from .statements import Statement, rule, statements
from .terms import Vector, best_above, cosine, posted_items, tfidf, top_terms, within

__all__ = ["Claim", "ClaimLinker", "Statement", "statements", "summarise"]

WINDOW_DAYS = 30
MIN_MATCH_TERMS = 2
KEY_TERMS = 8
MIN_SIMILARITY = 0.3
MIN_OWN_VOICE = 0.3
SAME_ORIGIN_BONUS = 0.1
SAME_EVENT_BONUS = 0.05
OTHER_ORIGIN_PENALTY = 0.1
OTHER_STORY_PENALTY = 0.15
SAME_ARTICLE_PENALTY = 0.2
MIN_ANSWER = 0.3
ACCUSED_WEIGHT = 0.2
ACCUSER_WEIGHT = 0.3
SAME_ARTICLE_WEIGHT = 0.1
ALLEGATION_WEIGHT = 0.15
CARRIED_WEIGHT = 0.05
MAX_CARRIED = 4


@dataclass(frozen=True)
class Claim:
    """One claims export record (CONTRACT.md, claims export version 2)."""

    id: str
    story: str | None
    text: str
    members: tuple[tuple[str, str], ...]
    sources: tuple[str, ...]
    origins: int
    outlets: int
    contested_by: tuple[tuple[str, str], ...]
    laundered_in: tuple[str, ...]
    first_seen: str | None
    last_seen: str | None

    @property
    def contested(self) -> bool:
        return bool(self.contested_by)

    @property
    def laundered(self) -> bool:
        return bool(self.laundered_in)

    def to_dict(self) -> dict:
        return {"claim": self.id, "story": self.story, "text": self.text,
                "members": [list(m) for m in self.members], "statements": len(self.members),
                "sources": list(self.sources), "origins": self.origins,
                "outlets": self.outlets, "contested": self.contested,
                "contested_by": [list(m) for m in self.contested_by],
                "laundered": self.laundered, "laundered_in": list(self.laundered_in),
                "first_seen": self.first_seen, "last_seen": self.last_seen}


class ClaimLinker:
    """Incremental clustering of statements into claims, in publication order.

    `weights` gives the current (document frequencies, document count)
    used to weigh terms, normally the story linker's corpus statistics.
    """

    def __init__(self, weights: Callable[[], tuple[Mapping[str, int], int]]) -> None:
        self._weights = weights
        self._postings: dict[str, dict[int | None, list[int]]] = defaultdict(
            lambda: defaultdict(list))
        self._statements: list[Statement] = []
        self._claim_of: list[str] = []
        self._answers: list[tuple[str, ...]] = []
        self._members: dict[str, list[int]] = {}
        self._by_story: dict[str, list[int]] = defaultdict(list)
        self._next = 1

    def add(self, statement: Statement) -> str:
        """Place a statement in a claim and return the claim's id.

        A denial or dispute joins the claim of an earlier one of its story
        that answers the same claim (whatever its words: "the reports",
        "Harel's words"), else the most similar denial by the same origin.
        """
        vector = self._vector(statement)
        keys = tuple(top_terms(vector, KEY_TERMS))
        statement, answers = self._as_dispute(statement, vector)
        claim = (self._same_answer(statement, answers)
                 or self._best_claim(statement, vector, keys) or self._new_claim_id())
        self.restore(replace(statement, keys=keys), claim, answers)
        return claim

    def restore(self, statement: Statement, claim: str, answers: tuple[str, ...] = ()
                ) -> None:
        """Index a statement whose claim is known (new, or read back from a store),
        under the index keys it was given when it was added."""
        index = len(self._statements)
        self._statements.append(statement)
        self._claim_of.append(claim)
        self._answers.append(tuple(answers))
        self._members.setdefault(claim, []).append(index)
        if statement.story is not None:
            self._by_story[statement.story].append(index)
        for term in statement.keys:
            self._postings[term][statement.day].append(index)
        self.reserve_ids(claim_number(claim))

    def reserve_ids(self, last: int) -> None:
        """New claims get numbers above `last` (the highest a store holds)."""
        self._next = max(self._next, last + 1)

    def assignments(self, documents: set[str] | None = None
                    ) -> list[tuple[Statement, str, tuple[str, ...]]]:
        """(statement, claim, answered claims) for every statement of these
        documents (default: all)."""
        return [(s, claim, answers)
                for s, claim, answers in zip(self._statements, self._claim_of, self._answers)
                if documents is None or s.document in documents]

    def claims(self, min_articles: int = 1) -> list[Claim]:
        """Every claim carried by at least `min_articles` documents, in order of creation."""
        contested: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for statement, answers in zip(self._statements, self._answers):
            for claim in answers:
                contested[claim].append((statement.document, statement.id))
        return [summarise(claim, [self._statements[i] for i in members], contested[claim])
                for claim, members in sorted(self._members.items(),
                                             key=lambda item: claim_number(item[0]))
                if len({self._statements[i].document for i in members}) >= min_articles]

    def _vector(self, statement: Statement) -> Vector:
        df, n_docs = self._weights()
        return tfidf(statement.terms, df, n_docs)

    def _best_claim(self, statement: Statement, vector: Vector, keys: tuple[str, ...]
                    ) -> str | None:
        if not _matchable(statement):
            return None
        candidates = {self._claim_of[i] for i in posted_items(
            self._postings, keys, statement.day, WINDOW_DAYS)}
        scores = {claim: self._score(statement, vector, claim) for claim in candidates}
        return best_above(scores, MIN_OWN_VOICE if statement.own_voice else MIN_SIMILARITY)

    def _as_dispute(self, statement: Statement, vector: Vector
                    ) -> tuple[Statement, tuple[str, ...]]:
        """The statement, as a dispute when an asserted content rejects an
        earlier claim of another origin ("the forecast was wishful thinking";
        a negation by the accused: "he had never given such an order"), and
        the claims it answers."""
        if statement.contesting:
            return statement, self.answered_claims(statement, vector)
        if statement.own_voice or not (rule("dispute").search(statement.text)
                                       or rule("negation").search(statement.text)):
            return statement, ()
        accused_only = not rule("dispute").search(statement.text)
        answers = self.answered_claims(statement, vector, accused_only=accused_only,
                                       other_origin=True)
        if not answers:
            return statement, ()
        return replace(statement, stance="disputes"), answers

    def _same_answer(self, denial: Statement, answers: tuple[str, ...]) -> str | None:
        """The claim of an earlier denial of its story answering one of these claims."""
        for index in self._by_story.get(denial.story, ()) if answers else ():
            earlier = self._statements[index]
            if (set(self._answers[index]) & set(answers)
                    and within(denial.day, earlier.day, WINDOW_DAYS)):
                return self._claim_of[index]
        return None

    def _score(self, statement: Statement, vector: Vector, claim: str) -> float:
        """Similarity to the claim's in-window members, with the bonuses and
        penalties (denials join only denials by the same origin)."""
        members = [m for m in (self._statements[i] for i in self._members[claim])
                   if within(statement.day, m.day, WINDOW_DAYS) and _matchable(m)]
        if not members or members[0].contesting != statement.contesting:
            return 0.0
        origin = _origin_adjustment(statement, members)
        if statement.contesting and origin <= 0:
            return 0.0
        similarities = [cosine(vector, self._vector(m)) for m in members]
        score = (max(similarities) + sum(similarities) / len(similarities)) / 2 + origin
        if any(m.document == statement.document for m in members):
            score -= SAME_ARTICLE_PENALTY
        if any(statement.event_types & m.event_types for m in members):
            score += SAME_EVENT_BONUS
        if statement.story and all(m.story != statement.story for m in members):
            score -= OTHER_STORY_PENALTY
        return score

    def answered_claims(self, denial: Statement, vector: Vector, *,
                        accused_only: bool = False, other_origin: bool = False
                        ) -> tuple[str, ...]:
        """The earlier claim of its story a denial or dispute answers, if any
        (only one naming the denier; only one no member of which has the
        denier's origin)."""
        scores: dict[str, float] = {}
        for index in self._by_story.get(denial.story, ()):
            earlier, claim = self._statements[index], self._claim_of[index]
            if (earlier.contesting or not within(denial.day, earlier.day, WINDOW_DAYS)
                    or (accused_only and not _names_denier(denial, earlier))
                    or (other_origin and self._has_origin(claim, denial.origin))):
                continue
            carried = len({self._statements[i].document for i in self._members[claim]})
            score = _answer_score(denial, vector, earlier, self._vector(earlier), carried)
            scores[claim] = max(scores.get(claim, 0.0), score)
        best = best_above(scores, MIN_ANSWER)
        return (best,) if best is not None else ()

    def _has_origin(self, claim: str, origin: str | None) -> bool:
        return origin is not None and any(
            self._statements[i].origin is not None
            and _same_origin(origin, self._statements[i].origin)
            for i in self._members[claim])

    def _new_claim_id(self) -> str:
        claim = f"c{self._next}"
        self._next += 1
        return claim


def _matchable(statement: Statement) -> bool:
    """Whether a statement has words enough to be matched by them (a denial's
    "the reports" is matched by what it answers instead)."""
    return statement.contesting or len(statement.terms) >= MIN_MATCH_TERMS


def _origin_adjustment(statement: Statement, members: list[Statement]) -> float:
    """The same origin as some member: a bonus; only other named origins: a penalty."""
    if statement.origin is None:
        return 0.0
    origins = [m.origin for m in members if m.origin is not None]
    if any(_same_origin(statement.origin, o) for o in origins):
        return SAME_ORIGIN_BONUS
    named = statement.origin.startswith("name:")
    if named and origins and all(o.startswith("name:") for o in origins):
        return -OTHER_ORIGIN_PENALTY
    return 0.0


def _same_origin(a: str, b: str) -> bool:
    if a == b:
        return True
    return a.startswith("name:") and b.startswith("name:") and same_person(a[5:], b[5:])


def _answer_score(denial: Statement, vector: Vector, earlier: Statement,
                  earlier_vector: Vector, carried: int) -> float:
    """How surely a denial answers an earlier statement: the content it
    repeats, the accused it names, an allegation before it in its article,
    and how widely the claim is carried (an anaphoric "the reports" answers
    the story's main allegation)."""
    similarity = cosine(vector, earlier_vector)
    same_article = earlier.document == denial.document and earlier.span[0] < denial.span[0]
    return (similarity + ACCUSED_WEIGHT * _names_denier(denial, earlier)
            + ACCUSER_WEIGHT * _names_accuser(denial, earlier)
            + SAME_ARTICLE_WEIGHT * same_article + ALLEGATION_WEIGHT * earlier.allegation
            + CARRIED_WEIGHT * min(carried, MAX_CARRIED))


def _names_accuser(denial: Statement, earlier: Statement) -> bool:
    """Whether the denial names the earlier statement's source ("Harel's words")."""
    if not earlier.source:
        return False
    words = [w for w in name_key(earlier.source).split() if len(w) > 2]
    return bool(words) and words[-1] in name_key(denial.text).split()


def _names_denier(denial: Statement, earlier: Statement) -> bool:
    """Whether the earlier statement names the denier (the denier is usually the accused)."""
    if not denial.source:
        return False
    words = [w for w in name_key(denial.source).split() if len(w) > 2]
    text = set(name_key(earlier.text).split())
    return bool(words) and words[-1] in text


def summarise(claim: str, members: list[Statement],
              contested_by: list[tuple[str, str]] = ()) -> Claim:
    """A claim's record from its member statements (first member first).

    `contested_by` are the (document, statement) of the denials and disputes
    answering it. Origins count the sources of its members (syndicated
    copies and name variants once); `sources` names everyone quoted on it,
    each person once.
    """
    attributed = [m for m in members if not m.own_voice]
    origins = claim_origins(members)
    days = [m.day for m in members if m.day is not None]
    return Claim(
        id=claim, story=members[0].story, text=(attributed or members)[0].text,
        members=tuple((m.document, m.id) for m in members),
        sources=distinct_names(m.source for m in attributed if m.source),
        origins=len(origins), outlets=len({m.outlet for m in members}),
        contested_by=tuple(dict.fromkeys(contested_by)),
        laundered_in=laundered_in(members),
        first_seen=_iso(min(days, default=None)), last_seen=_iso(max(days, default=None)))


def claim_origins(members: list[Statement]) -> set[str]:
    """Independent original sources: named speakers (name variants once), else
    the channels and articles (syndicated copies once) that carried it."""
    attributed = [m for m in members if not m.own_voice]
    if not attributed:
        return {f"document:{m.root or m.document}" for m in members}
    channels = {c for m in attributed for c in m.channels}
    return independent_origins((m.origin for m in attributed), channels)


def laundered_in(members: list[Statement]) -> tuple[str, ...]:
    """The articles stating the claim in their own voice, as fact, where every
    other article only attributes it, as an allegation."""
    attributed = [m for m in members if not m.own_voice]
    if not attributed or not all(m.allegation for m in attributed):
        return ()
    sourced = {m.document for m in attributed}
    return tuple(dict.fromkeys(m.document for m in members
                               if m.own_voice and m.document not in sourced))


def _iso(day: int | None) -> str | None:
    return None if day is None else date.fromordinal(day).isoformat()


def claim_number(claim: str) -> int:
    digits = claim.lstrip("c")
    return int(digits) if digits.isdigit() else 0
