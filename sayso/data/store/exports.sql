-- Flat rows of the CSV and GDELT-shaped exports (sayso/store/flat.py), from the
-- per-document tables. One row per record, one column per value; a statement's
-- channels are one readable chain ("interview: Al-Marsad → translation: ...").
-- Sections start with "-- name: NAME"; the column names are the export's fields.

-- name: attributions
SELECT q.document, q.id, q.form, q.source_text, a.name AS source_actor, q.source_kind,
       q.cue_text AS cue, q.cue_lemma, q.content_text AS content, q.stance, q.hedged,
       (SELECT string_agg(c.role || ': ' || c.text, ' → ' ORDER BY c.hop)
          FROM channels c WHERE c.document = q.document AND c.attribution = q.id) AS via,
       q.parent, q.source_start, q.source_end, q.cue_start, q.cue_end,
       (q.content_spans->0->>0)::INTEGER AS content_start,
       (q.content_spans->-1->>1)::INTEGER AS content_end
FROM attributions q
LEFT JOIN actors a ON a.document = q.document AND a.id = q.source_actor
ORDER BY q.document, length(q.id), q.id;

-- name: events
SELECT e.document, e.id, e.type, e.mode, e.cameo, e.trigger_text AS trigger,
       e.actor_text, aa.name AS actor_name, aa.codes->>'cameo' AS actor_code,
       e.target_text, ta.name AS target_name, ta.codes->>'cameo' AS target_code,
       e.modality, e.attribution, coalesce(sa.name, q.source_text) AS attribution_source,
       e.trigger_start, e.trigger_end, e.sentence_start, e.sentence_end
FROM events e
LEFT JOIN actors aa ON aa.document = e.document AND aa.id = e.actor_actor
LEFT JOIN actors ta ON ta.document = e.document AND ta.id = e.target_actor
LEFT JOIN attributions q ON q.document = e.document AND q.id = e.attribution
LEFT JOIN actors sa ON sa.document = q.document AND sa.id = q.source_actor
ORDER BY e.document, length(e.id), e.id;

-- name: gdelt-events
-- GDELT 2.0 event-table column names where one fits; PLOVER and sayso's own
-- values after them. SQLDATE is YYYYMMDD (NULL for undated documents).
SELECT e.document || ':' || e.id AS GlobalEventID,
       CASE WHEN regexp_full_match(substr(d.published, 1, 10), '\d{4}-\d{2}-\d{2}')
            THEN replace(substr(d.published, 1, 10), '-', '')::INTEGER END AS SQLDATE,
       coalesce(aa.name, e.actor_text) AS Actor1Name, aa.codes->>'cameo' AS Actor1Code,
       coalesce(ta.name, e.target_text) AS Actor2Name, ta.codes->>'cameo' AS Actor2Code,
       e.cameo AS EventCode, substr(e.cameo, 1, 3) AS EventBaseCode,
       substr(e.cameo, 1, 2) AS EventRootCode,
       e.type AS PloverType, e.mode AS PloverMode, e.modality AS Modality,
       coalesce(sa.name, q.source_text) AS AttributionSource, e.trigger_text AS Trigger,
       e.document AS DocumentID, d.url AS SOURCEURL, d.outlet AS Outlet
FROM events e JOIN documents d ON d.id = e.document
LEFT JOIN actors aa ON aa.document = e.document AND aa.id = e.actor_actor
LEFT JOIN actors ta ON ta.document = e.document AND ta.id = e.target_actor
LEFT JOIN attributions q ON q.document = e.document AND q.id = e.attribution
LEFT JOIN actors sa ON sa.document = q.document AND sa.id = q.source_actor
ORDER BY e.document, length(e.id), e.id;
