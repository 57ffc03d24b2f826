//! `egenkontroll`: the egenkontroller of each area and year (SOSFS 2011:9, 5 kap.): how many
//! were planned and done, how many found shortcomings and how many led to åtgärder.

use std::path::Path;

use anyhow::Result;

use super::{List, copy_of, text};
use crate::diagnostics::{Findings, Severity};
use crate::ingest::cell::parse_number;
use crate::ingest::headers::ColumnSpec;
use crate::ingest::headers::column as spec;
use crate::model::indicators::columns::{Reject, RowView, reject};
use crate::settings::Settings;

pub const STEM: &str = "egenkontroll";

const AREA: usize = 0;
const YEAR: usize = 1;
const PLANNED: usize = 2;
const DONE: usize = 3;
const FINDINGS: usize = 4;
const ACTIONS: usize = 5;

pub const SPECS: [ColumnSpec; 6] = [
    spec(
        "Område",
        &[
            "Granskningsområde",
            "Kontrollområde",
            "Egenkontroll",
            "Verksamhet",
        ],
        true,
    ),
    spec("År", &["Period", "Kalenderår"], true),
    spec(
        "Planerade",
        &["Antal planerade", "Planerat", "Planerade egenkontroller"],
        false,
    ),
    spec(
        "Genomförda",
        &[
            "Antal genomförda",
            "Genomfört",
            "Utförda",
            "Genomförda egenkontroller",
        ],
        true,
    ),
    spec(
        "Med brister",
        &["Med fynd", "Med avvikelser", "Brister", "Antal med brister"],
        false,
    ),
    spec(
        "Med åtgärder",
        &[
            "Åtgärdade",
            "Med åtgärdsplan",
            "Åtgärder",
            "Antal med åtgärder",
        ],
        false,
    ),
];

/// The column names, for the report's source notes.
pub const COLUMNS: [&str; 4] = ["Planerade", "Genomförda", "Med brister", "Med åtgärder"];

/// One area's egenkontroller in one year.
#[derive(Debug, Clone, PartialEq)]
pub struct SelfCheck {
    pub row: u32,
    pub area: String,
    pub year: i32,
    /// Planerade, Genomförda, Med brister, Med åtgärder; `None` when the cell is empty.
    pub counts: [Option<i64>; 4],
}

pub fn read(path: &Path, settings: &Settings) -> Result<List<SelfCheck>> {
    List::read(
        path,
        STEM,
        &SPECS,
        settings,
        |row, findings, rows: &[SelfCheck]| {
            let check = self_check(row, findings)?;
            let fold = crate::text::fold;
            match rows
                .iter()
                .find(|r| r.year == check.year && fold(&r.area) == fold(&check.area))
            {
                Some(first) => Err(copy_of(AREA, "samma område och år", first.row)),
                None => Ok(check),
            }
        },
    )
}

fn count(row: &RowView<'_, '_>, spec: usize, name: &str) -> Result<Option<i64>, Reject> {
    match parse_number(row.cell(spec)) {
        Ok(None) => Ok(None),
        Ok(Some(n)) if n >= 0.0 && n.fract() == 0.0 && n < 1e9 => Ok(Some(n as i64)),
        _ => Err(reject(
            spec,
            "antal",
            format!("{name} ska vara ett heltal 0 eller större; raden används inte"),
        )),
    }
}

fn self_check(row: &RowView<'_, '_>, findings: &mut Findings) -> Result<SelfCheck, Reject> {
    let area = text(row.cell(AREA))
        .ok_or_else(|| reject(AREA, "omrade", "Område saknas; raden används inte"))?;
    let year = match parse_number(row.cell(YEAR)) {
        Ok(Some(y)) if y.fract() == 0.0 && (1900.0..=2100.0).contains(&y) => y as i32,
        _ => {
            return Err(reject(
                YEAR,
                "ar",
                "År ska vara ett årtal, till exempel 2025; raden används inte",
            ));
        }
    };
    let mut counts = [None; 4];
    for (i, spec) in [PLANNED, DONE, FINDINGS, ACTIONS].into_iter().enumerate() {
        counts[i] = count(row, spec, COLUMNS[i])?;
    }
    let [planned, done, with_findings, with_actions] = counts;
    let warn = |findings: &mut Findings, spec: usize, msg: &str| {
        findings.push(
            "egenkontroll-antal",
            Severity::Warning,
            row.loc(spec),
            msg.into(),
        );
    };
    if let (Some(f), Some(d)) = (with_findings, done)
        && f > d
    {
        warn(
            findings,
            FINDINGS,
            "fler med brister än genomförda; kontrollera antalen",
        );
    }
    if let (Some(a), Some(f)) = (with_actions, with_findings)
        && a > f
    {
        warn(
            findings,
            ACTIONS,
            "fler med åtgärder än med brister; kontrollera antalen",
        );
    }
    if planned.is_none() && done.is_none() {
        return Err(reject(
            DONE,
            "antal",
            "Genomförda saknas; raden används inte",
        ));
    }
    Ok(SelfCheck {
        row: row.row,
        area,
        year,
        counts,
    })
}
