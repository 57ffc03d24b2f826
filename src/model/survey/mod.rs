//! User surveys (*brukarundersökningar*): finding the survey files, and assembling what their
//! tables say, in either shape (aggregated counts, or one row per respondent), into one
//! [`Survey`] per survey and year. Reading a table lives in [`reader`] (which columns in
//! [`columns`]), its rows in [`aggregated`] and [`raw`], what they add up to in [`collected`].

mod aggregated;
mod collected;
mod columns;
mod raw;
mod reader;
mod shares;

use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow};

use crate::base::Ratio;
use crate::diagnostics::{Findings, Reconciliation};
use crate::ingest::{self, TABLE_EXTENSIONS};
use crate::settings::Settings;
use crate::text::fold;

pub use columns::SPECS;

/// The canonical name of the survey input: `brukarundersokning.xlsx`, `brukarundersokning-*.csv`,
/// or any table file in a folder of this name.
pub const STEM: &str = "brukarundersokning";

/// One answer option of a question, with its count.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerOption {
    pub label: String,
    pub count: i64,
    /// The national share (*Nationellt*), as a fraction of 1, when given.
    pub national: Option<Ratio>,
}

/// One question and its options, in the order of the input.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub text: String,
    pub options: Vec<AnswerOption>,
}

/// One survey in one year.
#[derive(Debug, Clone, PartialEq)]
pub struct Survey {
    /// The survey's name as first written in the input (*Undersökning*).
    pub name: String,
    pub year: i32,
    /// *Urval*: how many were asked.
    pub sample: Option<i64>,
    /// *Antal svar*: how many answered.
    pub respondents: Option<i64>,
    pub questions: Vec<Question>,
    /// Aggregated from one row per respondent.
    pub from_raw: bool,
}

/// Every survey read, with the findings and the rows read per table.
#[derive(Debug, Default)]
pub struct Surveys {
    /// In the order surveys first appear in the input; years ascending within a survey.
    pub surveys: Vec<Survey>,
    pub findings: Findings,
    pub reconciliation: Vec<Reconciliation>,
    /// False when a table could not be used at all (a required column missing).
    pub usable: bool,
}

impl Surveys {
    /// The years of the survey named `name` (folded), ascending.
    pub fn years_of(&self, name: &str) -> Vec<i32> {
        let key = fold(name);
        self.surveys
            .iter()
            .filter(|s| fold(&s.name) == key)
            .map(|s| s.year)
            .collect()
    }

    pub fn get(&self, name: &str, year: i32) -> Option<&Survey> {
        let key = fold(name);
        self.surveys
            .iter()
            .find(|s| s.year == year && fold(&s.name) == key)
    }
}

/// The survey files in `dir`, in a stable order; empty when there are none.
pub fn find_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut folders = Vec::new();
    for entry in read_dir(dir)? {
        let path = entry.path();
        let name = raw_name(&path);
        let folded = fold(&name);
        if path.is_dir() {
            if folded == STEM {
                folders.push(path);
            }
        } else if is_table(&name)
            && folded
                .strip_prefix(STEM)
                .is_some_and(|rest| rest.starts_with(' '))
        {
            files.push(path);
        }
    }
    for folder in folders {
        for entry in read_dir(&folder)? {
            let path = entry.path();
            if path.is_file() && is_table(&raw_name(&path)) {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

/// A file's own name, for matching only: messages use [`ingest::display_name`].
fn raw_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn read_dir(dir: &Path) -> Result<Vec<std::fs::DirEntry>> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        anyhow!(
            "kan inte läsa mappen {}: {}",
            crate::base::names::path(dir),
            ingest::io_reason(&e)
        )
    })?;
    Ok(entries.filter_map(|e| e.ok()).collect())
}

/// A table file that is not a hidden file or an Excel lock file (`~$…`).
fn is_table(name: &str) -> bool {
    let lower = name.to_lowercase();
    !lower.starts_with('.')
        && !lower.starts_with("~$")
        && TABLE_EXTENSIONS
            .iter()
            .any(|ext| lower.ends_with(&format!(".{ext}")))
}

/// Reads every survey file in `dir`; `None` when the folder has no survey input.
pub fn load_surveys(dir: &Path, settings: &Settings) -> Result<Option<Surveys>> {
    let files = find_files(dir)?;
    if files.is_empty() {
        return Ok(None);
    }
    reader::read(&files, settings).map(Some)
}
