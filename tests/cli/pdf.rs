//! The typeset PDF (`--format pdf`), made without a browser: tagged PDF/UA-1 in Swedish with
//! bookmarks, a cover, page numbers in the footer and in the contents, every figure of the
//! report's tables in its text, no "Källa:" line alone at the top of a page, and the same bytes
//! for the same input. The text is read back with `pdftotext` (poppler-utils, which
//! `scripts/test` installs).

use std::path::Path;
use std::process::Command;

use crate::harness::{kvalitet_env, report_into_temp, sample_data, sample_report_env};

/// A fixed date, so that runs can be compared byte for byte.
const EPOCH: (&str, &str) = ("SOURCE_DATE_EPOCH", "1673775000");

/// The PDF and the Markdown of the sample report for 2022, written with no browser on `PATH`.
fn sample_pdf() -> (Vec<u8>, String, tempfile::TempDir) {
    let empty = tempfile::tempdir().unwrap();
    let (_run, out) = sample_report_env(
        "2022",
        "md,pdf",
        &[("PATH", empty.path().to_str().unwrap()), EPOCH],
    );
    let pdf = std::fs::read(out.path().join("kvalitetsberattelse-2022.pdf")).unwrap();
    let md = std::fs::read_to_string(out.path().join("kvalitetsberattelse-2022.md")).unwrap();
    (pdf, md, out)
}

/// The text of the PDF at `path`, one string per page (`pdftotext` ends pages with a form
/// feed), with no-break spaces as spaces.
pub fn pages(path: &Path) -> Vec<String> {
    let run = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext runs (apt-get install poppler-utils)");
    assert!(run.status.success());
    let text = String::from_utf8(run.stdout)
        .unwrap()
        .replace('\u{a0}', " ");
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    pages.pop();
    pages
}

fn count(pdf: &[u8], needle: &[u8]) -> usize {
    pdf.windows(needle.len()).filter(|w| *w == needle).count()
}

/// The cells of every GFM table in the Markdown report, as the reader sees them.
fn table_cells(md: &str) -> Vec<String> {
    let mut cells = Vec::new();
    for line in md.lines().filter(|l| l.starts_with("| ")) {
        if line.starts_with("|:-") || line.starts_with("|--") {
            continue;
        }
        for cell in line.trim_matches('|').split(" | ") {
            let cell = cell
                .trim()
                .trim_matches('*')
                .replace("\\|", "|")
                .replace('\u{a0}', " ");
            if !cell.is_empty() && !cell.starts_with(":-") && !cell.starts_with("--") {
                cells.push(cell);
            }
        }
    }
    cells
}

#[test]
fn the_pdf_is_tagged_swedish_with_bookmarks_without_a_browser() {
    let (pdf, _md, _out) = sample_pdf();
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(count(&pdf, b"/StructTreeRoot") > 0, "the PDF is not tagged");
    assert!(count(&pdf, b"/Outlines") > 0, "the PDF has no bookmarks");
    assert!(
        count(&pdf, b"/Lang(sv-SE)") > 0,
        "the PDF does not say it is Swedish"
    );
    assert!(
        count(&pdf, b"pdfuaid:part") > 0,
        "the PDF does not claim PDF/UA"
    );
    assert!(
        count(&pdf, b"/S/Table") > 40,
        "the tables are not tagged as tables"
    );
    assert!(count(&pdf, b"/S/TH") > 0);
}

#[test]
fn every_figure_of_the_tables_is_in_the_pdf_text() {
    let (_pdf, md, out) = sample_pdf();
    let text = pages(&out.path().join("kvalitetsberattelse-2022.pdf")).join("\n");
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let cells = table_cells(&md);
    assert!(cells.len() > 500, "{} cells", cells.len());
    let words: std::collections::HashSet<&str> = flat.split(' ').collect();
    // A figure must stand whole; a header or label may wrap between its words in a narrow
    // column, so each of its words must be there.
    let found = |c: &String| {
        flat.contains(&c.split_whitespace().collect::<Vec<_>>().join(" "))
            || (c.chars().any(char::is_alphabetic)
                && c.split_whitespace().all(|w| words.contains(w)))
    };
    let missing: Vec<&String> = cells.iter().filter(|c| !found(c)).collect();
    assert!(missing.is_empty(), "not in the PDF: {missing:?}");
}

#[test]
fn the_pdf_has_a_cover_page_numbers_and_a_contents_with_pages() {
    let (_pdf, _md, out) = sample_pdf();
    let pages = pages(&out.path().join("kvalitetsberattelse-2022.pdf"));
    let n = pages.len();
    assert!(n > 10, "{n} pages");
    // The cover: title as the settings write it, subtitle, the case fields, no page number.
    let cover = &pages[0];
    for want in [
        "Kvalitetsberättelse 2022",
        "Socialtjänsten",
        "Diarienummer",
        "SN 2023/0042",
        "Kim Lindqvist, Verksamhetscontroller",
    ] {
        assert!(cover.contains(want), "{want} not on the cover: {cover}");
    }
    assert!(!cover.contains("Sida 1"));
    // Every other page has its number in the footer.
    for (i, page) in pages.iter().enumerate().skip(1) {
        assert!(
            page.contains(&format!("Sida {} av {n}", i + 1)),
            "page {} has no number",
            i + 1
        );
    }
    // The contents give each section's page, and that page has the heading.
    let contents = &pages[1];
    assert!(contents.contains("Innehåll"));
    let entry = contents
        .lines()
        .find(|l| l.starts_with("Sammanfattning"))
        .expect("Sammanfattning in the contents");
    let page: usize = entry
        .rsplit(|c: char| !c.is_ascii_digit())
        .find(|s| !s.is_empty())
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no page number in {entry:?}"));
    assert!(pages[page - 1].contains("Sammanfattning"), "{entry}");
    assert!(page > 2);
}

#[test]
fn no_source_line_stands_alone_at_the_top_of_a_page() {
    let (_pdf, _md, out) = sample_pdf();
    for (i, page) in pages(&out.path().join("kvalitetsberattelse-2022.pdf"))
        .iter()
        .enumerate()
        .skip(1)
    {
        // The running header (title and municipality) comes first; then the page's own text.
        let first = page
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .find(|l| {
                ![
                    "Kvalitetsberättelse 2022 – Socialtjänsten",
                    "Norrviks kommun",
                ]
                .contains(l)
            })
            .unwrap_or("");
        assert!(
            !first.starts_with("Källa:") && !first.starts_with("Anmärkning:"),
            "page {} starts with {first:?}",
            i + 1
        );
    }
}

#[test]
fn the_same_input_gives_the_same_pdf() {
    let (first, _, _a) = sample_pdf();
    let (second, _, _b) = sample_pdf();
    assert!(first == second, "two runs gave different PDFs");
    assert!(
        count(&first, b"2023-01-15T09:30:00") > 0,
        "the PDF is not dated by SOURCE_DATE_EPOCH"
    );
}

#[test]
fn a_missing_logo_stops_the_report_with_the_files_name() {
    let dir = crate::harness::sample_data_with("");
    let toml = std::fs::read_to_string(dir.path().join("kvalitet.toml")).unwrap();
    std::fs::write(
        dir.path().join("kvalitet.toml"),
        toml.replace("norrvik-logotyp.svg", "logga.png"),
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = kvalitet_env(
        dir.path(),
        &[
            "report",
            "2022",
            "--out",
            out.path().to_str().unwrap(),
            "--format",
            "pdf",
        ],
        &[],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .starts_with("fel: logotypen logga.png ([dokument] logotyp) finns inte"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0);
}

#[test]
fn a_report_without_identity_settings_still_gets_a_cover() {
    let dir = tempfile::tempdir().unwrap();
    let register = "rapporter.xlsx";
    std::fs::copy(sample_data().join(register), dir.path().join(register)).unwrap();
    let (_run, out) = report_into_temp(dir.path(), "2022", "pdf", &[EPOCH]);
    let pages = pages(&out.path().join("kvalitetsberattelse-2022.pdf"));
    assert!(
        pages[0].contains("Kvalitetsberättelse 2022"),
        "{}",
        pages[0]
    );
    assert!(pages[0].contains("Socialnämnden, Kommunen"), "{}", pages[0]);
}
