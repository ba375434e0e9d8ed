-- sayso corpus store, migration 2: what linking (sayso.link) keeps so that each
-- ingest batch is linked incrementally, without recomputing the corpus.
-- Written and read only by sayso/link/persist.py.

-- Claims: extra fields of the claims export.
ALTER TABLE claims ADD COLUMN laundered BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE claims ADD COLUMN first_seen TEXT;
ALTER TABLE claims ADD COLUMN last_seen TEXT;

-- One row per linked document (its sha256: a changed document is relinked).
CREATE TABLE link_documents (
    id         TEXT PRIMARY KEY,
    sha256     TEXT NOT NULL,
    day        INTEGER,             -- days since 0001-01-01; NULL when undated
    arrival    BIGINT NOT NULL,     -- linking order, breaks ties between copies
    signature  UBIGINT[],           -- MinHash of word shingles; NULL for short texts
    terms      JSON NOT NULL,       -- {"term": count} (title counted twice)
    title      TEXT,
    published  TEXT,
    story      TEXT NOT NULL
);
CREATE INDEX link_documents_day ON link_documents (day);
CREATE INDEX link_documents_story ON link_documents (story);

-- LSH buckets: a document's band keys; documents sharing a key are candidates.
CREATE TABLE link_bands (
    key       BIGINT NOT NULL,
    document  TEXT NOT NULL
);
CREATE INDEX link_bands_key ON link_bands (key);

-- The highest story and claim numbers handed out ("story", "claim").
CREATE TABLE link_ids (
    kind  TEXT PRIMARY KEY,
    last  INTEGER NOT NULL
);

-- Document frequencies of terms over the linked documents.
CREATE TABLE link_terms (
    term  TEXT PRIMARY KEY,
    df    INTEGER NOT NULL
);

-- Claim members: attribution contents and own-voice sentences.
CREATE TABLE link_statements (
    document     TEXT NOT NULL,
    member       TEXT NOT NULL,     -- attribution (q…) or event (e…) id
    claim        TEXT NOT NULL,
    text         TEXT NOT NULL,
    terms        JSON NOT NULL,
    day          INTEGER,
    outlet       TEXT NOT NULL,
    source       TEXT,
    origin       TEXT,
    channels     JSON NOT NULL,
    stance       TEXT NOT NULL,
    own_voice    BOOLEAN NOT NULL,
    event_types  JSON NOT NULL
);
CREATE INDEX link_statements_day ON link_statements (day);
CREATE INDEX link_statements_claim ON link_statements (claim);
