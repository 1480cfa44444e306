//! The output schema, the one source of truth for it: every table's columns, types and
//! meanings. `newsframe schema` prints it as text, JSON or Markdown, and the Markdown is the
//! committed contract `docs/schema.md` (a test below fails when the two differ). The frame
//! builders in `frames.rs` are tested against these columns. Schema v1 was
//! `../shared/design/schema.md`; v2 adds `quotes.rule` and `entity_mentions.rule`.

pub const SCHEMA_VERSION: u32 = 2;

/// One column: its name, its Arrow/Parquet type (a trailing `?` marks it nullable) and what
/// it holds.
pub struct Column {
    pub name: &'static str,
    pub ty: &'static str,
    pub meaning: &'static str,
}

impl Column {
    pub fn nullable(&self) -> bool {
        self.ty.ends_with('?')
    }

    /// The type without the nullability mark.
    pub fn base_type(&self) -> &'static str {
        self.ty.strip_suffix('?').unwrap_or(self.ty)
    }
}

const fn col(name: &'static str, ty: &'static str, meaning: &'static str) -> Column {
    Column { name, ty, meaning }
}

pub struct TableSpec {
    pub name: &'static str,
    pub about: &'static str,
    pub columns: &'static [Column],
}

/// What every table shares, said once: before the tables in the text and the Markdown.
const INTRO: &[&str] = &[
    "Column names and meanings are fixed. Adding a column is fine (it is documented here); \
     renaming, retyping or removing one, or changing the values a column takes, is a schema \
     version bump, recorded in manifest.json's `schema_version` (v2 added `quotes.rule` and \
     `entity_mentions.rule`). Types are Arrow/Parquet logical types; a nullable column is null \
     only where its meaning says so.",
    "Offsets (`start`, `end`, `first_start`, `*_start`, `*_end`) are Unicode code points \
     (Python `str` indices) into the article's text exactly as it was given in the input, end \
     exclusive, so `text[start:end]` gives back the span even where newsframe normalized the \
     text internally. For HTML and WARC input that text is the body newsframe extracted, which \
     the `texts` table holds.",
    "Ids are stable: the same input gives the same ids in every run. An id newsframe makes is \
     16 lowercase hex digits, the 64-bit xxh3 hash of its parts joined by U+001F (`stable_id` in \
     src/lib.rs): `quote_id` of (article_id, start, end), `entity_id` of (type, name), \
     `source_id` of (article_id, kind, name), `canonical_id` of (\"entity\", name key). \
     `article_id` is the input's own id when it has one.",
    "CSV output has the same columns: list columns are written as JSON arrays \
     (`[\"Kirby\",\"John Kirby\"]`), timestamps as UTC ISO-8601 with a trailing `Z` \
     (`2022-05-26T14:43:13Z`, with fractional seconds only when there are some), nulls as empty \
     fields.",
];

/// What the dump-level tables share.
const DUMP_INTRO: &str = "At its end `extract` reads the finished tables back and writes four \
     more that only the whole dump knows (`src/dump/`; `--no-dump` skips the step, `newsframe \
     resolve OUT` builds them again over every run of an `--incremental` dataset). Articles \
     marked as copies (`duplicate_of` set) add nothing to their counts.";

const MANIFEST: &str = "One per run, written last: a run's outputs become visible only when \
     complete. It holds run_id, started_at, finished_at, newsframe_version, schema_version, \
     command_line and options; per input its path, bytes, records_read, articles_written, \
     records_rejected, records_skipped and skipped_by_kind (records_read = articles_written + \
     records_rejected + records_skipped; skips are WARC records that hold no article, counted by \
     kind); skipped_inputs (inputs an `--incremental` run had already processed); per table its \
     files and rows; totals, wall_seconds and throughput; and `dump`: the dump step's tables \
     with their rows, linked_surnames and seconds.";

pub const TABLES: &[TableSpec] = &[
    TableSpec {
        name: "articles",
        about: "One row per input article that was processed.",
        columns: &[
            col(
                "article_id",
                "string",
                "The input's id (the id, article_id, _id or uuid field; the path for plain-text and \
                 HTML files; the WARC-Record-ID without `urn:uuid:` for WARC records); when it has \
                 none, `stable_id(\"url\", url)`, else `stable_id(\"pos\", source_file, record_no)`.",
            ),
            col(
                "source_file",
                "string",
                "The input file the record came from, as given or found walking a folder; `<stdin>` \
                 for standard input.",
            ),
            col(
                "record_no",
                "uint64",
                "0-based number of the record inside source_file (line, CSV row, array element, \
                 Parquet row, WARC record; 0 for a file that is one article).",
            ),
            col(
                "outlet",
                "string?",
                "One canonical name per publisher: the `data/lexicon/outlets.tsv` name of the URL's \
                 domain (or a parent domain) or of the outlet the input gives, so \"The Guardian\", \
                 \"Guardian\" and \"www.theguardian.com\" are one outlet. An outlet not in the table \
                 keeps the input's value (its domain when the value is a domain), else the URL's \
                 domain; null when there is neither.",
            ),
            col(
                "outlet_domain",
                "string?",
                "The URL's domain, lowercased, without `www.` and port; else the outlet's when the \
                 input gives the outlet as a domain; null when neither is known.",
            ),
            col(
                "outlet_raw",
                "string?",
                "The outlet exactly as the input gives it (source, outlet, source_domain, publication, \
                 meta_site_name, sitename, hostname, ... field; the site name of an HTML page); null \
                 when absent.",
            ),
            col(
                "url",
                "string?",
                "The article's URL as given (url, canonical_link, link, or a URL in source; a WARC \
                 record's WARC-Target-URI, else the page's own metadata); null when absent.",
            ),
            col(
                "published",
                "timestamp(us, UTC)?",
                "Publication time, parsed from ISO-8601 (no zone means UTC), RFC 2822, \
                 `YYYY-MM-DD HH:MM:SS`, `YYYY/MM/DD`, `YYYYMMDD` and dates such as `3 March 2022` or \
                 `March 3, 2022` (midnight when only a date is given); for HTML from JSON-LD, \
                 OpenGraph, meta or time elements, for WARC falling back to WARC-Date. Null when \
                 absent, empty, `None`/`null` or unparseable.",
            ),
            col(
                "title",
                "string?",
                "The title as given, or from the page's metadata for HTML and WARC; null when absent.",
            ),
            col(
                "byline",
                "string?",
                "The authors as the input gives them (byline, authors, author field, or the page's \
                 metadata), else the names of a \"By Jane Doe\" line among the text's first three \
                 lines; null when there is none.",
            ),
            col(
                "wire_agency",
                "string?",
                "The wire service credited in the dateline (\"SEOUL (Yonhap) --\"), in parentheses \
                 near the start, in a closing credit or \"Reporting by\" line, in the byline or as \
                 the outlet, by its canonical name: the first column of \
                 `data/lexicon/wire_agencies.tsv` (`AP`, `Reuters`, `AFP`, `Yonhap`, `Xinhua`, ...); \
                 null when none is credited.",
            ),
            col(
                "dateline",
                "string?",
                "The opening dateline's place, with its date when it has one (\"WASHINGTON\", \
                 \"SEOUL, Oct. 3\"); null when the text opens with none.",
            ),
            col(
                "language",
                "string?",
                "The language the page declares (html lang, Content-Language, og:locale, JSON-LD), as \
                 written (\"en\", \"en-GB\"); HTML and WARC input only, null otherwise or when the \
                 page declares none.",
            ),
            col("n_chars", "uint32", "Unicode code points in the text as given."),
            col(
                "n_words",
                "uint32",
                "Words (runs between whitespace) in the text as given.",
            ),
            col(
                "n_paragraphs",
                "uint32",
                "Paragraphs: blocks between blank lines, or single lines in a text with no blank line.",
            ),
            col(
                "n_duplicate_paragraphs",
                "uint32",
                "Paragraphs whose words repeat an earlier paragraph of the same article (spacing \
                 ignored, case kept).",
            ),
            col("n_quotes", "uint32", "The article's rows in `quotes`."),
            col("n_entities", "uint32", "The article's rows in `entities`."),
            col("n_sources", "uint32", "The article's rows in `sources`."),
            col(
                "content_hash",
                "string",
                "32 hex digits: the 128-bit xxh3 hash of the normalized text's words, lowercased and \
                 joined by single spaces; equal hashes mean the same article whatever its case and \
                 spacing.",
            ),
            col(
                "duplicate_of",
                "string?",
                "The article_id of the first article with the same content_hash, in this run or (with \
                 `--incremental`) an earlier run of the dataset; null for the first one.",
            ),
        ],
    },
    TableSpec {
        name: "quotes",
        about: "One row per quotation: a quoted span (direct), reported speech (indirect), or \
                reported speech holding quoted words (mixed), with its speaker and cue.",
        columns: &[
            col("quote_id", "string", "`stable_id(article_id, start, end)`."),
            col("article_id", "string", "The article, as in `articles`."),
            col(
                "quote_type",
                "string",
                "`direct` (inside quotation marks), `indirect` (reported speech: \"X said that ...\") \
                 or `mixed` (reported speech that holds a quoted fragment).",
            ),
            col(
                "text",
                "string",
                "The quotation's content as written, without enclosing quotation marks.",
            ),
            col(
                "start",
                "uint32",
                "Start of the quotation's span; a direct quote's span includes its quotation marks.",
            ),
            col("end", "uint32", "End of the quotation's span (exclusive)."),
            col(
                "paragraph_index",
                "uint32",
                "0-based paragraph (as counted in `articles.n_paragraphs`) that holds `start`.",
            ),
            col(
                "speaker",
                "string?",
                "The speaker mention as written (\"Kirby\", \"he\", \"a senior official\"); null when \
                 no speaker was found.",
            ),
            col(
                "speaker_start",
                "uint32?",
                "Start of the speaker mention; null when speaker is.",
            ),
            col(
                "speaker_end",
                "uint32?",
                "End of the speaker mention; null when speaker is.",
            ),
            col(
                "speaker_name",
                "string?",
                "Who the speaker is: the canonical name of a person, organization or outlet (\"John \
                 Kirby\" for \"he\" or \"Kirby\"), the description of an anonymous source (\"senior \
                 State Department official\"), or for `author` the byline's names; null when there \
                 is no speaker or it could not be resolved.",
            ),
            col(
                "speaker_title",
                "string?",
                "The role or title found with the speaker (\"State Department spokesman\"); null when \
                 there is none.",
            ),
            col(
                "speaker_entity_id",
                "string?",
                "The speaker's `entity_id` in `entities`; null when there is no speaker or it is \
                 none of the article's entities.",
            ),
            col(
                "speaker_kind",
                "string",
                "`person`, `organization`, `media` (an outlet or wire agency), `anonymous`, `author` \
                 (the writer's own voice, \"I think\", \"we believe\" outside quotation marks: filter \
                 `speaker_kind <> 'author'` to count only the people an article quotes) or `unknown` \
                 (no speaker, or one that could not be classified).",
            ),
            col(
                "cue",
                "string?",
                "The cue as written: a verb or phrase (\"said\", \"told reporters\", \"according to\"), \
                 or the colon or dash of a colon or dash credit; null when there is none.",
            ),
            col("cue_start", "uint32?", "Start of the cue; null when cue is."),
            col("cue_end", "uint32?", "End of the cue; null when cue is."),
            col(
                "attribution",
                "string",
                "How the speaker was found: `explicit` (named or described at the cue), `pronoun` (the \
                 speaker mention is a pronoun), `context` (the quote has no credit of its own and \
                 continues a nearby quote's speaker or the last person named) or `none` (no speaker).",
            ),
            col(
                "rule",
                "string",
                "The rule that made the row, `direct.*`, `mixed.*` or `reported.*` (a `reported.*` \
                 rule gives indirect or mixed rows): `direct.trailing_cue` for `\"...,\" she said`, \
                 `reported.according_to` for \"According to X, ...\", `reported.cue_clause` for \"X said \
                 that ...\", `direct.uncredited` for a quotation no rule credits. Every rule, what it \
                 matches and an example are in `data/rules/quotes.jsonl` (a test keeps it equal to the \
                 code's).",
            ),
            col(
                "confidence",
                "float32",
                "The probability (0 to 1) that the row is a real attribution with the right speaker, \
                 calibrated on PolNeAR train by quote_type, rule, attribution and the rules' score \
                 (`data/models/quote_confidence.tsv`).",
            ),
            col(
                "in_duplicate_paragraph",
                "bool",
                "The quote's paragraph repeats an earlier paragraph of the same article.",
            ),
            col(
                "quote_hash",
                "string",
                "16 hex digits: the 64-bit xxh3 hash of `text`'s words, lowercased and joined by single \
                 spaces, so the same quotation has the same hash in every article (see `quotations`).",
            ),
        ],
    },
    TableSpec {
        name: "entities",
        about: "One row per distinct named entity per article: its mentions merged, so \"John \
                Kirby\", \"Kirby\" and \"Mr. Kirby\" are one entity.",
        columns: &[
            col(
                "entity_id",
                "string",
                "`stable_id(type, name)`: the same entity has the same id in every article and run.",
            ),
            col("article_id", "string", "The article, as in `articles`."),
            col(
                "name",
                "string",
                "The canonical name: a person's fullest name in the article (\"John Kirby\" for \
                 \"Kirby\"), the alias table's name (`data/lexicon/entity_aliases.tsv`: \"United \
                 States\" for \"US\", \"U.S.\", \"America\"), else the mention as written.",
            ),
            col(
                "type",
                "string",
                "`PERSON`, `ORG`, `GPE` (countries, states, cities), `LOC` (other places), `NORP` \
                 (nationalities, religious and political groups) or `MISC` (any other name).",
            ),
            col(
                "mentions",
                "uint32",
                "The entity's mentions in the article (its rows in `entity_mentions`; pronouns are not \
                 mentions).",
            ),
            col("first_start", "uint32", "Start of the entity's first mention."),
            col(
                "aliases",
                "list<string>",
                "The distinct forms its mentions take, as written, in order of appearance (\"John \
                 Kirby\", \"Kirby\").",
            ),
            col(
                "is_speaker",
                "bool",
                "The speaker of at least one of the article's quotes (`n_quotes` > 0).",
            ),
            col(
                "n_quotes",
                "uint32",
                "The article's quotes whose `speaker_entity_id` is this entity.",
            ),
        ],
    },
    TableSpec {
        name: "entity_mentions",
        about: "One row per entity mention, with its offsets.",
        columns: &[
            col("article_id", "string", "The article, as in `articles`."),
            col(
                "entity_id",
                "string",
                "The entity in `entities` the mention belongs to.",
            ),
            col("start", "uint32", "Start of the mention."),
            col("end", "uint32", "End of the mention (exclusive)."),
            col("text", "string", "The mention as written."),
            col(
                "type",
                "string",
                "The entity's type, as in `entities` (the same for every mention of an entity).",
            ),
            col(
                "rule",
                "string",
                "What last set the mention's span or type: `model` (the statistical tagger's span, \
                 unchanged), `rule_tagger` (with `--entity-tagger rules`), a post-rule \
                 (`honorific_name`, `known_name`, `title_not_name`, `lexicon_type`, `work_title` (a \
                 work's title, MISC), `platform` (a platform as the medium, MISC), \
                 `one_type_per_name`; `src/extract/entities/post_rules.rs`), `surname_of_person` (a \
                 word typed otherwise that joined the article's person whose name ends in it), \
                 `acronym` (an acronym that joined the organization whose name it spells, \
                 \"ONR\" for \"Office for Nuclear Regulation\"), or `short_form` (an \
                 organization's distinctive words alone that joined its full name named before: \
                 \"GateHouse\" for \"GateHouse Media\", \"Mavericks\" for \"Dallas Mavericks\").",
            ),
        ],
    },
    TableSpec {
        name: "sources",
        about: "One row per distinct source an article relies on: each distinct (kind, name) among its \
                quotes' resolved speakers of kind person, organization, media and anonymous (the \
                writer's own voice and unresolved speakers are not sources).",
        columns: &[
            col("source_id", "string", "`stable_id(article_id, kind, name)`."),
            col("article_id", "string", "The article, as in `articles`."),
            col(
                "name",
                "string",
                "The canonical name, or the description of an anonymous source (\"senior State \
                 Department official\"), as in `quotes.speaker_name`.",
            ),
            col("kind", "string", "`person`, `organization`, `media` or `anonymous`."),
            col(
                "title",
                "string?",
                "The role, split from the speaker's title (\"spokesman\" of \"State Department \
                 spokesman\"); null when none was found.",
            ),
            col(
                "affiliation",
                "string?",
                "The organization the source speaks for, when stated (\"State Department\"); null \
                 otherwise.",
            ),
            col(
                "entity_id",
                "string?",
                "The source's entity in `entities`; null when it is none of the article's entities \
                 (anonymous sources, names the tagger missed).",
            ),
            col("n_direct", "uint32", "Direct quotes attributed to the source."),
            col(
                "n_indirect",
                "uint32",
                "Indirect and mixed quotes attributed to the source.",
            ),
            col(
                "gender",
                "string?",
                "For `person` sources `female`, `male` or `unknown`, from evidence in the article; \
                 null for other kinds.",
            ),
            col(
                "gender_evidence",
                "string?",
                "What decided gender: `honorific` (\"Ms. Roe\"), `pronoun` (\"she said\") or \
                 `first_name` (the first-name lists in `data/gazetteers/`); null when gender is \
                 `unknown` or null.",
            ),
            col(
                "first_start",
                "uint32",
                "Start of the first speaker mention attributed to the source.",
            ),
        ],
    },
    TableSpec {
        name: "texts",
        about: "The text that offsets refer to: always written for HTML and WARC input (the extracted \
                body), for other input only with `--with-text` (it is the input's own text).",
        columns: &[
            col("article_id", "string", "The article, as in `articles`."),
            col(
                "text",
                "string",
                "The article text every offset of the article indexes into; for HTML and WARC the body \
                 newsframe extracted, paragraphs separated by blank lines.",
            ),
        ],
    },
    TableSpec {
        name: "rejects",
        about: "One row per input record that could not be processed; the run goes on without it.",
        columns: &[
            col("source_file", "string", "The input file, as in `articles.source_file`."),
            col(
                "record_no",
                "uint64",
                "0-based number of the record inside source_file, as in `articles.record_no` (0 for \
                 an error about the whole file).",
            ),
            col(
                "byte_offset",
                "uint64?",
                "Where the record starts in the decompressed file; null when the format gives records \
                 no byte position (Parquet rows, JSON array elements) or the error is about the whole \
                 input.",
            ),
            col(
                "reason",
                "string",
                "Why, specifically (\"invalid JSON at column 17: EOF while parsing a string\", \
                 \"invalid UTF-8 at byte 12 of the record\", \"no text field (looked for text, \
                 maintext, content, article, body)\", \"empty text (field 'text')\", \"CSV row has 3 \
                 fields, the header has 5\", \"record over the size limit of 5242880 bytes\"); the \
                 words before the first `:` or ` at ` are the kind the run's summary counts.",
            ),
            col(
                "excerpt",
                "string",
                "The first 200 characters of the raw record, lossily decoded; empty when there is no \
                 record to show.",
            ),
        ],
    },
];

/// The dump-level tables that `extract` writes at its end and `newsframe resolve` rebuilds
/// (`src/dump/`): what only the whole dump knows.
pub const DUMP_TABLES: &[TableSpec] = &[
    TableSpec {
        name: "entity_catalog",
        about: "One row per distinct entity of the dump: the entity rows of one name key, with the \
                short forms and variants `entity_links` links to them.",
        columns: &[
            col(
                "canonical_id",
                "string",
                "`stable_id(\"entity\", name key)`, the name key being the name lowercased without \
                 periods, a leading \"the\" or a trailing \"'s\": the same in every run and dataset.",
            ),
            col(
                "name",
                "string",
                "The form of the entry's own name mentioned most (ties: the longest, then the first in \
                 the alphabet).",
            ),
            col(
                "type",
                "string",
                "The type its rows give most mentions, as in `entities.type`; `MISC` when none \
                 decides.",
            ),
            col(
                "aliases",
                "list<string>",
                "The entry's other names and forms, most mentioned first, at most 20.",
            ),
            col("n_articles", "uint64", "Articles with a row of the entry."),
            col(
                "n_mentions",
                "uint64",
                "Mentions over those rows (`entities.mentions` summed).",
            ),
            col(
                "n_quotes",
                "uint64",
                "Quotes over those rows (`entities.n_quotes` summed).",
            ),
            col(
                "first_seen",
                "timestamp(us, UTC)?",
                "The earliest `published` of those articles; null when none is dated.",
            ),
            col(
                "last_seen",
                "timestamp(us, UTC)?",
                "The latest `published` of those articles; null when none is dated.",
            ),
        ],
    },
    TableSpec {
        name: "entity_links",
        about: "Each entity id's catalog entry (article_id null), and each entities row an article \
                links elsewhere (article_id set). An entities row's entry is its own (article_id, \
                entity_id) row if there is one, else its entity id's: the `entity_rows_resolved` view \
                of `sql/dump_views.sql` does that join.",
        columns: &[
            col(
                "article_id",
                "string?",
                "Null for an entity id's entry everywhere; set for a row linked in that article only.",
            ),
            col("entity_id", "string", "The `entities.entity_id`."),
            col("canonical_id", "string", "The entry in `entity_catalog`."),
            col(
                "link",
                "string",
                "Why. With article_id null: `same_name` (its own name's entry), `initials` (the same \
                 name without middle initials: \"Ivan F. Boesky\") or `prefixed` (words before a \
                 better-attested full name: \"Represenative Clayton Yeutter\"). With article_id set: \
                 `surname` (a bare surname linked to the one full person name that fits the article) \
                 or `kept` (linked so by an earlier resolve of the dataset, though the dump would now \
                 decide otherwise).",
            ),
        ],
    },
    TableSpec {
        name: "quotations",
        about: "One row per unique quotation of the dump (`quote_hash`), with where it appeared and \
                who most likely said it.",
        columns: &[
            col("quote_hash", "string", "As `quotes.quote_hash`."),
            col("text", "string", "The longest text of its occurrences."),
            col(
                "first_seen",
                "timestamp(us, UTC)?",
                "The earliest `published` of the articles it occurs in (copies included); null when \
                 none is dated.",
            ),
            col("n_articles", "uint64", "Articles it occurs in."),
            col("n_outlets", "uint64", "Distinct `articles.outlet` of those articles."),
            col("n_occurrences", "uint64", "Quote rows with this hash."),
            col(
                "speaker",
                "string?",
                "The most probable speaker's name (its catalog name when it has an entry); null when \
                 no occurrence names a person, organization or outlet as speaker.",
            ),
            col(
                "speaker_canonical_id",
                "string?",
                "That speaker's id: its entity row's catalog entry (through `entity_links`), else the \
                 id of its name's key; null when speaker is.",
            ),
            col(
                "speaker_probability",
                "float32?",
                "That speaker's share of the summed confidence of the occurrences that name a speaker \
                 (each counting at least 0.01); null when speaker is.",
            ),
            col(
                "speaker_candidates",
                "list<string>",
                "Every candidate speaker's name, most probable first; empty when there is none.",
            ),
            col(
                "speaker_candidate_probabilities",
                "list<float32>",
                "Each candidate's share, in the order of speaker_candidates; they sum to 1.",
            ),
        ],
    },
    TableSpec {
        name: "quote_links",
        about: "Each quote with no named speaker that takes its quotation's speaker, because that \
                speaker holds at least 0.8 of it (the writer's own voice and anonymous sources never \
                do). Every other quote's speaker resolves through its `speaker_entity_id` and \
                `entity_links`; the `quotes_resolved` view does both.",
        columns: &[
            col("article_id", "string", "The quote's article."),
            col("quote_id", "string", "The quote, as in `quotes`."),
            col(
                "speaker_canonical_id",
                "string",
                "The speaker it takes: its quotation's `speaker_canonical_id`.",
            ),
            col("attribution", "string", "Always `dump`."),
        ],
    },
];

/// Every table with whether it is dump-level, in the order they are documented.
fn all_tables() -> impl Iterator<Item = (&'static TableSpec, bool)> {
    TABLES
        .iter()
        .map(|t| (t, false))
        .chain(DUMP_TABLES.iter().map(|t| (t, true)))
}

/// Greedy word wrap of `text` to `width` characters, each line starting with `indent`.
fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut out = String::new();
    let mut line = String::new();
    let flush = |out: &mut String, line: &mut String| {
        if !line.is_empty() {
            out.push_str(indent);
            out.push_str(line);
            out.push('\n');
            line.clear();
        }
    };
    for word in text.split_whitespace() {
        let len = indent.chars().count() + line.chars().count() + 1 + word.chars().count();
        if !line.is_empty() && len > width {
            flush(&mut out, &mut line);
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    flush(&mut out, &mut line);
    out
}

const WIDTH: usize = 100;

/// How `newsframe schema` prints the schema.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Plain text for the terminal.
    #[default]
    Text,
    /// The whole of docs/schema.md.
    Markdown,
    /// schema_version and every table with its columns' name, type, nullable and meaning.
    Json,
}

/// The schema in `format`.
pub fn render(format: Format) -> String {
    match format {
        Format::Text => describe(),
        Format::Markdown => describe_markdown(),
        Format::Json => describe_json(),
    }
}

/// The schema as text, for `newsframe schema`.
pub fn describe() -> String {
    let mut out =
        format!("newsframe output tables, schema v{SCHEMA_VERSION} (types are Arrow/Parquet; ? = nullable)\n");
    for p in INTRO {
        out.push('\n');
        out.push_str(&wrap(p, WIDTH, ""));
    }
    let table = |out: &mut String, t: &TableSpec| {
        out.push('\n');
        out.push_str(&wrap(&format!("{} — {}", t.name, t.about), WIDTH, ""));
        for c in t.columns {
            out.push_str(&format!("  {:<24} {}\n", c.name, c.ty));
            out.push_str(&wrap(c.meaning, WIDTH, "      "));
        }
    };
    for t in TABLES {
        table(&mut out, t);
    }
    out.push_str("\nThe dump-level tables\n");
    out.push_str(&wrap(DUMP_INTRO, WIDTH, ""));
    for t in DUMP_TABLES {
        table(&mut out, t);
    }
    out.push_str("\nmanifest.json\n");
    out.push_str(&wrap(MANIFEST, WIDTH, ""));
    out
}

/// A Markdown table cell: a `|` would end it.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

/// The whole of `docs/schema.md`.
pub fn describe_markdown() -> String {
    let mut out = format!("# newsframe output tables — schema v{SCHEMA_VERSION}\n\n");
    out.push_str(&wrap(
        "The contract between newsframe and everything downstream (notebooks, dashboards, scorers). \
         Generated from `src/tables/schema.rs` by `newsframe schema --format markdown > \
         docs/schema.md`; do not edit by hand (a test fails when the two differ).",
        WIDTH,
        "",
    ));
    for p in INTRO {
        out.push('\n');
        out.push_str(&wrap(p, WIDTH, ""));
    }
    let table = |out: &mut String, t: &TableSpec| {
        out.push_str(&format!("\n### {}\n\n", t.name));
        out.push_str(&wrap(t.about, WIDTH, ""));
        out.push_str("\n| column | type | nullable | meaning |\n|---|---|---|---|\n");
        for c in t.columns {
            out.push_str(&format!(
                "| `{}` | `{}` | {} | {} |\n",
                c.name,
                c.base_type(),
                if c.nullable() { "yes" } else { "no" },
                cell(c.meaning)
            ));
        }
    };
    out.push_str("\n## Per-article tables\n\nOne file (or dataset folder) per table in `--out`.\n");
    for t in TABLES {
        table(&mut out, t);
    }
    out.push_str("\n## Dump-level tables\n\n");
    out.push_str(&wrap(DUMP_INTRO, WIDTH, ""));
    for t in DUMP_TABLES {
        table(&mut out, t);
    }
    out.push_str("\n## manifest.json\n\n");
    out.push_str(&wrap(MANIFEST, WIDTH, ""));
    out
}

/// The schema as a JSON value: `schema_version` and every table with its columns.
pub fn json() -> serde_json::Value {
    let tables: Vec<serde_json::Value> = all_tables()
        .map(|(t, dump)| {
            let columns: Vec<serde_json::Value> = t
                .columns
                .iter()
                .map(|c| {
                    serde_json::json!({
                        "name": c.name,
                        "type": c.base_type(),
                        "nullable": c.nullable(),
                        "meaning": c.meaning,
                    })
                })
                .collect();
            serde_json::json!({
                "name": t.name,
                "about": t.about,
                "dump_level": dump,
                "columns": columns,
            })
        })
        .collect();
    serde_json::json!({ "schema_version": SCHEMA_VERSION, "tables": tables })
}

/// [`json`], pretty-printed, for `newsframe schema --format json`.
pub fn describe_json() -> String {
    let mut text = serde_json::to_string_pretty(&json()).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docs_schema_md_is_generated_from_this_file() {
        let committed = include_str!("../../docs/schema.md");
        assert!(
            committed == describe_markdown(),
            "docs/schema.md is out of date: regenerate it with \
             `cargo run -q -- schema --format markdown > docs/schema.md`"
        );
    }

    #[test]
    fn every_column_says_what_it_means() {
        for (t, _) in all_tables() {
            assert!(!t.about.trim().is_empty(), "{}", t.name);
            for c in t.columns {
                assert!(!c.meaning.trim().is_empty(), "{}.{}", t.name, c.name);
                // Outside code spans Markdown would take `<...>` for HTML and `|` for a cell
                // break.
                let prose: String = c.meaning.split('`').step_by(2).collect();
                assert!(!prose.contains(['<', '|']), "{}.{}: {}", t.name, c.name, c.meaning);
                assert!(!c.meaning.contains('\n'), "{}.{}", t.name, c.name);
            }
        }
    }

    #[test]
    fn json_lists_every_table_and_column() {
        let v: serde_json::Value = serde_json::from_str(&describe_json()).expect("valid JSON");
        assert_eq!(v["schema_version"], SCHEMA_VERSION);
        let tables = v["tables"].as_array().expect("tables");
        let names: Vec<&str> = tables.iter().filter_map(|t| t["name"].as_str()).collect();
        let expected: Vec<&str> = all_tables().map(|(t, _)| t.name).collect();
        assert_eq!(names, expected);
        let published = &tables[0]["columns"][7];
        assert_eq!(published["name"], "published");
        assert_eq!(published["type"], "timestamp(us, UTC)");
        assert_eq!(published["nullable"], true);
        assert_eq!(
            tables.iter().filter(|t| t["dump_level"] == true).count(),
            DUMP_TABLES.len()
        );
    }
}
