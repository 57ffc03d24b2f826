//! Patterns real programs write that the reader once read wrong (issue 27): Excel's `<v/>`
//! for a formula whose result is "", the 1904 flag followed by an `x15:workbookPr` without it,
//! whole columns or rows merged, `state="show"`, attributes wrapped over lines, UTF-16 parts.
//! Each is compared with calamine where calamine reads it right, and pinned where it does not.

use super::hand::{ROWS, agree, plain};
use super::{MAIN, Package, Parts, REL, RawCell, date, ours};

/// As Excel shows it, and calamine reads it: an empty cell, not a formula without a value.
#[test]
fn a_formula_whose_result_is_empty_text_reads_as_empty() {
    let rows = r#"<row r="1"><c r="A1" t="str"><f>IF(B1="","",B1)</f><v/></c><c r="B1"><v>2</v></c><c r="C1" t="str" s="1"><f>""</f><v/></c></row>"#;
    assert_eq!(
        agree(Parts::sheet(rows, "")),
        [(0, 1, RawCell::Number(2.0), false)]
    );
}

fn workbook(pr: &str, state: &str) -> String {
    format!(
        r#"<workbook xmlns="{MAIN}" xmlns:r="{REL}" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main">{pr}<sheets><sheet name="Blad1" sheetId="1" {state} r:id="rId1"/></sheets><extLst><ext uri="{{140A7094-0E35-4892-8432-C4D2E57EDEB5}}"><x15:workbookPr chartTrackingRefBase="1"/></ext></extLst></workbook>"#
    )
}

/// The flag in `workbookPr` holds when `x15:workbookPr` later says nothing of it.
#[test]
fn the_1904_flag_survives_a_later_workbook_pr_without_it() {
    let book = workbook(
        r#"<workbookPr date1904="1" defaultThemeVersion="166925"/>"#,
        "",
    );
    let cells = agree(plain().with("xl/workbook.xml", book));
    assert_eq!(cells[1], (0, 1, date(2027, 3, 16), false));
    let book = workbook(r#"<workbookPr defaultThemeVersion="166925"/>"#, "");
    let cells = agree(plain().with("xl/workbook.xml", book));
    assert_eq!(cells[1], (0, 1, date(2023, 3, 15), false));
}

/// Only `hidden` and `veryHidden` hide a sheet; `show` (not a valid state) and `visible` show.
#[test]
fn a_sheet_is_hidden_only_when_its_state_says_hidden() {
    for (state, hidden) in [
        (r#"state="show""#, false),
        (r#"state="visible""#, false),
        ("", false),
        (r#"state="hidden""#, true),
        (r#"state="veryHidden""#, true),
    ] {
        let (_dir, path) = plain().with("xl/workbook.xml", workbook("", state)).write();
        let (package, _) = Package::open(&path).unwrap().unwrap();
        assert_eq!(package.sheets[0].hidden, hidden, "{state}");
    }
}

/// A merge of whole columns or rows is a merge, not damage: the cells read as calamine's.
#[test]
fn whole_columns_or_rows_merged_read_the_cells() {
    for merge in ["A:A", "1:1", "B:C", "2:5"] {
        let sheet = format!(
            r#"<worksheet xmlns="{MAIN}"><sheetData>{ROWS}</sheetData><mergeCells count="1"><mergeCell ref="{merge}"/></mergeCells></worksheet>"#
        );
        let cells = agree(plain().with("xl/worksheets/sheet1.xml", sheet));
        assert_eq!(cells.len(), 3, "{merge}");
    }
}

/// `text` in UTF-16, little- or big-endian, with a byte order mark or (as `<?xml` starts)
/// without one.
fn utf16(text: &str, little: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let units = bom.then_some(0xFEFF).into_iter().chain(text.encode_utf16());
    for unit in units {
        out.extend(match little {
            true => unit.to_le_bytes(),
            false => unit.to_be_bytes(),
        });
    }
    out
}

/// A workbook, a sheet and shared strings in UTF-16 read as the same package in UTF-8,
/// which calamine reads.
#[test]
fn parts_in_utf16_read_as_in_utf8() {
    let (_dir, path) = plain().write();
    let expected = super::same(&path, "Blad1");
    let sheet = format!(
        r#"<?xml version="1.0" encoding="UTF-16"?><worksheet xmlns="{MAIN}"><sheetData>{ROWS}</sheetData></worksheet>"#
    );
    let workbook = format!(
        r#"<?xml version="1.0" encoding="UTF-16"?><workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>"#
    );
    let sst = format!(
        r#"<?xml version="1.0" encoding="UTF-16"?><sst xmlns="{MAIN}">{}</sst>"#,
        super::hand::SST
    );
    for (little, bom) in [(true, true), (false, true), (true, false), (false, false)] {
        let parts = plain()
            .with("xl/worksheets/sheet1.xml", utf16(&sheet, little, bom))
            .with("xl/workbook.xml", utf16(&workbook, little, bom))
            .with("xl/sharedStrings.xml", utf16(&sst, little, bom));
        let (_dir, path) = parts.write();
        assert_eq!(
            ours(&path, "Blad1"),
            Ok(expected.clone()),
            "little {little}, bom {bom}"
        );
    }
}

/// Attributes wrapped over lines, separated by tabs, or with space around `=`: legal XML
/// that the fast path hands to the scanner or reads itself, as calamine reads it.
#[test]
fn attributes_separated_by_any_white_space_are_read() {
    for sep in ["\n", "\t", "\r\n", "  ", " \n\t"] {
        let rows = format!(
            r#"<row r="1"><c{sep}r="A1"{sep}t="s"><v>0</v></c><c r="B1"{sep}s="1"/><c{sep}r="C1"{sep}s="1"{sep}><v>45000</v></c><c r = "D1" t = "s"><v>0</v></c><c r="E1"{sep}t="inlineStr"><is><t>inne</t></is></c></row>"#
        );
        let cells = agree(Parts::sheet(&rows, super::hand::SST));
        let noll = (0, 0, super::text("noll"), false);
        assert_eq!(
            cells,
            [
                noll.clone(),
                (0, 2, date(2023, 3, 15), false),
                (0, 3, super::text("noll"), false),
                (0, 4, super::text("inne"), false),
            ],
            "{sep:?}"
        );
    }
}
