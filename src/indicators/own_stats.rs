//! The organisation's own statistics (`statistik`): Id, Titel, Enhet, Period (`2022` or
//! `2022-03`), Värde, e.g. households with ekonomiskt bistånd per month or återkrav per year.
//! Rows are grouped into one [`OwnSeries`] per id.

use std::path::Path;

use anyhow::Result;

use super::FileRead;
use super::columns::{Reject, RowView, read_table, reject, value_cell};
use crate::diagnostics::{Findings, Reconciliation, Severity};
use crate::ingest::RawCell;
use crate::ingest::headers::ColumnSpec;
use crate::ingest::headers::column as spec;
use crate::settings::Settings;

/// The period of an own statistic: a year or a month of a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub enum OwnPeriod {
    Year(i32),
    /// Year and month 1–12.
    Month(i32, u32),
}

impl OwnPeriod {
    pub fn year(self) -> i32 {
        match self {
            OwnPeriod::Year(y) | OwnPeriod::Month(y, _) => y,
        }
    }

    /// Reads `2022`, `2022-03`, `2022-3`, `202203`, `2022/03`, or a real date (its month).
    pub fn parse(cell: &RawCell<'_>) -> Option<OwnPeriod> {
        let year_ok = |y: i32| (1900..=2100).contains(&y);
        match cell {
            RawCell::Number(n) if n.fract() == 0.0 && year_ok(*n as i32) => {
                Some(OwnPeriod::Year(*n as i32))
            }
            RawCell::Date(d) => {
                use chrono::Datelike;
                Some(OwnPeriod::Month(d.year(), d.month()))
            }
            RawCell::Text(t) => {
                let t = t.trim();
                let (y, m) = match t.split_once(['-', '/', '.']) {
                    Some((y, m)) => (y, Some(m)),
                    None if t.len() == 6 && t.is_ascii() => (&t[..4], Some(&t[4..])),
                    None => (t, None),
                };
                let y: i32 = y.parse().ok().filter(|y| year_ok(*y))?;
                match m {
                    None => Some(OwnPeriod::Year(y)),
                    Some(m) => {
                        let m: u32 = m.parse().ok().filter(|m| (1..=12).contains(m))?;
                        Some(OwnPeriod::Month(y, m))
                    }
                }
            }
            _ => None,
        }
    }
}

/// One value of an own statistic; `value` is `None` when the cell was empty (missing).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct OwnPoint {
    pub period: OwnPeriod,
    pub value: Option<f64>,
    /// The row it came from, for tracing a figure back.
    pub row: u32,
}

/// One own statistic: its id, title and unit, and its values in file order.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct OwnSeries {
    pub id: String,
    pub title: String,
    pub unit: Option<String>,
    pub points: Vec<OwnPoint>,
}

impl OwnSeries {
    /// The value for `period`, `None` when absent or missing.
    pub fn value(&self, period: OwnPeriod) -> Option<f64> {
        self.points
            .iter()
            .find(|p| p.period == period)
            .and_then(|p| p.value)
    }
}

/// The `statistik` file read.
#[derive(Debug, Default)]
pub struct OwnRead {
    pub series: Vec<OwnSeries>,
    pub reconciliation: Reconciliation,
    pub findings: Findings,
}

const ID: usize = 0;
const TITLE: usize = 1;
const UNIT: usize = 2;
const PERIOD: usize = 3;
const VALUE: usize = 4;

/// The columns of `statistik`.
pub const SPECS: [ColumnSpec; 5] = [
    spec("Id", &["Mått-id", "Nyckeltal", "Mått"], true),
    spec("Titel", &["Benämning", "Namn", "Title"], false),
    spec("Enhet", &["Unit", "Måttenhet"], false),
    spec("Period", &["År", "Månad", "Year", "Tid"], true),
    spec("Värde", &["Value", "Varde", "Antal", "Belopp"], true),
];

/// Reads `statistik.csv|xlsx`.
pub fn read(path: &Path, settings: &Settings) -> Result<OwnRead> {
    let mut series: Vec<OwnSeries> = Vec::new();
    let mut on_row = |row: &RowView<'_, '_>, findings: &mut Findings| -> Result<(), Reject> {
        own_row(row, findings, &mut series)
    };
    let FileRead {
        reconciliation,
        findings,
    } = read_table(path, super::OWN_STEM, &SPECS, settings, &mut on_row)?;
    Ok(OwnRead {
        series,
        reconciliation,
        findings,
    })
}

fn own_row(
    row: &RowView<'_, '_>,
    findings: &mut Findings,
    series: &mut Vec<OwnSeries>,
) -> Result<(), Reject> {
    let id = row
        .cell(ID)
        .as_key()
        .ok_or_else(|| reject(ID, "id-saknas", "Id saknas; raden används inte"))?;
    let period = match row.cell(PERIOD) {
        RawCell::Empty => {
            return Err(reject(
                PERIOD,
                "period",
                "Period saknas; raden används inte",
            ));
        }
        cell => OwnPeriod::parse(cell).ok_or_else(|| {
            reject(
                PERIOD,
                "period",
                "Period ska vara ett år (2022) eller en månad (2022-03); raden används inte",
            )
        })?,
    };
    let value = value_cell(row, VALUE)?;
    let title = row.cell(TITLE).as_key();
    let unit = row.cell(UNIT).as_key();
    let i = match series.iter().position(|s| s.id == id) {
        Some(i) => i,
        None => {
            series.push(OwnSeries {
                id: id.clone(),
                title: title.clone().unwrap_or_else(|| id.clone()),
                unit: unit.clone(),
                points: Vec::new(),
            });
            series.len() - 1
        }
    };
    let s = &mut series[i];
    if let Some(first) = s.points.iter().find(|p| p.period == period) {
        return Err(reject(
            PERIOD,
            "dubblett",
            format!(
                "samma Id och Period som rad {}; raden används inte",
                first.row
            ),
        ));
    }
    if title.as_ref().is_some_and(|t| *t != s.title) {
        findings.push(
            "titel",
            Severity::Warning,
            row.loc(TITLE),
            "annan titel än tidigare rader med samma Id; den första titeln används".into(),
        );
    }
    s.points.push(OwnPoint {
        period,
        value,
        row: row.row,
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_are_years_or_months() {
        assert_eq!(
            OwnPeriod::parse(&RawCell::text("2022")),
            Some(OwnPeriod::Year(2022))
        );
        assert_eq!(
            OwnPeriod::parse(&RawCell::Number(2021.0)),
            Some(OwnPeriod::Year(2021))
        );
        assert_eq!(
            OwnPeriod::parse(&RawCell::text("2022-03")),
            Some(OwnPeriod::Month(2022, 3))
        );
        assert_eq!(
            OwnPeriod::parse(&RawCell::text("202211")),
            Some(OwnPeriod::Month(2022, 11))
        );
        assert_eq!(OwnPeriod::parse(&RawCell::text("2022-13")), None);
        assert_eq!(OwnPeriod::parse(&RawCell::text("mars")), None);
    }

    #[test]
    fn six_bytes_of_non_ascii_text_are_no_period() {
        // Found by the csv fuzz target: slicing "Ã…r" at byte 4 panicked.
        assert_eq!(OwnPeriod::parse(&RawCell::text("Ã…r")), None);
        assert_eq!(OwnPeriod::parse(&RawCell::text("2022åå")), None);
    }
}
