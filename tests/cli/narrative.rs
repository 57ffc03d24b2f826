//! The controller's own text (`text/`): placed in its section with figures and table numbers
//! filled in, headings fitted, raw HTML kept out, and every mistake a located error.

use std::path::Path;

use super::harness::{VALID, csv_folder, kvalitet, report_markdown};

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// The Markdown between a heading line and the next heading of the same or a higher level.
fn section<'a>(md: &'a str, heading: &str) -> &'a str {
    let start = md
        .find(&format!("{heading}\n"))
        .unwrap_or_else(|| panic!("{heading} not in:\n{md}"));
    let level = heading.chars().take_while(|&c| c == '#').count();
    let rest = &md[start + heading.len() + 1..];
    let end = rest
        .match_indices("\n#")
        .find(|(i, _)| rest[i + 1..].chars().take_while(|&c| c == '#').count() <= level)
        .map_or(rest.len(), |(i, _)| i);
    &rest[..end]
}

#[test]
fn text_is_placed_after_the_figures_with_figures_and_table_numbers_filled_in() {
    let dir = csv_folder(super::harness::HEADER, VALID);
    write(
        dir.path(),
        "text/avvikelser.md",
        "Vi fick {{ f.avvikelser.ar | tal }} avvikelser, se {{ tabell(id=\"avvikelser_per_enhet\") }}.\n\n# Analys\n\nMer text.\n",
    );
    let md = report_markdown(dir.path(), "2022");
    let s = section(&md, "### Avvikelser");
    assert!(s.contains("Vi fick 2 avvikelser, se tabell 3."), "{s}");
    // The text's own top heading sits below the section's.
    assert!(s.contains("\n#### Analys\n\nMer text."), "{s}");
    assert!(
        s.find("Totalt rapporterades").unwrap() < s.find("Vi fick").unwrap(),
        "figures first, then the controller's text"
    );
}

#[test]
fn a_title_in_the_file_renames_the_section_and_the_contents_follow() {
    let dir = csv_folder(super::harness::HEADER, VALID);
    write(
        dir.path(),
        "text/bedomning.md",
        "# Nämndens bedömning {{ ar }}\n\nKvaliteten är god.\n",
    );
    let md = report_markdown(dir.path(), "2022");
    assert!(md.contains("## Nämndens bedömning 2022\n\nKvaliteten är god.\n"));
    assert!(md.contains("- [Nämndens bedömning 2022](#nämndens-bedömning-2022)"));
    assert!(!md.contains("## Sammanfattande bedömning"));
}

#[test]
fn empty_text_sections_get_a_neutral_default_or_are_left_out_as_configured() {
    let dir = csv_folder(super::harness::HEADER, VALID);
    // By default a section of only own text is left out when it has none.
    let md = report_markdown(dir.path(), "2022");
    assert!(!md.contains("Samverkan och delaktighet"), "{md}");
    assert!(!md.contains("## Sammanfattning"), "{md}");
    write(
        dir.path(),
        "kvalitet.toml",
        "[avsnitt]\ntomma = \"standardtext\"\n",
    );
    let md = report_markdown(dir.path(), "2022");
    assert!(section(&md, "### Samverkan och delaktighet").contains("SOSFS 2011:9"));
    assert!(section(&md, "## Sammanfattning").contains("- 4 rapporter kom in under 2022"));

    write(
        dir.path(),
        "kvalitet.toml",
        "[avsnitt]\ntomma = \"utelämna\"\nutelamna = [\"klagomal\"]\n",
    );
    write(
        dir.path(),
        "text/samverkan.md",
        "Vi samverkar med regionen.\n",
    );
    let md = report_markdown(dir.path(), "2022");
    assert!(
        !md.contains("## Sammanfattning"),
        "empty text section left out"
    );
    assert!(
        !md.contains("Ledningssystem"),
        "empty text section left out"
    );
    assert!(
        !md.contains("### Klagomål och synpunkter"),
        "section left out by name"
    );
    assert!(section(&md, "### Samverkan och delaktighet").contains("Vi samverkar med regionen."));
}

#[test]
fn raw_html_in_text_is_shown_as_text_and_never_becomes_markup() {
    let dir = csv_folder(super::harness::HEADER, VALID);
    write(
        dir.path(),
        "text/klagomal.md",
        "Se <script>alert('x')</script> och <img src=x onerror=alert(1)>.\n\n<iframe src=\"https://example.org\"></iframe>\n",
    );
    let out = tempfile::tempdir().unwrap();
    let run = kvalitet(
        dir.path(),
        &["report", "2022", "--out", out.path().to_str().unwrap()],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = std::fs::read_to_string(out.path().join("kvalitetsberattelse-2022.html")).unwrap();
    assert!(!html.contains("<script"), "script tag in the HTML");
    assert!(!html.contains("<img"), "img tag in the HTML");
    assert!(!html.contains("<iframe"), "iframe in the HTML");
    assert!(html.contains("&lt;script&gt;alert"), "shown as text");
    let md = std::fs::read_to_string(out.path().join("kvalitetsberattelse-2022.md")).unwrap();
    assert!(!md.contains("<script>"), "raw HTML in the Markdown");
}

#[test]
fn a_wrong_table_key_in_a_text_is_an_error_with_file_line_and_column() {
    let dir = csv_folder(super::harness::HEADER, VALID);
    write(
        dir.path(),
        "text/lex_sarah.md",
        "Första raden.\n\nSe {{ tabell(id=\"lex_sara_per_enhet\") }}.\n",
    );
    let run = kvalitet(dir.path(), &["report", "2022", "--out", "ut"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!("narrative_wrong_key", run.stderr);
    assert!(!dir.path().join("ut").exists(), "nothing is written");
}

#[test]
fn a_syntax_error_in_a_text_is_located() {
    let dir = csv_folder(super::harness::HEADER, VALID);
    write(
        dir.path(),
        "text/samverkan.md",
        "Text {{ f.avvikelser.ar | tal }\n",
    );
    let run = kvalitet(dir.path(), &["report", "2022", "--out", "ut"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("\nfel: texten har ett syntaxfel: text/samverkan.md rad 1, kolumn 31:"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_misnamed_text_file_or_section_setting_is_a_usage_error() {
    let dir = csv_folder(super::harness::HEADER, VALID);
    write(dir.path(), "text/avvikelse.md", "Text.\n");
    let run = kvalitet(dir.path(), &["report", "2022"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "fel: text/avvikelse.md: filen hör inte till något avsnitt; menade du \"avvikelser.md\"? \
         (ett eget avsnitt får ett nummer först i filnamnet, till exempel 12-avvikelse.md)\n"
    );
    std::fs::remove_file(dir.path().join("text/avvikelse.md")).unwrap();
    write(
        dir.path(),
        "kvalitet.toml",
        "[avsnitt]\nutelamna = [\"samverka\"]\n",
    );
    let run = kvalitet(dir.path(), &["report", "2022"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "fel: kvalitet.toml: [avsnitt] utelamna nämner \"samverka\", som inte är något avsnitt; menade du \"samverkan\"?\n"
    );
}

#[test]
fn check_finds_text_errors_without_writing_and_with_a_year_also_wrong_keys() {
    let dir = csv_folder(super::harness::HEADER, VALID);
    write(
        dir.path(),
        "text/samverkan.md",
        "Se {{ tabell(id=\"bedomnig\") }}.\n",
    );
    // With texts, check also asks for the assessment; it is written here.
    write(dir.path(), "text/bedomning.md", "Nämnden bedömer att …\n");
    let ok_without_year = kvalitet(dir.path(), &["check"]);
    assert_eq!(ok_without_year.code, 0, "{}", ok_without_year.stderr);
    let with_year = kvalitet(dir.path(), &["check", "--år", "2022"]);
    assert_eq!(with_year.code, 1);
    assert!(
        with_year.stderr.contains(
            "fel: texten kunde inte fyllas i: text/samverkan.md rad 1, kolumn 7: okänd tabellnyckel \"bedomnig\"; menade du \"bedomning\"?"
        ),
        "{}",
        with_year.stderr
    );
    write(
        dir.path(),
        "text/samverkan.md",
        "Se {{ f.totalt.ar | tal }\n",
    );
    let syntax = kvalitet(dir.path(), &["check"]);
    assert_eq!(syntax.code, 1);
    assert!(
        syntax
            .stderr
            .starts_with("fel: texten har ett syntaxfel: text/samverkan.md rad 1"),
        "{}",
        syntax.stderr
    );
    assert_eq!(
        super::harness::all_files(dir.path()).len(),
        3,
        "check writes nothing"
    );
}

#[test]
fn exported_reports_carry_each_folders_own_text() {
    let dir = csv_folder(super::harness::HEADER, VALID);
    write(
        dir.path(),
        "text/samverkan.md",
        "Vi samverkar med regionen.\n",
    );
    let reports = super::harness::exported_reports_per_unit(dir.path());
    assert_eq!(reports.len(), 3, "the whole and two enheter");
    for (path, md) in reports {
        // The text describes the whole organisation: an enhet's report has no text of its
        // own for the section, so the section is left out there.
        let whole = !path.contains("/enhet/");
        if whole {
            let text = section(&md, "### Samverkan och delaktighet");
            assert!(text.contains("Vi samverkar med regionen."), "{path}");
        } else {
            assert!(!md.contains("Samverkan och delaktighet"), "{path}");
        }
    }
}

#[test]
fn the_markdown_file_links_its_images_written_beside_it() {
    let dir = csv_folder(super::harness::HEADER, VALID);
    let svg = std::fs::read(super::harness::sample_data().join("norrvik-logotyp.svg")).unwrap();
    let karta = dir.path().join("text/bilder/karta över enheter (2).svg");
    std::fs::create_dir_all(karta.parent().unwrap()).unwrap();
    std::fs::write(&karta, &svg).unwrap();
    write(
        dir.path(),
        "text/samverkan.md",
        "![Karta över enheterna](<bilder/karta över enheter (2).svg>)\n\n\
         Samma karta igen: ![Karta](<bilder/karta över enheter (2).svg> \"Kartan\")\n\n\
         ![Logga](https://example.se/logga.png)\n",
    );
    let (run, out) = super::harness::report_into_temp(dir.path(), "2022", "md,html", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // A file name with spaces and brackets (as Windows names a copy), written in angle
    // brackets, is embedded in the HTML too (it was left as a link to a file that is not
    // beside the page).
    let html = std::fs::read_to_string(out.path().join("kvalitetsberattelse-2022.html")).unwrap();
    assert!(
        html.contains("<img src=\"data:image/svg+xml;base64,") && !html.contains("src=\"bilder/"),
        "{html}"
    );
    let md = std::fs::read_to_string(out.path().join("kvalitetsberattelse-2022.md")).unwrap();
    let s = section(&md, "### Samverkan och delaktighet");
    // One file for the image used twice; the image on the web stays a link.
    assert!(
        s.contains(
            "![Karta över enheterna](kvalitetsberattelse-2022-bilder/bild-1.svg)\n\n\
             Samma karta igen: ![Karta](kvalitetsberattelse-2022-bilder/bild-1.svg \"Kartan\")\n\n\
             ![Logga](https://example.se/logga.png)\n"
        ),
        "{s}"
    );
    let media = out.path().join("kvalitetsberattelse-2022-bilder");
    assert_eq!(std::fs::read(media.join("bild-1.svg")).unwrap(), svg);
    // The one image, besides the charts.
    let images = |media: &std::path::Path| -> Vec<String> {
        std::fs::read_dir(media)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| !n.starts_with("diagram-"))
            .collect()
    };
    assert_eq!(images(&media), ["bild-1.svg"]);
    assert!(
        run.stdout.lines().any(|l| l.starts_with("skrev ")
            && l.ends_with("kvalitetsberattelse-2022-bilder/ (2 diagram och 1 bild)")),
        "{}",
        run.stdout
    );
    // Written again without the image, the folder holds no image the file does not show.
    write(dir.path(), "text/samverkan.md", "Ingen bild i år.\n");
    let again = super::harness::report_into(dir.path(), out.path(), "2022", "md", &[]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(images(&media).is_empty());
}
