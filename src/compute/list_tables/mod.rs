//! The tables of the list inputs: ej verkställda beslut per quarter, insats and law, with days
//! since the decision and those carried out or ended during the year; egenkontroller per area;
//! IVO:s tillsyn of the year. Every figure names its file and the rows it counts (`spåra`).

mod decisions;
mod self_checks;
mod supervision;

use serde::Serialize;

use super::table::Table;
use super::trace::Source;
use crate::model::lists::Lists;

/// What the prose says about the list inputs; each `None` when its file is not there or has no
/// row for the year.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ListFigures {
    pub ej_verkstallda: Option<decisions::DecisionFigures>,
    pub egenkontroll: Option<self_checks::SelfCheckFigures>,
    pub ivo_tillsyn: Option<supervision::SupervisionFigures>,
}

/// The tables and figures of every list input for `year`.
pub fn build(lists: &Lists, year: i32) -> (Vec<Table>, ListFigures) {
    let mut tables = Vec::new();
    let mut figures = ListFigures::default();
    if let Some(l) = &lists.decisions
        && let Some((t, f)) = decisions::build(l, year)
    {
        tables.extend(t);
        figures.ej_verkstallda = Some(f);
    }
    if let Some(l) = &lists.self_checks
        && let Some((t, f)) = self_checks::build(l, year)
    {
        tables.push(t);
        figures.egenkontroll = Some(f);
    }
    if let Some(l) = &lists.supervision
        && let Some((t, f)) = supervision::build(l, year)
    {
        tables.push(t);
        figures.ivo_tillsyn = Some(f);
    }
    (tables, figures)
}

/// "rad 2, 5 och 9" (the first 40 rows, then how many more).
fn rows_text(rows: &[u32]) -> String {
    const SHOWN: usize = 40;
    let mut sorted = rows.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let shown: Vec<String> = sorted.iter().take(SHOWN).map(u32::to_string).collect();
    let more = sorted.len().saturating_sub(SHOWN);
    match (shown.as_slice(), more) {
        ([], _) => "inga rader".into(),
        ([one], _) => format!("rad {one}"),
        (_, 0) => {
            let (last, init) = shown.split_last().expect("at least two");
            format!("raderna {} och {last}", init.join(", "))
        }
        _ => format!("raderna {} och {more} till", shown.join(", ")),
    }
}

/// The provenance of a figure computed from rows of `file`: what was computed, and from which.
fn from_rows(file: &str, what: &str, rows: &[u32]) -> Option<Source> {
    Some(Source::Imported(format!(
        "beräknat ur {file}: {what} ({})",
        rows_text(rows)
    )))
}

/// The provenance of a value read as it stands in one row of `file`.
fn from_row(file: &str, column: &str, row: u32) -> Option<Source> {
    Some(Source::Imported(format!(
        "{file}, rad {row}, kolumnen {column}"
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_listed_in_order_and_cut_after_forty() {
        assert_eq!(rows_text(&[]), "inga rader");
        assert_eq!(rows_text(&[7]), "rad 7");
        assert_eq!(rows_text(&[9, 2, 5, 2]), "raderna 2, 5 och 9");
        let many: Vec<u32> = (2..=50).collect();
        assert!(rows_text(&many).ends_with("41 och 9 till"));
    }
}
