//! The Kolada API's v3 JSON: data (`{"values": [{kpi, municipality, period, values:
//! [{gender, count, status, value}]}], "count", "next_url"}`) and kpi metadata (`{"values":
//! [{id, title, description, operating_area, …}]}`), with or without the envelope. Elements
//! are located as "post N" (1-based) in findings.

use std::path::Path;

use anyhow::{Result, anyhow};
use serde::Deserialize;
use serde_json::Value as Json;

use super::keys::Keys;
use super::kpi::{KpiMeta, MetaRead, clean_title, normalise_kpi};
use super::{FileRead, Gender, KpiValue};
use crate::base::Loc;
use crate::diagnostics::{Findings, Reconciliation, Severity};
use crate::ingest::cell::parse_year;
use crate::ingest::{RawCell, display_name, io_reason};

pub fn is_json(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

/// One element of a data response.
#[derive(Debug, Deserialize)]
pub struct DataElement {
    pub kpi: String,
    pub municipality: String,
    pub period: Json,
    #[serde(default)]
    pub values: Vec<GenderValue>,
}

/// One gender's value within a data element.
#[derive(Debug, Deserialize)]
pub struct GenderValue {
    #[serde(default)]
    pub gender: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub value: Option<f64>,
}

/// One element of a kpi response.
#[derive(Debug, Deserialize)]
pub struct KpiElement {
    pub id: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub operating_area: Option<String>,
}

/// The file's elements and whether the envelope says more pages follow.
fn elements(path: &Path) -> Result<(Vec<Json>, bool)> {
    let name = display_name(path);
    let text =
        std::fs::read(path).map_err(|e| anyhow!("{name}: kan inte läsas: {}", io_reason(&e)))?;
    let doc: Json = serde_json::from_slice(&text).map_err(|e| {
        anyhow!(
            "{name} › rad {}, kolumn {}: ogiltig JSON",
            e.line(),
            e.column()
        )
    })?;
    match doc {
        Json::Array(items) => Ok((items, false)),
        Json::Object(mut map) => {
            let more = map.get("next_url").is_some_and(|u| !u.is_null());
            match map.remove("values") {
                Some(Json::Array(items)) => Ok((items, more)),
                _ => Err(anyhow!(
                    "{name}: väntade Koladas JSON med en lista \"values\""
                )),
            }
        }
        _ => Err(anyhow!(
            "{name}: väntade Koladas JSON med en lista \"values\""
        )),
    }
}

fn post(name: &str, n: usize) -> Loc {
    Loc {
        sheet: Some(format!("post {}", n + 1)),
        ..Loc::file(name)
    }
}

fn more_pages(name: &str, findings: &mut Findings) {
    findings.push(
        "fler-sidor",
        Severity::Warning,
        Loc::file(name),
        "filen är en sida av flera (next_url är satt); bara den här sidan läses".into(),
    );
}

/// Reads Kolada data JSON, giving each used value to `sink`; `keys` says which places are
/// known besides the embedded catalog. Each gender's value counts as a row.
pub(crate) fn read_values(
    path: &Path,
    mut keys: Keys,
    sink: &mut dyn FnMut(KpiValue),
) -> Result<FileRead> {
    let name = display_name(path);
    let (items, more) = elements(path)?;
    let mut read = FileRead {
        reconciliation: Reconciliation {
            file: name.clone(),
            ..Reconciliation::default()
        },
        findings: Findings::default(),
    };
    if more {
        more_pages(&name, &mut read.findings);
    }
    let reject = |read: &mut FileRead, n: usize, kind, msg: String| {
        read.reconciliation.rejected += 1;
        read.findings
            .push(kind, Severity::Rejected, post(&name, n), msg);
    };
    for (n, item) in items.into_iter().enumerate() {
        if item.get("id").is_some() && item.get("kpi").is_none() {
            return Err(anyhow!(
                "{name}: filen innehåller nyckeltalsbeskrivningar, inte värden; döp om den till nyckeltal.json"
            ));
        }
        let el: DataElement = match serde_json::from_value(item) {
            Ok(el) => el,
            Err(_) => {
                read.reconciliation.read += 1;
                reject(
                    &mut read,
                    n,
                    "json-post",
                    "posten saknar kpi, municipality eller period; den används inte".into(),
                );
                continue;
            }
        };
        let year = match &el.period {
            Json::Number(p) => parse_year(&RawCell::Number(p.as_f64().unwrap_or(0.0))),
            Json::String(s) => parse_year(&RawCell::text(s)),
            _ => Err("saknas"),
        };
        let municipality = keys.municipality(&el.municipality);
        for gv in &el.values {
            read.reconciliation.read += 1;
            let year = match year {
                Ok(y) => y,
                Err(why) => {
                    reject(
                        &mut read,
                        n,
                        "period",
                        format!("period {why}; värdet används inte"),
                    );
                    continue;
                }
            };
            let municipality = match &municipality {
                Ok(m) => m.clone(),
                Err(why) => {
                    reject(
                        &mut read,
                        n,
                        "kommun",
                        format!("{why}; värdet används inte"),
                    );
                    continue;
                }
            };
            let Some(gender) = Gender::parse(gv.gender.as_deref().unwrap_or("T")) else {
                reject(
                    &mut read,
                    n,
                    "kon",
                    "gender ska vara T, K eller M; värdet används inte".into(),
                );
                continue;
            };
            let v = KpiValue {
                kpi: normalise_kpi(&el.kpi),
                municipality,
                year,
                gender,
                value: gv.value.filter(|x| x.is_finite()),
            };
            if let Err(first) = keys.first_time(&v, n as u32 + 1) {
                reject(
                    &mut read,
                    n,
                    "dubblett",
                    format!(
                        "samma kpi, kommun, period och kön som post {first}; värdet används inte"
                    ),
                );
                continue;
            }
            read.reconciliation.used += 1;
            sink(v);
        }
    }
    Ok(read)
}

/// Reads Kolada kpi JSON into metadata (title cleaned; no direction, unit or decimals, which
/// Kolada does not give).
pub fn read_kpis(path: &Path) -> Result<MetaRead> {
    let name = display_name(path);
    let (items, more) = elements(path)?;
    let mut out = MetaRead {
        reconciliation: Reconciliation {
            file: name.clone(),
            ..Reconciliation::default()
        },
        ..MetaRead::default()
    };
    if more {
        more_pages(&name, &mut out.findings);
    }
    for (n, item) in items.into_iter().enumerate() {
        out.reconciliation.read += 1;
        if item.get("kpi").is_some() && item.get("id").is_none() {
            return Err(anyhow!(
                "{name}: filen innehåller värden, inte nyckeltalsbeskrivningar; döp om den till indikatorer.json"
            ));
        }
        let el: KpiElement = match serde_json::from_value(item) {
            Ok(el) => el,
            Err(_) => {
                out.reconciliation.rejected += 1;
                out.findings.push(
                    "json-post",
                    Severity::Rejected,
                    post(&name, n),
                    "posten saknar id; den används inte".into(),
                );
                continue;
            }
        };
        let id = normalise_kpi(&el.id);
        if out.kpis.iter().any(|k| k.id == id) {
            out.reconciliation.rejected += 1;
            out.findings.push(
                "dubblett",
                Severity::Rejected,
                post(&name, n),
                "samma id som en tidigare post; posten används inte".into(),
            );
            continue;
        }
        let mut meta = KpiMeta::new(&id);
        // A title is not a cell, so it passes the name guard instead of the cell check.
        let title = el.title.as_deref().map(clean_title).unwrap_or_default();
        meta.title = crate::base::names::shown(&title).into_owned();
        meta.operating_area = el.operating_area.filter(|s| !s.trim().is_empty());
        meta.description = el.description.filter(|s| !s.trim().is_empty());
        out.reconciliation.used += 1;
        out.kpis.push(meta);
    }
    Ok(out)
}
