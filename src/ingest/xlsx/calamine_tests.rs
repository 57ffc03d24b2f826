//! Differential tests of the xlsx reader against calamine: for every workbook here (written
//! by rust_xlsxwriter, hand-written as other writers write them, or generated at random) our
//! reader yields the cells calamine's `worksheet_cells_reader` yields after
//! [`convert`], within the intended differences (empty values, references beyond Excel,
//! `<f/>`); and damaged packages fail as they should.

mod failures;
mod hand;
mod random;
mod real;
mod written;

use std::io::Write;
use std::path::{Path, PathBuf};

use calamine::{DataType, Xlsx, open_workbook};
use tempfile::TempDir;

use super::Fail;
use super::package::{self, Package};
use super::shared::{SharedStrings, Text};
use super::sheet::{self, Value};
use crate::ingest::RawCell;
use crate::ingest::rows::convert;

/// A cell as both readers are compared: 0-based row and column, value, and whether it is a
/// formula without a cached value. Cells that read as empty (and are no such formula) are
/// left out: the readers need not agree on where empty cells are.
type Seen = (u32, u32, RawCell<'static>, bool);

fn owned(cell: RawCell<'_>) -> RawCell<'static> {
    match cell {
        RawCell::Empty => RawCell::Empty,
        RawCell::Text(t) => RawCell::text_owned(t.into_owned()),
        RawCell::Number(n) => RawCell::Number(n),
        RawCell::Date(d) => RawCell::Date(d),
        RawCell::Bool(b) => RawCell::Bool(b),
        RawCell::Error => RawCell::Error,
    }
}

fn kept(cell: &Seen) -> bool {
    cell.3 || cell.2 != RawCell::Empty
}

/// The cells of sheet `name` as our reader yields them, strings resolved as `mod.rs` does.
fn ours(path: &Path, name: &str) -> Result<Vec<Seen>, Fail> {
    let (package, mut zip) = Package::open(path).expect("the file opens")?;
    let strings = match package::part(&mut zip, &package.shared_strings)? {
        Some(part) => SharedStrings::read(part, true)?,
        None => SharedStrings::default(),
    };
    let entry = package.sheets.iter().find(|s| s.name == name);
    let part = entry
        .and_then(|s| s.part.as_deref())
        .ok_or(Fail::Unreadable)?;
    let reader = package::part(&mut zip, part)?.ok_or(Fail::Unreadable)?;
    let mut cells = Vec::new();
    let end = sheet::read(reader, &package.styles, package.is_1904, |c| {
        cells.push(c);
        true
    });
    let mut seen = Vec::new();
    for c in cells {
        let value = match c.value {
            Value::Empty => {
                seen.push((c.row, c.col, RawCell::Empty, c.formula));
                continue;
            }
            Value::Shared(i) => match strings.get(i as usize) {
                Some(Text::Here(text)) => RawCell::text_owned(text.to_string()),
                _ => return Err(Fail::Broken),
            },
            Value::Number(n) => RawCell::Number(n),
            Value::Date(d) => RawCell::Date(d),
            Value::Bool(b) => RawCell::Bool(b),
            Value::Text(t) => RawCell::text_owned(t),
            Value::Error => RawCell::Error,
        };
        seen.push((c.row, c.col, value, false));
    }
    end?;
    Ok(seen.into_iter().filter(kept).collect())
}

/// The cells of sheet `name` as calamine yields them.
fn theirs(path: &Path, name: &str) -> Result<Vec<Seen>, calamine::XlsxError> {
    let mut book: Xlsx<_> = open_workbook(path)?;
    let mut reader = book.worksheet_cells_reader(name)?;
    let mut seen = Vec::new();
    while let Some(c) = reader.next_cell_with_formula_metadata()? {
        let uncalculated = c.formula.is_some() && c.value.is_empty();
        seen.push((c.pos.0, c.pos.1, owned(convert(&c.value)), uncalculated));
    }
    Ok(seen.into_iter().filter(kept).collect())
}

/// Asserts that both readers yield the same cells of sheet `name`, and returns them.
#[track_caller]
fn same(path: &Path, name: &str) -> Vec<Seen> {
    let theirs = theirs(path, name).unwrap_or_else(|e| panic!("calamine: {e}"));
    let ours = ours(path, name).unwrap_or_else(|e| panic!("ours: {e:?}"));
    assert_eq!(ours, theirs, "ours (left) and calamine's (right) cells");
    ours
}

fn text(s: &str) -> RawCell<'static> {
    RawCell::text_owned(s.to_string())
}

fn date(y: i32, m: u32, d: u32) -> RawCell<'static> {
    RawCell::Date(chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap())
}

/// Cell formats of [`Parts::book`]'s styles, by index: 0 General, 1 built-in 14 (date),
/// 2 built-in 22 (date and time), 3 built-in 46 (`[h]:mm:ss`), 4 custom `d mmm yyyy`,
/// 5 built-in 20 (`h:mm`), 6 built-in 2 (`0.00`), 7 built-in 49 (`@`).
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="d\ mmm\ yyyy"/></numFmts><cellXfs count="8"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="22" applyNumberFormat="1"/><xf numFmtId="46" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="20" applyNumberFormat="1"/><xf numFmtId="2" applyNumberFormat="1"/><xf numFmtId="49" applyNumberFormat="1"/></cellXfs></styleSheet>"#;

const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// A hand-written package: part names and their bytes, in archive order.
pub(super) struct Parts {
    parts: Vec<(String, Vec<u8>)>,
    method: zip::CompressionMethod,
}

impl Parts {
    /// A workbook of sheets (name, worksheet XML) named `Blad1`… in the workbook's
    /// relationships as `worksheets/sheetN.xml`, with [`STYLES`] and no shared strings.
    fn book(sheets: &[(&str, &str)]) -> Parts {
        let mut listed = String::new();
        let mut rels = String::new();
        let mut parts = Vec::new();
        for (i, (name, xml)) in sheets.iter().enumerate() {
            let n = i + 1;
            listed.push_str(&format!(
                r#"<sheet name="{name}" sheetId="{n}" r:id="rId{n}"/>"#
            ));
            rels.push_str(&format!(
                r#"<Relationship Id="rId{n}" Type="{REL}/worksheet" Target="worksheets/sheet{n}.xml"/>"#
            ));
            parts.push((
                format!("xl/worksheets/sheet{n}.xml"),
                xml.as_bytes().to_vec(),
            ));
        }
        rels.push_str(&format!(
            r#"<Relationship Id="rIdS" Type="{REL}/styles" Target="styles.xml"/><Relationship Id="rIdT" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>"#
        ));
        let package_rels = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
        );
        let workbook = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>{listed}</sheets></workbook>"#
        );
        let workbook_rels = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#
        );
        let mut all = vec![
            ("[Content_Types].xml".to_string(), br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#.to_vec()),
            ("_rels/.rels".to_string(), package_rels.into_bytes()),
            ("xl/workbook.xml".to_string(), workbook.into_bytes()),
            ("xl/_rels/workbook.xml.rels".to_string(), workbook_rels.into_bytes()),
            ("xl/styles.xml".to_string(), STYLES.as_bytes().to_vec()),
        ];
        all.extend(parts);
        Parts {
            parts: all,
            method: zip::CompressionMethod::Deflated,
        }
    }

    /// One sheet, `Blad1`, of `rows` (the inside of `<sheetData>`), and shared strings
    /// `sst` (the inside of `<sst>`) unless it is empty.
    pub(super) fn sheet(rows: &str, sst: &str) -> Parts {
        let xml = format!(r#"<worksheet xmlns="{MAIN}"><sheetData>{rows}</sheetData></worksheet>"#);
        let parts = Parts::book(&[("Blad1", &xml)]);
        if sst.is_empty() {
            return parts;
        }
        parts.with(
            "xl/sharedStrings.xml",
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}">{sst}</sst>"#),
        )
    }

    /// Replaces (or adds) part `name`.
    fn with(mut self, name: &str, bytes: impl Into<Vec<u8>>) -> Parts {
        let bytes = bytes.into();
        match self.parts.iter_mut().find(|(n, _)| n == name) {
            Some(part) => part.1 = bytes,
            None => self.parts.push((name.to_string(), bytes)),
        }
        self
    }

    fn without(mut self, name: &str) -> Parts {
        self.parts.retain(|(n, _)| n != name);
        self
    }

    fn stored(mut self) -> Parts {
        self.method = zip::CompressionMethod::Stored;
        self
    }

    /// Writes the package as `book.xlsx` in a new folder (gone with the `TempDir`).
    pub(super) fn write(&self) -> (TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("book.xlsx");
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
        let options = zip::write::SimpleFileOptions::default().compression_method(self.method);
        for (name, bytes) in &self.parts {
            zip.start_file(name, options).unwrap();
            zip.write_all(bytes).unwrap();
        }
        zip.finish().unwrap();
        (dir, path)
    }
}
