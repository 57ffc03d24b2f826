//! KPI values (`indikatorer`): the Kolada long table (KPI, Kommun, Period, Kön, Värde) or the
//! Kolada API's v3 JSON, validated into [`KpiValue`]s handed to a sink one by one (so an
//! import never holds a whole file). Every row is used or rejected with a located reason; an
//! empty value is a missing value, never 0.

use std::path::Path;

use anyhow::Result;

use super::columns::{Reject, RowView, read_table, reject, value_cell};
use super::keys::Keys;
use super::kpi::normalise_kpi;
use super::local_places::LocalPlaces;
use super::{FileRead, Gender, KpiValue, kolada_json};
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
