//! The output tables' columns and types, as `newsframe schema` prints them and as
//! `../shared/design/schema.md` (schema v1) defines them; v2 adds `quotes.rule`. The frame
//! builders in `frames.rs` are tested against this list.

pub const SCHEMA_VERSION: u32 = 2;

pub struct TableSpec {
    pub name: &'static str,
    pub about: &'static str,
    pub columns: &'static [(&'static str, &'static str)],
}

pub const TABLES: &[TableSpec] = &[
    TableSpec {
        name: "articles",
        about: "one row per input article that was processed",
        columns: &[
            ("article_id", "string"),
            ("source_file", "string"),
            ("record_no", "uint64"),
            ("outlet", "string?"),
            ("outlet_domain", "string?"),
            ("outlet_raw", "string?"),
            ("url", "string?"),
            ("published", "timestamp(us, UTC)?"),
            ("title", "string?"),
            ("byline", "string?"),
            ("wire_agency", "string?"),
            ("dateline", "string?"),
            ("language", "string?"),
            ("n_chars", "uint32"),
            ("n_words", "uint32"),
            ("n_paragraphs", "uint32"),
            ("n_duplicate_paragraphs", "uint32"),
            ("n_quotes", "uint32"),
            ("n_entities", "uint32"),
            ("n_sources", "uint32"),
            ("content_hash", "string"),
            ("duplicate_of", "string?"),
        ],
    },
    TableSpec {
        name: "quotes",
        about: "one row per quotation (direct, indirect or mixed)",
        columns: &[
            ("quote_id", "string"),
            ("article_id", "string"),
            ("quote_type", "string"),
            ("text", "string"),
            ("start", "uint32"),
            ("end", "uint32"),
            ("paragraph_index", "uint32"),
            ("speaker", "string?"),
            ("speaker_start", "uint32?"),
            ("speaker_end", "uint32?"),
            ("speaker_name", "string?"),
            ("speaker_title", "string?"),
            ("speaker_entity_id", "string?"),
            ("speaker_kind", "string"),
            ("cue", "string?"),
            ("cue_start", "uint32?"),
            ("cue_end", "uint32?"),
            ("attribution", "string"),
            ("rule", "string"),
            ("confidence", "float32"),
            ("in_duplicate_paragraph", "bool"),
            ("quote_hash", "string"),
        ],
    },
    TableSpec {
        name: "entities",
        about: "one row per distinct entity per article",
        columns: &[
            ("entity_id", "string"),
            ("article_id", "string"),
            ("name", "string"),
            ("type", "string"),
            ("mentions", "uint32"),
            ("first_start", "uint32"),
            ("aliases", "list<string>"),
            ("is_speaker", "bool"),
            ("n_quotes", "uint32"),
        ],
    },
    TableSpec {
        name: "entity_mentions",
        about: "one row per entity mention, with offsets",
        columns: &[
            ("article_id", "string"),
            ("entity_id", "string"),
            ("start", "uint32"),
            ("end", "uint32"),
            ("text", "string"),
            ("type", "string"),
            ("rule", "string"),
        ],
    },
    TableSpec {
        name: "sources",
        about: "one row per distinct source an article relies on",
        columns: &[
            ("source_id", "string"),
            ("article_id", "string"),
            ("name", "string"),
            ("kind", "string"),
            ("title", "string?"),
            ("affiliation", "string?"),
            ("entity_id", "string?"),
            ("n_direct", "uint32"),
            ("n_indirect", "uint32"),
            ("gender", "string?"),
            ("gender_evidence", "string?"),
            ("first_start", "uint32"),
        ],
    },
    TableSpec {
        name: "texts",
        about: "the text that offsets refer to: always for HTML and WARC input (the extracted body), for other input with --with-text",
        columns: &[("article_id", "string"), ("text", "string")],
    },
    TableSpec {
        name: "rejects",
        about: "one row per input record that could not be processed",
        columns: &[
            ("source_file", "string"),
            ("record_no", "uint64"),
            ("byte_offset", "uint64?"),
            ("reason", "string"),
            ("excerpt", "string"),
        ],
    },
];

/// The dump-level tables that `extract` writes at its end and `newsframe resolve` rebuilds
/// (`src/dump/`): what only the whole dump knows.
pub const DUMP_TABLES: &[TableSpec] = &[
    TableSpec {
        name: "entity_catalog",
        about: "one row per distinct entity of the dump; duplicate articles not counted",
        columns: &[
            ("canonical_id", "string"),
            ("name", "string"),
            ("type", "string"),
            ("aliases", "list<string>"),
            ("n_articles", "uint64"),
            ("n_mentions", "uint64"),
            ("n_quotes", "uint64"),
            ("first_seen", "timestamp(us, UTC)?"),
            ("last_seen", "timestamp(us, UTC)?"),
        ],
    },
    TableSpec {
        name: "entity_links",
        about: "each entity id's catalog entry (article_id null), and each entities row linked apart from it (article_id set: a bare surname linked in that article); link = same_name, initials, prefixed, surname or kept",
        columns: &[
            ("article_id", "string?"),
            ("entity_id", "string"),
            ("canonical_id", "string"),
            ("link", "string"),
        ],
    },
    TableSpec {
        name: "quotations",
        about: "one row per unique quotation (quote_hash) of the dump; duplicate articles counted once",
        columns: &[
            ("quote_hash", "string"),
            ("text", "string"),
            ("first_seen", "timestamp(us, UTC)?"),
            ("n_articles", "uint64"),
            ("n_outlets", "uint64"),
            ("n_occurrences", "uint64"),
            ("speaker", "string?"),
            ("speaker_canonical_id", "string?"),
            ("speaker_probability", "float32?"),
            ("speaker_candidates", "list<string>"),
            ("speaker_candidate_probabilities", "list<float32>"),
        ],
    },
    TableSpec {
        name: "quote_links",
        about: "each quote with no speaker of its own that takes its quotation's speaker (attribution 'dump'); other quotes' speakers resolve through entity_links",
        columns: &[
            ("article_id", "string"),
            ("quote_id", "string"),
            ("speaker_canonical_id", "string"),
            ("attribution", "string"),
        ],
    },
];

/// The schema as text, for `newsframe schema`.
pub fn describe() -> String {
    let mut out =
        format!("newsframe output tables, schema v{SCHEMA_VERSION} (types are Arrow/Parquet; ? = nullable)\n");
    out.push_str("Offsets (start, end, *_start, *_end) are Unicode code points into the article text as given.\n");
    for t in TABLES.iter().chain(DUMP_TABLES) {
        out.push_str(&format!("\n{} — {}\n", t.name, t.about));
        for (col, ty) in t.columns {
            out.push_str(&format!("  {col:<24} {ty}\n"));
        }
    }
    out.push_str("\nmanifest.json — the run: options, per-input accounting (records_read = articles_written + records_rejected + records_skipped; skips are WARC records with no article, counted by kind), per-table rows, timings; `dump`: the dump step's tables, bare surnames linked and seconds.\n");
    out
}
