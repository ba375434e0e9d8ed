-- sayso corpus store, migration 5: claims export version 2 (every statement
-- in one claim; story, contested_by, laundered_in, statement spans) and
-- linking in one order whatever the batching (each document's and
-- statement's index keys kept as given when linked). The link tables are
-- emptied, so every document is relinked by the next `sayso link`, `ingest`
-- or command that reads claims.

DELETE FROM claims;
DELETE FROM stories;
DELETE FROM link_bands;
DELETE FROM link_terms;
DELETE FROM link_ids;  -- highest story and claim numbers (reset on rewind)
DROP TABLE link_statements;
DROP INDEX link_documents_day;
DROP INDEX link_documents_story;
DELETE FROM link_documents;
ALTER TABLE link_documents ADD COLUMN keys JSON NOT NULL DEFAULT '[]';
CREATE INDEX link_documents_day ON link_documents (day);
CREATE INDEX link_documents_story ON link_documents (story);
UPDATE documents SET duplicate_of = NULL, story = NULL;

ALTER TABLE claims ADD COLUMN story TEXT;
ALTER TABLE claims ADD COLUMN statements INTEGER NOT NULL DEFAULT 0;
ALTER TABLE claims ADD COLUMN contested_by JSON NOT NULL DEFAULT '[]';
ALTER TABLE claims ADD COLUMN laundered_in JSON NOT NULL DEFAULT '[]';
ALTER TABLE claims ADD COLUMN articles INTEGER NOT NULL DEFAULT 0;  -- for --min-articles

-- Claim members: attribution contents (and their second propositions) and
-- own-voice sentences.
CREATE TABLE link_statements (
    document     TEXT NOT NULL,
    member       TEXT NOT NULL,     -- attribution (q…) or statement (s…) id
    position     INTEGER NOT NULL,  -- its place among its document's statements
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
    event_types  JSON NOT NULL,
    span_start   INTEGER NOT NULL,
    span_end     INTEGER NOT NULL,
    attribution  TEXT,
    story        TEXT,
    published    TEXT,
    allegation   BOOLEAN NOT NULL,
    root         TEXT,
    keys         JSON NOT NULL      -- index terms, as when it was linked
);
CREATE INDEX link_statements_day ON link_statements (day);
CREATE INDEX link_statements_claim ON link_statements (claim);
CREATE INDEX link_statements_document ON link_statements (document);

-- The claims a denial or dispute answers (they are contested by it).
CREATE TABLE link_answers (
    claim     TEXT NOT NULL,
    document  TEXT NOT NULL,
    member    TEXT NOT NULL
);
CREATE INDEX link_answers_claim ON link_answers (claim);
CREATE INDEX link_answers_document ON link_answers (document);
