//! Places and labels of the indicator tables: names from the folder's Kolada catalogs before
//! the embedded one, the comparison group's value (Kolada's, or its members' mean computed
//! here) and the source line that tells Kolada's values from the tool's processing.

use super::index::Index;
use crate::model::indicators::{Gender, IndicatorData, catalog};
use crate::settings::Settings;

/// Kolada's name of a municipality, riket or group (the folder's `kommungrupper.json` and
/// `kommuner.json` first, then the embedded catalog); the id when neither has it.
pub(super) fn place_name(data: &IndicatorData, id: &str) -> String {
    data.place_title(id).unwrap_or_else(|| id.to_string())
}

/// The own municipality's name: Kolada's, else the organisation's (a test id such as 9999).
pub(super) fn own_name(data: &IndicatorData, id: &str, settings: &Settings) -> String {
    match data.places.get(id) {
        Some(p) => p.title.clone(),
        None => catalog::municipality(id).map_or_else(
            || settings.organisation.namn.clone(),
            |m| m.title.to_string(),
        ),
    }
}

/// The comparison group's value: Kolada's own when the folder has the group's row, else the
/// unweighted mean of its members' values computed here (`true`: computed), as when Kolada
/// refused the group in data requests and `kvalitet kolada hämta` fetched its members.
pub(super) fn group_value(
    data: &IndicatorData,
    index: &Index<'_>,
    kpi: &str,
    group: &str,
    year: i32,
) -> (Option<f64>, bool) {
    if index.has(kpi, group, year) {
        return (index.get(kpi, group, year), false);
    }
    // A mean over a few members (say the own municipality alone in a group of 290) would
    // misrepresent the group: at least two members and half of them must have a value.
    let members = data.members(group).len();
    match data.group_mean(kpi, group, year, Gender::Total) {
        Some((v, n)) if n >= 2 && 2 * n as usize >= members => (Some(v), true),
        _ => (None, false),
    }
}

/// `Källa: …` followed by `Bearbetning: kvalitet, av data från Kolada: …` naming the columns
/// this tool computed, so processed figures are never presented as Kolada's own (Kolada's
/// terms).
pub(super) fn source_line(source: &str, processed: &[String]) -> String {
    match processed {
        [] => source.to_string(),
        [one] => format!("{source}. {PROCESSED}: {one}"),
        [rest @ .., last] => format!("{source}. {PROCESSED}: {} och {last}", rest.join(", ")),
    }
}

/// The label of figures computed from Kolada's values.
pub const PROCESSED: &str = "Bearbetning: kvalitet, av data från Kolada";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_source_line_names_processed_columns_after_koladas_source() {
        let src = "Kolada (RKA), hämtad 2026-11-23";
        assert_eq!(source_line(src, &[]), src);
        assert_eq!(
            source_line(src, &["Förändring 2021–2022".into()]),
            "Kolada (RKA), hämtad 2026-11-23. Bearbetning: kvalitet, av data från Kolada: Förändring 2021–2022"
        );
        assert_eq!(
            source_line(src, &["A".into(), "B".into(), "C".into()]),
            "Kolada (RKA), hämtad 2026-11-23. Bearbetning: kvalitet, av data från Kolada: A, B och C"
        );
    }
}
