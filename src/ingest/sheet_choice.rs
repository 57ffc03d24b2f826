//! Which sheet of a workbook is the table. A workbook often holds more than the register: a
//! filtered copy, a hidden sheet, a parameter or instruction sheet. The sheet named like the
//! input wins when it has the header; else the one visible sheet whose header row the reader
//! recognises; two such sheets, or only hidden ones, are refused with the sheets listed (names
//! through the guard). Decides only: reading the chosen sheet is the spreadsheet reader's.

use std::io::{Read, Seek};

use calamine::{Data, DataRef, Ods, Reader, SheetVisible, Xls, Xlsx};

use super::{HEADER_SEARCH_ROWS, RawCell, TableVisitor};
use crate::base::Loc;
use crate::base::names;
use crate::diagnostics::Severity;
use crate::text::fold;

/// A header row must match at least this many known columns to count.
const MIN_MATCHED: usize = 2;

/// One sheet as the choice sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub name: String,
    pub hidden: bool,
    /// Known columns in its best header row among the first rows (0 when the reader cannot
    /// tell, or the sheet has none).
    pub matched: usize,
}

/// The sheet to read, and a notice saying so when the workbook had others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chosen {
    pub name: String,
    pub notice: Option<String>,
}

/// Chooses among `sheets` (in the workbook's order) for an input called `hint` (`rapporter`,
/// or a sheet's exact name). The error is a Swedish reason without the file name.
pub fn choose(sheets: &[Sheet], hint: &str) -> Result<Chosen, String> {
    let Some(first) = sheets.first() else {
        return Err("arbetsboken har inga blad".into());
    };
    if sheets.len() == 1 || sheets.iter().any(|s| s.name == hint) {
        let name = sheets.iter().find(|s| s.name == hint).unwrap_or(first);
        return Ok(Chosen {
            name: name.name.clone(),
            notice: None,
        });
    }
    let with_header: Vec<&Sheet> = sheets.iter().filter(|s| s.matched >= MIN_MATCHED).collect();
    let visible: Vec<&Sheet> = with_header.iter().copied().filter(|s| !s.hidden).collect();
    let named = sheets.iter().find(|s| {
        !s.hidden && fold(&s.name) == fold(hint) && (s.matched >= MIN_MATCHED || visible.is_empty())
    });
    let chosen = match (named, visible.as_slice()) {
        (Some(s), _) => s,
        (None, [one]) => one,
        (None, []) if !with_header.is_empty() => {
            return Err(format!(
                "bara dolda blad har rubrikerna ({}); gör bladet som ska läsas synligt och kör igen",
                listed(&with_header)
            ));
        }
        (None, []) => sheets.iter().find(|s| !s.hidden).unwrap_or(first),
        (None, many) => {
            return Err(format!(
                "{} blad har rubrikerna ({}), och kvalitet gissar inte vilket som ska läsas; döp bladet som ska läsas till \"{}\" eller ta bort de andra och kör igen",
                many.len(),
                listed(many),
                capitalised(hint)
            ));
        }
    };
    let others: Vec<&Sheet> = sheets.iter().filter(|s| s.name != chosen.name).collect();
    // The sheet named like the input, beside sheets without the header, goes without saying.
    let by_name = named.is_some() && others.iter().all(|s| s.matched < MIN_MATCHED);
    Ok(Chosen {
        name: chosen.name.clone(),
        notice: (!by_name).then(|| {
            format!(
                "läste bladet \"{}\"; arbetsbokens andra blad ({}) läses inte",
                names::shown(&chosen.name),
                listed(&others)
            )
        }),
    })
}

/// Sheet names, quoted and guarded, hidden ones marked.
fn listed(sheets: &[&Sheet]) -> String {
    let names: Vec<String> = sheets
        .iter()
        .map(|s| {
            let hidden = if s.hidden { " (dolt)" } else { "" };
            format!("\"{}\"{hidden}", names::shown(&s.name))
        })
        .collect();
    names.join(", ")
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// A workbook whose sheets can be listed and whose first rows can be read as text.
pub trait Workbook {
    /// Every sheet's name and whether it is hidden, in the workbook's order.
    fn sheets(&self) -> Vec<(String, bool)>;
    /// The texts of the first non-empty rows of `sheet` (empty when it cannot be read).
    fn first_rows(&mut self, sheet: &str) -> Vec<Vec<String>>;
}

fn listed_sheets(meta: &[calamine::Sheet]) -> Vec<(String, bool)> {
    meta.iter()
        .map(|s| (s.name.clone(), s.visible != SheetVisible::Visible))
        .collect()
}

/// Adds the text of one cell at (`row`, `col`) to `rows`; false when enough rows are read.
pub(crate) fn add_cell(
    rows: &mut Vec<(u32, Vec<String>)>,
    row: u32,
    col: usize,
    text: &str,
) -> bool {
    if text.trim().is_empty() || col >= 1 << 14 {
        return true;
    }
    if rows.last().is_none_or(|(r, _)| *r != row) {
        if rows.len() as u32 >= HEADER_SEARCH_ROWS {
            return false;
        }
        rows.push((row, Vec::new()));
    }
    let cells = &mut rows.last_mut().expect("pushed").1;
    if cells.len() <= col {
        cells.resize(col + 1, String::new());
    }
    cells[col] = text.to_string();
    true
}

impl<RS: Read + Seek> Workbook for Xlsx<RS> {
    fn sheets(&self) -> Vec<(String, bool)> {
        listed_sheets(self.sheets_metadata())
    }

    fn first_rows(&mut self, sheet: &str) -> Vec<Vec<String>> {
        let mut rows = Vec::new();
        if let Ok(mut reader) = self.worksheet_cells_reader(sheet) {
            while let Ok(Some(cell)) = reader.next_cell() {
                let (row, col) = cell.get_position();
                let text = match cell.get_value() {
                    DataRef::String(s) => s.as_str(),
                    DataRef::SharedString(s) => s,
                    _ => continue,
                };
                if !add_cell(&mut rows, row, col as usize, text) {
                    break;
                }
            }
        }
        rows.into_iter().map(|(_, cells)| cells).collect()
    }
}

/// The first rows of a sheet read as a whole range (xls, ods).
fn range_rows(range: Option<calamine::Range<Data>>) -> Vec<Vec<String>> {
    let mut rows: Vec<(u32, Vec<String>)> = Vec::new();
    let Some(range) = range else {
        return Vec::new();
    };
    let (r0, c0) = range.start().unwrap_or((0, 0));
    'rows: for (i, row) in range.rows().enumerate() {
        for (j, value) in row.iter().enumerate() {
            if let Data::String(s) = value
                && !add_cell(&mut rows, r0 + i as u32, c0 as usize + j, s)
            {
                break 'rows;
            }
        }
    }
    rows.into_iter().map(|(_, cells)| cells).collect()
}

impl<RS: Read + Seek> Workbook for Xls<RS> {
    fn sheets(&self) -> Vec<(String, bool)> {
        listed_sheets(self.sheets_metadata())
    }

    fn first_rows(&mut self, sheet: &str) -> Vec<Vec<String>> {
        range_rows(self.worksheet_range(sheet).ok())
    }
}

impl<RS: Read + Seek> Workbook for Ods<RS> {
    fn sheets(&self) -> Vec<(String, bool)> {
        listed_sheets(self.sheets_metadata())
    }

    fn first_rows(&mut self, sheet: &str) -> Vec<Vec<String>> {
        range_rows(self.worksheet_range(sheet).ok())
    }
}

/// The sheet of `wb` to read for `hint`: a workbook of one sheet is not looked into; else each
/// sheet's first rows are offered to `visitor` ([`TableVisitor::header_matches`]) and the
/// choice is noted as a finding. The error names `file`.
pub fn choose_in(
    wb: &mut dyn Workbook,
    hint: &str,
    file: &str,
    visitor: &mut dyn TableVisitor,
) -> anyhow::Result<String> {
    let listed = wb.sheets();
    let sheets: Vec<Sheet> = listed
        .iter()
        .map(|(name, hidden)| Sheet {
            name: name.clone(),
            hidden: *hidden,
            matched: match listed.len() {
                1 => 0,
                _ => best_header(&wb.first_rows(name), visitor),
            },
        })
        .collect();
    let chosen = choose(&sheets, hint).map_err(|why| anyhow::anyhow!("{file}: {why}"))?;
    if let Some(notice) = chosen.notice {
        visitor.findings().push(
            NOTICE,
            Severity::Notice,
            Loc::file(file.to_string()),
            notice,
        );
    }
    Ok(chosen.name)
}

/// The finding kind of the notice naming the sheet that was read.
pub const NOTICE: &str = "blad";

fn best_header(rows: &[Vec<String>], visitor: &dyn TableVisitor) -> usize {
    rows.iter()
        .map(|row| {
            let cells: Vec<RawCell<'_>> = row
                .iter()
                .map(|t| match t.is_empty() {
                    true => RawCell::Empty,
                    false => RawCell::text(t),
                })
                .collect();
            visitor.header_matches(&cells)
        })
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(name: &str, hidden: bool, matched: usize) -> Sheet {
        Sheet {
            name: name.into(),
            hidden,
            matched,
        }
    }

    #[test]
    fn a_single_sheet_or_an_exact_name_is_read_without_a_notice() {
        let one = choose(&[sheet("Blad1", false, 0)], "rapporter").unwrap();
        assert_eq!((one.name.as_str(), one.notice), ("Blad1", None));
        let sheets = [sheet("Hemtjänst", false, 5), sheet("SÄBO", true, 5)];
        assert_eq!(choose(&sheets, "SÄBO").unwrap().name, "SÄBO");
    }

    #[test]
    fn the_register_sheet_is_found_by_its_header_not_its_place() {
        let sheets = [
            sheet("Parametrar", false, 0),
            sheet("Kopia", true, 16),
            sheet("Data", false, 16),
        ];
        let chosen = choose(&sheets, "rapporter").unwrap();
        assert_eq!(chosen.name, "Data");
        assert_eq!(
            chosen.notice.unwrap(),
            "läste bladet \"Data\"; arbetsbokens andra blad (\"Parametrar\", \"Kopia\" (dolt)) läses inte"
        );
    }

    #[test]
    fn the_named_sheet_wins_when_it_has_the_header() {
        let sheets = [
            sheet("Rapporter (filtrerad)", false, 16),
            sheet("Rapporter", false, 16),
        ];
        let chosen = choose(&sheets, "rapporter").unwrap();
        assert_eq!(chosen.name, "Rapporter");
        assert_eq!(
            chosen.notice.unwrap(),
            "läste bladet \"Rapporter\"; arbetsbokens andra blad (\"Rapporter (filtrerad)\") läses inte"
        );
        // Beside sheets without the header (a hidden list of choices) nothing needs saying.
        let sheets = [sheet("Rapporter", false, 16), sheet("Listor", true, 0)];
        assert_eq!(choose(&sheets, "rapporter").unwrap().notice, None);
        // A sheet called Rapporter without the header does not beat the one with it.
        let sheets = [sheet("Rapporter", false, 0), sheet("Data", false, 16)];
        assert_eq!(choose(&sheets, "rapporter").unwrap().name, "Data");
    }

    #[test]
    fn two_sheets_with_the_header_are_refused_with_their_names() {
        let sheets = [sheet("Alla", false, 16), sheet("19121212-1212", false, 16)];
        assert_eq!(
            choose(&sheets, "rapporter").unwrap_err(),
            "2 blad har rubrikerna (\"Alla\", \"dolt namn\"), och kvalitet gissar inte vilket som ska läsas; döp bladet som ska läsas till \"Rapporter\" eller ta bort de andra och kör igen"
        );
    }

    #[test]
    fn only_a_hidden_sheet_with_the_header_is_refused() {
        let sheets = [sheet("Instruktioner", false, 0), sheet("Data", true, 16)];
        assert_eq!(
            choose(&sheets, "rapporter").unwrap_err(),
            "bara dolda blad har rubrikerna (\"Data\" (dolt)); gör bladet som ska läsas synligt och kör igen"
        );
    }

    #[test]
    fn without_any_header_the_first_visible_sheet_is_read() {
        let sheets = [sheet("Dold", true, 0), sheet("Blad2", false, 0)];
        assert_eq!(choose(&sheets, "rapporter").unwrap().name, "Blad2");
        assert_eq!(
            choose(&[], "rapporter").unwrap_err(),
            "arbetsboken har inga blad"
        );
    }
}
