//! A computed table as typst: the numbered caption kept with the table, a header row repeated
//! on every page the table runs over, row labels as row headers, figures right-aligned in the
//! same text as every other format (`base::format::value`), and the notes and the source in
//! the table's footer, so the "Källa:" line can never stand alone at the top of a page.

use super::page::{CELL_INSET_PT, TEXT_WIDTH_PT};
use crate::base::format;
use crate::compute::{Table, Value};
use crate::render::columns;

use super::syntax::{label, text};
use crate::render::markers::table_anchor;

/// Tables of at most this many rows are kept on one page (as in the printed HTML).
pub const SHORT: usize = 20;

/// The table as a typst block, ending with a blank line.
pub fn table(t: &Table) -> String {
    let width = t.columns.len() + 1;
    let plan = columns::plan_table(t, TEXT_WIDTH_PT, INSET_PT, &super::world::text_width_em);
    let mut columns = vec!["1fr".to_string()];
    columns.extend(plan.widths[1..].iter().map(|w| format!("{w:.1}pt")));
    let mut align = vec!["left"];
    align.extend(
        t.columns
            .iter()
            .map(|c| if c.numeric { "right" } else { "left" }),
    );
    let mut out = format!(
        "#block(breakable: {}, width: 100%, above: 1.8em, below: 1.4em)[\n",
        t.rows.len() > SHORT
    );
    if plan.small() {
        out.push_str(&format!(
            "#show table: set text(size: {}pt)\n#set table(inset: (x, y) => (x: if x == 0 {{ {}pt }} else {{ {:.1}pt }}, y: {}pt))\n",
            plan.size,
            CELL_INSET_PT.0,
            plan.figure_inset / 2.0,
            CELL_INSET_PT.1
        ));
    }
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

/// A table cell's padding on both sides together, in points.
const INSET_PT: f64 = 2.0 * CELL_INSET_PT.0;

/// The text of one cell: the same as in every other format.
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
    fn columns_are_set_as_planned_and_a_wide_table_smaller() {
        let out = table(&sample(2));
        assert!(out.contains("columns: (1fr, "), "{out}");
        assert!(!out.contains("set text(size: 8pt)"), "{out}");
        let mut wide = sample(2);
        for year in 2010..2020 {
            wide = wide.column(year.to_string());
        }
        for row in &mut wide.rows {
            row.values.resize(12, Value::count(1));
        }
        let out = table(&wide);
        assert!(out.contains("#show table: set text(size: 8pt)"), "{out}");
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
