//! Reading the store: one KPI's series for a place, the unweighted mean of a group's members,
//! every place's value in one year (for quartile positions), stored KPI metadata, the places
//! the embedded catalog lacks and the import log. Every query is a range scan on the values' primary key.

use std::ops::RangeInclusive;

use anyhow::Result;
use rusqlite::{OptionalExtension, params};

use super::{Store, db};
use crate::model::indicators::local_places::{LocalPlace, LocalPlaces};
use crate::model::indicators::{Direction, Gender, KpiMeta};

/// One stored value: year, gender and the value (`None` when stored as missing).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Point {
    pub year: i32,
    pub gender: Gender,
    pub value: Option<f64>,
}

/// One import, as logged.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ImportRecord {
    /// Local time, `2024-05-02 14:03`.
    pub at: String,
    /// e.g. "Kolada" or "fil".
    pub source: String,
    pub files: String,
    pub rows_read: u64,
    pub imported: u64,
    pub rejected: u64,
}

impl Store {
    fn code_id(&self, table: &str, code: &str) -> Result<Option<i64>> {
        let sql = format!("SELECT id FROM {table} WHERE code = ?1");
        db(
            self.conn
                .prepare_cached(&sql)
                .and_then(|mut s| s.query_row([code], |r| r.get(0)).optional()),
            &self.path,
        )
    }

    /// Whether the store has any value (or metadata) for `kpi`.
    pub fn has_kpi(&self, kpi: &str) -> Result<bool> {
        Ok(self.code_id("kpi", kpi)?.is_some())
    }

    /// Every KPI id the store knows.
    pub fn kpi_codes(&self) -> Result<Vec<String>> {
        let mut stmt = db(
            self.conn.prepare("SELECT code FROM kpi ORDER BY code"),
            &self.path,
        )?;
        let rows = db(stmt.query_map([], |r| r.get(0)), &self.path)?;
        rows.map(|r| db(r, &self.path)).collect()
    }

    /// The values of `kpi` for `area` over `years`, all genders, ordered by year and gender.
    pub fn series(&self, kpi: &str, area: &str, years: RangeInclusive<i32>) -> Result<Vec<Point>> {
        match self.code_id("kpi", kpi)? {
            Some(k) => self.series_by_id(k, area, &years),
            None => Ok(Vec::new()),
        }
    }

    /// The unweighted mean (*ovägt medel*) of `members`' values of `kpi` over `years`, per
    /// year and gender, with how many members had a value. Members without a value are left
    /// out of the mean.
    pub fn mean_of(
        &self,
        kpi: &str,
        members: &[&str],
        years: RangeInclusive<i32>,
    ) -> Result<Vec<(Point, u32)>> {
        let Some(k) = self.code_id("kpi", kpi)? else {
            return Ok(Vec::new());
        };
        let mut sums: std::collections::BTreeMap<(i32, Gender), (f64, u32)> = Default::default();
        for m in members {
            for p in self.series_by_id(k, m, &years)? {
                if let Some(v) = p.value {
                    let e = sums.entry((p.year, p.gender)).or_default();
                    e.0 += v;
                    e.1 += 1;
                }
            }
        }
        Ok(sums
            .into_iter()
            .map(|((year, gender), (sum, n))| {
                (
                    Point {
                        year,
                        gender,
                        value: Some(sum / n as f64),
                    },
                    n,
                )
            })
            .collect())
    }

    fn series_by_id(&self, k: i64, area: &str, years: &RangeInclusive<i32>) -> Result<Vec<Point>> {
        let Some(a) = self.code_id("area", area)? else {
            return Ok(Vec::new());
        };
        let mut stmt = db(
            self.conn.prepare_cached(
                "SELECT year, gender, value FROM value
                 WHERE kpi = ?1 AND area = ?2 AND year BETWEEN ?3 AND ?4
                 ORDER BY year, gender",
            ),
            &self.path,
        )?;
        let rows = db(
            stmt.query_map(params![k, a, years.start(), years.end()], point),
            &self.path,
        )?;
        rows.filter_map(|r| db(r, &self.path).transpose()).collect()
    }

    /// Every place's value of `kpi` in `year` for `gender` (for quartile positions).
    pub fn all_places(
        &self,
        kpi: &str,
        year: i32,
        gender: Gender,
    ) -> Result<Vec<(String, Option<f64>)>> {
        let Some(k) = self.code_id("kpi", kpi)? else {
            return Ok(Vec::new());
        };
        let mut stmt = db(
            self.conn.prepare_cached(
                "SELECT area.code, value.value FROM value JOIN area ON area.id = value.area
                 WHERE value.kpi = ?1 AND value.year = ?2 AND value.gender = ?3",
            ),
            &self.path,
        )?;
        let rows = db(
            stmt.query_map(params![k, year, gender.index()], |r| {
                Ok((r.get(0)?, r.get(1)?))
            }),
            &self.path,
        )?;
        rows.map(|r| db(r, &self.path)).collect()
    }

    /// The metadata stored for `kpi` (from an imported `nyckeltal`), if any title was stored.
    pub fn kpi_meta(&self, kpi: &str) -> Result<Option<KpiMeta>> {
        let row = db(
            self.conn
                .prepare_cached(
                    "SELECT title, unit, operating_area, direction, display_name, decimals
                     FROM kpi WHERE code = ?1 AND title IS NOT NULL",
                )
                .and_then(|mut s| {
                    s.query_row([kpi], |r| {
                        let mut m = KpiMeta::new(kpi);
                        m.title = r.get(0)?;
                        m.unit = r.get(1)?;
                        m.operating_area = r.get(2)?;
                        m.direction = r.get::<_, Option<i64>>(3)?.map(|d| {
                            if d == Direction::LowerIsBetter as i64 {
                                Direction::LowerIsBetter
                            } else {
                                Direction::HigherIsBetter
                            }
                        });
                        m.display_name = r.get(4)?;
                        m.decimals = r.get(5)?;
                        Ok(m)
                    })
                    .optional()
                }),
            &self.path,
        )?;
        Ok(row)
    }

    /// The places the store names that the embedded catalog lacks (none in a store from
    /// before the `place` table).
    pub fn places(&self) -> Result<LocalPlaces> {
        let mut out = LocalPlaces::default();
        let has_table: bool = db(
            self.conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'place')",
                [],
                |r| r.get(0),
            ),
            &self.path,
        )?;
        if !has_table {
            return Ok(out);
        }
        let mut stmt = db(
            self.conn
                .prepare("SELECT code, title, members FROM place ORDER BY code"),
            &self.path,
        )?;
        let rows = db(
            stmt.query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            }),
            &self.path,
        )?;
        for row in rows {
            let (code, title, members) = db(row, &self.path)?;
            let members = members
                .split(',')
                .filter(|m| !m.is_empty())
                .map(str::to_string)
                .collect();
            out.insert(&code, LocalPlace { title, members });
        }
        Ok(out)
    }

    /// The import log, newest first.
    pub fn imports(&self) -> Result<Vec<ImportRecord>> {
        let mut stmt = db(
            self.conn.prepare(
                "SELECT at, source, files, rows_read, imported, rejected FROM import ORDER BY id DESC",
            ),
            &self.path,
        )?;
        let rows = db(
            stmt.query_map([], |r| {
                Ok(ImportRecord {
                    at: r.get(0)?,
                    source: r.get(1)?,
                    files: r.get(2)?,
                    rows_read: r.get::<_, i64>(3)? as u64,
                    imported: r.get::<_, i64>(4)? as u64,
                    rejected: r.get::<_, i64>(5)? as u64,
                })
            }),
            &self.path,
        )?;
        rows.map(|r| db(r, &self.path)).collect()
    }
}

/// A row (year, gender, value) as a point; `None` for a gender code the store does not know.
fn point(r: &rusqlite::Row<'_>) -> rusqlite::Result<Option<Point>> {
    let gender: u8 = r.get(1)?;
    Ok(Gender::from_index(gender).map(|gender| Point {
        year: r.get(0).unwrap_or_default(),
        gender,
        value: r.get(2).ok().flatten(),
    }))
}
