//! The pipeline of the xlsx reader end to end: long shared strings left out of the first read
//! of the table, and read again only when a column that is read needs one.

use super::*;
use crate::diagnostics::Findings;

/// Keeps every column but B; records the rows it is handed as text.
#[derive(Default)]
struct Rows {
    findings: Findings,
    rows: Vec<(u32, Vec<String>)>,
}

impl TableVisitor for Rows {
    fn header(&mut self, _: &Source, _: u32, cells: &[RawCell<'_>]) -> bool {
        cells.first().and_then(RawCell::as_text) == Some("Id")
    }
    fn keep_column(&self, col: usize) -> bool {
        col != 1
    }
    fn row(&mut self, row: u32, cells: &[RawCell<'_>]) {
        let text = |c: &RawCell<'_>| c.as_text().unwrap_or("").to_string();
        self.rows.push((row, cells.iter().map(text).collect()));
    }
    fn findings(&mut self) -> &mut Findings {
        &mut self.findings
    }
}

fn workbook(rows: &[[&str; 3]]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rapporter.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let sheet = wb.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            if !text.is_empty() {
                sheet.write_string(r as u32, c as u16, *text).unwrap();
            }
        }
    }
    wb.save(&path).unwrap();
    (dir, path)
}

fn read_rows(path: &Path) -> Handed {
    let mut rows = Rows::default();
    read(path, "rapporter.xlsx", "rapporter", &mut rows).unwrap();
    rows.rows
}

#[test]
fn a_long_string_in_a_column_that_is_read_is_read_whole() {
    let long = "Enhet med ett mycket långt namn ".repeat(6);
    assert!(long.len() > shared::LONG);
    let (_dir, path) = workbook(&[["Id", "Beskrivning", "Enhet"], ["1", "kort", &long]]);
    let rows = read_rows(&path);
    assert_eq!(
        rows,
        [(2, vec!["1".into(), String::new(), long.trim().to_string()])]
    );
}

#[test]
fn a_long_string_in_a_column_not_read_still_makes_its_row_a_row() {
    let long = "fritext ".repeat(40);
    let blank = " ".repeat(shared::LONG + 10);
    let (_dir, path) = workbook(&[
        ["Id", "Beskrivning", "Enhet"],
        ["", &long, ""],
        ["", &blank, ""],
        ["3", &long, "Hemtjänst"],
    ]);
    let rows = read_rows(&path);
    let empty = vec![String::new(); 3];
    assert_eq!(
        rows,
        [
            (2, empty),
            (4, vec!["3".into(), String::new(), "Hemtjänst".into()])
        ],
        "row 3 holds only blanks"
    );
}

/// Rows as handed on: 1-based row and the cells' texts.
type Handed = Vec<(u32, Vec<String>)>;

/// The rows handed on through the personal-data guard, and where (row, column) it found
/// personal data.
fn guarded(path: &Path) -> (Handed, Vec<(u32, u32)>) {
    let mut rows = Rows::default();
    let mut guard = crate::ingest::pii::Guard::new(&mut rows);
    read(path, "rapporter.xlsx", "rapporter", &mut guard).unwrap();
    let found = rows
        .findings
        .items()
        .iter()
        .filter(|f| f.message.contains("personnummer"))
        .map(|f| (f.loc.row.unwrap(), f.loc.col.as_ref().unwrap().index))
        .collect();
    (rows.rows, found)
}

#[test]
fn a_shared_string_checked_once_is_still_reported_in_every_cell_that_uses_it() {
    // One shared string in several cells: what the reader remembers of it (trimmed and
    // composed, free of personal data or not) must hold for every cell, and a string seen
    // first where it is not read (column B, or left out as long) is checked where it is.
    let pnr = "Anmält av 19121212-1212";
    let long = format!("{} {pnr}", "lång text ".repeat(20));
    assert!(long.len() > shared::LONG);
    let spaced = " Hemtja\u{308}nst\u{a0}";
    let (_dir, path) = workbook(&[
        ["Id", "Beskrivning", "Enhet"],
        ["1", pnr, "Norr"],
        ["2", "x", pnr],
        ["3", &long, spaced],
        ["4", pnr, &long],
        ["5", "x", pnr],
        ["6", "x", spaced],
    ]);
    let (rows, found) = guarded(&path);
    assert_eq!(
        found,
        [(3, 2), (5, 2), (6, 2)],
        "every read cell, none unread"
    );
    let enhet: Vec<&str> = rows.iter().map(|(_, r)| r[2].as_str()).collect();
    assert_eq!(enhet[2], "Hemtjänst", "trimmed and composed");
    assert_eq!(enhet[5], "Hemtjänst", "the second time too");
    assert_eq!(enhet[3], long.trim());
}

/// One sheet of inline strings (as streaming writers write every text): `rows` of cells A, B,
/// C…, a row's empty texts left out.
fn inline_workbook(rows: &[Vec<String>]) -> (tempfile::TempDir, std::path::PathBuf) {
    let mut xml = String::new();
    for (r, row) in rows.iter().enumerate() {
        xml.push_str(&format!(r#"<row r="{}">"#, r + 1));
        for (c, text) in row.iter().enumerate().filter(|(_, t)| !t.is_empty()) {
            let col = (b'A' + c as u8) as char;
            xml.push_str(&format!(
                r#"<c r="{col}{}" t="inlineStr"><is><t>{text}</t></is></c>"#,
                r + 1
            ));
        }
        xml.push_str("</row>");
    }
    super::calamine_tests::Parts::sheet(&xml, "").write()
}

#[test]
fn an_inline_string_kept_once_is_still_reported_in_every_cell_that_uses_it() {
    let pnr = "Anmält av 19121212-1212";
    let spaced = " Hemtja\u{308}nst\u{a0}";
    let rows: Vec<Vec<String>> = [
        ["Id", "Beskrivning", "Enhet"],
        ["1", pnr, "Norr"],
        ["2", "x", pnr],
        ["3", pnr, spaced],
        ["4", "x", pnr],
        ["5", "x", spaced],
    ]
    .iter()
    .map(|r| r.iter().map(|t| t.to_string()).collect())
    .collect();
    let (_dir, path) = inline_workbook(&rows);
    let (rows, found) = guarded(&path);
    assert_eq!(found, [(3, 2), (5, 2)], "every read cell, none unread");
    let enhet: Vec<&str> = rows.iter().map(|(_, r)| r[2].as_str()).collect();
    assert_eq!(enhet, ["Norr", pnr, "Hemtjänst", pnr, "Hemtjänst"]);
}

#[test]
fn a_column_of_distinct_inline_strings_is_read_and_checked_cell_by_cell() {
    // Past the first thousand or so distinct Ids the reader stops keeping them: each cell is
    // then copied, and the guard still checks every one.
    let mut rows = vec![vec!["Id".to_string(), "Beskrivning".into(), "Enhet".into()]];
    for i in 0..5000 {
        let id = match i {
            10 | 4000 => "19121212-1212".to_string(),
            _ => format!("A-{i}"),
        };
        rows.push(vec![id, "x".into(), ["Norr", "Söder"][i % 2].into()]);
    }
    let (_dir, path) = inline_workbook(&rows);
    let (read, found) = guarded(&path);
    assert_eq!(found, [(12, 0), (4002, 0)]);
    assert_eq!(read.len(), 5000);
    assert_eq!(read[4999].1, ["A-4999", "", "Söder"]);
}
