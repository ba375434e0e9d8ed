"""Linking inside the corpus store: each ingest batch updates the links.

`update_links(store)` links every stored document that is not linked yet
(new, or changed since it was linked) in the one order of linking:
publication time (undated last), then id. A document that sorts before
documents already linked first *rewinds* the links to its place (the later
documents are unlinked, then linked again after it), so a corpus gets the
same documents, stories and claims exports whatever its batching, order of
arrival or interruptions. Fed in publication order (a crawl, a feed) nothing
is rewound.

Each batch loads only what its documents can link to: the documents sharing
an LSH bucket with them (and the originals of those), the documents and
statements published within the linking windows of their dates (for
undated documents: the undated), and the document frequencies of the terms
involved, so the cost of a batch depends on the news of its days, not on the
size of the store. Tables: migrations 0002_linking.sql and 0005_claims.sql;
SQL: sayso/data/store/linking.sql.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..model import Analysis
from ..store import Store
from ..store.sql import sql_sections
from . import claims as claim_rules
from . import stories as story_rules
from .claims import Claim, Statement, claim_number, summarise
from .dedup import Copy, band_keys, signature
from .linker import Linker, order_key, publication_order
from .stories import StoryDoc, story_number
from .terms import body_text, day_number, document_terms

BATCH = 256
COPY_CANDIDATES = 8


def sql(store: Store, name: str, params: Sequence[Any] | None = None) -> list[tuple]:
    """Run one named statement of linking.sql."""
    return store.fetch(sql_sections("linking.sql")[name], params)


def unlinked_count(store: Store) -> int:
    """How many stored documents are not linked (yet, or since they changed)."""
    return sql(store, "unlinked_count")[0][0]


def missing_metadata(store: Store) -> str | None:
    """What linking could not use, in words: "3 documents without a date
    (linked by text and order only), 3 without an outlet (each counted as
    its own outlet)", or None."""
    undated, no_outlet = sql(store, "missing_metadata")[0]
    parts = []
    if undated:
        parts.append(f"{undated} documents without a date (stories and claims linked "
                     "by text and order only, undated with undated)")
    if no_outlet:
        parts.append(f"{no_outlet} without an outlet (each counted as its own outlet)")
    return "; ".join(parts) or None


def link_pending(db: str | Path) -> int:
    """Before reading claims: link the documents of the corpus file `db` that
    are not linked (an ingest killed while linking leaves some); return how
    many were. Opens the file for writing only when there are some."""
    with Store(db, read_only=True) as store:
        if not unlinked_count(store):
            return 0
    with Store(db) as store:
        return update_links(store)


def update_links(store: Store, *, batch_size: int = BATCH) -> int:
    """Link the stored documents that are not linked yet; return how many were.

    A batch whose linking fails is rolled back and recorded in the store's
    quarantine under ``link:FIRST-ID``; it and the documents after it stay
    stored and unlinked (the order of linking is kept), to be retried by the
    next call.
    """
    pending = sql(store, "unlinked")
    if not pending:
        return 0
    with store.transaction():
        _rewind(store, pending)
    pending = [doc_id for doc_id, _ in sql(store, "unlinked")]
    linked = 0
    for start in range(0, len(pending), batch_size):
        ids = pending[start:start + batch_size]
        source = f"link:{ids[0]}"
        try:
            with store.transaction():
                link_batch(store, [store.get(doc_id) for doc_id in ids])
                sql(store, "clear_failure", [source])
        except Exception as exc:  # a linking bug must not stop an ingest
            store.quarantine(source, f"linking {len(ids)} documents failed: "
                                     f"{type(exc).__name__}: {exc}")
            break
        linked += len(ids)
    return linked


def _rewind(store: Store, pending: list[tuple[str, str | None]]) -> None:
    """Unlink the documents linked at or after the first pending document's
    place (its new place, or its old one when it changed), and those pending."""
    ids = [doc_id for doc_id, _ in pending]
    places = pending + sql(store, "linked_keys", [ids])
    first = min(order_key(published, doc_id) for doc_id, published in places)
    tail = [doc_id for (doc_id,) in sql(store, "tail", list(first))]
    forgotten = sorted(set(tail) | {i for i, _ in sql(store, "linked_keys", [ids])})
    if forgotten:
        stories, claims = _forget(store, forgotten)
        _save_stories(store, stories)
        _rewrite_claims(store, claims)
        sql(store, "reset_last_ids")


def link_batch(store: Store, analyses: Sequence[Analysis]) -> None:
    """Link new analyses (after every linked document in the order of
    linking) against the stored corpus and write every change."""
    analyses = sorted(analyses, key=publication_order)
    ids = [a.document.id for a in analyses]
    linker = _load(store, analyses)
    arrival = sql(store, "next_arrival")[0][0]
    changed: dict[str, str | None] = {}
    for analysis in analyses:
        changed.update(linker.add(analysis))
    _save_documents(store, linker, analyses, arrival)
    _save_links(store, linker, ids, changed)
    _save_last_ids(store, linker, ids)
    _save_stories(store, {linker.stories.story_of(i) for i in ids})
    _save_claims(store, linker, set(ids))


def _forget(store: Store, ids: list[str]) -> tuple[set[str], set[str]]:
    """Drop the link rows of these documents; return the stories and claims
    they were in (or, for denials, answered)."""
    stories = {story for (story,) in sql(store, "stale_stories", [ids])}
    claims = {claim for (claim,) in sql(store, "stale_claims", [ids])}
    claims |= {claim for (claim,) in sql(store, "stale_answered", [ids])}
    removed: Counter[str] = Counter()
    for (terms,) in sql(store, "stale_terms", [ids]):
        removed.update(json.loads(terms).keys())
    if removed:
        sql(store, "forget_terms", [list(removed), list(removed.values())])
    for table, key in (("link_documents", "id"), ("link_bands", "document"),
                       ("link_statements", "document"), ("link_answers", "document")):
        store.fetch(f"DELETE FROM {table} WHERE {key} IN (SELECT unnest(?::TEXT[]))", [ids])
    sql(store, "unlink_documents", [ids])
    return stories, claims


def _load(store: Store, analyses: Sequence[Analysis]) -> Linker:
    """A linker holding what the new documents can link to, each document and
    statement indexed under the keys it was given when it was linked."""
    linker = Linker()
    _load_copies(store, linker, analyses)
    days = [day_number(a.document.published) for a in analyses]
    documents = _story_documents(store, days)
    statements = _statements(store, days)
    _load_frequencies(store, linker, analyses, documents, statements)
    for doc, story in documents:
        linker.stories.restore(doc, story)
    for statement, claim in statements:
        linker.claims.restore(statement, claim)
    last = dict(sql(store, "last_ids"))
    linker.stories.reserve_ids(last.get("story", 0))
    linker.claims.reserve_ids(last.get("claim", 0))
    return linker


def _load_copies(store: Store, linker: Linker, analyses: Sequence[Analysis]) -> None:
    """The originals the new documents may be copies of."""
    keys = [key for a in analyses
            if (values := signature(body_text(a.document))) is not None
            for key in band_keys(values)]
    limit = COPY_CANDIDATES * len(analyses)
    for doc_id, day, arrival, values in sql(store, "copies", [keys, limit]):
        linker.duplicates.restore(Copy(doc_id, day, arrival, np.array(values, dtype=np.uint64)))


def _window(days: list[int | None], window: int) -> list | None:
    """[first day, last day, with the undated] of what these days link to."""
    dated = [d for d in days if d is not None]
    undated = len(dated) < len(days)
    if not dated and not undated:
        return None
    return [min(dated, default=0) - window, max(dated, default=-1) + window, undated]


def _story_documents(store: Store, days: list[int | None]) -> list[tuple[StoryDoc, str]]:
    """Linked documents within the story window of these days, with their stories."""
    window = _window(days, story_rules.WINDOW_DAYS)
    if window is None:
        return []
    return [(StoryDoc(doc_id, day, Counter(json.loads(terms)), title,
                      tuple(json.loads(keys))), story)
            for doc_id, day, terms, title, story, keys in
            sql(store, "story_documents", window)]


def _statements(store: Store, days: list[int | None]) -> list[tuple[Statement, str]]:
    """Stored statements within the claim window of these days, with their claims."""
    window = _window(days, claim_rules.WINDOW_DAYS)
    if window is None:
        return []
    return [_statement_from_row(row) for row in sql(store, "statements_between", window)]
def _load_frequencies(store: Store, linker: Linker, analyses: Sequence[Analysis],
                      documents: list[tuple[StoryDoc, str]],
                      statements: list[tuple[Statement, str]]) -> None:
    """Document frequencies of every term the batch can be compared on."""
    terms: set[str] = set()
    for doc, _ in documents:
        terms.update(doc.terms)
    for statement, _ in statements:
        terms.update(statement.terms)
    for analysis in analyses:
        terms.update(document_terms(analysis.document))
    linker.stories.df.update(dict(sql(store, "frequencies", [sorted(terms)])))
    linker.stories.n_docs = sql(store, "linked_count")[0][0]


def _save_documents(store: Store, linker: Linker, analyses: Sequence[Analysis],
                    arrival: int) -> None:
    """The new documents' link state: signature, band keys, term counts, story."""
    rows, keys, owners = [], [], []
    df: Counter[str] = Counter()
    for offset, analysis in enumerate(analyses):
        document = analysis.document
        terms = document_terms(document)
        values = signature(body_text(document))
        rows.append([document.id, document.sha256, day_number(document.published),
                     arrival + offset, None if values is None else [int(v) for v in values],
                     json.dumps(terms), document.title, document.published,
                     linker.stories.story_of(document.id),
                     json.dumps(linker.stories.doc(document.id).keys)])
        if values is not None:
            band = band_keys(values)
            keys.extend(band)
            owners.extend([document.id] * len(band))
        df.update(terms.keys())
    sql(store, "insert_documents", columns(rows))
    sql(store, "insert_bands", [keys, owners])
    sql(store, "count_terms", [list(df), list(df.values())])


def columns(rows: list[list]) -> list[list]:
    """Row lists turned into column lists (for INSERT ... SELECT unnest(...))."""
    return [list(column) for column in zip(*rows)]


def _save_links(store: Store, linker: Linker, ids: list[str],
                changed: dict[str, str | None]) -> None:
    """Each new document's duplicate_of and story; re-point groups whose
    original is now an older copy."""
    sql(store, "set_links", [ids, [linker.duplicates.duplicate_of(i) for i in ids],
                             [linker.stories.story_of(i) for i in ids]])
    for doc_id, original in changed.items():
        if doc_id not in ids:
            sql(store, "repoint_copies", [original, doc_id, doc_id])


def _save_last_ids(store: Store, linker: Linker, ids: list[str]) -> None:
    """Remember the highest story and claim numbers handed out."""
    stories = [story_number(linker.stories.story_of(i)) for i in ids]
    claims = [claim_number(claim) for _, claim, _ in linker.claims.assignments(set(ids))]
    for kind, numbers in (("story", stories), ("claim", claims)):
        if numbers:
            sql(store, "save_last_id", [kind, max(numbers)])


def _save_stories(store: Store, stories: Iterable[str | None]) -> None:
    """Rewrite the rows of these stories from the documents table."""
    for story in sorted(s for s in stories if s is not None):
        sql(store, "delete_story", [story])
        sql(store, "insert_story", [story, story])


def _save_claims(store: Store, linker: Linker, ids: set[str]) -> None:
    """Store the new statements (and what the denials answer) and rewrite the
    claims they joined or contest."""
    assigned = linker.claims.assignments(ids)
    positions: Counter[str] = Counter()
    rows, answers = [], []
    for statement, claim, answered in assigned:
        rows.append(_statement_row(statement, claim, positions[statement.document]))
        positions[statement.document] += 1
        answers.extend((c, statement.document, statement.id) for c in answered)
    if rows:
        sql(store, "insert_statements", columns(rows))
    if answers:
        sql(store, "insert_answers", columns([list(a) for a in answers]))
    _rewrite_claims(store, {claim for _, claim, _ in assigned} | {a[0] for a in answers})


def _rewrite_claims(store: Store, claims: set[str]) -> None:
    """Rewrite the rows of these claims from their stored statements (a claim
    left without any is deleted)."""
    claims = sorted(claims)
    if not claims:
        return
    members: dict[str, list[Statement]] = defaultdict(list)
    for row in sql(store, "claims_statements", [claims]):
        statement, claim = _statement_from_row(row)
        members[claim].append(statement)
    contested: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for claim, document, member in sql(store, "claims_answers", [claims]):
        contested[claim].append((document, member))
    sql(store, "delete_claims", [claims])
    records = [summarise(c, members[c], contested[c]) for c in claims if members[c]]
    if records:
        sql(store, "insert_claims", columns([_claim_row(r) for r in records]))


def _claim_row(claim: Claim) -> list:
    record = claim.to_dict()
    return [record["claim"], record["story"], record["text"], json.dumps(record["members"]),
            record["statements"], json.dumps(record["sources"]), record["origins"],
            record["outlets"], record["contested"], json.dumps(record["contested_by"]),
            record["laundered"], json.dumps(record["laundered_in"]), record["first_seen"],
            record["last_seen"], len({d for d, _ in claim.members})]


def _statement_row(statement: Statement, claim: str, position: int) -> list:
    s = statement
    return [s.document, s.id, position, claim, s.text, json.dumps(s.terms), s.day, s.outlet,
            s.source, s.origin, json.dumps(sorted(s.channels)), s.stance, s.own_voice,
            json.dumps(sorted(s.event_types)), s.span[0], s.span[1], s.attribution,
            s.story, s.published, s.allegation, s.root, json.dumps(list(s.keys))]


def _statement_from_row(row: tuple) -> tuple[Statement, str]:
    (document, member, claim, text, terms, day, outlet, source, origin, channels,
     stance, own_voice, event_types, start, end, attribution, story, published,
     allegation, root, keys) = row
    statement = Statement(
        document=document, id=member, text=text, terms=Counter(json.loads(terms)),
        day=day, outlet=outlet, source=source, origin=origin,
        channels=frozenset(json.loads(channels)), stance=stance, own_voice=own_voice,
        event_types=frozenset(json.loads(event_types)), span=(start, end),
        attribution=attribution, story=story, published=published, allegation=allegation,
        root=root, keys=tuple(json.loads(keys)))
    return statement, claim
