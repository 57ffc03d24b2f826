//! Statistical tables as accessible HTML, built from the computed `Table` (Markdown tables
//! cannot carry these): `<caption>` with the table number, `<th scope="col">` headers,
//! `<th scope="row">` row labels, heading rows as row groups, and `<abbr>` for the symbols
//! and units the legend explains. Every string from the data is escaped.

use crate::compute::{Table, Value};

use super::markers::{escape, table_anchor};
use crate::base::format;

/// Units written after a number, with what they stand for.
const UNITS: &[(&str, &str)] = &[
    ("tkr", "tusen kronor"),
    ("mnkr", "miljoner kronor"),
    ("kr", "kronor"),
];

/// What "–" means, as the legend and the `<abbr>` title say it.
pub const MISSING_TITLE: &str = "uppgift saknas";
/// What ".." means.
pub const SUPPRESSED_TITLE: &str = "uppgiften visas inte, för att skydda enskildas integritet";

/// Tables of at most this many rows are kept on one printed page.
const SHORT: usize = 20;

/// The table as HTML, ending with a newline.
pub fn table(t: &Table) -> String {
    let width = t.columns.len() + 1;
    let class = if t.rows.len() <= SHORT {
        " class=\"kort\""
    } else {
        ""
    };
    // A wide table scrolls inside its own region (named by the caption, reachable by
    // keyboard) instead of widening the page. The visible title stands above that region, so
    // it stays in view when the table scrolls sideways; the `<caption>` says the same to
    // assistive technology and is visually hidden, and the visible copy is hidden from it.
    let anchor = table_anchor(t.number);
    let title = format!("Tabell {}. {}", t.number, escape(&t.title));
    let mut out = format!(
        "<p class=\"tabellrubrik\" id=\"{anchor}\" aria-hidden=\"true\">{title}</p>\n<div class=\"tabellram\" role=\"region\" aria-labelledby=\"{anchor}-rubrik\" tabindex=\"0\">\n<table{class}>\n<caption id=\"{anchor}-rubrik\" class=\"dold\">{title}</caption>\n<thead>\n<tr><th scope=\"col\">{}</th>",
        escape(&t.label_title)
    );
    for c in &t.columns {
        let class = if c.numeric { " class=\"tal\"" } else { "" };
        out.push_str(&format!(
            "<th scope=\"col\"{class}>{}</th>",
            escape(&c.title)
        ));
    }
    out.push_str("</tr>\n</thead>\n<tbody>\n");
    for (i, row) in t.rows.iter().enumerate() {
        let label = escape(&row.label);
        if row.heading {
            if i > 0 {
                out.push_str("</tbody>\n<tbody>\n");
            }
            out.push_str(&format!(
                "<tr class=\"grupp\"><th scope=\"rowgroup\" colspan=\"{width}\">{label}</th></tr>\n"
            ));
            continue;
        }
        let class = if row.total {
            " class=\"summa\""
        } else if row.sub {
            " class=\"varav\""
        } else {
            ""
        };
        out.push_str(&format!("<tr{class}><th scope=\"row\">{label}</th>"));
        for (c, v) in t.columns.iter().zip(&row.values) {
            let class = if c.numeric { " class=\"tal\"" } else { "" };
            out.push_str(&format!("<td{class}>{}</td>", cell(v)));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
    // Notes and source belong to the table: one block, styled as one.
    for note in &t.notes {
        out.push_str(&format!(
            "<p class=\"anmarkning\"><em>Anmärkning:</em> {}</p>\n",
            escape(note)
        ));
    }
    out.push_str(&format!(
        "<p class=\"kalla\"><em>Källa:</em> {}</p>\n",
        escape(&t.source)
    ));
    out
}

/// One value as HTML: the formatted figure, with symbols and units marked as abbreviations.
pub fn cell(v: &Value) -> String {
    match v {
        Value::Missing => abbr(format::MISSING, MISSING_TITLE),
        Value::Suppressed => abbr(format::SUPPRESSED, SUPPRESSED_TITLE),
        Value::Number {
            r,
            decimals,
            unit: Some(u),
        } => match UNITS.iter().find(|(short, _)| short == u) {
            Some((short, long)) => format!(
                "{}{}{}",
                format::decimal(*r, *decimals),
                format::NBSP,
                abbr(short, long)
            ),
            None => escape(&format::value(v)),
        },
        _ => escape(&format::value(v)),
    }
}

fn abbr(short: &str, title: &str) -> String {
    format!("<abbr title=\"{}\">{}</abbr>", escape(title), escape(short))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compute::{Ratio, Row};

    fn sample() -> Table {
        let mut t = Table::new("k", "Avvikelser <per> enhet", "Enhet")
            .column("2021")
            .column("2022");
        t.number = 7;
        t.rows.push(Row::heading("Område & del"));
        t.rows.push(Row::new(
            "<script>x</script>",
            vec![Value::count(1234), Value::Suppressed],
        ));
        t.rows
            .push(Row::new("varav lex Sarah", vec![Value::Missing, Value::count(2)]).sub());
        t.rows.push(Row::heading("Andra"));
        t.rows
            .push(Row::new("Totalt", vec![Value::count(1), Value::count(2)]).total());
        t
    }

    #[test]
    fn tables_have_a_numbered_caption_and_scoped_headers() {
        let html = table(&sample());
        assert!(
            html.starts_with(
                "<p class=\"tabellrubrik\" id=\"tabell-7\" aria-hidden=\"true\">Tabell 7. Avvikelser &lt;per&gt; enhet</p>\n<div class=\"tabellram\" role=\"region\" aria-labelledby=\"tabell-7-rubrik\" tabindex=\"0\">\n<table class=\"kort\">\n<caption id=\"tabell-7-rubrik\" class=\"dold\">Tabell 7. Avvikelser &lt;per&gt; enhet</caption>"
            ),
            "{html}"
        );
        assert_eq!(html.matches("<th scope=\"col\"").count(), 3);
        assert_eq!(html.matches("<th scope=\"row\">").count(), 3);
        assert_eq!(
            html.matches("<th ").count() + html.matches("<th>").count(),
            html.matches("scope=").count(),
            "{html}"
        );
        assert!(html.contains("<th scope=\"rowgroup\" colspan=\"3\">Område &amp; del</th>"));
        assert_eq!(html.matches("<tbody>").count(), 2);
        assert_eq!(html.matches("</tbody>").count(), 2);
        assert!(html.contains("</tbody>\n</table>\n</div>\n<p class=\"kalla\">"));
    }

    #[test]
    fn notes_and_source_follow_the_table_as_one_block() {
        let mut t = sample();
        t.notes.push("Andel <b>positiva</b>".into());
        t.source = "Registret".into();
        let html = table(&t);
        assert!(html.ends_with(
            "</div>\n<p class=\"anmarkning\"><em>Anmärkning:</em> Andel &lt;b&gt;positiva&lt;/b&gt;</p>\n<p class=\"kalla\"><em>Källa:</em> Registret</p>\n"
        ), "{html}");
    }

    #[test]
    fn data_text_is_escaped() {
        let html = table(&sample());
        assert!(!html.contains("<script>"));
        assert!(html.contains("&lt;script&gt;x&lt;/script&gt;"));
    }

    #[test]
    fn symbols_and_units_are_abbreviations() {
        let html = table(&sample());
        assert!(html.contains(&format!("<abbr title=\"{SUPPRESSED_TITLE}\">..</abbr>")));
        assert!(html.contains(&format!("<abbr title=\"{MISSING_TITLE}\">–</abbr>")));
        assert!(html.contains("<tr class=\"summa\"><th scope=\"row\">Totalt</th>"));
        assert!(html.contains("<td class=\"tal\">1\u{a0}234</td>"));
        let tkr = Value::Number {
            r: Ratio::new(34805, 10).unwrap(),
            decimals: 0,
            unit: Some("tkr".into()),
        };
        assert_eq!(
            cell(&tkr),
            "3\u{a0}481\u{a0}<abbr title=\"tusen kronor\">tkr</abbr>"
        );
        let odd = Value::Number {
            r: Ratio::int(5),
            decimals: 0,
            unit: Some("<st>".into()),
        };
        assert_eq!(cell(&odd), "5\u{a0}&lt;st&gt;");
    }
}
