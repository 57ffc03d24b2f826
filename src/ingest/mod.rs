//! Reading input files into located raw rows. xlsx/xls/ods and csv meet here: every reader
//! streams rows of [`RawCell`]s to a [`TableVisitor`], so header matching and cell parsing exist
//! once, downstream. Nothing here knows what a column means.

mod bounds;
pub mod cell;
pub mod csv;
pub mod encoding;
pub mod headers;
pub mod layout;
mod le;
mod ods_indent;
pub mod pii;
mod rows;
pub mod sheet_choice;
pub mod spreadsheet;
mod xlsx;

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

pub use cell::RawCell;

use crate::base::Loc;
use crate::base::names;
use crate::diagnostics::Findings;

/// How many leading rows are searched for the header row (exports often start with a title).
pub const HEADER_SEARCH_ROWS: u32 = 20;

/// The file (and sheet) a table was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// File name as shown to the user (no directories: they may hold personal names).
    pub file: String,
    pub sheet: Option<String>,
    /// Whether columns are shown as letters (spreadsheets) or numbers (CSV).
    pub letters: bool,
}

impl Source {
    /// A sheet of a workbook, its name through the personal-data guard; columns as letters.
    pub fn sheet(file: &str, sheet: &str) -> Source {
        Source {
            file: file.to_string(),
            sheet: Some(crate::base::names::shown(sheet).into_owned()),
            letters: true,
        }
    }

    pub fn loc(&self) -> Loc {
        Loc {
            sheet: self.sheet.clone(),
            ..Loc::file(self.file.clone())
        }
    }
}

/// Receives a table row by row.
pub trait TableVisitor {
    /// Offered each of the first [`HEADER_SEARCH_ROWS`] non-empty rows until it returns true.
    fn header(&mut self, source: &Source, row: u32, cells: &[RawCell<'_>]) -> bool;
    /// Whether the reader should keep the values of column `col` (0-based). Columns not kept
    /// (free text such as *Beskrivning*) are never copied out of the file.
    fn keep_column(&self, col: usize) -> bool;
    /// How many known columns `cells` would match as the header row, without accepting it:
    /// how a workbook's sheets are told apart ([`sheet_choice`]). 0 when the visitor cannot
    /// tell, and then the sheet is chosen by name.
    fn header_matches(&self, _cells: &[RawCell<'_>]) -> usize {
        0
    }
    /// One data row after the header that has any non-empty cell (kept or not): `cells[i]` is
    /// column i; columns not kept are `Empty`.
    fn row(&mut self, row: u32, cells: &[RawCell<'_>]);
    /// [`TableVisitor::row`] for a row whose cells marked in `clean` hold texts the reader
    /// has seen found free of personal data before ([`pii::detect_cell`] on the same text: a
    /// workbook's shared string, or an inline string kept once), so that the guard need not
    /// look again.
    fn checked_row(&mut self, row: u32, cells: &[RawCell<'_>], clean: &[bool]) {
        let _ = clean;
        self.row(row, cells);
    }
    /// A data row at `loc` that cannot be read as the header's columns (a CSV row with more
    /// fields than the header row): it is rejected for `reason`, never read shifted. Visitors
    /// that count rows count it as read and rejected.
    fn malformed_row(&mut self, loc: Loc, reason: String) {
        self.findings().push(
            MALFORMED,
            crate::diagnostics::Severity::Rejected,
            loc,
            reason,
        );
    }
    /// Where findings about the table go (the personal-data guard adds its own).
    fn findings(&mut self) -> &mut Findings;
    /// Said before any row when the workbook counts its date numbers from 1904 (Mac Excel,
    /// `date1904`): a plain number read as a date then counts from there
    /// ([`cell::parse_date_in`]). Cells formatted as dates arrive as dates already.
    fn dates_from_1904(&mut self) {}
}

/// The finding kind of a row that cannot be read as the header's columns.
pub const MALFORMED: &str = "fel-antal-falt";

/// The result of streaming one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Streamed {
    /// A header row was accepted; rows followed.
    Read(Source),
    /// No row among the first ones was accepted as the header row.
    NoHeader(Source),
}

/// Streams a table file to `visitor`, choosing the reader by the file's extension. Every
/// cell handed on is checked for personal data first ([`pii`]).
pub fn stream(path: &Path, sheet_hint: &str, visitor: &mut dyn TableVisitor) -> Result<Streamed> {
    let visitor = &mut pii::Guard::new(visitor);
    match extension(path).as_deref() {
        Some("csv") | Some("txt") => csv::stream(path, visitor),
        Some("xlsx") | Some("xlsm") | Some("xls") | Some("ods") => {
            spreadsheet::stream(path, sheet_hint, visitor)
        }
        _ => bail!(
            "{}: okänt filformat (väntade .xlsx, .xls, .ods eller .csv)",
            display_name(path)
        ),
    }
}

/// The tables of a file: each sheet of a workbook, with whether it is hidden, or the one
/// table of a CSV file (`None`).
pub fn tables(path: &Path) -> Result<Vec<(Option<String>, bool)>> {
    match extension(path).as_deref() {
        Some("xlsx") | Some("xlsm") | Some("xls") | Some("ods") => {
            Ok(spreadsheet::sheet_names(path)?
                .into_iter()
                .map(|(name, hidden)| (Some(name), hidden))
                .collect())
        }
        _ => Ok(vec![(None, false)]),
    }
}

/// A file's extension, lower case.
pub(crate) fn extension(path: &Path) -> Option<String> {
    path.extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
}

/// The name of a file as shown in messages: the file name only, through the guard
/// ([`names::file_name`]).
pub fn display_name(path: &Path) -> String {
    names::file_name(path)
}

/// Extensions accepted for a table, in order of preference.
pub const TABLE_EXTENSIONS: &[&str] = &["xlsx", "xls", "ods", "csv"];

/// Finds the input called `stem` (e.g. `rapporter`) in `dir` with one of `extensions`
/// (file names compared case-insensitively). More than one candidate is an error: the tool
/// never guesses which file the controller meant.
pub fn find_input(dir: &Path, stem: &str, extensions: &[&str]) -> Result<Option<PathBuf>> {
    let mut found = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(|e| {
        anyhow::anyhow!(
            "kan inte läsa mappen {}: {}",
            names::path(dir),
            io_reason(&e)
        )
    })?;
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let lower = name.to_lowercase();
        if extensions
            .iter()
            .any(|ext| lower == format!("{stem}.{ext}"))
            && entry.path().is_file()
        {
            found.push(entry.path());
        }
    }
    found.sort();
    match found.len() {
        0 => Ok(None),
        1 => Ok(found.pop()),
        _ => {
            let names: Vec<String> = found.iter().map(|p| display_name(p)).collect();
            bail!(
                "flera filer kan vara {stem}: {}. Behåll en av dem i {}.",
                names.join(", "),
                names::path(dir)
            )
        }
    }
}

/// An I/O error's reason in Swedish, for the common cases.
pub fn io_reason(err: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match err.kind() {
        ErrorKind::NotFound => "finns inte".into(),
        ErrorKind::PermissionDenied => "saknar behörighet".into(),
        ErrorKind::InvalidData => "ogiltigt innehåll".into(),
        ErrorKind::UnexpectedEof => "filen tar slut oväntat".into(),
        _ => format!("in/ut-fel ({})", err.kind()),
    }
}
