//! The tables of one scope as an Excel workbook: one sheet per table ("Tabell 3"), figures as
//! real numbers with Swedish-looking number formats, "–" and ".." as text, risky text marked
//! as text (quote prefix) so Excel never runs it as a formula. Byte-identical for the same
//! tables: the document's creation date is fixed.

use anyhow::{Context, Result};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet};

use super::cell::{Cell, cell};
use super::guard::is_risky;
use crate::compute::{Row, Table};

/// The creation date written into every workbook, so that output does not depend on the day.
const CREATED: (u16, u8, u8) = (2000, 1, 1);

/// The workbook bytes for `tables`.
pub fn workbook(tables: &[Table]) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(CREATED.0, CREATED.1, CREATED.2)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    for table in tables {
        let sheet = book.add_worksheet();
        write_sheet(sheet, table).with_context(|| format!("tabell {}", table.number))?;
    }
    if tables.is_empty() {
        book.add_worksheet().write_string(0, 0, "Inga tabeller")?;
    }
    book.save_to_buffer().context("arbetsboken kan inte skapas")
}

/// The sheet: title, header row, one row per table row, then the notes and the source.
fn write_sheet(sheet: &mut Worksheet, table: &Table) -> Result<()> {
    sheet.set_name(format!("Tabell {}", table.number))?;
    let bold = Format::new().set_bold();
    sheet.write_string_with_format(
        0,
        0,
        format!("Tabell {}. {}", table.number, table.title),
        &text_format(&bold, &table.title),
    )?;
    let header = std::iter::once(&table.label_title).chain(table.columns.iter().map(|c| &c.title));
    for (col, title) in header.enumerate() {
        sheet.write_string_with_format(1, col as u16, title, &text_format(&bold, title))?;
    }
    let mut r = 2u32;
    for row in &table.rows {
        write_row(sheet, r, row)?;
        r += 1;
    }
    r += 1;
    for note in &table.notes {
        sheet.write_string_with_format(r, 0, note, &text_format(&Format::new(), note))?;
        r += 1;
    }
    if !table.source.is_empty() {
        let source = format!("Källa: {}", table.source);
        sheet.write_string(r, 0, source)?;
    }
    sheet.set_column_width(0, 48)?;
    for col in 1..=table.columns.len() {
        sheet.set_column_width(col as u16, 14)?;
    }
    Ok(())
}

fn write_row(sheet: &mut Worksheet, r: u32, row: &Row) -> Result<()> {
    let mut base = Format::new();
    if row.heading || row.total {
        base = base.set_bold();
    }
    let label = if row.sub {
        base.clone().set_indent(1)
    } else {
        base.clone()
    };
    sheet.write_string_with_format(r, 0, &row.label, &text_format(&label, &row.label))?;
    for (i, value) in row.values.iter().enumerate() {
        let col = i as u16 + 1;
        match cell(value) {
            Cell::Number(f) => {
                let format = base.clone().set_num_format(f.excel_format());
                sheet.write_number_with_format(r, col, f.to_f64(), &format)?;
            }
            Cell::Text(t) => {
                let format = text_format(&base, &t).set_align(rust_xlsxwriter::FormatAlign::Right);
                sheet.write_string_with_format(r, col, &t, &format)?;
            }
        }
    }
    Ok(())
}

/// `base`, marked as text (Excel's quote prefix) when `text` would otherwise be a formula.
fn text_format(base: &Format, text: &str) -> Format {
    if is_risky(text) {
        base.clone().set_quote_prefix()
    } else {
        base.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compute::Value;

    fn sample() -> Vec<Table> {
        let mut t = Table::new("t", "Titel", "Enhet").column("Antal");
        t.rows.push(Row::new("A", vec![Value::count(3)]));
        vec![t]
    }

    #[test]
    fn the_same_tables_give_the_same_bytes() {
        let a = workbook(&sample()).unwrap();
        let b = workbook(&sample()).unwrap();
        assert!(a.starts_with(b"PK"));
        assert_eq!(a, b);
    }
}
