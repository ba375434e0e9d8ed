-- Questions the query commands ask of a corpus (sayso actors, claims, demo).
-- Sections start with "-- name: NAME"; parameters are positional (?).

-- name: actors
-- Every actor by name and kind: in how many documents, how often mentioned,
-- how many statements attributed to it.
WITH mentions AS (
    SELECT document, actor, count(*) AS n FROM actor_mentions GROUP BY ALL),
statements AS (
    SELECT document, source_actor AS actor, count(*) AS n FROM attributions
    WHERE source_actor IS NOT NULL GROUP BY ALL)
SELECT a.name, a.kind, count(*) AS documents,
       coalesce(sum(m.n), 0)::BIGINT AS mentions,
       coalesce(sum(s.n), 0)::BIGINT AS statements
FROM actors a
LEFT JOIN mentions m ON m.document = a.document AND m.actor = a.id
LEFT JOIN statements s ON s.document = a.document AND s.actor = a.id
GROUP BY a.name, a.kind
ORDER BY statements DESC, mentions DESC, documents DESC, a.name;

-- name: statements
-- Who said what, one row per attribution. Parameters: actor pattern, content
-- pattern (ILIKE, NULL = any), contested only (stance denies or disputes).
SELECT q.document, q.id AS attribution,
       coalesce(a.name, q.source_text) AS source, q.cue_text AS cue,
       q.content_text AS content, q.stance, q.hedged,
       (SELECT string_agg(c.role || ': ' || c.text, ' → ' ORDER BY c.hop)
          FROM channels c WHERE c.document = q.document AND c.attribution = q.id) AS via
FROM attributions q
LEFT JOIN actors a ON a.document = q.document AND a.id = q.source_actor
WHERE ($1 IS NULL OR coalesce(a.name, '') ILIKE $1 OR coalesce(q.source_text, '') ILIKE $1
       OR EXISTS (SELECT 1 FROM unnest(a.aliases::TEXT[]) AS t(alias) WHERE alias ILIKE $1))
  AND ($2 IS NULL OR q.content_text ILIKE $2)
  AND (NOT $3 OR q.stance IN ('denies', 'disputes'))
ORDER BY q.document, (q.content_spans->0->>0)::INTEGER, q.id;

-- name: claims
-- Linked claims (filled by linking). Parameters: actor pattern, content
-- pattern, contested only, laundered only, outlet pattern, since, until (ISO
-- dates, NULL = any), at least this many articles. The ORDER BY and LIMIT
-- are added by sayso/store/query.py.
SELECT claim, story, text, sources, origins, outlets, articles, statements, contested,
       contested_by, laundered, laundered_in, first_seen, last_seen, members
FROM claims c
WHERE ($1 IS NULL OR EXISTS (SELECT 1 FROM unnest(sources::TEXT[]) AS s(name)
                             WHERE name ILIKE $1))
  AND ($2 IS NULL OR text ILIKE $2)
  AND (NOT $3 OR contested)
  AND (NOT $4 OR laundered)
  AND ($5 IS NULL OR EXISTS (SELECT 1 FROM link_statements s
                             JOIN documents d ON d.id = s.document
                             WHERE s.claim = c.claim AND d.outlet ILIKE $5))
  AND ($6 IS NULL OR last_seen >= $6)
  AND ($7 IS NULL OR first_seen <= $7)
  AND articles >= $8

-- name: top_sources
-- The most quoted sources: attributions whose source was resolved to an
-- actor, by the actor's name (an unresolved "I" or "who" names nobody).
-- Syndicated copies do not count again. Parameter: how many.
SELECT a.name AS source, count(*) AS statements
FROM attributions q
JOIN actors a ON a.document = q.document AND a.id = q.source_actor
JOIN documents d ON d.id = q.document AND d.duplicate_of IS NULL
GROUP BY ALL
ORDER BY statements DESC, source
LIMIT ?;

-- name: example_claims
-- One contested and one laundered claim for `sayso demo` to show, those
-- carried by most outlets first.
SELECT 'contested', * FROM (SELECT claim, text FROM claims WHERE contested
                           ORDER BY outlets DESC, origins DESC, length(claim), claim LIMIT 1)
UNION ALL
SELECT 'laundered', * FROM (SELECT claim, text FROM claims WHERE laundered
                           ORDER BY outlets DESC, origins DESC, length(claim), claim LIMIT 1);
