//! Free text never reaches any output: a marker planted in every *Beskrivning* (and a
//! personnummer-like value) must not appear in any file written, nor on stdout or stderr.

use super::harness::{HEADER, VALID, all_files, csv_folder, is_chart_file, kvalitet};

#[test]
fn free_text_never_reaches_a_report_or_a_message() {
    let secret = "HEMLIGT-19121212-1212";
    let rows: Vec<String> = [
        "AV-1;Avvikelse;2021-03-02;2021-03-03;Socialförvaltningen;Enhet A;;Missförhållande;Ja;Nej;Nej;;;Avslutad;2021-04-01;",
        "AV-2;Avvikelse;2022-03-02;2022-03-05;Socialförvaltningen;Enhet A;;Avvikelse;Nej;Nej;Nej;;;Avslutad;2022-03-20;",
        "AV-3;Avvikelse;2022-13-02;2022-05-05;Socialförvaltningen;Enhet B;;Avvikelse;Nej;Nej;Nej;;;Avslutad;2022-05-20;",
        "AV-4;Avvikelse;2022-03-02;2022-03-05;Socialförvaltningen;Enhet A;;Avvikelse;kanske;Nej;Nej;;;Avslutad;2022-03-20;",
    ]
    .iter()
    .map(|r| format!("{r}{secret} med <script>alert(1)</script>"))
    .collect();
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let dir = csv_folder(HEADER, &rows);
    // A row in four rejected: written only with the flag (issue 27), which this test is not about.
    let report = kvalitet(dir.path(), &["report", "2022", "--tillåt-ofullständig"]);
    assert_eq!(report.code, 0, "{}", report.stderr);
    let check = kvalitet(dir.path(), &["check"]);
    assert_eq!(check.code, 1);
    for text in [&report.stdout, &report.stderr, &check.stdout, &check.stderr] {
        assert!(
            !text.contains("HEMLIGT") && !text.contains("19121212"),
            "leaked in: {text}"
        );
    }
    let written = all_files(&dir.path().join("ut"));
    assert_eq!(
        written.iter().filter(|(p, _)| !is_chart_file(p)).count(),
        3,
        "the report as .md and .html, and its .log, besides the charts of the .md"
    );
    for (path, bytes) in written {
        let text = String::from_utf8(bytes).unwrap();
        assert!(
            !text.contains("HEMLIGT") && !text.contains("19121212") && !text.contains("alert"),
            "leaked in {}",
            path.display()
        );
    }
}

/// A valid personnummer (Skatteverket's test number) planted in every column that is read.
const PNR: &str = "19121212-1212";
/// Another one, planted in the free-text column only: it must never be read at all.
const FREE_TEXT_PNR: &str = "811218-9876";

/// Every digit run of both numbers that could betray them in an output.
fn leaks(text: &str) -> bool {
    ["121212-1212", "1212121212", "8112189876", "811218-9876"]
        .iter()
        .any(|p| text.contains(p))
}

/// A data folder whose register has a personnummer in each column in turn (one row per
/// column), a survey whose every text column has one, and own statistics with one in the
/// title.
fn seeded_folder() -> tempfile::TempDir {
    let base: Vec<&str> = VALID[3].split(';').collect();
    let columns = HEADER.split(';').count();
    let rows: Vec<String> = (0..columns)
        .map(|k| {
            let mut row: Vec<String> = base.iter().map(|s| s.to_string()).collect();
            row[0] = format!("R-{k}");
            row[k] = if k == columns - 1 {
                String::new()
            } else {
                format!("x {PNR}")
            };
            row[columns - 1] = format!("{FREE_TEXT_PNR} ringde");
            row.join(";")
        })
        .collect();
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let dir = csv_folder(HEADER, &rows);
    std::fs::write(
        dir.path().join("brukarundersokning.csv"),
        format!(
            "Undersökning;År;Fråga;Svarsalternativ;Antal;Nationellt (%)\n\
             Hemtjänst {PNR};2022;Trivs du?;Ja;5;80\n\
             Hemtjänst;2022;Trivs du {PNR}?;Ja;5;80\n\
             Hemtjänst;2022;Trivs du?;Nej {PNR};5;20\n"
        ),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("statistik.csv"),
        format!("Id;Titel;Enhet;Period;Värde\nhushall;Hushåll {PNR};antal;2022;14\n"),
    )
    .unwrap();
    dir
}

#[test]
fn a_personnummer_in_any_read_column_is_located_and_stops_the_report() {
    let dir = seeded_folder();
    let check = kvalitet(dir.path(), &["check"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    let columns: Vec<&str> = HEADER.split(';').collect();
    // Every register column but the free text, by row and column, never the value.
    for (k, header) in columns.iter().enumerate().take(columns.len() - 1) {
        let line = format!(
            "varning: rapporter.csv › rad {}, kolumn {} ({header}): cellen ser ut att innehålla ett personnummer",
            k + 2,
            k + 1
        );
        assert!(check.stderr.contains(&line), "{line}\n{}", check.stderr);
    }
    assert!(!check.stderr.contains("kolumn 16 (Beskrivning)"));
    for line in [
        "brukarundersokning.csv › rad 2, kolumn 1 (Undersökning): cellen ser ut att innehålla ett personnummer",
        "brukarundersokning.csv › rad 3, kolumn 3 (Fråga): cellen ser ut att innehålla ett personnummer",
        "brukarundersokning.csv › rad 4, kolumn 4 (Svarsalternativ): cellen ser ut att innehålla ett personnummer",
        "statistik.csv › rad 2, kolumn 2 (Titel): cellen ser ut att innehålla ett personnummer",
    ] {
        assert!(check.stderr.contains(line), "{line}\n{}", check.stderr);
    }
    assert!(
        check
            .stdout
            .contains("19 celler i underlaget ser ut att innehålla personuppgifter"),
        "{}",
        check.stdout
    );

    let refused = kvalitet(dir.path(), &["report", "2022"]);
    assert_eq!(refused.code, 1, "{}", refused.stderr);
    assert!(
        refused
            .stderr
            .contains("inget skrivs förrän de är borttagna")
            && refused.stderr.contains("--tillåt-personuppgifter"),
        "{}",
        refused.stderr
    );
    assert!(
        !dir.path().join("ut").exists(),
        "a refused run writes nothing"
    );

    let allowed = kvalitet(
        dir.path(),
        &[
            "report",
            "2022",
            "--tillåt-personuppgifter",
            "--tillåt-ofullständig",
        ],
    );
    assert_eq!(allowed.code, 0, "{}", allowed.stderr);
    let checked = kvalitet(dir.path(), &["check", "--tillat-personuppgifter"]);
    for run in [&check, &refused, &allowed, &checked] {
        assert!(!leaks(&run.stdout) && !leaks(&run.stderr), "{run:?}");
    }
    // The free text is never read, so not even an allowed run can publish it.
    let written = all_files(&dir.path().join("ut"));
    assert_eq!(
        written.iter().filter(|(p, _)| !is_chart_file(p)).count(),
        3,
        "the report as .md and .html, and its .log, besides the charts of the .md"
    );
    for (path, bytes) in written {
        let text = String::from_utf8(bytes).unwrap();
        assert!(
            !text.contains("8112189876") && !text.contains("811218-9876"),
            "leaked in {}",
            path.display()
        );
    }
}

#[test]
fn allowed_personal_data_is_no_problem_for_check() {
    let dir = csv_folder(
        HEADER,
        &[&VALID[1].replace("Enhet A", "Enhet A 070-123 45 67")],
    );
    let refused = kvalitet(dir.path(), &["check"]);
    assert_eq!(refused.code, 1);
    assert!(
        refused.stderr.contains(
            "rapporter.csv › rad 2, kolumn 6 (Enhet): cellen ser ut att innehålla ett telefonnummer"
        ),
        "{}",
        refused.stderr
    );
    assert!(
        refused
            .stdout
            .contains("en cell i underlaget ser ut att innehålla personuppgifter")
    );
    let allowed = kvalitet(dir.path(), &["check", "--tillåt-personuppgifter"]);
    assert_eq!(allowed.code, 0, "{}{}", allowed.stdout, allowed.stderr);
    assert!(
        allowed.stdout.ends_with("inga problem hittades\n"),
        "{}",
        allowed.stdout
    );
}

/// Every cell of every sheet of an xlsx file, as text (the file itself is compressed).
fn xlsx_text(path: &std::path::Path) -> String {
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(path).unwrap();
    let mut out = String::new();
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).unwrap();
        for row in range.rows() {
            for cell in row {
                out.push_str(&cell.to_string());
                out.push('\n');
            }
        }
    }
    out
}

#[test]
fn export_and_spara_are_guarded_too_and_never_carry_the_free_text() {
    let dir = seeded_folder();
    let out = tempfile::tempdir().unwrap();
    let export = |extra: &[&str]| {
        let mut args = vec![
            "export",
            ".",
            "--år",
            "2022",
            "--rapport",
            "md,html",
            "--out",
            out.path().to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        kvalitet(dir.path(), &args)
    };
    let refused = export(&[]);
    assert_eq!(refused.code, 1, "{}", refused.stderr);
    assert!(
        refused
            .stdout
            .contains("ser ut att innehålla personuppgifter; mappen exporteras inte")
            || refused
                .stderr
                .contains("ser ut att innehålla personuppgifter; mappen exporteras inte"),
        "{refused:?}"
    );
    assert!(
        all_files(out.path()).is_empty(),
        "a refused export writes nothing"
    );

    let allowed = export(&["--tillåt-personuppgifter", "--tillåt-ofullständig"]);
    assert_eq!(allowed.code, 0, "{allowed:?}");
    let spara = kvalitet(dir.path(), &["spåra", "2022", "1", "Klagomål", "2022"]);
    assert_eq!(spara.code, 1, "{spara:?}");
    assert!(
        spara.stderr.contains("--tillåt-personuppgifter"),
        "{}",
        spara.stderr
    );
    let traced = kvalitet(
        dir.path(),
        &[
            "spåra",
            "2022",
            "1",
            "Klagomål",
            "2022",
            "--tillåt-personuppgifter",
            "--tillåt-ofullständig",
        ],
    );
    assert_eq!(traced.code, 0, "{traced:?}");
    for run in [&refused, &allowed, &spara] {
        assert!(!leaks(&run.stdout) && !leaks(&run.stderr), "{run:?}");
    }
    // Allowed, spåra lists the Ids as they are (the user has vouched for them), but the free
    // text is never read.
    assert!(
        traced.stdout.contains("Rapporter (14):"),
        "{}",
        traced.stdout
    );
    assert!(!traced.stdout.contains("811218"), "{}", traced.stdout);
    let files = all_files(out.path());
    assert!(files.len() > 10, "{}", files.len());
    for (path, bytes) in files {
        let text = if path.extension().is_some_and(|e| e == "xlsx") {
            xlsx_text(&path)
        } else {
            String::from_utf8(bytes).unwrap()
        };
        assert!(
            !text.contains("8112189876") && !text.contains("811218-9876"),
            "free text leaked into {}",
            path.display()
        );
    }
}

#[test]
fn a_personnummer_in_a_chefs_text_stops_report_and_check_without_showing_it() {
    let dir = csv_folder(HEADER, VALID);
    std::fs::create_dir_all(dir.path().join("text")).unwrap();
    std::fs::write(
        dir.path().join("text/lex_sarah.md"),
        "Utredningen blev klar.\nÄrendet (811218-9876) följdes upp.\n",
    )
    .unwrap();
    let expected = "fel: text/lex_sarah.md rad 2: texten innehåller något som ser ut som ett \
                    personnummer; berättelsen ska inte innehålla personuppgifter, så ta bort det \
                    (är det inget personnummer, skriv siffrorna med mellanslag emellan)\n";
    for args in [&["report", "2022"][..], &["check"][..]] {
        let run = kvalitet(dir.path(), args);
        assert_ne!(run.code, 0, "{args:?}");
        assert!(run.stderr.ends_with(expected), "{args:?}: {}", run.stderr);
        assert!(!leaks(&run.stdout) && !leaks(&run.stderr), "{run:?}");
    }
    assert!(!dir.path().join("ut").exists(), "nothing is written");
}
