//! `ivo_tillsyn`: IVO:s tillsyn and decisions about the nämnd's verksamhet, a short list
//! (datum, område, beslut, status) printed as a table of the year. Every cell is read through
//! the personal-data guard, like every input.

use std::path::Path;

use anyhow::Result;
use chrono::NaiveDate;

use super::{List, text};
use crate::ingest::cell::parse_date;
use crate::ingest::headers::ColumnSpec;
use crate::ingest::headers::column as spec;
use crate::model::indicators::columns::{Reject, RowView, reject};
use crate::settings::Settings;

pub const STEM: &str = "ivo_tillsyn";

const DATE: usize = 0;
const AREA: usize = 1;
const DECISION: usize = 2;
const STATUS: usize = 3;

/// The longest text a cell may hold: the list is short statements, never a description.
pub const MAX_CHARS: usize = 200;

pub const SPECS: [ColumnSpec; 4] = [
    spec(
        "Datum",
        &["Beslutsdatum", "Datum för beslut", "Tillsynsdatum"],
        true,
    ),
    spec("Område", &["Verksamhet", "Tillsynsområde", "Enhet"], true),
    spec(
        "Beslut",
        &["IVO:s beslut", "Beslut från IVO", "Utfall"],
        true,
    ),
    spec("Status", &["Åtgärdsstatus", "Läge", "Uppföljning"], false),
];

/// One tillsyn or decision by IVO.
#[derive(Debug, Clone, PartialEq)]
pub struct Supervision {
    pub row: u32,
    pub date: NaiveDate,
    pub area: String,
    pub decision: String,
    pub status: Option<String>,
}

pub fn read(path: &Path, settings: &Settings) -> Result<List<Supervision>> {
    List::read(path, STEM, &SPECS, settings, |row, _, _| supervision(row))
}

fn short(row: &RowView<'_, '_>, spec: usize, name: &str) -> Result<Option<String>, Reject> {
    match text(row.cell(spec)) {
        Some(t) if t.chars().count() > MAX_CHARS => Err(reject(
            spec,
            "for-lang-text",
            format!(
                "{name} är längre än {MAX_CHARS} tecken; skriv en kort sammanfattning utan uppgifter om enskilda. Raden används inte"
            ),
        )),
        t => Ok(t),
    }
}

fn supervision(row: &RowView<'_, '_>) -> Result<Supervision, Reject> {
    let date = parse_date(row.cell(DATE))
        .map_err(|e| {
            reject(
                DATE,
                "datum",
                format!("Datum {}; raden används inte", e.reason()),
            )
        })?
        .ok_or_else(|| reject(DATE, "datum", "Datum saknas; raden används inte"))?;
    let area = short(row, AREA, "Område")?
        .ok_or_else(|| reject(AREA, "omrade", "Område saknas; raden används inte"))?;
    let decision = short(row, DECISION, "Beslut")?
        .ok_or_else(|| reject(DECISION, "beslut", "Beslut saknas; raden används inte"))?;
    Ok(Supervision {
        row: row.row,
        date,
        area,
        decision,
        status: short(row, STATUS, "Status")?,
    })
}
