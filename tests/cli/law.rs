//! The law in force: the reports for 2024, 2025 and 2026 of one small register each cite the
//! socialtjänstlag that applied that year (both, with the date boundary, in 2025), and `check`
//! warns for a year later than the table of legal references was verified.

use std::path::PathBuf;

use super::harness::{kvalitet, report_into_temp};

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lagrum-2024-2026")
}

/// The section under the heading `heading` (up to the next heading of any level).
fn section(md: &str, heading: &str) -> String {
    let start = md
        .find(heading)
        .unwrap_or_else(|| panic!("{heading} is in the report"));
    let rest = &md[start..];
    let end = rest[heading.len()..]
        .find("\n#")
        .map_or(rest.len(), |i| i + heading.len());
    rest[..end].trim_end().to_string()
}

fn law_text(year: &str) -> String {
    let (_run, out) = report_into_temp(&fixture(), year, "md", &[]);
    let md =
        std::fs::read_to_string(out.path().join(format!("kvalitetsberattelse-{year}.md"))).unwrap();
    format!(
        "{}\n\n{}\n\n{}\n\n{}",
        section(&md, "## Syfte och grund"),
        section(&md, "### Lex Sarah"),
        section(&md, "### Ej verkställda beslut"),
        section(&md, "### Lagrum")
    )
}

#[test]
fn the_2024_report_cites_sol_2001_453() {
    let text = law_text("2024");
    assert!(!text.contains("2025:400"));
    insta::assert_snapshot!("law_2024", text);
}

#[test]
fn the_2025_report_cites_both_laws_with_the_boundary() {
    let text = law_text("2025");
    assert!(text.contains("(2001:453) till och med den 30 juni 2025"));
    assert!(text.contains("(2025:400) från och med den 1 juli 2025"));
    insta::assert_snapshot!("law_2025", text);
}

#[test]
fn the_2026_report_cites_sol_2025_400() {
    let text = law_text("2026");
    assert!(!text.contains("2001:453"));
    insta::assert_snapshot!("law_2026", text);
}

#[test]
fn check_warns_for_a_year_after_the_verification() {
    let dir = fixture();
    let later = kvalitet(&dir, &["check", "--år", "2027"]);
    assert!(
        later
            .stdout
            .contains("varning: hänvisningarna till lagrum verifierades senast"),
        "{}",
        later.stdout
    );
    let now = kvalitet(&dir, &["check", "--år", "2026"]);
    assert_eq!(now.code, 0, "{}{}", now.stdout, now.stderr);
    assert!(!now.stdout.contains("lagrum"), "{}", now.stdout);
}
