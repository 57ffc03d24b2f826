//! What users see when something is wrong: located findings, exit codes, and no report
//! written when a required column is missing. Stderr is part of the contract and asserted
//! word for word.

use super::harness::{HEADER, VALID, csv_folder, kvalitet};

#[test]
fn a_missing_required_column_stops_the_report_with_a_suggestion() {
    let header = HEADER.replace("Händelsedatum", "Hädelsedatum");
    let dir = csv_folder(&header, VALID);
    let run = kvalitet(dir.path(), &["report", "2022"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "fel: rapporter.csv › rad 1: obligatorisk kolumn \"Händelsedatum\" saknas; rubriken \"Hädelsedatum\" i kolumn 3 liknar den: menade du \"Händelsedatum\"? Byt rubrik eller lägg till ett alias under [kolumner] i kvalitet.toml\n\
         rapporter.csv: 5 rader lästa, 0 använda, 5 avvisade\n\
         fel: rapporten skrivs inte eftersom rapporter.csv inte kan användas (se ovan)\n"
    );
    assert!(!dir.path().join("ut").exists(), "nothing written");
}

#[test]
fn row_problems_are_located_and_the_report_still_written() {
    let mut rows: Vec<&str> = VALID.to_vec();
    rows.extend([
        "AV-2;Avvikelse;2022-04-01;2022-04-02;Socialförvaltningen;Enhet A;;Avvikelse;Nej;Nej;Nej;;;Avslutad;2022-04-10;dubblett",
        "AV-9;Avvikelse;2022-02-30;2022-03-01;Socialförvaltningen;Enhet A;;Avvikelse;Nej;Nej;Nej;;;Avslutad;2022-03-10;omöjligt datum",
        "AV-10;Avvikelse;2022-07-01;2022-07-02;Socialförvaltningen;Enhet A;;Missförhållande;Nej;Nej;Nej;;;Avslutad;2022-07-10;motsägelse",
        "AV-11;Avvikelse;2022-08-01;2022-08-02;Socialförvaltningen;Enhet A;;Avvikelse;Nej;Ja;Nej;;;Avslutad;2022-08-10;ivo utan lex sarah",
        "AV-12;Avvkelse;2022-08-01;2022-08-02;Socialförvaltningen;Enhet A;;;;;;;;Avslutad;2022-08-10;fel typ",
        "AV-13;Avvikelse;2022-09-01;2022-09-02;Socialförvaltningen;Enhet A;;Avvikelse;Nej;Nej;Nej;Procesesr och rutiner;;Avslutad;2022-09-10;stavfel i orsak",
    ]);
    let dir = csv_folder(HEADER, &rows);
    let check = kvalitet(dir.path(), &["check"]);
    assert_eq!(check.code, 1);
    assert_eq!(
        check.stderr,
        "avvisad: rapporter.csv › rad 7, kolumn 1 (Id): samma Id som rad 3; raden räknas bara en gång\n\
         avvisad: rapporter.csv › rad 8, kolumn 3 (Händelsedatum): Händelsedatum är ett datum som inte finns i kalendern eller ligger utanför 1900–2100; raden räknas inte\n\
         varning: rapporter.csv › rad 9, kolumn 9 (Lex Sarah): Lex Sarah är Nej men bedömningen är ett missförhållande; kolumnen Lex Sarah gäller\n\
         varning: rapporter.csv › rad 10, kolumn 10 (Anmäld IVO): anmäld till IVO men inte bedömd enligt lex Sarah; räknas inte som IVO-anmälan\n\
         avvisad: rapporter.csv › rad 11, kolumn 2 (Typ): okänd typ; menade du \"Avvikelse\"? Raden räknas inte\n\
         varning: rapporter.csv › rad 12, kolumn 12 (Bakomliggande orsak): en kategori finns inte i listan (menade du \"Processer och rutiner\"?); den redovisas som \"Annan kategori\"\n"
    );
    assert_eq!(
        check.stdout,
        "rapporter.csv: 11 rader lästa, 8 använda, 3 avvisade\n6 problem hittades\n"
    );

    // Three rows in eleven rejected: written only with the flag (issue 27).
    let refused = kvalitet(dir.path(), &["report", "2022", "--format", "md"]);
    assert_eq!(refused.code, 1, "{}", refused.stderr);
    let report = kvalitet(
        dir.path(),
        &["report", "2022", "--format", "md", "--tillåt-ofullständig"],
    );
    assert_eq!(report.code, 0, "{}", report.stderr);
    assert!(
        report
            .stderr
            .ends_with("rapporter.csv: 11 rader lästa, 8 använda, 3 avvisade\n")
    );
    let md = std::fs::read_to_string(dir.path().join("ut/kvalitetsberattelse-2022.md")).unwrap();
    assert!(md.contains("av de 11 rader som lästes ur underlaget användes 8; de 3 som inte kunde räknas redovisas i körningens logg."));
    assert!(
        md.contains("| Annan kategori | 0 | 1 |"),
        "unknown label counted, not lost"
    );
}

#[test]
fn a_year_without_data_is_an_error() {
    let dir = csv_folder(HEADER, VALID);
    let run = kvalitet(dir.path(), &["report", "2024"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.ends_with(
            "fel: registret har inga rapporter för 2024 (det innehåller åren 2021–2022)\n"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn usage_errors_exit_with_2() {
    let dir = csv_folder(HEADER, VALID);
    let run = kvalitet(dir.path(), &["report", "2022", "--format", "odt"]);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (
            2,
            "fel: okänt format \"odt\" (tillåtna: md, html, pdf, docx)\n"
        )
    );
    let run = kvalitet(dir.path(), &["report", "1066"]);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (
            2,
            "fel: året 1066 är inte rimligt (ange till exempel 2022)\n"
        )
    );
    let run = kvalitet(dir.path(), &["report", "2022", "--data", "finns-inte"]);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (2, "fel: datamappen finns-inte finns inte\n")
    );
    let run = kvalitet(dir.path(), &["raport"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("fel: okänt kommando \"raport\" (menade du \"rapport\"?)\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_folder_without_any_input_says_what_to_put_there() {
    let dir = tempfile::tempdir().unwrap();
    let run = kvalitet(dir.path(), &["check"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "fel: hittar inget underlag i .: lägg registret (rapporter.xlsx), brukarundersökningar, indikatorer.csv, statistik.csv eller en av listorna (ej verkställda beslut, egenkontroller, IVO:s tillsyn) där\n"
    );
}

#[test]
fn two_registers_are_refused_rather_than_guessed() {
    let dir = csv_folder(HEADER, VALID);
    std::fs::write(dir.path().join("Rapporter.xlsx"), b"x").unwrap();
    let run = kvalitet(dir.path(), &["check"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "fel: flera filer kan vara rapporter: Rapporter.xlsx, rapporter.csv. Behåll en av dem i ..\n"
    );
}

#[test]
fn a_wrong_table_key_in_a_template_is_located() {
    let dir = csv_folder(HEADER, VALID);
    let tpl = dir.path().join("mallar/avsnitt");
    std::fs::create_dir_all(&tpl).unwrap();
    std::fs::write(
        tpl.join("klagomal.md"),
        "### Klagomål\n\nSe {{ tabell(id=\"rapporter_per_tyyp\") }}.\n",
    )
    .unwrap();
    let run = kvalitet(dir.path(), &["report", "2022", "--templates", "mallar"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.ends_with(
            "fel: mallen kunde inte fyllas i: avsnitt/klagomal.md rad 3, kolumn 7: okänd tabellnyckel \"rapporter_per_tyyp\"; menade du \"rapporter_per_typ\"?\n    Se {{ tabell(id=\"rapporter_per_tyyp\") }}.\n          ^\n"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_template_file_that_replaces_nothing_is_an_error() {
    let dir = csv_folder(HEADER, VALID);
    std::fs::create_dir_all(dir.path().join("mallar/avsnitt")).unwrap();
    std::fs::write(dir.path().join("mallar/avsnitt/klagomaal.md"), "x").unwrap();
    let run = kvalitet(dir.path(), &["report", "2022", "--templates", "mallar"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "fel: mallen avsnitt/klagomaal.md i mallar ersätter ingen standardmall; menade du \"avsnitt/klagomal.md\"?\n"
    );
}

#[test]
fn a_broken_settings_file_is_located() {
    let dir = csv_folder(HEADER, VALID);
    std::fs::write(
        dir.path().join("kvalitet.toml"),
        "[rapport]\njamforelsar = 3\n",
    )
    .unwrap();
    let run = kvalitet(dir.path(), &["check"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "fel: kvalitet.toml, rad 2, kolumn 1: okänd nyckel \"jamforelsar\"; menade du \"jamforelsear\"?\n"
    );
}

#[test]
fn a_corrupt_spreadsheet_is_a_clear_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("rapporter.xlsx"),
        b"PK\x03\x04 det har ar ingen riktig zip",
    )
    .unwrap();
    let run = kvalitet(dir.path(), &["check"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "fel: rapporter.xlsx: filen kan inte läsas som Excel-fil (.xlsx) (skadad, krypterad eller fel format)\n"
    );
}

#[test]
fn a_sheet_claiming_a_huge_range_is_read_without_exhausting_memory() {
    // One stray cell at XFD1048576: a range-based reader would allocate 17 billion cells.
    let dir = tempfile::tempdir().unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in HEADER.split(';').enumerate() {
        ws.write_string(0, c as u16, h).unwrap();
    }
    for (r, row) in VALID.iter().enumerate() {
        for (c, v) in row.split(';').enumerate() {
            ws.write_string(r as u32 + 1, c as u16, v).unwrap();
        }
    }
    ws.write_string(1_048_575, 16_383, "x").unwrap();
    wb.save(dir.path().join("rapporter.xlsx")).unwrap();
    // The stray cell is a row rejected, one in six: written only with the flag (issue 27).
    let run = kvalitet(
        dir.path(),
        &["report", "2022", "--format", "md", "--tillåt-ofullständig"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .ends_with("rapporter.xlsx: 6 rader lästa, 5 använda, 1 avvisad\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_unknown_kolumner_key_is_warned_about_once_with_a_suggestion() {
    let dir = csv_folder(HEADER, VALID);
    std::fs::write(
        dir.path().join("kvalitet.toml"),
        "[kolumner]\n\"Enheten\" = [\"Arbetsplats/enhet\"]\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("statistik.csv"),
        "Id;Titel;Enhet;Period;Värde\nhushall;Hushåll;antal;2022;14\n",
    )
    .unwrap();
    let run = kvalitet(dir.path(), &["check"]);
    assert_eq!(run.code, 1);
    let line =
        "varning: kvalitet.toml: [kolumner] \"Enheten\" är ingen känd kolumn; menade du \"Enhet\"?";
    assert_eq!(run.stderr.matches(line).count(), 1, "{}", run.stderr);
}

#[test]
fn a_file_with_no_usable_row_fails_the_report_unless_allowed() {
    let dir = csv_folder(HEADER, VALID);
    std::fs::write(
        dir.path().join("statistik.csv"),
        "Id;Titel;Enhet;Period;Värde\nhushall;Hushåll;antal;januari;12\nhushall;Hushåll;antal;2022-13;5\n",
    )
    .unwrap();
    let run = kvalitet(dir.path(), &["report", "2022"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "avvisad: statistik.csv › rad 2, kolumn 4 (Period): Period ska vara ett år (2022) eller en månad (2022-03); raden används inte\n\
         avvisad: statistik.csv › rad 3, kolumn 4 (Period): Period ska vara ett år (2022) eller en månad (2022-03); raden används inte\n\
         rapporter.csv: 5 rader lästa, 5 använda, 0 avvisade\n\
         statistik.csv: 2 rader lästa, 0 använda, 2 avvisade\n\
         fel: rapporten skrivs inte eftersom ingen rad i statistik.csv kan användas (se ovan; rätta filen, ta bort den ur datamappen eller kör med --tillåt-ofullständig för att skriva utan den)\n"
    );
    assert!(!dir.path().join("ut").exists(), "nothing written");

    let allowed = kvalitet(dir.path(), &["report", "2022", "--tillåt-ofullständig"]);
    assert_eq!(allowed.code, 0, "{}", allowed.stderr);
    assert!(dir.path().join("ut/kvalitetsberattelse-2022.md").exists());

    // export refuses the folder the same way, and says so at the end.
    let out = tempfile::tempdir().unwrap();
    let export = kvalitet(
        dir.path(),
        &[
            "export",
            ".",
            "--år",
            "2022",
            "--out",
            out.path().to_str().unwrap(),
        ],
    );
    assert_eq!(export.code, 1, "{}", export.stderr);
    assert!(
        export
            .stderr
            .contains("ingen rad i statistik.csv kan användas"),
        "{}",
        export.stderr
    );
    let check = kvalitet(dir.path(), &["check"]);
    assert_eq!(check.code, 1);
}

/// Half the rows of a file rejected: the report's totals would be silently low, so it is
/// refused unless `--tillåt-ofullständig` (issue 27).
#[test]
fn a_partly_rejected_file_needs_the_flag() {
    let dir = csv_folder(HEADER, VALID);
    std::fs::write(
        dir.path().join("statistik.csv"),
        "Id;Titel;Enhet;Period;Värde\nhushall;Hushåll;antal;2022-01;12\nhushall;Hushåll;antal;2022-13;5\n",
    )
    .unwrap();
    let run = kvalitet(dir.path(), &["report", "2022"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("1 av 2 rader i statistik.csv (50\u{a0}%) avvisades"),
        "{}",
        run.stderr
    );
    let run = kvalitet(dir.path(), &["report", "2022", "--tillåt-ofullständig"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("statistik.csv: 2 rader lästa, 1 använd, 1 avvisad")
    );
}

#[test]
fn unit_names_differing_only_in_case_or_spacing_are_one_unit_with_a_notice() {
    let rows = [
        "A1;Avvikelse;2022-03-01;2022-03-02;Soc;Enhet A;;Avvikelse;Nej;Nej;Nej;;;Avslutad;2022-03-10;x",
        "A2;Avvikelse;2022-03-01;2022-03-02;Soc;enhet  a;;Avvikelse;Nej;Nej;Nej;;;Avslutad;2022-03-10;x",
        "A3;Avvikelse;2022-03-01;2022-03-02;Soc;Enhet B;;Avvikelse;Nej;Nej;Nej;;;Avslutad;2022-03-10;x",
    ];
    let dir = csv_folder(HEADER, &rows);
    let check = kvalitet(dir.path(), &["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert_eq!(
        check.stderr,
        "obs: rapporter.csv › rad 3, kolumn 6 (Enhet): Enhet skrivs på 2 sätt som bara skiljer sig i stora och små bokstäver eller mellanslag (\"Enhet A\", \"enhet  a\"); de räknas som en och visas som \"Enhet A\"\n"
    );
    let md = super::harness::report_markdown(dir.path(), "2022");
    assert!(!md.contains("enhet  a"));
}
