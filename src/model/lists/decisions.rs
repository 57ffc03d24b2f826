//! `ej_verkstallda`: the decisions not carried out within three months, one row per decision
//! and reporting quarter, as reported to IVO and the nämnd (SoL 34 kap. 1–4 §§, earlier 16 kap.
//! 6 f–i §§; LSS 28 f–h §§).

use std::path::Path;

use anyhow::Result;
use chrono::NaiveDate;

use super::{List, copy_of, parse_quarter, text};
use crate::diagnostics::{Findings, Severity};
use crate::ingest::cell::{parse_date, parse_number, parse_yes_no};
use crate::ingest::headers::ColumnSpec;
use crate::ingest::headers::column as spec;
use crate::model::indicators::columns::{Reject, RowView, reject};
use crate::settings::Settings;

pub const STEM: &str = "ej_verkstallda";

const ID: usize = 0;
const DECIDED: usize = 1;
const LAW: usize = 2;
const SERVICE: usize = 3;
const QUARTER: usize = 4;
const DONE: usize = 5;
const ENDED: usize = 6;
const REASON: usize = 7;
const FEE: usize = 8;

pub const SPECS: [ColumnSpec; 9] = [
    spec(
        "Id",
        &["Ärendenummer", "Beslut-id", "Beslutsnummer", "Löpnummer"],
        false,
    ),
    spec(
        "Beslutsdatum",
        &["Datum för beslut", "Beslut datum", "Beslutat"],
        true,
    ),
    spec("Lag", &["Lagrum", "Lagstöd", "SoL/LSS"], true),
    spec(
        "Insats",
        &["Typ av insats", "Insatstyp", "Bistånd", "Beviljad insats"],
        true,
    ),
    spec(
        "Kvartal",
        &[
            "Rapporteringskvartal",
            "Rapportkvartal",
            "Rapportperiod",
            "Period",
        ],
        true,
    ),
    spec(
        "Verkställt",
        &[
            "Verkställd",
            "Verkställighetsdatum",
            "Datum verkställt",
            "Datum för verkställighet",
        ],
        false,
    ),
    spec(
        "Avslutat",
        &["Avslutad", "Avbrott", "Datum avslutat", "Upphört"],
        false,
    ),
    spec(
        "Orsak",
        &[
            "Skäl",
            "Anledning",
            "Orsak till dröjsmål",
            "Skäl till dröjsmål",
        ],
        false,
    ),
    spec(
        "Särskild avgift",
        &["Sanktionsavgift", "Avgift", "Särskild avgift (kr)"],
        false,
    ),
];

/// The law a decision was made under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Law {
    Sol,
    Lss,
}

impl Law {
    pub const ALL: [Law; 2] = [Law::Sol, Law::Lss];

    pub fn name(self) -> &'static str {
        match self {
            Law::Sol => "SoL",
            Law::Lss => "LSS",
        }
    }

    fn parse(t: &str) -> Option<Law> {
        let folded = crate::text::fold(t);
        if folded.starts_with("sol") || folded.starts_with("socialtjanstlag") {
            Some(Law::Sol)
        } else if folded.starts_with("lss") || folded.contains("stod och service") {
            Some(Law::Lss)
        } else {
            None
        }
    }
}

/// One decision in one reporting quarter.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    /// The row it came from (1-based, as the sheet shows it).
    pub row: u32,
    /// *Id*, when the file has one: one decision reported in several quarters.
    pub id: Option<String>,
    pub decided: NaiveDate,
    pub law: Law,
    /// *Insats*.
    pub service: String,
    /// (year, quarter 1–4).
    pub quarter: (i32, u32),
    /// *Verkställt*.
    pub done: Option<NaiveDate>,
    /// *Avslutat*: ended without being carried out.
    pub ended: Option<NaiveDate>,
    /// *Orsak*, as a category.
    pub reason: Option<String>,
    /// *Särskild avgift*: `Some(None)` when Ja without an amount, `Some(Some(kr))` with one.
    pub fee: Option<Option<f64>>,
}

impl Decision {
    /// What identifies the decision across quarters: its Id, else decision date, law and insats.
    pub fn key(&self) -> (Option<&str>, NaiveDate, Law, &str) {
        match &self.id {
            Some(id) => (Some(id.as_str()), NaiveDate::MIN, self.law, ""),
            None => (None, self.decided, self.law, self.service.as_str()),
        }
    }

    /// The day it was carried out or ended, whichever is first.
    pub fn closed(&self) -> Option<NaiveDate> {
        match (self.done, self.ended) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}

pub fn read(path: &Path, settings: &Settings) -> Result<List<Decision>> {
    List::read(
        path,
        STEM,
        &SPECS,
        settings,
        |row, findings, rows: &[Decision]| {
            let d = decision(row, findings)?;
            // A decision is reported once per quarter: the same Id twice in a quarter is a copy.
            match rows
                .iter()
                .find(|r| r.id.is_some() && r.id == d.id && r.quarter == d.quarter)
            {
                Some(first) => Err(copy_of(QUARTER, "samma Id och kvartal", first.row)),
                None => Ok(d),
            }
        },
    )
}

fn date(row: &RowView<'_, '_>, spec: usize, name: &str) -> Result<Option<NaiveDate>, Reject> {
    parse_date(row.cell(spec)).map_err(|e| {
        reject(
            spec,
            "datum",
            format!("{name} {}; raden används inte", e.reason()),
        )
    })
}

fn decision(row: &RowView<'_, '_>, findings: &mut Findings) -> Result<Decision, Reject> {
    let decided = date(row, DECIDED, "Beslutsdatum")?
        .ok_or_else(|| reject(DECIDED, "datum", "Beslutsdatum saknas; raden används inte"))?;
    let law = text(row.cell(LAW))
        .ok_or_else(|| reject(LAW, "lag", "Lag saknas; raden används inte"))
        .and_then(|t| {
            Law::parse(&t).ok_or_else(|| {
                reject(
                    LAW,
                    "lag",
                    "okänd lag (väntade SoL eller LSS); raden används inte",
                )
            })
        })?;
    let service = text(row.cell(SERVICE))
        .ok_or_else(|| reject(SERVICE, "insats", "Insats saknas; raden används inte"))?;
    let quarter = match row.cell(QUARTER) {
        c if c.is_empty() => {
            return Err(reject(
                QUARTER,
                "kvartal",
                "Kvartal saknas; raden används inte",
            ));
        }
        c => parse_quarter(c).ok_or_else(|| {
            reject(
                QUARTER,
                "kvartal",
                "Kvartal ska vara till exempel 2025 K1; raden används inte",
            )
        })?,
    };
    let done = date(row, DONE, "Verkställt")?;
    let ended = date(row, ENDED, "Avslutat")?;
    for (d, spec, name) in [(done, DONE, "Verkställt"), (ended, ENDED, "Avslutat")] {
        if d.is_some_and(|d| d < decided) {
            findings.push(
                "datumordning",
                Severity::Warning,
                row.loc(spec),
                format!("{name} är före beslutsdatum; kontrollera datumen"),
            );
        }
    }
    let fee = match (parse_yes_no(row.cell(FEE)), parse_number(row.cell(FEE))) {
        (Ok(Some(false)), _) | (Ok(None), _) => None,
        (Ok(Some(true)), _) => Some(None),
        (_, Ok(Some(kr))) if kr > 0.0 => Some(Some(kr)),
        (_, Ok(Some(_))) => None,
        _ => {
            findings.push(
                "sarskild-avgift",
                Severity::Warning,
                row.loc(FEE),
                "Särskild avgift ska vara Ja, Nej eller ett belopp i kronor; värdet används inte"
                    .into(),
            );
            None
        }
    };
    Ok(Decision {
        row: row.row,
        id: text(row.cell(ID)),
        decided,
        law,
        service,
        quarter,
        done,
        ended,
        reason: text(row.cell(REASON)),
        fee,
    })
}
