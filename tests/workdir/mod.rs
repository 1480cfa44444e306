//! A tiny test helper in the manner of xsv's `Workdir`: a scratch folder, files written into
//! it, the real binary run inside it, and the output tables read back.

// Each test binary uses its own subset of these helpers.
#![allow(dead_code)]

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use polars::prelude::*;

pub struct Workdir {
    dir: tempfile::TempDir,
}

pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Output {
    pub fn assert_ok(&self) {
        assert_eq!(self.code, 0, "stderr: {}", self.stderr);
    }
}

pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(data).expect("gzip");
    enc.finish().expect("gzip")
}

pub fn bzip2(data: &[u8]) -> Vec<u8> {
    let mut enc = bzip2::write::BzEncoder::new(Vec::new(), bzip2::Compression::default());
    enc.write_all(data).expect("bzip2");
    enc.finish().expect("bzip2")
}

#[allow(dead_code)]
impl Workdir {
    pub fn new(name: &str) -> Workdir {
        let dir = tempfile::Builder::new()
            .prefix(&format!("newsframe-{name}-"))
            .tempdir()
            .expect("tempdir");
        Workdir { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn out(&self) -> PathBuf {
        self.path().join("out")
    }

    pub fn write(&self, name: &str, text: &str) {
        self.write_bytes(name, text.as_bytes());
    }

    pub fn write_bytes(&self, name: &str, bytes: &[u8]) {
        let path = self.path().join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("mkdir");
        }
        fs::write(path, bytes).expect("write");
    }

    pub fn write_parquet(&self, name: &str, ids: &[&str], texts: &[&str]) {
        let mut df = DataFrame::new(
            ids.len(),
            vec![
                Column::new("id".into(), ids.to_vec()),
                Column::new("text".into(), texts.to_vec()),
                Column::new("domain".into(), vec!["example.org"; ids.len()]),
            ],
        )
        .expect("frame");
        let file = fs::File::create(self.path().join(name)).expect("create");
        ParquetWriter::new(file).finish(&mut df).expect("parquet");
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.run_with_stdin(args, b"")
    }

    pub fn run_with_env(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        self.spawn(args, b"", env)
    }

    pub fn run_with_stdin(&self, args: &[&str], stdin: &[u8]) -> Output {
        self.spawn(args, stdin, &[])
    }

    fn spawn(&self, args: &[&str], stdin: &[u8], env: &[(&str, &str)]) -> Output {
        let mut child = Command::new(env!("CARGO_BIN_EXE_newsframe"))
            .args(args)
            .envs(env.iter().copied())
            .current_dir(self.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn newsframe");
        if let Some(mut input) = child.stdin.take() {
            let _ = input.write_all(stdin);
        }
        let out = child.wait_with_output().expect("wait");
        Output {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).to_string(),
            stderr: String::from_utf8_lossy(&out.stderr).to_string(),
        }
    }

    /// `newsframe extract ARGS --out out --quiet`.
    pub fn extract(&self, args: &[&str]) -> Output {
        let mut full = vec!["extract"];
        full.extend_from_slice(args);
        full.extend_from_slice(&["--out", "out", "--quiet"]);
        self.run(&full)
    }

    /// The names in a folder of the workdir (none if it does not exist).
    pub fn file_names(&self, dir: &str) -> Vec<String> {
        fs::read_dir(self.path().join(dir))
            .map(|rd| {
                rd.flatten()
                    .map(|e| e.file_name().to_string_lossy().to_string())
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn table(&self, name: &str) -> DataFrame {
        let file = fs::File::open(self.out().join(format!("{name}.parquet"))).expect("table file");
        ParquetReader::new(file).finish().expect("read parquet")
    }

    pub fn bools(&self, df: &DataFrame, col: &str) -> Vec<bool> {
        let ca = df.column(col).expect("column").bool().expect("bool column").clone();
        (0..ca.len()).filter_map(|i| ca.get(i)).collect()
    }

    pub fn manifest(&self) -> serde_json::Value {
        let text = fs::read_to_string(self.out().join("manifest.json")).expect("manifest");
        serde_json::from_str(&text).expect("manifest json")
    }

    pub fn strings(&self, df: &DataFrame, col: &str) -> Vec<Option<String>> {
        let c = df.column(col).expect("column");
        let ca = c.str().expect("string column");
        (0..ca.len()).map(|i| ca.get(i).map(str::to_string)).collect()
    }

    pub fn u32s(&self, df: &DataFrame, col: &str) -> Vec<u32> {
        let ca = df.column(col).expect("column").u32().expect("u32 column").clone();
        (0..ca.len()).filter_map(|i| ca.get(i)).collect()
    }

    pub fn u64s(&self, df: &DataFrame, col: &str) -> Vec<u64> {
        let ca = df.column(col).expect("column").u64().expect("u64 column").clone();
        (0..ca.len()).filter_map(|i| ca.get(i)).collect()
    }

    /// records read = articles written + records rejected + records skipped, per input and
    /// against the tables.
    pub fn assert_accounting(&self) {
        let m = self.manifest();
        let inputs = m["inputs"].as_array().expect("inputs");
        let (mut written, mut rejected) = (0, 0);
        for i in inputs {
            let (r, w, x) = (
                i["records_read"].as_u64(),
                i["articles_written"].as_u64(),
                i["records_rejected"].as_u64(),
            );
            let skipped = i["records_skipped"].as_u64().unwrap_or(0);
            let by_kind: u64 = i["skipped_by_kind"]
                .as_object()
                .map_or(0, |k| k.values().filter_map(|v| v.as_u64()).sum());
            assert_eq!(skipped, by_kind, "{i}");
            assert_eq!(r, Some(w.unwrap_or(0) + x.unwrap_or(0) + skipped), "{i}");
            written += w.unwrap_or(0);
            rejected += x.unwrap_or(0);
        }
        assert_eq!(self.table("articles").height() as u64, written);
        assert_eq!(self.table("rejects").height() as u64, rejected);
    }
}

/// Every row of one table of an output folder: `DIR/name.parquet` of a single-file run, or all
/// the part files under `DIR/name/` of a dataset, in file-name order.
pub fn read_table(dir: &Path, name: &str) -> DataFrame {
    let single = dir.join(format!("{name}.parquet"));
    let files: Vec<PathBuf> = if single.is_file() {
        vec![single]
    } else {
        walkdir::WalkDir::new(dir.join(name))
            .sort_by_file_name()
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| e.path().to_path_buf())
            .collect()
    };
    let mut all: Option<DataFrame> = None;
    for f in files {
        let df = ParquetReader::new(fs::File::open(&f).expect("open"))
            .finish()
            .expect("parquet");
        match &mut all {
            Some(a) => {
                a.vstack_mut(&df).expect("same schema");
            }
            None => all = Some(df),
        }
    }
    all.expect("a table file")
}
