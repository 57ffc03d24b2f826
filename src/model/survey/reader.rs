//! Reading survey tables. Each table (sheet or CSV file) is recognised by its header: answers
//! (Fråga, Svarsalternativ, Antal), an option list without counts (for raw answers), urval and
//! antal svar, or raw answers (one row per respondent, one column per question). Every row is
//! used or rejected with a located reason; no cell value is copied into a message.

use std::path::{Path, PathBuf};

use anyhow::Result;
use rustc_hash::FxHashMap as HashMap;

use super::shares::{self, Shares};
use super::{AnswerOption, Question, Survey, Surveys};
use crate::base::Ratio;
use crate::diagnostics::{Findings, Loc, Reconciliation, Severity};
use crate::ingest::cell::{parse_number, parse_year};
use crate::ingest::headers::optional_column as spec;
use crate::ingest::headers::{ColumnSpec, match_headers};
use crate::ingest::layout::{Layout, check_header};
use crate::ingest::{self, RawCell, Source, Streamed, TableVisitor};
use crate::settings::Settings;
use crate::text::{fold, suggest};

const SURVEY: usize = 0;
const YEAR: usize = 1;
const QUESTION: usize = 2;
const OPTION: usize = 3;
const COUNT: usize = 4;
const NATIONAL: usize = 5;
const SAMPLE: usize = 6;
const RESPONDENTS: usize = 7;

/// The survey tables' columns, with aliases seen in SKR's portal and municipal exports.
pub const SPECS: [ColumnSpec; 8] = [
    spec(
        "Undersökning",
        &[
            "Enkät",
            "Undersökningsområde",
            "Område",
            "Verksamhetsområde",
        ],
    ),
    spec(
        "År",
        &["År för undersökningen", "Undersökningsår", "Period"],
    ),
    spec("Fråga", &["Frågetext", "Frågan"]),
    spec(
        "Svarsalternativ",
        &["Alternativ", "Svar", "Svarsalternativet"],
    ),
    spec("Antal", &["Antal personer", "Antal per alternativ"]),
    spec(
        "Nationellt (%)",
        &[
            "Nationellt",
            "Nationell andel",
            "Nationell andel (%)",
            "Riket",
            "Riket (%)",
        ],
    ),
    spec(
        "Urval",
        &[
            "Antal i urvalet",
            "Antal tillfrågade",
            "Tillfrågade",
            "Utskick",
        ],
    ),
    spec(
        "Antal svar",
        &[
            "Svarande",
            "Antal svarande",
            "Inkomna svar",
            "Antal inkomna svar",
        ],
    ),
];

/// What a table holds, decided by its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Answers,
    Options,
    Sample,
    Raw,
}

impl Kind {
    fn of(found: &[Option<usize>]) -> Option<Kind> {
        let has = |i: usize| found[i].is_some();
        if has(QUESTION) && has(OPTION) {
            Some(if has(COUNT) {
                Kind::Answers
            } else {
                Kind::Options
            })
        } else if has(SAMPLE) || has(RESPONDENTS) {
            Some(Kind::Sample)
        } else if has(SURVEY) && has(YEAR) {
            Some(Kind::Raw)
        } else {
            None
        }
    }

    fn required(self) -> &'static [usize] {
        match self {
            Kind::Answers => &[SURVEY, YEAR, QUESTION, OPTION, COUNT],
            Kind::Options => &[SURVEY, YEAR, QUESTION, OPTION],
            Kind::Sample | Kind::Raw => &[SURVEY, YEAR],
        }
    }

    fn columns(self) -> &'static [usize] {
        match self {
            Kind::Answers => &[SURVEY, YEAR, QUESTION, OPTION, COUNT, NATIONAL],
            Kind::Options => &[SURVEY, YEAR, QUESTION, OPTION, NATIONAL],
            Kind::Sample => &[SURVEY, YEAR, SAMPLE, RESPONDENTS],
            Kind::Raw => &[SURVEY, YEAR],
        }
    }
}

/// Where a value was first given, for "same as row N" messages.
#[derive(Debug, Clone)]
struct Origin {
    table: String,
    row: u32,
}

impl Origin {
    fn describe(&self, table: &str) -> String {
        if self.table == table {
            format!("rad {}", self.row)
        } else {
            format!("rad {} i {}", self.row, self.table)
        }
    }
}

#[derive(Debug)]
struct OptionEntry {
    label: String,
    count: Option<(i64, Origin)>,
    listed: Option<Origin>,
    national: Option<Ratio>,
}

#[derive(Debug)]
struct QuestionEntry {
    text: String,
    options: Vec<OptionEntry>,
    index: HashMap<String, usize>,
}

impl QuestionEntry {
    fn option(&mut self, label: &str) -> &mut OptionEntry {
        let key = fold(label);
        let i = *self.index.entry(key).or_insert_with(|| {
            self.options.push(OptionEntry {
                label: label.to_string(),
                count: None,
                listed: None,
                national: None,
            });
            self.options.len() - 1
        });
        &mut self.options[i]
    }
}

#[derive(Debug)]
struct Entry {
    name: String,
    year: i32,
    /// Position of the survey's name among all names, for the output order.
    name_order: usize,
    sample: Option<(Option<i64>, Option<i64>, Origin)>,
    questions: Vec<QuestionEntry>,
    index: HashMap<String, usize>,
    aggregated: bool,
    raw_rows: i64,
}

impl Entry {
    fn question(&mut self, text: &str) -> &mut QuestionEntry {
        let key = fold(text);
        let i = *self.index.entry(key).or_insert_with(|| {
            self.questions.push(QuestionEntry {
                text: text.to_string(),
                options: Vec::new(),
                index: HashMap::default(),
            });
            self.questions.len() - 1
        });
        &mut self.questions[i]
    }
}

/// What all tables have said so far.
#[derive(Debug, Default)]
struct Collected {
    entries: Vec<Entry>,
    index: HashMap<(String, i32), usize>,
    names: HashMap<String, usize>,
    /// Every question text (folded) of any option list or answer table.
    questions: HashMap<String, ()>,
    findings: Findings,
    reconciliation: Vec<Reconciliation>,
    usable: bool,
    deferred: Vec<(PathBuf, Option<String>)>,
}

impl Collected {
    fn entry(&mut self, name: &str, year: i32) -> &mut Entry {
        let key = fold(name);
        let order = self.names.len();
        let name_order = *self.names.entry(key.clone()).or_insert(order);
        let i = *self.index.entry((key, year)).or_insert_with(|| {
            self.entries.push(Entry {
                name: name.to_string(),
                year,
                name_order,
                sample: None,
                questions: Vec::new(),
                index: HashMap::default(),
                aggregated: false,
                raw_rows: 0,
            });
            self.entries.len() - 1
        });
        &mut self.entries[i]
    }

    fn find(&mut self, name: &str, year: i32) -> Option<&mut Entry> {
        let i = *self.index.get(&(fold(name), year))?;
        Some(&mut self.entries[i])
    }
}

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

struct TableReader<'a> {
    settings: &'a Settings,
    coll: &'a mut Collected,
    raw_pass: bool,
    kind: Option<Kind>,
    layout: Option<Layout>,
    usable: bool,
    /// Raw answers: the columns that are questions, with the question's folded text.
    question_cols: Vec<(usize, String)>,
    recon: Reconciliation,
    path: PathBuf,
    sheet: Option<String>,
    shares: Shares,
}

/// A row's survey and year, or why they could not be read.
type Key = (String, i32);

impl TableReader<'_> {
    fn layout(&self) -> &Layout {
        self.layout.as_ref().expect("header accepted before rows")
    }

    fn label(&self) -> String {
        table_label(&self.path, self.sheet.as_deref())
    }

    fn push(&mut self, kind: &'static str, severity: Severity, row: u32, spec: usize, msg: String) {
        let loc = self.layout().loc(row, spec);
        self.coll.findings.push(kind, severity, loc, msg);
    }

    /// Rejects the row; always `None`.
    fn reject<T>(&mut self, kind: &'static str, row: u32, spec: usize, msg: String) -> Option<T> {
        self.push(kind, Severity::Rejected, row, spec, msg);
        None
    }

    fn text(&self, cells: &[RawCell], spec: usize) -> Option<String> {
        self.layout()
            .cell(cells, spec)
            .as_key()
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
    }

    fn key(&mut self, row: u32, cells: &[RawCell]) -> Option<Key> {
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

    fn origin(&self, row: u32) -> Origin {
        Origin {
            table: self.label(),
            row,
        }
    }

    /// An answer row or an option-list row.
    fn option_row(&mut self, row: u32, cells: &[RawCell], with_count: bool) -> Option<()> {
        let (name, year) = self.key(row, cells)?;
        let Some(question) = self.text(cells, QUESTION) else {
            return self.reject(
                "fraga-saknas",
                row,
                QUESTION,
                "Fråga saknas; raden räknas inte".into(),
            );
        };
        let Some(label) = self.text(cells, OPTION) else {
            return self.reject(
                "alternativ-saknas",
                row,
                OPTION,
                "Svarsalternativ saknas; raden räknas inte".into(),
            );
        };
        let count = if with_count {
            match parse_count(self.layout().cell(cells, COUNT)) {
                Ok(Some(n)) => Some(n),
                Ok(None) => {
                    return self.reject(
                        "antal",
                        row,
                        COUNT,
                        "Antal saknas; skriv 0 om ingen valde alternativet. Raden räknas inte"
                            .into(),
                    );
                }
                Err(why) => {
                    return self.reject("antal", row, COUNT, format!("{why}; raden räknas inte"));
                }
            }
        } else {
            None
        };
        let national = match parse_percent(self.layout().cell(cells, NATIONAL)) {
            Ok(p) => p,
            Err(why) => {
                self.push(
                    "nationellt",
                    Severity::Warning,
                    row,
                    NATIONAL,
                    format!("{why}; den nationella andelen visas som –"),
                );
                None
            }
        };
        let origin = self.origin(row);
        let table = self.label();
        self.coll.questions.insert(fold(&question), ());
        let entry = self.coll.entry(&name, year);
        if with_count {
            entry.aggregated = true;
        }
        let opt = entry.question(&question).option(&label);
        let earlier = if with_count {
            opt.count.as_ref().map(|(_, o)| o.describe(&table))
        } else {
            opt.listed.as_ref().map(|o| o.describe(&table))
        };
        if let Some(earlier) = earlier {
            return self.reject(
                "dubblett",
                row,
                OPTION,
                format!(
                    "samma undersökning, år, fråga och svarsalternativ som {earlier}; raden räknas bara en gång"
                ),
            );
        }
        match count {
            Some(n) => opt.count = Some((n, origin)),
            None => opt.listed = Some(origin),
        }
        if national.is_some() {
            opt.national = national;
        }
        if let Some(value) = national {
            let key = shares::Key {
                name,
                year,
                question,
                label,
            };
            let cell = self.layout().cell(cells, NATIONAL);
            let loc = self.layout().loc(row, NATIONAL);
            self.shares.see(cell, value, key, || loc);
        }
        Some(())
    }

    fn sample_row(&mut self, row: u32, cells: &[RawCell]) -> Option<()> {
        let (name, year) = self.key(row, cells)?;
        let read = |spec: usize, this: &mut Self| match parse_count(this.layout().cell(cells, spec))
        {
            Ok(n) => Ok(n),
            Err(why) => {
                Err(this.reject::<()>("urval", row, spec, format!("{why}; raden räknas inte")))
            }
        };
        let Ok(sample) = read(SAMPLE, self) else {
            return None;
        };
        let Ok(respondents) = read(RESPONDENTS, self) else {
            return None;
        };
        if sample.is_none() && respondents.is_none() {
            return self.reject(
                "urval",
                row,
                SAMPLE,
                "varken Urval eller Antal svar är ifyllt; raden räknas inte".into(),
            );
        }
        if let (Some(s), Some(r)) = (sample, respondents)
            && r > s
        {
            self.push(
                "urval",
                Severity::Warning,
                row,
                RESPONDENTS,
                "fler svar än personer i urvalet; kontrollera Urval och Antal svar".into(),
            );
        }
        let origin = self.origin(row);
        let table = self.label();
        let entry = self.coll.entry(&name, year);
        if let Some((_, _, first)) = &entry.sample {
            let earlier = first.describe(&table);
            return self.reject(
                "dubblett",
                row,
                SURVEY,
                format!("samma undersökning och år som {earlier}; raden räknas bara en gång"),
            );
        }
        entry.sample = Some((sample, respondents, origin));
        Some(())
    }

    fn raw_row(&mut self, row: u32, cells: &[RawCell]) -> Option<()> {
        let (name, year) = self.key(row, cells)?;
        let has_list = self
            .coll
            .find(&name, year)
            .map(|e| (e.aggregated, !e.questions.is_empty()));
        match has_list {
            Some((true, _)) => {
                return self.reject(
                    "rada-och-sammanstallt",
                    row,
                    SURVEY,
                    "undersökningen finns redan som sammanställda svar (med Antal) för året; rådataraden räknas inte".into(),
                );
            }
            Some((false, true)) => {}
            _ => {
                return self.reject(
                    "alternativ-saknas",
                    row,
                    SURVEY,
                    "det finns ingen lista med svarsalternativ (Undersökning, År, Fråga, Svarsalternativ) för undersökningen och året; raden räknas inte".into(),
                );
            }
        }
        let mut problems: Vec<(usize, String)> = Vec::new();
        let cols = self.question_cols.clone();
        let entry = self.coll.find(&name, year).expect("checked above");
        entry.raw_rows += 1;
        for (col, qkey) in &cols {
            let Some(answer) = cells.get(*col).and_then(RawCell::as_key) else {
                continue;
            };
            let answer = answer.trim();
            if answer.is_empty() {
                continue;
            }
            let Some(&qi) = entry.index.get(qkey) else {
                problems.push((
                    *col,
                    "frågan finns inte i undersökningens lista med svarsalternativ för året; svaret räknas inte".into(),
                ));
                continue;
            };
            let q = &mut entry.questions[qi];
            match q.index.get(&fold(answer)) {
                Some(&oi) => {
                    let opt = &mut q.options[oi];
                    let n = opt.count.as_ref().map_or(0, |(n, _)| *n);
                    opt.count = Some((
                        n + 1,
                        Origin {
                            table: String::new(),
                            row,
                        },
                    ));
                }
                None => {
                    let hint = suggest(answer, q.options.iter().map(|o| o.label.as_str()))
                        .map(|s| format!("; menade du \"{s}\"?"))
                        .unwrap_or_default();
                    problems.push((
                        *col,
                        format!("okänt svarsalternativ för frågan{hint} Svaret räknas inte"),
                    ));
                }
            }
        }
        for (col, msg) in problems {
            let loc = self.layout().loc_col(row, Some(col));
            self.coll
                .findings
                .push("okant-svar", Severity::Warning, loc, msg);
        }
        Some(())
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

    fn malformed_row(&mut self, loc: crate::diagnostics::Loc, reason: String) {
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

/// A count: a whole number ≥ 0; `Ok(None)` for an empty cell.
pub fn parse_count(cell: &RawCell) -> Result<Option<i64>, &'static str> {
    match parse_number(cell) {
        Ok(None) => Ok(None),
        Ok(Some(n)) if n.fract() == 0.0 && (0.0..1e12).contains(&n) => Ok(Some(n as i64)),
        Ok(Some(_)) => Err("talet är inget antal (ett heltal, 0 eller större)"),
        Err(_) => Err("cellen är inget tal"),
    }
}

/// A percentage 0–100, written as `48`, `48,0` or `48 %`; `Ok(None)` for an empty cell.
pub fn parse_percent(cell: &RawCell) -> Result<Option<Ratio>, &'static str> {
    let stripped;
    let cell = match cell {
        RawCell::Text(t) if t.trim_end().ends_with('%') => {
            stripped = RawCell::text_owned(t.trim_end().trim_end_matches('%').to_string());
            &stripped
        }
        other => other,
    };
    match parse_number(cell) {
        Ok(None) => Ok(None),
        Ok(Some(p)) if (0.0..=100.0).contains(&p) => Ok(Ratio::from_percent(p)),
        Ok(Some(_)) => Err("andelen ligger utanför 0–100 %"),
        Err(_) => Err("cellen är ingen andel i procent"),
    }
}

/// Turns what was collected into surveys, and checks totals against antal svar.
fn assemble(mut coll: Collected) -> Surveys {
    coll.entries.sort_by_key(|e| (e.name_order, e.year));
    let mut surveys = Vec::with_capacity(coll.entries.len());
    for e in coll.entries {
        let from_raw = e.raw_rows > 0;
        if !from_raw && !e.aggregated && !e.questions.is_empty() {
            let origin = e
                .questions
                .iter()
                .flat_map(|q| &q.options)
                .find_map(|o| o.listed.clone());
            let loc = origin.map_or_else(
                || Loc::file(e.name.clone()),
                |o| Loc::file(o.table).at_row(o.row),
            );
            coll.findings.push(
                "inga-svar",
                Severity::Fatal,
                loc,
                format!(
                    "undersökningen {} {} har svarsalternativ men varken Antal eller rådata (en rad per svarande); kontrollera att kolumnen Antal finns",
                    e.name, e.year
                ),
            );
            coll.usable = false;
            continue;
        }
        let (sample, given, origin) = match e.sample {
            Some((s, r, o)) => (s, r, Some(o)),
            None => (None, None, None),
        };
        let respondents = if from_raw {
            if let (Some(g), Some(o)) = (given, &origin)
                && g != e.raw_rows
            {
                coll.findings.push(
                    "antal-svar",
                    Severity::Warning,
                    Loc::file(o.table.clone()).at_row(o.row),
                    format!(
                        "Antal svar är {g} men rådata har {} svarande; rapporten använder rådata",
                        e.raw_rows
                    ),
                );
            }
            Some(e.raw_rows)
        } else {
            given
        };
        let questions: Vec<Question> = e
            .questions
            .into_iter()
            .map(|q| Question {
                text: q.text,
                options: q
                    .options
                    .into_iter()
                    .map(|o| AnswerOption {
                        label: o.label,
                        count: o.count.map_or(0, |(n, _)| n),
                        national: o.national,
                    })
                    .collect(),
            })
            .collect();
        if let Some(r) = respondents {
            for q in &questions {
                let total: i64 = q.options.iter().map(|o| o.count).sum();
                if total > r {
                    coll.findings.push(
                        "fler-svar",
                        Severity::Warning,
                        Loc::file(format!("{} {}", e.name, e.year)),
                        format!(
                            "en fråga har {total} svar men undersökningen har {r} svarande; kontrollera Antal och Antal svar"
                        ),
                    );
                }
            }
        }
        surveys.push(Survey {
            name: e.name,
            year: e.year,
            sample,
            respondents,
            questions,
            from_raw,
        });
    }
    coll.findings.sort_by_row();
    Surveys {
        surveys,
        findings: coll.findings,
        reconciliation: coll.reconciliation,
        usable: coll.usable,
    }
}
