//! Reading survey tables. Each table (sheet or CSV file) is recognised by its header: answers
//! (Fråga, Svarsalternativ, Antal), an option list without counts (for raw answers), urval and
//! antal svar, or raw answers (one row per respondent, one column per question). Every row is
//! used or rejected with a located reason; no cell value is copied into a message.

use std::path::{Path, PathBuf};

use anyhow::Result;
use rustc_hash::FxHashMap as HashMap;

use super::Surveys;
use super::collected::{Collected, Origin, assemble};
use super::columns::{COUNT, Kind, SPECS, SURVEY, YEAR};
use super::shares::{self, Shares};
use crate::base::Loc;
use crate::diagnostics::{Findings, Reconciliation, Severity};
use crate::ingest::cell::parse_year;
use crate::ingest::headers::match_headers;
use crate::ingest::layout::{Layout, check_header};
use crate::ingest::{self, RawCell, Source, Streamed, TableVisitor};
use crate::settings::Settings;
use crate::text::fold;

/// The finding kind of a hidden sheet that is not read.
pub const HIDDEN_SHEET: &str = "dolt-blad";

/// Reads `files` (every visible sheet of every workbook): first all aggregated tables and option
/// lists, then raw answers, which need the option lists to know their questions.
pub fn read(files: &[PathBuf], settings: &Settings) -> Result<Surveys> {
    let mut coll = Collected {
        usable: true,
        ..Collected::default()
    };
    for path in files {
        for (sheet, hidden) in ingest::tables(path)? {
            match hidden {
                // A hidden sheet is most often an old or filtered copy: read, it would count
                // the same answers twice.
                true => coll.findings.push(
                    HIDDEN_SHEET,
                    Severity::Notice,
                    Loc {
                        sheet: sheet.map(|s| crate::base::names::shown(&s).into_owned()),
                        ..Loc::file(ingest::display_name(path))
                    },
                    "bladet är dolt och läses inte; gör det synligt om det ska räknas".into(),
                ),
                false => stream_table(path, sheet, settings, &mut coll, false)?,
            }
        }
    }
    for (path, sheet) in std::mem::take(&mut coll.deferred) {
        stream_table(&path, sheet, settings, &mut coll, true)?;
    }
    Ok(assemble(coll))
}

fn stream_table(
    path: &Path,
    sheet: Option<String>,
    settings: &Settings,
    coll: &mut Collected,
    raw_pass: bool,
) -> Result<()> {
    let hint = sheet.clone().unwrap_or_default();
    let mut reader = TableReader {
        settings,
        coll,
        raw_pass,
        kind: None,
        layout: None,
        usable: true,
        question_cols: Vec::new(),
        recon: Reconciliation::default(),
        path: path.to_path_buf(),
        sheet: sheet.clone(),
        shares: Shares::default(),
    };
    let streamed = ingest::stream(path, &hint, &mut reader)?;
    let shares = std::mem::take(&mut reader.shares);
    let label = table_label(path, sheet.as_deref());
    let TableReader {
        kind, recon, coll, ..
    } = reader;
    if shares.are_fractions() {
        for k in &shares.keys {
            let opt = coll
                .entry(&k.name, k.year)
                .question(&k.question)
                .option(&k.label);
            opt.national = opt.national.map(|r| r.scale(100));
        }
        if let Some(loc) = shares.first {
            coll.findings
                .push(shares::NOTICE, Severity::Notice, loc, Shares::notice());
        }
    }
    match streamed {
        Streamed::Read(_) if kind == Some(Kind::Raw) && !raw_pass => {}
        Streamed::Read(_) => coll.reconciliation.push(Reconciliation {
            file: label,
            ..recon
        }),
        Streamed::NoHeader(src) => coll.findings.push(
            "rubrikrad",
            Severity::Notice,
            src.loc(),
            format!(
                "hittade ingen rubrikrad för en brukarundersökning bland de första {} raderna; tabellen läses inte",
                ingest::HEADER_SEARCH_ROWS
            ),
        ),
    }
    Ok(())
}

fn table_label(path: &Path, sheet: Option<&str>) -> String {
    let file = ingest::display_name(path);
    match sheet {
        Some(s) => format!("{file} › {}", crate::base::names::shown(s)),
        None => file,
    }
}

pub(super) struct TableReader<'a> {
    pub(super) settings: &'a Settings,
    pub(super) coll: &'a mut Collected,
    pub(super) raw_pass: bool,
    pub(super) kind: Option<Kind>,
    pub(super) layout: Option<Layout>,
    pub(super) usable: bool,
    /// Raw answers: the columns that are questions, with the question's folded text.
    pub(super) question_cols: Vec<(usize, String)>,
    pub(super) recon: Reconciliation,
    pub(super) path: PathBuf,
    pub(super) sheet: Option<String>,
    pub(super) shares: Shares,
}

/// A row's survey and year, or why they could not be read.
pub(super) type Key = (String, i32);

impl TableReader<'_> {
    pub(super) fn layout(&self) -> &Layout {
        self.layout.as_ref().expect("header accepted before rows")
    }

    pub(super) fn label(&self) -> String {
        table_label(&self.path, self.sheet.as_deref())
    }

    pub(super) fn push(
        &mut self,
        kind: &'static str,
        severity: Severity,
        row: u32,
        spec: usize,
        msg: String,
    ) {
        let loc = self.layout().loc(row, spec);
        self.coll.findings.push(kind, severity, loc, msg);
    }

    /// Rejects the row; always `None`.
    pub(super) fn reject<T>(
        &mut self,
        kind: &'static str,
        row: u32,
        spec: usize,
        msg: String,
    ) -> Option<T> {
        self.push(kind, Severity::Rejected, row, spec, msg);
        None
    }

    pub(super) fn text(&self, cells: &[RawCell], spec: usize) -> Option<String> {
        self.layout()
            .cell(cells, spec)
            .as_key()
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
    }

    pub(super) fn key(&mut self, row: u32, cells: &[RawCell]) -> Option<Key> {
        let Some(name) = self.text(cells, SURVEY) else {
            return self.reject(
                "undersokning-saknas",
                row,
                SURVEY,
                "Undersökning saknas; raden räknas inte".into(),
            );
        };
        if crate::model::example::is_example(&name) {
            self.push(
                "exempelrad",
                Severity::Warning,
                row,
                SURVEY,
                crate::model::example::EXAMPLE_WARNING.into(),
            );
        }
        let Ok(year) = parse_year(self.layout().cell(cells, YEAR)) else {
            return self.reject(
                "ar",
                row,
                YEAR,
                "År saknas eller är inget årtal (1900–2100); raden räknas inte".into(),
            );
        };
        Some((name, year))
    }

    pub(super) fn origin(&self, row: u32) -> Origin {
        Origin {
            table: self.label(),
            row,
        }
    }
}

impl TableVisitor for TableReader<'_> {
    fn header(&mut self, source: &Source, row: u32, cells: &[RawCell]) -> bool {
        let m = match_headers(&SPECS, &self.settings.kolumner, cells);
        if m.matched() < 2 {
            return false;
        }
        let Some(kind) = Kind::of(&m.found) else {
            return false;
        };
        self.kind = Some(kind);
        let layout = Layout::new(source, m, cells);
        if kind == Kind::Raw && !self.raw_pass {
            self.coll
                .deferred
                .push((self.path.clone(), self.sheet.clone()));
            self.layout = Some(layout);
            self.usable = false;
            return true;
        }
        let mut specs = SPECS;
        for &i in kind.required() {
            specs[i].required = true;
        }
        let ok = check_header(
            &specs,
            &layout.header,
            source,
            row,
            false,
            &mut self.coll.findings,
        );
        if kind == Kind::Options
            && let Some((col, h)) = layout.header.near_miss(&SPECS[COUNT])
        {
            let loc = layout.loc_col(row, Some(*col));
            self.coll.findings.push(
                "kolumn-liknar",
                Severity::Warning,
                loc,
                format!(
                    "rubriken \"{h}\" liknar \"Antal\": menade du \"Antal\"? Utan Antal läses tabellen som en lista med svarsalternativ"
                ),
            );
        }
        if kind == Kind::Raw {
            self.question_cols = raw_questions(&layout, &self.coll.questions);
            for (col, header) in &layout.header.unknown {
                if !self.question_cols.iter().any(|(c, _)| c == col) {
                    let loc = layout.loc_col(row, Some(*col));
                    self.coll.findings.push(
                        "ingen-fraga",
                        Severity::Notice,
                        loc,
                        format!(
                            "kolumnen \"{header}\" är ingen fråga i listan med svarsalternativ och läses inte"
                        ),
                    );
                }
            }
        }
        if !ok {
            self.coll.usable = false;
        }
        self.usable = ok;
        self.layout = Some(layout);
        true
    }

    fn keep_column(&self, col: usize) -> bool {
        let (Some(kind), Some(layout)) = (self.kind, &self.layout) else {
            return false;
        };
        if !self.usable {
            return false;
        }
        kind.columns().iter().any(|&i| layout.col(i) == Some(col))
            || self.question_cols.iter().any(|(c, _)| *c == col)
    }

    fn findings(&mut self) -> &mut Findings {
        &mut self.coll.findings
    }

    fn malformed_row(&mut self, loc: crate::base::Loc, reason: String) {
        if self.kind == Some(Kind::Raw) && !self.raw_pass {
            return;
        }
        self.recon.read += 1;
        self.recon.rejected += 1;
        self.coll
            .findings
            .push(crate::ingest::MALFORMED, Severity::Rejected, loc, reason);
    }

    fn row(&mut self, row: u32, cells: &[RawCell]) {
        let Some(kind) = self.kind else { return };
        if kind == Kind::Raw && !self.raw_pass {
            return;
        }
        self.recon.read += 1;
        if !self.usable {
            self.recon.rejected += 1;
            return;
        }
        let used = match kind {
            Kind::Answers => self.option_row(row, cells, true),
            Kind::Options => self.option_row(row, cells, false),
            Kind::Sample => self.sample_row(row, cells),
            Kind::Raw => self.raw_row(row, cells),
        };
        match used {
            Some(()) => self.recon.used += 1,
            None => self.recon.rejected += 1,
        }
    }
}

/// The columns of a raw table whose header is a question of some option list.
fn raw_questions(layout: &Layout, questions: &HashMap<String, ()>) -> Vec<(usize, String)> {
    layout
        .header
        .unknown
        .iter()
        .map(|(col, header)| (*col, fold(header)))
        .filter(|(_, key)| questions.contains_key(key))
        .collect()
}
