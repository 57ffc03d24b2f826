//! The register's row visitor: finds the header, keeps the columns a table may use, and
//! collects records row by row (each row's fields are read in [`super::row`] and
//! [`super::fields`]); after the last row it rejects duplicate ids and notes Förvaltning and
//! Enhet names spelled in more than one way. Never copies a cell's text into a message.

use rustc_hash::FxHashMap as HashMap;

use super::Register;
use super::columns::{DEPARTMENT, DIMS, ID, SPECS, UNIT};
use crate::base::Loc;
use crate::diagnostics::{Findings, Severity};
use crate::ingest::headers::{ColumnSpec, match_headers};
use crate::ingest::layout::{Layout, check_header};
use crate::ingest::{self, RawCell, Source, TableVisitor};
use crate::model::spellings::Spellings;
use crate::model::{Assessment, LabelSet, Record, Status};
use crate::settings::Settings;
use crate::text::fold;

/// The message for a column whose cell holds a spreadsheet error value (`#REF!`): the
/// formula behind it broke, so the value is not missing but unknown.
pub(super) fn error_value(column: &str, instead: &str) -> String {
    format!(
        "{column} innehåller ett felvärde (till exempel #REF! eller #N/A) från en formel som inte kunde räknas, inget värde; {instead}"
    )
}

/// Remembers what a cell text parsed to: a register repeats a handful of category values over
/// hundreds of thousands of rows, so each distinct text is folded and matched once.
pub(super) struct Memo<T>(HashMap<Box<str>, T>);

impl<T: Clone> Memo<T> {
    pub(super) fn new() -> Self {
        Memo(HashMap::default())
    }

    pub(super) fn get(&mut self, text: &str, parse: impl FnOnce(&str) -> T) -> T {
        if let Some(v) = self.0.get(text) {
            return v.clone();
        }
        let v = parse(text);
        self.0.insert(text.into(), v.clone());
        v
    }
}

/// The text of a cell for matching: borrowed for text cells, formatted for numbers.
pub(super) fn key<'c>(cell: &'c RawCell<'_>) -> Option<std::borrow::Cow<'c, str>> {
    match cell.as_text() {
        Some(t) => Some(std::borrow::Cow::Borrowed(t)),
        None => cell.as_key().map(std::borrow::Cow::Owned),
    }
}

pub(super) struct Loader<'a> {
    pub(super) settings: &'a Settings,
    pub(super) specs: &'a [ColumnSpec],
    pub(super) reg: Register,
    /// Where the columns are, once the header row is found.
    pub(super) layout: Option<Layout>,
    pub(super) kinds: Memo<Option<super::types::TypeOf>>,
    /// Why a Typ text that is no type is rejected, per text (the suggestion is costly); only
    /// texts of kept findings, so at most the cap of them.
    pub(super) unknown_kinds: Memo<String>,
    pub(super) assessments: Memo<Option<Assessment>>,
    pub(super) statuses: Memo<Option<Status>>,
    pub(super) yes_no: Memo<Result<Option<bool>, crate::ingest::cell::CellError>>,
    pub(super) labels: [Memo<(LabelSet, Option<Option<String>>)>; 2],
    pub(super) causes_folded: Vec<String>,
    pub(super) actions_folded: Vec<String>,
    pub(super) event_types_folded: Vec<String>,
    /// Förvaltning and Enhet: names differing only in case or spacing are one.
    pub(super) spellings: [Spellings; 2],
    /// The workbook counts its date numbers from 1904.
    pub(super) dates_from_1904: bool,
    /// Regi, Lagrum and Verksamhetsområde, the same way.
    pub(super) dim_spellings: [Spellings; 3],
    /// Each cell text of Regi, Lagrum and Verksamhetsområde already read, and its symbol: a
    /// register repeats a handful of values, so each is made canonical once.
    pub(super) dim_seen: [HashMap<Box<str>, crate::model::Sym>; 3],
    /// The Typ words of `[typer]` in kvalitet.toml (folded) and the built-in word each means.
    pub(super) type_aliases: HashMap<String, String>,
}

impl<'a> Loader<'a> {
    pub(super) fn new(settings: &'a Settings, specs: &'a [ColumnSpec]) -> Self {
        let causes = settings.kategorier.bakomliggande_orsak.clone();
        let actions = settings.kategorier.atgard.clone();
        Loader {
            settings,
            specs,
            causes_folded: causes.iter().map(|c| fold(c)).collect(),
            actions_folded: actions.iter().map(|c| fold(c)).collect(),
            event_types_folded: settings
                .kategorier
                .handelsetyp
                .iter()
                .map(|c| fold(c))
                .collect(),
            reg: Register {
                causes,
                actions,
                loaded: true,
                ..Register::default()
            },
            layout: None,
            kinds: Memo::new(),
            unknown_kinds: Memo::new(),
            assessments: Memo::new(),
            statuses: Memo::new(),
            yes_no: Memo::new(),
            labels: [Memo::new(), Memo::new()],
            spellings: Default::default(),
            dates_from_1904: false,
            dim_spellings: Default::default(),
            dim_seen: Default::default(),
            type_aliases: super::types::aliases(settings),
        }
    }

    pub(super) fn loc(&self, row: u32, spec: usize) -> Loc {
        self.layout
            .as_ref()
            .expect("header accepted before rows")
            .loc(row, spec)
    }
}

impl TableVisitor for Loader<'_> {
    fn header(&mut self, source: &Source, row: u32, cells: &[RawCell]) -> bool {
        let mut m = match_headers(self.specs, &self.settings.kolumner, cells);
        verksamhet_beside_enhet(&mut m, cells);
        let required = self.specs.iter().filter(|s| s.required).count();
        let required_found = self
            .specs
            .iter()
            .zip(&m.found)
            .filter(|(s, f)| s.required && f.is_some())
            .count();
        // A header row matches at least two known columns (a title row matches none).
        if m.matched() < 2 && required_found < required {
            return false;
        }
        // Regi, Lagrum and Verksamhetsområde are extras few registers have: no notice when
        // they are absent (checked as if never read).
        let mut checked = self.specs.to_vec();
        for i in DIMS {
            checked[i].free_text = true;
        }
        if !check_header(&checked, &m, source, row, true, &mut self.reg.findings) {
            self.reg.usable = false;
        }
        self.reg.present = m.found.iter().map(Option::is_some).collect();
        self.layout = Some(Layout::new(source, m, cells));
        true
    }

    fn header_matches(&self, cells: &[RawCell]) -> usize {
        match_headers(self.specs, &self.settings.kolumner, cells).matched()
    }

    fn keep_column(&self, col: usize) -> bool {
        self.layout.as_ref().is_some_and(|l| {
            l.header
                .found
                .iter()
                .enumerate()
                .any(|(i, f)| *f == Some(col) && !self.specs[i].free_text)
        })
    }

    fn findings(&mut self) -> &mut Findings {
        &mut self.reg.findings
    }

    fn dates_from_1904(&mut self) {
        self.dates_from_1904 = true;
    }

    fn malformed_row(&mut self, loc: Loc, reason: String) {
        self.reg.reconciliation.read += 1;
        self.reg.reconciliation.rejected += 1;
        self.reg
            .findings
            .push(ingest::MALFORMED, Severity::Rejected, loc, reason);
    }

    fn row(&mut self, row: u32, cells: &[RawCell]) {
        self.reg.reconciliation.read += 1;
        if !self.reg.usable {
            self.reg.reconciliation.rejected += 1;
            return;
        }
        match self.record(row, cells) {
            Some(rec) => {
                self.reg.reconciliation.used += 1;
                self.reg.records.push(rec);
            }
            None => self.reg.reconciliation.rejected += 1,
        }
    }
}

/// "Verksamhet" means Enhet in a register without an Enhet column; beside one it is the
/// Verksamhetsområde the enhet belongs to.
fn verksamhet_beside_enhet(m: &mut crate::ingest::headers::HeaderMatch, cells: &[RawCell]) {
    let area = DIMS[crate::model::Dim::Area.index()];
    if m.found[area].is_some() {
        return;
    }
    let is_verksamhet = |col: usize| {
        cells
            .get(col)
            .and_then(RawCell::as_key)
            .is_some_and(|h| fold(&h) == "verksamhet")
    };
    let Some(k) = m
        .duplicates
        .iter()
        .position(|&(spec, a, b)| spec == UNIT && (is_verksamhet(a) || is_verksamhet(b)))
    else {
        return;
    };
    let (_, a, b) = m.duplicates.remove(k);
    let (unit, verksamhet) = if is_verksamhet(a) { (b, a) } else { (a, b) };
    m.found[UNIT] = Some(unit);
    m.found[area] = Some(verksamhet);
}

impl Loader<'_> {
    /// One notice for every Förvaltning or Enhet written in more than one way.
    pub(super) fn notice_spellings(&mut self) {
        for (i, spec) in [(0, DEPARTMENT), (1, UNIT)] {
            let notices: Vec<(u32, String)> = self.spellings[i]
                .merged()
                .iter()
                .map(|m| {
                    let names: Vec<String> = m
                        .spellings
                        .iter()
                        .map(|s| format!("\"{}\"", crate::base::names::shown(s)))
                        .collect();
                    (
                        m.row,
                        format!(
                            "{} skrivs på {} sätt som bara skiljer sig i stora och små bokstäver eller mellanslag ({}); de räknas som en och visas som {}",
                            SPECS[spec].name,
                            names.len(),
                            names.join(", "),
                            names[0]
                        ),
                    )
                })
                .collect();
            for (row, msg) in notices {
                let loc = self.loc(row, spec);
                self.reg
                    .findings
                    .push("stavning", Severity::Notice, loc, msg);
            }
        }
    }

    /// Rejects every row whose Id an earlier row already has. Done once at the end, by
    /// sorting, so that no second copy of 500 000 ids is held while reading.
    pub(super) fn reject_duplicates(&mut self) {
        let records = &self.reg.records;
        // The first row of every Id (a hash, not a sort: half a million Ids in a few ms).
        let mut first: rustc_hash::FxHashMap<&str, u32> = rustc_hash::FxHashMap::default();
        first.reserve(records.len());
        for r in records {
            first
                .entry(&r.id)
                .and_modify(|row| *row = (*row).min(r.row))
                .or_insert(r.row);
        }
        let duplicate_of: Vec<Option<u32>> = records
            .iter()
            .map(|r| first.get(&*r.id).copied().filter(|&row| row != r.row))
            .collect();
        let rejected: Vec<(u32, u32)> = records
            .iter()
            .zip(&duplicate_of)
            .filter_map(|(r, d)| d.map(|first| (r.row, first)))
            .collect();
        if rejected.is_empty() {
            return;
        }
        for (row, first) in &rejected {
            let loc = self.loc(*row, ID);
            self.reg.findings.push(
                "dubblett",
                Severity::Rejected,
                loc,
                format!("samma Id som rad {first}; raden räknas bara en gång"),
            );
        }
        let mut keep = duplicate_of.iter().map(Option::is_none);
        self.reg.records.retain(|_| keep.next().unwrap_or(true));
        self.reg.reconciliation.used -= rejected.len() as u64;
        self.reg.reconciliation.rejected += rejected.len() as u64;
    }

    pub(super) fn cell<'c>(&self, cells: &'c [RawCell<'c>], spec: usize) -> &'c RawCell<'c> {
        static EMPTY: RawCell<'static> = RawCell::Empty;
        match &self.layout {
            Some(l) => l.cell(cells, spec),
            None => &EMPTY,
        }
    }

    pub(super) fn reject(
        &mut self,
        kind: &'static str,
        row: u32,
        spec: usize,
        msg: String,
    ) -> Option<Record> {
        self.finding(kind, Severity::Rejected, row, spec, msg);
        None
    }

    pub(super) fn warn(&mut self, kind: &'static str, row: u32, spec: usize, msg: String) {
        self.finding(kind, Severity::Warning, row, spec, msg);
    }

    /// A finding, located only when it is kept: past the cap of its kind only counted, so a
    /// register of many rejected rows costs little more per row than one of good rows.
    fn finding(
        &mut self,
        kind: &'static str,
        severity: Severity,
        row: u32,
        spec: usize,
        msg: String,
    ) {
        if self.reg.findings.keeps(kind) {
            let loc = self.loc(row, spec);
            self.reg.findings.push(kind, severity, loc, msg);
        } else {
            self.reg.findings.count_only(kind, severity);
        }
    }
}
