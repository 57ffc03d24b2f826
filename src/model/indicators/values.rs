//! KPI values (`indikatorer`): the Kolada long table (KPI, Kommun, Period, Kön, Värde) or the
//! Kolada API's v3 JSON, validated into [`KpiValue`]s handed to a sink one by one (so an
//! import never holds a whole file). Every row is used or rejected with a located reason; an
//! empty value is a missing value, never 0.

use std::path::Path;

use anyhow::Result;
use rustc_hash::FxHashMap as HashMap;

use super::columns::{Reject, RowView, read_table, reject, value_cell};
use super::local_places::LocalPlaces;
use super::{FileRead, Gender, KpiValue, kolada_json, place};
use crate::diagnostics::Findings;
use crate::ingest::cell::parse_year;
use crate::ingest::headers::ColumnSpec;
use crate::ingest::headers::column as spec;
use crate::settings::Settings;

const KPI: usize = 0;
const MUNICIPALITY: usize = 1;
const PERIOD: usize = 2;
const GENDER: usize = 3;
const VALUE: usize = 4;

/// The columns of the long table.
pub const SPECS: [ColumnSpec; 5] = [
    spec(
        "KPI",
        &[
            "kpi_id",
            "Nyckeltal-id",
            "Nyckeltal",
            "KPI-id",
            "Indikator",
            "Mått",
            "Mått-id",
            "Variabel",
        ],
        true,
    ),
    spec(
        "Kommun",
        &[
            "municipality",
            "kommun_id",
            "kommunkod",
            "område",
            "municipality_id",
        ],
        true,
    ),
    spec("Period", &["år", "year", "period_id"], true),
    spec("Kön", &["gender", "kon", "kön_id"], false),
    spec("Värde", &["value", "varde", "Utfall", "Antal"], true),
];

/// Reads `indikatorer.csv|xlsx|json` at `path`, giving each used value to `sink`. Places in
/// the folder's `kommuner.json` and `kommungrupper.json` are known places too (a file that
/// cannot be read is reported by [`super::load`], and here only leaves the embedded catalog).
pub fn read(path: &Path, settings: &Settings, sink: &mut dyn FnMut(KpiValue)) -> Result<FileRead> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let local = LocalPlaces::read(dir).unwrap_or_default();
    read_with(path, settings, &local, sink)
}

/// [`read`] with the folder's local places already read.
pub fn read_with(
    path: &Path,
    settings: &Settings,
    local: &LocalPlaces,
    sink: &mut dyn FnMut(KpiValue),
) -> Result<FileRead> {
    if kolada_json::is_json(path) {
        return kolada_json::read_values(path, Keys::default().knowing(local), sink);
    }
    let mut keys = Keys::new(settings).knowing(local);
    let mut on_row = |row: &RowView<'_, '_>, _: &mut Findings| -> Result<(), Reject> {
        let v = long_row(row, &mut keys)?;
        sink(v);
        Ok(())
    };
    read_table(path, super::VALUES_STEM, &SPECS, settings, &mut on_row)
}

fn long_row(row: &RowView<'_, '_>, keys: &mut Keys) -> Result<KpiValue, Reject> {
    let kpi = row
        .cell(KPI)
        .as_key()
        .ok_or_else(|| reject(KPI, "kpi-saknas", "KPI saknas; raden används inte"))?;
    let municipality = match row.cell(MUNICIPALITY).as_key() {
        Some(m) => keys
            .municipality(&m)
            .map_err(|why| reject(MUNICIPALITY, "kommun", format!("{why}; raden används inte")))?,
        None => {
            return Err(reject(
                MUNICIPALITY,
                "kommun",
                "Kommun saknas; raden används inte",
            ));
        }
    };
    let year = parse_year(row.cell(PERIOD)).map_err(|why| {
        reject(
            PERIOD,
            "period",
            format!("Period {why}; raden används inte"),
        )
    })?;
    let gender = match row.cell(GENDER).as_key() {
        None => Gender::Total,
        Some(g) => Gender::parse(&g).ok_or_else(|| {
            reject(
                GENDER,
                "kon",
                "Kön ska vara T, K eller M; raden används inte",
            )
        })?,
    };
    let value = value_cell(row, VALUE)?;
    let v = KpiValue {
        kpi: normalise_kpi(&kpi),
        municipality,
        year,
        gender,
        value,
    };
    keys.first_time(&v, row.row).map_err(|first| {
        reject(
            KPI,
            "dubblett",
            format!("samma KPI, kommun, period och kön som rad {first}; raden används inte"),
        )
    })?;
    Ok(v)
}

/// KPI ids are compared upper-cased and trimmed.
pub fn normalise_kpi(s: &str) -> String {
    s.trim().to_ascii_uppercase()
}

/// Municipality resolution (memoised per distinct text) and duplicate detection over packed
/// keys, shared by the table and the JSON reader.
#[derive(Default)]
pub(crate) struct Keys {
    municipalities: HashMap<String, Result<String, String>>,
    ids: HashMap<String, u32>,
    seen: HashMap<u64, u32>,
    /// The organisation's own Kolada id, accepted even when the catalog lacks it (a new
    /// municipality, or the fictional sample's 9999).
    own: Option<String>,
    /// Ids of the data folder's own `kommuner.json` and `kommungrupper.json`.
    local: std::collections::HashSet<String>,
}

impl Keys {
    pub(crate) fn new(settings: &Settings) -> Keys {
        Keys {
            own: settings.organisation.kolada_id.clone(),
            ..Keys::default()
        }
    }

    /// These keys, also accepting the ids of `local`.
    pub(crate) fn knowing(mut self, local: &LocalPlaces) -> Keys {
        self.local = local.ids().map(str::to_string).collect();
        self
    }

    /// The Kolada id of a municipality given as id or name.
    pub(crate) fn municipality(&mut self, text: &str) -> Result<String, String> {
        if let Some(r) = self.municipalities.get(text) {
            return r.clone();
        }
        let id = place::normalise_id(text);
        let r = match &self.own {
            Some(own) if id == *own => Ok(own.clone()),
            _ if self.local.contains(&id) => Ok(id),
            _ => place::resolve_cell(text).map(|p| p.id().to_string()),
        };
        self.municipalities.insert(text.to_string(), r.clone());
        r
    }

    fn intern(&mut self, s: &str) -> u32 {
        let n = self.ids.len() as u32;
        *self.ids.entry(s.to_string()).or_insert(n)
    }

    /// `Err(first location)` when the same key was seen before (at `first`).
    pub(crate) fn first_time(&mut self, v: &KpiValue, at: u32) -> Result<(), u32> {
        let k = self.intern(&v.kpi) as u64;
        let m = self.intern(&v.municipality) as u64;
        let key = (k << 40) | (m << 16) | ((v.year as u64 - 1900) << 2) | v.gender.index() as u64;
        match self.seen.get(&key) {
            Some(&first) => Err(first),
            None => {
                self.seen.insert(key, at);
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicate_keys_are_found() {
        let mut keys = Keys::default();
        let v = KpiValue {
            kpi: "U31402".into(),
            municipality: "0305".into(),
            year: 2022,
            gender: Gender::Total,
            value: Some(13.0),
        };
        assert_eq!(keys.first_time(&v, 2), Ok(()));
        let women = KpiValue {
            gender: Gender::Women,
            ..v.clone()
        };
        assert_eq!(keys.first_time(&women, 3), Ok(()));
        assert_eq!(keys.first_time(&v, 4), Err(2));
    }
}
