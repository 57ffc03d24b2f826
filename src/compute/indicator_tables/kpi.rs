//! One table per group of Kolada KPIs: the municipality's value per year beside riket and the
//! comparison group, the change against the year before and the position among all
//! municipalities, each column with its source.

use super::index::Index;
use super::places::{group_value, own_name, place_name, source_line};
use super::{IndicatorFigure, KpiFigure, TrendPoint};
use crate::base::{Ratio, Value};
use crate::compute::table::{Row, Table};
use crate::compute::trace::Source;
use crate::model::indicators::place::RIKET;
use crate::model::indicators::{Direction, IndicatorData, KpiMeta, Quartile};
use crate::settings::Settings;

pub(super) struct KpiTableInput<'a> {
    pub(super) key: &'a str,
    pub(super) title: &'a str,
    pub(super) metas: &'a [KpiMeta],
    pub(super) own: &'a str,
    pub(super) years: &'a [i32],
    pub(super) year: i32,
    pub(super) source: &'a str,
}

/// Decimals to show: the KPI's own setting, else none for whole numbers and one otherwise.
pub(super) fn decimals_of(meta: &KpiMeta, values: &[Option<f64>]) -> u32 {
    meta.decimals.unwrap_or_else(|| {
        if values.iter().flatten().all(|v| v.fract() == 0.0) {
            0
        } else {
            1
        }
    })
}

pub(super) fn number(v: Option<f64>, decimals: u32) -> Value {
    v.and_then(Ratio::from_f64)
        .map_or(Value::Missing, |r| Value::Number {
            r,
            decimals,
            unit: None,
        })
}

pub(super) fn kpi_table(
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
                    (Some(a), Some(b)) => Value::NumberChange {
                        r: a.shown_difference(b, 1, decimals),
                        decimals,
                    },
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
            utveckling: development(
                now,
                before,
                meta.direction,
                decimals,
                settings.indikatorer.forandring_procent,
            ),
            placering: position.map(prose_position),
            riket: text(riket_value),
            grupp: group_now.and_then(|(v, _)| text(v)),
            trend: shown_years
                .iter()
                .zip(&own_values)
                .map(|(&y, &own)| TrendPoint {
                    ar: y,
                    kommun: own,
                    riket: if riket {
                        index.get(&meta.id, RIKET, y)
                    } else {
                        None
                    },
                    grupp: group.and_then(|g| group_value(data, index, &meta.id, g, y).0),
                })
                .collect(),
            decimaler: decimals,
        });
    }
    let mut processed = Vec::new();
    if let Some(p) = previous {
        processed.push(format!("förändring {p}–{year}"));
    }
    if let Some(g) = group.filter(|_| group_computed) {
        processed.push(format!(
            "{} {year} (ovägt medel av medlemmarnas värden)",
            place_name(data, g)
        ));
    }
    if any_position {
        processed.push(format!("placering {year}"));
    }
    let (line, processed_note) = source_line(source, &processed);
    t.source = line;
    t.notes.extend(processed_note);
    if any_position {
        t.notes.push("Placering: var kommunen hamnar bland alla kommuner som har ett värde för året, med hänsyn till om ett högre eller lägre värde är bättre.".into());
    }
    if group_computed {
        t.notes.push("Kolada har inget eget värde för jämförelsegruppen; gruppens värde är det ovägda medlet av medlemmarnas värden.".into());
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
pub(super) fn prose_position(q: Quartile) -> &'static str {
    match q {
        Quartile::Middle => "bland de mittersta 50\u{a0}%",
        other => other.text(),
    }
}

/// The direction of change in words, from the values as shown (rounded to `decimals`).
/// "har förbättrats" and "har försämrats" only when the change is larger than `threshold`
/// percent of the year before's value (the documented `[indikatorer] forandring_procent`);
/// a smaller change "är i stort sett oförändrat", and none at all "är oförändrat".
pub(super) fn development(
    now: Option<f64>,
    before: Option<f64>,
    direction: Option<Direction>,
    decimals: u32,
    threshold: u32,
) -> Option<&'static str> {
    let now = Ratio::from_f64(now?)?.round_scaled(decimals);
    let before = Ratio::from_f64(before?)?.round_scaled(decimals);
    let direction = direction?;
    let diff = now - before;
    if diff == 0 {
        return Some("är oförändrat");
    }
    if diff.abs() * 100 <= i128::from(threshold) * before.abs() {
        return Some("är i stort sett oförändrat");
    }
    Some(match (diff > 0, direction) {
        (true, Direction::HigherIsBetter) | (false, Direction::LowerIsBetter) => "har förbättrats",
        _ => "har försämrats",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(now: f64, before: f64, direction: Direction) -> &'static str {
        development(Some(now), Some(before), Some(direction), 0, 5).unwrap()
    }

    #[test]
    fn a_change_within_the_threshold_is_about_unchanged() {
        // 92 → 93 is +1,1 %: the sample report said "förbättrats" for it.
        assert_eq!(
            said(93.0, 92.0, Direction::HigherIsBetter),
            "är i stort sett oförändrat"
        );
        // Exactly 5 % is not larger than 5 %.
        assert_eq!(
            said(105.0, 100.0, Direction::HigherIsBetter),
            "är i stort sett oförändrat"
        );
        assert_eq!(said(90.0, 90.0, Direction::LowerIsBetter), "är oförändrat");
    }

    #[test]
    fn a_change_past_the_threshold_follows_the_direction() {
        assert_eq!(
            said(106.0, 100.0, Direction::HigherIsBetter),
            "har förbättrats"
        );
        assert_eq!(
            said(106.0, 100.0, Direction::LowerIsBetter),
            "har försämrats"
        );
        assert_eq!(
            said(12.0, 14.0, Direction::LowerIsBetter),
            "har förbättrats"
        );
        assert_eq!(
            said(12.0, 14.0, Direction::HigherIsBetter),
            "har försämrats"
        );
        // From zero every change is past the threshold.
        assert_eq!(said(1.0, 0.0, Direction::HigherIsBetter), "har förbättrats");
    }

    #[test]
    fn the_threshold_compares_the_values_as_shown() {
        // 99,6 and 95,4 are shown as 100 and 95: +5,3 %, past the threshold.
        assert_eq!(
            development(
                Some(99.6),
                Some(95.4),
                Some(Direction::HigherIsBetter),
                0,
                5
            ),
            Some("har förbättrats")
        );
        // A threshold of 0 calls every shown change.
        assert_eq!(
            development(
                Some(93.0),
                Some(92.0),
                Some(Direction::HigherIsBetter),
                0,
                0
            ),
            Some("har förbättrats")
        );
        assert_eq!(development(Some(93.0), Some(92.0), None, 0, 5), None);
    }
}
