//! The organisation's own statistics as tables: yearly series with years as rows, monthly
//! series as the months of the report year, amounts shown in the unit the settings ask for.

use crate::base::{Ratio, Value};
use crate::compute::table::{Row, Table};
use crate::compute::trace::Source;
use crate::model::indicators::{IndicatorData, OwnPeriod, OwnSeries};
use crate::settings::Settings;
use crate::text::{fold, slug};

/// Own statistics: yearly series as one table with years as rows (Huddinge's återkrav table),
/// monthly series as one table of the months of `year`.
pub(super) fn own_tables(
    data: &IndicatorData,
    settings: &Settings,
    years: &[i32],
    year: i32,
) -> Vec<Table> {
    let groups: Vec<(String, String, Vec<&OwnSeries>)> =
        if settings.indikatorer.statistik.is_empty() {
            let yearly: Vec<&OwnSeries> = data.own.iter().filter(|s| !is_monthly(s)).collect();
            let monthly: Vec<&OwnSeries> = data.own.iter().filter(|s| is_monthly(s)).collect();
            let mut g = Vec::new();
            if !yearly.is_empty() {
                g.push((
                    "Egen statistik".to_string(),
                    "statistik_ar".to_string(),
                    yearly,
                ));
            }
            if !monthly.is_empty() {
                g.push((
                    format!("Egen statistik per månad {year}"),
                    "statistik_manad".to_string(),
                    monthly,
                ));
            }
            g
        } else {
            settings
                .indikatorer
                .statistik
                .iter()
                .map(|t| {
                    let series =
                        t.id.iter()
                            .filter_map(|id| data.own.iter().find(|s| fold(&s.id) == fold(id)))
                            .collect();
                    let key = t
                        .nyckel
                        .clone()
                        .unwrap_or_else(|| format!("statistik_{}", slug(&t.titel)));
                    (t.titel.clone(), key, series)
                })
                .collect()
        };
    groups
        .into_iter()
        .filter(|(_, _, s)| !s.is_empty())
        .map(|(title, key, series)| {
            if series.iter().any(|s| is_monthly(s)) {
                month_table(&key, &title, &series, settings, year)
            } else {
                year_table(&key, &title, &series, settings, years)
            }
        })
        .collect()
}

pub(super) fn is_monthly(s: &OwnSeries) -> bool {
    s.points
        .iter()
        .any(|p| matches!(p.period, OwnPeriod::Month(..)))
}

/// Units written after the number; other units belong in the column's title.
pub(super) fn unit_suffix(unit: Option<&str>) -> Option<String> {
    let u = unit?.trim();
    matches!(fold(u).as_str(), "kr" | "tkr" | "mnkr" | "mkr").then(|| u.to_string())
}

/// How a series is shown: the unit after the number, the factor its values are multiplied by
/// (kr shown as tkr: 0,001) and the decimals.
pub(super) struct Shown {
    pub(super) unit: Option<String>,
    pub(super) factor: f64,
    /// `None`: each value with the decimals it has.
    pub(super) decimals: Option<u32>,
}

/// Amount units and their size in kr.
pub(super) const AMOUNTS: [(&str, f64); 4] =
    [("kr", 1.0), ("tkr", 1e3), ("mnkr", 1e6), ("mkr", 1e6)];

pub(super) fn amount_size(unit: &str) -> Option<f64> {
    let u = fold(unit.trim());
    AMOUNTS.iter().find(|(a, _)| *a == u).map(|(_, f)| *f)
}

/// How `s` is shown, after `[indikatorer.serie.<id>]`: an amount in kr, tkr or mnkr can be
/// shown in another of them (`enhet`), and `decimaler` overrides the decimals each value has
/// (after the change of unit: 5 060 123 kr as tkr has none unless asked).
pub(super) fn shown(s: &OwnSeries, settings: &Settings) -> Shown {
    let rule = (settings.indikatorer.serie.iter()).find(|(id, _)| fold(id) == fold(&s.id));
    let rule = rule.map(|(_, r)| r);
    let unit = unit_suffix(s.unit.as_deref());
    let asked = rule.and_then(|r| r.enhet.as_deref());
    let converted = match (unit.as_deref().and_then(amount_size), asked) {
        (Some(from), Some(to)) => amount_size(to).map(|to_size| (to.trim(), from / to_size)),
        _ => None,
    };
    let (unit, factor) = match converted {
        Some((to, factor)) => (Some(to.to_string()), factor),
        None => (unit, 1.0),
    };
    let decimals = rule.and_then(|r| r.decimaler).or(converted.map(|_| 0));
    Shown {
        unit,
        factor,
        decimals,
    }
}

pub(super) fn own_value(s: &OwnSeries, period: OwnPeriod, shown: &Shown) -> Value {
    let Some(v) = s.value(period) else {
        return Value::Missing;
    };
    match Ratio::from_f64(v * shown.factor) {
        Some(r) => Value::Number {
            r,
            decimals: shown.decimals.unwrap_or_else(|| value_decimals(v)),
            unit: shown.unit.clone(),
        },
        None => Value::Missing,
    }
}

/// The decimals a value read from a file has (at most three): `435 935,05` has two, `613 477`
/// none, as the seed prints them side by side.
pub(super) fn value_decimals(v: f64) -> u32 {
    (0..3)
        .find(|&d| {
            let x = v * 10f64.powi(d as i32);
            (x - x.round()).abs() <= (x.abs() * 4.0 * f64::EPSILON).max(1e-9)
        })
        .unwrap_or(3)
}

pub(super) fn series_title(s: &OwnSeries) -> String {
    let title = if s.title.is_empty() { &s.id } else { &s.title };
    match s.unit.as_deref() {
        Some(u) if unit_suffix(Some(u)).is_none() && !u.is_empty() && fold(u) != "antal" => {
            format!("{title} ({u})")
        }
        _ => title.to_string(),
    }
}

pub(super) fn year_table(
    key: &str,
    title: &str,
    series: &[&OwnSeries],
    settings: &Settings,
    years: &[i32],
) -> Table {
    let shown_as: Vec<Shown> = series.iter().map(|s| shown(s, settings)).collect();
    let shown: Vec<i32> = years
        .iter()
        .copied()
        .filter(|y| {
            series
                .iter()
                .any(|s| s.points.iter().any(|p| p.period == OwnPeriod::Year(*y)))
        })
        .collect();
    let span = match (shown.first(), shown.last()) {
        (Some(a), Some(b)) if a != b => format!(" {a}–{b}"),
        (Some(a), _) => format!(" {a}"),
        _ => String::new(),
    };
    let mut t = Table::new(key, format!("{title}{span}"), "År");
    for s in series {
        t = t.column(series_title(s));
    }
    for y in &shown {
        let values = series
            .iter()
            .zip(&shown_as)
            .map(|(s, how)| own_value(s, OwnPeriod::Year(*y), how))
            .collect();
        let sources = series
            .iter()
            .map(|s| own_source(s, &y.to_string()))
            .collect();
        t.rows
            .push(Row::new(y.to_string(), values).sourced(sources));
    }
    t.source = OWN_SOURCE.into();
    t
}

pub(super) const OWN_SOURCE: &str = "Verksamhetens egen statistik";

pub(super) fn own_source(s: &OwnSeries, period: &str) -> Option<Source> {
    Some(Source::Imported(format!(
        "{OWN_SOURCE}: serie {}, period {period}",
        s.id
    )))
}

pub(super) fn month_table(
    key: &str,
    title: &str,
    series: &[&OwnSeries],
    settings: &Settings,
    year: i32,
) -> Table {
    let shown_as: Vec<Shown> = series.iter().map(|s| shown(s, settings)).collect();
    let mut t = Table::new(key, title.to_string(), "Månad");
    for s in series {
        t = t.column(series_title(s));
    }
    for i in 0..12 {
        let values = series
            .iter()
            .zip(&shown_as)
            .map(|(s, how)| own_value(s, OwnPeriod::Month(year, i as u32 + 1), how))
            .collect();
        let label = crate::base::format::month_label(i + 1);
        let period = format!("{year}-{:02}", i + 1);
        let sources = series.iter().map(|s| own_source(s, &period)).collect();
        t.rows.push(Row::new(label, values).sourced(sources));
    }
    t.source = OWN_SOURCE.into();
    t.note("– uppgift saknas för månaden.")
}

#[cfg(test)]
mod own_tests {
    use super::*;
    use crate::model::indicators::OwnPoint;

    fn series(id: &str, unit: &str, values: &[f64]) -> OwnSeries {
        OwnSeries {
            id: id.into(),
            title: id.into(),
            unit: Some(unit.into()),
            points: (values.iter().enumerate())
                .map(|(i, v)| OwnPoint {
                    period: OwnPeriod::Month(2022, i as u32 + 1),
                    value: Some(*v),
                    row: i as u32 + 2,
                })
                .collect(),
        }
    }

    #[test]
    fn the_decimals_are_those_the_value_has() {
        assert_eq!(value_decimals(435_935.05), 2);
        assert_eq!(value_decimals(613_477.0), 0);
        assert_eq!(value_decimals(19.6), 1);
        assert_eq!(value_decimals(1.0 / 3.0), 3);
        assert_eq!(value_decimals(1e12 + 0.5), 1);
    }

    #[test]
    fn a_value_is_shown_with_its_decimals_unless_the_settings_say_otherwise() {
        let s = series("fut", "kr", &[435_935.05, 613_477.0]);
        let text = |settings: &Settings, month| match own_value(
            &s,
            OwnPeriod::Month(2022, month),
            &shown(&s, settings),
        ) {
            Value::Number { r, decimals, .. } => (r.to_f64(), decimals),
            other => panic!("{other:?}"),
        };
        assert_eq!(text(&Settings::default(), 1), (435_935.05, 2));
        assert_eq!(text(&Settings::default(), 2), (613_477.0, 0));
        let one = Settings::parse("[indikatorer.serie.fut]\ndecimaler = 1\n").unwrap();
        assert_eq!(text(&one, 1), (435_935.05, 1), "rounded only for display");
    }

    #[test]
    fn an_amount_in_kr_is_shown_in_tkr_when_the_settings_say_so() {
        let s = series("utbetalt", "kr", &[5_060_123.0]);
        let plain = shown(&s, &Settings::default());
        assert_eq!(
            (plain.unit.as_deref(), plain.factor, plain.decimals),
            (Some("kr"), 1.0, None)
        );
        let settings = Settings::parse("[indikatorer.serie.Utbetalt]\nenhet = \"tkr\"\n").unwrap();
        let tkr = shown(&s, &settings);
        assert_eq!(
            (tkr.unit.as_deref(), tkr.factor, tkr.decimals),
            (Some("tkr"), 1e-3, Some(0))
        );
        let settings =
            Settings::parse("[indikatorer.serie.utbetalt]\nenhet = \"mnkr\"\ndecimaler = 1\n")
                .unwrap();
        let mnkr = shown(&s, &settings);
        assert_eq!(
            (mnkr.unit.as_deref(), mnkr.decimals),
            (Some("mnkr"), Some(1))
        );
        // A count is no amount: the unit is not changed.
        let count = series("utbetalt", "antal", &[613.0]);
        let kept = shown(&count, &settings);
        assert_eq!(
            (kept.unit, kept.factor, kept.decimals),
            (None, 1.0, Some(1))
        );
    }
}
