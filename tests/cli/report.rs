//! `kvalitet report` on the bundled sample data: the whole report is snapshotted, as Markdown
//! and as HTML, and checked against facts a controller would look for.

use super::harness::{kvalitet, sample_data, sample_report};

#[test]
fn sample_report_is_written_as_markdown_and_html() {
    let out = tempfile::tempdir().unwrap();
    let run = kvalitet(
        &sample_data(),
        &["report", "2022", "--out", out.path().to_str().unwrap()],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let md = std::fs::read_to_string(out.path().join("kvalitetsberattelse-2022.md")).unwrap();
    let html = std::fs::read_to_string(out.path().join("kvalitetsberattelse-2022.html")).unwrap();
    insta::assert_snapshot!("sample_2022_md", md);
    insta::assert_snapshot!("sample_2022_html", html);
    insta::assert_snapshot!("sample_2022_stderr", run.stderr);
    charts_agree(&md, &html, out.path());
}

/// Every chart of the HTML page stands in the Markdown file too: the same caption (without the
/// link), in the same order, with the chart's text alternative as alt text, and an SVG file
/// beside it that is the page's chart with its size and font added.
fn charts_agree(md: &str, html: &str, out: &std::path::Path) {
    let strip = |s: &str| super::harness::strip_tags(s).replace("&amp;", "&");
    let figures: Vec<(&str, &str)> = html
        .split("<figcaption>")
        .skip(1)
        .map(|f| {
            let (caption, rest) = f.split_once("</figcaption>\n").unwrap();
            (
                caption,
                &rest[..rest.find("</svg>").unwrap() + "</svg>".len()],
            )
        })
        .collect();
    let lines: Vec<&str> = md.lines().collect();
    let captions: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].starts_with("*Diagram "))
        .collect();
    assert_eq!(captions.len(), figures.len());
    assert!(figures.len() >= 10, "{}", figures.len());
    for (n, (&i, (caption, svg))) in captions.iter().zip(&figures).enumerate() {
        let n = n + 1;
        assert_eq!(lines[i].replacen('*', "", 2), strip(caption), "diagram {n}");
        let path = format!("kvalitetsberattelse-2022-bilder/diagram-{n}.svg");
        let image = lines[i + 2];
        assert!(
            image.starts_with("![Stapeldiagram. ") && image.ends_with(&format!("]({path})")),
            "{image}"
        );
        let file = std::fs::read_to_string(out.join(&path)).unwrap();
        let page = as_in_page(&file);
        assert_eq!(page, *svg, "diagram {n}");
    }
}

/// A chart file as the page has it: without the size and font the file adds to `<svg`.
fn as_in_page(file: &str) -> String {
    let (head, rest) = file.split_once(" xmlns=").unwrap();
    assert!(
        head.starts_with("<svg width=\"440\" height=\"") && head.contains(" font-family=\""),
        "{head}"
    );
    format!("<svg xmlns={rest}").trim_end().to_string()
}

#[test]
fn every_table_is_numbered_and_referenced_tables_exist() {
    let (_run, out) = sample_report("2022", "md");
    let md = std::fs::read_to_string(out.path().join("kvalitetsberattelse-2022.md")).unwrap();
    let numbers: Vec<usize> = md
        .lines()
        .filter_map(|l| l.strip_prefix("### Tabell "))
        .map(|l| l.split('.').next().unwrap().parse().unwrap())
        .collect();
    assert_eq!(numbers, (1..=numbers.len()).collect::<Vec<_>>());
    assert!(numbers.len() >= 11);
    for word in md.split("tabell ").skip(1) {
        let n: usize = word
            .chars()
            .take_while(char::is_ascii_digit)
            .collect::<String>()
            .parse()
            .unwrap();
        assert!(numbers.contains(&n), "reference to missing tabell {n}");
    }
    assert!(
        !out.path().join("kvalitetsberattelse-2022.html").exists(),
        "only md was asked for"
    );
}

#[test]
fn html_is_a_standalone_swedish_page() {
    let (_run, out) = sample_report("2022", "html");
    let html = std::fs::read_to_string(out.path().join("kvalitetsberattelse-2022.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"sv\">"));
    assert!(html.contains("<style>"));
    assert!(!html.contains("<script"));
    assert!(!html.contains("<link"), "no external resources");
    assert!(
        html.contains("<a href=\"#bilaga-verksamheten-i-siffror\">"),
        "table of contents links to the annex"
    );
}

#[test]
fn an_earlier_year_compares_with_the_years_before_it() {
    let (_run, out) = sample_report("2020", "md");
    let md = std::fs::read_to_string(out.path().join("kvalitetsberattelse-2020.md")).unwrap();
    assert!(md.contains("### Tabell 1. Inkomna rapporter per typ 2018–2020"));
    assert!(md.contains(
        "| Typ av rapport | 2018 | 2019 | 2020 | Förändring 2019–2020 | Förändring (%) |"
    ));
}

#[test]
fn templates_can_be_overridden_file_by_file() {
    let out = tempfile::tempdir().unwrap();
    let tpl = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tpl.path().join("avsnitt")).unwrap();
    std::fs::write(tpl.path().join("avsnitt/klagomal.md"), "### Klagomål och synpunkter\n\nEgen text om {{ f.klagomal.ar | tal }} klagomål, se {{ tabell(id=\"rapporter_per_typ\") }}.\n").unwrap();
    let run = kvalitet(
        &sample_data(),
        &[
            "report",
            "2022",
            "--out",
            out.path().to_str().unwrap(),
            "--format",
            "md",
            "--templates",
            tpl.path().to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let md = std::fs::read_to_string(out.path().join("kvalitetsberattelse-2022.md")).unwrap();
    assert!(
        md.contains("Egen text om 30 klagomål, se tabell 1."),
        "override used"
    );
    assert!(
        md.contains("### Personuppgiftsincidenter"),
        "other sections keep their defaults"
    );
}

#[test]
fn check_on_the_sample_data_finds_nothing() {
    let run = kvalitet(&sample_data(), &["check"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    insta::assert_snapshot!("sample_check", run.stdout);
}
