//! The HTML side of rendering: splicing the generated table and chart markup into comrak's
//! output in place of the markers the templates' HTML pass left ([`super::markers`]). Never
//! builds a table or a chart itself.

use base64::Engine;
use comrak::nodes::{AstNode, NodeValue};

use crate::compute::Table;

use super::diagram::Pending;
use super::document::{Document, Image};
use super::{html_table, markdown};

/// The page body: the document's tree as HTML, with the tables and charts in place and the
/// images of the controller's text embedded.
pub fn body<'a>(doc: &Document, root: &'a AstNode<'a>) -> String {
    // While the tree is written, an image the edge read stands as a placeholder source (comrak
    // would drop an SVG data: URI); the tree gets its paths back for the other formats.
    let mut swapped = Vec::new();
    for node in root.descendants() {
        if let NodeValue::Image(link) = &mut node.data_mut().value
            && let Some(img) = doc.assets.image(&link.url)
        {
            let placeholder = format!("kvalitet-bild-{}", swapped.len());
            let path = std::mem::replace(&mut link.url, placeholder.clone());
            swapped.push((node, path, placeholder, img));
        }
    }
    let mut html = String::new();
    comrak::format_html(root, &markdown::comrak_options(), &mut html)
        .expect("writing to a String cannot fail");
    for (node, path, placeholder, img) in swapped {
        // A width given at the source, in CSS pixels (96 to the inch); in a table cell, a
        // drawing's own width too (a cell has none for it to fill). The page's style keeps
        // every image within the text.
        let in_cell = node
            .ancestors()
            .any(|a| matches!(a.data().value, NodeValue::TableCell));
        let width = if in_cell {
            doc.assets.cell_width(&path, img)
        } else {
            doc.assets.given_width(&path)
        };
        let width = width
            .map(|pt| format!(" width=\"{}\"", (pt * 96.0 / 72.0).round()))
            .unwrap_or_default();
        if let NodeValue::Image(link) = &mut node.data_mut().value {
            link.url = path;
        }
        html = html.replace(
            &format!("src=\"{placeholder}\""),
            &format!("src=\"{}\"{width}", data_uri(img)),
        );
    }
    notes_before_annex(&splice(
        &swedish_footnotes(&html),
        &doc.tables,
        &doc.figures,
    ))
}

/// The footnotes at the end of the berättelse's own text, before the annex, not after its
/// tables: the notes belong to the text (the PDF and Word set them at the foot of the page).
fn notes_before_annex(html: &str) -> String {
    let Some(start) = html.find("<section class=\"footnotes\"") else {
        return html.to_string();
    };
    let Some(annex) = html[..start].rfind("<h2 id=\"bilaga") else {
        return html.to_string();
    };
    let Some(len) = html[start..].find("</section>") else {
        return html.to_string();
    };
    let end = start + len + "</section>".len();
    let end = end + usize::from(html[end..].starts_with('\n'));
    format!(
        "{}{}\n{}{}",
        &html[..annex],
        html[start..end].trim_end(),
        &html[annex..start],
        &html[end..]
    )
}

/// comrak's footnotes with Swedish labels for assistive technology: the section is named
/// "Fotnoter", and each link back "Tillbaka till hänvisning 1" (comrak writes English).
fn swedish_footnotes(html: &str) -> String {
    if !html.contains("data-footnotes") {
        return html.to_string();
    }
    html.replace(
        "<section class=\"footnotes\" data-footnotes>",
        "<section class=\"footnotes\" data-footnotes aria-label=\"Fotnoter\">",
    )
    .replace(
        "aria-label=\"Back to reference ",
        "aria-label=\"Tillbaka till hänvisning ",
    )
}

/// The image as a `data:` URI, for a page that must stand alone.
pub fn data_uri(img: &Image) -> String {
    format!(
        "data:{};base64,{}",
        img.kind.mime(),
        base64::engine::general_purpose::STANDARD.encode(&img.bytes)
    )
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
    fn the_footnotes_come_before_the_annex() {
        let html = "<p>Text</p>\n<h2 id=\"bilaga-siffror\">Bilaga</h2>\n<table></table>\n\
                    <section class=\"footnotes\" data-footnotes>\n<ol><li>Not</li></ol>\n</section>\n";
        assert_eq!(
            notes_before_annex(html),
            "<p>Text</p>\n<section class=\"footnotes\" data-footnotes>\n<ol><li>Not</li></ol>\n</section>\n\
             <h2 id=\"bilaga-siffror\">Bilaga</h2>\n<table></table>\n"
        );
        // Without an annex, or without notes, nothing moves.
        let plain = "<p>Text</p>\n<section class=\"footnotes\" data-footnotes></section>\n";
        assert_eq!(notes_before_annex(plain), plain);
        assert_eq!(
            notes_before_annex("<h2 id=\"bilaga\">B</h2>"),
            "<h2 id=\"bilaga\">B</h2>"
        );
    }

    #[test]
    fn footnotes_are_labelled_in_swedish() {
        let md = "Text[^a-1] och igen[^a-1].\n\n[^a-1]: Källa.\n";
        let html = comrak::markdown_to_html(md, &markdown::comrak_options());
        let out = swedish_footnotes(&html);
        assert!(
            out.contains("<section class=\"footnotes\" data-footnotes aria-label=\"Fotnoter\">"),
            "{out}"
        );
        assert!(
            out.contains("aria-label=\"Tillbaka till hänvisning 1\""),
            "{out}"
        );
        assert!(
            out.contains("aria-label=\"Tillbaka till hänvisning 1-2\""),
            "{out}"
        );
        assert!(!out.contains("Back to"), "{out}");
        assert!(
            out.contains("<sup class=\"footnote-ref\"><a href=\"#fn-a-1\""),
            "{out}"
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
        (
            t,
            Pending {
                chart,
                table: n,
                partly: false,
            },
        )
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

    /// A document of `body` whose text has the drawing `svg` at `path`, and that image.
    fn with_svg(path: &str, svg: &[u8], body: &str) -> (Document, Image) {
        use crate::render::document::{Assets, ImageKind, Meta};
        let svg = Image {
            bytes: svg.to_vec(),
            kind: ImageKind::Svg,
        };
        let mut assets = Assets::default();
        assets.images.insert(path.into(), svg.clone());
        let doc = Document {
            meta: Meta::default(),
            markdown: String::new(),
            body: body.into(),
            tables: Vec::new(),
            figures: Vec::new(),
            assets,
        };
        (doc, svg)
    }

    #[test]
    fn images_of_the_text_are_embedded_and_the_tree_keeps_their_paths() {
        let (doc, svg) = with_svg(
            "bilder/karta.svg",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
            "![Karta över enheterna](bilder/karta.svg)\n\n![Saknas](annan.png)\n",
        );
        let arena = comrak::Arena::new();
        let root = doc.parse(&arena);
        let out = body(&doc, root);
        assert!(
            out.contains(&format!(
                "<img src=\"{}\" alt=\"Karta över enheterna\"",
                data_uri(&svg)
            )),
            "{out}"
        );
        assert!(data_uri(&svg).starts_with("data:image/svg+xml;base64,PHN2Zy"));
        assert!(out.contains("src=\"annan.png\""));
        let urls: Vec<String> = root
            .descendants()
            .filter_map(|n| match &n.data().value {
                NodeValue::Image(l) => Some(l.url.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(urls, ["bilder/karta.svg", "annan.png"]);
    }

    #[test]
    fn a_drawing_in_a_table_cell_is_as_wide_as_its_own_size_and_elsewhere_fills_the_text() {
        // A drawing with a viewBox only: no size of its own for the page to read.
        let (doc, svg) = with_svg(
            "logo.svg",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 240 64\"/>",
            "![Logotyp](logo.svg)\n\n| Enhet | Bild |\n|--|--|\n| Norr | ![Logotyp](logo.svg) |\n",
        );
        let arena = comrak::Arena::new();
        let out = body(&doc, doc.parse(&arena));
        let uri = data_uri(&svg);
        assert!(
            out.contains(&format!("<p><img src=\"{uri}\" alt=\"Logotyp\"")),
            "{out}"
        );
        assert!(
            out.contains(&format!(
                "<td><img src=\"{uri}\" width=\"240\" alt=\"Logotyp\""
            )),
            "{out}"
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
