-- sayso corpus store, migration 3: which analyser produced each document's
-- records, so that `sayso ingest` re-analyses a document whose text has not
-- changed when the analyser has (another sayso version or analysis schema,
-- another spaCy model, other stages such as `--accurate`).

-- The analyser fingerprint (sayso/store/fingerprint.py). NULL for documents
-- stored before this migration: analysed by an unknown analyser.
ALTER TABLE documents ADD COLUMN analyser TEXT;

-- True once the document's records were replaced after it was linked (the
-- same text, re-analysed): the next linking relinks it like a changed text.
-- DuckDB alters no table that has indexes, so they are dropped and rebuilt.
DROP INDEX link_documents_day;
DROP INDEX link_documents_story;
ALTER TABLE link_documents ADD COLUMN stale BOOLEAN NOT NULL DEFAULT false;
CREATE INDEX link_documents_day ON link_documents (day);
CREATE INDEX link_documents_story ON link_documents (story);
