//! The organisation's own statistics (`statistik`): Id, Titel, Enhet, Period (`2022` or
//! `2022-03`), Värde, e.g. households with ekonomiskt bistånd per month or återkrav per year.
//! Also the wide shape: one row per series and one column per period (`Januari` … `December`
//! with the year in År, `2022-01` … or `2019` …). Rows are grouped into one [`OwnSeries`] per id.

use std::path::Path;

use anyhow::Result;

use super::FileRead;
use super::columns::{Reject, RowView, Wide, read_table_wide, reject, value_cell};
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

    /// Reads the header of a period column in the wide shape: what [`OwnPeriod::parse`] reads,
    /// a date (its month), or a Swedish month name, full or short (`Januari`, `jan`), alone (its year is `year`,
    /// from the row's År) or with the year (`Januari 2022`).
    pub fn parse_header(header: &str, year: Option<i32>) -> Option<OwnPeriod> {
        if let Some(p) = OwnPeriod::parse(&RawCell::text(header)) {
            return Some(p);
        }
        // A real date in a spreadsheet header (shown as "jan 2022") reaches us as 2022-01-01.
        if let Ok(Some(d)) = crate::ingest::cell::parse_date(&RawCell::text(header)) {
            use chrono::Datelike;
            return Some(OwnPeriod::Month(d.year(), d.month()));
        }
        let folded = crate::text::fold(header);
        let (name, y) = match folded.rsplit_once(' ') {
            Some((name, y)) if y.len() == 4 => (name, Some(y.parse().ok()?)),
            _ => (folded.as_str(), year),
        };
        let month = month_number(name)?;
        Some(OwnPeriod::Month(
            y.filter(|y| (1900..=2100).contains(y))?,
            month,
        ))
    }
}

/// The month (1–12) a Swedish month name or its usual abbreviation names, folded.
fn month_number(folded: &str) -> Option<u32> {
    const NAMES: [(&str, &str); 12] = [
        ("januari", "jan"),
        ("februari", "feb"),
        ("mars", "mar"),
        ("april", "apr"),
        ("maj", "maj"),
        ("juni", "jun"),
        ("juli", "jul"),
        ("augusti", "aug"),
        ("september", "sep"),
        ("oktober", "okt"),
        ("november", "nov"),
        ("december", "dec"),
    ];
    let name = folded.trim().trim_end_matches('.');
    NAMES
        .iter()
        .position(|(long, short)| {
            name == *long || name == *short || name == "sept" && *short == "sep"
        })
        .map(|i| i as u32 + 1)
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

/// The columns of `statistik`, with the words controllers' exports use. In the wide shape,
/// Period (the year, when the columns are months) and Värde are not required.
pub const SPECS: [ColumnSpec; 5] = [
    spec(
        "Id",
        &[
            "Mått-id",
            "Nyckeltal",
            "Mått",
            "Indikator",
            "Variabel",
            "Serie",
        ],
        true,
    ),
    spec(
        "Titel",
        &["Benämning", "Namn", "Title", "Beskrivning av måttet"],
        false,
    ),
    spec("Enhet", &["Unit", "Måttenhet"], false),
    spec("Period", &["År", "Månad", "Year", "Tid"], true),
    spec(
        "Värde",
        &["Value", "Varde", "Antal", "Belopp", "Utfall"],
        true,
    ),
];

/// A header names a period column of the wide shape (a month name needs no year here).
fn is_period_header(header: &str) -> bool {
    OwnPeriod::parse_header(header, Some(2000)).is_some()
}

const WIDE: Wide<'static> = Wide {
    is_period: &is_period_header,
    value: VALUE,
    not_required: &[PERIOD, VALUE],
};

/// Reads `statistik.csv|xlsx`.
pub fn read(path: &Path, settings: &Settings) -> Result<OwnRead> {
    let mut series: Vec<OwnSeries> = Vec::new();
    let mut on_row = |row: &RowView<'_, '_>, findings: &mut Findings| -> Result<(), Reject> {
        own_row(row, findings, &mut series)
    };
    let FileRead {
        reconciliation,
        findings,
    } = read_table_wide(
        path,
        super::OWN_STEM,
        &SPECS,
        Some(&WIDE),
        settings,
        &mut on_row,
    )?;
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
    if !row.periods.is_empty() {
        return wide_row(row, id, findings, series);
    }
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
    let earlier = (series.iter().find(|s| s.id == id))
        .and_then(|s| s.points.iter().find(|p| p.period == period));
    if let Some(first) = earlier {
        return Err(reject(
            PERIOD,
            "dubblett",
            format!(
                "samma Id och Period som rad {}; raden används inte",
                first.row
            ),
        ));
    }
    let i = series_index(row, id, findings, series);
    series[i].points.push(OwnPoint {
        period,
        value,
        row: row.row,
    });
    Ok(())
}

/// A row of the wide shape: one value per period column. A cell that is no number, or a
/// period already read for the id, is left out with a warning; the row's other values are used.
fn wide_row(
    row: &RowView<'_, '_>,
    id: String,
    findings: &mut Findings,
    series: &mut Vec<OwnSeries>,
) -> Result<(), Reject> {
    let year = match row.cell(PERIOD) {
        RawCell::Empty => None,
        cell => match OwnPeriod::parse(cell) {
            Some(OwnPeriod::Year(y)) => Some(y),
            _ => {
                return Err(reject(
                    PERIOD,
                    "period",
                    "År ska vara ett år (2022) när kolumnerna är månader; raden används inte",
                ));
            }
        },
    };
    let mut periods = Vec::with_capacity(row.periods.len());
    for (col, header) in row.periods {
        let Some(period) = OwnPeriod::parse_header(header, year) else {
            return Err(reject(
                PERIOD,
                "period",
                "kolumnerna är månader utan år; skriv året i kolumnen År (2022) eller i rubrikerna (Januari 2022, 2022-01); raden används inte",
            ));
        };
        periods.push((*col, period));
    }
    let i = series_index(row, id, findings, series);
    for (col, period) in periods {
        let value = match crate::ingest::cell::parse_number(row.cell_at(col)) {
            Ok(Some(v)) => v,
            Ok(None) => continue,
            Err(e) => {
                findings.push(
                    "varde",
                    Severity::Warning,
                    row.loc_at(col),
                    format!("Värde {}; värdet används inte", e.reason()),
                );
                continue;
            }
        };
        let s = &mut series[i];
        if let Some(first) = s.points.iter().find(|p| p.period == period) {
            let message = format!(
                "samma Id och period som rad {}; värdet används inte",
                first.row
            );
            findings.push("dubblett", Severity::Warning, row.loc_at(col), message);
            continue;
        }
        s.points.push(OwnPoint {
            period,
            value: Some(value),
            row: row.row,
        });
    }
    Ok(())
}

/// The index of the series `id` in `series`, added with the row's title and unit when new; a
/// title other than the first gives a warning.
fn series_index(
    row: &RowView<'_, '_>,
    id: String,
    findings: &mut Findings,
    series: &mut Vec<OwnSeries>,
) -> usize {
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
    if title.as_ref().is_some_and(|t| *t != series[i].title) {
        findings.push(
            "titel",
            Severity::Warning,
            row.loc(TITLE),
            "annan titel än tidigare rader med samma Id; den första titeln används".into(),
        );
    }
    i
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
