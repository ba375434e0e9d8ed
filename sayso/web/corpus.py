"""What the web UI asks of a corpus: its lists, one actor, one story, search.

Claims are read as the claims export (CONTRACT.md, export version 2) gives
them; fields a corpus linked by an older sayso lacks (``story``,
``contested_by``, ``laundered_in``) are derived or left empty, never an error.
"""
from __future__ import annotations

import json
import re
from typing import Any

from starlette.datastructures import QueryParams

from ..store import Store
from . import params as check
from .lists import Listing, between, contains, equals, has, materialized, run_listing

DOCUMENTS = Listing(
    base="""SELECT d.id, d.title, d.outlet, d.published, d.story, d.duplicate_of,
               json_array_length(d.records->'attributions') AS attributions,
               json_array_length(d.records->'events') AS events,
               substr(d.published, 1, 7) AS month, d.text
            FROM documents d""",
    sorts={"published": "published", "title": "title", "outlet": "outlet", "id": "id",
           "attributions": "attributions", "events": "events"},
    default_sort="published", facets={"outlet": "outlet", "month": "month",
                                      "story": "story"})

STATEMENTS = Listing(
    base="""SELECT q.document, q.id AS attribution, coalesce(a.name, q.source_text) AS source,
               q.source_kind, q.cue_text AS cue, q.content_text AS content, q.stance,
               q.hedged, d.outlet, d.published, d.story, d.duplicate_of,
               substr(d.published, 1, 7) AS month,
               (SELECT min(ls.claim) FROM link_statements ls
                WHERE ls.document = q.document AND ls.member = q.id) AS claim
            FROM attributions q JOIN documents d ON d.id = q.document
            LEFT JOIN actors a ON a.document = q.document AND a.id = q.source_actor""",
    sorts={"published": "published", "source": "source", "stance": "stance",
           "document": "document", "outlet": "outlet"},
    default_sort="published",
    facets={"stance": "stance", "outlet": "outlet", "actor": "source", "month": "month",
            "story": "story"})

ACTORS = Listing(
    base="""WITH statements AS (
                SELECT document, source_actor AS actor, count(*) AS n FROM attributions
                WHERE source_actor IS NOT NULL GROUP BY ALL),
            mentions AS (SELECT document, actor, count(*) AS n FROM actor_mentions GROUP BY ALL)
            SELECT a.name, first(a.kind ORDER BY a.kind) AS kind,
                   list(DISTINCT a.kind ORDER BY a.kind) AS kinds,
                   count(DISTINCT a.document) AS documents,
                   coalesce(sum(s.n), 0)::BIGINT AS statements,
                   coalesce(sum(m.n), 0)::BIGINT AS mentions,
                   max(a.codes->>'cameo') AS cameo
            FROM actors a
            LEFT JOIN statements s ON s.document = a.document AND s.actor = a.id
            LEFT JOIN mentions m ON m.document = a.document AND m.actor = a.id
            GROUP BY a.name""",
    sorts={"statements": "statements", "documents": "documents", "mentions": "mentions",
           "name": "name"},
    default_sort="statements", default_order="desc", list_facets={"kind": "kinds"})

STORIES = Listing(
    base="""SELECT s.story, s.label, json_array_length(s.documents) AS documents,
               (SELECT count(DISTINCT d.outlet) FROM documents d WHERE d.story = s.story)
                   AS outlets,
               (SELECT min(d.published) FROM documents d WHERE d.story = s.story) AS published,
               (SELECT list(DISTINCT d.outlet ORDER BY d.outlet) FROM documents d
                WHERE d.story = s.story AND d.outlet IS NOT NULL) AS outlet_names,
               length(s.story) AS id_length
            FROM stories s""",
    sorts={"documents": "documents", "published": "published", "label": "label",
           "story": "id_length, story", "outlets": "outlets"},
    default_sort="documents", default_order="desc", list_facets={"outlet": "outlet_names"})


def claims_listing(store: Store) -> Listing:
    """Claims with their story, outlets, denials and laundering articles."""
    columns = claim_columns(store)
    story = "c.story" if "story" in columns else (
        "(SELECT d.story FROM documents d WHERE d.id = c.members->0->>0)")
    contested_by = "c.contested_by" if "contested_by" in columns else "'[]'::JSON"
    laundered_in = "c.laundered_in" if "laundered_in" in columns else "'[]'::JSON"
    return Listing(
        base=f"""SELECT c.claim, c.text, c.sources, c.members, c.origins, c.outlets,
                    c.contested, c.laundered, c.first_seen, c.last_seen,
                    json_array_length(c.members) AS statements, {story} AS story,
                    {contested_by} AS contested_by, {laundered_in} AS laundered_in,
                    (SELECT list(DISTINCT d.outlet ORDER BY d.outlet) FROM documents d
                     WHERE list_contains(json_extract_string(c.members, '$[*][0]'), d.id)
                       AND d.outlet IS NOT NULL) AS outlet_names,
                    json_extract_string(c.sources, '$[*]') AS source_names,
                    substr(c.first_seen, 1, 7) AS month, length(c.claim) AS id_length
                 FROM claims c""",
        sorts={"outlets": "outlets", "origins": "origins", "statements": "statements",
               "first_seen": "first_seen", "last_seen": "last_seen",
               "claim": "id_length, claim", "text": "text"},
        default_sort="outlets", default_order="desc",
        json_fields=("sources", "members", "contested_by", "laundered_in"),
        facets={"contested": "contested", "laundered": "laundered", "month": "month",
                "story": "story"},
        list_facets={"outlet": "outlet_names", "actor": "source_names"})


def claim_columns(store: Store) -> set[str]:
    rows = store.fetch("SELECT column_name FROM information_schema.columns "
                       "WHERE table_name = 'claims'")
    return {name for (name,) in rows}


def list_documents(store: Store, query: QueryParams) -> dict[str, Any]:
    paging = check.paging(query, DOCUMENTS.sort_names, DOCUMENTS.default_sort)
    conditions = [*equals("outlet", check.text(query, "outlet")),
                  *equals("story", check.text(query, "story")),
                  *between("published", check.day(query, "from"), check.day(query, "to")),
                  *_copies(check.flag(query, "copy")),
                  *contains("title || ' ' || text", check.text(query, "q"))]
    page = run_listing(store, DOCUMENTS, conditions, paging)
    for item in page["items"]:
        del item["text"]
    return page


def _copies(copy: bool | None) -> list:
    if copy is None:
        return []
    return [("duplicate_of IS NOT NULL" if copy else "duplicate_of IS NULL", [])]


def list_statements(store: Store, query: QueryParams) -> dict[str, Any]:
    paging = check.paging(query, STATEMENTS.sort_names, STATEMENTS.default_sort)
    conditions = [*equals("stance", check.text(query, "stance")),
                  *equals("outlet", check.text(query, "outlet")),
                  *equals("story", check.text(query, "story")),
                  *contains("source", check.text(query, "actor")),
                  *contains("content", check.text(query, "about")),
                  *between("published", check.day(query, "from"), check.day(query, "to"))]
    return run_listing(store, STATEMENTS, conditions, paging)


def list_claims(store: Store, query: QueryParams) -> dict[str, Any]:
    listing = claims_listing(store)
    paging = check.paging(query, listing.sort_names, listing.default_sort,
                          listing.default_order)
    actor = check.text(query, "actor")
    conditions = [*equals("contested", check.flag(query, "contested")),
                  *equals("laundered", check.flag(query, "laundered")),
                  *has("outlet_names", check.text(query, "outlet")),
                  *equals("story", check.text(query, "story")),
                  *contains("text", check.text(query, "about")),
                  *between("first_seen", check.day(query, "from"), check.day(query, "to"))]
    if actor:
        conditions.append(("list_has_any(list_transform(source_names, lambda n: n ILIKE ?), "
                           "[true])", [f"%{actor}%"]))
    return run_listing(store, listing, conditions, paging)


def list_actors(store: Store, query: QueryParams) -> dict[str, Any]:
    paging = check.paging(query, ACTORS.sort_names, ACTORS.default_sort,
                          ACTORS.default_order)
    conditions = [*contains("name", check.text(query, "q")),
                  *has("kinds", check.text(query, "kind"))]
    return run_listing(store, ACTORS, conditions, paging)


def list_stories(store: Store, query: QueryParams) -> dict[str, Any]:
    paging = check.paging(query, STORIES.sort_names, STORIES.default_sort,
                          STORIES.default_order)
    conditions = [*contains("label", check.text(query, "q")),
                  *has("outlet_names", check.text(query, "outlet"))]
    return run_listing(store, STORIES, conditions, paging)


# -- one claim, actor, story -------------------------------------------------

def claim(store: Store, claim_id: str) -> dict[str, Any] | None:
    """The claim's export record, with its derived fields."""
    listing = claims_listing(store)
    columns, rows = store.columns_and_rows(
        f"SELECT * FROM {materialized(store, listing)} WHERE claim = ?", [claim_id])
    if not rows:
        return None
    record = dict(zip(columns, rows[0]))
    for key in listing.json_fields:
        if isinstance(record.get(key), str):
            record[key] = json.loads(record[key])
    for key in ("id_length", "source_names", "month"):
        record.pop(key, None)
    return record


def claims_of_document(store: Store, doc_id: str) -> dict[str, str]:
    """Statement id -> the claim it belongs to, for one document."""
    rows = store.fetch("SELECT m->>1, claim FROM claims, "
                       "unnest(CAST(members AS JSON[])) AS t(m) WHERE m->>0 = ?", [doc_id])
    return dict(rows)


def own_voice_statements(store: Store, doc_id: str) -> list[dict[str, Any]]:
    """Statements the article makes in its own voice (claim members), with their
    spans where the linking tables keep them (claims export version 2)."""
    columns = {name for (name,) in store.fetch(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_name = 'link_statements'")}
    if not {"own_voice", "member", "claim", "text"} <= columns:
        return []
    span = ("span_start, span_end" if {"span_start", "span_end"} <= columns
            else "NULL, NULL")
    rows = store.fetch(f"SELECT member, claim, text, {span} FROM link_statements "
                       "WHERE document = ? AND own_voice ORDER BY member", [doc_id])
    return [{"id": m, "claim": c, "text": t, "span": [a, b] if a is not None else None}
            for m, c, t, a, b in rows]


def document_copies(store: Store, doc_id: str) -> list[dict[str, Any]]:
    rows = store.fetch("SELECT id, title, outlet FROM documents WHERE duplicate_of = ? "
                       "ORDER BY id", [doc_id])
    return [{"id": i, "title": t, "outlet": o} for i, t, o in rows]


def document_brief(store: Store, doc_id: str) -> dict[str, Any] | None:
    rows = store.fetch("SELECT id, title, outlet, published, url, duplicate_of, story "
                       "FROM documents WHERE id = ?", [doc_id])
    if not rows:
        return None
    keys = ("id", "title", "outlet", "published", "url", "duplicate_of", "story")
    return dict(zip(keys, rows[0]))


def actor(store: Store, name: str) -> dict[str, Any] | None:
    """An actor by name: kinds, aliases, codes, what they said, what was said about
    them and their events (syndicated copies not repeated)."""
    rows = store.fetch("SELECT document, id, kind, title, role, aliases, codes FROM actors "
                       "WHERE name = ? ORDER BY document", [name])
    if not rows:
        return None
    aliases = sorted({alias for row in rows for alias in json.loads(row[5])})
    codes = sorted({f"{k}:{v}" for row in rows for k, v in json.loads(row[6]).items()})
    ids = [[document, actor_id] for document, actor_id, *_ in rows]
    return {"name": name, "kinds": sorted({row[2] for row in rows}),
            "titles": sorted({row[3] for row in rows if row[3]}),
            "roles": sorted({row[4] for row in rows if row[4]}),
            "aliases": aliases, "codes": codes, "documents": len({r[0] for r in rows}),
            "said": _said_by(store, ids), "said_about": _said_about(store, name, aliases),
            "events": _events_of(store, ids)}


def _said_by(store: Store, ids: list[list[str]]) -> list[dict[str, Any]]:
    columns, rows = store.columns_and_rows(
        """SELECT q.document, q.id AS attribution, q.cue_text AS cue,
                  q.content_text AS content, q.stance, q.hedged, d.outlet, d.published
           FROM attributions q JOIN documents d ON d.id = q.document
                AND d.duplicate_of IS NULL
           WHERE [q.document, q.source_actor] IN (SELECT unnest(?::TEXT[][]))
           ORDER BY d.published NULLS LAST, q.document, q.id LIMIT 500""", [ids])
    return [dict(zip(columns, row)) for row in rows]


def _said_about(store: Store, name: str, aliases: list[str]) -> list[dict[str, Any]]:
    """Statements by others whose content names this actor (or an alias)."""
    names = [n for n in {name, *aliases} if len(n) >= 3]
    columns, rows = store.columns_and_rows(
        """SELECT q.document, q.id AS attribution, coalesce(a.name, q.source_text) AS source,
                  q.content_text AS content, q.stance, d.outlet, d.published
           FROM attributions q JOIN documents d ON d.id = q.document
                AND d.duplicate_of IS NULL
           LEFT JOIN actors a ON a.document = q.document AND a.id = q.source_actor
           WHERE list_has_any(list_transform(?::TEXT[], lambda n: contains(q.content_text, n)),
                              [true])
             AND coalesce(a.name, '') <> ?
           ORDER BY d.published NULLS LAST, q.document, q.id LIMIT 500""", [names, name])
    return [dict(zip(columns, row)) for row in rows]


def _events_of(store: Store, ids: list[list[str]]) -> list[dict[str, Any]]:
    columns, rows = store.columns_and_rows(
        """SELECT e.document, e.id AS event, e.type, e.cameo, e.actor_text AS actor,
                  e.trigger_text AS trigger, e.target_text AS target, e.modality,
                  CASE WHEN [e.document, e.actor_actor] IN (SELECT unnest(?::TEXT[][]))
                       THEN 'actor' ELSE 'target' END AS role
           FROM events e JOIN documents d ON d.id = e.document AND d.duplicate_of IS NULL
           WHERE [e.document, e.actor_actor] IN (SELECT unnest(?::TEXT[][]))
              OR [e.document, e.target_actor] IN (SELECT unnest(?::TEXT[][]))
           ORDER BY e.document, e.id LIMIT 500""", [ids, ids, ids])
    return [dict(zip(columns, row)) for row in rows]


def story(store: Store, story_id: str) -> dict[str, Any] | None:
    """A story's articles by outlet, side by side, with who each one quotes."""
    label = store.fetch("SELECT label FROM stories WHERE story = ?", [story_id])
    if not label:
        return None
    columns, rows = store.columns_and_rows(
        """SELECT d.id, d.title, d.outlet, d.published, d.duplicate_of,
                  (SELECT list(DISTINCT a.name ORDER BY a.name)
                   FROM attributions q JOIN actors a
                        ON a.document = q.document AND a.id = q.source_actor
                   WHERE q.document = d.id) AS quotes
           FROM documents d WHERE d.story = ?
           ORDER BY d.outlet NULLS LAST, d.published NULLS LAST, d.id""", [story_id])
    articles = [dict(zip(columns, row)) for row in rows]
    outlets: dict[str, list[dict[str, Any]]] = {}
    for article in articles:
        outlets.setdefault(article["outlet"] or "(no outlet)", []).append(article)
    claims = store.fetch(
        "SELECT claim, text, outlets, contested FROM claims WHERE claim IN "
        "(SELECT claim FROM claims, unnest(CAST(members AS JSON[])) AS t(m) "
        " WHERE m->>0 IN (SELECT id FROM documents WHERE story = ?)) "
        "ORDER BY outlets DESC, length(claim), claim LIMIT 50", [story_id])
    return {"story": story_id, "label": label[0][0], "outlets": outlets,
            "documents": len(articles),
            "claims": [{"claim": c, "text": t, "outlets": o, "contested": x}
                       for c, t, o, x in claims]}


# -- search --------------------------------------------------------------------

MAX_TERMS = 8
SEARCHES = {
    "documents": ("SELECT id AS document, NULL AS item, title AS label, title || ' ' || text "
                  "AS body FROM documents"),
    "statements": ("SELECT document, id AS item, coalesce(source_text, '(unsourced)') "
                   "AS label, content_text AS body FROM attributions"),
    "claims": "SELECT NULL AS document, claim AS item, claim AS label, text AS body FROM claims",
}


def search_terms(query: str) -> list[str]:
    terms = [t.lower() for t in re.findall(r"\w[\w'-]*", query)]
    return list(dict.fromkeys(terms))[:MAX_TERMS]


def search(store: Store, query: str, limit: int = 20) -> dict[str, Any]:
    """Documents, statements and claims holding every term, most hits first."""
    terms = search_terms(query)
    found: dict[str, Any] = {"q": query, "terms": terms}
    for kind, base in SEARCHES.items():
        found[kind] = _search_one(store, base, terms, limit) if terms else []
    return found


def _search_one(store: Store, base: str, terms: list[str], limit: int) -> list[dict]:
    hits = " + ".join("(length(lower(body)) - length(replace(lower(body), ?, ''))) "
                      "// length(?)" for _ in terms)
    every = " AND ".join("contains(lower(body), ?)" for _ in terms)
    params = [terms[0], *(value for term in terms for value in (term, term)), *terms, limit]
    columns, rows = store.columns_and_rows(
        f"WITH base AS ({base}) SELECT document, item, label, "
        "substr(body, greatest(1, strpos(lower(body), ?) - 80), 240) AS snippet, "
        f"{hits} AS hits FROM base WHERE {every} "
        "ORDER BY hits DESC, document, item LIMIT ?", params)
    return [dict(zip(columns, row)) for row in rows]
