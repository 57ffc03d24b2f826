//! Pure computation: from a validated register to the report's tables and key figures. No
//! paths, no files, no formatting here; every number the report shows is computed once, here.

pub mod figures;
pub mod indicator_tables;
pub mod list_tables;
pub mod register_tables;
pub mod suppress;
pub mod survey;
pub mod survey_tables;
pub mod table;
pub mod trace;

use std::collections::BTreeSet;

use anyhow::{Result, bail};
use serde::Serialize;

pub use crate::base::{Ratio, Value};
pub use figures::Figures;
pub use register_tables::part::Part;
pub use table::{Column, Row, Table};

use crate::base::law::{Scope, YearLaw};
use crate::diagnostics::Reconciliation;
use crate::model::Inputs;
use crate::settings::{Settings, YearBasis};

/// Everything the report states, computed.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub year: i32,
    /// The years compared, ascending, ending with `year`.
    pub years: Vec<i32>,
    /// Years in the window for which the register holds at least one report.
    pub data_years: BTreeSet<i32>,
    pub tables: Vec<Table>,
    pub figures: Figures,
    pub reconciliation: Vec<Reconciliation>,
    /// Survey areas shown, with their figures for the prose.
    pub surveys: Vec<survey_tables::SurveyFigure>,
    /// Indicator tables and own statistics shown, with their figures for the prose.
    pub indicators: indicator_tables::IndicatorFigures,
    /// Which date decides the year, in words ("händelsedatum").
    pub year_basis: &'static str,
    /// A part of the organisation (an enhet or förvaltning), whose every count is protected.
    pub part: bool,
    /// Ej verkställda beslut, egenkontroller and IVO:s tillsyn shown, with their figures.
    pub lists: list_tables::ListFigures,
    /// The laws in force during `year`, as the report cites them.
    pub law: crate::base::law::YearLaw,
    /// Verksamheter with a section of their own, each computed from its rows as a part
    /// (filled in by the command that knows them; empty otherwise).
    pub verksamheter: Vec<UnitReport>,
    /// Whether the data folder has a register: without one the report has no register tables
    /// and its text says nothing of reports.
    pub register: bool,
    /// One sentence per table left out because the register lacks a column it needs.
    pub left_out: Vec<String>,
}

/// One verksamhet's section: its name and its report, computed as a part.
#[derive(Debug, Clone, Serialize)]
pub struct UnitReport {
    pub namn: String,
    /// The enheter and förvaltningar it covers, as the register names them.
    pub omfattar: Vec<String>,
    pub report: Report,
}

impl Report {
    pub fn table(&self, key: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.key == key)
    }
}

/// The comparison window: from `year - earlier` (or the register's first year, if later) to
/// `year`; a year inside the window without data is kept and shows "–". Fails when the
/// register holds nothing for `year`.
pub fn window(all_years: &BTreeSet<i32>, year: i32, earlier: u32) -> Result<Vec<i32>> {
    if !all_years.contains(&year) {
        match (all_years.first(), all_years.last()) {
            (Some(a), Some(b)) if a == b => {
                bail!("registret har inga rapporter för {year} (det innehåller bara året {a})")
            }
            (Some(a), Some(b)) => {
                bail!("registret har inga rapporter för {year} (det innehåller åren {a}–{b})")
            }
            _ => bail!("registret innehåller inga användbara rapporter"),
        }
    }
    let from = year - earlier as i32;
    let first = all_years.first().map_or(year, |&f| f.max(from));
    Ok((first..=year).collect())
}

/// Computes the report for `year`, of the whole organisation.
pub fn build(inputs: &Inputs, settings: &Settings, year: i32) -> Result<Report> {
    build_with(inputs, settings, year, None)
}

/// Computes the report for `year` of a part of the organisation (the register holds only the
/// part's rows): every count is protected, and what the whole's report hides stays hidden.
pub fn build_part(inputs: &Inputs, settings: &Settings, year: i32, part: &Part) -> Result<Report> {
    build_with(inputs, settings, year, Some(part))
}

fn build_with(
    inputs: &Inputs,
    settings: &Settings,
    year: i32,
    part: Option<&Part>,
) -> Result<Report> {
    let register = &inputs.register;
    let all_years: BTreeSet<i32> = register.records.iter().map(|r| r.year).collect();
    // Surveys and indicators have their own history: the whole window, whatever the register's
    // first year.
    let full_window: Vec<i32> = (year - settings.rapport.jamforelsear as i32..=year).collect();
    let years = if register.loaded {
        window(&all_years, year, settings.rapport.jamforelsear)?
    } else {
        full_window.clone()
    };
    let data_years: BTreeSet<i32> = years
        .iter()
        .copied()
        .filter(|y| all_years.contains(y))
        .collect();
    let basis = match settings.rapport.ar_styrs_av {
        YearBasis::Handelsedatum => "händelsedatum",
        YearBasis::Rapporterad => "rapporteringsdatum",
    };
    let ctx = register_tables::Ctx {
        reg: register,
        years: &years,
        data_years: &data_years,
        year,
        basis,
        rule: settings.rule(),
        memo: Default::default(),
    };
    let own = crate::model::register::own_tables::own_tables(settings)
        .map_err(|e| anyhow::anyhow!("{}", e.join("\n")))?;
    let (mut tables, left_out) = if register.loaded {
        register_tables::all(&ctx, &own)
    } else {
        (Vec::new(), Vec::new())
    };
    if let Some(part) = part {
        register_tables::part::protect(&ctx, &mut tables, part);
    }
    let surveys = match &inputs.surveys {
        Some(s) => {
            let (t, f) = survey_tables::build(
                s,
                &settings.brukarundersokning,
                settings.rule(),
                &full_window,
                year,
            );
            tables.extend(t);
            f
        }
        None => Vec::new(),
    };
    let indicators = match &inputs.indicators {
        Some(data) => {
            let (t, f) = indicator_tables::build(
                data,
                settings,
                &full_window,
                year,
                &inputs.kolada_source(),
            );
            tables.extend(t);
            f
        }
        None => indicator_tables::IndicatorFigures::default(),
    };
    // The list inputs describe the whole organisation, like the surveys: not a part's report.
    let lists = match part {
        None => {
            let (t, f) = list_tables::build(&inputs.lists, year);
            tables.extend(t);
            f
        }
        Some(_) => list_tables::ListFigures::default(),
    };
    for (i, t) in tables.iter_mut().enumerate() {
        t.number = i + 1;
    }
    let mut figures = figures::compute(&ctx);
    if part.is_some() {
        register_tables::part::hide_figures(&tables, ctx.rule, &mut figures);
    }
    // The prose names units only with counts the annex shows.
    if let Some(t) = tables.iter().find(|t| t.key == "avvikelser_per_enhet") {
        let col = years.len() - 1;
        figures.enheter.retain(|u| {
            t.rows.iter().any(|r| {
                r.label == u.namn && matches!(r.values.get(col), Some(Value::Count { .. }))
            })
        });
    }
    let law = YearLaw::of(year, |scope| match scope {
        Scope::General => true,
        Scope::Register => register.loaded,
        Scope::NotCarriedOut => {
            lists.ej_verkstallda.is_some()
                && !settings
                    .avsnitt
                    .utelamna
                    .iter()
                    .any(|s| s == "ej_verkstallda")
        }
    });
    Ok(Report {
        year,
        years,
        data_years,
        tables,
        figures,
        reconciliation: inputs.reconciliation(),
        surveys,
        indicators,
        year_basis: basis,
        part: part.is_some(),
        verksamheter: Vec::new(),
        lists,
        law,
        register: register.loaded,
        left_out,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_starts_at_the_first_year_with_data() {
        let years = BTreeSet::from([2019, 2020, 2022]);
        assert_eq!(
            window(&years, 2022, 4).unwrap(),
            vec![2019, 2020, 2021, 2022]
        );
        assert_eq!(window(&years, 2022, 1).unwrap(), vec![2021, 2022]);
        assert_eq!(window(&years, 2020, 4).unwrap(), vec![2019, 2020]);
        assert_eq!(window(&years, 2022, 0).unwrap(), vec![2022]);
    }

    #[test]
    fn a_year_without_data_is_an_error() {
        let years = BTreeSet::from([2019, 2020]);
        let err = window(&years, 2023, 4).unwrap_err().to_string();
        assert_eq!(
            err,
            "registret har inga rapporter för 2023 (det innehåller åren 2019–2020)"
        );
        let err = window(&BTreeSet::from([2026]), 2025, 4).unwrap_err();
        assert_eq!(
            err.to_string(),
            "registret har inga rapporter för 2025 (det innehåller bara året 2026)"
        );
    }
}
