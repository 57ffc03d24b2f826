//! A warning for own statistics in percent whose every value is at most 1: most likely
//! fractions of 1 (Excel stores "40 %" as 0,40), which would be shown as 0,4 %. Unlike a
//! survey's national distribution, a single share below 1 % is plausible, so nothing is
//! converted: the controller is told, at the series' first row, what to check.

use super::own_stats::OwnSeries;
use crate::base::Loc;
use crate::diagnostics::{Findings, Severity};

/// The finding kind.
pub const KIND: &str = "procent-som-brak";

/// Whether `unit` says percent (`%`, `procent`, `andel (%)`).
fn is_percent(unit: &str) -> bool {
    unit.contains('%') || unit.to_lowercase().contains("procent")
}

/// Warns, in `findings`, about each series of `file` in percent that looks like fractions.
pub fn check(series: &[OwnSeries], file: &str, findings: &mut Findings) {
    for s in series {
        if !s.unit.as_deref().is_some_and(is_percent) {
            continue;
        }
        let values: Vec<f64> = s.points.iter().filter_map(|p| p.value).collect();
        let fractions =
            values.iter().all(|v| v.abs() <= 1.0) && values.iter().any(|v| *v > 0.0 && *v < 1.0);
        if let (true, Some(first)) = (fractions, s.points.first()) {
            findings.push(
                KIND,
                Severity::Warning,
                Loc::file(file.to_string()).at_row(first.row),
                format!(
                    "alla värden för {} är högst 1 fast enheten är procent; är de andelar av 1 (Excel lagrar 40 % som 0,40) visas de som 0,4 % i stället för 40 %. Skriv dem i procent (40), eller låt det vara om andelarna verkligen är under 1 %",
                    crate::base::names::shown(&s.id)
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::indicators::own_stats::{OwnPeriod, OwnPoint};

    fn series(unit: &str, values: &[f64]) -> OwnSeries {
        OwnSeries {
            id: "aterakt".into(),
            title: "Återaktualiserade".into(),
            unit: Some(unit.into()),
            points: values
                .iter()
                .enumerate()
                .map(|(i, v)| OwnPoint {
                    period: OwnPeriod::Year(2020 + i as i32),
                    value: Some(*v),
                    row: i as u32 + 2,
                })
                .collect(),
        }
    }

    #[test]
    fn percent_series_of_fractions_are_warned_about_at_their_first_row() {
        let mut f = Findings::default();
        check(&[series("%", &[0.4, 0.38])], "statistik.xlsx", &mut f);
        assert_eq!(f.count(KIND), 1);
        assert!(
            f.items()[0]
                .to_string()
                .starts_with("varning: statistik.xlsx › rad 2: alla värden för aterakt är högst 1"),
            "{}",
            f.items()[0]
        );
    }

    #[test]
    fn percent_above_one_and_other_units_are_left_alone() {
        let mut f = Findings::default();
        check(
            &[
                series("andel (%)", &[0.4, 38.0]),
                series("antal", &[0.4, 0.5]),
                series("%", &[0.0, 1.0]),
            ],
            "statistik.csv",
            &mut f,
        );
        assert!(f.is_empty());
    }
}
