//! The renderer on a small document: what reaches `word/document.xml` and the package.

use std::collections::BTreeMap;
use std::io::Read;

use comrak::Arena;

use super::document;
use crate::compute::{Row, Table, Value};
use crate::render::diagram;
use crate::render::document::{Assets, Contact, Document, Image, ImageKind, Meta};

/// The header of a PNG of `w` × `h` pixels (enough for the renderer, which reads the size).
fn png(w: u32, h: u32) -> Vec<u8> {
    let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    b.extend(w.to_be_bytes());
    b.extend(h.to_be_bytes());
    b
}

fn doc(body: &str) -> Document {
    let mut t = Table::new("per_typ", "Per typ", "Typ").column("2022");
    t.number = 1;
    t.rows.push(Row::new("A & B", vec![Value::count(1234)]));
    t.source = "Registret".into();
    let mut images = BTreeMap::new();
    images.insert(
        "bilder/karta.png".to_string(),
        Image {
            bytes: png(800, 400),
            kind: ImageKind::Png,
        },
    );
    Document {
        meta: Meta {
            title: "Kvalitetsberättelse 2022".into(),
            organisation: "Norrviks kommun".into(),
            namnd: "Socialnämnden".into(),
            year: 2022,
            date: Some("2023-02-15".into()),
            diarienummer: Some("SN 2023/12".into()),
            contact: Some(Contact {
                name: "Eva Ek".into(),
                title: Some("Kvalitetsutvecklare".into()),
                email: None,
            }),
            logo: Some(Image {
                bytes: png(300, 100),
                kind: ImageKind::Png,
            }),
            ..Meta::default()
        },
        markdown: String::new(),
        body: body.into(),
        tables: vec![t],
        figures: vec![diagram::one_bar("Per typ", 1)],
        assets: Assets {
            images,
            ..Assets::default()
        },
    }
}

const BODY: &str = "# Titel i Markdown\n\n**Socialnämnden**, Norrviks kommun\n\n## Innehåll\n\n- [Kapitel](#kapitel)\n\n## Kapitel\n\nSe [tabell 1](#tabell-1) och [webben](https://example.se/a?b=1&c=2), *kursivt* och **fett**.\n\n1. ett\n2. två\n\nText.\n\n1. igen\n\n- punkt\n    - under\n\n![Karta över orten](bilder/karta.png)\n\n![Saknas](bilder/finns-inte.png)\n\n| Enhet | Antal |\n|:--|--:|\n| A | 3 |\n\n[[tabell:per_typ]]\n\n[[diagram:1]]\n\n### Under\n\n## Bilaga: Siffror\n\n### Tabell 1\n";

fn package(d: &Document) -> BTreeMap<String, String> {
    let arena = Arena::new();
    let root = d.parse(&arena);
    let bytes = document(d, root).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut s = Vec::new();
        f.read_to_end(&mut s).unwrap();
        out.insert(
            f.name().unwrap().to_string(),
            String::from_utf8_lossy(&s).into_owned(),
        );
    }
    out
}

#[test]
fn the_cover_comes_from_the_meta_with_the_logo() {
    let p = package(&doc(BODY));
    let d = &p["word/document.xml"];
    let title = d.find(">Kvalitetsberättelse 2022</w:t>").unwrap();
    assert!(d.find("descr=\"Logotyp för Norrviks kommun\"").unwrap() < title);
    for line in [
        "Datum: 2023-02-15",
        "Diarienummer: SN 2023/12",
        "Kontakt: Eva Ek, Kvalitetsutvecklare",
    ] {
        assert!(d.contains(line), "{line}");
    }
    // The Markdown's own title block is replaced, not repeated.
    assert!(!d.contains("Titel i Markdown"));
}

#[test]
fn the_contents_is_a_field_with_the_headings_and_the_markdown_list_is_dropped() {
    let p = package(&doc(BODY));
    let d = &p["word/document.xml"];
    assert_eq!(
        d.matches(">Kapitel</w:t>").count(),
        2,
        "TOC entry and heading"
    );
    // Level-3 headings are listed outside the annex, not inside it.
    assert!(d.contains("<w:hyperlink w:anchor=\"_Toc_kv2\" w:history=\"1\"><w:r><w:t xml:space=\"preserve\">Under</w:t>"));
    assert!(!d.contains("<w:hyperlink w:anchor=\"_Toc_kv4\""));
    assert!(d.contains("<w:bookmarkStart w:id=\"1\" w:name=\"_Toc_kv1\"/>"));
    // The annex starts a page.
    let annex = d.rfind(">Bilaga: Siffror<").unwrap();
    assert!(d[..annex].rfind("<w:pageBreakBefore/>").unwrap() > d[..annex].rfind("<w:p>").unwrap());
}

#[test]
fn links_lists_images_and_own_tables_become_word_structures() {
    let p = package(&doc(BODY));
    let d = &p["word/document.xml"];
    let rels = &p["word/_rels/document.xml.rels"];
    // A table reference is a REF field to the caption's number; a web link a hyperlink.
    assert!(d.contains("> REF _Ref_tabell_1 \\h </w:instrText>"));
    assert!(rels.contains("Target=\"https://example.se/a?b=1&amp;c=2\" TargetMode=\"External\""));
    assert!(d.contains("<w:rStyle w:val=\"Hyperlink\"/>"));
    assert!(d.contains("<w:b/><w:bCs/></w:rPr><w:t xml:space=\"preserve\">fett</w:t>"));
    // Each numbered list restarts; bullets nest by level.
    let numbering = &p["word/numbering.xml"];
    assert_eq!(
        numbering.matches("<w:startOverride w:val=\"1\"/>").count(),
        2
    );
    assert!(d.contains("<w:ilvl w:val=\"1\"/><w:numId w:val=\"9001\"/>"));
    // The image of the text is embedded with its alt text; one the edge did not read stays text.
    assert!(d.contains("descr=\"Karta över orten\""));
    assert!(d.contains(">Saknas</w:t>"));
    assert!(p.contains_key("word/media/kvalitet2.png"));
    // The Markdown table is a Word table with a repeating header; then the computed table.
    assert_eq!(d.matches("<w:tbl>").count(), 2);
    assert_eq!(d.matches("<w:tblHeader/>").count(), 2);
    assert!(d.contains(">A &amp; B</w:t>"));
    assert!(d.contains(">1\u{a0}234</w:t>"));
    assert!(d.contains(">Källa: </w:t>"));
}

#[test]
fn a_chart_is_a_png_with_its_text_alternative_and_a_numbered_caption() {
    let p = package(&doc(BODY));
    let d = &p["word/document.xml"];
    assert!(d.contains("> SEQ Diagram \\* ARABIC </w:instrText>"));
    assert!(d.contains("descr=\"Stapeldiagram. 2022: 3.\""));
    let media: Vec<&String> = p.keys().filter(|k| k.starts_with("word/media/")).collect();
    assert_eq!(media.len(), 3, "logo, image, chart: {media:?}");
    assert!(p["[Content_Types].xml"].contains("<Default Extension=\"png\""));
}

#[test]
fn hostile_text_stays_text() {
    let p = package(&doc("## Rubrik <script>\n\nA & <b>B</b> \u{7}\n"));
    let d = &p["word/document.xml"];
    assert!(!d.contains("<script>") && !d.contains("<b>"));
    assert!(d.contains("A &amp; "));
}

/// A template as a Swedish Word writes one: localised style ids, a header, its own lists.
fn template() -> Vec<u8> {
    use std::io::Write;
    let parts = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="tiff" ContentType="image/tiff"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"/><Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>"#,
        ),
        (
            "word/document.xml",
            r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body><w:p><w:r><w:t>Mallens text</w:t></w:r></w:p><w:sectPr><w:headerReference w:type="default" r:id="rId7"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2000" w:right="1000" w:bottom="1000" w:left="2500" w:header="700" w:footer="700" w:gutter="0"/></w:sectPr></w:body></w:document>"#,
        ),
        (
            "word/_rels/document.xml.rels",
            r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>"#,
        ),
        (
            "word/styles.xml",
            r#"<?xml version="1.0"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:rPr><w:rFonts w:ascii="Garamond"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Rubrik1"><w:name w:val="heading 1"/><w:rPr><w:color w:val="7A1F2B"/></w:rPr></w:style></w:styles>"#,
        ),
        (
            "word/header1.xml",
            r#"<?xml version="1.0"?><w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:r><w:t>Norrviks kommun</w:t></w:r></w:p></w:hdr>"#,
        ),
        (
            "word/footnotes.xml",
            r#"<?xml version="1.0"?><w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>"#,
        ),
        (
            "word/numbering.xml",
            r#"<?xml version="1.0"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"/><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:numIdMacAtCleanup w:val="1"/></w:numbering>"#,
        ),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in parts {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// `d` on the template of [`template`].
fn with_template(mut d: Document) -> Document {
    d.assets.word_template = Some(crate::render::document::WordTemplate {
        name: "mall.dotx".into(),
        bytes: template(),
    });
    d
}

#[test]
fn the_template_gives_styles_page_header_and_keeps_its_parts() {
    let p = package(&with_template(doc(BODY)));
    let body = &p["word/document.xml"];
    // Headings take the template's localised id, found by the style's name.
    assert!(body.contains("<w:pStyle w:val=\"Rubrik1\"/>"));
    assert!(!body.contains("<w:pStyle w:val=\"Heading1\"/>"));
    assert!(!body.contains("Mallens text"));
    let styles = &p["word/styles.xml"];
    assert!(styles.contains("Garamond"));
    assert!(styles.contains("w:styleId=\"Tabelltext\""));
    assert!(!styles.contains("w:styleId=\"Heading1\""));
    // Its page and header; our footer added, since it has none.
    assert!(body.contains("<w:headerReference w:type=\"default\" r:id=\"rId7\"/>"));
    assert!(body.contains("w:left=\"2500\""));
    assert!(body.contains("<w:footerReference w:type=\"default\" r:id=\"rIdK"));
    assert!(p["word/header1.xml"].contains("Norrviks kommun"));
    assert!(p.contains_key("word/footer_kvalitet.xml"));
    let rels = &p["word/_rels/document.xml.rels"];
    assert!(rels.contains("Target=\"header1.xml\"") && rels.contains("Target=\"footnotes.xml\""));
    assert_eq!(rels.matches("/styles\"").count(), 1, "{rels}");
    // Lists in schema order: every abstractNum before the first num, nums before the cleanup.
    let n = &p["word/numbering.xml"];
    assert!(
        n.rfind("<w:abstractNum ").unwrap() < n.find("<w:num ").unwrap(),
        "{n}"
    );
    assert!(n.rfind("<w:num ").unwrap() < n.find("<w:numIdMacAtCleanup").unwrap());
    // A document, not a template; the template's content types are kept.
    let types = &p["[Content_Types].xml"];
    assert!(types.contains("document.main+xml") && !types.contains("template.main+xml"));
    assert!(types.contains("footnotes+xml") && types.contains("Extension=\"tiff\""));
    assert!(p["word/settings.xml"].contains("<w:updateFields w:val=\"true\"/>"));
}

/// The numbers that follow each `start` (an attribute's opening, up to its quote) in `xml`.
fn numbers_after<T: std::str::FromStr>(xml: &str, start: &str) -> Vec<T>
where
    T::Err: std::fmt::Debug,
{
    xml.split(start)
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].parse().unwrap())
        .collect()
}

/// The widths every table of `body` is set to, in twentieths of a point.
fn table_widths(body: &str) -> Vec<usize> {
    numbers_after(body, "<w:tblW w:w=\"")
}

#[test]
fn tables_fill_the_text_width_of_the_page_and_set_their_own_cell_margins() {
    let margins = "<w:tblCellMar><w:left w:w=\"85\" w:type=\"dxa\"/><w:right w:w=\"85\" w:type=\"dxa\"/></w:tblCellMar>";
    let built_in = package(&doc(BODY));
    let body = &built_in["word/document.xml"];
    let tables = body.matches("<w:tbl>").count();
    assert!(tables >= 2, "the annex table and the own Markdown table");
    assert_eq!(body.matches(margins).count(), tables);
    // A4 less 2.5 cm on each side.
    assert_eq!(table_widths(body), vec![9070; tables]);
    assert!(built_in["word/styles.xml"].contains(margins));
    // The template's page: 11 906 less a left margin of 2 500 and a right of 1 000.
    let p = package(&with_template(doc(BODY)));
    let body = &p["word/document.xml"];
    assert_eq!(table_widths(body), vec![8406; tables]);
    assert_eq!(body.matches(margins).count(), tables);
    for grid in body.split("<w:tblGrid>").skip(1) {
        let grid = &grid[..grid.find("</w:tblGrid>").unwrap()];
        let sum: usize = numbers_after::<usize>(grid, "<w:gridCol w:w=\"")
            .iter()
            .sum();
        assert_eq!(sum, 8406, "{grid}");
    }
}

#[test]
fn the_table_font_is_the_templates_and_arial_without_one() {
    let t = super::template::Template::parse(&template()).unwrap();
    assert_eq!(super::fonts::of_template(&t).as_deref(), Some("Garamond"));
    assert_eq!(t.text_width(), Some(8406));
    assert_eq!(super::parts::FONT, "Arial");
}

/// The grid column widths of the first table of `body`, in twentieths of a point.
fn grid_columns(body: &str) -> Vec<usize> {
    let grid = body.split("<w:tblGrid>").nth(1).unwrap();
    numbers_after(
        &grid[..grid.find("</w:tblGrid>").unwrap()],
        "<w:gridCol w:w=\"",
    )
}

/// The widths (`cx`, in EMU) of the pictures in `xml`.
fn picture_widths(xml: &str) -> Vec<u64> {
    numbers_after(xml, "<wp:extent cx=\"")
}

#[test]
fn an_own_tables_cells_keep_emphasis_links_and_pictures_each_picture_within_its_cell() {
    use super::ooxml::{EMU_PER_PX, EMU_PER_TWIP};
    use super::parts::CELL_MARGIN;
    let mut d = doc(
        "## Kapitel\n\n| Enhet | Bild |\n|:--|:--|\n| **Norr** | ![Liten](bilder/liten.png) [källa](https://example.se/k) |\n| *Söder* | ![Karta över orten](bilder/karta.png) |\n",
    );
    d.assets.images.insert(
        "bilder/liten.png".into(),
        Image {
            bytes: png(120, 60),
            kind: ImageKind::Png,
        },
    );
    let p = package(&d);
    let body = &p["word/document.xml"];
    let table = &body[body.find("<w:tbl>").unwrap()..body.find("</w:tbl>").unwrap()];
    // Emphasis and the link stay, in the cell.
    assert!(table.contains("<w:b/><w:bCs/></w:rPr><w:t xml:space=\"preserve\">Norr</w:t>"));
    assert!(table.contains("<w:i/><w:iCs/></w:rPr><w:t xml:space=\"preserve\">Söder</w:t>"));
    assert!(table.contains("<w:hyperlink r:id="));
    assert!(p["word/_rels/document.xml.rels"].contains("Target=\"https://example.se/k\""));
    // Both pictures are in the table: the small one at its pixels at 96 dpi, the wide one
    // (800 px, wider than the page) as wide as its cell allows.
    let widths = grid_columns(table);
    assert_eq!(widths.iter().sum::<usize>(), 9070);
    let room = (widths[1] - 2 * CELL_MARGIN) as u64 * EMU_PER_TWIP;
    assert_eq!(picture_widths(table), [120 * EMU_PER_PX, room]);
    // The column of pictures took room from the labels' column, which keeps half its width.
    let plain = package(&doc(
        "## Kapitel\n\n| Enhet | Bild |\n|:--|:--|\n| **Norr** | Liten källa |\n| *Söder* | Karta över orten |\n",
    ));
    let before = grid_columns(&plain["word/document.xml"]);
    assert!(widths[1] > before[1], "{widths:?} {before:?}");
    assert_eq!(widths[0], before[0] - before[0] / 2);
}
