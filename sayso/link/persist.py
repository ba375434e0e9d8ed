"""Linking inside the corpus store: each ingest batch updates the links.

`update_links(store)` links every stored document that is not linked yet
(new, or changed since it was linked), earliest published first. It loads
only what the new documents can link to: the documents sharing an LSH
bucket with them (and the originals of those), the documents and
statements published within the linking windows of their dates, and the
document frequencies of the terms involved. Nothing is recomputed for the
rest of the corpus, so the cost of a batch depends on the news of its days,
not on the size of the store. Tables: migration 0002_linking.sql; SQL:
sayso/data/store/linking.sql.

Documents without a date are compared only with what the dated documents
of their batch load.
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from ..model import Analysis
from ..store import Store
from ..store.sql import sql_sections
from . import claims as claim_rules
from . import stories as story_rules
from .claims import Statement, claim_number, summarise
from .dedup import Copy, band_keys, signature
from .linker import Linker, publication_order
from .stories import StoryDoc, story_number
from .terms import body_text, day_number, document_terms

BATCH = 256
COPY_CANDIDATES = 8


def sql(store: Store, name: str, params: Sequence[Any] | None = None) -> list[tuple]:
    """Run one named statement of linking.sql."""
    return store.fetch(sql_sections("linking.sql")[name], params)


def update_links(store: Store, *, batch_size: int = BATCH) -> int:
    """Link the stored documents that are not linked yet; return how many were.

    A batch whose linking fails is rolled back and recorded in the store's
    quarantine under ``link:FIRST-ID``; its documents stay stored and
    unlinked, to be retried by the next call, and the other batches go on.
    """
    pending = [doc_id for (doc_id,) in sql(store, "unlinked")]
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
            continue
        linked += len(ids)
    return linked


def link_batch(store: Store, analyses: Sequence[Analysis]) -> None:
    """Link new analyses against the stored corpus and write every change."""
    analyses = sorted(analyses, key=publication_order)
    ids = [a.document.id for a in analyses]
    stale_stories, stale_claims = _forget(store, ids)
    linker = _load(store, analyses)
    arrival = sql(store, "next_arrival")[0][0]
    changed: dict[str, str | None] = {}
    for analysis in analyses:
        changed.update(linker.add(analysis))
    _save_documents(store, linker, analyses, arrival)
    _save_links(store, linker, ids, changed)
    _save_last_ids(store, linker, ids)
    _save_stories(store, {linker.stories.story_of(i) for i in ids} | stale_stories)
    _save_claims(store, linker, set(ids), stale_claims)


def _forget(store: Store, ids: list[str]) -> tuple[set[str], set[str]]:
    """Drop the link rows of documents being relinked (changed since linking);
    return the stories and claims they were in."""
    stories = {story for (story,) in sql(store, "stale_stories", [ids])}
    claims = {claim for (claim,) in sql(store, "stale_claims", [ids])}
    removed: Counter[str] = Counter()
    for (terms,) in sql(store, "stale_terms", [ids]):
        removed.update(json.loads(terms).keys())
    for term, count in removed.items():
        sql(store, "forget_terms", [count, term])
    for table, key in (("link_documents", "id"), ("link_bands", "document"),
                       ("link_statements", "document")):
        store.fetch(f"DELETE FROM {table} WHERE {key} IN (SELECT unnest(?::TEXT[]))", [ids])
    return stories, claims


def _load(store: Store, analyses: Sequence[Analysis]) -> Linker:
    """A linker holding what the new documents can link to.

    Term frequencies are loaded before the documents and statements are
    indexed, so their index keys are weighed as when they were added.
    """
    linker = Linker()
    _load_copies(store, linker, analyses)
    days = [d for d in (day_number(a.document.published) for a in analyses) if d is not None]
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


def _story_documents(store: Store, days: list[int]) -> list[tuple[StoryDoc, str]]:
    """Linked documents within the story window of these days, with their stories."""
    if not days:
        return []
    window = story_rules.WINDOW_DAYS
    rows = sql(store, "story_documents", [min(days) - window, max(days) + window])
    return [(StoryDoc(doc_id, day, Counter(json.loads(terms)), title), story)
            for doc_id, day, terms, title, story in rows]


def _statements(store: Store, days: list[int]) -> list[tuple[Statement, str]]:
    """Stored statements within the claim window of these days, with their claims."""
    if not days:
        return []
    window = claim_rules.WINDOW_DAYS
    rows = sql(store, "statements_between", [min(days) - window, max(days) + window])
    return [_statement_from_row(row) for row in rows]


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
                     linker.stories.story_of(document.id)])
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
    claims = [claim_number(claim) for _, claim in linker.claims.assignments(set(ids))]
    for kind, numbers in (("story", stories), ("claim", claims)):
        if numbers:
            sql(store, "save_last_id", [kind, max(numbers)])


def _save_stories(store: Store, stories: Iterable[str | None]) -> None:
    """Rewrite the rows of these stories from the documents table."""
    for story in sorted(s for s in stories if s is not None):
        sql(store, "delete_story", [story])
        sql(store, "insert_story", [story, story])


def _save_claims(store: Store, linker: Linker, ids: set[str], stale: set[str]) -> None:
    """Store the new statements and rewrite the claims they joined or left."""
    assigned = linker.claims.assignments(ids)
    if assigned:
        sql(store, "insert_statements",
            columns([_statement_row(statement, claim) for statement, claim in assigned]))
    for claim in sorted({claim for _, claim in assigned} | stale):
        members = [_statement_from_row(row)[0]
                   for row in sql(store, "claim_statements", [claim])]
        sql(store, "delete_claim", [claim])
        if len({m.document for m in members}) > 1:
            sql(store, "insert_claim", _claim_row(summarise(claim, members).to_dict()))


def _claim_row(claim: dict) -> list:
    return [claim["claim"], claim["text"], json.dumps(claim["members"]),
            json.dumps(claim["sources"]), claim["origins"], claim["outlets"],
            claim["contested"], claim["laundered"], claim["first_seen"], claim["last_seen"]]


def _statement_row(statement: Statement, claim: str) -> list:
    return [statement.document, statement.id, claim, statement.text,
            json.dumps(statement.terms), statement.day, statement.outlet, statement.source,
            statement.origin, json.dumps(sorted(statement.channels)), statement.stance,
            statement.own_voice, json.dumps(sorted(statement.event_types))]


def _statement_from_row(row: tuple) -> tuple[Statement, str]:
    (document, member, claim, text, terms, day, outlet, source, origin, channels,
     stance, own_voice, event_types) = row
    statement = Statement(
        document=document, id=member, text=text, terms=Counter(json.loads(terms)),
        day=day, outlet=outlet, source=source, origin=origin,
        channels=frozenset(json.loads(channels)), stance=stance, own_voice=own_voice,
        event_types=frozenset(json.loads(event_types)))
    return statement, claim
