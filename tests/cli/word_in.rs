//! Word in (issue 23, items 3–5): a chef's `text/*.docx` as the section's text, own sections
//! from text files that are no known section, and sections per verksamhet with their own key
//! figures, protected as a part is.

use std::path::Path;

use super::harness::{HEADER, VALID, csv_folder, kvalitet, report_into_temp};

fn write(dir: &Path, rel: &str, bytes: &[u8]) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(super::harness::fixture("word").join(name)).unwrap()
}

/// Runs `report 2022 --format md` on `dir`; returns the Markdown and stderr.
fn report(dir: &Path) -> (String, String) {
    let (run, out) = report_into_temp(dir, "2022", "md", &[]);
    let md = std::fs::read_to_string(out.path().join("kvalitetsberattelse-2022.md")).unwrap();
    (md, run.stderr)
}

/// The Markdown from `from` up to (not including) `to`.
fn between<'a>(md: &'a str, from: &str, to: &str) -> &'a str {
    let start = md
        .find(from)
        .unwrap_or_else(|| panic!("{from} not in:\n{md}"));
    let end = md[start..].find(to).map_or(md.len(), |i| start + i);
    &md[start..end]
}

#[test]
fn a_word_text_fills_its_section_with_figures_and_warns_of_tracked_changes_and_comments() {
    let dir = csv_folder(HEADER, VALID);
    write(
        dir.path(),
        "text/avvikelser.docx",
        &fixture("python-docx.docx"),
    );
    let (md, stderr) = report(dir.path());
    let s = between(&md, "### Ej verkställda beslut", "### Lex Sarah");
    assert!(
        s.contains("Under året rapporterades **2** avvikelser. Det är **viktigt** och *bra*."),
        "{s}"
    );
    assert!(
        s.contains("#### Åtgärder\n\n- Rutinen för beslut ses över."),
        "{s}"
    );
    assert!(s.contains("| Bistånd | 4 |"), "{s}");
    assert!(s.contains("Text före borttaget efter."), "{s}");
    assert!(!s.contains("INFOGAT"), "{s}");
    assert!(!md.contains("Stämmer siffran"), "the comment stays out");
    assert!(
        stderr.starts_with(
            "varning: text/avvikelser.docx har spårade ändringar som inte är godkända; texten tas \
             med som den var före ändringarna (godkänn eller avvisa dem i Word)\n\
             obs: text/avvikelser.docx: kommentarerna tas inte med\n"
        ),
        "{stderr}"
    );
}

#[test]
fn word_text_errors_name_the_file_in_swedish() {
    let cases: [(&str, &[u8], &str); 3] = [
        (
            "text/samverkan.docx",
            b"inte ett dokument",
            "fel: text/samverkan.docx: filen är inte ett Word-dokument (.docx); spara den i Word som .docx\n",
        ),
        (
            "text/samverkan.docx",
            &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0],
            "fel: text/samverkan.docx: filen är lösenordsskyddad eller sparad i det äldre formatet \
             .doc; spara den i Word som .docx utan lösenord\n",
        ),
        (
            "text/samverkan.pdf",
            b"%PDF",
            "fel: text/samverkan.pdf: bara Markdown (.md) och Word (.docx) läses som text; menade du \"samverkan.md\"?\n",
        ),
    ];
    for (file, bytes, expected) in cases {
        let dir = csv_folder(HEADER, VALID);
        write(dir.path(), file, bytes);
        let run = kvalitet(dir.path(), &["report", "2022"]);
        assert_eq!((run.code, run.stderr.as_str()), (2, expected), "{file}");
    }
    let dir = csv_folder(HEADER, VALID);
    write(dir.path(), "text/samverkan.md", b"Text.");
    write(
        dir.path(),
        "text/samverkan.docx",
        &fixture("libreoffice.docx"),
    );
    let run = kvalitet(dir.path(), &["check"]);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (
            2,
            "fel: text/samverkan.docx och text/samverkan.md är texter till samma avsnitt; ta bort den ena\n"
        )
    );
}

#[test]
fn unknown_verksamheter_are_errors_naming_where_they_were_written() {
    let dir = csv_folder(HEADER, VALID);
    write(dir.path(), "text/verksamheter/Enhet C.md", b"Text.");
    let run = kvalitet(dir.path(), &["report", "2022"]);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (
            2,
            "rapporter.csv: 5 rader lästa, 5 använda, 0 avvisade\n\
             fel: text/verksamheter/Enhet C.md: ingen verksamhet i kvalitet.toml och ingen enhet \
             eller förvaltning i registret heter \"Enhet C\"; menade du \"Enhet A\"?\n"
        )
    );
    let dir = csv_folder(HEADER, VALID);
    write(
        dir.path(),
        "kvalitet.toml",
        "[[verksamhet]]\nnamn = \"Hemtjänst\"\nenheter = [\"Enhet X\"]\n".as_bytes(),
    );
    let run = kvalitet(dir.path(), &["check"]);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (
            2,
            "fel: kvalitet.toml: [[verksamhet]] \"Hemtjänst\" nämner enheten \"Enhet X\", som inte \
             finns i registret; menade du \"Enhet A\"?\n"
        )
    );
}

#[test]
fn a_report_with_an_own_section_and_two_verksamheter() {
    let dir = csv_folder(HEADER, VALID);
    write(
        dir.path(),
        "text/12-ej-verkstallda-beslut.docx",
        &fixture("libreoffice.docx"),
    );
    write(
        dir.path(),
        "text/tillsyn.md",
        "Inga tillsyner under {{ ar }}.\n".as_bytes(),
    );
    write(
        dir.path(),
        "kvalitet.toml",
        "[[verksamhet]]\nnamn = \"Boende\"\nenheter = [\"Enhet A\"]\n".as_bytes(),
    );
    write(
        dir.path(),
        "text/verksamheter/enhet-b.md",
        "# Enhet B i korthet\n\nEnheten hade {{ f.avvikelser.ar | tal }} avvikelser och \
         {{ f.klagomal.ar | tal }} klagomål.\n\n## Analys\n\nText.\n"
            .as_bytes(),
    );
    write(
        dir.path(),
        "text/verksamheter/Boende.md",
        "Boendets text.\n".as_bytes(),
    );
    let (md, _) = report(dir.path());
    let chapters = between(
        &md,
        "## Samverkan med regionen",
        "## Sammanfattande bedömning",
    );
    insta::assert_snapshot!("own_section_and_two_verksamheter", chapters);
    // The contents list has the new chapters.
    assert!(
        md.contains("- [Samverkan med regionen](#samverkan-med-regionen)"),
        "{md}"
    );
    assert!(
        md.contains("- [Enhet B i korthet](#enhet-b-i-korthet)"),
        "{md}"
    );
}

#[test]
fn a_verksamhet_on_the_sample_data_has_its_figures_its_survey_area_and_its_kpis() {
    let dir = super::harness::sample_data_with(
        "[[verksamhet]]\nnamn = \"Barn och familj\"\n\
         enheter = [\"Enheten för barn och unga\", \"familjeenheten\"]\n\
         undersokning = \"Familjerätt\"\nnyckeltal = \"Barn och unga\"\n",
    );
    let (md, _) = report(dir.path());
    let s = between(&md, "## Barn och familj", "## Sammanfattande bedömning");
    // 65 + 20 avvikelser in 2022, 66 + 14 in 2021 (tabell 2 of the sample report).
    assert!(
        s.contains("Avsnittet omfattar Enheten för barn och unga och Familjeenheten."),
        "{s}"
    );
    assert!(s.contains("- 85 avvikelser (80)\n"), "{s}");
    assert!(
        s.contains("I brukarundersökningen för Familjerätt 2022 var svarsfrekvensen"),
        "{s}"
    );
    assert!(s.contains("Verksamhetens nyckeltal finns i tabell "), "{s}");
    // Each key figure in the same words as under Nyckeltal och statistik: against the year
    // before, its development, riket and the comparison group (not the value alone).
    let kpi = "- Utredningstid i antal dagar från påbörjad utredning till avslutad utredning \
               inom barn och ungdom 0-20 år, medelvärde: 101 år 2022 mot 109 året innan; \
               resultatet har förbättrats (riket 107, jämförelsegruppen 109).\n";
    assert!(s.contains(kpi), "{s}");
    assert!(md.contains(&format!("### Barn och unga\n\n{kpi}")), "{md}");
    assert!(md.contains("- [Barn och familj](#barn-och-familj)"), "{md}");

    let dir = super::harness::sample_data_with(
        "[[verksamhet]]\nnamn = \"Barn\"\nenheter = [\"Familjeenheten\"]\nundersokning = \"Familjeratt\"\n\
         [[verksamhet]]\nnamn = \"Vuxna\"\nenheter = [\"Arbetsmarknadsenheten\"]\nundersokning = \"Familjerät\"\n",
    );
    let run = kvalitet(dir.path(), &["report", "2022"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.ends_with(
            "fel: kvalitet.toml: [[verksamhet]] \"Vuxna\": undersokning = \"Familjerät\" är inget \
             område i brukarundersökningen; menade du \"Familjerätt\"?\n"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_wrong_placeholder_in_a_word_text_shows_the_converted_line() {
    let dir = csv_folder(HEADER, VALID);
    write(
        dir.path(),
        "text/samverkan.docx",
        &fixture("libreoffice.docx"),
    );
    let (md, _) = report(dir.path());
    assert!(
        md.contains("## Samverkan med regionen\n\nVi hade **1** klagomål"),
        "{md}"
    );
    // The LibreOffice fixture's placeholder is right; a misspelt one in a copy is located.
    let bytes = fixture("libreoffice.docx");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let name = file.name().unwrap().to_string();
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut file, &mut data).unwrap();
        if name == "word/document.xml" {
            data = String::from_utf8(data)
                .unwrap()
                .replace("omal.ar | tal", "omal.ar | tall")
                .into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut out, &data).unwrap();
    }
    write(
        dir.path(),
        "text/samverkan.docx",
        &out.finish().unwrap().into_inner(),
    );
    let run = kvalitet(dir.path(), &["report", "2022"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    insta::assert_snapshot!("word_text_wrong_filter", run.stderr);
}

#[test]
fn a_word_texts_pictures_reach_every_format_and_what_cannot_come_is_named() {
    for fixture_name in ["bild.docx", "bild-libreoffice.docx"] {
        let (run, out) = every_format_with_samverkan(fixture_name);
        let read = |ext: &str| {
            std::fs::read(out.path().join(format!("kvalitetsberattelse-2022.{ext}"))).unwrap()
        };
        let md = String::from_utf8(read("md")).unwrap();
        assert!(
            md.contains(
                "### Samverkan och delaktighet\n\nBilden nedan visar organisationen.\n\n\
                 ![Organisationen: nämnd, förvaltning och enheter](kvalitetsberattelse-2022-bilder/bild-1.png)\n\n\
                 Figur 1. Organisationen.\n\n![](kvalitetsberattelse-2022-bilder/bild-2.png)\n"
            ),
            "{fixture_name}: {md}"
        );
        // The pictures stand beside the Markdown file, as the Word file holds them.
        let mut word = zip::ZipArchive::new(std::io::Cursor::new(fixture(fixture_name))).unwrap();
        let mut media: Vec<Vec<u8>> = (0..word.len())
            .filter_map(|i| {
                let mut part = word.by_index(i).unwrap();
                let name = part.name().unwrap().to_string();
                let png = name.starts_with("word/media/") && name.ends_with(".png");
                png.then(|| {
                    let mut bytes = Vec::new();
                    std::io::Read::read_to_end(&mut part, &mut bytes).unwrap();
                    bytes
                })
            })
            .collect();
        let mut written: Vec<Vec<u8>> = ["bild-1.png", "bild-2.png"]
            .iter()
            .map(|n| {
                std::fs::read(out.path().join("kvalitetsberattelse-2022-bilder").join(n)).unwrap()
            })
            .collect();
        media.sort();
        written.sort();
        assert_eq!(written, media, "{fixture_name}");
        assert!(
            run.stdout
                .contains("kvalitetsberattelse-2022-bilder/ (2 diagram och 2 bilder)"),
            "{fixture_name}: {}",
            run.stdout
        );
        assert_eq!(
            run.stderr,
            "obs: text/samverkan.docx: 1 bild eller ritobjekt tas inte med (diagram, former, \
             inbäddade objekt och bilder i andra format än PNG, JPEG och SVG); klistra in den som \
             bild i något av de formaten\n\
             varning: text/samverkan.docx: 1 bild saknar alternativtext, som den som inte ser \
             bilden får läsa; skriv den i Word under Alternativtext (högerklicka på bilden)\n\
             rapporter.csv: 5 rader lästa, 5 använda, 0 avvisade\n",
            "{fixture_name}"
        );
        // Embedded in the HTML with its alt text; the one without is decorative.
        let html = String::from_utf8(read("html")).unwrap();
        assert!(
            html.contains("<img src=\"data:image/png;base64,")
                && html.contains("alt=\"Organisationen: nämnd, förvaltning och enheter\""),
            "{fixture_name}"
        );
        assert!(html.contains("alt=\"\""), "{fixture_name}");
        // At the widths set in Word: 2 and 3 points, 3 and 4 CSS pixels.
        assert!(
            html.contains("\" width=\"3\" alt=\"Organisationen")
                && html.contains("\" width=\"4\" alt=\"\""),
            "{fixture_name}"
        );
        // In the Word document as pictures with their description.
        let document = document_xml(&read("docx"));
        assert!(
            document.contains("descr=\"Organisationen: nämnd, förvaltning och enheter\""),
            "{fixture_name}"
        );
        // At the widths set in Word, as Word stored them (EMU).
        assert!(
            document.contains("cx=\"25400\"") && document.contains("cx=\"38100\""),
            "{fixture_name}"
        );
        // The PDF is set (PDF/UA: the picture without alt text is an artifact) and holds both.
        let pdf = read("pdf");
        assert!(pdf.starts_with(b"%PDF"), "{fixture_name}");
        assert!(pdf_images(&pdf) >= 2, "{fixture_name}");
    }
}

#[test]
fn a_picture_in_a_word_table_stays_in_its_cell_in_every_format() {
    for fixture_name in ["bild-i-tabell.docx", "bild-i-tabell-libreoffice.docx"] {
        let (run, out) = every_format_with_samverkan(fixture_name);
        assert_eq!(run.code, 0, "{fixture_name}: {}", run.stderr);
        // Nothing is left out, so nothing is said of it.
        assert!(!run.stderr.contains("samverkan.docx"), "{}", run.stderr);
        let read = |ext: &str| {
            std::fs::read(out.path().join(format!("kvalitetsberattelse-2022.{ext}"))).unwrap()
        };
        let md = String::from_utf8(read("md")).unwrap();
        assert!(
            md.contains(
                "| Norr | Ny från 2022: ![Norrs logotyp](kvalitetsberattelse-2022-bilder/bild-1.png) |"
            ),
            "{fixture_name}: {md}"
        );
        // In the HTML's table cell, at the width set in Word (4 points, 5 CSS pixels).
        let html = String::from_utf8(read("html")).unwrap();
        assert!(
            html.contains("<td>Ny från 2022: <img src=\"data:image/png;base64,")
                && html.contains("\" width=\"5\" alt=\"Norrs logotyp\" /></td>"),
            "{fixture_name}"
        );
        // In the Word document's table cell, at the width set in Word (EMU).
        let document = document_xml(&read("docx"));
        let picture = document
            .find("descr=\"Norrs logotyp\"")
            .expect("the picture");
        let cell = document[..picture].rfind("<w:tc>").expect("in a cell");
        assert!(
            !document[cell..picture].contains("</w:tc>"),
            "{fixture_name}"
        );
        assert!(
            document[cell..picture].contains("cx=\"50800\""),
            "{fixture_name}"
        );
        assert!(pdf_images(&read("pdf")) >= 1, "{fixture_name}");
    }
}

/// The `word/document.xml` of a Word document.
fn document_xml(docx: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut document = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("word/document.xml").unwrap(),
        &mut document,
    )
    .unwrap();
    document
}

/// How many image objects a PDF holds (however its dictionaries are spaced).
fn pdf_images(pdf: &[u8]) -> usize {
    pdf.windows(14).filter(|w| w == b"/Subtype /Imag").count()
        + pdf.windows(13).filter(|w| w == b"/Subtype/Imag").count()
}

#[test]
fn the_exported_whole_report_has_the_verksamheter_as_report_does() {
    let dir = csv_folder(HEADER, VALID);
    write(
        dir.path(),
        "kvalitet.toml",
        "[[verksamhet]]\nnamn = \"Boende\"\nenheter = [\"Enhet A\"]\n".as_bytes(),
    );
    write(
        dir.path(),
        "text/verksamheter/Boende.md",
        b"Boendets text.\n",
    );
    let (direct, _) = report(dir.path());
    let reports = super::harness::exported_reports_per_unit(dir.path());
    assert_eq!(reports.len(), 3, "the whole and two enheter");
    let section = between(&direct, "## Boende", "## Sammanfattande bedömning");
    assert!(section.contains("Boendets text."), "{section}");
    for (path, md) in reports {
        let whole = !path.contains("/enhet/");
        assert_eq!(md.contains(section), whole, "{path}:\n{md}");
    }
}

/// The report in every format of a register folder whose `text/samverkan.docx` is the Word
/// fixture `name`, and the folder it was written to.
fn every_format_with_samverkan(name: &str) -> (super::harness::Run, tempfile::TempDir) {
    let dir = csv_folder(HEADER, VALID);
    write(dir.path(), "text/samverkan.docx", &fixture(name));
    report_into_temp(dir.path(), "2022", "md,html,pdf,docx", &[])
}
