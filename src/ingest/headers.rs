//! Header matching: a table's header row against canonical column names plus aliases, case-
//! and accent-insensitively, with "menade du …?" for near misses. Knows no column's meaning.

use std::collections::BTreeMap;

use super::RawCell;
use crate::text::{fold, suggest};

/// One column a table may have.
#[derive(Debug, Clone, Copy)]
pub struct ColumnSpec {
    /// The canonical header, as documented.
    pub name: &'static str,
    /// Other headers that mean the same.
    pub aliases: &'static [&'static str],
    pub required: bool,
    /// Free text: matched so it can be ignored, never read.
    pub free_text: bool,
}

/// A column that is read and may be missing.
pub const fn optional_column(name: &'static str, aliases: &'static [&'static str]) -> ColumnSpec {
    column(name, aliases, false)
}

/// A column that is read, required or not.
pub const fn column(
    name: &'static str,
    aliases: &'static [&'static str],
    required: bool,
) -> ColumnSpec {
    ColumnSpec {
        name,
        aliases,
        required,
        free_text: false,
    }
}

/// The outcome of matching a header row.
#[derive(Debug, Clone, Default)]
pub struct HeaderMatch {
    /// For each spec (same order), the 0-based column it was found in.
    pub found: Vec<Option<usize>>,
    /// Headers that matched no spec: column and header text.
    pub unknown: Vec<(usize, String)>,
    /// A spec matched by more than one column: spec index, first and second column.
    pub duplicates: Vec<(usize, usize, usize)>,
}

impl HeaderMatch {
    pub fn matched(&self) -> usize {
        self.found.iter().filter(|f| f.is_some()).count()
    }

    /// Required specs that were not found.
    pub fn missing_required<'a>(&self, specs: &'a [ColumnSpec]) -> Vec<&'a ColumnSpec> {
        specs
            .iter()
            .zip(&self.found)
            .filter(|(s, f)| s.required && f.is_none())
            .map(|(s, _)| s)
            .collect()
    }

    /// The unknown header that most resembles `spec`, if any is close: column and header.
    pub fn near_miss(&self, spec: &ColumnSpec) -> Option<&(usize, String)> {
        let mut names = vec![spec.name];
        names.extend(spec.aliases);
        self.unknown
            .iter()
            .find(|(_, h)| suggest(h, names.iter().copied()).is_some())
    }
}

/// Matches `cells` (a candidate header row) against `specs`, with `extra` aliases from the
/// settings keyed by canonical name (keys compared folded).
pub fn match_headers(
    specs: &[ColumnSpec],
    extra: &BTreeMap<String, Vec<String>>,
    cells: &[RawCell],
) -> HeaderMatch {
    let mut lookup: BTreeMap<String, usize> = BTreeMap::new();
    for (i, spec) in specs.iter().enumerate() {
        lookup.insert(fold(spec.name), i);
        for alias in spec.aliases {
            lookup.insert(fold(alias), i);
        }
    }
    for (canonical, aliases) in extra {
        if let Some(i) = specs.iter().position(|s| fold(s.name) == fold(canonical)) {
            for alias in aliases {
                lookup.insert(fold(alias), i);
            }
        }
    }
    let mut m = HeaderMatch {
        found: vec![None; specs.len()],
        ..HeaderMatch::default()
    };
    for (col, cell) in cells.iter().enumerate() {
        let Some(header) = cell.as_key() else {
            continue;
        };
        match lookup.get(&fold(&header)) {
            Some(&i) => match m.found[i] {
                None => m.found[i] = Some(col),
                Some(first) => m.duplicates.push((i, first, col)),
            },
            None => m.unknown.push((col, header)),
        }
    }
    m
}

/// Records that no header row was found in `src`: a fatal finding naming the required columns
/// that `what` (e.g. "registret", "filen") needs.
pub fn no_header(
    findings: &mut crate::diagnostics::Findings,
    src: &super::Source,
    specs: &[ColumnSpec],
    what: &str,
) {
    let names: Vec<&str> = specs
        .iter()
        .filter(|s| s.required)
        .map(|s| s.name)
        .collect();
    findings.push(
        "rubrikrad",
        crate::diagnostics::Severity::Fatal,
        src.loc(),
        format!(
            "hittade ingen rubrikrad bland de första {} raderna; {what} behöver minst kolumnerna {}",
            super::HEADER_SEARCH_ROWS,
            names.join(", ")
        ),
    );
}

/// Unknown extra aliases in the settings: keys that are no canonical name, with a suggestion.
pub fn unknown_alias_keys<'a>(
    specs: &[ColumnSpec],
    extra: &'a BTreeMap<String, Vec<String>>,
) -> Vec<(&'a str, Option<&'static str>)> {
    extra
        .keys()
        .filter(|k| !specs.iter().any(|s| fold(s.name) == fold(k)))
        .map(|k| (k.as_str(), suggest(k, specs.iter().map(|s| s.name))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPECS: &[ColumnSpec] = &[
        ColumnSpec {
            name: "Id",
            aliases: &["Ärendenummer"],
            required: true,
            free_text: false,
        },
        ColumnSpec {
            name: "Händelsedatum",
            aliases: &[],
            required: true,
            free_text: false,
        },
        ColumnSpec {
            name: "Beskrivning",
            aliases: &["Fritext"],
            required: false,
            free_text: true,
        },
    ];

    fn row<'a>(headers: &[&'a str]) -> Vec<RawCell<'a>> {
        headers.iter().map(|h| RawCell::text(h)).collect()
    }

    #[test]
    fn headers_match_case_accent_and_alias_insensitively() {
        let m = match_headers(
            SPECS,
            &BTreeMap::new(),
            &row(&["ÄRENDENUMMER", "handelsedatum", "Fritext", "Övrigt"]),
        );
        assert_eq!(m.found, vec![Some(0), Some(1), Some(2)]);
        assert_eq!(m.unknown, vec![(3, "Övrigt".to_string())]);
    }

    #[test]
    fn settings_aliases_extend_the_built_in_ones() {
        let extra = BTreeMap::from([(
            "händelsedatum".to_string(),
            vec!["Datum då det hände".to_string()],
        )]);
        let m = match_headers(SPECS, &extra, &row(&["Id", "Datum då det hände"]));
        assert_eq!(m.found[1], Some(1));
    }

    #[test]
    fn a_missing_required_column_gets_a_near_miss() {
        let m = match_headers(SPECS, &BTreeMap::new(), &row(&["Id", "Hädelsedatum"]));
        let missing = m.missing_required(SPECS);
        assert_eq!(missing.len(), 1);
        assert_eq!(missing[0].name, "Händelsedatum");
        assert_eq!(
            m.near_miss(missing[0]),
            Some(&(1, "Hädelsedatum".to_string()))
        );
    }

    #[test]
    fn duplicated_headers_are_reported() {
        let m = match_headers(
            SPECS,
            &BTreeMap::new(),
            &row(&["Id", "Händelsedatum", "id"]),
        );
        assert_eq!(m.duplicates, vec![(0, 0, 2)]);
    }

    #[test]
    fn unknown_alias_keys_get_suggestions() {
        let extra = BTreeMap::from([("Hendelsedatum".to_string(), vec![])]);
        assert_eq!(
            unknown_alias_keys(SPECS, &extra),
            vec![("Hendelsedatum", Some("Händelsedatum"))]
        );
    }
}
