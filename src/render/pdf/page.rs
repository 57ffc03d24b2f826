//! The PDF's pages from the document's meta: A4 with a running header (title and
//! organisation) and footer (committee and "Sida N av M") on every page but the cover, the
//! cover itself (logo, title as the municipality writes it, subtitle, committee and the
//! case fields), and the `contents` the body places: typst's outline with page numbers.

use std::collections::BTreeMap;

use super::syntax::{colour, string, text};
use super::world::{FONT_FAMILY, MONO_FAMILY};
use crate::render::document::{Colours, LANGUAGE, Meta};
use crate::render::view::cover_fields;

/// The side margins of an A4 page, in millimetres, and the width of text between them, in
/// points: what the tables are laid out for ([`super::table`]).
const MARGIN_LEFT_MM: f64 = 24.0;
const MARGIN_RIGHT_MM: f64 = 22.0;
pub const TEXT_WIDTH_PT: f64 = (210.0 - MARGIN_LEFT_MM - MARGIN_RIGHT_MM) / 25.4 * 72.0;

/// A table cell's padding, across and down, in points.
pub const CELL_INSET_PT: (f64, f64) = (5.0, 4.0);

/// The typst preamble: settings, styles, `#let contents`, then the cover page.
pub fn preamble(meta: &Meta, files: &mut BTreeMap<String, Vec<u8>>) -> String {
    let defaults = Colours::default();
    let primary = colour(&meta.colours.primary, &defaults.primary);
    let accent = colour(&meta.colours.accent, &defaults.accent);
    let org_line = org_line(meta);
    let mut out = String::new();
    out.push_str(&format!(
        "#let ink = rgb(\"#1b1b1b\")\n#let muted = rgb(\"#4a4a4a\")\n#let rule = rgb(\"#b8b8b8\")\n#let primary = {primary}\n#let accent = {accent}\n"
    ));
    out.push_str(&format!(
        "#set document(title: {}, author: ({},), keywords: (\"kvalitetsberättelse\", {}))\n",
        string(&full_title(meta)),
        string(&meta.organisation),
        string(&meta.year.to_string()),
    ));
    out.push_str(&format!(
        "#set text(font: {}, size: 10pt, lang: {}, region: \"SE\", hyphenate: false, fill: ink)\n",
        string(FONT_FAMILY),
        string(LANGUAGE)
    ));
    out.push_str(&format!(
        "#show raw: set text(font: {})\n",
        string(MONO_FAMILY)
    ));
    out.push_str(concat!(
        "#set par(justify: false, leading: 0.62em, spacing: 1.05em)\n",
        "#set list(indent: 0.6em, body-indent: 0.5em)\n",
        "#set enum(indent: 0.6em, body-indent: 0.5em)\n",
    ));
    let (inset_x, inset_y) = CELL_INSET_PT;
    out.push_str(&format!(
        "#set table(stroke: (x: none, y: 0.5pt + rule), inset: (x: {inset_x}pt, y: {inset_y}pt), fill: (x, y) => if y == 0 {{ accent }})\n\
         #show table.cell.where(y: 0): set text(weight: \"bold\")\n\
         #show table: set text(size: {}pt)\n",
        crate::render::columns::SIZE
    ));
    out.push_str(concat!(
        "#set heading(numbering: none)\n",
        "#show heading: set text(fill: primary)\n",
        "#show heading: set block(above: 1.7em, below: 0.75em)\n",
        "#show heading.where(level: 2): set text(size: 15pt)\n",
        "#show heading.where(level: 3): set text(size: 12pt)\n",
        "#show heading.where(level: 4): set text(size: 10.5pt)\n",
        "#show link: set text(fill: primary)\n",
        "#show figure: set block(breakable: false, above: 1.6em, below: 1.6em)\n",
        "#show figure.caption: set align(left)\n",
        "#set outline(indent: n => calc.max(0, n - 1) * 1.4em, depth: 3)\n",
        "#show outline.entry.where(level: 2): set text(weight: \"bold\")\n",
        "#show outline.entry.where(level: 2): set block(above: 0.9em)\n",
    ));
    out.push_str(&format!(
        "#set page(paper: \"a4\", margin: (top: 27mm, bottom: 25mm, left: {MARGIN_LEFT_MM}mm, right: {MARGIN_RIGHT_MM}mm),\n\
         header: context {{ if here().page() > 1 {{ set text(size: 8pt, fill: muted); grid(columns: (1fr, auto), [{}], [{}]); v(-0.4em); line(length: 100%, stroke: 0.5pt + rule) }} }},\n\
         footer: context {{ if here().page() > 1 {{ set text(size: 8pt, fill: muted); line(length: 100%, stroke: 0.5pt + rule); v(-0.4em); grid(columns: (1fr, auto), [{}], [Sida #counter(page).display() av #counter(page).final().first()]) }} }},\n)\n",
        text(&full_title(meta)),
        text(&meta.organisation),
        text(&org_line),
    ));
    out.push_str(&format!(
        "#let contents = {{ outline(title: {}); pagebreak(weak: true) }}\n",
        string("Innehåll")
    ));
    out.push_str(&cover(meta, files));
    out
}

/// The title with its subtitle, as the document properties give it.
pub fn full_title(meta: &Meta) -> String {
    match &meta.subtitle {
        Some(s) if !s.is_empty() => format!("{} – {s}", meta.title),
        _ => meta.title.clone(),
    }
}

/// "Socialnämnden, Socialförvaltningen, Norrviks kommun" (empty parts left out).
pub fn org_line(meta: &Meta) -> String {
    [&meta.namnd, &meta.forvaltning, &meta.organisation]
        .into_iter()
        .filter(|s| !s.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join(", ")
}

fn cover(meta: &Meta, files: &mut BTreeMap<String, Vec<u8>>) -> String {
    let mut out = String::from("#page(header: none, footer: none)[\n");
    if let Some(logo) = &meta.logo {
        let path = format!("/logo.{}", logo.kind.extension());
        files.insert(path.clone(), logo.bytes.clone());
        out.push_str(&format!(
            "#image({}, alt: {}, height: 22mm, fit: \"contain\")\n",
            string(&path),
            string(&format!("{}s logotyp", meta.organisation))
        ));
    }
    out.push_str("#v(1fr)\n");
    out.push_str(&format!(
        "#heading(level: 1, outlined: false, bookmarked: false)[#text(size: 28pt)[{}]]\n",
        text(&meta.title)
    ));
    if let Some(s) = meta.subtitle.as_ref().filter(|s| !s.is_empty()) {
        out.push_str(&format!(
            "#text(size: 17pt, fill: primary)[{}]\n\n",
            text(s)
        ));
    }
    out.push_str(&format!(
        "#v(0.6em)\n#text(size: 12pt)[{}]\n\n#v(2fr)\n",
        text(&org_line(meta))
    ));
    let fields = cover_fields(meta);
    if !fields.is_empty() {
        out.push_str("#line(length: 100%, stroke: 1.5pt + primary)\n#grid(columns: (auto, 1fr), column-gutter: 1.2em, row-gutter: 0.55em,\n");
        for (k, v) in &fields {
            out.push_str(&format!("[#strong[{}]], [{}],\n", text(k), text(v)));
        }
        out.push_str(")\n");
    }
    out.push_str("]\n\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::document::{Contact, Image, ImageKind};

    fn meta() -> Meta {
        Meta {
            title: "Kvalitetsberättelse 2023".into(),
            subtitle: Some("Arbete och försörjning".into()),
            organisation: "Norrviks kommun".into(),
            namnd: "Socialnämnden".into(),
            forvaltning: String::new(),
            year: 2023,
            diarienummer: Some("SN 2024/12".into()),
            contact: Some(Contact {
                name: "Anna \"Ann\" Berg".into(),
                title: Some("Verksamhetscontroller".into()),
                email: Some("anna.berg@norrvik.se".into()),
            }),
            ..Meta::default()
        }
    }

    #[test]
    fn the_cover_holds_title_subtitle_and_the_case_fields() {
        let mut files = BTreeMap::new();
        let p = preamble(&meta(), &mut files);
        assert!(
            p.contains("#text(size: 28pt)[#\"Kvalitetsberättelse 2023\"]"),
            "{p}"
        );
        assert!(p.contains("[#\"Arbete och försörjning\"]"));
        assert!(p.contains("[#strong[#\"Diarienummer\"]], [#\"SN 2024/12\"]"));
        assert!(p.contains("[#\"Anna \\\"Ann\\\" Berg, Verksamhetscontroller\"]"));
        assert!(!p.contains("Beslutsdatum"));
        assert!(p.contains("lang: \"sv\""));
        assert!(p.contains("title: \"Kvalitetsberättelse 2023 – Arbete och försörjning\""));
        assert!(files.is_empty());
    }

    #[test]
    fn a_logo_becomes_a_file_with_a_text_alternative() {
        let mut m = meta();
        m.logo = Some(Image {
            bytes: b"<svg/>".to_vec(),
            kind: ImageKind::Svg,
        });
        let mut files = BTreeMap::new();
        let p = preamble(&m, &mut files);
        assert_eq!(
            files.get("/logo.svg").map(Vec::as_slice),
            Some(&b"<svg/>"[..])
        );
        assert!(p.contains("alt: \"Norrviks kommuns logotyp\""));
    }

    #[test]
    fn the_organisation_line_leaves_out_empty_parts() {
        assert_eq!(org_line(&meta()), "Socialnämnden, Norrviks kommun");
    }
}
