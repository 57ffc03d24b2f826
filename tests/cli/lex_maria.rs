//! Lex Maria in the register: its own rows in the table of report types, with its anmälan till
//! IVO, a sentence in the report, and no warning for an IVO notification without lex Sarah.

use super::harness::{HEADER, VALID, csv_folder, kvalitet, report_into_temp};

#[test]
fn lex_maria_reports_are_a_type_with_their_anmalan_till_ivo() {
    let mut rows = VALID.to_vec();
    rows.extend([
        "LM-1;Lex Maria;2022-04-02;2022-04-03;Socialförvaltningen;Enhet A;Läkemedel;;;Ja;;;;Avslutad;2022-05-01;fritext",
        "LM-2;Lex Maria-anmälan;2022-08-02;2022-08-03;Socialförvaltningen;Enhet B;Fall;;;Nej;;;;Pågående;;fritext",
    ]);
    let dir = csv_folder(HEADER, &rows);
    let check = kvalitet(dir.path(), &["check"]);
    assert!(!check.stderr.contains("lex Sarah"), "{}", check.stderr);
    let (_run, out) = report_into_temp(dir.path(), "2022", "md", &[]);
    let md = std::fs::read_to_string(out.path().join("kvalitetsberattelse-2022.md")).unwrap();
    assert!(
        md.contains("Inom hälso- och sjukvården registrerades 2 händelser enligt lex Maria, varav 1 anmäldes till IVO."),
        "{md}"
    );
    assert!(md.contains("| Lex Maria | 0 | 2 |"), "{md}");
    assert!(
        md.contains("*varav lex Maria anmälda till IVO* | 0 | 1 |"),
        "{md}"
    );
    // The lex Sarah IVO row counts lex Sarah reports only.
    assert!(md.contains("*varav anmälda till IVO* | 0 | 1 |"), "{md}");
    let run = kvalitet(
        dir.path(),
        &[
            "spåra",
            "2022",
            "rapporter_per_typ",
            "varav lex Maria anmälda till IVO",
            "2022",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("LM-1"), "{}", run.stdout);
    assert!(!run.stdout.contains("LM-2"), "{}", run.stdout);
}

#[test]
fn without_lex_maria_the_rows_are_not_shown() {
    let dir = csv_folder(HEADER, VALID);
    let (_run, out) = report_into_temp(dir.path(), "2022", "md", &[]);
    let md = std::fs::read_to_string(out.path().join("kvalitetsberattelse-2022.md")).unwrap();
    assert!(!md.contains("Lex Maria"));
    assert!(!md.contains("lex Maria"));
}
