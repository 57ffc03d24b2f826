//! The columns of every input kind together: the `[kolumner]` keys that name no column of any
//! input table. Matching one table's header and locating its cells is `ingest::layout`.

use std::collections::BTreeMap;

use crate::base::Loc;

use crate::diagnostics::{Findings, Severity};
use crate::ingest::headers::{ColumnSpec, unknown_alias_keys};

/// Every column of every input table: a `[kolumner]` key must name one of them.
pub fn all_columns() -> Vec<ColumnSpec> {
    let mut all = crate::model::register::all_specs().to_vec();
    all.extend(crate::model::survey::SPECS);
    all.extend(crate::model::indicators::values::SPECS);
    all.extend(crate::model::indicators::metadata::SPECS);
    all.extend(crate::model::indicators::own_stats::SPECS);
    all
}

/// The warnings about `[kolumner]` keys that name no column of any input table, once per run.
pub fn check_aliases(aliases: &BTreeMap<String, Vec<String>>, findings: &mut Findings) {
    for (key, hint) in unknown_alias_keys(&all_columns(), aliases) {
        let hint = hint
            .map(|h| format!("; menade du \"{h}\"?"))
            .unwrap_or_default();
        findings.push(
            "installning",
            Severity::Warning,
            Loc::file("kvalitet.toml"),
            format!("[kolumner] \"{key}\" är ingen känd kolumn{hint}"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::RawCell;
    use crate::ingest::headers::match_headers;

    fn headers(names: &[&str]) -> Vec<RawCell<'static>> {
        names
            .iter()
            .map(|h| RawCell::text_owned(h.to_string()))
            .collect()
    }

    #[test]
    fn antal_is_matched_per_input_kind() {
        let none = BTreeMap::new();
        let row = headers(&["Fråga", "Svarsalternativ", "Antal"]);
        let survey = match_headers(&crate::model::survey::SPECS, &none, &row);
        assert_eq!(survey.found[4], Some(2), "the survey's own Antal");
        let own = match_headers(
            &crate::model::indicators::own_stats::SPECS,
            &none,
            &headers(&["Mått", "År", "Antal"]),
        );
        assert_eq!(own.found, vec![Some(0), None, None, Some(1), Some(2)]);
        let kpi = match_headers(
            &crate::model::indicators::values::SPECS,
            &none,
            &headers(&["Indikator", "Antal"]),
        );
        assert_eq!(kpi.found[0], Some(0));
        assert_eq!(kpi.found[4], Some(1));
    }
}
