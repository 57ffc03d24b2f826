//! A computed table as typst: the numbered caption kept with the table, a header row repeated
//! on every page the table runs over, row labels as row headers, figures right-aligned in the
//! same text as every other format (`base::format::value`), and the notes and the source in
//! the table's footer, so the "Källa:" line can never stand alone at the top of a page.

use crate::base::format;
use crate::compute::{Table, Value};

use super::syntax::{label, text};
use crate::render::markers::table_anchor;

/// Tables of at most this many rows are kept on one page (as in the printed HTML).
pub const SHORT: usize = 20;

/// The table as a typst block, ending with a blank line.
pub fn table(t: &Table) -> String {
    let width = t.columns.len() + 1;
    let mut columns = vec!["1fr".to_string()];
    let mut align = vec!["left"];
    for (i, c) in t.columns.iter().enumerate() {
        columns.push(if c.numeric {
            figure_width(&c.title, t.rows.iter().filter_map(|r| r.values.get(i)))
        } else {
            "1fr".to_string()
        });
        align.push(if c.numeric { "right" } else { "left" });
    }
    let mut out = format!(
        "#block(breakable: {}, width: 100%, above: 1.8em, below: 1.4em)[\n",
        t.rows.len() > SHORT
    );
    out.push_str(&format!(
        "#block(sticky: true, below: 0.55em)[#strong[{}]]<{}>\n",
        text(&format!("Tabell {}. {}", t.number, t.title)),
        label(&table_anchor(t.number))
    ));
    out.push_str(&format!(
        "#table(\ncolumns: ({}),\nalign: ({}),\n",
        columns.join(", "),
        align.join(", ")
    ));
    out.push_str("table.header(repeat: true");
    out.push_str(&format!(", [{}]", text(&t.label_title)));
    for c in &t.columns {
        out.push_str(&format!(", [{}]", text(&c.title)));
    }
    out.push_str("),\n");
    for row in &t.rows {
        if row.heading {
            out.push_str(&format!(
                "pdf.header-cell(scope: \"row\", table.cell(colspan: {width}, fill: accent)[#strong[{}]]),\n",
                text(&row.label)
            ));
            continue;
        }
        if row.total {
            out.push_str("table.hline(stroke: 1pt + ink),\n");
        }
        let wrap = |s: String| -> String {
            if row.total {
                format!("#strong[{s}]")
            } else {
                s
            }
        };
        let label_cell = if row.sub {
            format!("#pad(left: 1.2em)[#emph[{}]]", text(&row.label))
        } else {
            wrap(text(&row.label))
        };
        out.push_str(&format!("pdf.header-cell(scope: \"row\")[{label_cell}]"));
        for v in &row.values {
            out.push_str(&format!(", [{}]", wrap(text(&cell(v)))));
        }
        out.push_str(",\n");
    }
    out.push_str(&format!(
        "table.footer(repeat: true, table.cell(colspan: {width}, stroke: none, inset: (x: 0pt, top: 0.6em, bottom: 0pt))[#set text(size: 8.5pt)\n"
    ));
    for note in &t.notes {
        out.push_str(&format!(
            "#emph[{}] {}\\\n",
            text("Anmärkning:"),
            text(note)
        ));
    }
    out.push_str(&format!(
        "#emph[{}] {}]),\n)\n]\n\n",
        text("Källa:"),
        text(&t.source)
    ));
    out
}

/// The text of one cell: the same as in every other format.
/// A figure column's width: its widest figure or the longest word of its header, whichever is
/// wider, so that headers wrap between words and never run into the next column, and the row
/// labels get the rest of the line.
fn figure_width<'a>(title: &str, values: impl Iterator<Item = &'a Value>) -> String {
    let header = title
        .split_whitespace()
        .map(|w| w.chars().count())
        .max()
        .unwrap_or(0);
    let figures = values.map(|v| cell(v).chars().count()).max().unwrap_or(0);
    // DejaVu Sans: about 0.62 em a character in bold headers; the cell's inset on both sides.
    format!("{:.1}em", header.max(figures) as f64 * 0.62 + 1.2)
}

pub fn cell(v: &Value) -> String {
    format::value(v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compute::Row;

    fn caption(t: &Table) -> String {
        super::super::syntax::string(&format!("Tabell {}. {}", t.number, t.title))
    }

    fn sample(rows: usize) -> Table {
        let mut t = Table::new("k", "Avvikelser \"per\" enhet", "Enhet")
            .column("2021")
            .column("2022");
        t.number = 7;
        t.rows.push(Row::heading("Område #1"));
        for i in 0..rows {
            t.rows.push(Row::new(
                format!("Enhet {i} = [x]"),
                vec![Value::count(1234), Value::Suppressed],
            ));
        }
        t.rows
            .push(Row::new("varav lex Sarah", vec![Value::Missing, Value::count(2)]).sub());
        t.rows
            .push(Row::new("Totalt", vec![Value::count(1), Value::count(2)]).total());
        t.notes.push("En anmärkning.".into());
        t
    }

    #[test]
    fn a_table_has_its_caption_a_repeated_header_and_the_source_in_its_footer() {
        let out = table(&sample(2));
        assert!(out.starts_with("#block(breakable: false"), "{out}");
        assert!(out.contains(&format!("#strong[#{}]]<a-tabell-7>", caption(&sample(2)))));
        assert!(out.contains("table.header(repeat: true, [#\"Enhet\"], [#\"2021\"], [#\"2022\"])"));
        assert!(out.contains("align: (left, right, right)"));
        let footer = out.find("table.footer(repeat: true").unwrap();
        assert!(out[footer..].contains("#emph[#\"Källa:\"]"));
        assert!(out[footer..].contains("#\"En anmärkning.\""));
        assert!(out.contains(
            "table.hline(stroke: 1pt + ink),\npdf.header-cell(scope: \"row\")[#strong[#\"Totalt\"]]"
        ));
    }

    #[test]
    fn a_figure_column_is_as_wide_as_its_longest_header_word_or_figure() {
        // "Förändring 2021–2022" wraps between its words: its longest word (10) decides.
        let small = [Value::count(5)];
        assert_eq!(figure_width("Förändring 2021–2022", small.iter()), "7.4em");
        // A figure wider than every header word decides ("1 438 805": 9 characters).
        let wide = [Value::count(5), Value::count(1_438_805)];
        assert_eq!(figure_width("2022", wide.iter()), "6.8em");
        assert_eq!(figure_width("", std::iter::empty()), "1.2em");
    }

    #[test]
    fn cells_read_as_in_every_other_format_and_text_stays_text() {
        let out = table(&sample(1));
        assert!(out.contains(&format!("[{}]", text(&format::value(&Value::count(1234))))));
        assert!(out.contains("[#\"..\"]"), "{out}");
        assert!(out.contains("[#\"–\"]"), "{out}");
        assert!(out.contains("#\"Enhet 0 = [x]\""));
        assert!(out.contains("Avvikelser \\\"per\\\" enhet\""));
    }

    #[test]
    fn long_tables_may_break() {
        assert!(table(&sample(SHORT)).starts_with("#block(breakable: true"));
    }
}
