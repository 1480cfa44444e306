-- DuckDB views over the dump-level tables (src/dump/), applied by scripts/make_duckdb.py when
-- the output folder has them (extract writes them unless --no-dump; `newsframe resolve OUT`
-- builds them). Same {table} placeholders as views.sql.

CREATE OR REPLACE VIEW entity_catalog AS SELECT * FROM {entity_catalog};
CREATE OR REPLACE VIEW entity_links AS SELECT * FROM {entity_links};
CREATE OR REPLACE VIEW quotations AS SELECT * FROM {quotations};
CREATE OR REPLACE VIEW quote_links AS SELECT * FROM {quote_links};

-- Each entities row's catalog entry: its article's own link where entity_links has one
-- (article_id set: a bare surname linked in that article), else its entity id's.
CREATE OR REPLACE VIEW entity_rows_resolved AS
SELECT e.article_id, e.entity_id,
       coalesce(r.canonical_id, d.canonical_id) AS canonical_id,
       coalesce(r.link, d.link) AS link
FROM entities e
LEFT JOIN entity_links r ON r.article_id = e.article_id AND r.entity_id = e.entity_id
LEFT JOIN entity_links d ON d.article_id IS NULL AND d.entity_id = e.entity_id;

-- Entities with their dump-level identity: canonical_id and the type the whole dump gives.
CREATE OR REPLACE VIEW entities_resolved AS
SELECT e.*, l.canonical_id, c.name AS canonical_name, c.type AS resolved_type, l.link
FROM entities e
JOIN entity_rows_resolved l ON l.article_id = e.article_id AND l.entity_id = e.entity_id
JOIN entity_catalog c ON c.canonical_id = l.canonical_id;

-- Quotes with the speaker's catalog entry; attribution 'dump' where the quote had no speaker
-- and the quotation's other occurrences name one (quote_links holds those quotes only).
CREATE OR REPLACE VIEW quotes_resolved AS
SELECT q.* EXCLUDE (attribution),
       coalesce(ql.speaker_canonical_id, l.canonical_id) AS speaker_canonical_id,
       c.name AS speaker_canonical_name,
       coalesce(ql.attribution, q.attribution) AS attribution
FROM quotes q
LEFT JOIN entity_rows_resolved l ON l.article_id = q.article_id AND l.entity_id = q.speaker_entity_id
LEFT JOIN quote_links ql ON ql.article_id = q.article_id AND ql.quote_id = q.quote_id
LEFT JOIN entity_catalog c ON c.canonical_id = coalesce(ql.speaker_canonical_id, l.canonical_id);

-- Sources with their entity's catalog entry.
CREATE OR REPLACE VIEW sources_resolved AS
SELECT s.*, l.canonical_id, c.name AS canonical_name, c.type AS resolved_type
FROM sources s
LEFT JOIN entity_rows_resolved l ON l.article_id = s.article_id AND l.entity_id = s.entity_id
LEFT JOIN entity_catalog c ON c.canonical_id = l.canonical_id;

-- Who gets quoted most, one row per catalog entry (bare surnames linked to the full name),
-- duplicate articles left out.
CREATE OR REPLACE VIEW speakers AS
SELECT c.canonical_id, c.name, c.type, c.aliases,
       count(*) AS quotes,
       count(*) FILTER (WHERE q.quote_type = 'direct') AS direct_quotes,
       count(DISTINCT q.article_id) AS articles,
       count(DISTINCT a.outlet) AS outlets,
       min(a.published) AS first_quoted, max(a.published) AS last_quoted
FROM quotes_resolved q
JOIN articles a ON a.article_id = q.article_id
JOIN entity_catalog c ON c.canonical_id = q.speaker_canonical_id
WHERE a.duplicate_of IS NULL AND q.speaker_kind <> 'author'
GROUP BY c.canonical_id, c.name, c.type, c.aliases
ORDER BY quotes DESC, c.name;

-- Unique quotations, most repeated first.
CREATE OR REPLACE VIEW quotations_ranked AS
SELECT * FROM quotations ORDER BY n_articles DESC, n_outlets DESC, first_seen;
