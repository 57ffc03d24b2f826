//! The register of reports (*rapporter*): column contract, and the row-by-row validation that
//! turns raw rows into [`Record`]s. Every row read is either used or rejected with a located
//! reason; no cell value is ever copied into a message.

use rustc_hash::FxHashMap as HashMap;
use std::path::Path;

use anyhow::Result;

use super::spellings::Spellings;
use super::{Assessment, Kind, LabelSet, Record, Status, Symbols};
use crate::diagnostics::{Findings, Loc, Reconciliation, Severity};
use crate::ingest::cell::{is_error_literal, parse_date, parse_yes_no};
use crate::ingest::headers::optional_column as spec;
use crate::ingest::headers::{ColumnSpec, match_headers};
use crate::ingest::layout::{Layout, check_header};
use crate::ingest::{self, RawCell, Source, Streamed, TableVisitor};
use crate::settings::{Settings, YearBasis};
use crate::text::{fold, suggest};

/// The canonical file stem and preferred sheet name of the register.
pub const STEM: &str = "rapporter";

// Column indexes into `specs()`.
const ID: usize = 0;
const KIND: usize = 1;
const EVENT: usize = 2;
const REPORTED: usize = 3;
const DEPARTMENT: usize = 4;
const UNIT: usize = 5;
const EVENT_TYPE: usize = 6;
const ASSESSMENT: usize = 7;
const LEX_SARAH: usize = 8;
const IVO: usize = 9;
const IMY: usize = 10;
const CAUSES: usize = 11;
const ACTIONS: usize = 12;
const STATUS: usize = 13;
const CLOSED: usize = 14;
#[allow(dead_code)]
const DESCRIPTION: usize = 15;

/// The register's columns (PRODUCT.md), with built-in aliases seen in Swedish source systems.
const SPECS: [ColumnSpec; 16] = [
    spec(
        "Id",
        &[
            "Ärendenummer",
            "Ärende-id",
            "Rapport-id",
            "Löpnummer",
            "Nr",
            "Avvikelsenummer",
            "Diarienummer",
        ],
    ),
    spec("Typ", &["Rapporttyp", "Ärendetyp", "Typ av rapport"]),
    spec(
        "Händelsedatum",
        &[
            "Datum för händelsen",
            "Händelsedag",
            "Inträffade",
            "Datum händelse",
        ],
    ),
    spec(
        "Rapporterad",
        &[
            "Rapportdatum",
            "Rapporterat",
            "Registrerad",
            "Registreringsdatum",
            "Inkom",
            "Inkommen",
            "Inkomstdatum",
        ],
    ),
    spec("Förvaltning", &[]),
    spec("Enhet", &["Verksamhet", "Arbetsplats", "Enhetsnamn"]),
    spec("Händelsetyp", &["Typ av händelse", "Händelsekategori"]),
    spec(
        "Bedömning",
        &[
            "Klassificering",
            "Allvarlighetsgrad",
            "Utredningens bedömning",
        ],
    ),
    spec(
        "Lex Sarah",
        &[
            "Lex Sarah (Ja/Nej)",
            "Lex Sarah-rapport",
            "Missförhållande enligt lex Sarah",
        ],
    ),
    spec(
        "Anmäld IVO",
        &["Anmäld till IVO", "IVO", "IVO-anmälan", "Anmälan IVO"],
    ),
    spec(
        "Anmäld IMY",
        &["Anmäld till IMY", "IMY", "IMY-anmälan", "Anmälan IMY"],
    ),
    spec(
        "Bakomliggande orsak",
        &["Bakomliggande orsaker", "Orsak", "Orsaker"],
    ),
    spec(
        "Åtgärd",
        &["Åtgärder", "Vidtagen åtgärd", "Vidtagna åtgärder"],
    ),
    spec("Status", &["Ärendestatus"]),
    spec(
        "Avslutad",
        &["Avslutsdatum", "Avslutat", "Datum avslutad", "Stängd"],
    ),
    ColumnSpec {
        name: "Beskrivning",
        aliases: &[
            "Händelsebeskrivning",
            "Fritext",
            "Kommentar",
            "Beskrivning av händelsen",
        ],
        required: false,
        free_text: true,
    },
];

/// The register's columns, as documented.
pub fn all_specs() -> &'static [ColumnSpec] {
    &SPECS
}

/// The register's column specs for the given settings (which date is required depends on
/// which decides the year).
pub fn specs(settings: &Settings) -> Vec<ColumnSpec> {
    let mut specs = SPECS.to_vec();
    for i in [ID, KIND, UNIT] {
        specs[i].required = true;
    }
    match settings.rapport.ar_styrs_av {
        YearBasis::Handelsedatum => specs[EVENT].required = true,
        YearBasis::Rapporterad => specs[REPORTED].required = true,
    }
    specs
}

/// The loaded register.
#[derive(Debug, Default)]
pub struct Register {
    pub records: Vec<Record>,
    pub symbols: Symbols,
    pub causes: Vec<String>,
    pub actions: Vec<String>,
    /// Which optional columns the file had (indexed like the specs).
    pub present: Vec<bool>,
    pub reconciliation: Reconciliation,
    pub findings: Findings,
    /// False when the file could not be used at all (fatal finding).
    pub usable: bool,
}

/// Columns whose absence tables must show as "–" rather than 0.
#[derive(Debug, Clone, Copy)]
pub enum Column {
    Ivo,
    Imy,
    Assessment,
    LexSarah,
    Causes,
    Actions,
    EventType,
    Closed,
}

impl Register {
    pub fn has(&self, c: Column) -> bool {
        let i = match c {
            Column::Ivo => IVO,
            Column::Imy => IMY,
            Column::Assessment => ASSESSMENT,
            Column::LexSarah => {
                return self.present.get(LEX_SARAH) == Some(&true)
                    || self.present.get(ASSESSMENT) == Some(&true);
            }
            Column::Causes => CAUSES,
            Column::Actions => ACTIONS,
            Column::EventType => EVENT_TYPE,
            Column::Closed => CLOSED,
        };
        self.present.get(i) == Some(&true)
    }
}

/// Reads and validates the register file at `path`.
pub fn load_register(path: &Path, settings: &Settings) -> Result<Register> {
    let specs = specs(settings);
    let mut loader = Loader::new(settings, &specs);
    let streamed = ingest::stream(path, STEM, &mut loader)?;
    loader.reject_duplicates();
    loader.notice_spellings();
    let mut reg = loader.reg;
    reg.findings.sort_by_row();
    reg.reconciliation.file = ingest::display_name(path);
    if let Streamed::NoHeader(src) = streamed {
        crate::ingest::headers::no_header(&mut reg.findings, &src, &specs, "registret");
        reg.usable = false;
    }
    Ok(reg)
}

/// The message for a column whose cell holds a spreadsheet error value (`#REF!`): the
/// formula behind it broke, so the value is not missing but unknown.
fn error_value(column: &str, instead: &str) -> String {
    format!(
        "{column} innehåller ett felvärde (till exempel #REF! eller #N/A) från en formel som inte kunde räknas, inget värde; {instead}"
    )
}

/// Remembers what a cell text parsed to: a register repeats a handful of category values over
/// hundreds of thousands of rows, so each distinct text is folded and matched once.
struct Memo<T>(HashMap<Box<str>, T>);

impl<T: Clone> Memo<T> {
    fn new() -> Self {
        Memo(HashMap::default())
    }

    fn get(&mut self, text: &str, parse: impl FnOnce(&str) -> T) -> T {
        if let Some(v) = self.0.get(text) {
            return v.clone();
        }
        let v = parse(text);
        self.0.insert(text.into(), v.clone());
        v
    }
}

/// The text of a cell for matching: borrowed for text cells, formatted for numbers.
fn key<'c>(cell: &'c RawCell<'_>) -> Option<std::borrow::Cow<'c, str>> {
    match cell.as_text() {
        Some(t) => Some(std::borrow::Cow::Borrowed(t)),
        None => cell.as_key().map(std::borrow::Cow::Owned),
    }
}

struct Loader<'a> {
    settings: &'a Settings,
    specs: &'a [ColumnSpec],
    reg: Register,
    /// Where the columns are, once the header row is found.
    layout: Option<Layout>,
    kinds: Memo<Option<(Kind, bool)>>,
    assessments: Memo<Option<Assessment>>,
    statuses: Memo<Option<Status>>,
    yes_no: Memo<Result<Option<bool>, crate::ingest::cell::CellError>>,
    labels: [Memo<(LabelSet, Option<Option<String>>)>; 2],
    causes_folded: Vec<String>,
    actions_folded: Vec<String>,
    event_types_folded: Vec<String>,
    /// Förvaltning and Enhet: names differing only in case or spacing are one.
    spellings: [Spellings; 2],
}

impl<'a> Loader<'a> {
    fn new(settings: &'a Settings, specs: &'a [ColumnSpec]) -> Self {
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
                usable: true,
                ..Register::default()
            },
            layout: None,
            kinds: Memo::new(),
            assessments: Memo::new(),
            statuses: Memo::new(),
            yes_no: Memo::new(),
            labels: [Memo::new(), Memo::new()],
            spellings: Default::default(),
        }
    }

    fn loc(&self, row: u32, spec: usize) -> Loc {
        self.layout
            .as_ref()
            .expect("header accepted before rows")
            .loc(row, spec)
    }
}

impl TableVisitor for Loader<'_> {
    fn header(&mut self, source: &Source, row: u32, cells: &[RawCell]) -> bool {
        let m = match_headers(self.specs, &self.settings.kolumner, cells);
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
        if !check_header(self.specs, &m, source, row, true, &mut self.reg.findings) {
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

impl Loader<'_> {
    /// One notice for every Förvaltning or Enhet written in more than one way.
    fn notice_spellings(&mut self) {
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
    fn reject_duplicates(&mut self) {
        let records = &self.reg.records;
        let mut order: Vec<usize> = (0..records.len()).collect();
        order.sort_unstable_by(|&a, &b| {
            records[a]
                .id
                .cmp(&records[b].id)
                .then(records[a].row.cmp(&records[b].row))
        });
        let mut duplicate_of: Vec<Option<u32>> = vec![None; records.len()];
        let mut first = None;
        for (k, &i) in order.iter().enumerate() {
            if k > 0 && records[order[k - 1]].id == records[i].id {
                duplicate_of[i] = first;
            } else {
                first = Some(records[i].row);
            }
        }
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

    fn cell<'c>(&self, cells: &'c [RawCell<'c>], spec: usize) -> &'c RawCell<'c> {
        static EMPTY: RawCell<'static> = RawCell::Empty;
        match &self.layout {
            Some(l) => l.cell(cells, spec),
            None => &EMPTY,
        }
    }

    fn reject(&mut self, kind: &'static str, row: u32, spec: usize, msg: String) -> Option<Record> {
        let loc = self.loc(row, spec);
        self.reg.findings.push(kind, Severity::Rejected, loc, msg);
        None
    }

    fn warn(&mut self, kind: &'static str, row: u32, spec: usize, msg: String) {
        let loc = self.loc(row, spec);
        self.reg.findings.push(kind, Severity::Warning, loc, msg);
    }

    fn record(&mut self, row: u32, cells: &[RawCell]) -> Option<Record> {
        // Id: present and unique.
        if self.cell(cells, ID).is_error_value() {
            return self.reject("felvarde", row, ID, error_value("Id", "raden räknas inte"));
        }
        let Some(id) = self.cell(cells, ID).as_key() else {
            return self.reject("id-saknas", row, ID, "Id saknas; raden räknas inte".into());
        };
        if crate::model::example::is_example(&id) {
            self.warn(
                "exempelrad",
                row,
                ID,
                crate::model::example::EXAMPLE_WARNING.into(),
            );
        }
        // Typ.
        if self.cell(cells, KIND).is_error_value() {
            return self.reject(
                "felvarde",
                row,
                KIND,
                error_value("Typ", "raden räknas inte"),
            );
        }
        let kind_text = key(self.cell(cells, KIND));
        let parsed = kind_text
            .as_deref()
            .and_then(|t| self.kinds.get(t, |t| Kind::parse(&fold(t))));
        let Some((kind, kind_says_lex_sarah)) = parsed else {
            let msg = match kind_text
                .as_deref()
                .and_then(|t| suggest(t, Kind::ACCEPTED))
            {
                Some(s) if kind_text.is_some() => {
                    format!("okänd typ; menade du \"{s}\"? Raden räknas inte")
                }
                _ if kind_text.is_some() => format!(
                    "okänd typ (tillåtna: {}); raden räknas inte",
                    Kind::ACCEPTED.join(", ")
                ),
                _ => "Typ saknas; raden räknas inte".into(),
            };
            return self.reject("typ", row, KIND, msg);
        };
        // Dates.
        let mut dates = [None; 3];
        for (slot, spec) in [(0, EVENT), (1, REPORTED), (2, CLOSED)] {
            match parse_date(self.cell(cells, spec)) {
                Ok(d) => dates[slot] = d,
                Err(e) => {
                    let deciding = matches!(
                        (self.settings.rapport.ar_styrs_av, spec),
                        (YearBasis::Handelsedatum, EVENT) | (YearBasis::Rapporterad, REPORTED)
                    );
                    if deciding {
                        return self.reject(
                            "datum",
                            row,
                            spec,
                            format!("{} {}; raden räknas inte", SPECS[spec].name, e.reason()),
                        );
                    }
                    self.warn(
                        "datum",
                        row,
                        spec,
                        format!("{} {}; värdet används inte", SPECS[spec].name, e.reason()),
                    );
                }
            }
        }
        let [event, reported, closed] = dates;
        let year_date =
            match self.settings.rapport.ar_styrs_av {
                YearBasis::Handelsedatum => match (event, reported) {
                    (Some(e), _) => e,
                    (None, Some(r)) => {
                        self.warn(
                            "datum-saknas",
                            row,
                            EVENT,
                            "Händelsedatum saknas; året tas från Rapporterad".into(),
                        );
                        r
                    }
                    (None, None) => return self.reject(
                        "datum-saknas",
                        row,
                        EVENT,
                        "Händelsedatum och Rapporterad saknas; raden kan inte föras till något år"
                            .into(),
                    ),
                },
                YearBasis::Rapporterad => match reported {
                    Some(r) => r,
                    None => {
                        return self.reject(
                            "datum-saknas",
                            row,
                            REPORTED,
                            "Rapporterad saknas; raden kan inte föras till något år".into(),
                        );
                    }
                },
            };
        if let (Some(e), Some(r)) = (event, reported)
            && r < e
        {
            self.warn(
                "datumordning",
                row,
                REPORTED,
                "Rapporterad är tidigare än Händelsedatum".into(),
            );
        }
        if let (Some(r), Some(c)) = (reported, closed)
            && c < r
        {
            self.warn(
                "datumordning",
                row,
                CLOSED,
                "Avslutad är tidigare än Rapporterad; raden ingår inte i handläggningstiden".into(),
            );
        }
        for (spec, instead) in [
            (DEPARTMENT, "raden redovisas utan förvaltning"),
            (UNIT, "raden redovisas under \"Enhet saknas\""),
            (EVENT_TYPE, "raden redovisas utan händelsetyp"),
        ] {
            if self.cell(cells, spec).is_error_value() {
                self.warn(
                    "felvarde",
                    row,
                    spec,
                    error_value(SPECS[spec].name, instead),
                );
            }
        }
        let text = |l: &Self, spec| key(l.cell(cells, spec)).filter(|t| !is_error_literal(t));
        let department = text(self, DEPARTMENT)
            .map(|s| self.spellings[0].intern(&mut self.reg.symbols, &s, row));
        let unit =
            text(self, UNIT).map(|s| self.spellings[1].intern(&mut self.reg.symbols, &s, row));
        if unit.is_none() && !self.cell(cells, UNIT).is_error_value() {
            self.warn(
                "enhet-saknas",
                row,
                UNIT,
                "Enhet saknas; raden redovisas under \"Enhet saknas\"".into(),
            );
        }
        let event_type = self.event_type(row, cells);
        let assessment = self.assessment(row, cells);
        let (lex_sarah, ivo, imy) =
            self.lex_sarah(row, cells, kind, kind_says_lex_sarah, assessment);
        let causes = self.labels(row, cells, CAUSES);
        let actions = self.labels(row, cells, ACTIONS);
        let status = self.status(row, cells, closed);
        Some(Record {
            id: id.into_boxed_str(),
            row,
            kind,
            year: chrono::Datelike::year(&year_date),
            month: chrono::Datelike::month(&year_date),
            event,
            reported,
            closed,
            status,
            department,
            unit,
            event_type,
            assessment,
            lex_sarah,
            ivo,
            imy,
            causes,
            actions,
        })
    }

    fn event_type(&mut self, row: u32, cells: &[RawCell]) -> Option<super::Sym> {
        let text = key(self.cell(cells, EVENT_TYPE)).filter(|t| !is_error_literal(t))?;
        if self.event_types_folded.is_empty() {
            return Some(self.reg.symbols.intern(&text));
        }
        let f = fold(&text);
        match self.event_types_folded.iter().position(|c| *c == f) {
            Some(i) => {
                let name = self.settings.kategorier.handelsetyp[i].clone();
                Some(self.reg.symbols.intern(&name))
            }
            None => {
                let hint = suggest(
                    &text,
                    self.settings
                        .kategorier
                        .handelsetyp
                        .iter()
                        .map(String::as_str),
                )
                .map(|s| format!(" (menade du \"{s}\"?)"))
                .unwrap_or_default();
                self.warn("kategori", row, EVENT_TYPE, format!("händelsetypen finns inte i listan i kvalitet.toml{hint}; raden redovisas under \"Okänd händelsetyp\""));
                Some(self.reg.symbols.intern("Okänd händelsetyp"))
            }
        }
    }

    fn assessment(&mut self, row: u32, cells: &[RawCell]) -> Option<Assessment> {
        let text = key(self.cell(cells, ASSESSMENT))?;
        let parsed = self.assessments.get(&text, |t| Assessment::parse(&fold(t)));
        if parsed.is_none() {
            let hint = suggest(&text, Assessment::ALL.iter().map(|a| a.name()))
                .map(|s| format!("menade du \"{s}\"?"))
                .unwrap_or_else(|| {
                    format!("tillåtna: {}", Assessment::ALL.map(|a| a.name()).join(", "))
                });
            self.warn(
                "bedomning",
                row,
                ASSESSMENT,
                format!("okänd bedömning ({hint}); raden räknas utan bedömning"),
            );
        }
        parsed
    }

    fn yes_no(&mut self, row: u32, cells: &[RawCell], spec: usize) -> Option<bool> {
        let cell = self.cell(cells, spec);
        let parsed = match cell.as_text() {
            Some(t) => self.yes_no.get(t, |t| parse_yes_no(&RawCell::text(t))),
            None => parse_yes_no(cell),
        };
        match parsed {
            Ok(v) => v,
            Err(e) => {
                self.warn(
                    "ja-nej",
                    row,
                    spec,
                    format!("{} {}; värdet används inte", SPECS[spec].name, e.reason()),
                );
                None
            }
        }
    }

    fn lex_sarah(
        &mut self,
        row: u32,
        cells: &[RawCell],
        kind: Kind,
        kind_says: bool,
        assessment: Option<Assessment>,
    ) -> (bool, Option<bool>, Option<bool>) {
        let stated = self
            .yes_no(row, cells, LEX_SARAH)
            .or(kind_says.then_some(true));
        let ivo = self.yes_no(row, cells, IVO);
        let imy = self.yes_no(row, cells, IMY);
        let from_assessment = assessment.map(Assessment::is_lex_sarah);
        let mut lex = match (stated, from_assessment) {
            (Some(s), Some(a)) if s != a => {
                let msg = if s {
                    "Lex Sarah är Ja men bedömningen är ingen missförhållande; kolumnen Lex Sarah gäller"
                } else {
                    "Lex Sarah är Nej men bedömningen är ett missförhållande; kolumnen Lex Sarah gäller"
                };
                self.warn("lex-sarah-motsagelse", row, LEX_SARAH, msg.into());
                s
            }
            (Some(s), _) => s,
            (None, Some(a)) => a,
            (None, None) => false,
        };
        if lex && kind != Kind::Deviation {
            self.warn(
                "lex-sarah-typ",
                row,
                LEX_SARAH,
                format!(
                    "lex Sarah är angivet för typen {}; räknas bara för avvikelser",
                    kind.name()
                ),
            );
            lex = false;
        }
        if ivo == Some(false) && lex && assessment.is_some_and(Assessment::is_serious) {
            self.warn("ivo-saknas", row, IVO, "bedömningen är ett allvarligt missförhållande (eller påtaglig risk för det) men rapporten är inte anmäld till IVO".into());
        }
        if ivo == Some(true) && !lex {
            self.warn(
                "ivo-utan-lex-sarah",
                row,
                IVO,
                "anmäld till IVO men inte bedömd enligt lex Sarah; räknas inte som IVO-anmälan"
                    .into(),
            );
        }
        if imy == Some(true) && kind != Kind::DataBreach {
            self.warn(
                "imy-typ",
                row,
                IMY,
                format!(
                    "anmäld till IMY men typen är {}; räknas bara för personuppgiftsincidenter",
                    kind.name()
                ),
            );
        }
        (lex, ivo, imy)
    }

    fn labels(&mut self, row: u32, cells: &[RawCell], spec: usize) -> LabelSet {
        let Some(text) = key(self.cell(cells, spec)) else {
            return LabelSet::default();
        };
        let which = usize::from(spec != CAUSES);
        let (list, folded) = if spec == CAUSES {
            (&self.reg.causes, &self.causes_folded)
        } else {
            (&self.reg.actions, &self.actions_folded)
        };
        let (set, unknown_hint) =
            self.labels[which].get(&text, |text| parse_labels(text, list, folded));
        if let Some(hint) = unknown_hint {
            let hint = hint
                .map(|s| format!(" (menade du \"{s}\"?)"))
                .unwrap_or_default();
            self.warn(
                "kategori",
                row,
                spec,
                format!(
                    "en kategori finns inte i listan{hint}; den redovisas som \"Annan kategori\""
                ),
            );
        }
        set
    }

    fn status(&mut self, row: u32, cells: &[RawCell], closed: Option<chrono::NaiveDate>) -> Status {
        let Some(text) = key(self.cell(cells, STATUS)) else {
            return Status::Unknown;
        };
        let parsed = self.statuses.get(&text, |t| match fold(t).as_str() {
            "avslutad" | "avslutat" | "stangd" | "klar" | "atgardad" => Some(Status::Closed),
            "pagaende" | "oppen" | "ny" | "under utredning" | "registrerad" | "paborjad" => {
                Some(Status::Open)
            }
            _ => None,
        });
        let status = match parsed {
            Some(s) => s,
            None => {
                self.warn("status", row, STATUS, "okänd status (väntade Pågående eller Avslutad); avgörs av om Avslutad har ett datum".into());
                Status::Unknown
            }
        };
        match (status, closed) {
            (Status::Closed, None) => self.warn(
                "avslutad-utan-datum",
                row,
                CLOSED,
                "status Avslutad men inget avslutsdatum; raden ingår inte i handläggningstiden"
                    .into(),
            ),
            (Status::Open, Some(_)) => self.warn(
                "status-motsagelse",
                row,
                STATUS,
                "status Pågående men Avslutad har ett datum; datumet gäller".into(),
            ),
            _ => {}
        }
        status
    }
}

/// Splits a multi-label cell (`;`, line break or `|`) and matches each label against the
/// configured list; the second value is the suggestion for the last unknown label, if any.
fn parse_labels(
    text: &str,
    list: &[String],
    folded: &[String],
) -> (LabelSet, Option<Option<String>>) {
    let mut set = LabelSet::default();
    let mut unknown_hint = None;
    for part in text
        .split([';', '\n', '|'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let f = fold(part);
        match folded.iter().position(|c| *c == f) {
            Some(i) => set.insert(i),
            None => {
                set.insert(LabelSet::UNKNOWN_BIT);
                unknown_hint =
                    Some(suggest(part, list.iter().map(String::as_str)).map(str::to_string));
            }
        }
    }
    (set, unknown_hint)
}
