//! `--format docx`: the Word document read back with an independent reader (zip and
//! quick-xml, nothing of kvalitet's): every table's cells equal the Markdown's and the HTML's,
//! the structure Word needs (heading styles, TOC, SEQ and REF fields, repeating header rows,
//! alt text, page numbers, properties) is there, the municipality's template applies, bad
//! templates get a Swedish error naming them, and LibreOffice converts the document to PDF.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::harness::{kvalitet, report_into_temp, sample_data, sample_data_with};

/// The parts of a `.docx`, by name.
fn parts(path: &Path) -> std::collections::BTreeMap<String, String> {
    let bytes = std::fs::read(path).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = std::collections::BTreeMap::new();
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

type Grid = Vec<Vec<String>>;

/// Normalises a cell: trimmed (also of no-break spaces); empty cells dropped by the caller.
fn clean(s: &str) -> String {
    s.trim().to_string()
}

/// Every table of `word/document.xml` as rows of cell texts.
fn docx_tables(xml: &str) -> Vec<Grid> {
    let mut r = Reader::from_str(xml);
    let mut tables = Vec::new();
    let (mut grid, mut row, mut cell): (Grid, Vec<String>, String) = Default::default();
    let mut in_text = false;
    loop {
        match r.read_event().unwrap() {
            Event::Start(e) if e.name().as_ref() == "w:tbl" => grid = Vec::new(),
            Event::Start(e) if e.name().as_ref() == "w:tr" => row = Vec::new(),
            Event::Start(e) if e.name().as_ref() == "w:tc" => cell = String::new(),
            Event::Start(e) if e.name().as_ref() == "w:t" => in_text = true,
            Event::End(e) if e.name().as_ref() == "w:t" => in_text = false,
            Event::Text(t) if in_text => cell.push_str(&t),
            Event::GeneralRef(g) if in_text => {
                let name: &str = &g;
                cell.push_str(match name {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    _ => "'",
                });
            }
            Event::End(e) if e.name().as_ref() == "w:tc" => row.push(clean(&cell)),
            Event::End(e) if e.name().as_ref() == "w:tr" => {
                grid.push(row.drain(..).filter(|c| !c.is_empty()).collect())
            }
            Event::End(e) if e.name().as_ref() == "w:tbl" => tables.push(std::mem::take(&mut grid)),
            Event::Eof => break,
            _ => {}
        }
    }
    tables
}

/// Every `<table>` of the HTML as rows of cell texts (tags stripped, entities decoded).
fn html_tables(html: &str) -> Vec<Grid> {
    let mut tables = Vec::new();
    for t in html.split("<table").skip(1) {
        let t = &t[..t.find("</table>").unwrap()];
        let mut grid = Vec::new();
        for tr in t.split("<tr").skip(1) {
            let tr = &tr[..tr.find("</tr>").unwrap()];
            let mut row = Vec::new();
            for cell in tr.split("<t").skip(1) {
                if !(cell.starts_with('h') || cell.starts_with('d')) {
                    continue;
                }
                let body = &cell[cell.find('>').unwrap() + 1..];
                let body = body.split("</t").next().unwrap();
                let text = super::harness::strip_tags(body)
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&#39;", "'")
                    .replace("&amp;", "&");
                let text = clean(&text);
                if !text.is_empty() {
                    row.push(text);
                }
            }
            grid.push(row);
        }
        tables.push(grid);
    }
    tables
}

/// Every GFM table of the Markdown as rows of cell texts (emphasis and escapes removed,
/// the delimiter row skipped).
fn md_tables(md: &str) -> Vec<Grid> {
    let mut tables = Vec::new();
    let mut grid: Grid = Vec::new();
    for line in md.lines().chain(std::iter::once("")) {
        if !line.starts_with('|') {
            if !grid.is_empty() {
                tables.push(std::mem::take(&mut grid));
            }
            continue;
        }
        if line.starts_with("|:--") || line.starts_with("|--") || line.starts_with("| --") {
            continue;
        }
        let mut cells = Vec::new();
        let mut cell = String::new();
        let mut chars = line[1..].chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => {
                    if let Some(n) = chars.next() {
                        cell.push(n);
                    }
                }
                '*' => {}
                '|' => cells.push(std::mem::take(&mut cell)),
                c => cell.push(c),
            }
        }
        grid.push(
            cells
                .iter()
                .map(|c| clean(c))
                .filter(|c| !c.is_empty())
                .collect(),
        );
    }
    tables
}

fn sample_docx() -> (
    tempfile::TempDir,
    std::collections::BTreeMap<String, String>,
) {
    let (_, out) = report_into_temp(&sample_data(), "2022", "md,html,docx", &[]);
    let p = parts(&out.path().join("kvalitetsberattelse-2022.docx"));
    (out, p)
}

#[test]
fn every_table_has_the_same_cells_in_markdown_html_and_docx() {
    let (out, parts) = sample_docx();
    let md = std::fs::read_to_string(out.path().join("kvalitetsberattelse-2022.md")).unwrap();
    let html = std::fs::read_to_string(out.path().join("kvalitetsberattelse-2022.html")).unwrap();
    let docx = docx_tables(&parts["word/document.xml"]);
    let html = html_tables(&html);
    let md = md_tables(&md);
    assert!(docx.len() >= 20, "{} tables", docx.len());
    assert_eq!(docx.len(), html.len(), "tables in DOCX and HTML");
    assert_eq!(docx.len(), md.len(), "tables in DOCX and Markdown");
    for (i, ((d, h), m)) in docx.iter().zip(&html).zip(&md).enumerate() {
        assert_eq!(d, h, "table {} differs between DOCX and HTML", i + 1);
        assert_eq!(d, m, "table {} differs between DOCX and Markdown", i + 1);
    }
    // The symbols and units come through as the HTML writes them.
    let cells: Vec<&String> = docx.iter().flatten().flatten().collect();
    assert!(cells.iter().any(|c| c.as_str() == ".."));
    assert!(cells.iter().any(|c| c.ends_with("\u{a0}%")));
}

#[test]
fn the_document_has_what_word_needs_for_contents_captions_and_references() {
    let (_, parts) = sample_docx();
    let doc = &parts["word/document.xml"];
    // Built-in heading styles, bookmarked for the contents; the TOC field is pre-filled.
    assert!(doc.contains("<w:pStyle w:val=\"Heading1\"/>"));
    assert!(doc.contains("<w:pStyle w:val=\"Heading2\"/>"));
    let toc = doc
        .find("> TOC \\o \"1-2\" \\h \\z \\u </w:instrText>")
        .expect("a TOC field");
    let first_entry = doc[toc..]
        .find("<w:hyperlink w:anchor=\"_Toc_kv1\"")
        .expect("pre-filled");
    assert!(first_entry < doc[toc..].find("fldCharType=\"end\"").unwrap());
    assert!(doc.contains("w:name=\"_Toc_kv1\""));
    // Every table: a SEQ caption inside the bookmark its references point to, a header row
    // that repeats, figures right-aligned.
    let tables = doc.matches("<w:tbl>").count();
    assert_eq!(
        doc.matches("> SEQ Tabell \\* ARABIC </w:instrText>")
            .count(),
        tables
    );
    assert_eq!(doc.matches("<w:tblHeader/>").count(), tables);
    assert!(doc.contains("w:name=\"_Ref_tabell_1\""));
    assert!(doc.contains("<w:jc w:val=\"right\"/>"));
    // "se tabell N" in the text and the charts' captions are REF fields to those bookmarks.
    assert!(doc.contains("> REF _Ref_tabell_"), "no cross-reference");
    // Charts: PNG pictures with the text alternative as the description.
    let charts = doc
        .matches("> SEQ Diagram \\* ARABIC </w:instrText>")
        .count();
    assert!(charts >= 1);
    assert_eq!(doc.matches("descr=\"Stapeldiagram. ").count(), charts * 2);
    let pngs = parts
        .keys()
        .filter(|k| k.starts_with("word/media/") && k.ends_with(".png"));
    // One picture per chart, and the sample's logo (an SVG, drawn as a PNG) on the cover.
    assert_eq!(pngs.count(), charts + 1);
    // Page numbers in the footer; the document's properties.
    let footer = parts
        .iter()
        .find(|(k, _)| k.starts_with("word/footer"))
        .unwrap()
        .1;
    assert!(footer.contains("> PAGE </w:instrText>"));
    assert!(doc.contains("<w:footerReference w:type=\"default\""));
    let core = &parts["docProps/core.xml"];
    assert!(
        core.contains("<dc:title>Kvalitetsberättelse 2022</dc:title>"),
        "{core}"
    );
    assert!(core.contains("<dc:creator>"));
    assert!(parts["[Content_Types].xml"].contains("wordprocessingml.document.main+xml"));
}

/// A Word template made by LibreOffice (see tests/fixtures/word/README.md).
fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/word")
        .join(name)
}

#[test]
fn the_municipality_template_supplies_styles_page_and_header() {
    let data = sample_data_with("");
    std::fs::copy(fixture("mall.docx"), data.path().join("mall.docx")).unwrap();
    let (_, out) = report_into_temp(data.path(), "2022", "docx", &[]);
    let parts = parts(&out.path().join("kvalitetsberattelse-2022.docx"));
    let template = self::parts(&fixture("mall.docx"));
    // The template's own styles are kept as they are, ours added only where it has none.
    let styles = &parts["word/styles.xml"];
    let theirs = &template["word/styles.xml"];
    let head = &theirs[..theirs.rfind("</w:styles>").unwrap()];
    assert!(
        styles.starts_with(head),
        "the template's styles are not kept"
    );
    assert!(styles.contains("w:styleId=\"Tabelltext\""));
    assert_eq!(
        styles.matches("<w:name w:val=\"heading 1\"/>").count()
            + styles.matches("<w:name w:val=\"Heading 1\"/>").count(),
        1
    );
    // Its page setup and header (with the text the template's header has).
    let doc = &parts["word/document.xml"];
    let their_doc = &template["word/document.xml"];
    let pg = |d: &str| {
        d[d.rfind("<w:pgSz").unwrap()..]
            .split("/>")
            .next()
            .unwrap()
            .to_string()
    };
    assert_eq!(pg(doc), pg(their_doc));
    assert!(doc.contains("<w:headerReference"));
    let header = parts
        .iter()
        .find(|(k, _)| k.starts_with("word/header"))
        .unwrap()
        .1;
    assert!(header.contains("Norrviks kommun"), "{header}");
    // Its body text is not.
    assert!(!doc.contains("Mallens brödtext"));
}

fn report_error(data: &Path) -> String {
    let run = kvalitet(data, &["report", "2022", "--format", "docx", "--out", "ut"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!data.join("ut/kvalitetsberattelse-2022.docx").exists());
    run.stderr
}

#[test]
fn a_bad_template_is_a_swedish_error_naming_it() {
    let data = sample_data_with("");
    let path = data.path().join("mall.docx");
    let template = std::fs::read(fixture("mall.docx")).unwrap();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("text", b"Det h\xc3\xa4r \xc3\xa4r ingen Word-fil".to_vec()),
        (
            "encrypted",
            [
                &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1][..],
                &[0; 504],
            ]
            .concat(),
        ),
        ("truncated", template[..template.len() / 2].to_vec()),
        ("spreadsheet", xlsx_bytes()),
        (
            "broken styles",
            with_part(&template, "word/styles.xml", b"<w:styles><w:style>"),
        ),
    ];
    let mut seen = String::new();
    for (what, bytes) in cases {
        std::fs::write(&path, bytes).unwrap();
        seen.push_str(&format!("{what}: {}", report_error(data.path())));
    }
    insta::assert_snapshot!(seen);
}

/// The zip `docx` with `part` replaced by `bytes`.
fn with_part(docx: &[u8], part: &str, bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        out.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(if name == part { bytes } else { &data })
            .unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// An Excel workbook: a valid zip, but no Word document.
fn xlsx_bytes() -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.add_worksheet().write_string(0, 0, "x").unwrap();
    wb.save_to_buffer().unwrap()
}

#[test]
fn libreoffice_converts_the_docx_to_pdf() {
    if std::env::var("KVALITET_SKIP_A11Y").is_ok_and(|v| v == "1") {
        eprintln!("KVALITET_SKIP_A11Y=1: LibreOffice-testet hoppas över");
        return;
    }
    let (_, out) = report_into_temp(&sample_data(), "2022", "docx", &[]);
    let docx = out.path().join("kvalitetsberattelse-2022.docx");
    let profile = tempfile::tempdir().unwrap();
    let run = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(out.path())
        .arg(&docx)
        .output()
        .expect("LibreOffice (soffice) is installed; set KVALITET_SKIP_A11Y=1 to skip");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let pdf = std::fs::read(out.path().join("kvalitetsberattelse-2022.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    // A report of this size is many pages; an unreadable document gives one or none.
    let pages = String::from_utf8_lossy(&pdf)
        .matches("/Type /Page\n")
        .count()
        + String::from_utf8_lossy(&pdf).matches("/Type/Page/").count();
    assert!(pdf.len() > 100_000, "{} bytes, {pages} pages", pdf.len());
    // The tables' columns are planned from Arial's own widths (LibreOffice sets it in the
    // metric-compatible Liberation Sans): every year header stays on one line, whole.
    let text = Command::new("pdftotext")
        .args(["-layout"])
        .arg(out.path().join("kvalitetsberattelse-2022.pdf"))
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed; set KVALITET_SKIP_A11Y=1 to skip");
    let text = String::from_utf8_lossy(&text.stdout);
    let years = ["2018", "2019", "2020", "2021", "2022"];
    let headers = text
        .lines()
        .filter(|l| {
            let words: Vec<&str> = l.split_whitespace().collect();
            words.windows(5).any(|w| w == years)
        })
        .count();
    assert!(headers >= 10, "{headers} tables with the years in one row");
    let broken: Vec<&str> = text
        .lines()
        .filter(|l| {
            l.split_whitespace()
                .any(|w| ["Förändrin", "Föränd", "Förändr"].contains(&w))
        })
        .collect();
    assert!(
        broken.is_empty(),
        "headers broken inside a word: {broken:?}"
    );
}

/// Every file under `dir` named `name`.
fn find(dir: &Path, name: &str, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            find(&p, name, out);
        } else if p.file_name().is_some_and(|n| n == name) {
            out.push(p);
        }
    }
}

#[test]
fn the_export_writes_the_word_document_of_the_whole_and_of_each_part() {
    let (_out, year) = super::export::sample_export(&["--rapport", "docx", "--per", "forvaltning"]);
    let whole = parts(&year.join("kvalitetsberattelse-2022.docx"));
    assert!(whole["word/document.xml"].contains("> SEQ Tabell"));
    let mut found = Vec::new();
    find(&year, "kvalitetsberattelse-2022.docx", &mut found);
    assert!(found.len() >= 2, "{found:?}");
}

#[test]
fn the_same_data_gives_a_byte_identical_docx() {
    let (_, a) = report_into_temp(&sample_data(), "2022", "docx", &[]);
    let (_, b) = report_into_temp(&sample_data(), "2022", "docx", &[]);
    let name = "kvalitetsberattelse-2022.docx";
    assert!(
        std::fs::read(a.path().join(name)).unwrap() == std::fs::read(b.path().join(name)).unwrap()
    );
}
