//! The tables of `kvalitet indikator visa`: per KPI, one row per year (and gender when
//! asked) and one column per place, comparisons after, and the first municipality's position
//! among all municipalities when the KPI has a direction. Reads the store; formats nothing.

use std::ops::RangeInclusive;

use anyhow::Result;

use super::grid::{Cell, Grid};
use crate::model::indicators::place::Place;
use crate::model::indicators::{Gender, KpiMeta, catalog, quartile_position};
use crate::store::{Point, Store};

/// What to show.
#[derive(Debug, Clone)]
pub struct Request {
    pub kpis: Vec<String>,
    pub places: Vec<Place>,
    pub compare: Vec<Place>,
    /// `None`: every year the store has for the places shown.
    pub years: Option<RangeInclusive<i32>>,
    /// Show K and M after T.
    pub genders: bool,
}

/// One KPI's table.
#[derive(Debug, Clone)]
pub struct KpiTable {
    pub meta: KpiMeta,
    /// Columns: År, [Kön], one per place, [Läge (place)].
    pub grid: Grid,
    /// Footnotes, e.g. how a group's mean was computed.
    pub notes: Vec<String>,
    /// Whether any shown value exists.
    pub has_values: bool,
}

/// A column's values, keyed by (year, gender).
type Column = Vec<Point>;

const ALL_YEARS: RangeInclusive<i32> = 1900..=2100;

/// Builds one table per KPI, in the order asked.
pub fn build(store: &Store, req: &Request) -> Result<Vec<KpiTable>> {
    req.kpis.iter().map(|k| build_one(store, req, k)).collect()
}

fn meta(store: &Store, kpi: &str) -> Result<KpiMeta> {
    Ok(match store.kpi_meta(kpi)? {
        Some(m) => m,
        None => catalog::kpi(kpi).map_or_else(|| KpiMeta::new(kpi), |k| k.to_meta()),
    })
}

/// The values of one place: stored directly, or for a group without stored values the mean
/// of its members' values (with a note saying so).
fn column(
    store: &Store,
    kpi: &str,
    place: &Place,
    years: &RangeInclusive<i32>,
    notes: &mut Vec<String>,
) -> Result<Column> {
    let direct = store.series(kpi, place.id(), years.clone())?;
    let Some(members) = place.members() else {
        return Ok(direct);
    };
    if !direct.is_empty() {
        return Ok(direct);
    }
    let mut means = store.mean_of(kpi, &members, years.clone())?;
    // A mean of a few members is not the group's figure: at least half must have a value.
    let thin = means.iter().any(|m| (m.1 as usize) * 2 < members.len());
    means.retain(|m| (m.1 as usize) * 2 >= members.len());
    if thin {
        notes.push(format!(
            "{} {}: lagret saknar gruppens eget värde och har värden för färre än hälften av gruppens {} kommuner för vissa år; de åren visas som –.",
            place.id(),
            place.title(),
            members.len()
        ));
    }
    if let (Some(lo), Some(hi)) = (
        means.iter().map(|m| m.1).min(),
        means.iter().map(|m| m.1).max(),
    ) {
        let n = if lo == hi {
            lo.to_string()
        } else {
            format!("{lo}–{hi}")
        };
        notes.push(format!(
            "{} {}: ovägt medel av de {n} av gruppens {} kommuner som har värden i lagret.",
            place.id(),
            place.title(),
            members.len()
        ));
    }
    Ok(means.into_iter().map(|(p, _)| p).collect())
}

fn find(col: &Column, year: i32, gender: Gender) -> Option<&Point> {
    col.iter().find(|p| p.year == year && p.gender == gender)
}

fn build_one(store: &Store, req: &Request, kpi: &str) -> Result<KpiTable> {
    let meta = meta(store, kpi)?;
    let range = req.years.clone().unwrap_or(ALL_YEARS);
    let mut notes = Vec::new();
    let shown: Vec<&Place> = req.places.iter().chain(&req.compare).collect();
    let columns: Vec<Column> = shown
        .iter()
        .map(|p| column(store, kpi, p, &range, &mut notes))
        .collect::<Result<_>>()?;
    let genders: &[Gender] = if req.genders {
        &Gender::ALL
    } else {
        &[Gender::Total]
    };
    let years: Vec<i32> = match &req.years {
        Some(r) => r.clone().collect(),
        None => {
            let mut y: Vec<i32> = columns.iter().flatten().map(|p| p.year).collect();
            y.sort_unstable();
            y.dedup();
            y
        }
    };
    let values = columns.iter().flatten().filter_map(|p| p.value);
    let decimals = meta.decimals.unwrap_or_else(|| {
        if values.clone().all(|v| v.fract() == 0.0) {
            0
        } else {
            1
        }
    });
    let has_values = columns.iter().flatten().any(|p| p.value.is_some());
    let position_of = req
        .places
        .first()
        .filter(|p| catalog::is_kommun(p.id()) && meta.direction.is_some());
    let mut headers = vec!["År".to_string()];
    if req.genders {
        headers.push("Kön".into());
    }
    headers.extend(shown.iter().map(|p| p.title().to_string()));
    if let Some(p) = position_of {
        headers.push(format!("Läge {}", p.title()));
    }
    let mut grid = Grid::new(headers);
    for &year in &years {
        for &gender in genders {
            let mut row = vec![Cell::text(year.to_string())];
            if req.genders {
                row.push(Cell::text(gender.code()));
            }
            for col in &columns {
                row.push(Cell::Number {
                    value: find(col, year, gender).and_then(|p| p.value),
                    decimals,
                });
            }
            if position_of.is_some() {
                let own = find(&columns[0], year, gender).and_then(|p| p.value);
                let all = store.all_places(kpi, year, gender)?;
                let refs: Vec<(&str, Option<f64>)> =
                    all.iter().map(|(id, v)| (id.as_str(), *v)).collect();
                let q = quartile_position(own, &refs, meta.direction);
                row.push(q.map_or(Cell::Empty, |q| Cell::text(q.text())));
            }
            grid.rows.push(row);
        }
    }
    if position_of.is_some() && grid.rows.iter().all(|r| r.last() == Some(&Cell::Empty)) {
        // No year has enough municipalities for a position: leave the column out.
        grid.headers.pop();
        grid.rows.iter_mut().for_each(|r| {
            r.pop();
        });
    }
    Ok(KpiTable {
        meta,
        grid,
        notes,
        has_values,
    })
}

/// Reads `2022`, `2019-2022` (also with "–"), `2019-` or `-2022`.
pub fn parse_years(s: &str) -> Result<RangeInclusive<i32>, String> {
    let bad = || format!("ogiltigt årsintervall \"{s}\" (ange till exempel 2022 eller 2019-2022)");
    let t = s.trim().replace(['–', '—'], "-");
    let year = |p: &str| -> Result<Option<i32>, String> {
        let p = p.trim();
        if p.is_empty() {
            return Ok(None);
        }
        p.parse::<i32>()
            .ok()
            .filter(|y| (1900..=2100).contains(y))
            .map(Some)
            .ok_or_else(bad)
    };
    let (from, to) = match t.split_once('-') {
        Some((a, b)) => (year(a)?, year(b)?),
        None => {
            let y = year(&t)?.ok_or_else(bad)?;
            (Some(y), Some(y))
        }
    };
    let (from, to) = (from.unwrap_or(1900), to.unwrap_or(2100));
    if from > to || (from, to) == (1900, 2100) && !t.contains(char::is_numeric) {
        return Err(bad());
    }
    Ok(from..=to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_ranges_are_read() {
        assert_eq!(parse_years("2022"), Ok(2022..=2022));
        assert_eq!(parse_years("2019-2022"), Ok(2019..=2022));
        assert_eq!(parse_years("2019–2022"), Ok(2019..=2022));
        assert_eq!(parse_years("2019-"), Ok(2019..=2100));
        assert_eq!(parse_years("-2020"), Ok(1900..=2020));
        assert!(parse_years("2022-2019").is_err());
        assert!(parse_years("tjugo").is_err());
        assert!(parse_years("-").is_err());
    }
}
