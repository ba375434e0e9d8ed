-- The SQL of incremental linking (sayso/link/persist.py) over the tables of
-- migration 0002_linking.sql. Sections start with "-- name: NAME"; parameters
-- are positional (?).

-- name: unlinked
-- Stored documents not linked yet, or changed or re-analysed since they were
-- linked (the store marks a replaced document's link row stale), in the
-- order of linking: publication time (undated last), then id.
SELECT d.id, d.published FROM documents d
LEFT JOIN link_documents l ON d.id = l.id AND d.sha256 = l.sha256 AND NOT l.stale
WHERE l.id IS NULL
ORDER BY d.published NULLS LAST, d.id;

-- name: unlinked_count
SELECT count(*) FROM documents d
LEFT JOIN link_documents l ON d.id = l.id AND d.sha256 = l.sha256 AND NOT l.stale
WHERE l.id IS NULL;

-- name: missing_metadata
-- How many linked documents have no usable date, and no outlet.
SELECT count(*) FILTER (WHERE l.day IS NULL), count(*) FILTER (WHERE d.outlet IS NULL)
FROM link_documents l JOIN documents d USING (id);

-- name: linked_keys
-- The publication time of documents as they were linked. Parameter: ids.
SELECT id, published FROM link_documents WHERE id IN (SELECT unnest(?::TEXT[]));

-- name: tail
-- Linked documents at or after a place in the order of linking (they are
-- relinked after an earlier one). Parameters: undated?, published, id.
SELECT id FROM link_documents
WHERE (published IS NULL)::INTEGER > $1::INTEGER
   OR ((published IS NULL) = $1 AND (coalesce(published, '') > $2
        OR (coalesce(published, '') = $2 AND id >= $3)));

-- name: unlink_documents
UPDATE documents SET duplicate_of = NULL, story = NULL
WHERE id IN (SELECT unnest(?::TEXT[]));

-- name: stale_answered
SELECT DISTINCT claim FROM link_answers WHERE document IN (SELECT unnest(?::TEXT[]));

-- name: stale_stories
-- The stories of documents about to be relinked. Parameter: document ids.
SELECT DISTINCT story FROM link_documents WHERE id IN (SELECT unnest(?::TEXT[]));

-- name: stale_claims
SELECT DISTINCT claim FROM link_statements
WHERE document IN (SELECT unnest(?::TEXT[]));

-- name: stale_terms
SELECT terms FROM link_documents WHERE id IN (SELECT unnest(?::TEXT[]));

-- name: forget_terms
-- Parameters: terms, and how many forgotten documents hold each.
UPDATE link_terms SET df = df - gone.n
FROM (SELECT unnest(?::TEXT[]) AS term, unnest(?::INTEGER[]) AS n) AS gone
WHERE link_terms.term = gone.term;

-- name: copies
-- The originals of the documents sharing an LSH bucket with the new ones,
-- those sharing most buckets first (the likeliest copies), at most a few per
-- new document so a huge syndication group costs no more than a small one.
-- Parameters: the new documents' band keys, how many originals at most.
WITH hits AS (
    SELECT coalesce(d.duplicate_of, b.document) AS id, count(*) AS shared
    FROM link_bands b JOIN documents d ON d.id = b.document
    WHERE b.key IN (SELECT unnest(?::BIGINT[]))
    GROUP BY 1 ORDER BY shared DESC, id LIMIT ?)
SELECT l.id, l.day, l.arrival, l.signature
FROM link_documents l JOIN hits USING (id)
WHERE l.signature IS NOT NULL
ORDER BY l.arrival;

-- name: story_documents
-- Linked documents published between two days, and the undated when asked.
-- Parameters: first, last day, with the undated.
SELECT id, day, terms, title, story, keys FROM link_documents
WHERE day BETWEEN ? AND ? OR (? AND day IS NULL) ORDER BY arrival;

-- name: statements_between
SELECT document, member, claim, text, terms, day, outlet, source, origin,
       channels, stance, own_voice, event_types, span_start, span_end, attribution,
       story, published, allegation, root, keys
FROM link_statements WHERE day BETWEEN ? AND ? OR (? AND day IS NULL)
ORDER BY published IS NULL, published, document, position;

-- name: claims_statements
-- The members of these claims, in the order of linking. Parameter: claims.
SELECT document, member, claim, text, terms, day, outlet, source, origin,
       channels, stance, own_voice, event_types, span_start, span_end, attribution,
       story, published, allegation, root, keys
FROM link_statements WHERE claim IN (SELECT unnest(?::TEXT[]))
ORDER BY published IS NULL, published, document, position;

-- name: claims_answers
-- The denials and disputes answering these claims, in the order of linking.
SELECT a.claim, a.document, a.member FROM link_answers a
JOIN link_statements s ON s.document = a.document AND s.member = a.member
WHERE a.claim IN (SELECT unnest(?::TEXT[]))
ORDER BY s.published IS NULL, s.published, s.document, s.position;

-- name: frequencies
SELECT term, df FROM link_terms WHERE term IN (SELECT unnest(?::TEXT[]));

-- name: linked_count
SELECT count(*) FROM link_documents;

-- name: next_arrival
SELECT coalesce(max(arrival) + 1, 0) FROM link_documents;

-- name: last_ids
SELECT kind, last FROM link_ids;

-- name: save_last_id
INSERT INTO link_ids VALUES (?, ?)
ON CONFLICT (kind) DO UPDATE SET last = greatest(link_ids.last, excluded.last);

-- name: reset_last_ids
-- After a rewind: the highest story and claim numbers the linked documents
-- still hold (the numbers after them are handed out again, in order).
DELETE FROM link_ids;
INSERT INTO link_ids
SELECT 'story', coalesce(max(CAST(substr(story, 2) AS INTEGER)), 0) FROM link_documents
UNION ALL
SELECT 'claim', coalesce(max(CAST(substr(claim, 2) AS INTEGER)), 0) FROM link_statements;

-- name: insert_documents
-- One list per column of link_documents, one item per new document.
INSERT INTO link_documents (id, sha256, day, arrival, signature, terms, title, published,
                            story, keys)
SELECT unnest(?::TEXT[]), unnest(?::TEXT[]), unnest(?::INTEGER[]), unnest(?::BIGINT[]),
       unnest(?::UBIGINT[][]), unnest(?::JSON[]), unnest(?::TEXT[]), unnest(?::TEXT[]),
       unnest(?::TEXT[]), unnest(?::JSON[]);

-- name: insert_bands
-- Parameters: band keys, and the document of each.
INSERT INTO link_bands SELECT unnest(?::BIGINT[]), unnest(?::TEXT[]);

-- name: count_terms
-- Parameters: terms, and how many new documents hold each.
INSERT INTO link_terms SELECT unnest(?::TEXT[]), unnest(?::INTEGER[])
ON CONFLICT (term) DO UPDATE SET df = link_terms.df + excluded.df;

-- name: insert_statements
-- One list per column of link_statements, one item per new statement.
INSERT INTO link_statements
SELECT unnest(?::TEXT[]), unnest(?::TEXT[]), unnest(?::INTEGER[]), unnest(?::TEXT[]),
       unnest(?::TEXT[]), unnest(?::JSON[]), unnest(?::INTEGER[]), unnest(?::TEXT[]),
       unnest(?::TEXT[]), unnest(?::TEXT[]), unnest(?::JSON[]), unnest(?::TEXT[]),
       unnest(?::BOOLEAN[]), unnest(?::JSON[]), unnest(?::INTEGER[]), unnest(?::INTEGER[]),
       unnest(?::TEXT[]), unnest(?::TEXT[]), unnest(?::TEXT[]), unnest(?::BOOLEAN[]),
       unnest(?::TEXT[]), unnest(?::JSON[]);

-- name: insert_answers
-- Parameters: answered claims, and the document and member of each denial.
INSERT INTO link_answers SELECT unnest(?::TEXT[]), unnest(?::TEXT[]), unnest(?::TEXT[]);

-- name: set_links
-- The new documents' links in the documents table.
-- Parameters: ids, and the duplicate_of and story of each.
UPDATE documents SET duplicate_of = new.duplicate_of, story = new.story
FROM (SELECT unnest(?::TEXT[]) AS id, unnest(?::TEXT[]) AS duplicate_of,
             unnest(?::TEXT[]) AS story) AS new
WHERE documents.id = new.id;

-- name: repoint_copies
-- An older copy arrived: the document and its copies point at it.
-- Parameters: new original, document, document.
UPDATE documents SET duplicate_of = ? WHERE id = ? OR duplicate_of = ?;

-- name: delete_story
DELETE FROM stories WHERE story = ?;

-- name: insert_story
-- A story's row from its linked documents: label = the earliest title.
-- Parameters: story, story.
INSERT INTO stories
SELECT ?,
       first(title ORDER BY published NULLS LAST, id) FILTER (WHERE title IS NOT NULL),
       to_json(list(id ORDER BY published NULLS LAST, id))
FROM link_documents WHERE story = ? HAVING count(*) > 0;

-- name: delete_claims
DELETE FROM claims WHERE claim IN (SELECT unnest(?::TEXT[]));

-- name: insert_claims
-- One list per column, one item per claim.
INSERT INTO claims (claim, story, text, members, statements, sources, origins, outlets,
                    contested, contested_by, laundered, laundered_in, first_seen,
                    last_seen, articles)
SELECT unnest(?::TEXT[]), unnest(?::TEXT[]), unnest(?::TEXT[]), unnest(?::JSON[]),
       unnest(?::INTEGER[]), unnest(?::JSON[]), unnest(?::INTEGER[]), unnest(?::INTEGER[]),
       unnest(?::BOOLEAN[]), unnest(?::JSON[]), unnest(?::BOOLEAN[]), unnest(?::JSON[]),
       unnest(?::TEXT[]), unnest(?::TEXT[]), unnest(?::INTEGER[]);

-- name: clear_failure
-- A batch that links now: forget its earlier failure. Parameter: quarantine source.
DELETE FROM quarantine WHERE source = ?;
