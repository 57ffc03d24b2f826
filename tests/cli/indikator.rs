//! `kvalitet indikator`: import into a store in a temporary folder, then query it as a table,
//! CSV, JSON and Markdown; search the catalog; find municipalities; and the errors a user
//! meets (unknown KPI or municipality, no store yet). The import time in "Källa: …" is
//! replaced by `<tid>` before snapshots.

use std::path::{Path, PathBuf};

use super::harness::{Run, kvalitet};

/// Håbo's väntetid (U31402) 2019–2022 as in the Håbo seed, riket, and one missing value.
const VALUES: &str = "\
KPI;Kommun;Period;Kön;Värde
U31402;0305;2019;T;27
U31402;0305;2020;T;26
U31402;0305;2021;T;15
U31402;0305;2022;T;13
U31402;0305;2022;K;12
U31402;0305;2022;M;
U31402;0000;2019;T;21,5
U31402;0000;2020;T;20,2
U31402;0000;2022;T;19,4
U31462;Håbo;2019;T;96
U31462;Håbo;2020;T;96
U31462;Håbo;2021;T;92
U31462;Håbo;2022;T;90
U31462;riket;2022;T;
";

const META: &str = "\
Id;Titel;Enhet;Verksamhetsområde;Riktning;Visningsnamn;Decimaler
U31402;;dagar;;Lägre är bättre;;0
U31462;;%;;Högre är bättre;Ej återaktualiserade ett år efter avslutat försörjningsstöd;
";

struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    /// A folder with `indikatorer.csv` and `nyckeltal.csv`, imported into `lager.sqlite`.
    fn imported() -> Fixture {
        let f = Fixture::empty();
        std::fs::write(f.dir.path().join("indikatorer.csv"), VALUES).unwrap();
        std::fs::write(f.dir.path().join("nyckeltal.csv"), META).unwrap();
        let run = f.run(&["indikator", "importera", ".", "--lager", "lager.sqlite"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        f
    }

    fn empty() -> Fixture {
        Fixture {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn run(&self, args: &[&str]) -> Run {
        kvalitet(self.path(), args)
    }

    /// `visa` against the fixture's store.
    fn visa(&self, args: &[&str]) -> Run {
        let mut all = vec!["indikator", "visa"];
        all.extend(args);
        all.extend(["--lager", "lager.sqlite"]);
        self.run(&all)
    }
}

/// The import time in "senast importerat 2024-05-02 14:03" replaced by `<tid>`.
fn without_time(s: &str) -> String {
    match s.find("senast importerat ") {
        Some(i) => {
            let start = i + "senast importerat ".len();
            format!(
                "{}<tid>{}",
                &s[..start],
                &s[start + "2024-05-02 14:03".len()..]
            )
        }
        None => s.to_string(),
    }
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/kolada")
        .join(name)
}

#[test]
fn import_reports_rows_time_and_store_size() {
    let f = Fixture::empty();
    std::fs::write(f.path().join("indikatorer.csv"), VALUES).unwrap();
    std::fs::write(f.path().join("nyckeltal.csv"), META).unwrap();
    let run = f.run(&["indikator", "importera", ".", "--lager", "lager.sqlite"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "indikatorer.csv: 14 rader lästa, 14 använda, 0 avvisade"
    );
    assert_eq!(
        lines[1],
        "nyckeltal.csv: 2 rader lästa, 2 använda, 0 avvisade"
    );
    assert!(
        lines[2].starts_with("importerade 14 värden och 2 nyckeltalsbeskrivningar på "),
        "{}",
        lines[2]
    );
    assert!(lines[2].ends_with(" värden/s)"), "{}", lines[2]);
    assert!(
        lines[3].starts_with("lagret är ") && lines[3].contains(" MB: "),
        "{}",
        lines[3]
    );
    assert!(f.path().join("lager.sqlite").is_file());
}

#[test]
fn rejected_rows_are_located_and_the_rest_imported() {
    let f = Fixture::empty();
    let csv = format!("{VALUES}U31402;Håbå;2022;T;13\nU31402;0305;2023;X;1\n");
    std::fs::write(f.path().join("indikatorer.csv"), csv).unwrap();
    let run = f.run(&[
        "indikator",
        "importera",
        "indikatorer.csv",
        "--lager",
        "l.sqlite",
    ]);
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stderr,
        "avvisad: indikatorer.csv › rad 16, kolumn 2 (Kommun): okänd kommun (menade du \"Håbo\"?); raden används inte\n\
         avvisad: indikatorer.csv › rad 17, kolumn 4 (Kön): Kön ska vara T, K eller M; raden används inte\n"
    );
    assert!(
        run.stdout
            .starts_with("indikatorer.csv: 16 rader lästa, 14 använda, 2 avvisade\n")
    );
}

#[test]
fn vantetid_against_riket_in_one_command() {
    let f = Fixture::imported();
    let run = f.visa(&[
        "U31402",
        "--kommun",
        "Håbo",
        "--jämför",
        "riket",
        "--år",
        "2019-2022",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("visa_table", without_time(&run.stdout));
}

#[test]
fn missing_values_are_dashes_and_genders_shown_when_asked() {
    let f = Fixture::imported();
    let run = f.visa(&[
        "U31402",
        "--kommun",
        "0305",
        "--kön",
        "--år",
        "2021-2022",
        "--format",
        "md",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("visa_md_genders", without_time(&run.stdout));
    assert!(run.stdout.contains("| 2022 | M | – |"));
    assert!(run.stdout.contains("| 2021 | K | – |"));
}

#[test]
fn csv_and_json_carry_full_values_and_missing_as_empty_or_null() {
    let f = Fixture::imported();
    let csv = f.visa(&[
        "U31402",
        "U31462",
        "--kommun",
        "0305",
        "--jämför",
        "0000",
        "--format",
        "csv",
    ]);
    assert_eq!(csv.code, 0, "{}", csv.stderr);
    insta::assert_snapshot!("visa_csv", csv.stdout);
    let json = f.visa(&[
        "U31462",
        "--kommun",
        "0305",
        "--jämför",
        "riket",
        "--år",
        "2022",
        "--format",
        "json",
    ]);
    assert_eq!(json.code, 0, "{}", json.stderr);
    insta::assert_snapshot!("visa_json", without_time(&json.stdout));
}

#[test]
fn a_group_mean_of_too_few_members_is_not_shown() {
    let f = Fixture::empty();
    let csv = "KPI;Kommun;Period;Värde\nN1;0305;2022;10\nN1;0126;2022;20\nN1;0180;2022;\n";
    std::fs::write(f.path().join("indikatorer.csv"), csv).unwrap();
    assert_eq!(
        f.run(&["indikator", "importera", ".", "--lager", "lager.sqlite"])
            .code,
        0
    );
    let run = f.visa(&[
        "N1",
        "--kommun",
        "0305",
        "--jämför",
        "G2328",
        "--format",
        "csv",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "KPI;Nyckeltal;År;Håbo;Alla kommuner (ovägt medel)\nN1;N1;2022;10;\n"
    );
    // 2 of 290 members is no group figure; the table says why.
    let table = f.visa(&["N1", "--kommun", "0305", "--jämför", "G2328"]);
    assert!(
        table
            .stdout
            .contains("färre än hälften av gruppens 290 kommuner"),
        "{}",
        table.stdout
    );
}

#[test]
fn kolada_json_imports_and_shows() {
    let f = Fixture::empty();
    let json = fixture("v3_data_N00945_reconstructed.json");
    let run = f.run(&[
        "indikator",
        "importera",
        json.to_str().unwrap(),
        "--lager",
        "lager.sqlite",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with(
        "v3_data_N00945_reconstructed.json: 12 rader lästa, 12 använda, 0 avvisade\n"
    ));
    let run = f.visa(&[
        "N00945",
        "--kommun",
        "Stockholm,Göteborg,Malmö",
        "--år",
        "2014-2016",
        "--format",
        "csv",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("visa_kolada_json_csv", run.stdout);
}

#[test]
fn unknown_kpi_and_municipality_are_usage_errors_with_suggestions() {
    let f = Fixture::imported();
    let run = f.visa(&["U3140", "--kommun", "0305"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "fel: okänt nyckeltal \"U3140\" (menade du \"U31401\"?); sök med kvalitet indikator sök ORD\n"
    );
    let run = f.visa(&["U31402", "--kommun", "Håbå"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "fel: okänd kommun \"Håbå\" (menade du \"Håbo\"?)\n"
    );
    let run = f.visa(&["U31402", "--kommun", "0305", "--år", "tjugo"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("fel: ogiltigt årsintervall \"tjugo\""),
        "{}",
        run.stderr
    );
    let run = f.visa(&["U31402", "--kommun", "0305", "--format", "xml"]);
    assert_eq!(run.code, 2);
}

#[test]
fn no_store_yet_is_a_failure_that_says_what_to_do() {
    let f = Fixture::empty();
    let run = f.visa(&["U31402", "--kommun", "0305"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with("fel: indikatorlagret "),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .ends_with(" finns inte än; läs in värden med \"kvalitet indikator importera FIL\"\n")
    );
}

#[test]
fn the_municipality_defaults_to_kolada_id_in_the_settings() {
    let f = Fixture::imported();
    std::fs::write(
        f.path().join("kvalitet.toml"),
        "[organisation]\nkolada_id = \"0305\"\n",
    )
    .unwrap();
    let run = f.visa(&["U31402", "--år", "2022", "--format", "csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.ends_with("U31402;Väntetid i antal dagar från ansökan vid nybesök till beslut inom försörjningsstöd, medelvärde;2022;13\n"), "{}", run.stdout);
}

#[test]
fn search_finds_kpis_in_the_embedded_catalog() {
    let f = Fixture::empty();
    let run = f.run(&["indikator", "sök", "väntetid", "försörjningsstöd"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("sok_table", run.stdout);
    let none = f.run(&["indikator", "sök", "qqqxxyz"]);
    assert_eq!(none.code, 1);
    assert_eq!(
        none.stderr,
        "inga nyckeltal i katalogen innehåller alla orden\n"
    );
}

#[test]
fn municipalities_and_groups_are_found_by_name() {
    let f = Fixture::empty();
    let run = f.run(&[
        "indikator",
        "kommuner",
        "liknande",
        "IFO",
        "Håbo",
        "--format",
        "csv",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "Id;Namn;Typ\n\
         G36526;Liknande kommuner IFO, Håbo, 2024;Grupp, 7 kommuner\n\
         G36508;Liknande kommuner IFO, Habo, 2024;Grupp, 7 kommuner\n"
    );
}

#[test]
fn the_position_among_all_municipalities_respects_the_direction() {
    let f = Fixture::empty();
    let mut csv = String::from("KPI;Kommun;Period;Värde\n");
    let kommuner = kvalitet::model::indicators::catalog::municipalities()
        .iter()
        .filter(|m| m.kind == "K" && m.id != "0305")
        .take(39);
    for (i, m) in kommuner.enumerate() {
        csv.push_str(&format!(
            "U31402;{};2022;{}\nU31462;{};2022;{}\n",
            m.id,
            i + 10,
            m.id,
            i + 10
        ));
    }
    csv.push_str("U31402;0305;2022;11\nU31462;0305;2022;11\n");
    std::fs::write(f.path().join("indikatorer.csv"), csv).unwrap();
    std::fs::write(f.path().join("nyckeltal.csv"), META).unwrap();
    assert_eq!(
        f.run(&["indikator", "importera", ".", "--lager", "lager.sqlite"])
            .code,
        0
    );
    // 40 municipalities; Håbo has the second lowest value.
    let run = f.visa(&["U31402", "U31462", "--kommun", "Håbo", "--format", "csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[0], "KPI;Nyckeltal;År;Håbo;Läge Håbo");
    assert!(
        lines[1].ends_with(";2022;11;bland de bästa 25\u{a0}%"),
        "lower is better: {}",
        lines[1]
    );
    assert!(
        lines[2].ends_with(";2022;11;bland de sämsta 25\u{a0}%"),
        "higher is better: {}",
        lines[2]
    );
}

#[test]
fn an_import_with_personal_data_stores_nothing_unless_allowed() {
    let f = Fixture::imported();
    let before = f.visa(&["U31402", "--kommun", "0305", "--format", "csv"]);
    assert_eq!(before.code, 0, "{}", before.stderr);
    std::fs::write(
        f.path().join("nya.csv"),
        "KPI;Kommun;Period;Kön;Värde\nU31402;0305;2023;T;11\nU31402;0305;2023;19121212-1212;11\n",
    )
    .unwrap();
    let refused = f.run(&[
        "indikator",
        "importera",
        "nya.csv",
        "--lager",
        "lager.sqlite",
    ]);
    assert_eq!(refused.code, 1, "{}", refused.stderr);
    assert!(
        refused.stderr.contains(
            "varning: nya.csv › rad 3, kolumn 4 (Kön): cellen ser ut att innehålla ett personnummer"
        ),
        "{}",
        refused.stderr
    );
    assert!(
        refused.stderr.contains("--tillåt-personuppgifter"),
        "{}",
        refused.stderr
    );
    assert!(!refused.stderr.contains("1212-1212") && !refused.stdout.contains("1212-1212"));
    let after = f.visa(&["U31402", "--kommun", "0305", "--format", "csv"]);
    assert_eq!(
        after.stdout, before.stdout,
        "the refused import changed the store"
    );

    let allowed = f.run(&[
        "indikator",
        "importera",
        "nya.csv",
        "--lager",
        "lager.sqlite",
        "--tillåt-personuppgifter",
    ]);
    assert_eq!(allowed.code, 0, "{}", allowed.stderr);
    let now = f.visa(&[
        "U31402", "--kommun", "0305", "--år", "2023", "--format", "csv",
    ]);
    assert!(now.stdout.contains("2023"), "{}", now.stdout);
}
