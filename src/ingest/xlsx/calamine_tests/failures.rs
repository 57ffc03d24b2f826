//! Damaged packages: the failure our reader reports for each.

use super::{Fail, MAIN, Package, Parts, ours};

const ROWS: &str = r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>1</v></c></row>"#;
const SST: &str = r#"<si><t>ett</t></si>"#;

fn fails(parts: Parts) -> Fail {
    let (_dir, path) = parts.write();
    ours(&path, "Blad1").unwrap_err()
}

#[test]
fn truncated_xml_is_broken() {
    let sheet = format!(r#"<worksheet xmlns="{MAIN}"><sheetData>{ROWS}"#);
    let parts = Parts::sheet(ROWS, SST).with("xl/worksheets/sheet1.xml", sheet);
    assert_eq!(fails(parts), Fail::Broken);
    let parts = Parts::sheet(ROWS, SST).with("xl/sharedStrings.xml", "<sst><si><t>et");
    assert_eq!(fails(parts), Fail::Broken);
}

#[test]
fn a_shared_string_beyond_the_table_or_without_a_table_is_broken() {
    let rows = r#"<row r="1"><c r="A1" t="s"><v>1</v></c></row>"#;
    assert_eq!(fails(Parts::sheet(rows, SST)), Fail::Broken);
    assert_eq!(fails(Parts::sheet(rows, "")), Fail::Broken);
}

#[test]
fn damaged_deflate_data_is_unreadable() {
    let sheet = format!(
        r#"<worksheet xmlns="{MAIN}"><sheetData>{}</sheetData></worksheet>"#,
        ROWS.repeat(2000)
    );
    let (_dir, path) = Parts::sheet(ROWS, SST)
        .with("xl/worksheets/sheet1.xml", sheet)
        .write();
    let mut bytes = std::fs::read(&path).unwrap();
    // The sheet is by far the largest part: its deflate data fills the middle of the file.
    let middle = bytes.len() / 2;
    for b in &mut bytes[middle..middle + 64] {
        *b = !*b;
    }
    std::fs::write(&path, bytes).unwrap();
    let fail = ours(&path, "Blad1").unwrap_err();
    assert!(matches!(fail, Fail::Unreadable | Fail::Broken), "{fail:?}");
}

#[test]
fn a_part_inflating_beyond_its_limit_is_a_bomb() {
    let limit = super::super::checks::MAX_INFLATED;
    let mut sheet = format!(r#"<worksheet xmlns="{MAIN}"><sheetData>{ROWS}</sheetData>"#);
    sheet.push_str(&" ".repeat(limit as usize + 1));
    sheet.push_str("</worksheet>");
    let (_dir, path) = Parts::sheet(ROWS, SST)
        .with("xl/worksheets/sheet1.xml", sheet)
        .write();
    let opened = Package::open(&path).unwrap();
    assert!(
        matches!(opened, Err(Fail::Bomb(l)) if l == limit),
        "{:?}",
        opened.err()
    );
}
