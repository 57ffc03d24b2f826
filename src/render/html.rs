//! The HTML side of rendering: escaping text for HTML, the marker lines that the HTML pass of
//! the templates leaves for tables and charts, and splicing the generated markup into comrak's
//! output in their place. Never builds a table or a chart itself.

use crate::compute::Table;

use super::diagram::Pending;
use super::html_table;

/// The marker the HTML pass writes in place of a table's Markdown.
pub fn table_marker(key: &str) -> String {
    format!("[[tabell:{key}]]")
}

/// The marker the HTML pass writes in place of chart number `n`.
pub fn chart_marker(n: usize) -> String {
    format!("[[diagram:{n}]]")
}

/// The in-page anchor of table number `n`.
pub fn table_anchor(n: usize) -> String {
    format!("tabell-{n}")
}

/// Escapes text for HTML element content and double-quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Replaces every paragraph that holds only a marker (`<p>[[tabell:KEY]]</p>`) with the table
/// or chart it stands for; charts are numbered in page order. A marker inside running text is
/// left alone.
pub fn splice(body: &str, tables: &[Table], charts: &[Pending]) -> String {
    let mut out = String::with_capacity(body.len() * 2);
    let mut placed = 0;
    for line in body.split_inclusive('\n') {
        if is_heading(line) {
            out.push_str(&without_anchor(line));
            continue;
        }
        match marker_of(line.trim_end()) {
            Some(Marker::Table(key)) => match tables.iter().find(|t| t.key == key) {
                Some(t) => out.push_str(&html_table::table(t)),
                None => out.push_str(line),
            },
            Some(Marker::Chart(k)) => match k.checked_sub(1).and_then(|i| charts.get(i)) {
                Some(chart) => {
                    placed += 1;
                    out.push_str(&chart.place(placed));
                }
                None => out.push_str(line),
            },
            None => out.push_str(line),
        }
    }
    out
}

fn is_heading(line: &str) -> bool {
    let b = line.as_bytes();
    b.len() > 3 && b[0] == b'<' && b[1] == b'h' && (b'1'..=b'6').contains(&b[2])
}

/// A heading line without the self-link comrak adds (`<a href="#id" aria-label="Link to
/// heading …" class="anchor"></a>`): the heading keeps its id, and no English label or empty
/// link reaches a page whose styles a publishing system may strip.
fn without_anchor(line: &str) -> String {
    const END: &str = "class=\"anchor\"></a>";
    match (line.find("<a href=\"#"), line.find(END)) {
        (Some(start), Some(end)) if start < end => {
            format!("{}{}", &line[..start], &line[end + END.len()..])
        }
        _ => line.to_string(),
    }
}

enum Marker<'a> {
    Table(&'a str),
    Chart(usize),
}

fn marker_of(line: &str) -> Option<Marker<'_>> {
    let inner = line.strip_prefix("<p>[[")?.strip_suffix("]]</p>")?;
    if let Some(key) = inner.strip_prefix("tabell:") {
        return Some(Marker::Table(key));
    }
    inner
        .strip_prefix("diagram:")
        .and_then(|n| n.parse().ok())
        .map(Marker::Chart)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compute::{Row, Value};
    use crate::render::diagram;

    #[test]
    fn escaping_neutralises_markup_and_attribute_quotes() {
        assert_eq!(
            escape(r#"<b a="x" b='y'>&amp;</b>"#),
            "&lt;b a=&quot;x&quot; b=&#39;y&#39;&gt;&amp;amp;&lt;/b&gt;"
        );
    }

    /// Table number `n` with one row "A", and a chart of that row titled `title`.
    fn table_and_chart(n: usize, title: &str) -> (Table, Pending) {
        let mut t = Table::new("k", "Titel", "Enhet").column("2022");
        t.number = n;
        t.rows.push(Row::new("A", vec![Value::count(1)]));
        let request = diagram::Request {
            rows: Some(vec!["A".into()]),
            title: Some(title.into()),
            ..Default::default()
        };
        let chart = diagram::build(&t, &request, "x").unwrap();
        (t, Pending { chart, table: n })
    }

    #[test]
    fn only_marker_paragraphs_are_replaced() {
        let (t, chart) = table_and_chart(3, "D");
        let body = "<p>före</p>\n<p>[[tabell:k]]</p>\n<p>text [[tabell:k]]</p>\n<p>[[diagram:1]]</p>\n<p>[[diagram:2]]</p>\n<p>[[tabell:okänd]]</p>\n";
        let out = splice(body, &[t], &[chart]);
        assert!(out.contains(">Tabell 3. Titel</caption>"), "{out}");
        assert!(out.contains("<p>text [[tabell:k]]</p>"));
        assert!(out.contains("<figure class=\"diagram\" id=\"diagram-1\">"));
        assert!(out.contains("<p>[[diagram:2]]</p>"));
        assert!(out.contains("<p>[[tabell:okänd]]</p>"));
        assert_eq!(out.matches("<table").count(), 1);
    }

    #[test]
    fn headings_keep_their_id_but_lose_the_self_link() {
        let md = "## Lex Sarah & mer\n\ntext\n";
        let html = comrak::markdown_to_html(md, &crate::render::markdown::comrak_options());
        assert!(html.contains("class=\"anchor\""), "{html}");
        let out = splice(&html, &[], &[]);
        assert!(
            out.starts_with("<h2 id=\"lex-sarah--mer\">Lex Sarah &amp; mer</h2>\n"),
            "{out}"
        );
        assert!(out.contains("<p>text</p>"));
        assert_eq!(
            without_anchor("<h3>Utan länk</h3>\n"),
            "<h3>Utan länk</h3>\n"
        );
    }

    #[test]
    fn charts_are_numbered_in_page_order() {
        let charts = [
            table_and_chart(1, "Först gjort").1,
            table_and_chart(1, "Sist gjort").1,
        ];
        // Made in the order first, second; placed second first.
        let out = splice("<p>[[diagram:2]]</p>\n<p>[[diagram:1]]</p>\n", &[], &charts);
        let first = out.find("Diagram 1. Sist gjort").unwrap();
        let second = out.find("Diagram 2. Först gjort").unwrap();
        assert!(first < second, "{out}");
        assert!(out.contains("id=\"diagram-2-titel\">Först gjort"));
    }
}
