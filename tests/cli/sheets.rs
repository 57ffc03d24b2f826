//! Which sheet of a workbook is read (issue 17.4): the register sheet by its header, never a
//! parameter sheet, a hidden copy or a filtered copy just because it comes first.

use super::harness::{HEADER, VALID, kvalitet};

/// A workbook with `sheets`: (name, hidden, rows as `;`-separated lines).
fn workbook(dir: &std::path::Path, sheets: &[(&str, bool, &[&str])]) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (name, hidden, rows) in sheets {
        let ws = wb.add_worksheet().set_name(*name).unwrap();
        for (r, line) in rows.iter().enumerate() {
            for (c, v) in line.split(';').enumerate() {
                ws.write_string(r as u32, c as u16, v).unwrap();
            }
        }
        ws.set_hidden(*hidden);
    }
    wb.save(dir.join("rapporter.xlsx")).unwrap();
}

/// Answers of one survey, as a sheet of `brukarundersokning.xlsx` holds them.
const SURVEY: &[&str] = &[
    "Undersökning;År;Fråga;Svarsalternativ;Antal",
    "Hemtjänst;2022;Trivs du?;Ja;40",
    "Hemtjänst;2022;Trivs du?;Nej;10",
];

/// `brukarundersokning.xlsx` with `sheets` like [`workbook`], numbers written as numbers.
fn survey_workbook(dir: &std::path::Path, sheets: &[(&str, bool, &[&str])]) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (name, hidden, rows) in sheets {
        let ws = wb.add_worksheet().set_name(*name).unwrap();
        for (r, line) in rows.iter().enumerate() {
            for (c, v) in line.split(';').enumerate() {
                match v.parse::<f64>() {
                    Ok(n) => ws.write_number(r as u32, c as u16, n),
                    Err(_) => ws.write_string(r as u32, c as u16, v),
                }
                .unwrap();
            }
        }
        ws.set_hidden(*hidden);
    }
    wb.save(dir.join("brukarundersokning.xlsx")).unwrap();
}

/// The header and the valid rows without a quoted field (the sheet writer splits on `;`).
fn register() -> Vec<&'static str> {
    std::iter::once(HEADER)
        .chain(VALID.iter().copied().filter(|r| !r.contains('"')))
        .collect()
}

#[test]
fn a_hidden_copy_and_a_parameter_sheet_before_the_register_are_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let register = register();
    let copy: Vec<&str> = register[..2].to_vec();
    workbook(
        dir.path(),
        &[
            ("Parametrar", false, &["Parameter;Värde", "År;2022"]),
            ("Kopia", true, &copy),
            ("Data", false, &register),
        ],
    );
    let run = kvalitet(dir.path(), &["check"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.stderr,
        "obs: rapporter.xlsx: läste bladet \"Data\"; arbetsbokens andra blad (\"Parametrar\", \"Kopia\" (dolt)) läses inte\n"
    );
    assert!(
        run.stdout
            .starts_with("rapporter.xlsx: 4 rader lästa, 4 använda, 0 avvisade\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn two_visible_sheets_with_the_register_header_are_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let register = register();
    workbook(
        dir.path(),
        &[
            ("Alla", false, &register),
            ("19121212-1212", false, &register[..3]),
        ],
    );
    let run = kvalitet(dir.path(), &["report", "2022"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(
        run.stderr,
        "fel: rapporter.xlsx: 2 blad har rubrikerna (\"Alla\", \"dolt namn\"), och kvalitet gissar inte vilket som ska läsas; döp bladet som ska läsas till \"Rapporter\" eller ta bort de andra och kör igen\n"
    );
}

#[test]
fn a_hidden_copy_of_a_survey_sheet_is_not_counted_twice() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("rapporter.csv"),
        format!("{HEADER}\n{}\n", VALID.join("\n")),
    )
    .unwrap();
    survey_workbook(
        dir.path(),
        &[("Hemtjänst", false, SURVEY), ("Kopia", true, SURVEY)],
    );
    let run = kvalitet(dir.path(), &["check"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.stderr,
        "obs: brukarundersokning.xlsx › Kopia: bladet är dolt och läses inte; gör det synligt om det ska räknas\n"
    );
    assert!(
        run.stdout.contains(
            "brukarundersokning.xlsx › Hemtjänst: 2 rader lästa, 2 använda, 0 avvisade\n"
        ) && !run.stdout.contains("Kopia"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_notes_sheet_in_the_survey_workbook_is_a_notice_and_check_passes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("rapporter.csv"),
        format!("{HEADER}\n{}\n", VALID.join("\n")),
    )
    .unwrap();
    let notes: &[&str] = &["Enkäten skickades ut i mars", "Källa: SKR"];
    survey_workbook(
        dir.path(),
        &[("Hemtjänst", false, SURVEY), ("Om enkäten", false, notes)],
    );
    let run = kvalitet(dir.path(), &["check"]);
    // A sheet of notes is no survey table: said once, and no reason for check to fail.
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.stderr,
        "obs: brukarundersokning.xlsx › Om enkäten: hittade ingen rubrikrad för en brukarundersökning bland de första 20 raderna; tabellen läses inte\n"
    );
}
