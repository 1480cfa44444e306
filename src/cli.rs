//! Command-line definitions and their help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use newsframe::extract::entities::EntityTagger;
use newsframe::tables::dataset::PartitionBy;
use newsframe::tables::OutputFormat;

#[derive(Parser, Debug)]
#[command(name = "newsframe", version, about = "Turn dumps of news articles into analytics tables: quotes, entities, sources.", long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Extract quotes, entities and sources from article dumps into Parquet or CSV tables.
    ///
    /// Reads JSON Lines, JSON arrays, CSV/TSV, Parquet, plain-text files, trafilatura XML, HTML
    /// pages and WARC archives, optionally gzip/zstd/bzip2-compressed (detected from the bytes).
    /// Directories are walked recursively; `-` reads standard input. With no INPUT, processes
    /// the built-in sample dump.
    ///
    /// Writes articles, quotes, entities, entity_mentions, sources, texts and rejects tables plus
    /// manifest.json into --out, atomically. Exit codes: 0 finished (even with rejected
    /// records), 1 failed, 2 usage error, 75 another run holds --out (retry later).
    #[command(after_help = EXTRACT_EXAMPLES)]
    Extract(ExtractArgs),
    /// Print every output table's columns, types and meanings: the contract docs/schema.md is
    /// `newsframe schema --format markdown`.
    Schema {
        /// `text` for the terminal, `markdown` (docs/schema.md) or `json`.
        #[arg(long, value_enum, default_value_t = newsframe::tables::schema::Format::Text)]
        format: newsframe::tables::schema::Format,
        /// Shorthand for `--format json`.
        #[arg(long, conflicts_with = "format")]
        json: bool,
    },
    /// Build the dump-level tables of an output folder again (entity_catalog, entity_links,
    /// quotations, quote_links), over every run it holds. `extract` runs this step itself at
    /// its end; use this after `extract --no-dump`, or to change --link-window. Ids given by
    /// earlier resolves of a dataset are kept.
    Resolve {
        /// The output folder of `extract`.
        out: PathBuf,
        /// A bare surname links to the one full name in the news within this many months of
        /// the article, either side.
        #[arg(long, default_value_t = 1, value_name = "MONTHS")]
        link_window: i32,
    },
    /// Merge the outputs of the N shards of one `extract --shard K/N` job into one output
    /// folder, as one run over all the inputs would have written it: rows as they are,
    /// `duplicate_of` across shards, and the dump-level tables built over the whole.
    Merge {
        /// The output folder to write (single Parquet files per table).
        #[arg(short, long)]
        out: PathBuf,
        /// The --out folders of every shard, 1/N to N/N, in any order.
        #[arg(required = true, value_name = "SHARD_OUT")]
        shards: Vec<PathBuf>,
        /// Replace the outputs of an earlier run in --out.
        #[arg(long)]
        overwrite: bool,
        /// Skip the dump step; `newsframe resolve OUT` builds it later.
        #[arg(long)]
        no_dump: bool,
        /// As in `extract`.
        #[arg(long, default_value_t = 1, value_name = "MONTHS")]
        link_window: i32,
    },
    /// Measure extraction against your own annotated articles.
    #[command(subcommand)]
    Eval(EvalCommand),
    /// Train a model from annotated data.
    #[command(subcommand)]
    Train(TrainCommand),
}

const EXTRACT_EXAMPLES: &str = "\
Examples:
  newsframe extract --out tables/                       the built-in sample dump
  newsframe extract dumps/2026-11-*.jsonl.gz --out tables/
                                                        files (any format, any compression)
  newsframe extract dumps/ crawl/CC-NEWS-*.warc.gz --out tables/
                                                        folders, walked recursively, and WARC
  zcat dump.jsonl.gz | newsframe extract - --out tables/ --format csv
                                                        standard input, CSV tables
  newsframe extract export.csv --field text=body --field published=pubDate --out tables/
                                                        a CSV export whose columns have other names
  newsframe extract /data/incoming/ --out /data/tables/ --incremental --quiet
                                                        cron: only new or changed inputs each night
  newsframe extract dumps/ --out tables/ --partition-by outlet
                                                        Hive partitions by outlet (or by date)

See every table's columns with `newsframe schema`.";

#[derive(Subcommand, Debug)]
pub enum TrainCommand {
    /// Train the entity tagger (averaged structured perceptron) and write its model.
    ///
    /// --train and --dev are CoNLL-2003 IOB files (a token per line, the tag last,
    /// -DOCSTART- between documents) or JSON Lines ({"id", "text", "entities": [{"start", "end",
    /// "type"}]}, offsets in code points). Prints dev F1 after every epoch and keeps the best
    /// epoch. Rebuild the shipped model with: newsframe train ner --train
    /// ../shared/eval/conll2003/train.jsonl --dev ../shared/eval/conll2003/dev.jsonl --out
    /// data/models/ner.bin
    Ner {
        /// Annotated training documents (CoNLL-2003 IOB or JSON Lines, as above).
        #[arg(long, value_name = "FILE")]
        train: PathBuf,
        /// Annotated development documents, in the same layouts: the epoch that scores best
        /// on them is kept. Never your test set.
        #[arg(long, value_name = "FILE")]
        dev: PathBuf,
        /// Where to write the model (use it with `extract --ner-model FILE`).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Passes over the training data.
        #[arg(long, default_value_t = 15)]
        epochs: usize,
        /// Training runs over differently shuffled data, averaged into the model.
        #[arg(long, default_value_t = 9)]
        runs: usize,
    },
    /// Train the quotes' attribution check (averaged perceptron) and write its weights.
    ///
    /// Every row the quote rules make on the annotated articles is an example, an attribution
    /// when it lies in a gold content (as all@0.3 counts). Each --gold is a file in the layout
    /// of `eval quotes` (PolNeAR JSONL). Rebuild the shipped weights with the command in
    /// data/models/README.md.
    Quotes {
        /// Annotated articles (repeat for several files).
        #[arg(long, required = true)]
        gold: Vec<PathBuf>,
        /// How many times each --gold file's rows count, in the order of the --gold files
        /// (default 1 each): a small set of the news you feed it can outweigh a large one.
        #[arg(long)]
        weight: Vec<usize>,
        #[arg(long)]
        out: PathBuf,
        /// Passes over the examples.
        #[arg(long, default_value_t = 10)]
        epochs: usize,
    },
}

#[derive(Subcommand, Debug)]
pub enum EvalCommand {
    /// Extract quotes from annotated articles and score them: direct@0.8, direct@0.3, all@0.3
    /// (precision, recall, F1), speaker_acc and cue_acc, as ../shared/eval/score_quotes.py does.
    ///
    /// The gold file is JSON Lines, one article a line: {"id", "text", "quotes": [{"start",
    /// "end", "spans"?, "type", "speaker_start", "speaker_end", "cue_start", "cue_end", ...}]},
    /// offsets in code points, a direct quote's span including its quotation marks.
    Quotes {
        /// Annotated articles (PolNeAR JSONL layout).
        #[arg(long)]
        gold: PathBuf,
        /// Print the scores as JSON.
        #[arg(long)]
        json: bool,
        /// Score with the attribution-check weights in this file (written by `train quotes`)
        /// instead of the shipped ones; `none` keeps every row the rules make.
        #[arg(long, value_name = "FILE")]
        quote_model: Option<PathBuf>,
        /// Also list, after the scores, every found quote whose speaker name or kind is wrong:
        /// article, gold name and kind, predicted name and kind, the rule that made the row.
        #[arg(long)]
        names: bool,
    },
    /// Extract sources and credits from short annotated articles and score them: per-kind
    /// precision and recall of sources (person, organization, media, anonymous), accuracy of
    /// title, affiliation and gender, and of wire agency, dateline and byline.
    ///
    /// The gold file is JSON Lines: {"id", "text", "sources": [{"name", "kind", "title"?,
    /// "affiliation"?, "gender"?}], "wire_agency"?, "dateline"?, "byline"?}. Without --gold, the
    /// built-in fixture (data/eval/sources_gold.jsonl) is scored.
    Sources {
        /// Annotated articles; default: the built-in fixture.
        #[arg(long)]
        gold: Option<PathBuf>,
        /// Print the scores as JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args, Debug)]
pub struct ExtractArgs {
    /// Input files or directories; `-` for standard input. Default: the built-in sample dump.
    pub inputs: Vec<String>,
    /// Output directory (created if missing).
    #[arg(short, long, default_value = "newsframe-out")]
    pub out: PathBuf,
    /// Table file format.
    #[arg(short, long, value_enum, default_value_t = OutputFormat::Parquet)]
    pub format: OutputFormat,
    /// Worker threads (default: one per core).
    #[arg(short = 'j', long)]
    pub threads: Option<usize>,
    /// Stop after this many input records.
    #[arg(long)]
    pub limit: Option<u64>,
    /// Replace the outputs of an earlier run in --out.
    #[arg(long)]
    pub overwrite: bool,
    /// No progress bar and no summary line.
    #[arg(short, long)]
    pub quiet: bool,
    /// Map a logical field to an input field name, e.g. `--field text=body`. Logical fields:
    /// text, id, url, outlet, published, title, byline. Repeatable.
    #[arg(long = "field", value_name = "NAME=COLUMN", value_parser = parse_field)]
    pub fields: Vec<(String, String)>,
    /// Largest accepted record, in bytes; bigger records are rejected.
    #[arg(long, default_value_t = 5 * 1024 * 1024)]
    pub max_record_bytes: usize,
    /// Cron mode: skip inputs already processed into --out (by path, size, mtime and content
    /// hash), append the rest, and replace the rows of inputs that changed. Tables become
    /// dataset folders (`OUT/quotes/part-<run>-<input>.parquet`).
    #[arg(long)]
    pub incremental: bool,
    /// Write Hive partitions (`OUT/quotes/date=2026-01-02/...`) by the article's published date
    /// (`date=unknown` when undated) or outlet.
    #[arg(long, value_enum, value_name = "COLUMN")]
    pub partition_by: Option<PartitionBy>,
    /// Entity tagger: `statistical` (the default: the trained model in data/models/ner.bin,
    /// CoNLL-2003 dev F1 0.92) or `rules` (capitalized runs typed by gazetteers: F1 0.62, about
    /// 15% faster end to end).
    #[arg(long, value_enum, default_value_t = EntityTagger::default())]
    pub entity_tagger: EntityTagger,
    /// Tag entities with this model, written by `newsframe train ner`, instead of the built-in
    /// data/models/ner.bin (with `--entity-tagger statistical`).
    #[arg(long, value_name = "FILE")]
    pub ner_model: Option<PathBuf>,
    /// Also write every article's text to the `texts` table (HTML and WARC input always have
    /// theirs written: the offsets refer to the extracted text).
    #[arg(long)]
    pub with_text: bool,
    /// Skip the dump step (entity_catalog, entity_links, quotations, quote_links); run
    /// `newsframe resolve OUT` later to build them.
    #[arg(long)]
    pub no_dump: bool,
    /// A bare surname links to the one full name in the news within this many months of the
    /// article, either side.
    #[arg(long, default_value_t = 1, value_name = "MONTHS")]
    pub link_window: i32,
    /// Process only share K of N (1 <= K <= N), for array jobs (Slurm, Kubernetes Jobs,
    /// xargs): with at least N input files, every Nth file from the Kth; with fewer, every
    /// Nth record of each file. Each shard writes its own --out; `newsframe merge` joins them.
    #[arg(long, value_name = "K/N", value_parser = newsframe::shard::Shard::parse)]
    pub shard: Option<newsframe::shard::Shard>,
    /// Read and parse records but extract nothing (the benchmark's floor).
    #[arg(long, hide = true)]
    pub parse_only: bool,
    /// Fail the run after N records (for testing that failed runs leave no trace).
    #[arg(long, hide = true)]
    pub fail_after: Option<u64>,
}

fn parse_field(s: &str) -> Result<(String, String), String> {
    let (name, column) = s
        .split_once('=')
        .ok_or_else(|| format!("expected NAME=COLUMN, got '{s}'"))?;
    if newsframe::input::Field::parse(name).is_none() {
        return Err(format!(
            "unknown field '{name}' (use text, id, url, outlet, published, title or byline)"
        ));
    }
    if column.is_empty() {
        return Err(format!("empty column name for field '{name}'"));
    }
    Ok((name.to_string(), column.to_string()))
}
