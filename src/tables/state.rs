//! What an output folder remembers between runs, under `DIR/.newsframe/`: the lock that keeps
//! two runs from writing at once, staging folders, the incremental state (every input already
//! processed, by path, size, mtime and content hash, with the part files it produced), the
//! content hashes of earlier articles, and the commit journal that makes a commit survive a
//! crash: a commit is written as a journal first and then applied, and an unfinished journal is
//! applied again by the next run.

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::writer::{io_err, OutputError};

const STATE_DIR: &str = ".newsframe";
const LOCK: &str = "lock";
const STATE: &str = "state.json";
const HASHES: &str = "content_hashes.tsv";
const JOURNAL: &str = "commit.json";

pub fn state_dir(dir: &Path) -> PathBuf {
    dir.join(STATE_DIR)
}

pub fn staging_dir(dir: &Path, run_id: &str) -> PathBuf {
    state_dir(dir).join(format!("staging-{run_id}"))
}

/// Held for the whole run; removed when dropped.
pub struct Lock {
    path: PathBuf,
}

#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("another newsframe run (pid {pid}) is writing to {dir}; try again later")]
    Held { pid: u32, dir: String },
    #[error(transparent)]
    Output(#[from] OutputError),
}

fn process_alive(pid: u32) -> bool {
    pid == std::process::id() || Path::new(&format!("/proc/{pid}")).exists()
}

impl Lock {
    /// Takes the lock of `dir`, or says who holds it. A lock left by a process that no longer
    /// exists is taken over with a warning.
    pub fn acquire(dir: &Path) -> Result<Lock, LockError> {
        let sd = state_dir(dir);
        fs::create_dir_all(&sd).map_err(io_err(&sd))?;
        let path = sd.join(LOCK);
        loop {
            match fs::OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(mut f) => {
                    f.write_all(std::process::id().to_string().as_bytes())
                        .map_err(io_err(&path))?;
                    return Ok(Lock { path });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    let holder = fs::read_to_string(&path).unwrap_or_default();
                    match holder.trim().parse::<u32>() {
                        Ok(pid) if process_alive(pid) => {
                            return Err(LockError::Held {
                                pid,
                                dir: dir.display().to_string(),
                            })
                        }
                        _ => {
                            log::warn!(
                                "taking over a stale lock in {} (holder {} is gone)",
                                dir.display(),
                                holder.trim()
                            );
                            fs::remove_file(&path).map_err(io_err(&path))?;
                        }
                    }
                }
                Err(e) => return Err(io_err(&path)(e).into()),
            }
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// Removes staging folders of runs that did not finish (called under the lock).
pub fn clear_stale_staging(dir: &Path) {
    let Ok(entries) = fs::read_dir(state_dir(dir)) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with("staging-") {
            log::warn!(
                "removing the staging folder of an unfinished run: {}",
                entry.path().display()
            );
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// How an input looked when it was processed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    pub size: u64,
    pub mtime: i64,
    pub hash: String,
}

impl Fingerprint {
    pub fn of_file(path: &Path) -> io::Result<Fingerprint> {
        let meta = fs::metadata(path)?;
        let mtime = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as i64);
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        let mut file = fs::File::open(path)?;
        let mut buf = vec![0u8; 1 << 20];
        loop {
            let n = file.read(&mut buf)?;
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
        }
        Ok(Fingerprint {
            size: meta.len(),
            mtime,
            hash: format!("{:032x}", hasher.digest128()),
        })
    }

    pub fn of_bytes(bytes: &[u8]) -> Fingerprint {
        Fingerprint {
            size: bytes.len() as u64,
            mtime: 0,
            hash: format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes)),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProcessedInput {
    pub fingerprint: Fingerprint,
    pub run_id: String,
    /// Part files (relative to DIR) holding this input's rows.
    pub parts: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct State {
    pub inputs: BTreeMap<String, ProcessedInput>,
    pub runs: Vec<String>,
}

impl State {
    pub fn load(dir: &Path) -> Result<State, OutputError> {
        let path = state_dir(dir).join(STATE);
        match fs::read_to_string(&path) {
            Ok(text) => serde_json::from_str(&text).map_err(|e| {
                io_err(&path)(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("corrupt state file: {e}"),
                ))
            }),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(State::default()),
            Err(e) => Err(io_err(&path)(e)),
        }
    }
}

/// Content hash -> article_id of every article written by earlier runs.
pub fn load_content_hashes(dir: &Path) -> Result<rustc_hash::FxHashMap<String, String>, OutputError> {
    let path = state_dir(dir).join(HASHES);
    let mut map = rustc_hash::FxHashMap::default();
    match fs::read_to_string(&path) {
        Ok(text) => {
            for line in text.lines() {
                if let Some((hash, id)) = line.split_once('\t') {
                    map.entry(hash.to_string()).or_insert_with(|| id.to_string());
                }
            }
            Ok(map)
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(map),
        Err(e) => Err(io_err(&path)(e)),
    }
}

/// A commit: files to move into place (staging-relative or DIR-relative sources, DIR-relative
/// targets) and part files to delete. Applying it twice is harmless.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Journal {
    pub moves: Vec<(PathBuf, PathBuf)>,
    pub deletes: Vec<PathBuf>,
    pub staging: PathBuf,
}

impl Journal {
    /// Writes the journal durably, then applies it.
    pub fn commit(self, dir: &Path) -> Result<(), OutputError> {
        let path = state_dir(dir).join(JOURNAL);
        let tmp = state_dir(dir).join(format!("{JOURNAL}.tmp"));
        let text = serde_json::to_string(&self).unwrap_or_default();
        let mut f = fs::File::create(&tmp).map_err(io_err(&tmp))?;
        f.write_all(text.as_bytes()).map_err(io_err(&tmp))?;
        f.sync_all().map_err(io_err(&tmp))?;
        fs::rename(&tmp, &path).map_err(io_err(&path))?;
        crash_point("journal");
        self.apply(dir)
    }

    fn apply(&self, dir: &Path) -> Result<(), OutputError> {
        for (from, to) in &self.moves {
            let (from, to) = (dir.join(from), dir.join(to));
            if from.exists() {
                if let Some(parent) = to.parent() {
                    fs::create_dir_all(parent).map_err(io_err(parent))?;
                }
                fs::rename(&from, &to).map_err(io_err(&to))?;
            }
        }
        for rel in &self.deletes {
            let p = dir.join(rel);
            match fs::remove_file(&p) {
                Ok(()) => remove_empty_parents(dir, &p),
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(io_err(&p)(e)),
            }
        }
        let _ = fs::remove_dir_all(dir.join(&self.staging));
        let path = state_dir(dir).join(JOURNAL);
        fs::remove_file(&path).map_err(io_err(&path))
    }

    /// Finishes a commit that a crash interrupted, if there is one.
    pub fn recover(dir: &Path) -> Result<bool, OutputError> {
        let path = state_dir(dir).join(JOURNAL);
        let Ok(text) = fs::read_to_string(&path) else {
            return Ok(false);
        };
        match serde_json::from_str::<Journal>(&text) {
            Ok(journal) => {
                log::warn!("finishing the commit of an interrupted run in {}", dir.display());
                journal.apply(dir)?;
                Ok(true)
            }
            Err(_) => {
                // A torn journal never started applying: the run did not commit.
                fs::remove_file(&path).map_err(io_err(&path))?;
                Ok(false)
            }
        }
    }
}

/// Staged paths of the state files, for a journal to move into place.
pub fn stage_state(
    dir: &Path,
    staging: &Path,
    state: &State,
    new_hashes: &[(String, String)],
) -> Result<Vec<(PathBuf, PathBuf)>, OutputError> {
    let state_rel = PathBuf::from(STATE_DIR).join(STATE);
    let hashes_rel = PathBuf::from(STATE_DIR).join(HASHES);
    let staged_state = staging.join(STATE);
    fs::write(&staged_state, serde_json::to_string_pretty(state).unwrap_or_default()).map_err(io_err(&staged_state))?;
    let staged_hashes = staging.join(HASHES);
    let mut text = fs::read_to_string(dir.join(&hashes_rel)).unwrap_or_default();
    for (hash, id) in new_hashes {
        text.push_str(hash);
        text.push('\t');
        text.push_str(id);
        text.push('\n');
    }
    fs::write(&staged_hashes, text).map_err(io_err(&staged_hashes))?;
    let rel = |p: &Path| {
        p.strip_prefix(dir)
            .map(Path::to_path_buf)
            .unwrap_or_else(|_| p.to_path_buf())
    };
    Ok(vec![(rel(&staged_state), state_rel), (rel(&staged_hashes), hashes_rel)])
}

fn remove_empty_parents(dir: &Path, file: &Path) {
    let mut current = file.parent();
    while let Some(p) = current {
        if p == dir || fs::remove_dir(p).is_err() {
            break;
        }
        current = p.parent();
    }
}

/// Test hook: `NEWSFRAME_CRASH_AT=<point>` aborts the process there, as `kill -9` would.
pub fn crash_point(point: &str) {
    if std::env::var("NEWSFRAME_CRASH_AT").is_ok_and(|p| p == point) {
        std::process::abort();
    }
}
