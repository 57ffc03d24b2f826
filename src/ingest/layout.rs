//! What every input table shares once its header row is found: the findings about missing and
//! duplicated columns, and locating a data cell as file › blad › rad › kolumn.

use super::headers::{ColumnSpec, HeaderMatch};
use super::{RawCell, Source};
use crate::base::{Col, Loc};
use crate::diagnostics::{Findings, Severity};

/// A column's name as the user sees it: a letter in spreadsheets, a number in CSV.
pub fn col_name(col: usize, letters: bool) -> String {
    if letters {
        crate::base::column_letters(col as u32)
    } else {
        (col + 1).to_string()
    }
}

/// Pushes the findings about a matched header row: missing required columns (fatal, with a
/// near miss), duplicated columns (fatal) and, when
/// `notice_optional`, missing optional ones. Returns whether the table can be used.
pub fn check_header(
    specs: &[ColumnSpec],
    m: &HeaderMatch,
    source: &Source,
    row: u32,
    notice_optional: bool,
    findings: &mut Findings,
) -> bool {
    let loc = source.loc().at_row(row);
    let mut usable = true;
    for spec in m.missing_required(specs) {
        let hint = match m.near_miss(spec) {
            Some((col, h)) => format!(
                "; rubriken \"{h}\" i kolumn {} liknar den: menade du \"{}\"? Byt rubrik eller lägg till ett alias under [kolumner] i kvalitet.toml",
                col_name(*col, source.letters),
                spec.name
            ),
            None => String::new(),
        };
        findings.push(
            "kolumn-saknas",
            Severity::Fatal,
            loc.clone(),
            format!("obligatorisk kolumn \"{}\" saknas{hint}", spec.name),
        );
        usable = false;
    }
    for &(spec, a, b) in &m.duplicates {
        findings.push(
            "dubbel-kolumn",
            Severity::Fatal,
            loc.clone(),
            format!(
                "kolumnen \"{}\" finns två gånger (kolumn {} och {}); ta bort eller byt namn på den ena",
                specs[spec].name,
                col_name(a, source.letters),
                col_name(b, source.letters)
            ),
        );
        usable = false;
    }
    if notice_optional {
        for (i, spec) in specs.iter().enumerate() {
            if !spec.required && !spec.free_text && m.found[i].is_none() {
                let hint = match m.near_miss(spec) {
                    Some((col, h)) => format!(
                        " (rubriken \"{h}\" i kolumn {} liknar den: menade du \"{}\"?)",
                        col_name(*col, source.letters),
                        spec.name
                    ),
                    None => String::new(),
                };
                findings.push(
                    "kolumn-saknas-valfri",
                    Severity::Notice,
                    loc.clone(),
                    format!(
                        "kolumnen \"{}\" saknas{hint}; uppgifter som bygger på den visas som –",
                        spec.name
                    ),
                );
            }
        }
    }
    usable
}

/// Where a table's columns are: the source, the match and the header texts, so that any
/// data cell can be located without copying its value.
#[derive(Debug, Clone)]
pub struct Layout {
    pub source: Source,
    pub header: HeaderMatch,
    /// Column index → header text.
    pub header_text: Vec<String>,
}

impl Layout {
    pub fn new(source: &Source, header: HeaderMatch, cells: &[RawCell]) -> Layout {
        Layout {
            source: source.clone(),
            header,
            header_text: cells
                .iter()
                .map(|c| c.as_key().unwrap_or_default())
                .collect(),
        }
    }

    /// The 0-based column of spec `spec`, when present.
    pub fn col(&self, spec: usize) -> Option<usize> {
        self.header.found.get(spec).copied().flatten()
    }

    /// The location of row `row`, column `col` (0-based).
    pub fn loc_col(&self, row: u32, col: Option<usize>) -> Loc {
        let base = self.source.loc().at_row(row);
        match col {
            Some(i) => base.at_col(Col {
                index: i as u32,
                header: self.header_text.get(i).cloned().unwrap_or_default(),
                letters: self.source.letters,
            }),
            None => base,
        }
    }

    /// The location of row `row` in the column of spec `spec`.
    pub fn loc(&self, row: u32, spec: usize) -> Loc {
        self.loc_col(row, self.col(spec))
    }

    /// The cell of spec `spec` in `cells`, or an empty cell.
    pub fn cell<'r, 'c>(&self, cells: &'r [RawCell<'c>], spec: usize) -> &'r RawCell<'c> {
        static EMPTY: RawCell<'static> = RawCell::Empty;
        self.col(spec).and_then(|i| cells.get(i)).unwrap_or(&EMPTY)
    }
}
