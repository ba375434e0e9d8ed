-- sayso corpus store, migration 1: the records of sayso.analysis/1, one
-- document at a time, plus quarantine and the tables linking fills.
--
-- `documents.records` keeps each document's actors, attributions and events
-- exactly as analysed (JSON), so `Store.get` and the exports are exact; the
-- other per-document tables are the same records flattened for SQL queries,
-- keyed by (document, id). Spans are [start, end) character offsets into
-- documents.text.

CREATE TABLE documents (
    id            TEXT PRIMARY KEY,
    sha256        TEXT NOT NULL,        -- identity: same hash, same document
    title         TEXT,
    outlet        TEXT,
    url           TEXT,
    published     TEXT,
    author        TEXT,
    lang          TEXT NOT NULL,
    text          TEXT NOT NULL,
    boilerplate   JSON NOT NULL,        -- [{"kind", "span"}]
    records       JSON NOT NULL,        -- {"schema", "actors", "attributions", "events"}
    duplicate_of  TEXT,                 -- filled by linking
    story         TEXT,                 -- filled by linking
    ingested      TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE actors (
    document     TEXT NOT NULL,
    id           TEXT NOT NULL,
    name         TEXT NOT NULL,
    kind         TEXT NOT NULL,
    title        TEXT,
    role         TEXT,
    affiliation  TEXT,                  -- an actor id in the same document
    aliases      JSON NOT NULL,
    codes        JSON NOT NULL
);

CREATE TABLE actor_mentions (
    document    TEXT NOT NULL,
    actor       TEXT NOT NULL,
    start_char  INTEGER NOT NULL,
    end_char    INTEGER NOT NULL
);

CREATE TABLE attributions (
    document       TEXT NOT NULL,
    id             TEXT NOT NULL,
    form           TEXT NOT NULL,
    source_text    TEXT,                -- NULL for unsourced attributions
    source_start   INTEGER,
    source_end     INTEGER,
    source_actor   TEXT,
    source_kind    TEXT,
    cue_text       TEXT,
    cue_lemma      TEXT,
    cue_start      INTEGER,
    cue_end        INTEGER,
    content_text   TEXT NOT NULL,
    content_spans  JSON NOT NULL,
    stance         TEXT NOT NULL,
    hedged         BOOLEAN NOT NULL,
    parent         TEXT
);

-- The hops a statement travelled through, from the source outward (hop 0 first).
CREATE TABLE channels (
    document     TEXT NOT NULL,
    attribution  TEXT NOT NULL,
    hop          INTEGER NOT NULL,
    actor        TEXT,
    text         TEXT NOT NULL,
    start_char   INTEGER NOT NULL,
    end_char     INTEGER NOT NULL,
    role         TEXT NOT NULL
);

CREATE TABLE events (
    document        TEXT NOT NULL,
    id              TEXT NOT NULL,
    type            TEXT NOT NULL,
    mode            TEXT,
    cameo           TEXT,
    trigger_text    TEXT NOT NULL,
    trigger_start   INTEGER NOT NULL,
    trigger_end     INTEGER NOT NULL,
    actor_actor     TEXT,
    actor_text      TEXT,
    actor_start     INTEGER,
    actor_end       INTEGER,
    target_actor    TEXT,
    target_text     TEXT,
    target_start    INTEGER,
    target_end      INTEGER,
    sentence_start  INTEGER NOT NULL,
    sentence_end    INTEGER NOT NULL,
    attribution     TEXT,
    modality        TEXT NOT NULL
);

-- Inputs that could not be read or analysed; `source` names the input.
CREATE TABLE quarantine (
    source   TEXT PRIMARY KEY,
    message  TEXT NOT NULL,
    failed_at  TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- Filled by linking, in the shapes of CONTRACT.md "Corpus-level exports".
CREATE TABLE stories (
    story      TEXT PRIMARY KEY,
    label      TEXT,
    documents  JSON NOT NULL            -- ["doc id", ...]
);

CREATE TABLE claims (
    claim      TEXT PRIMARY KEY,
    text       TEXT NOT NULL,
    members    JSON NOT NULL,           -- [["doc id", "attribution id"], ...]
    sources    JSON NOT NULL,           -- ["source name", ...]
    origins    INTEGER NOT NULL,
    outlets    INTEGER NOT NULL,
    contested  BOOLEAN NOT NULL
);
