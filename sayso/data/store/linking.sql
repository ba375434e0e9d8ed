-- The SQL of incremental linking (sayso/link/persist.py) over the tables of
-- migration 0002_linking.sql. Sections start with "-- name: NAME"; parameters
-- are positional (?).

-- name: unlinked
-- Stored documents not linked yet, or changed since they were linked.
SELECT d.id FROM documents d
LEFT JOIN link_documents l ON d.id = l.id AND d.sha256 = l.sha256
WHERE l.id IS NULL
ORDER BY d.published NULLS LAST, d.id;

-- name: stale_stories
-- Stories listing any of these documents. Parameter: document ids.
SELECT DISTINCT story FROM stories, unnest(CAST(documents AS TEXT[])) AS t(doc)
WHERE doc IN (SELECT unnest(?::TEXT[]));

-- name: stale_claims
SELECT DISTINCT claim FROM link_statements
WHERE document IN (SELECT unnest(?::TEXT[]));

-- name: stale_terms
SELECT terms FROM link_documents WHERE id IN (SELECT unnest(?::TEXT[]));

-- name: forget_terms
UPDATE link_terms SET df = df - ? WHERE term = ?;

-- name: copies
-- Documents sharing an LSH bucket with the new ones, and their originals.
-- Parameter: the new documents' band keys.
WITH near AS (
    SELECT DISTINCT document AS id FROM link_bands
    WHERE key IN (SELECT unnest(?::BIGINT[]))),
roots AS (
    SELECT d.duplicate_of AS id FROM documents d JOIN near USING (id)
    WHERE d.duplicate_of IS NOT NULL)
SELECT l.id, l.day, l.arrival, l.signature, d.duplicate_of
FROM link_documents l JOIN documents d ON d.id = l.id
WHERE l.signature IS NOT NULL
  AND l.id IN (SELECT id FROM near UNION SELECT id FROM roots)
ORDER BY l.arrival;

-- name: story_documents
-- Linked documents published between two days. Parameters: first, last day.
SELECT l.id, l.day, l.terms, l.title, d.story
FROM link_documents l JOIN documents d ON d.id = l.id
WHERE l.day BETWEEN ? AND ? AND d.story IS NOT NULL
ORDER BY l.arrival;

-- name: statements_between
SELECT document, member, claim, text, terms, day, outlet, source, origin,
       channels, stance, own_voice, event_types
FROM link_statements WHERE day BETWEEN ? AND ? ORDER BY rowid;

-- name: claim_statements
SELECT document, member, claim, text, terms, day, outlet, source, origin,
       channels, stance, own_voice, event_types
FROM link_statements WHERE claim = ? ORDER BY rowid;

-- name: frequencies
SELECT term, df FROM link_terms WHERE term IN (SELECT unnest(?::TEXT[]));

-- name: linked_count
SELECT count(*) FROM link_documents;

-- name: next_arrival
SELECT coalesce(max(arrival) + 1, 0) FROM link_documents;

-- name: story_ids
SELECT story FROM stories;

-- name: claim_ids
SELECT DISTINCT claim FROM link_statements;

-- name: insert_document
INSERT INTO link_documents VALUES (?, ?, ?, ?, ?, ?, ?);

-- name: insert_bands
INSERT INTO link_bands SELECT unnest(?::BIGINT[]), ?;

-- name: count_terms
INSERT INTO link_terms SELECT unnest(?::TEXT[]), 1
ON CONFLICT (term) DO UPDATE SET df = link_terms.df + 1;

-- name: insert_statement
INSERT INTO link_statements VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);

-- name: set_links
-- A new document's links. Parameters: duplicate_of, story, id.
UPDATE documents SET duplicate_of = ?, story = ? WHERE id = ?;

-- name: repoint_copies
-- An older copy arrived: the document and its copies point at it.
-- Parameters: new original, document, document.
UPDATE documents SET duplicate_of = ? WHERE id = ? OR duplicate_of = ?;

-- name: delete_story
DELETE FROM stories WHERE story = ?;

-- name: insert_story
-- A story's row from the documents table: label = the earliest title.
-- Parameters: story, story, story.
INSERT INTO stories
SELECT ?,
       (SELECT title FROM documents WHERE story = ? AND title IS NOT NULL
        ORDER BY published NULLS LAST, id LIMIT 1),
       to_json(list(id ORDER BY published NULLS LAST, id))
FROM documents WHERE story = ? HAVING count(*) > 0;

-- name: delete_claim
DELETE FROM claims WHERE claim = ?;

-- name: insert_claim
INSERT INTO claims (claim, text, members, sources, origins, outlets, contested,
                    laundered, first_seen, last_seen)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?);
