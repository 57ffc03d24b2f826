//! The short list inputs a nämnd accounts for besides the register: ej verkställda beslut
//! (`ej_verkstallda`), egenkontroller (`egenkontroll`) and IVO:s tillsyn (`ivo_tillsyn`). Each is
//! optional; each is read with the shared column reader (header aliases, located findings, the
//! personal-data guard) and gives typed rows that remember the row they came from.

pub mod decisions;
pub mod self_checks;
pub mod supervision;

use std::path::Path;

use anyhow::Result;

use crate::diagnostics::{Findings, Reconciliation};
use crate::ingest::headers::ColumnSpec;
use crate::ingest::{TABLE_EXTENSIONS, find_input};
use crate::model::indicators::columns::{Reject, RowView, read_table, reject};
use crate::settings::Settings;

pub use decisions::{Decision, Law};
pub use self_checks::SelfCheck;
pub use supervision::Supervision;

/// One list input as read: its rows, the file's name, its findings and counts.
#[derive(Debug)]
pub struct List<T> {
    pub rows: Vec<T>,
    /// The file as the findings name it ("ej_verkstallda.xlsx").
    pub file: String,
    pub findings: Findings,
    pub reconciliation: Reconciliation,
}

impl<T> Default for List<T> {
    fn default() -> Self {
        List {
            rows: Vec::new(),
            file: String::new(),
            findings: Findings::default(),
            reconciliation: Reconciliation::default(),
        }
    }
}

impl<T> List<T> {
    /// Reads the list input at `path` with the shared column reader: `make` turns each row into
    /// an item, given the items read so far (to find a copy of an earlier row).
    fn read(
        path: &Path,
        stem: &str,
        specs: &[ColumnSpec],
        settings: &Settings,
        mut make: impl FnMut(&RowView<'_, '_>, &mut Findings, &[T]) -> Result<T, Reject>,
    ) -> Result<List<T>> {
        let mut rows = Vec::new();
        let mut on_row = |row: &RowView<'_, '_>, findings: &mut Findings| -> Result<(), Reject> {
            let item = make(row, findings, &rows)?;
            rows.push(item);
            Ok(())
        };
        let read = read_table(path, stem, specs, settings, &mut on_row)?;
        Ok(List {
            rows,
            file: read.reconciliation.file.clone(),
            findings: read.findings,
            reconciliation: read.reconciliation,
        })
    }

    /// Whether the file could be read as this input at all (a header with every required
    /// column); a wrong or empty file cannot.
    pub fn usable(&self) -> bool {
        !self.findings.has_fatal()
    }
}

/// The rejection of a row that copies row `first` (`same` says in what: "samma Id och
/// kvartal"), at column `spec`.
fn copy_of(spec: usize, same: &str, first: u32) -> Reject {
    reject(
        spec,
        "dubblett",
        format!("{same} som rad {first}; raden används inte"),
    )
}

/// The list inputs of a data folder; each `None` when its file is not there.
#[derive(Debug, Default)]
pub struct Lists {
    pub decisions: Option<List<Decision>>,
    pub self_checks: Option<List<SelfCheck>>,
    pub supervision: Option<List<Supervision>>,
}

impl Lists {
    /// Reads every list input found in `dir`.
    pub fn load(dir: &Path, settings: &Settings) -> Result<Lists> {
        Ok(Lists {
            decisions: read_if(dir, decisions::STEM, settings, decisions::read)?,
            self_checks: read_if(dir, self_checks::STEM, settings, self_checks::read)?,
            supervision: read_if(dir, supervision::STEM, settings, supervision::read)?,
        })
    }

    /// Each input's findings.
    pub fn findings(&self) -> Vec<&Findings> {
        let mut out = Vec::new();
        if let Some(l) = &self.decisions {
            out.push(&l.findings);
        }
        if let Some(l) = &self.self_checks {
            out.push(&l.findings);
        }
        if let Some(l) = &self.supervision {
            out.push(&l.findings);
        }
        out
    }

    /// Each input's counts of rows.
    pub fn reconciliation(&self) -> Vec<Reconciliation> {
        let mut out = Vec::new();
        if let Some(l) = &self.decisions {
            out.push(l.reconciliation.clone());
        }
        if let Some(l) = &self.self_checks {
            out.push(l.reconciliation.clone());
        }
        if let Some(l) = &self.supervision {
            out.push(l.reconciliation.clone());
        }
        out
    }

    /// The files that cannot be read as their input, by name.
    pub fn unusable(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(l) = self.decisions.as_ref().filter(|l| !l.usable()) {
            out.push(l.file.clone());
        }
        if let Some(l) = self.self_checks.as_ref().filter(|l| !l.usable()) {
            out.push(l.file.clone());
        }
        if let Some(l) = self.supervision.as_ref().filter(|l| !l.usable()) {
            out.push(l.file.clone());
        }
        out
    }
}

type Reader<T> = fn(&Path, &Settings) -> Result<List<T>>;

fn read_if<T>(
    dir: &Path,
    stem: &str,
    settings: &Settings,
    read: Reader<T>,
) -> Result<Option<List<T>>> {
    match find_input(dir, stem, TABLE_EXTENSIONS)? {
        Some(path) => read(&path, settings).map(Some),
        None => Ok(None),
    }
}

/// The text of a category cell, trimmed; `None` when empty.
pub(crate) fn text(cell: &crate::ingest::RawCell<'_>) -> Option<String> {
    cell.as_key()
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|s| !s.is_empty())
}

/// A quarter ("2025 K1", "K1 2025", "2025-Q1", "kvartal 1 2025", "2025:1"), or the quarter of
/// a date in it: (year, 1–4).
pub fn parse_quarter(cell: &crate::ingest::RawCell<'_>) -> Option<(i32, u32)> {
    use chrono::Datelike;
    if let Some(t) = cell.as_text()
        && let Some(q) = quarter_text(t)
    {
        return Some(q);
    }
    match crate::ingest::cell::parse_date(cell) {
        Ok(Some(d)) => Some((d.year(), d.month0() / 3 + 1)),
        _ => None,
    }
}

fn quarter_text(text: &str) -> Option<(i32, u32)> {
    // A boundary between digits and letters separates words: "2025K1" is "2025 K1".
    let mut spaced = String::new();
    let mut last: Option<char> = None;
    for c in text.to_lowercase().chars() {
        if let Some(l) = last
            && l.is_ascii_digit()
            && c.is_alphabetic()
        {
            spaced.push(' ');
        }
        spaced.push(c);
        last = Some(c);
    }
    let (mut year, mut quarter) = (None, None);
    for token in spaced
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
    {
        if token.len() == 4 && token.bytes().all(|b| b.is_ascii_digit()) {
            if year.replace(token.parse().ok()?).is_some() {
                return None;
            }
            continue;
        }
        let digits = token.trim_start_matches(char::is_alphabetic);
        let word = &token[..token.len() - digits.len()];
        if !matches!(word, "" | "k" | "q" | "kv" | "kvartal") {
            return None;
        }
        if digits.is_empty() {
            continue;
        }
        let n: u32 = digits.parse().ok()?;
        if !(1..=4).contains(&n) || quarter.replace(n).is_some() {
            return None;
        }
    }
    Some((year?, quarter?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::RawCell;

    #[test]
    fn quarters_are_read_in_the_forms_controllers_write() {
        for s in [
            "2025 K1",
            "2025-K1",
            "K1 2025",
            "2025K1",
            "2025 Q1",
            "Q1-2025",
            "Kvartal 1 2025",
            "2025:1",
            "kv1 2025",
        ] {
            assert_eq!(parse_quarter(&RawCell::text(s)), Some((2025, 1)), "{s}");
        }
        assert_eq!(parse_quarter(&RawCell::text("2024 K4")), Some((2024, 4)));
        assert_eq!(parse_quarter(&RawCell::text("2025-09-30")), Some((2025, 3)));
        for s in ["2025 K5", "2025", "K1", "2025 K1 K2", "Anna 2025 K1", ""] {
            assert_eq!(parse_quarter(&RawCell::text(s)), None, "{s}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 64,
            failure_persistence: None,
            ..proptest::prelude::ProptestConfig::default()
        })]

        #[test]
        fn every_written_form_of_a_quarter_reads_back(year in 1900i32..=2100, q in 1u32..=4, form in 0usize..6) {
            let text = match form {
                0 => format!("{year} K{q}"),
                1 => format!("K{q} {year}"),
                2 => format!("{year}-Q{q}"),
                3 => format!("kvartal {q} {year}"),
                4 => format!("{year}:{q}"),
                _ => format!("{year}K{q}"),
            };
            proptest::prop_assert_eq!(parse_quarter(&RawCell::text(&text)), Some((year, q)));
        }
    }
}
