//! KPI metadata (*nyckeltal*): the `nyckeltal` table (Id, Titel, Enhet, Verksamhetsområde,
//! Riktning, Visningsnamn, Decimaler) or Kolada's own v3 kpi JSON, read into [`KpiMeta`]s.

use std::path::Path;

use anyhow::Result;

use super::columns::{Reject, read_table, reject};
use super::kpi::{Direction, KpiMeta, MetaRead, UnknownDirection, clean_title};
use super::{FileRead, kolada_json};
use crate::diagnostics::{Findings, Severity};
use crate::ingest::cell::parse_number;
use crate::ingest::headers::ColumnSpec;
use crate::ingest::headers::column as spec;
use crate::settings::Settings;

const ID: usize = 0;
const TITLE: usize = 1;
const UNIT: usize = 2;
const AREA: usize = 3;
const DIRECTION: usize = 4;
const DISPLAY: usize = 5;
const DECIMALS: usize = 6;
const TARGET: usize = 7;

/// The columns of `nyckeltal`.
pub const SPECS: [ColumnSpec; 8] = [
    spec(
        "Id",
        &[
            "KPI",
            "KPI-id",
            "kpi_id",
            "Nyckeltal-id",
            "Nyckeltal",
            "Indikator",
            "Mått",
            "Mått-id",
            "Variabel",
        ],
        true,
    ),
    spec("Titel", &["Title", "Namn", "Benämning"], false),
    spec("Enhet", &["Unit", "Måttenhet"], false),
    spec(
        "Verksamhetsområde",
        &["operating_area", "Område", "Verksamhet"],
        false,
    ),
    spec("Riktning", &["Direction", "Bättre", "Tolkning"], false),
    spec(
        "Visningsnamn",
        &["Kortnamn", "Rubrik", "Display name"],
        false,
    ),
    spec("Decimaler", &["Antal decimaler", "Decimals"], false),
    spec("Målvärde", &["Mål", "Målnivå", "Target"], false),
];

/// Reads `nyckeltal.csv|xlsx|json`.
pub fn read(path: &Path, settings: &Settings) -> Result<MetaRead> {
    if kolada_json::is_json(path) {
        return kolada_json::read_kpis(path);
    }
    let mut kpis: Vec<KpiMeta> = Vec::new();
    let mut rows: Vec<u32> = Vec::new();
    let mut on_row =
        |row: &super::columns::RowView<'_, '_>, findings: &mut Findings| -> Result<(), Reject> {
            let meta = meta_row(row, findings)?;
            if let Some(i) = kpis.iter().position(|k| k.id == meta.id) {
                return Err(reject(
                    ID,
                    "dubblett",
                    format!("samma Id som rad {}; raden används inte", rows[i]),
                ));
            }
            rows.push(row.row);
            kpis.push(meta);
            Ok(())
        };
    let FileRead {
        reconciliation,
        findings,
    } = read_table(path, super::META_STEM, &SPECS, settings, &mut on_row)?;
    Ok(MetaRead {
        kpis,
        reconciliation,
        findings,
    })
}

fn text(row: &super::columns::RowView<'_, '_>, spec: usize) -> Option<String> {
    row.cell(spec).as_key().map(|s| s.trim().to_string())
}

fn meta_row(
    row: &super::columns::RowView<'_, '_>,
    findings: &mut Findings,
) -> Result<KpiMeta, Reject> {
    let id = text(row, ID)
        .map(|s| s.to_ascii_uppercase())
        .ok_or_else(|| reject(ID, "id-saknas", "Id saknas; raden används inte"))?;
    let direction = match text(row, DIRECTION) {
        None => None,
        Some(t) => Direction::parse(&t).unwrap_or_else(|UnknownDirection| {
            findings.push(
                "riktning",
                Severity::Warning,
                row.loc(DIRECTION),
                "okänd riktning (väntade \"Högre är bättre\", \"Lägre är bättre\" eller tomt); nyckeltalet får ingen riktning".into(),
            );
            None
        }),
    };
    let decimals = match parse_number(row.cell(DECIMALS)) {
        Ok(None) => None,
        Ok(Some(d)) if d.fract() == 0.0 && (0.0..=6.0).contains(&d) => Some(d as u32),
        _ => {
            findings.push(
                "decimaler",
                Severity::Warning,
                row.loc(DECIMALS),
                "Decimaler ska vara ett heltal 0–6; värdet används inte".into(),
            );
            None
        }
    };
    let target = match parse_number(row.cell(TARGET)) {
        Ok(t) => t.filter(|t| t.is_finite()),
        Err(_) => {
            findings.push(
                "malvarde",
                Severity::Warning,
                row.loc(TARGET),
                "Målvärde ska vara ett tal; nyckeltalet får inget mål".into(),
            );
            None
        }
    };
    let mut meta = KpiMeta::new(&id);
    meta.target = target;
    meta.title = text(row, TITLE)
        .map(|t| clean_title(&t))
        .or_else(|| super::catalog::kpi(&id).map(|k| k.title()))
        .unwrap_or_default();
    meta.unit = text(row, UNIT);
    meta.operating_area =
        text(row, AREA).or_else(|| super::catalog::kpi(&id).map(|k| k.operating_area.to_string()));
    meta.direction = direction;
    meta.display_name = text(row, DISPLAY);
    meta.decimals = decimals;
    meta.description = super::catalog::kpi(&id).map(|k| k.description.to_string());
    Ok(meta)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kolada_titles_are_cleaned_for_display() {
        assert_eq!(
            clean_title(
                "Ej återaktualiserade vuxna personer med försörjningsstöd ett år efter avslutat försörjningsstöd, andel (%) (- 2024)"
            ),
            "Ej återaktualiserade vuxna personer med försörjningsstöd ett år efter avslutat försörjningsstöd, andel (%)"
        );
        assert_eq!(
            clean_title("Väntetid  i antal dagar,   medelvärde "),
            "Väntetid i antal dagar, medelvärde"
        );
        assert_eq!(clean_title("Invånare 65+ (-2019)"), "Invånare 65+");
        assert_eq!(clean_title("Brukarbedömning (2015-)"), "Brukarbedömning");
        assert_eq!(
            clean_title("Andel (%)"),
            "Andel (%)",
            "a unit is not a period"
        );
        assert_eq!(clean_title("Kostnad 0-17 år (kr)"), "Kostnad 0-17 år (kr)");
    }

    #[test]
    fn directions_are_read_in_every_spelling() {
        for s in ["Högre är bättre", "högre", "HÖG", "+"] {
            assert_eq!(
                Direction::parse(s),
                Ok(Some(Direction::HigherIsBetter)),
                "{s}"
            );
        }
        for s in ["Lägre är bättre", "lägre", "låg", "-"] {
            assert_eq!(
                Direction::parse(s),
                Ok(Some(Direction::LowerIsBetter)),
                "{s}"
            );
        }
        assert_eq!(Direction::parse(""), Ok(None));
        assert_eq!(Direction::parse("bra"), Err(UnknownDirection));
    }

    #[test]
    fn catalog_titles_are_cleaned_too() {
        let k = super::super::catalog::kpi("U31462").unwrap();
        assert!(k.raw_title.ends_with("(- 2024)"));
        assert!(k.title().ends_with("andel (%)"));
    }
}
