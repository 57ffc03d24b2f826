//! The local indicator store: one SQLite file (rusqlite, bundled) that imports fill and
//! `kvalitet indikator visa` queries. Owns the schema, where the file lives and how it is
//! opened; importing and querying live in `import` and `query`. Must not read the data folder
//! or build tables: it stores what `indikator importera` hands it and answers queries.
//!
//! Schema: KPI and place ids are interned to small integers (`kpi`, `area`), and the values
//! sit in one `WITHOUT ROWID` table whose primary key (kpi, area, year, gender) is exactly
//! the order a query reads, so a query is a handful of index range scans. `import` records
//! each import (when, what, how many) so reports can say "Källa: Kolada, hämtad …".
//! `place` keeps Kolada's title and members of the places with values that the embedded
//! catalog lacks (a new group such as `G99999`), so `indikator visa` can name them. It was
//! added without a version bump: `create` adds it to an older store, and reading a store
//! without it is reading no such places.

mod import;
mod query;

use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow};
use rusqlite::{Connection, OpenFlags};

pub use import::{ImportSummary, Importer};
pub use query::{ImportRecord, Point};

/// The environment variable that names the store file.
pub const ENV: &str = "KVALITET_LAGER";

/// How long a query waits for an import in another process to commit.
const BUSY_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

/// Bumped when the schema changes incompatibly.
const SCHEMA_VERSION: i64 = 1;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS kpi (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    title TEXT,
    unit TEXT,
    operating_area TEXT,
    direction INTEGER,
    display_name TEXT,
    decimals INTEGER
);
CREATE TABLE IF NOT EXISTS area (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS import (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    source TEXT NOT NULL,
    files TEXT NOT NULL,
    rows_read INTEGER NOT NULL,
    imported INTEGER NOT NULL,
    rejected INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS place (
    code TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    members TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS value (
    kpi INTEGER NOT NULL,
    area INTEGER NOT NULL,
    year INTEGER NOT NULL,
    gender INTEGER NOT NULL,
    value REAL,
    import INTEGER NOT NULL,
    PRIMARY KEY (kpi, area, year, gender)
) WITHOUT ROWID;
";

/// An open store.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

/// Where the store is: `flag` if given, else `$KVALITET_LAGER`, else the per-user data
/// folder (`$XDG_DATA_HOME/kvalitet/indikatorer.sqlite`, `~/.local/share/kvalitet/…`, or
/// `%APPDATA%\kvalitet\…` on Windows).
pub fn default_path(flag: Option<&Path>) -> Result<PathBuf> {
    if let Some(p) = flag {
        return Ok(p.to_path_buf());
    }
    let env = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if let Some(p) = env(ENV) {
        return Ok(p);
    }
    let base = env("XDG_DATA_HOME")
        .or_else(|| env("HOME").map(|h| h.join(".local").join("share")))
        .or_else(|| env("APPDATA"))
        .ok_or_else(|| {
            anyhow!("hittar ingen plats för indikatorlagret; ange --lager FIL eller {ENV}")
        })?;
    Ok(base.join("kvalitet").join("indikatorer.sqlite"))
}

impl Store {
    /// Opens the store for writing, creating the file and its folder if needed.
    pub fn create(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| {
                anyhow!(
                    "kan inte skapa mappen {}: {}",
                    dir.display(),
                    crate::ingest::io_reason(&e)
                )
            })?;
        }
        let conn = Connection::open(path).map_err(|e| unusable(path, &e))?;
        conn.busy_timeout(BUSY_WAIT)
            .map_err(|e| unusable(path, &e))?;
        conn.execute_batch(SCHEMA).map_err(|e| unusable(path, &e))?;
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| unusable(path, &e))?;
        if version == 0 {
            conn.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        }
        let store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store.check_version()?;
        Ok(store)
    }

    /// Opens an existing store read-only; `Ok(None)` when there is no file yet.
    pub fn open(path: &Path) -> Result<Option<Store>> {
        if !path.is_file() {
            return Ok(None);
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| unusable(path, &e))?;
        conn.busy_timeout(BUSY_WAIT)
            .map_err(|e| unusable(path, &e))?;
        let store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store.check_version()?;
        Ok(Some(store))
    }

    fn check_version(&self) -> Result<()> {
        let version: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| unusable(&self.path, &e))?;
        if version != SCHEMA_VERSION {
            return Err(anyhow!(
                "{} är inget indikatorlager av rätt version (version {version}, väntade {SCHEMA_VERSION})",
                self.path.display()
            ));
        }
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The size of the store file in bytes.
    pub fn size_on_disk(&self) -> u64 {
        std::fs::metadata(&self.path).map_or(0, |m| m.len())
    }
}

fn unusable(path: &Path, err: &rusqlite::Error) -> anyhow::Error {
    let why = match err.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => "filen är ingen SQLite-databas".to_string(),
        Some(rusqlite::ErrorCode::CannotOpen) => "filen kan inte öppnas".to_string(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
            "lagret används av en annan körning; försök igen".to_string()
        }
        Some(rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::PermissionDenied) => {
            "saknar behörighet".to_string()
        }
        _ => "databasfel".to_string(),
    };
    anyhow!(
        "indikatorlagret {} kan inte användas: {why}",
        path.display()
    )
}

/// Adds the Swedish context to a database error.
pub(crate) fn db<T>(r: rusqlite::Result<T>, path: &Path) -> Result<T> {
    r.map_err(|e| unusable(path, &e))
}

#[cfg(test)]
mod tests;
