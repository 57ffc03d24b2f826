//! The indicator tables of the report: Kolada KPIs per year for the municipality, with riket,
//! the comparison group, the change against the year before and the position among all
//! municipalities; and the organisation's own statistics per year and per month.

use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;

use super::indicator_places::{group_value, own_name, place_name, source_line};
use super::table::{Row, Table};
use super::trace::Source;
use crate::base::{Ratio, Value};
use crate::indicators::place::RIKET;
use crate::indicators::{
    Direction, Gender, IndicatorData, KpiMeta, OwnPeriod, OwnSeries, Quartile,
};
use crate::settings::Settings;
use crate::text::{fold, slug};

/// One KPI's figures for the prose.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KpiFigure {
    pub id: String,
    pub namn: String,
    pub varde: Option<String>,
    pub fg_varde: Option<String>,
    /// "förbättrats", "försämrats", "är oförändrat" or none (no direction or no value).
    pub utveckling: Option<&'static str>,
    pub placering: Option<&'static str>,
    pub riket: Option<String>,
    /// The comparison group's value.
    pub grupp: Option<String>,
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
    pub kommun: Option<String>,
    /// The comparison group's name, when one is configured.
    pub jamforelsegrupp: Option<String>,
    pub tabeller: Vec<IndicatorFigure>,
    pub egen_statistik: Vec<String>,
    /// "Kolada" or "Kolada, hämtad 2026-11-23".
    pub kalla: String,
}

type Key<'a> = (&'a str, &'a str, i32);

/// Values of gender T by (kpi, municipality, year).
pub(super) struct Index<'a> {
    values: HashMap<Key<'a>, Option<f64>>,
}

impl<'a> Index<'a> {
    fn new(data: &'a IndicatorData) -> Index<'a> {
        let values = data
            .values
            .iter()
            .filter(|v| v.gender == Gender::Total)
            .map(|v| ((v.kpi.as_str(), v.municipality.as_str(), v.year), v.value))
            .collect();
        Index { values }
    }

    pub(super) fn get(&self, kpi: &str, municipality: &str, year: i32) -> Option<f64> {
        self.values
            .get(&(kpi, municipality, year))
            .copied()
            .flatten()
    }

    pub(super) fn has(&self, kpi: &str, municipality: &str, year: i32) -> bool {
        self.values.contains_key(&(kpi, municipality, year))
    }
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

struct KpiTableInput<'a> {
    key: &'a str,
    title: &'a str,
    metas: &'a [KpiMeta],
    own: &'a str,
    years: &'a [i32],
    year: i32,
    source: &'a str,
}

/// Decimals to show: the KPI's own setting, else none for whole numbers and one otherwise.
fn decimals_of(meta: &KpiMeta, values: &[Option<f64>]) -> u32 {
    meta.decimals.unwrap_or_else(|| {
        if values.iter().flatten().all(|v| v.fract() == 0.0) {
            0
        } else {
            1
        }
    })
}

fn number(v: Option<f64>, decimals: u32) -> Value {
    v.and_then(Ratio::from_f64)
        .map_or(Value::Missing, |r| Value::Number {
            r,
            decimals,
            unit: None,
        })
}

fn kpi_table(
    input: &KpiTableInput<'_>,
    index: &Index<'_>,
    data: &IndicatorData,
    settings: &Settings,
) -> (Table, IndicatorFigure) {
    let KpiTableInput {
        key,
        title,
        metas,
        own,
        years,
        year,
        source,
    } = *input;
    let shown_years: Vec<i32> = years
        .iter()
        .copied()
        .filter(|y| metas.iter().any(|m| index.has(&m.id, own, *y)))
        .collect();
    let previous = shown_years
        .iter()
        .copied()
        .filter(|y| *y < year)
        .max()
        .filter(|y| *y == year - 1);
    let riket = settings.indikatorer.riket && metas.iter().any(|m| index.has(&m.id, RIKET, year));
    let group_id = data.comparison_group(settings);
    let group = group_id.as_deref().filter(|g| {
        metas.iter().any(|m| {
            group_value(data, index, &m.id, g, year).0.is_some() || index.has(&m.id, g, year)
        })
    });
    let group_computed = group.is_some_and(|g| {
        metas
            .iter()
            .any(|m| group_value(data, index, &m.id, g, year).1)
    });
    let positions: Vec<Option<Quartile>> = metas
        .iter()
        .map(|m| data.position(&m.id, own, year))
        .collect();
    let mut t = Table::new(
        key,
        format!("{title}, {}", own_name(data, own, settings)),
        "Nyckeltal",
    );
    for y in &shown_years {
        t = t.column(y.to_string());
    }
    if let Some(p) = previous {
        t = t.column(format!("Förändring {p}–{year}"));
    }
    if riket {
        t = t.column(format!("Riket {year}"));
    }
    if let Some(g) = group {
        t = t.column(format!("{} {year}", place_name(data, g)));
    }
    let any_position = positions.iter().any(Option::is_some);
    if any_position {
        t = t.text_column(format!("Placering {year}"));
    }
    let mut figure = IndicatorFigure {
        titel: title.to_string(),
        tabell: key.to_string(),
        nyckeltal: Vec::new(),
    };
    let mut areas: Vec<&str> = metas
        .iter()
        .filter_map(|m| m.operating_area.as_deref())
        .collect();
    areas.dedup();
    let grouped = {
        let mut distinct = areas.clone();
        distinct.sort_unstable();
        distinct.dedup();
        distinct.len() > 1
    };
    let mut current_area: Option<&str> = None;
    for (meta, position) in metas.iter().zip(&positions) {
        let area = meta.operating_area.as_deref();
        if grouped && area != current_area {
            if let Some(a) = area {
                t.rows.push(Row::heading(a));
            }
            current_area = area;
        }
        let own_values: Vec<Option<f64>> = shown_years
            .iter()
            .map(|y| index.get(&meta.id, own, *y))
            .collect();
        let decimals = decimals_of(meta, &own_values);
        let mut values: Vec<Value> = own_values.iter().map(|v| number(*v, decimals)).collect();
        let now = index.get(&meta.id, own, year);
        let before = previous.and_then(|p| index.get(&meta.id, own, p));
        if previous.is_some() {
            values.push(
                match (
                    now.and_then(Ratio::from_f64),
                    before.and_then(Ratio::from_f64),
                ) {
                    (Some(a), Some(b)) => Value::NumberChange { r: a - b, decimals },
                    _ => Value::Missing,
                },
            );
        }
        let riket_value = index.get(&meta.id, RIKET, year);
        if riket {
            values.push(number(riket_value, decimals));
        }
        let group_now = group.map(|g| group_value(data, index, &meta.id, g, year));
        if let Some((v, _)) = group_now {
            values.push(number(v, decimals));
        }
        if any_position {
            values.push(position.map_or(Value::Missing, |q| Value::Text {
                text: q.text().to_string(),
            }));
        }
        let own_label = format!("{} ({own})", own_name(data, own, settings));
        let from = |place: &str, y: i32| {
            Some(Source::Imported(format!(
                "{source}: nyckeltal {}, {place}, år {y}",
                meta.id
            )))
        };
        let mut sources: Vec<Option<Source>> =
            shown_years.iter().map(|y| from(&own_label, *y)).collect();
        if let Some(p) = previous {
            sources.push(Some(Source::Imported(format!(
                "beräknat: värdet {year} minus värdet {p} för {own_label}, nyckeltal {}, ur {source}",
                meta.id
            ))));
        }
        if riket {
            sources.push(from("riket (0000)", year));
        }
        if let Some(g) = group {
            let label = format!("{} ({g})", place_name(data, g));
            sources.push(match group_now {
                Some((_, true)) => Some(Source::Imported(format!(
                    "beräknat av kvalitet: ovägt medel av medlemmarnas värden för nyckeltal {} år {year} i {source}, {label}",
                    meta.id
                ))),
                _ => from(&label, year),
            });
        }
        if any_position {
            sources.push(Some(Source::Imported(format!(
                "beräknat ur alla kommuners värden för nyckeltal {} år {year} i {source}: kvartil, med hänsyn till om ett högre eller lägre värde är bättre",
                meta.id
            ))));
        }
        t.rows.push(Row::new(meta.name(), values).sourced(sources));
        let text = |v: Option<f64>| match number(v, decimals) {
            Value::Missing => None,
            v => Some(crate::base::format::value(&v)),
        };
        figure.nyckeltal.push(KpiFigure {
            id: meta.id.clone(),
            namn: meta.name().to_string(),
            varde: text(now),
            fg_varde: text(before),
            utveckling: development(now, before, meta.direction, decimals),
            placering: position.map(prose_position),
            riket: text(riket_value),
            grupp: group_now.and_then(|(v, _)| text(v)),
        });
    }
    let mut processed = Vec::new();
    if let Some(p) = previous {
        processed.push(format!("Förändring {p}–{year}"));
    }
    if let Some(g) = group.filter(|_| group_computed) {
        processed.push(format!(
            "{} {year} (ovägt medel av medlemmarnas värden, beräknat av kvalitet)",
            place_name(data, g)
        ));
    }
    if any_position {
        processed.push(format!("Placering {year}"));
    }
    t.source = source_line(source, &processed);
    if any_position {
        t.notes.push("Placering: var kommunen hamnar bland alla kommuner som har ett värde för året, med hänsyn till om ett högre eller lägre värde är bättre.".into());
    }
    if group_computed {
        t.notes.push("Kolada har inget eget värde för jämförelsegruppen; kvalitet har räknat gruppens ovägda medel av medlemmarnas värden i datamappen.".into());
    }
    if group_computed && riket {
        t.notes
            .push("Riket är Koladas värde för hela landet.".into());
    } else if (group.is_some() && !group_computed) || riket {
        t.notes.push("Riket och jämförelsegruppen är Koladas värden för hela landet respektive gruppen (ovägt medel om gruppen anges så).".into());
    }
    (t, figure)
}

/// The position as the prose says it: "bland de mittersta 50 %".
fn prose_position(q: Quartile) -> &'static str {
    match q {
        Quartile::Middle => "bland de mittersta 50\u{a0}%",
        other => other.text(),
    }
}

/// The direction of change in words, from rounded values (as shown).
fn development(
    now: Option<f64>,
    before: Option<f64>,
    direction: Option<Direction>,
    decimals: u32,
) -> Option<&'static str> {
    let now = Ratio::from_f64(now?)?.round_scaled(decimals);
    let before = Ratio::from_f64(before?)?.round_scaled(decimals);
    let direction = direction?;
    Some(match (now.cmp(&before), direction) {
        (std::cmp::Ordering::Equal, _) => "är oförändrat",
        (std::cmp::Ordering::Greater, Direction::HigherIsBetter)
        | (std::cmp::Ordering::Less, Direction::LowerIsBetter) => "har förbättrats",
        _ => "har försämrats",
    })
}

/// Own statistics: yearly series as one table with years as rows (Huddinge's återkrav table),
/// monthly series as one table of the months of `year`.
fn own_tables(data: &IndicatorData, settings: &Settings, years: &[i32], year: i32) -> Vec<Table> {
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

fn is_monthly(s: &OwnSeries) -> bool {
    s.points
        .iter()
        .any(|p| matches!(p.period, OwnPeriod::Month(..)))
}

/// Units written after the number; other units belong in the column's title.
fn unit_suffix(unit: Option<&str>) -> Option<String> {
    let u = unit?.trim();
    matches!(fold(u).as_str(), "kr" | "tkr" | "mnkr" | "mkr").then(|| u.to_string())
}

/// How a series is shown: the unit after the number, the factor its values are multiplied by
/// (kr shown as tkr: 0,001) and the decimals.
struct Shown {
    unit: Option<String>,
    factor: f64,
    /// `None`: each value with the decimals it has.
    decimals: Option<u32>,
}

/// Amount units and their size in kr.
const AMOUNTS: [(&str, f64); 4] = [("kr", 1.0), ("tkr", 1e3), ("mnkr", 1e6), ("mkr", 1e6)];

fn amount_size(unit: &str) -> Option<f64> {
    let u = fold(unit.trim());
    AMOUNTS.iter().find(|(a, _)| *a == u).map(|(_, f)| *f)
}

/// How `s` is shown, after `[indikatorer.serie.<id>]`: an amount in kr, tkr or mnkr can be
/// shown in another of them (`enhet`), and `decimaler` overrides the decimals each value has
/// (after the change of unit: 5 060 123 kr as tkr has none unless asked).
fn shown(s: &OwnSeries, settings: &Settings) -> Shown {
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

fn own_value(s: &OwnSeries, period: OwnPeriod, shown: &Shown) -> Value {
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
fn value_decimals(v: f64) -> u32 {
    (0..3)
        .find(|&d| {
            let x = v * 10f64.powi(d as i32);
            (x - x.round()).abs() <= (x.abs() * 4.0 * f64::EPSILON).max(1e-9)
        })
        .unwrap_or(3)
}

fn series_title(s: &OwnSeries) -> String {
    let title = if s.title.is_empty() { &s.id } else { &s.title };
    match s.unit.as_deref() {
        Some(u) if unit_suffix(Some(u)).is_none() && !u.is_empty() && fold(u) != "antal" => {
            format!("{title} ({u})")
        }
        _ => title.to_string(),
    }
}

fn year_table(
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

const OWN_SOURCE: &str = "Verksamhetens egen statistik";

fn own_source(s: &OwnSeries, period: &str) -> Option<Source> {
    Some(Source::Imported(format!(
        "{OWN_SOURCE}: serie {}, period {period}",
        s.id
    )))
}

const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];

fn month_table(
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
    for (i, month) in MONTHS.iter().enumerate() {
        let values = series
            .iter()
            .zip(&shown_as)
            .map(|(s, how)| own_value(s, OwnPeriod::Month(year, i as u32 + 1), how))
            .collect();
        let mut label = month.to_string();
        if let Some(first) = label.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
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
    use crate::indicators::OwnPoint;

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
