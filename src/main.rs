//! The `newsframe` binary: parses the command line, calls the library, maps errors to exit
//! codes (0 finished, 1 failed, 2 usage error — clap's own, or an input that does not exist —,
//! 75 output folder locked, 130 and
//! 143 interrupted by SIGINT and SIGTERM).

mod cli;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::sync::Arc;

use anyhow::Context;
use clap::Parser;

use cli::{Cli, Command, EvalCommand, ExtractArgs, TrainCommand};
use newsframe::input::{Field, FieldMap};
use newsframe::pipeline::{self, Config};

fn main() -> ExitCode {
    // Warnings read as the binary's other messages do ("newsframe: warning: ..."); RUST_LOG
    // still raises the level for debugging.
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn"))
        .format(|buf, record| {
            use std::io::Write;
            let level = record.level().as_str().to_ascii_lowercase();
            writeln!(buf, "newsframe: {level}: {}", record.args())
        })
        .init();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Schema { format, json } => {
            use newsframe::tables::schema::{render, Format};
            print!("{}", render(if json { Format::Json } else { format }));
            Ok(())
        }
        Command::Extract(args) => extract(args),
        Command::Resolve { out, link_window } => resolve(&out, link_window),
        Command::Merge {
            out,
            shards,
            overwrite,
            no_dump,
            link_window,
        } => merge(&out, &shards, overwrite, (!no_dump).then_some(link_window)),
        Command::Eval(EvalCommand::Quotes {
            gold,
            json,
            quote_model,
            names,
        }) => eval_quotes(&gold, json, quote_model.as_deref(), names),
        Command::Eval(EvalCommand::Sources { gold, json }) => eval_sources(gold.as_deref(), json),
        Command::Train(TrainCommand::Quotes {
            gold,
            weight,
            out,
            epochs,
        }) => train_quotes(&gold, &weight, &out, epochs),
        Command::Train(TrainCommand::Ner {
            train,
            dev,
            out,
            epochs,
            runs,
        }) => train_ner(&train, &dev, &out, epochs, runs),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e)
            if matches!(
                e.downcast_ref::<pipeline::RunError>(),
                Some(pipeline::RunError::Interrupted)
            ) =>
        {
            eprintln!("newsframe: {}", pipeline::RunError::Interrupted);
            ExitCode::from(128 + SIGNAL.load(Ordering::Relaxed) as u8)
        }
        Err(e) => {
            eprintln!("newsframe: error: {}", error_chain(&e));
            match e.downcast_ref::<pipeline::RunError>() {
                // EX_TEMPFAIL: another run holds the output folder; cron may retry later.
                Some(pipeline::RunError::Locked(_)) => ExitCode::from(75),
                // A path that does not exist is a mistake in the command line.
                Some(pipeline::RunError::Input(newsframe::input::InputError::NotFound(_))) => ExitCode::from(2),
                _ => ExitCode::from(1),
            }
        }
    }
}

fn eval_quotes(
    gold: &std::path::Path,
    json: bool,
    quote_model: Option<&std::path::Path>,
    names: bool,
) -> anyhow::Result<()> {
    use newsframe::extract::quotes::RowModel;
    let scores = match quote_model {
        None => newsframe::eval::eval_quotes(gold)?,
        Some(path) => {
            let model = if path.as_os_str() == "none" {
                RowModel::default()
            } else {
                let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
                RowModel::parse(&text)
            };
            newsframe::eval::eval_quotes_using(gold, &model)?
        }
    };
    if json {
        println!("{}", serde_json::to_string_pretty(&scores)?);
    } else {
        print!("{}", newsframe::eval::report(&scores));
        print!("{}", newsframe::eval::report_names(&scores));
        if names {
            print!("{}", newsframe::eval::report_name_misses(&scores));
        }
    }
    Ok(())
}

fn train_ner(
    train: &std::path::Path,
    dev: &std::path::Path,
    out: &std::path::Path,
    epochs: usize,
    runs: usize,
) -> anyhow::Result<()> {
    use newsframe::extract::ner::{train as ner_train, TYPES};
    let train_docs = ner_train::read_docs(train)?;
    let dev_docs = ner_train::read_docs(dev)?;
    eprintln!(
        "training on {} documents, {} entities; dev {} documents",
        train_docs.len(),
        train_docs.iter().map(|d| d.entities.len()).sum::<usize>(),
        dev_docs.len()
    );
    let started = std::time::Instant::now();
    let lex = newsframe::lexicon::Lexicon::get();
    let model = ner_train::train(&train_docs, &dev_docs, epochs, runs, lex, |what, score, seconds| {
        let per_type: Vec<String> = TYPES
            .iter()
            .enumerate()
            .map(|(t, name)| format!("{name} {:.3}", score.f1(&[t])))
            .collect();
        println!(
            "{what}: dev F1 PER+ORG+LOC {:.4} | {} | {seconds:.1} s",
            score.f1(&[0, 1, 2]),
            per_type.join(" ")
        );
    });
    let bytes = model.to_bytes()?;
    std::fs::write(out, &bytes).with_context(|| format!("cannot write {}", out.display()))?;
    eprintln!(
        "wrote {} ({} features, {:.1} MB) in {:.0} s",
        out.display(),
        model.weights.len(),
        bytes.len() as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn train_quotes(
    gold: &[std::path::PathBuf],
    weights: &[usize],
    out: &std::path::Path,
    epochs: usize,
) -> anyhow::Result<()> {
    use newsframe::extract::quotes::{cross_validated_threshold, train_row_model, RowModel, THRESHOLD};
    // The rules' recall of gold attributions on PolNeAR train and the modern train half.
    const BASE_RECALL: f64 = 0.65;
    let mut articles = Vec::new();
    let mut sources = Vec::new();
    if weights.len() > gold.len() {
        anyhow::bail!("{} --weight values for {} --gold files", weights.len(), gold.len());
    }
    for (k, path) in gold.iter().enumerate() {
        let found = newsframe::eval::quote_row_examples(path)?;
        let weight = weights.get(k).copied().unwrap_or(1);
        let rows = found.iter().map(Vec::len).sum::<usize>();
        let positive = found.iter().flatten().filter(|(_, l)| *l).count();
        eprintln!(
            "{}: {} articles, {rows} rows, {positive} of them attributions",
            path.display(),
            found.len()
        );
        sources.push(format!(
            "#   --gold {} --weight {weight} ({} articles, {rows} rows, {positive} attributions)",
            path.display(),
            found.len()
        ));
        // An article's rows repeated, so that its rows stay in one cross-validation fold.
        articles.extend(found.into_iter().map(|rows| {
            let n = rows.len();
            rows.into_iter().cycle().take(n * weight).collect::<Vec<_>>()
        }));
    }
    let threshold = cross_validated_threshold(&articles, epochs, BASE_RECALL);
    let examples: Vec<newsframe::extract::quotes::RowExample> = articles.into_iter().flatten().collect();
    let weights = train_row_model(&examples, epochs);
    let model = RowModel::from_weights(weights.iter().map(|(f, w)| (f.as_str(), *w))).with_threshold(threshold);
    let kept_right = examples
        .iter()
        .filter(|(f, l)| (model.score(f) >= threshold) == *l)
        .count();
    eprintln!("threshold {threshold:.4} (cross-validated)");
    eprintln!(
        "{} features; on the training rows the check is right for {kept_right} of {} ({:.3})",
        weights.len(),
        examples.len(),
        kept_right as f64 / examples.len().max(1) as f64
    );
    let mut text = String::from(
        "# The attribution check of the quotes extractor (src/extract/quotes/model.rs): feature<TAB>weight.\n",
    );
    text.push_str(&format!(
        "# Written by: newsframe train quotes --epochs {epochs} --out {}, with\n",
        out.display()
    ));
    for s in &sources {
        text.push_str(s);
        text.push('\n');
    }
    text.push_str(&format!("{THRESHOLD}\t{threshold:.4}\n"));
    for (f, w) in &weights {
        text.push_str(&format!("{f}\t{w:.4}\n"));
    }
    std::fs::write(out, text).with_context(|| format!("cannot write {}", out.display()))?;
    eprintln!("wrote {}", out.display());
    Ok(())
}

fn eval_sources(gold: Option<&std::path::Path>, json: bool) -> anyhow::Result<()> {
    let scores = newsframe::eval::sources::eval_sources(gold)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&scores)?);
    } else {
        print!("{}", newsframe::eval::sources::report(&scores));
    }
    Ok(())
}

/// The error and its causes, each said once: the library's messages already name their cause
/// ("cannot write X: File exists"), which anyhow's chain would repeat.
fn error_chain(e: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if !out.contains(&text) {
            if !out.is_empty() {
                out.push_str(": ");
            }
            out.push_str(&text);
        }
    }
    out
}

/// The signal that stopped the run (SIGINT or SIGTERM), for the exit code.
static SIGNAL: AtomicI32 = AtomicI32::new(0);

/// On the first SIGINT or SIGTERM the run is asked to stop: it drops its staging folder and
/// its lock and `main` exits 130 or 143. A second signal exits at once, as a user pressing
/// Ctrl-C twice expects; the next run clears what this one left.
fn stop_on_signals() -> anyhow::Result<Arc<AtomicBool>> {
    use signal_hook::consts::{SIGINT, SIGTERM};
    let cancel = Arc::new(AtomicBool::new(false));
    let mut signals =
        signal_hook::iterator::Signals::new([SIGINT, SIGTERM]).context("cannot install signal handlers")?;
    let flag = cancel.clone();
    std::thread::spawn(move || {
        for signal in signals.forever() {
            if flag.load(Ordering::SeqCst) {
                std::process::exit(128 + signal);
            }
            SIGNAL.store(signal, Ordering::SeqCst);
            flag.store(true, Ordering::SeqCst);
        }
    });
    Ok(cancel)
}

fn extract(args: ExtractArgs) -> anyhow::Result<()> {
    let mut fields = FieldMap::default();
    for (name, column) in &args.fields {
        let field = Field::parse(name).context("field names are checked by the parser")?;
        fields.set(field, column);
    }
    let ner_model = match &args.ner_model {
        Some(_) if args.entity_tagger == newsframe::extract::entities::EntityTagger::Rules => {
            anyhow::bail!("--ner-model is a model for --entity-tagger statistical, not rules")
        }
        Some(path) => {
            let bytes = std::fs::read(path).with_context(|| format!("cannot read --ner-model {}", path.display()))?;
            let model = newsframe::extract::ner::Model::from_bytes(&bytes)
                .with_context(|| format!("--ner-model {} is not an entity model", path.display()))?;
            // One model for the whole run, read by every worker thread.
            Some(&*Box::leak(Box::new(model)))
        }
        None => None,
    };
    let config = Config {
        inputs: args.inputs,
        out: args.out,
        format: args.format,
        threads: args.threads,
        limit: args.limit,
        overwrite: args.overwrite,
        quiet: args.quiet,
        fields,
        max_record_bytes: args.max_record_bytes,
        parse_only: args.parse_only,
        dump: (!args.no_dump).then_some(newsframe::dump::Options {
            window_months: args.link_window,
            ..Default::default()
        }),
        fail_after: args.fail_after,
        incremental: args.incremental,
        partition_by: args.partition_by,
        with_text: args.with_text,
        entity_tagger: args.entity_tagger,
        ner_model,
        command_line: std::env::args().collect(),
        cancel: Some(stop_on_signals()?),
        shard: args.shard,
        ..Config::default()
    };
    let summary = pipeline::run(&config).with_context(|| format!("extract into {} failed", config.out.display()))?;
    if !config.quiet {
        if config.incremental && summary.inputs.is_empty() {
            eprintln!(
                "newsframe: nothing new: all {} inputs were already processed",
                summary.skipped.len()
            );
        } else if !summary.skipped.is_empty() {
            eprintln!("newsframe: skipped {} inputs already processed", summary.skipped.len());
        }
        eprintln!("{}", summary.one_line());
        eprintln!("tables written to {}", config.out.display());
    }
    Ok(())
}

fn resolve(out: &std::path::Path, window_months: i32) -> anyhow::Result<()> {
    if !out.is_dir() {
        anyhow::bail!("{} is not an output folder of newsframe extract", out.display());
    }
    let _lock = newsframe::tables::state::Lock::acquire(out)
        .map_err(|e| anyhow::anyhow!("cannot resolve {}: {e}", out.display()))?;
    let options = newsframe::dump::Options {
        window_months,
        ..Default::default()
    };
    let summary =
        newsframe::dump::resolve(out, &options).with_context(|| format!("resolve {} failed", out.display()))?;
    let tables: Vec<String> = summary.tables.iter().map(|(t, n)| format!("{n} {t}")).collect();
    eprintln!(
        "newsframe: {} ({} bare surnames linked to a full name)",
        tables.join(", "),
        summary.linked_surnames
    );
    Ok(())
}

fn merge(
    out: &std::path::Path,
    shards: &[std::path::PathBuf],
    overwrite: bool,
    link_window: Option<i32>,
) -> anyhow::Result<()> {
    if out.exists() && !out.is_dir() {
        anyhow::bail!("--out {} is a file, not a directory", out.display());
    }
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    let _lock = newsframe::tables::state::Lock::acquire(out)
        .map_err(|e| anyhow::anyhow!("cannot merge into {}: {e}", out.display()))?;
    let options = link_window.map(|window_months| newsframe::dump::Options {
        window_months,
        ..Default::default()
    });
    let command_line: Vec<String> = std::env::args().collect();
    let summary = newsframe::shard::merge::merge(out, shards, overwrite, options.as_ref(), &command_line)
        .with_context(|| format!("merge into {} failed", out.display()))?;
    let tables: Vec<String> = summary.tables.iter().map(|(t, n)| format!("{n} {t}")).collect();
    eprintln!("newsframe: merged {} shards: {}", summary.shards, tables.join(", "));
    eprintln!("tables written to {}", out.display());
    Ok(())
}
