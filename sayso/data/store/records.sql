-- How `documents.records` (JSON) is flattened into the per-document tables.
-- Each statement runs in the transaction that writes the documents rows, on
-- the batch just written: $1 is the list of document ids, $2 the list of
-- their records (JSON text), in the same order. Reading the batch from the
-- parameters rather than from `documents` keeps a write independent of the
-- size of the corpus.
-- Sections start with "-- name: TABLE".

-- name: actors
INSERT INTO actors
SELECT d.id, a->>'id', a->>'name', a->>'kind', a->>'title', a->>'role',
       a->>'affiliation', a->'aliases', a->'codes'
FROM (SELECT unnest($1::TEXT[]) AS id, unnest($2::TEXT[])::JSON AS records) AS d,
     unnest(json_extract(d.records, '$.actors[*]')) AS t(a)
;

-- name: actor_mentions
INSERT INTO actor_mentions
SELECT d.id, a->>'id', (m->>0)::INTEGER, (m->>1)::INTEGER
FROM (SELECT unnest($1::TEXT[]) AS id, unnest($2::TEXT[])::JSON AS records) AS d,
     unnest(json_extract(d.records, '$.actors[*]')) AS t(a),
     unnest(json_extract(a, '$.mentions[*]')) AS u(m)
;

-- name: attributions
INSERT INTO attributions
SELECT d.id, q->>'id', q->>'form',
       q->'source'->>'text', (q->'source'->'span'->>0)::INTEGER,
       (q->'source'->'span'->>1)::INTEGER, q->'source'->>'actor', q->'source'->>'kind',
       q->'cue'->>'text', q->'cue'->>'lemma', (q->'cue'->'span'->>0)::INTEGER,
       (q->'cue'->'span'->>1)::INTEGER,
       q->'content'->>'text', q->'content'->'spans',
       q->>'stance', (q->>'hedged')::BOOLEAN, q->>'parent'
FROM (SELECT unnest($1::TEXT[]) AS id, unnest($2::TEXT[])::JSON AS records) AS d,
     unnest(json_extract(d.records, '$.attributions[*]')) AS t(q)
;

-- name: channels
INSERT INTO channels
SELECT d.id, q->>'id', hop,
       q->'via'->hop->>'actor', q->'via'->hop->>'text',
       (q->'via'->hop->'span'->>0)::INTEGER, (q->'via'->hop->'span'->>1)::INTEGER,
       q->'via'->hop->>'role'
FROM (SELECT unnest($1::TEXT[]) AS id, unnest($2::TEXT[])::JSON AS records) AS d,
     unnest(json_extract(d.records, '$.attributions[*]')) AS t(q),
     range(json_array_length(q->'via')::BIGINT) AS h(hop)
;

-- name: events
INSERT INTO events
SELECT d.id, e->>'id', e->>'type', e->>'mode', e->>'cameo',
       e->'trigger'->>'text', (e->'trigger'->'span'->>0)::INTEGER,
       (e->'trigger'->'span'->>1)::INTEGER,
       e->'actor'->>'actor', e->'actor'->>'text',
       (e->'actor'->'span'->>0)::INTEGER, (e->'actor'->'span'->>1)::INTEGER,
       e->'target'->>'actor', e->'target'->>'text',
       (e->'target'->'span'->>0)::INTEGER, (e->'target'->'span'->>1)::INTEGER,
       (e->'sentence'->>0)::INTEGER, (e->'sentence'->>1)::INTEGER,
       e->>'attribution', e->>'modality'
FROM (SELECT unnest($1::TEXT[]) AS id, unnest($2::TEXT[])::JSON AS records) AS d,
     unnest(json_extract(d.records, '$.events[*]')) AS t(e)
;
