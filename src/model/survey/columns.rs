//! The survey tables' columns: their names and aliases, what a table holds decided by which of
//! them its header has, and how a count or a percentage cell is read. Knows nothing of rows.

use crate::base::Ratio;
use crate::ingest::RawCell;
use crate::ingest::cell::parse_number;
use crate::ingest::headers::ColumnSpec;
use crate::ingest::headers::optional_column as spec;

pub(super) const SURVEY: usize = 0;
pub(super) const YEAR: usize = 1;
pub(super) const QUESTION: usize = 2;
pub(super) const OPTION: usize = 3;
pub(super) const COUNT: usize = 4;
pub(super) const NATIONAL: usize = 5;
pub(super) const SAMPLE: usize = 6;
pub(super) const RESPONDENTS: usize = 7;

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
pub(super) enum Kind {
    Answers,
    Options,
    Sample,
    Raw,
}

impl Kind {
    pub(super) fn of(found: &[Option<usize>]) -> Option<Kind> {
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

    pub(super) fn required(self) -> &'static [usize] {
        match self {
            Kind::Answers => &[SURVEY, YEAR, QUESTION, OPTION, COUNT],
            Kind::Options => &[SURVEY, YEAR, QUESTION, OPTION],
            Kind::Sample | Kind::Raw => &[SURVEY, YEAR],
        }
    }

    pub(super) fn columns(self) -> &'static [usize] {
        match self {
            Kind::Answers => &[SURVEY, YEAR, QUESTION, OPTION, COUNT, NATIONAL],
            Kind::Options => &[SURVEY, YEAR, QUESTION, OPTION, NATIONAL],
            Kind::Sample => &[SURVEY, YEAR, SAMPLE, RESPONDENTS],
            Kind::Raw => &[SURVEY, YEAR],
        }
    }
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
