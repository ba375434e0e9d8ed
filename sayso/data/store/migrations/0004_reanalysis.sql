-- sayso corpus store, migration 4: pending `sayso ingest --reanalyze` runs,
-- so that one interrupted (Ctrl-C, kill -9) resumes instead of starting over.
-- Written and read only by sayso/store/reanalysis.py.

-- One row per re-analysis started and not yet finished: a run over the same
-- paths resumes it; the run that finishes it deletes it and its documents.
CREATE TABLE reanalysis_requests (
    id        INTEGER PRIMARY KEY,
    paths     TEXT NOT NULL UNIQUE,     -- JSON: the sorted absolute input paths
    analysis  TEXT NOT NULL,            -- analyser fingerprint and data digest
    started   TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- The documents a pending request has re-analysed, each written in the same
-- transaction as the document's new records.
CREATE TABLE reanalysed_documents (
    request   INTEGER NOT NULL,
    document  TEXT NOT NULL,
    PRIMARY KEY (request, document)
);
