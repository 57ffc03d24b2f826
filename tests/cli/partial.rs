//! A register whose rows are partly rejected (issue 27): beyond 1 % of a file's rows lost the
//! report is refused unless `--tillåt-ofullständig`, and then it says so at its top; the
//! findings of one kind repeated over many rows are one line with the count and the first rows.

use crate::harness::{HEADER, Run, csv_folder, kvalitet};

/// `report 2022 --format md` of `dir` into a new folder, with `flags`.
fn report(dir: &std::path::Path, flags: &[&str]) -> (Run, tempfile::TempDir) {
    let out = tempfile::tempdir().unwrap();
    let mut args = vec!["report", "2022", "--format", "md", "--out"];
    args.push(out.path().to_str().unwrap());
    args.extend(flags);
    (kvalitet(dir, &args), out)
}

/// 155 rows of 2022, of which `broken` have a stray `;` (a field too many).
fn register(broken: usize) -> tempfile::TempDir {
    let rows: Vec<String> = (1..=155)
        .map(|i| {
            let extra = if i <= broken { ";" } else { "" };
            format!(
                "AV-{i};Avvikelse;2022-03-02;2022-03-03;Socialförvaltningen;Enhet A;Sekretessbrott;Avvikelse;Nej;Nej;Nej;;;Avslutad;2022-04-01;fritext{extra}"
            )
        })
        .collect();
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    csv_folder(HEADER, &rows)
}

#[test]
fn a_register_losing_a_third_of_its_rows_gives_no_report_without_the_flag() {
    let dir = register(50);
    let (run, out) = report(dir.path(), &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("rapporten skrivs inte eftersom 50 av 155 rader i rapporter.csv (32\u{a0}%) avvisades, mer än 1 %"),
        "{}",
        run.stderr
    );
    assert!(!out.path().join("kvalitetsberattelse-2022.md").exists());
    // The 50 rejections are one line, not 50.
    let lines: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("avvisad:"))
        .collect();
    assert_eq!(lines.len(), 1, "{}", run.stderr);
    assert!(
        lines[0].ends_with("(samma i 50 rader: rad 2, 3, 4, 5, 6, …)"),
        "{}",
        lines[0]
    );
}

#[test]
fn with_the_flag_the_report_states_the_loss_at_its_top() {
    let dir = register(50);
    let (run, out) = report(dir.path(), &["--tillåt-ofullständig"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let md = std::fs::read_to_string(out.path().join("kvalitetsberattelse-2022.md")).unwrap();
    let notice =
        "**Ofullständigt underlag:** 50 av 155 rader (32\u{a0}%) i rapporter.csv kunde inte läsas";
    let at = md.find(notice).expect("the loss is stated");
    assert!(
        at < md.find("## Innehåll").unwrap(),
        "before the contents: {md}"
    );
}

#[test]
fn one_rejected_row_in_155_is_within_the_limit() {
    let dir = register(1);
    let (run, out) = report(dir.path(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let md = std::fs::read_to_string(out.path().join("kvalitetsberattelse-2022.md")).unwrap();
    assert!(!md.contains("Ofullständigt underlag"));
    let dir = register(2);
    let (run, _) = report(dir.path(), &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
}
