//! The typeset PDF, made in-process with typst: the document's tree as typst markup
//! ([`markup`]), after a preamble with the page, the running header and footer, the cover and
//! the contents with page numbers ([`page`]); compiled in a [`world`] of its own and written as
//! a tagged PDF/UA-1 in Swedish, with bookmarks. No browser and no system font is needed.

pub mod markup;
pub mod page;
pub mod syntax;
pub mod table;
pub mod world;

pub use world::bundled_fonts;

use anyhow::{Result, anyhow};
use comrak::nodes::AstNode;
use typst::diag::SourceDiagnostic;
use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use super::document::Document;

/// The reproducible-builds variable: when set (seconds since 1970), it is the PDF's date, so
/// the same input gives a byte-identical PDF.
pub const DATE_VAR: &str = "SOURCE_DATE_EPOCH";

/// The whole typst source of the report, and the files it refers to.
pub fn source<'a>(doc: &Document, root: &'a AstNode<'a>) -> markup::Body {
    let body = markup::body(doc, root);
    let mut files = body.files;
    let mut text = page::preamble(&doc.meta, &mut files);
    text.push_str(&body.markup);
    markup::Body {
        markup: text,
        files,
    }
}

/// The PDF of the document. Its date is `SOURCE_DATE_EPOCH` when set, else now.
pub fn pdf<'a>(doc: &Document, root: &'a AstNode<'a>) -> Result<Vec<u8>> {
    let epoch = std::env::var(DATE_VAR)
        .ok()
        .and_then(|v| v.trim().parse::<i64>().ok());
    let epoch = epoch.unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64)
    });
    let when = chrono::DateTime::from_timestamp(epoch, 0);
    let when = when.and_then(|t| {
        use chrono::{Datelike, Timelike};
        Datetime::from_ymd_hms(
            t.year(),
            t.month() as u8,
            t.day() as u8,
            t.hour() as u8,
            t.minute() as u8,
            t.second() as u8,
        )
    });
    let src = source(doc, root);
    compile(src, when)
}

/// Typesets `src` and writes it as PDF/UA-1 dated `when`.
pub fn compile(src: markup::Body, when: Option<Datetime>) -> Result<Vec<u8>> {
    let world = world::ReportWorld::new(src.markup, src.files, when);
    let document: PagedDocument = typst::compile(&world)
        .output
        .map_err(|errors| failure(&errors))?;
    let options = PdfOptions {
        ident: Smart::Custom("kvalitet".into()),
        creator: Smart::Custom(Some("kvalitet".into())),
        timestamp: when.map(Timestamp::new_utc),
        standards: PdfStandards::new(&[PdfStandard::Ua_1]).map_err(|e| anyhow!("{e:?}"))?,
        tagged: true,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(&document, &options).map_err(|errors| failure(&errors))
}

/// A typesetting failure: a fault of kvalitet, never of the user's data (every text from the
/// data is a string literal), so the message says so and gives typst's first reason.
fn failure(errors: &[SourceDiagnostic]) -> anyhow::Error {
    let reasons: Vec<String> = errors
        .iter()
        .take(3)
        .map(|e| e.message.to_string())
        .collect();
    anyhow!(
        "PDF:en kunde inte sättas (ett fel i kvalitet, inte i underlaget; rapportera det gärna): {}",
        reasons.join("; ")
    )
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::compute::{Row, Table, Value};
    use crate::render::document::{Assets, Image, ImageKind, Meta};

    fn doc(body: &str) -> Document {
        let mut t = Table::new("per_typ", "Rapporter per typ", "Typ").column("2022");
        t.number = 1;
        t.source = "Verksamhetens register".into();
        t.rows.push(Row::new(
            "Avvikelse #1 = [x] // *",
            vec![Value::count(1234)],
        ));
        let mut images = BTreeMap::new();
        images.insert(
            "bild.svg".to_string(),
            Image {
                bytes: b"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\"/></svg>".to_vec(),
                kind: ImageKind::Svg,
            },
        );
        Document {
            meta: Meta {
                title: "Kvalitetsberättelse 2022".into(),
                organisation: "Norrviks kommun".into(),
                namnd: "Socialnämnden".into(),
                year: 2022,
                ..Meta::default()
            },
            markdown: String::new(),
            body: body.into(),
            tables: vec![t],
            figures: Vec::new(),
            assets: Assets {
                images,
                ..Assets::default()
            },
        }
    }

    const BODY: &str = "# Kvalitetsberättelse 2022\n\n**Socialnämnden**\n\n## Innehåll\n\n- [Avvikelser](#avvikelser)\n\n## Avvikelser\n\nSe [tabell 1](#tabell-1), [saknas](#saknas) och ![En ruta](bild.svg).\n\n= inte en rubrik #let x = 1 \\\\ $\n\n[[tabell:per_typ]]\n";

    fn when() -> Option<Datetime> {
        Datetime::from_ymd_hms(2023, 1, 15, 9, 30, 0)
    }

    #[test]
    fn the_source_skips_the_title_block_and_places_contents_tables_and_images() {
        let d = doc(BODY);
        let arena = comrak::Arena::new();
        let src = source(&d, d.parse(&arena));
        let body = &src.markup[src.markup.find("#contents").expect("contents placed")..];
        assert!(!body.contains("**Socialnämnden**"));
        assert!(!body.contains("[Avvikelser](#avvikelser)"));
        assert!(body.contains("#heading(level: 2, outlined: true)[#\"Avvikelser\"]<a-avvikelser>"));
        assert!(body.contains("#link(<a-tabell-1>)[#\"tabell 1\"]"));
        // A link to an anchor the document lacks stays text.
        assert!(body.contains("#\"saknas\"") && !body.contains("<a-saknas>"));
        assert!(
            body.contains("#\"= inte en rubrik #let x = 1 \\\\ $\""),
            "{body}"
        );
        assert!(src.files.contains_key("/bild/1.svg"));
        assert!(body.contains("alt: \"En ruta\""));
    }

    #[test]
    fn an_image_in_a_table_cell_is_at_most_its_own_size_and_elsewhere_fills_the_text() {
        let mut d = doc(
            "# T\n\n## A\n\n![Logotyp](logo.svg)\n\n| Enhet | Bild |\n|--|--|\n| **Norr** | ![Logotyp](logo.svg) |\n",
        );
        d.assets.images.insert(
            "logo.svg".into(),
            Image {
                bytes: b"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 240 64\"/>"
                    .to_vec(),
                kind: ImageKind::Svg,
            },
        );
        let arena = comrak::Arena::new();
        let src = source(&d, d.parse(&arena));
        let table = &src.markup[src.markup.find("#table(").expect("the table")..];
        // 240 CSS pixels are 180 points.
        assert!(
            table.contains("alt: \"Logotyp\", width: calc.min(180pt, size.width))"),
            "{table}"
        );
        assert!(table.contains("[#strong[#\"Norr\"]]"), "{table}");
        let before = &src.markup[..src.markup.find("#table(").unwrap()];
        assert!(
            before.contains("alt: \"Logotyp\", width: 100%)"),
            "{before}"
        );
    }

    #[test]
    fn heading_levels_never_skip_one_on_the_way_down() {
        let d = doc("# T\n\n## A\n\n#### B\n\n##### C\n\n## D\n\n# E\n");
        let arena = comrak::Arena::new();
        let src = source(&d, d.parse(&arena));
        let levels: Vec<&str> = src
            .markup
            .match_indices("#heading(level: ")
            .map(|(i, m)| &src.markup[i + m.len()..i + m.len() + 1])
            .collect();
        // The cover's title, then A, B, C, D and E.
        assert_eq!(levels, ["1", "2", "3", "4", "2", "2"]);
    }

    #[test]
    fn the_pdf_is_typeset_tagged_and_the_same_for_the_same_input() {
        let d = doc(BODY);
        let arena = comrak::Arena::new();
        let root = d.parse(&arena);
        let first = compile(source(&d, root), when()).unwrap();
        assert!(first.starts_with(b"%PDF-"));
        let has = |needle: &[u8]| first.windows(needle.len()).any(|w| w == needle);
        assert!(has(b"/StructTreeRoot"));
        assert!(has(b"/Lang(sv-SE)"));
        assert_eq!(first, compile(source(&d, root), when()).unwrap());
    }
}
