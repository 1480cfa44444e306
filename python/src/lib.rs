//! `newsframe._newsframe`: the library crate's run, callable from Python. It holds no logic of
//! its own: it builds a `pipeline::Config` from Python arguments, runs it with the GIL
//! released (the run uses rayon's threads), and turns errors into Python exceptions. The
//! Python side (`python/newsframe/__init__.py`) shapes inputs and loads the tables.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::ffi::CString;
use std::path::PathBuf;
use std::sync::Arc;

use polars::prelude::{CompatLevel, DataFrame, ParquetReader, PolarsResult, SchemaExt, SerReader};
use polars_arrow::array::{Array, StructArray};
use polars_arrow::datatypes::{ArrowDataType, Field as ArrowField};
use polars_arrow::ffi::{export_iterator, ArrowArrayStream};
use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyCapsule;

use newsframe::extract::entities::EntityTagger;
use newsframe::input::{Field, FieldMap, InputSource};
use newsframe::pipeline::{self, Config};

fn tagger(name: &str) -> PyResult<EntityTagger> {
    match name {
        "statistical" => Ok(EntityTagger::Statistical),
        "rules" => Ok(EntityTagger::Rules),
        other => Err(PyValueError::new_err(format!(
            "entity_tagger must be 'statistical' or 'rules', not {other:?}"
        ))),
    }
}

fn field_map(fields: Vec<(String, String)>) -> PyResult<FieldMap> {
    let mut map = FieldMap::default();
    for (name, column) in fields {
        let field = Field::parse(&name).ok_or_else(|| {
            PyValueError::new_err(format!(
                "unknown field {name:?} in fields= (use text, id, url, outlet, published, title or byline)"
            ))
        })?;
        if column.is_empty() {
            return Err(PyValueError::new_err(format!(
                "fields={{{name:?}: ''}}: empty column name"
            )));
        }
        map.set(field, &column);
    }
    Ok(map)
}

/// Runs one extraction; returns the run's summary as JSON (the manifest is in `out`).
#[allow(clippy::too_many_arguments)]
#[pyfunction]
#[pyo3(signature = (out, *, paths=Vec::new(), data=None, data_name=String::from("<memory>.jsonl"), fields=Vec::new(), entity_tagger="statistical", threads=None, overwrite=false, with_text=false, dump=true))]
fn run(
    py: Python<'_>,
    out: PathBuf,
    paths: Vec<String>,
    data: Option<Vec<u8>>,
    data_name: String,
    fields: Vec<(String, String)>,
    entity_tagger: &str,
    threads: Option<usize>,
    overwrite: bool,
    with_text: bool,
    dump: bool,
) -> PyResult<String> {
    if matches!(threads, Some(0)) {
        return Err(PyValueError::new_err(
            "threads must be at least 1 (or None: one per core)",
        ));
    }
    let sources = match data {
        Some(bytes) => vec![InputSource::Memory {
            name: data_name,
            bytes: Arc::from(bytes),
        }],
        None => Vec::new(),
    };
    let config = Config {
        inputs: paths,
        sources,
        out,
        threads,
        overwrite,
        fields: field_map(fields)?,
        with_text,
        entity_tagger: tagger(entity_tagger)?,
        dump: dump.then(newsframe::dump::Options::default),
        command_line: vec!["newsframe (python)".to_string()],
        ..Config::default()
    };
    let summary = py.detach(|| pipeline::run(&config)).map_err(|e| match e {
        pipeline::RunError::Input(_) => PyOSError::new_err(e.to_string()),
        _ => PyValueError::new_err(e.to_string()),
    })?;
    let tables: serde_json::Map<String, serde_json::Value> =
        summary.tables.iter().map(|(t, n)| (t.clone(), (*n).into())).collect();
    Ok(serde_json::json!({ "summary": summary.one_line(), "tables": tables }).to_string())
}

/// An Arrow C stream in a PyCapsule named "arrow_array_stream", as the Arrow PyCapsule
/// interface has it: pyarrow moves the stream out (leaving its release empty); a stream never
/// taken is released when the capsule is.
#[repr(transparent)]
struct Stream(ArrowArrayStream);

// The stream is owned by one capsule and read by one consumer at a time.
unsafe impl Send for Stream {}

/// One table file of a run as an Arrow C stream of record batches: in polars' own view types
/// (`string_view`), which polars takes without a copy, or with `views=False` in the oldest
/// types (`large_string`, `large_list`), which every pyarrow reads.
#[pyfunction]
#[pyo3(signature = (path, views=true))]
fn table_stream(py: Python<'_>, path: PathBuf, views: bool) -> PyResult<Bound<'_, PyCapsule>> {
    let compat = if views {
        CompatLevel::newest()
    } else {
        CompatLevel::oldest()
    };
    let read = |path: &PathBuf| -> PolarsResult<DataFrame> {
        let file = std::fs::File::open(path)?;
        ParquetReader::new(file).finish()
    };
    let df = py
        .detach(|| read(&path))
        .map_err(|e| PyOSError::new_err(format!("cannot read {}: {e}", path.display())))?;
    let chunks: Vec<_> = df.iter_chunks(compat, false).collect();
    // The batches' own schema: a stream's batches must match its schema exactly, view types
    // included.
    let fields: Vec<ArrowField> = match chunks.first() {
        Some(batch) => batch.schema().iter_values().cloned().collect(),
        None => df.schema().to_arrow(compat).iter_values().cloned().collect(),
    };
    let dtype = ArrowDataType::Struct(fields);
    let batches: Vec<PolarsResult<Box<dyn Array>>> = chunks
        .into_iter()
        .map(|batch| {
            let len = batch.len();
            let array = StructArray::try_new(dtype.clone(), len, batch.into_arrays(), None)?;
            Ok(Box::new(array) as Box<dyn Array>)
        })
        .collect();
    let stream = export_iterator(Box::new(batches.into_iter()), ArrowField::new("".into(), dtype, false));
    let name = CString::new("arrow_array_stream").map_err(|e| PyValueError::new_err(e.to_string()))?;
    PyCapsule::new(py, Stream(stream), Some(name))
}

/// Rewrites one table's Parquet file of a run as the CSV file `--format csv` writes; returns
/// its rows.
#[pyfunction]
fn parquet_to_csv(py: Python<'_>, src: PathBuf, dst: PathBuf) -> PyResult<u64> {
    py.detach(|| newsframe::tables::writer::parquet_to_csv(&src, &dst))
        .map_err(|e| PyOSError::new_err(e.to_string()))
}

/// Every table's columns, types and meanings, as `newsframe schema --json` prints them.
#[pyfunction]
fn schema_json() -> String {
    newsframe::tables::schema::render(newsframe::tables::schema::Format::Json)
}

#[pymodule]
fn _newsframe(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(run, m)?)?;
    m.add_function(wrap_pyfunction!(schema_json, m)?)?;
    m.add_function(wrap_pyfunction!(table_stream, m)?)?;
    m.add_function(wrap_pyfunction!(parquet_to_csv, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
