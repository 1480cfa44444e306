-- DuckDB views over a newsframe output folder, for notebooks and BI dashboards.
-- scripts/make_duckdb.py replaces each {table} with the table's source: 'OUT/quotes.parquet'
-- for a single-file run, or read_parquet('OUT/quotes/**/*.parquet', hive_partitioning = true)
-- for a dataset folder (incremental or partitioned runs).

CREATE OR REPLACE VIEW articles AS SELECT * FROM {articles};
CREATE OR REPLACE VIEW quotes AS SELECT * FROM {quotes};
CREATE OR REPLACE VIEW entities AS SELECT * FROM {entities};
CREATE OR REPLACE VIEW entity_mentions AS SELECT * FROM {entity_mentions};
CREATE OR REPLACE VIEW sources AS SELECT * FROM {sources};
CREATE OR REPLACE VIEW rejects AS SELECT * FROM {rejects};

-- Every quote with the article facts a dashboard filters by.
CREATE OR REPLACE VIEW quotes_enriched AS
SELECT q.quote_id, q.article_id, q.quote_type, q.text, q.speaker, q.speaker_name, q.speaker_title,
       q.speaker_kind, q.speaker_entity_id, q.cue, q.attribution, q.rule, q.confidence,
       q.in_duplicate_paragraph, q.quote_hash,
       a.outlet, a.published, CAST(a.published AS DATE) AS published_date, a.wire_agency, a.title
FROM quotes q JOIN articles a ON a.article_id = q.article_id;

-- Every counting view below counts each article once: articles marked as duplicates
-- (duplicate_of set) are left out.

-- Who gets quoted most, and how (the writers' own voice, speaker_kind 'author', left out).
CREATE OR REPLACE VIEW speaker_leaderboard AS
SELECT q.speaker_name, q.speaker_kind,
       count(*) AS quotes,
       count(*) FILTER (WHERE q.quote_type = 'direct') AS direct_quotes,
       count(DISTINCT q.article_id) AS articles
FROM quotes q JOIN articles a ON a.article_id = q.article_id
WHERE q.speaker_name IS NOT NULL AND q.speaker_kind <> 'author' AND a.duplicate_of IS NULL
GROUP BY q.speaker_name, q.speaker_kind
ORDER BY quotes DESC, speaker_name;

-- Articles, quotes and entities per published day (undated articles left out).
CREATE OR REPLACE VIEW daily_counts AS
SELECT CAST(published AS DATE) AS day,
       count(*) AS articles,
       sum(n_quotes) AS quotes,
       sum(n_entities) AS entities,
       sum(n_sources) AS sources
FROM articles
WHERE published IS NOT NULL AND duplicate_of IS NULL
GROUP BY day
ORDER BY day;

-- How much each outlet relies on unnamed sources.
CREATE OR REPLACE VIEW anonymous_share_by_outlet AS
SELECT coalesce(a.outlet, 'unknown') AS outlet,
       count(*) AS sources,
       count(*) FILTER (WHERE s.kind = 'anonymous') AS anonymous_sources,
       round(count(*) FILTER (WHERE s.kind = 'anonymous') / count(*), 4) AS anonymous_share
FROM sources s JOIN articles a ON a.article_id = s.article_id
WHERE a.duplicate_of IS NULL
GROUP BY outlet
ORDER BY anonymous_share DESC, outlet;

-- Entities named in the same article, each pair both ways round: WHERE entity_a = 'X' finds
-- all of X's partners.
CREATE OR REPLACE VIEW entity_cooccurrence AS
SELECT e1.name AS entity_a, e1.type AS type_a, e2.name AS entity_b, e2.type AS type_b,
       count(DISTINCT e1.article_id) AS articles
FROM entities e1
JOIN entities e2 ON e1.article_id = e2.article_id AND e1.entity_id <> e2.entity_id
JOIN articles a ON a.article_id = e1.article_id
WHERE a.duplicate_of IS NULL
GROUP BY entity_a, type_a, entity_b, type_b
ORDER BY articles DESC, entity_a, entity_b;
