//! The indicator tables of the report: Kolada KPIs per year for the municipality, with riket,
//! the comparison group, the change against the year before and the position among all
//! municipalities; and the organisation's own statistics per year and per month.

mod index;
mod kpi;
mod own;
mod places;

use super::table::Table;
use crate::model::indicators::{IndicatorData, KpiMeta};
use crate::settings::Settings;
use crate::text::slug;
use index::Index;
use kpi::{KpiTableInput, kpi_table};
use own::own_tables;
use places::{own_name, place_name};
use serde::Serialize;

/// One KPI's figures for the prose.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KpiFigure {
    pub id: String,
    pub namn: String,
    pub varde: Option<String>,
    pub fg_varde: Option<String>,
    /// "har förbättrats", "har försämrats", "är i stort sett oförändrat", "är oförändrat" or
    /// none (no direction or no value); see `kpi::development`.
    pub utveckling: Option<&'static str>,
    pub placering: Option<&'static str>,
    pub riket: Option<String>,
    /// The comparison group's value.
    pub grupp: Option<String>,
    /// The target as shown, with its unit ("83 %"), when the KPI has one.
    pub mal: Option<String>,
    /// Whether this year's value meets the target (by the KPI's direction); `None` without a
    /// target, a value or a direction.
    pub mal_uppnatt: Option<bool>,
    /// The sentence on the target: "Målet 83 % har inte uppnåtts".
    pub mal_text: Option<String>,
    /// The KPI over the years shown, with riket and the comparison group, for its chart.
    pub trend: Vec<TrendPoint>,
    /// The decimals the KPI is shown with.
    pub decimaler: u32,
}

/// One year of a KPI's trend: the municipality, riket and the comparison group (each absent
/// when there is no value, or when it is not shown in the report).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendPoint {
    pub ar: i32,
    pub kommun: Option<f64>,
    pub riket: Option<f64>,
    pub grupp: Option<f64>,
}

/// One indicator table's figures for the prose.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorFigure {
    pub titel: String,
    pub tabell: String,
    pub nyckeltal: Vec<KpiFigure>,
}

/// What the indicator part of the report shows.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct IndicatorFigures {
    /// The municipality's name as the tables show it.
    pub kommun: Option<String>,
    /// The comparison group's name, when one is configured.
    pub jamforelsegrupp: Option<String>,
    pub tabeller: Vec<IndicatorFigure>,
    pub egen_statistik: Vec<String>,
    /// "Kolada" or "Kolada, hämtad 2026-11-23".
    pub kalla: String,
    /// Whether any KPI has a position among all municipalities (the prose promises none else).
    pub placering: bool,
    /// The threshold of "förbättrats"/"försämrats", in percent of the year before's value.
    pub forandring_procent: u32,
}

/// Builds the indicator and own-statistics tables for `year` over `years`.
pub fn build(
    data: &IndicatorData,
    settings: &Settings,
    years: &[i32],
    year: i32,
    source: &str,
) -> (Vec<Table>, IndicatorFigures) {
    let mut tables = Vec::new();
    let mut figures = IndicatorFigures {
        kalla: source.to_string(),
        forandring_procent: settings.indikatorer.forandring_procent,
        ..IndicatorFigures::default()
    };
    if let Some(own) = data.own_municipality(settings) {
        let index = Index::new(data);
        for (title, key, kpis) in kpi_groups(data, settings, &own) {
            let metas: Vec<KpiMeta> = kpis
                .iter()
                .map(|id| data.kpi_or_catalog(id).unwrap_or_else(|| KpiMeta::new(id)))
                .collect();
            let (table, figure) = kpi_table(
                &KpiTableInput {
                    key: &key,
                    title: &title,
                    metas: &metas,
                    own: &own,
                    years,
                    year,
                    source,
                },
                &index,
                data,
                settings,
            );
            tables.push(table);
            figures.tabeller.push(figure);
        }
        figures.placering = figures
            .tabeller
            .iter()
            .flat_map(|t| &t.nyckeltal)
            .any(|k| k.placering.is_some());
        figures.kommun = Some(own_name(data, &own, settings));
        figures.jamforelsegrupp = data
            .comparison_group(settings)
            .as_deref()
            .map(|g| place_name(data, g));
    }
    for t in own_tables(data, settings, years, year) {
        figures.egen_statistik.push(t.key.clone());
        tables.push(t);
    }
    (tables, figures)
}

/// The KPI tables: configured ones, else one per verksamhetsområde of the KPIs the own
/// municipality has values for (in the order of `nyckeltal`, then of the values).
fn kpi_groups(
    data: &IndicatorData,
    settings: &Settings,
    own: &str,
) -> Vec<(String, String, Vec<String>)> {
    if !settings.indikatorer.tabell.is_empty() {
        return settings
            .indikatorer
            .tabell
            .iter()
            .map(|t| {
                let key = t
                    .nyckel
                    .clone()
                    .unwrap_or_else(|| format!("indikatorer_{}", slug(&t.titel)));
                (t.titel.clone(), key, t.kpi.clone())
            })
            .collect();
    }
    let mut ids: Vec<String> = data.kpis.iter().map(|k| k.id.clone()).collect();
    for v in &data.values {
        if v.municipality == own && !ids.contains(&v.kpi) {
            ids.push(v.kpi.clone());
        }
    }
    ids.retain(|id| {
        data.values
            .iter()
            .any(|v| v.municipality == own && &v.kpi == id)
    });
    let mut groups: Vec<(String, String, Vec<String>)> = Vec::new();
    for id in ids {
        let area = data
            .kpi_or_catalog(&id)
            .and_then(|m| m.operating_area)
            .unwrap_or_else(|| "Övriga nyckeltal".into());
        match groups.iter_mut().find(|g| g.0 == area) {
            Some(g) => g.2.push(id),
            None => {
                let key = format!("indikatorer_{}", slug(&area));
                groups.push((area, key, vec![id]));
            }
        }
    }
    groups
}
