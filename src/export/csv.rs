//! A table as CSV for Swedish Excel: UTF-8 with a byte order mark, `;` between fields, CRLF
//! line ends, one header row (the label column, then the table's columns), one line per row.
//! Figures are numbers Excel reads (`38,1%`, `-5`); text is guarded against formulas.

use anyhow::Result;

use super::cell::{Cell, cell};
use super::guard::neutralise;
use crate::compute::Table;

/// The byte order mark that makes Excel read the file as UTF-8.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The CSV bytes of `table`.
pub fn table(table: &Table) -> Result<Vec<u8>> {
    let mut out = BOM.to_vec();
    {
        let mut w = ::csv::WriterBuilder::new()
            .delimiter(b';')
            .terminator(::csv::Terminator::CRLF)
            .from_writer(&mut out);
        let mut header = vec![neutralise(&table.label_title).into_owned()];
        header.extend(
            table
                .columns
                .iter()
                .map(|c| neutralise(&c.title).into_owned()),
        );
        w.write_record(&header)?;
        for row in &table.rows {
            let mut record = vec![neutralise(&row.label).into_owned()];
            record.extend(row.values.iter().map(|v| match cell(v) {
                Cell::Number(f) => f.csv_text(),
                Cell::Text(t) => neutralise(&t).into_owned(),
            }));
            // A heading row has no values: its line is as wide as the others.
            record.resize(header.len().max(record.len()), String::new());
            w.write_record(&record)?;
        }
        w.flush()?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compute::{Row, Value};

    #[test]
    fn a_table_becomes_semicolon_separated_utf8_with_bom() {
        let mut t = Table::new("t", "Titel", "Enhet")
            .column("2022")
            .column("Andel");
        t.rows.push(Row::heading("Öppenvård"));
        t.rows.push(Row::new(
            "=1+1",
            vec![Value::Change { n: -3 }, Value::share(1, 3, 0)],
        ));
        t.rows.push(Row::new(
            "Enhet; B",
            vec![Value::Suppressed, Value::Missing],
        ));
        let bytes = table(&t).unwrap();
        assert!(bytes.starts_with(BOM));
        let text = std::str::from_utf8(&bytes[BOM.len()..]).unwrap();
        assert_eq!(
            text,
            "Enhet;2022;Andel\r\nÖppenvård;;\r\n'=1+1;-3;33%\r\n\"Enhet; B\";..;–\r\n"
        );
    }
}
