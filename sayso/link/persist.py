"""Linking inside the corpus store: each ingest batch updates the links.

`update_links(store)` links every stored document that is not linked yet
(new, or changed since it was linked), earliest published first. It loads
only what the new documents can link to: the documents sharing an LSH
bucket with them (and the earliest copies of those), the documents and
statements published within the linking windows of their dates, and the
document frequencies of the terms involved. Nothing is recomputed for the
rest of the corpus, so the cost of a batch depends on the news of its days,
not on the size of the store. Tables: see migration 0002_linking.sql.

Documents without a date are compared only with what the dated documents
of their batch load.
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np

from ..model import Analysis
from ..store import Store
from . import claims as claim_rules
from . import stories as story_rules
from .claims import Statement, claim_number, summarise
from .dedup import Copy, band_keys, signature
from .linker import Linker, publication_order
from .stories import StoryDoc, story_number
from .terms import day_number, document_terms

BATCH = 256
STATEMENT_COLUMNS = ("document", "member", "claim", "text", "terms", "day", "outlet",
                     "source", "origin", "channels", "stance", "own_voice", "event_types")


def update_links(store: Store, *, batch_size: int = BATCH) -> int:
    """Link the stored documents that are not linked yet; return how many."""
    pending = [row[0] for row in store.fetch(
        "SELECT d.id FROM documents d LEFT JOIN link_documents l "
        "ON d.id = l.id AND d.sha256 = l.sha256 WHERE l.id IS NULL "
        "ORDER BY d.published NULLS LAST, d.id")]
    for start in range(0, len(pending), batch_size):
        analyses = [store.get(doc_id) for doc_id in pending[start:start + batch_size]]
        with store.transaction():
            link_batch(store, analyses)
    return len(pending)


def link_batch(store: Store, analyses: Sequence[Analysis]) -> None:
    """Link new analyses against the stored corpus and write every change."""
    analyses = sorted(analyses, key=publication_order)
    ids = [a.document.id for a in analyses]
    stale_stories, stale_claims = _forget(store, ids)
    linker = _load(store, analyses)
    arrival = store.fetch("SELECT coalesce(max(arrival) + 1, 0) FROM link_documents")[0][0]
    changed: dict[str, str | None] = {}
    for analysis in analyses:
        changed.update(linker.add(analysis))
    _save_documents(store, linker, analyses, arrival)
    _save_duplicates(store, linker, ids, changed)
    _save_stories(store, {linker.stories.story_of(i) for i in ids} | stale_stories)
    _save_claims(store, linker, set(ids), stale_claims)


def _forget(store: Store, ids: list[str]) -> tuple[set[str], set[str]]:
    """Drop the link rows of documents being relinked (changed since linking);
    return the stories and claims they were in."""
    stories = {story for (story,) in store.fetch(
        "SELECT DISTINCT story FROM stories, unnest(CAST(documents AS TEXT[])) AS t(doc) "
        "WHERE doc IN (SELECT unnest(?::TEXT[]))", [ids])}
    claims = {claim for (claim,) in store.fetch(
        "SELECT DISTINCT claim FROM link_statements "
        "WHERE document IN (SELECT unnest(?::TEXT[]))", [ids])}
    stale = store.fetch("SELECT terms FROM link_documents "
                        "WHERE id IN (SELECT unnest(?::TEXT[]))", [ids])
    removed: Counter[str] = Counter()
    for (terms,) in stale:
        removed.update(json.loads(terms).keys())
    for term, count in removed.items():
        store.fetch("UPDATE link_terms SET df = df - ? WHERE term = ?", [count, term])
    for table, key in (("link_documents", "id"), ("link_bands", "document"),
                       ("link_statements", "document")):
        store.fetch(f"DELETE FROM {table} WHERE {key} IN (SELECT unnest(?::TEXT[]))", [ids])
    return stories, claims


def _load(store: Store, analyses: Sequence[Analysis]) -> Linker:
    linker = Linker()
    _load_copies(store, linker, analyses)
    days = [d for d in (day_number(a.document.published) for a in analyses) if d is not None]
    _load_story_docs(store, linker, days)
    _load_statements(store, linker, days)
    _load_frequencies(store, linker, analyses)
    last_story = store.fetch("SELECT story FROM stories")
    linker.stories.reserve_ids(max((story_number(s) for (s,) in last_story), default=0))
    last_claim = store.fetch("SELECT DISTINCT claim FROM link_statements")
    linker.claims.reserve_ids(max((claim_number(c) for (c,) in last_claim), default=0))
    return linker


def _load_copies(store: Store, linker: Linker, analyses: Sequence[Analysis]) -> None:
    """Documents sharing an LSH bucket with a new one, and their earliest copies."""
    keys = [key for a in analyses
            if (values := signature(a.document.text)) is not None
            for key in band_keys(values)]
    rows = store.fetch(
        "WITH near AS (SELECT DISTINCT document AS id FROM link_bands "
        "              WHERE key IN (SELECT unnest(?::BIGINT[]))), "
        "roots AS (SELECT d.duplicate_of AS id FROM documents d JOIN near USING (id) "
        "          WHERE d.duplicate_of IS NOT NULL) "
        "SELECT l.id, l.day, l.arrival, l.signature, d.duplicate_of "
        "FROM link_documents l JOIN documents d ON d.id = l.id "
        "WHERE l.signature IS NOT NULL AND l.id IN (SELECT id FROM near UNION SELECT id FROM roots) "
        "ORDER BY l.arrival", [keys])
    for doc_id, day, arrival, values, duplicate_of in rows:
        linker.duplicates.restore(Copy(doc_id, day, arrival, np.array(values, dtype=np.uint64)),
                                  duplicate_of)


def _load_story_docs(store: Store, linker: Linker, days: list[int]) -> None:
    if not days:
        return
    window = story_rules.WINDOW_DAYS
    rows = store.fetch(
        "SELECT l.id, l.day, l.terms, l.title, d.story FROM link_documents l "
        "JOIN documents d ON d.id = l.id WHERE l.day BETWEEN ? AND ? "
        "AND d.story IS NOT NULL ORDER BY l.arrival",
        [min(days) - window, max(days) + window])
    for doc_id, day, terms, title, story in rows:
        linker.stories.restore(StoryDoc(doc_id, day, Counter(json.loads(terms)), title), story)


def _load_statements(store: Store, linker: Linker, days: list[int]) -> None:
    if not days:
        return
    window = claim_rules.WINDOW_DAYS
    rows = store.fetch(
        f"SELECT {', '.join(STATEMENT_COLUMNS)} FROM link_statements "
        "WHERE day BETWEEN ? AND ? ORDER BY rowid", [min(days) - window, max(days) + window])
    for row in rows:
        statement, claim = _statement_from_row(row)
        linker.claims.restore(statement, claim)


def _load_frequencies(store: Store, linker: Linker, analyses: Sequence[Analysis]) -> None:
    """Document frequencies of every term the batch can be compared on."""
    terms = set()
    for doc in linker.stories.documents():
        terms.update(doc.terms)
    for statement, _ in linker.claims.assignments():
        terms.update(statement.terms)
    for analysis in analyses:
        terms.update(document_terms(analysis.document))
    rows = store.fetch("SELECT term, df FROM link_terms "
                       "WHERE term IN (SELECT unnest(?::TEXT[]))", [sorted(terms)])
    linker.stories.df.update(dict(rows))
    linker.stories.n_docs = store.fetch("SELECT count(*) FROM link_documents")[0][0]


def _save_documents(store: Store, linker: Linker, analyses: Sequence[Analysis],
                    arrival: int) -> None:
    for offset, analysis in enumerate(analyses):
        document = analysis.document
        terms = document_terms(document)
        values = signature(document.text)
        store.fetch("INSERT INTO link_documents VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [document.id, document.sha256, day_number(document.published),
                     arrival + offset, None if values is None else [int(v) for v in values],
                     json.dumps(terms), document.title])
        if values is not None:
            store.fetch("INSERT INTO link_bands SELECT unnest(?::BIGINT[]), ?",
                        [band_keys(values), document.id])
        store.fetch("INSERT INTO link_terms SELECT unnest(?::TEXT[]), 1 "
                    "ON CONFLICT (term) DO UPDATE SET df = link_terms.df + 1",
                    [sorted(terms)])


def _save_duplicates(store: Store, linker: Linker, ids: list[str],
                     changed: dict[str, str | None]) -> None:
    """Write each new document's links; re-point groups whose original changed."""
    for doc_id in ids:
        store.fetch("UPDATE documents SET duplicate_of = ?, story = ? WHERE id = ?",
                    [linker.duplicates.duplicate_of(doc_id),
                     linker.stories.story_of(doc_id), doc_id])
    for doc_id, root in changed.items():
        if doc_id in ids:
            continue
        store.fetch("UPDATE documents SET duplicate_of = ? WHERE id = ? OR duplicate_of = ?",
                    [root, doc_id, doc_id])


def _save_stories(store: Store, stories: Iterable[str | None]) -> None:
    """Rewrite the stories rows of these stories from the documents table."""
    for story in sorted(s for s in stories if s is not None):
        store.fetch("DELETE FROM stories WHERE story = ?", [story])
        store.fetch(
            "INSERT INTO stories SELECT ?, "
            "  (SELECT title FROM documents WHERE story = ? AND title IS NOT NULL "
            "   ORDER BY published NULLS LAST, id LIMIT 1), "
            "  to_json(list(id ORDER BY published NULLS LAST, id)) "
            "FROM documents WHERE story = ? HAVING count(*) > 0", [story, story, story])


def _save_claims(store: Store, linker: Linker, ids: set[str], stale: set[str]) -> None:
    """Store the new statements and rewrite the claims they joined or left."""
    assigned = linker.claims.assignments(ids)
    placeholders = ", ".join("?" * len(STATEMENT_COLUMNS))
    for statement, claim in assigned:
        store.fetch(f"INSERT INTO link_statements VALUES ({placeholders})",
                    _statement_row(statement, claim))
    for claim in sorted({claim for _, claim in assigned} | stale):
        rows = store.fetch(f"SELECT {', '.join(STATEMENT_COLUMNS)} FROM link_statements "
                           "WHERE claim = ? ORDER BY rowid", [claim])
        members = [_statement_from_row(row)[0] for row in rows]
        store.fetch("DELETE FROM claims WHERE claim = ?", [claim])
        if len(members) > 1:
            _insert_claim(store, summarise(claim, members).to_dict())


def _insert_claim(store: Store, claim: dict) -> None:
    store.fetch("INSERT INTO claims (claim, text, members, sources, origins, outlets, "
                "contested, laundered, first_seen, last_seen) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [claim["claim"], claim["text"], json.dumps(claim["members"]),
                 json.dumps(claim["sources"]), claim["origins"], claim["outlets"],
                 claim["contested"], claim["laundered"], claim["first_seen"],
                 claim["last_seen"]])


def _statement_row(statement: Statement, claim: str) -> list:
    return [statement.document, statement.id, claim, statement.text,
            json.dumps(statement.terms), statement.day, statement.outlet, statement.source,
            statement.origin, json.dumps(sorted(statement.channels)), statement.stance,
            statement.own_voice, json.dumps(sorted(statement.event_types))]


def _statement_from_row(row: tuple) -> tuple[Statement, str]:
    (document, member, claim, text, terms, day, outlet, source, origin, channels,
     stance, own_voice, event_types) = row
    return Statement(document=document, id=member, text=text, terms=Counter(json.loads(terms)),
                     day=day, outlet=outlet, source=source, origin=origin,
                     channels=frozenset(json.loads(channels)), stance=stance,
                     own_voice=own_voice,
                     event_types=frozenset(json.loads(event_types))), claim
