//! Markdown building blocks: escaping text that comes from spreadsheets (so a unit name can
//! neither inject markup nor break a table), statistical tables as GFM tables, and the table
//! of contents built from the rendered headings.

use comrak::nodes::NodeValue;
use comrak::{Anchorizer, Arena, Options, parse_document};

use crate::base::format;
use crate::compute::Table;

/// Escapes text for use inside a Markdown paragraph or table cell.
pub fn escape(text: &str) -> String {
    // Every character that can open inline markup, an HTML tag or an entity, or end a table
    // cell, gets a backslash; line breaks (which would end a table row) become spaces.
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '&' | '~' | '!' | '$' | '#' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A statistical table as a GFM table: label column left, figures right, "varav" rows in
/// italics, total rows in bold.
pub fn table(t: &Table) -> String {
    let mut out = String::new();
    out.push_str("| ");
    out.push_str(&escape(&t.label_title));
    for c in &t.columns {
        out.push_str(" | ");
        out.push_str(&escape(&c.title));
    }
    out.push_str(" |\n|:--");
    for c in &t.columns {
        out.push_str(if c.numeric { "|--:" } else { "|:--" });
    }
    out.push_str("|\n");
    for row in &t.rows {
        let label = escape(&row.label);
        if row.heading {
            out.push_str(&format!("| **{label}**"));
            out.push_str(&" |".repeat(t.columns.len()));
            out.push_str(" |\n");
            continue;
        }
        let label = if row.total {
            format!("**{label}**")
        } else if row.sub {
            format!("\u{a0}\u{a0}\u{a0}*{label}*")
        } else {
            label
        };
        out.push_str("| ");
        out.push_str(&label);
        for v in &row.values {
            let text = escape(&format::value(v));
            out.push_str(" | ");
            if row.total {
                out.push_str(&format!("**{text}**"));
            } else {
                out.push_str(&text);
            }
        }
        out.push_str(" |\n");
    }
    out
}

/// The options used for every Markdown → HTML conversion: GFM tables, heading ids, raw HTML
/// in the text suppressed.
pub fn comrak_options() -> Options<'static> {
    let mut o = Options::default();
    o.extension.table = true;
    o.extension.strikethrough = true;
    o.extension.autolink = false;
    o.extension.header_id_prefix = Some(String::new());
    o.render.r#unsafe = false;
    o
}

/// A heading found in a rendered document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    pub anchor: String,
}

/// Every heading of `md`, with the anchor comrak will give it in HTML.
pub fn headings(md: &str) -> Vec<Heading> {
    let arena = Arena::new();
    let root = parse_document(&arena, md, &comrak_options());
    let mut anchorizer = Anchorizer::new();
    let mut out = Vec::new();
    for node in root.descendants() {
        let level = match &node.data().value {
            NodeValue::Heading(h) => h.level,
            _ => continue,
        };
        let text = plain_text(node);
        let anchor = anchorizer.anchorize(&text);
        out.push(Heading {
            level,
            text,
            anchor,
        });
    }
    out
}

/// The text of a node and its descendants, without markup (as a heading's anchor sees it).
pub fn plain_text<'a>(node: &'a comrak::nodes::AstNode<'a>) -> String {
    let mut text = String::new();
    for d in node.descendants() {
        match &d.data().value {
            NodeValue::Text(t) => text.push_str(t),
            NodeValue::Code(c) => text.push_str(&c.literal),
            NodeValue::SoftBreak | NodeValue::LineBreak => text.push(' '),
            _ => {}
        }
    }
    text
}

/// The table of contents as a Markdown list: level-2 headings, and level-3 headings outside
/// the annex (whose tables would drown the list).
pub fn toc(headings: &[Heading], annex_prefix: &str) -> String {
    let mut out = String::new();
    let mut in_annex = false;
    for h in headings {
        match h.level {
            2 if h.text == "Innehåll" => {}
            2 => {
                in_annex = h.text.starts_with(annex_prefix);
                out.push_str(&format!("- [{}](#{})\n", escape(&h.text), h.anchor));
            }
            3 if !in_annex => {
                out.push_str(&format!("    - [{}](#{})\n", escape(&h.text), h.anchor))
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compute::{Row, Value};

    #[test]
    fn hostile_text_cannot_inject_markup_or_break_a_table() {
        let e = escape("<script>alert(1)</script> | *fet* [länk](x) _a_");
        assert!(!e.contains("<script>"));
        assert!(e.contains("\\|"));
        let html = comrak::markdown_to_html(&format!("| a |\n|--|\n| {e} |\n"), &comrak_options());
        assert!(!html.contains("<script>"), "{html}");
        assert!(!html.contains("<em>"), "{html}");
        assert_eq!(html.matches("<td>").count(), 1, "{html}");
    }

    #[test]
    fn line_breaks_in_labels_do_not_end_the_row() {
        assert!(!escape("rad ett\nrad två").contains('\n'));
    }

    #[test]
    fn tables_align_figures_right_and_mark_totals() {
        let mut t = Table::new("k", "Titel", "Enhet").column("2022");
        t.rows.push(Row::new("A|B", vec![Value::count(1234)]));
        t.rows.push(Row::new("varav x", vec![Value::Missing]).sub());
        t.rows
            .push(Row::new("Totalt", vec![Value::count(1234)]).total());
        let md = table(&t);
        assert_eq!(
            md,
            "| Enhet | 2022 |\n|:--|--:|\n| A\\|B | 1\u{a0}234 |\n| \u{a0}\u{a0}\u{a0}*varav x* | – |\n| **Totalt** | **1\u{a0}234** |\n"
        );
    }

    #[test]
    fn headings_get_the_anchors_comrak_renders() {
        let md = "# Titel\n\n## Avvikelser och lex Sarah\n\n### Tabell 1. Inkomna rapporter\n\n## Avvikelser och lex Sarah\n";
        let hs = headings(md);
        let html = comrak::markdown_to_html(md, &comrak_options());
        for h in &hs {
            assert!(
                html.contains(&format!("id=\"{}\"", h.anchor)),
                "{} not in {html}",
                h.anchor
            );
        }
        assert_eq!(hs[3].anchor, "avvikelser-och-lex-sarah-1");
    }

    #[test]
    fn toc_skips_annex_tables() {
        let hs = headings(
            "## Inledning\n\n### Syfte\n\n## Bilaga: Verksamheten i siffror\n\n### Tabell 1. X\n",
        );
        assert_eq!(
            toc(&hs, "Bilaga"),
            "- [Inledning](#inledning)\n    - [Syfte](#syfte)\n- [Bilaga: Verksamheten i siffror](#bilaga-verksamheten-i-siffror)\n"
        );
    }
}
