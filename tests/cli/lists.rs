//! The list inputs (ej verkställda beslut, egenkontroller, IVO:s tillsyn): their sections and
//! tables in the sample report, `spåra` down to their rows, located findings, the
//! personal-data guard, a wrong or empty file, `init`'s templates and the batch export.

use std::path::Path;

use super::harness::{VALID, csv_folder, kvalitet, report_into_temp, sample_data};

fn sample_md() -> String {
    let (_run, out) = report_into_temp(&sample_data(), "2022", "md", &[]);
    std::fs::read_to_string(out.path().join("kvalitetsberattelse-2022.md")).unwrap()
}

/// A register folder with `files` (name, text) beside `rapporter.csv`.
fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = csv_folder(super::harness::HEADER, VALID);
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn report(dir: &Path) -> super::harness::Run {
    let out = dir.join("ut");
    kvalitet(
        dir,
        &[
            "report",
            "2022",
            "--out",
            out.to_str().unwrap(),
            "--format",
            "md",
        ],
    )
}

/// The Markdown report [`report`] writes for `dir`, after a run that succeeded.
fn written_md(dir: &Path) -> String {
    let run = report(dir);
    assert_eq!(run.code, 0, "{}", run.stderr);
    std::fs::read_to_string(dir.join("ut/kvalitetsberattelse-2022.md")).unwrap()
}

#[test]
fn the_sample_report_has_the_sections_and_tables_of_every_list() {
    let md = sample_md();
    for heading in [
        "### Ej verkställda beslut",
        "### IVO:s tillsyn och beslut",
        "### Risker, egenkontroll och åtgärder",
        "Ej verkställda beslut per rapporteringskvartal 2022",
        "Ej verkställda beslut per insats 2022",
        "Ej verkställda beslut 2022: utfall och dagar sedan beslutet",
        "Egenkontroller per område 2022",
        "IVO:s tillsyn och beslut 2022",
    ] {
        assert!(md.contains(heading), "{heading}");
    }
    // Seven decisions, each reported in at least one quarter of 2022 (EV-01 also in 2021).
    assert!(
        md.contains("Under 2022 rapporterades 7 beslut, 5 enligt SoL och 2 enligt LSS."),
        "{md}"
    );
    assert!(
        md.contains("Under 2022 genomfördes 27 av 30 planerade egenkontroller inom 4 områden.")
    );
    assert!(
        md.contains("| Dokumentation | 12 | 12 | 100\u{a0}% | 5 | 5 |"),
        "{md}"
    );
    // The 2021 IVO decision is not the year's.
    assert!(!md.contains("2021-11-12"));
}

#[test]
fn a_figure_of_a_list_traces_to_its_rows() {
    let run = kvalitet(
        &sample_data(),
        &[
            "spåra",
            "2022",
            "ej_verkstallda_per_kvartal",
            "Kvartal 3",
            "SoL",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("antalet rader med kvartal 2022 K3 enligt SoL (raderna 6, 8 och 10)"),
        "{}",
        run.stdout
    );
    let run = kvalitet(
        &sample_data(),
        &["spåra", "2022", "egenkontroll", "Hygien", "Med brister"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("egenkontroll.csv, rad 5, kolumnen Med brister"),
        "{}",
        run.stdout
    );
}

#[test]
fn rows_that_cannot_be_used_are_located_findings() {
    let long = "lång text ".repeat(30);
    let ivo =
        format!("Datum;Område;Beslut\n2022-13-01;Hemtjänst;Kritik\n2022-04-01;Hemtjänst;{long}\n");
    let dir = folder(&[
        (
            "ej_verkstallda.csv",
            "Id;Beslutsdatum;Lag;Insats;Kvartal;Verkställt;Särskild avgift\n\
             A;2022-01-10;SoL;Kontaktfamilj;2022 K2;2021-12-01;kanske\n\
             B;2022-01-10;HSL;Kontaktfamilj;2022 K2;;\n\
             C;2022-02-10;LSS;Ledsagning;andra kvartalet;;\n\
             A;2022-01-10;SoL;Kontaktfamilj;2022-K2;;\n",
        ),
        (
            "egenkontroll.csv",
            "Område;År;Planerade;Genomförda;Med brister\n\
             Hygien;2022;4;3;5\nDokumentation;tjugo;4;3;1\nhygien;2022;1;1;0\n",
        ),
        ("ivo_tillsyn.csv", &ivo),
    ]);
    let run = kvalitet(dir.path(), &["check"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!("lists_check_stderr", run.stderr);
}

#[test]
fn personal_data_in_a_list_stops_the_report() {
    let dir = folder(&[(
        "ivo_tillsyn.csv",
        "Datum;Område;Beslut;Status\n2022-03-01;Hemtjänst;Kritik i ärendet 19121212-1212;Avslutad\n",
    )]);
    let run = report(dir.path());
    assert_ne!(run.code, 0);
    assert!(
        run.stderr
            .contains("ivo_tillsyn.csv › rad 2, kolumn 3 (Beslut)"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("1212"), "the value is never echoed");
    assert!(!dir.path().join("ut/kvalitetsberattelse-2022.md").exists());
}

#[test]
fn a_wrong_or_empty_file_is_named_in_swedish() {
    let wrong = folder(&[("egenkontroll.csv", "Namn;Telefon\nA;B\n")]);
    let run = report(wrong.path());
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains("egenkontroll.csv"), "{}", run.stderr);
    let empty = folder(&[("ej_verkstallda.csv", "")]);
    let run = report(empty.path());
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains("ej_verkstallda.csv"), "{}", run.stderr);
    insta::assert_snapshot!("lists_empty_file_stderr", run.stderr);
}

#[test]
fn init_writes_a_template_for_every_list_that_check_accepts() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ny");
    let run = kvalitet(tmp.path(), &["init", dir.to_str().unwrap(), "--år", "2026"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for name in [
        "ej_verkstallda.xlsx",
        "egenkontroll.xlsx",
        "ivo_tillsyn.xlsx",
    ] {
        assert!(dir.join(name).is_file(), "{name}");
    }
    let check = kvalitet(&dir, &["check"]);
    for name in [
        "ej_verkstallda.xlsx",
        "egenkontroll.xlsx",
        "ivo_tillsyn.xlsx",
    ] {
        assert!(
            check.stdout.contains(&format!("{name}: 0 rader lästa")),
            "{}",
            check.stdout
        );
        assert!(!check.stderr.contains(name), "{}", check.stderr);
    }
}

#[test]
fn the_batch_export_has_the_tables_of_the_lists() {
    let (_out, year) = super::export::sample_export(&[]);
    let names: Vec<String> = std::fs::read_dir(&year)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for key in [
        "ej_verkstallda_per_kvartal",
        "ej_verkstallda_per_insats",
        "ej_verkstallda_utfall",
        "egenkontroll",
        "ivo_tillsyn",
    ] {
        assert!(
            names.iter().any(|n| n.ends_with(&format!("-{key}.csv"))),
            "{key}: {names:?}"
        );
    }
    let json = std::fs::read_to_string(year.join("tabeller.json")).unwrap();
    assert!(json.contains("\"ej_verkstallda_utfall\""));
}

#[test]
fn the_egenkontroll_table_stays_without_text_and_goes_with_the_section() {
    let dir = super::harness::sample_data_with("[avsnitt]\ntomma = \"utelämna\"\n");
    // The sample data has a text for the section; this test is about the section without one.
    std::fs::remove_file(dir.path().join("text").join("egenkontroll.md")).unwrap();
    let (_run, out) = report_into_temp(dir.path(), "2022", "md", &[]);
    let md = std::fs::read_to_string(out.path().join("kvalitetsberattelse-2022.md")).unwrap();
    assert!(
        md.contains("### Risker, egenkontroll och åtgärder\n\nUnder 2022 genomfördes 27 av 30"),
        "{md}"
    );
    assert!(
        !md.contains("genom egenkontroll (SOSFS 2011:9, 5 kap.)"),
        "no default text"
    );
    let dir = super::harness::sample_data_with("[avsnitt]\nutelamna = [\"egenkontroll\"]\n");
    let (_run, out) = report_into_temp(dir.path(), "2022", "md", &[]);
    let md = std::fs::read_to_string(out.path().join("kvalitetsberattelse-2022.md")).unwrap();
    assert!(!md.contains("### Risker, egenkontroll och åtgärder"));
}

#[test]
fn one_decision_is_told_in_the_singular_and_none_in_words() {
    let head = "Id;Beslutsdatum;Lag;Insats;Kvartal;Verkställt;Avslutat;Orsak;Särskild avgift\n";
    let text = |rows: &str| {
        let dir = folder(&[
            ("ej_verkstallda.csv", &format!("{head}{rows}")),
            (
                "ivo_tillsyn.csv",
                "Datum;Område;Beslut;Status\n2022-03-18;Hem för vård eller boende;Utan kritik;Avslutad\n",
            ),
        ]);
        written_md(dir.path())
    };
    let md = text("EV-01;2021-08-16;SoL;Kontaktfamilj;2022 K1;2022-02-14;;Resursbrist;Nej\n");
    assert!(
        md.contains(
            "Under 2022 rapporterades 1 beslut enligt SoL. Beslutet gällde kontaktfamilj (1). \
             Det verkställdes under året. Tiden från beslutet till verkställigheten var 182 dagar.\n\n\
             Beslutet redovisas per kvartal i tabell "
        ),
        "{md}"
    );
    assert!(
        md.contains("Beslutet och hur det har följts upp redovisas i tabell "),
        "{md}"
    );
    // Two, both under SoL and both carried out: "alla", "inget", no double negative.
    let md = text(
        "EV-01;2021-08-16;SoL;Kontaktfamilj;2022 K1;2022-02-14;;Resursbrist;Nej\n\
         EV-02;2021-09-01;SoL;Kontaktfamilj;2022 K1;2022-03-01;;Resursbrist;Nej\n",
    );
    assert!(
        md.contains(
            "Under 2022 rapporterades 2 beslut, alla enligt SoL. Alla besluten gällde kontaktfamilj \
             (2). Under året verkställdes 2 av besluten och inget avslutades utan att ha \
             verkställts; alla hade verkställts eller avslutats den 31 december."
        ),
        "{md}"
    );
}

#[test]
fn egenkontroller_without_findings_say_so_in_words() {
    let dir = folder(&[(
        "egenkontroll.csv",
        "Område;År;Planerade;Genomförda;Med brister;Med åtgärder\nDokumentation;2022;4;4;0;0\n",
    )]);
    let md = written_md(dir.path());
    assert!(
        md.contains(
            "Under 2022 genomfördes 4 av 4 planerade egenkontroller inom 1 område. Ingen av dem \
             visade brister."
        ),
        "{md}"
    );
}
