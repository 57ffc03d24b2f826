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
    let targets: Vec<Option<(f64, &'static str)>> =
        metas.iter().map(|m| target_of(m, settings)).collect();
    let any_target = targets.iter().any(Option::is_some);
    if any_target {
        t = t.column("Mål");
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
    for ((meta, position), target) in metas.iter().zip(&positions).zip(&targets) {
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
        if any_target {
            values.push(number(target.map(|(v, _)| v), decimals));
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
        if any_target {
            sources.push(Some(Source::Imported(match target {
                Some((_, from)) => format!("målvärde för nyckeltal {} {from}", meta.id),
                None => format!(
                    "nyckeltal {} har inget målvärde i kvalitet.toml eller i nyckeltalsfilen",
                    meta.id
                ),
            })));
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
        let mal = target
            .and_then(|(v, _)| text(Some(v)))
            .map(|v| match &meta.unit {
                Some(u) if !u.is_empty() => format!("{v}\u{a0}{u}"),
                _ => v,
            });
        let met = target.and_then(|(v, _)| target_met(now, v, meta.direction, decimals));
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
            mal: mal.clone(),
            mal_uppnatt: met,
            mal_text: met.zip(mal).map(|(met, mal)| target_sentence(&mal, met)),
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
    if any_target {
        t.notes.push("Mål: verksamhetens målvärde för nyckeltalet. Om målet har uppnåtts avgörs av om ett högre eller lägre värde är bättre.".into());
    }
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

/// The KPI's target and where it comes from: `[indikatorer.mal]` in kvalitet.toml first, then
/// the column Målvärde of the KPI descriptions.
pub(super) fn target_of(meta: &KpiMeta, settings: &Settings) -> Option<(f64, &'static str)> {
    let set = settings
        .indikatorer
        .mal
        .iter()
        .find(|(id, _)| id.eq_ignore_ascii_case(&meta.id))
        .map(|(_, v)| (*v, "ur kvalitet.toml ([indikatorer.mal])"));
    set.or(meta
        .target
        .map(|v| (v, "ur nyckeltalsfilen (kolumnen Målvärde)")))
}

/// Whether `now` meets `target`, compared as shown (rounded to `decimals`): at or above it when
/// a higher value is better, at or below it when a lower one is. `None` without a value or a
/// direction.
pub(super) fn target_met(
    now: Option<f64>,
    target: f64,
    direction: Option<Direction>,
    decimals: u32,
) -> Option<bool> {
    let now = Ratio::from_f64(now?)?.round_scaled(decimals);
    let target = Ratio::from_f64(target)?.round_scaled(decimals);
    Some(match direction? {
        Direction::HigherIsBetter => now >= target,
        Direction::LowerIsBetter => now <= target,
    })
}

/// "Målet 83 % har uppnåtts" or "Målet 83 % har inte uppnåtts".
pub(super) fn target_sentence(target: &str, met: bool) -> String {
    if met {
        format!("Målet {target} har uppnåtts")
    } else {
        format!("Målet {target} har inte uppnåtts")
    }
}

#[cfg(test)]
mod target_tests {
    use super::*;

    #[test]
    fn the_direction_decides_which_side_of_the_target_is_met() {
        let higher = Some(Direction::HigherIsBetter);
        let lower = Some(Direction::LowerIsBetter);
        assert_eq!(target_met(Some(83.0), 83.0, higher, 0), Some(true));
        assert_eq!(target_met(Some(82.0), 83.0, higher, 0), Some(false));
        assert_eq!(target_met(Some(84.0), 83.0, lower, 0), Some(false));
        assert_eq!(target_met(Some(12.0), 14.0, lower, 0), Some(true));
        assert_eq!(target_met(Some(14.0), 14.0, lower, 0), Some(true));
        // Compared as shown: 82.6 shows as 83 with no decimals.
        assert_eq!(target_met(Some(82.6), 83.0, higher, 0), Some(true));
        assert_eq!(target_met(Some(82.6), 83.0, higher, 1), Some(false));
        assert_eq!(target_met(None, 83.0, higher, 0), None);
        assert_eq!(target_met(Some(90.0), 83.0, None, 0), None);
    }

    #[test]
    fn the_sentence_says_whether_the_target_was_met() {
        assert_eq!(
            target_sentence("83\u{a0}%", false),
            "Målet 83\u{a0}% har inte uppnåtts"
        );
        assert_eq!(
            target_sentence("14 dagar", true),
            "Målet 14 dagar har uppnåtts"
        );
    }

    #[test]
    fn kvalitet_toml_overrides_the_column() {
        let mut meta = KpiMeta::new("U31402");
        meta.target = Some(10.0);
        let mut settings = Settings::default();
        assert_eq!(target_of(&meta, &settings).map(|t| t.0), Some(10.0));
        settings.indikatorer.mal.insert("u31402".into(), 14.0);
        assert_eq!(target_of(&meta, &settings).map(|t| t.0), Some(14.0));
        assert_eq!(target_of(&KpiMeta::new("U1"), &Settings::default()), None);
    }
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
