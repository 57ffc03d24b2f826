use std::io::Write;

use super::*;

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

const STYLES: &str = r#"<w:styles xmlns:w="x">
<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Rubrik1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Rubrik2"><w:name w:val="heading 2"/></w:style>
<w:style w:type="paragraph" w:styleId="Egen"><w:name w:val="Min rubrik"/><w:basedOn w:val="Rubrik2"/></w:style>
<w:style w:type="character" w:styleId="Stark"><w:name w:val="Strong"/><w:rPr><w:b/><w:bCs/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Betoning"><w:name w:val="Emphasis"/><w:basedOn w:val="Stark"/><w:rPr><w:i/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
</w:styles>"#;

const NUMBERING: &str = r#"<w:numbering xmlns:w="x">
<w:abstractNum w:abstractNumId="10"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="20"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="20"/></w:num>
</w:numbering>"#;

const RELS: &str = r#"<Relationships xmlns="x">
<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://www.ivo.se/?a=1&amp;b=2" TargetMode="External"/>
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>"#;

fn docx(body: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let doc =
        format!("<?xml version=\"1.0\"?><w:document {W}><w:body>{body}</w:body></w:document>");
    for (name, text) in [
        ("word/document.xml", doc.as_str()),
        ("word/styles.xml", STYLES),
        ("word/numbering.xml", NUMBERING),
        ("word/_rels/document.xml.rels", RELS),
    ] {
        zip.start_file(name, opts).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn md(body: &str) -> String {
    to_markdown(&docx(body), "t.docx").unwrap().markdown
}

fn p(runs: &str) -> String {
    format!("<w:p>{runs}</w:p>")
}

fn r(text: &str) -> String {
    format!("<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r>")
}

fn styled(style: &str, runs: &str) -> String {
    format!("<w:p><w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>{runs}</w:p>")
}

#[test]
fn paragraphs_are_separated_and_text_is_escaped() {
    assert_eq!(
        md(&(p(&r("Första stycket med * och _ och &lt;b&gt;.")) + &p("") + &p(&r("Andra.")))),
        "Första stycket med \\* och \\_ och \\<b\\>.\n\nAndra.\n"
    );
}

#[test]
fn headings_come_from_the_style_name_whatever_the_style_id_or_language() {
    let body = styled("Rubrik1", &r("Ej verkställda beslut"))
        + &styled("Egen", &r("Under"))
        + &p(&r("Text."));
    assert_eq!(md(&body), "# Ej verkställda beslut\n\n## Under\n\nText.\n");
    let outline = "<w:p><w:pPr><w:outlineLvl w:val=\"2\"/></w:pPr><w:r><w:t>Nivå</w:t></w:r></w:p>";
    assert_eq!(md(outline), "### Nivå\n");
}

#[test]
fn bold_italics_and_both_wrap_their_text_with_spaces_outside() {
    let body = p(&format!(
        "{}<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">fet </w:t></w:r>\
         <w:r><w:rPr><w:i/></w:rPr><w:t>kursiv</w:t></w:r>{}\
         <w:r><w:rPr><w:b/><w:i/></w:rPr><w:t>båda</w:t></w:r>\
         <w:r><w:rPr><w:b w:val=\"0\"/></w:rPr><w:t xml:space=\"preserve\"> av</w:t></w:r>",
        r("Ett "),
        r(" och ")
    ));
    assert_eq!(md(&body), "Ett **fet** *kursiv* och ***båda*** av\n");
}

#[test]
fn character_styles_give_bold_and_italics_unless_the_run_says_otherwise() {
    let styled_run = |style: &str, props: &str, text: &str| {
        format!(
            "<w:r><w:rPr><w:rStyle w:val=\"{style}\"/>{props}</w:rPr><w:t xml:space=\"preserve\">{text}</w:t></w:r>"
        )
    };
    let body = p(&format!(
        "{}{}{}{}",
        styled_run("Stark", "", "Stark"),
        r(" och "),
        styled_run("Betoning", "", "betonad"),
        styled_run("Stark", "<w:b w:val=\"false\"/>", " men inte här")
    ));
    assert_eq!(md(&body), "**Stark** och ***betonad*** men inte här\n");
}

#[test]
fn links_take_their_target_from_the_relationships() {
    let body = p(&format!(
        "{}<w:hyperlink r:id=\"rId5\"><w:r><w:t>IVO</w:t></w:r></w:hyperlink>{}\
         <w:hyperlink w:anchor=\"x\"><w:r><w:t>inne</w:t></w:r></w:hyperlink>",
        r("Se "),
        r(" och ")
    ));
    assert_eq!(
        md(&body),
        "Se [IVO](https://www.ivo.se/?a=1&b=2) och inne\n"
    );
}

#[test]
fn bulleted_nested_and_numbered_lists() {
    let item = |num: &str, lvl: u8, text: &str| {
        format!(
            "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{lvl}\"/><w:numId w:val=\"{num}\"/></w:numPr></w:pPr>{}</w:p>",
            r(text)
        )
    };
    let body = p(&r("Före."))
        + &item("1", 0, "Ett")
        + &item("1", 1, "Under")
        + &styled("ListBullet", &r("Två"))
        + &p(&r("Mellan."))
        + &item("2", 0, "Första")
        + &item("2", 0, "2022. Andra");
    assert_eq!(
        md(&body),
        "Före.\n\n- Ett\n  - Under\n- Två\n\nMellan.\n\n1. Första\n1. 2022\\. Andra\n"
    );
}

#[test]
fn a_simple_table_becomes_a_pipe_table_with_the_first_row_as_header() {
    let cell = |t: &str| format!("<w:tc><w:tcPr/>{}</w:tc>", p(&r(t)));
    let row = |a: &str, b: &str| format!("<w:tr>{}{}</w:tr>", cell(a), cell(b));
    let body = format!(
        "<w:tbl><w:tblPr/>{}{}<w:tr>{}</w:tr></w:tbl>",
        row("Enhet", "Antal"),
        row("A | B", "{{ f.avvikelser.ar | tal }}"),
        cell("Bara en")
    );
    assert_eq!(
        md(&body),
        "| Enhet | Antal |\n| --- | --- |\n| A \\| B | {{ f.avvikelser.ar | tal }} |\n| Bara en |  |\n"
    );
}

#[test]
fn a_placeholder_split_over_runs_of_different_formatting_is_joined_with_straight_quotes() {
    let body = p(&format!(
        "{}<w:r><w:rPr><w:b/></w:rPr><w:t>{{{{ f.avvik</w:t></w:r>{}{}",
        r("Vi fick "),
        r("elser.ar | tal }"),
        r("} avvikelser, se {{ tabell(id=\u{201D}avvikelser_per_enhet\u{201D}) }}.")
    ));
    assert_eq!(
        md(&body),
        "Vi fick **{{ f.avvikelser.ar | tal }}** avvikelser, se {{ tabell(id=\"avvikelser_per_enhet\") }}.\n"
    );
}

#[test]
fn pending_insertions_are_left_out_and_deletions_kept_with_a_flag() {
    let body = p(&format!(
        "{}<w:ins w:id=\"1\" w:author=\"A\"><w:r><w:t>nytt </w:t></w:r></w:ins>\
         <w:del w:id=\"2\" w:author=\"A\"><w:r><w:delText>gammalt </w:delText></w:r></w:del>{}",
        r("Text "),
        r("slut.")
    ));
    let word = to_markdown(&docx(&body), "t.docx").unwrap();
    assert_eq!(word.markdown, "Text gammalt slut.\n");
    assert!(word.tracked_changes);
    assert!(!word.comments);
    assert!(
        !to_markdown(&docx(&p(&r("x"))), "t.docx")
            .unwrap()
            .tracked_changes
    );
}

#[test]
fn comments_fields_and_drawings_are_left_out_and_counted() {
    let body = p(&format!(
        "<w:commentRangeStart w:id=\"0\"/>{}<w:commentRangeEnd w:id=\"0\"/>\
         <w:r><w:commentReference w:id=\"0\"/></w:r>\
         <w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>\
         <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>{}<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>\
         <w:r><w:drawing><wp:inline xmlns:wp=\"x\"><w:t>inte</w:t></wp:inline></w:drawing></w:r>",
        r("Kommenterad "),
        r("3")
    ));
    let word = to_markdown(&docx(&body), "t.docx").unwrap();
    assert_eq!(word.markdown, "Kommenterad 3\n");
    assert!(word.comments);
    assert_eq!(word.images, 1);
}

#[test]
fn line_breaks_are_hard_breaks_and_leading_list_characters_are_escaped() {
    let body = p(&format!(
        "{}<w:r><w:br/></w:r>{}",
        r("Rad ett"),
        r("Rad två")
    )) + &p(&r("- inte en lista"));
    assert_eq!(md(&body), "Rad ett\\\nRad två\n\n\\- inte en lista\n");
}

#[test]
fn files_that_are_not_word_documents_say_why() {
    assert_eq!(
        to_markdown(b"hej", "t.docx").unwrap_err(),
        WordError::NotWord
    );
    let mut cfb = CFB.to_vec();
    cfb.extend([0; 504]);
    assert_eq!(
        to_markdown(&cfb, "t.docx").unwrap_err(),
        WordError::EncryptedOrOld
    );
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file("xl/workbook.xml", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(b"<x/>").unwrap();
    let xlsx = zip.finish().unwrap().into_inner();
    assert_eq!(
        to_markdown(&xlsx, "t.docx").unwrap_err(),
        WordError::NoDocument
    );
    let broken = docx("<w:p><w:r><w:t>a</w:r></w:p>&bogus;");
    assert_eq!(
        to_markdown(&broken, "t.docx").unwrap_err(),
        WordError::Damaged
    );
    let mut cut = docx(&p(&r("Text")));
    cut.truncate(cut.len() / 2);
    assert!(to_markdown(&cut, "t.docx").is_err());
}

fn fixture(name: &str) -> Word {
    fixture_as(name, "t.docx")
}

/// The fixture `name` read as the text file `shown`, whose name its pictures' addresses take.
fn fixture_as(name: &str, shown: &str) -> Word {
    let path = format!("{}/tests/fixtures/word/{name}", env!("CARGO_MANIFEST_DIR"));
    to_markdown(&std::fs::read(path).unwrap(), shown).unwrap()
}

/// Written by python-docx (scripts/make-word-fixtures.py): Word's own styles and numbering.
#[test]
fn a_python_docx_file_reads_whole() {
    let word = fixture("python-docx.docx");
    println!("{}", word.markdown);
    assert_eq!(
        word.markdown,
        "# Ej verkställda beslut\n\n\
         Under året rapporterades **{{ f.avvikelser.ar | tal }}** avvikelser. Det är **viktigt** och *bra*.\n\n\
         ## Åtgärder\n\n\
         - Rutinen för beslut ses över.\n- Uppföljning varje månad.\n\n\
         1. Första steget.\n1. Andra steget.\n\n\
         | Beslut | Antal |\n| --- | --- |\n| Bistånd | 4 |\n| LSS | .. |\n\n\
         Läs mer hos [IVO](https://www.ivo.se/).\n\n\
         Text före borttaget efter.\n\n\
         En mening med en kommentar.\n"
    );
    assert!(word.tracked_changes);
    assert!(word.comments);
    assert_eq!(word.images, 0);
}

/// Converted from HTML by LibreOffice (scripts/make-word-fixtures.py).
#[test]
fn a_libreoffice_file_reads_whole() {
    let word = fixture("libreoffice.docx");
    println!("{}", word.markdown);
    assert_eq!(
        word.markdown,
        "# Samverkan med regionen\n\n\
         Vi hade **{{ f.klagomal.ar | tal }}** klagomål och *flera* möten, se [överenskommelsen](https://www.example.se/samverkan).\n\n\
         ## Vad vi gjorde\n\n\
         - Gemensamma rutiner\n- Utbildning\n\n\
         1. Planera\n1. Följa upp\n\n\
         | Part | Möten |\n| --- | --- |\n| Regionen | 6 |\n"
    );
    assert!(!word.tracked_changes);
    assert!(!word.comments);
}

/// The text of `md` as a reader sees it (the paragraph's text nodes).
fn read_back(md: &str) -> String {
    let arena = comrak::Arena::new();
    let root = comrak::parse_document(&arena, md, &crate::render::markdown::comrak_options());
    crate::render::markdown::plain_text(root)
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        cases: 64,
        failure_persistence: None,
        ..proptest::prelude::ProptestConfig::default()
    })]

    /// Whatever a chef types (Markdown's and HTML's special characters included, templates
    /// aside), split over runs of any formatting, reads back as the same text: Word text never
    /// becomes markup.
    #[test]
    fn word_text_reads_back_unchanged(
        parts in proptest::collection::vec(("[a-zA-Z0-9åäö .,;:!?*_#>|<&\\[\\]()`~=+\\-\\\\\"'%$]{1,12}", 0u8..4), 1..6)
    ) {
        let runs: String = parts
            .iter()
            .map(|(text, f)| {
                let props = match f {
                    1 => "<w:rPr><w:b/></w:rPr>",
                    2 => "<w:rPr><w:i/></w:rPr>",
                    3 => "<w:rPr><w:b/><w:i/></w:rPr>",
                    _ => "",
                };
                format!("<w:r>{props}<w:t xml:space=\"preserve\">{}</w:t></w:r>", xml_escape(text))
            })
            .collect();
        let typed: String = parts.iter().map(|(t, _)| t.as_str()).collect();
        let expected = typed.split_whitespace().collect::<Vec<_>>().join(" ");
        let got = read_back(&md(&p(&runs)));
        let got = got.split_whitespace().collect::<Vec<_>>().join(" ");
        proptest::prop_assert_eq!(got, expected);
    }
}

/// Written by python-docx, and the same file saved again by LibreOffice
/// (scripts/make-word-fixtures.py): a PNG with alt text, a GIF, a PNG without.
#[test]
fn pictures_come_along_as_images_of_their_own_paragraphs() {
    for name in ["bild.docx", "bild-libreoffice.docx"] {
        let word = fixture_as(name, "egen del.docx");
        assert_eq!(
            word.markdown,
            "Bilden nedan visar organisationen.\n\n\
             ![Organisationen: nämnd, förvaltning och enheter](egen%20del.docx/bild1.png)\n\n\
             Figur 1. Organisationen.\n\n\
             ![](egen%20del.docx/bild2.png)\n",
            "{name}"
        );
        let kinds: Vec<(&str, ImageKind)> = word
            .pictures
            .iter()
            .map(|(url, img)| (url.as_str(), img.kind))
            .collect();
        assert_eq!(
            kinds,
            [
                ("egen%20del.docx/bild1.png", ImageKind::Png),
                ("egen%20del.docx/bild2.png", ImageKind::Png)
            ],
            "{name}"
        );
        // The GIF stays out, and the picture without alt text is counted.
        assert_eq!((word.images, word.without_alt), (1, 1), "{name}");
        // The widths set in Word (wp:extent: 25 400 and 38 100 EMU), in points.
        assert_eq!(
            word.widths,
            BTreeMap::from([
                ("egen%20del.docx/bild1.png".to_string(), 2.0),
                ("egen%20del.docx/bild2.png".to_string(), 3.0)
            ]),
            "{name}"
        );
        // The addresses are the ones the Markdown parser finds, so the renderers find them.
        let urls = crate::plan::assets::image_urls(&word.markdown);
        assert_eq!(
            urls,
            ["egen%20del.docx/bild1.png", "egen%20del.docx/bild2.png"]
        );
    }
}

/// Written by python-docx, and saved again by LibreOffice (scripts/make-word-fixtures.py): a
/// table whose cell holds text and a picture with alt text.
#[test]
fn a_picture_in_a_table_comes_along_in_its_cell() {
    for name in ["bild-i-tabell.docx", "bild-i-tabell-libreoffice.docx"] {
        let word = fixture_as(name, "enheter.docx");
        assert_eq!(
            word.markdown,
            "Enheternas logotyper.\n\n\
             | Enhet | Logotyp |\n| --- | --- |\n\
             | Norr | Ny från 2022: ![Norrs logotyp](enheter.docx/bild1.png) |\n\
             | Söder | Ingen än |\n",
            "{name}"
        );
        assert_eq!(word.pictures.len(), 1, "{name}");
        assert_eq!((word.images, word.without_alt), (0, 0), "{name}");
        // 4 points, as python-docx set it (50 800 EMU: its 4 pixels at 72 dpi).
        assert_eq!(
            word.widths.get("enheter.docx/bild1.png"),
            Some(&4.0),
            "{name}"
        );
    }
}

#[test]
fn a_picture_without_its_image_part_stays_out() {
    let drawing = |rel: &str| {
        format!(
            "<w:r><w:drawing><wp:inline xmlns:wp=\"x\" xmlns:a=\"y\"><wp:docPr id=\"1\" name=\"P\" descr=\"Alt\"/>\
             <a:blip r:embed=\"{rel}\"/></wp:inline></w:drawing></w:r>"
        )
    };
    // rId5 is a hyperlink, not an image; rId404 is no relationship at all.
    for rel in ["rId5", "rId404"] {
        let word = to_markdown(
            &docx(&p(&format!("{}{}", r("Text"), drawing(rel)))),
            "t.docx",
        )
        .unwrap();
        assert_eq!(word.markdown, "Text\n");
        assert_eq!(word.images, 1);
        assert!(word.pictures.is_empty());
    }
}

#[test]
fn part_names_resolve_from_the_word_folder() {
    assert_eq!(part_name("media/image1.png"), "word/media/image1.png");
    assert_eq!(part_name("../media/a.png"), "media/a.png");
    assert_eq!(part_name("/word/media/a.jpeg"), "word/media/a.jpeg");
    assert_eq!(part_name("./media/./b.png"), "word/media/b.png");
    assert_eq!(address("Boende å.docx"), "Boende%20%C3%A5.docx");
}

/// A Word package of `body` with the further parts `extra` (name, XML).
fn docx_with(body: &str, extra: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    let doc =
        format!("<?xml version=\"1.0\"?><w:document {W}><w:body>{body}</w:body></w:document>");
    for (name, text) in [("word/document.xml", doc.as_str())].iter().chain(extra) {
        zip.start_file(*name, opts).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn footnotes_and_endnotes_become_markdown_footnotes_numbered_as_referred_to() {
    let note = |kind: &str, id: &str| format!("<w:r><w:{kind}Reference w:id=\"{id}\"/></w:r>");
    let body = p(&format!(
        "{}{}{}{}{}{}{}{}",
        r("Enligt IVO"),
        note("endnote", "2"),
        r(" gäller det"),
        note("footnote", "1"),
        r(". Igen"),
        note("endnote", "2"),
        r(". Saknas"),
        note("footnote", "9"),
    )) + &p(&format!("{}{}", r("Tom"), note("footnote", "3")));
    let footnotes = format!(
        "<w:footnotes {W}><w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>\
         <w:footnote w:id=\"1\"><w:p><w:r><w:footnoteRef/></w:r>{}</w:p></w:footnote>\
         <w:footnote w:id=\"3\"><w:p><w:r><w:footnoteRef/></w:r></w:p></w:footnote></w:footnotes>",
        r(" Källa: [IVO] 2023.")
    );
    let endnotes = format!(
        "<w:endnotes {W}><w:endnote w:id=\"2\"><w:p><w:r><w:endnoteRef/></w:r>{}</w:p>{}</w:endnote></w:endnotes>",
        r(" Se bilaga."),
        p(&r("Andra *stycket*."))
    );
    let word = to_markdown(
        &docx_with(
            &body,
            &[
                ("word/footnotes.xml", &footnotes),
                ("word/endnotes.xml", &endnotes),
            ],
        ),
        "t.docx",
    )
    .unwrap();
    assert_eq!(
        word.markdown,
        "Enligt IVO[^1] gäller det[^2]. Igen[^1]. Saknas\n\nTom\n\n\
         [^1]: Se bilaga.\n\n    Andra \\*stycket\\*.\n\n\
         [^2]: Källa: \\[IVO\\] 2023.\n"
    );
    // The reference to a note the file lacks, and to one without text, are left out.
    assert_eq!(word.notes, 2);
    // Without the notes' parts every reference is left out.
    let bare = to_markdown(&docx_with(&body, &[]), "t.docx").unwrap();
    assert_eq!(
        bare.markdown,
        "Enligt IVO gäller det. Igen. Saknas\n\nTom\n"
    );
    assert_eq!(bare.notes, 5);
}

#[test]
fn a_link_in_a_note_takes_its_address_from_the_notes_relationships() {
    let body = p(&format!(
        "{}<w:r><w:footnoteReference w:id=\"1\"/></w:r>",
        r("Text")
    ));
    // The same relationship id names another address in the body's relationships (RELS).
    let footnotes = format!(
        "<w:footnotes {W}><w:footnote w:id=\"1\"><w:p><w:r><w:footnoteRef/></w:r>{}\
         <w:hyperlink r:id=\"rId5\"><w:r><w:t>Socialstyrelsen</w:t></w:r></w:hyperlink></w:p></w:footnote></w:footnotes>",
        r(" Se ")
    );
    let rels = r#"<Relationships xmlns="x"><Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://www.socialstyrelsen.se/" TargetMode="External"/></Relationships>"#;
    let word = to_markdown(
        &docx_with(
            &body,
            &[
                ("word/_rels/document.xml.rels", RELS),
                ("word/footnotes.xml", &footnotes),
                ("word/_rels/footnotes.xml.rels", rels),
            ],
        ),
        "t.docx",
    )
    .unwrap();
    assert_eq!(
        word.markdown,
        "Text[^1]\n\n[^1]: Se [Socialstyrelsen](https://www.socialstyrelsen.se/)\n"
    );
}

/// Footnotes and an endnote written by LibreOffice (scripts/make-word-fixtures.py): its
/// separators are notes 0 and 1, its notes have a tab after the number.
#[test]
fn footnotes_written_by_libreoffice_come_along() {
    let word = fixture("fotnoter.docx");
    assert_eq!(
        word.markdown,
        "Andelen som fick beslut inom två veckor ökade[^1] och väntetiden minskade.\n\n\
         Rutinen för lex Sarah reviderades[^2], och alla enheter har gått igenom den[^3].\n\n\
         [^1]: Källa: verksamhetssystemet, uttag den 15 januari.\n\n\
         [^2]: Beslutad av nämnden i **mars**.\n\n    Gäller från 1 april.\n\n\
         [^3]: Se bilaga 2.\n"
    );
    assert_eq!(word.notes, 0);
}

#[test]
fn pictures_beyond_the_limits_are_refused() {
    assert!(within_limits(1, 1));
    assert!(within_limits(PART_MAX - 1, PICTURES_MAX));
    assert!(!within_limits(PART_MAX, PART_MAX));
    assert!(!within_limits(10, PICTURES_MAX + 1));
    assert!(
        WordError::PicturesTooLarge
            .reason()
            .starts_with("bilderna i dokumentet är för stora")
    );
}

#[test]
fn an_image_part_named_by_many_relationships_is_read_once() {
    // Three relationships, and pictures, to one part: one picture, one address.
    let rels = r#"<Relationships xmlns="x">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/a.png"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="/word/media/a.png"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="../word/media/a.png"/>
</Relationships>"#;
    let drawing = |rel: &str| {
        p(&format!(
            "<w:r><w:drawing><wp:inline xmlns:wp=\"x\" xmlns:a=\"y\"><wp:docPr id=\"1\" name=\"P\" descr=\"Karta\"/>\
             <a:blip r:embed=\"{rel}\"/></wp:inline></w:drawing></w:r>"
        ))
    };
    let body = format!("{}{}{}", drawing("rId1"), drawing("rId2"), drawing("rId3"));
    let word = to_markdown(&with_a_png(rels, &body), "k.docx").unwrap();
    assert_eq!(word.pictures.len(), 1);
    assert_eq!(
        word.markdown.matches("![Karta](k.docx/bild1.png)").count(),
        3
    );
    assert_eq!((word.images, word.without_alt), (0, 0));
}

/// A Word package of `body`, its relationships `rels` and one image part, `word/media/a.png`.
fn with_a_png(rels: &str, body: &str) -> Vec<u8> {
    let doc =
        format!("<?xml version=\"1.0\"?><w:document {W}><w:body>{body}</w:body></w:document>");
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    for (name, bytes) in [
        ("word/document.xml", doc.as_bytes()),
        ("word/_rels/document.xml.rels", rels.as_bytes()),
        ("word/media/a.png", b"\x89PNG\r\n\x1a\n".as_slice()),
    ] {
        zip.start_file(name, opts).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn one_image_used_at_two_sizes_is_shown_at_each() {
    let rels = r#"<Relationships xmlns="x">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/a.png"/>
</Relationships>"#;
    let drawing = |cx: u64| {
        p(&format!(
            "<w:r><w:drawing><wp:inline xmlns:wp=\"x\" xmlns:a=\"y\"><wp:extent cx=\"{cx}\" cy=\"1\"/>\
             <wp:docPr id=\"1\" name=\"P\" descr=\"Logotyp\"/><a:blip r:embed=\"rId1\"/></wp:inline></w:drawing></w:r>"
        ))
    };
    let body = format!("{}{}{}", drawing(25_400), drawing(50_800), drawing(25_400));
    let word = to_markdown(&with_a_png(rels, &body), "k.docx").unwrap();
    assert_eq!(
        word.markdown,
        "![Logotyp](k.docx/bild1.png)\n\n![Logotyp](k.docx/bild2.png)\n\n![Logotyp](k.docx/bild1.png)\n"
    );
    let urls: Vec<&str> = word.pictures.iter().map(|(u, _)| u.as_str()).collect();
    assert_eq!(urls, ["k.docx/bild1.png", "k.docx/bild2.png"]);
    assert_eq!(word.pictures[0].1, word.pictures[1].1);
    assert_eq!(
        word.widths,
        BTreeMap::from([
            ("k.docx/bild1.png".to_string(), 2.0),
            ("k.docx/bild2.png".to_string(), 4.0)
        ])
    );
}

/// A run holding a text box as Word writes one: DrawingML in `mc:Choice`, and the same text
/// again as VML in `mc:Fallback`.
fn text_box(paras: &str) -> String {
    format!(
        "<w:r><mc:AlternateContent xmlns:mc=\"m\"><mc:Choice Requires=\"wps\">\
         <w:drawing><wp:anchor xmlns:wp=\"x\"><wp:docPr id=\"1\" name=\"Textruta 1\"/>\
         <a:graphic xmlns:a=\"y\"><a:graphicData><wps:wsp xmlns:wps=\"z\"><wps:txbx>\
         <w:txbxContent>{paras}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic>\
         </wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape xmlns:v=\"v\">\
         <v:textbox><w:txbxContent>{paras}</w:txbxContent></v:textbox></v:shape></w:pict>\
         </mc:Fallback></mc:AlternateContent></w:r>"
    )
}

#[test]
fn a_text_box_comes_along_as_a_quote_after_its_paragraph_once() {
    let boxed = format!(
        "{}{}",
        p(&r(
            "Lex Sarah innebär att personalen ska rapportera missförhållanden."
        )),
        p(&format!(
            "<w:r><w:rPr><w:b/></w:rPr><w:t>Fakta</w:t></w:r>{}",
            r(": 12 rapporter")
        ))
    );
    let body = format!(
        "{}{}{}",
        p(&r("Före.")),
        p(&format!("{}{}", r("Ankare."), text_box(&boxed))),
        p(&r("Efter."))
    );
    let word = to_markdown(&docx(&body), "t.docx").unwrap();
    assert_eq!(
        word.markdown,
        "Före.\n\nAnkare.\n\n\
         > Lex Sarah innebär att personalen ska rapportera missförhållanden.\n>\n\
         > **Fakta**: 12 rapporter\n\nEfter.\n"
    );
    // Read once (not again from the fallback), and not counted as left out.
    assert_eq!(word.images, 0);
    // A text box without text, or in a table, stays out and is counted.
    let empty = p(&format!("{}{}", r("Ankare."), text_box(&p(""))));
    let word = to_markdown(&docx(&empty), "t.docx").unwrap();
    assert_eq!((word.markdown.as_str(), word.images), ("Ankare.\n", 1));
    let cell = format!(
        "<w:tbl><w:tr><w:tc>{}</w:tc></w:tr></w:tbl>",
        p(&format!("{}{}", r("I tabell."), text_box(&p(&r("Ruta")))))
    );
    let word = to_markdown(&docx(&cell), "t.docx").unwrap();
    assert!(!word.markdown.contains("Ruta"), "{}", word.markdown);
    assert_eq!(word.images, 1);
}

#[test]
fn a_text_box_inside_a_tracked_insertion_stays_out_with_the_insertion() {
    let body = p(&format!(
        "{}<w:ins w:id=\"1\" w:author=\"A\">{}</w:ins>",
        r("Ankare."),
        text_box(&p(&r("Infogad ruta")))
    ));
    let word = to_markdown(&docx(&body), "t.docx").unwrap();
    assert_eq!(word.markdown, "Ankare.\n");
    assert!(word.tracked_changes);
}

/// A text box as LibreOffice writes one to .docx (scripts/make-word-fixtures.py): DrawingML
/// with a VML fallback, as Word does.
#[test]
fn a_text_box_written_by_libreoffice_comes_along_once() {
    let word = fixture("textruta.docx");
    assert_eq!(
        word.markdown,
        "Vi rapporterade fler avvikelser i år.\n\nSe faktarutan.\n\n\
         > Lex Sarah innebär att personalen ska rapportera missförhållanden.\n>\n\
         > **Fakta**: 12 rapporter\n\nEfter rutan.\n"
    );
    assert_eq!(word.images, 0);
}
