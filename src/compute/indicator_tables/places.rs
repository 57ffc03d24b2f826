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

/// The source line and, when this tool computed columns, the note naming them: Kolada's own
/// figures are never presented as computed, nor computed ones as Kolada's. Kolada asks for
/// "egen bearbetning" after its name when its data has been processed.
pub(super) fn source_line(source: &str, processed: &[String]) -> (String, Option<String>) {
    let note = |cols: String| Some(format!("Egen bearbetning av Koladas värden: {cols}."));
    match processed {
        [] => (source.to_string(), None),
        [one] => (format!("{source}, {PROCESSED}"), note(one.clone())),
        [rest @ .., last] => (
            format!("{source}, {PROCESSED}"),
            note(format!("{} och {last}", rest.join(", "))),
        ),
    }
}

/// What the source line adds when figures are computed from Kolada's values.
pub const PROCESSED: &str = "egen bearbetning";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_source_line_says_egen_bearbetning_and_a_note_names_the_processed_columns() {
        let src = "Kolada (RKA), hämtad 2026-11-23";
        assert_eq!(source_line(src, &[]), (src.to_string(), None));
        assert_eq!(
            source_line(src, &["förändring 2021–2022".into()]),
            (
                "Kolada (RKA), hämtad 2026-11-23, egen bearbetning".to_string(),
                Some("Egen bearbetning av Koladas värden: förändring 2021–2022.".to_string())
            )
        );
        assert_eq!(
            source_line(src, &["A".into(), "B".into(), "C".into()]).1,
            Some("Egen bearbetning av Koladas värden: A, B och C.".to_string())
        );
    }
}
