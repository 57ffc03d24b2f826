//! Indicators in the report: the Håbo seed's KKiK and Brukarbedömning tables and Huddinge's
//! återkrav table render exactly; the position among all municipalities respects the KPI's
//! direction; a missing value is "–", never 0.

use std::path::Path;

use crate::harness::{HEADER, VALID, csv_folder, expectations, fixture, report_markdown};

const HABO_TOML: &str = r#"
[organisation]
namn = "Håbo kommun"
kolada_id = "0305"

[indikatorer]
jamforelsegrupp = "G2328"

[[indikatorer.tabell]]
titel = "Kommunens kvalitet i korthet"
nyckel = "kkik"
kpi = ["U31462", "U31402", "U31463", "U33401", "U35400"]

[[indikatorer.tabell]]
titel = "Brukarbedömning"
nyckel = "brukarbedomning"
kpi = ["U30453", "U30452", "U33594", "U31505", "U35543"]
"#;

fn folder(files: &[(&str, &Path)], toml: &str) -> tempfile::TempDir {
    let dir = csv_folder(HEADER, VALID);
    for (name, from) in files {
        std::fs::copy(from, dir.path().join(name)).unwrap();
    }
    std::fs::write(dir.path().join("kvalitet.toml"), toml).unwrap();
    dir
}

/// The annex table whose title starts with `title`: header cells and rows of cells, with
/// Markdown emphasis and no-break spaces removed.
pub(crate) fn annex_table(md: &str, title: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let start = md
        .find(&format!(". {title}"))
        .unwrap_or_else(|| panic!("no table {title}"));
    let lines: Vec<&str> = md[start..]
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .collect();
    let cells = |l: &str| -> Vec<String> {
        l.trim_matches('|')
            .split(" | ")
            .map(|c| c.trim().replace("**", "").replace('\u{a0}', " "))
            .collect()
    };
    let header = cells(lines[0]);
    let rows = lines[2..].iter().map(|l| cells(l)).collect();
    (header, rows)
}

pub(crate) fn cell<'a>(
    table: &'a (Vec<String>, Vec<Vec<String>>),
    row: &str,
    col: &str,
) -> &'a str {
    let c = table
        .0
        .iter()
        .position(|h| h == col)
        .unwrap_or_else(|| panic!("no column {col} in {:?}", table.0));
    let r = table
        .1
        .iter()
        .find(|r| r[0] == row)
        .unwrap_or_else(|| panic!("no row {row}"));
    &r[c]
}

#[test]
fn habo_kkik_and_brukarbedomning_tables_render_exactly() {
    let f = fixture("habo-2022");
    let dir = folder(
        &[
            ("indikatorer.csv", &f.join("indikatorer.csv")),
            ("nyckeltal.csv", &f.join("nyckeltal.csv")),
        ],
        HABO_TOML,
    );
    let md = report_markdown(dir.path(), "2022");
    let kkik = annex_table(&md, "Kommunens kvalitet i korthet, Håbo");
    let bb = annex_table(&md, "Brukarbedömning, Håbo");
    let mut checked = 0;
    for e in expectations(&f.join("forvantat-indikatorer.tsv")) {
        if e["typ"] != "cell" {
            continue;
        }
        let (table, col) = match (e["tabell"].as_str(), e["kolumn"].as_str()) {
            ("kkik", year) => (&kkik, year.to_string()),
            ("brukarbedomning", "Håbo") => (&bb, "2022".to_string()),
            ("brukarbedomning", _) => (&bb, "Alla kommuner (ovägt medel) 2022".to_string()),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            cell(table, &e["rad"], &col),
            e["text"],
            "{} {col}",
            e["rad"]
        );
        checked += 1;
    }
    assert_eq!(checked, 30);
    // Grouped by area like the seed, with the change against 2021.
    let labels: Vec<&str> = kkik.1.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(labels[0], "Ekonomiskt bistånd");
    assert_eq!(labels[4], "Social barn- och ungdomsvård");
    assert_eq!(
        cell(
            &kkik,
            "Utredningstid i antal dagar från påbörjad utredning till avslutad utredning inom barn och ungdom 0-20 år, medelvärde",
            "Förändring 2021–2022"
        ),
        "−27"
    );
    assert!(md.contains("*Källa:* Kolada (RKA)"));
    insta::assert_snapshot!(
        "habo_indicator_section",
        &md[md.find("## Nyckeltal och statistik").unwrap()..md.find("## Om underlaget").unwrap()]
    );
}

#[test]
fn huddinge_aterkrav_table_renders_exactly() {
    let f = fixture("huddinge-2023");
    let dir = folder(&[("statistik.csv", &f.join("statistik.csv"))], "");
    let md = report_markdown(dir.path(), "2022");
    let t = annex_table(&md, "Egen statistik 2019–2022");
    let months = annex_table(&md, "Egen statistik per månad 2022");
    for e in expectations(&f.join("forvantat-statistik.tsv")) {
        match e["tabell"].as_str() {
            "aterkrav" => assert_eq!(cell(&t, &e["rad"], &e["kolumn"]), e["text"]),
            "hushall_text" => {
                let month = capitalised(&e["rad"]);
                let want = e["text"].trim_end_matches(" hushåll");
                assert_eq!(
                    cell(&months, &month, "Antal hushåll med ekonomiskt bistånd"),
                    want
                );
            }
            "utbetalt_text" => {
                let month = capitalised(&e["rad"]);
                // The seed writes "5060 tkr"; we group thousands: "5 060 tkr".
                let want = e["text"]
                    .replace("5060", "5 060")
                    .replace("4614", "4 614")
                    .replace("4714", "4 714");
                assert_eq!(cell(&months, &month, "Utbetalt ekonomiskt bistånd"), want);
            }
            other => panic!("{other}"),
        }
    }
    assert_eq!(cell(&months, "Mars", "Utbetalt ekonomiskt bistånd"), "–");
}

pub(crate) fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Values for `kpi` in 2022 for 40 municipalities (2, 4, …, 80), riket and the own one (0305).
fn spread(kpi: &str, own: &str) -> String {
    let mut text = String::from("KPI;Kommun;Period;Kön;Värde\n");
    let others = kvalitet::model::indicators::catalog::municipalities()
        .iter()
        .filter(|m| m.kind == "K" && m.id != "0305")
        .take(40);
    for (i, m) in others.enumerate() {
        text.push_str(&format!("{kpi};{};2022;T;{}\n", m.id, 2 * (i + 1)));
    }
    text.push_str(&format!("{kpi};0000;2022;T;45\n"));
    text.push_str(&format!("{kpi};0305;2021;T;\n{kpi};0305;2022;T;{own}\n"));
    text
}

fn position_report(direction: &str, own: &str) -> (Vec<String>, Vec<Vec<String>>, String) {
    let dir = csv_folder(HEADER, VALID);
    std::fs::write(dir.path().join("indikatorer.csv"), spread("U31402", own)).unwrap();
    std::fs::write(
        dir.path().join("nyckeltal.csv"),
        format!("Id;Titel;Enhet;Verksamhetsområde;Riktning\nU31402;Väntetid;dagar;Ekonomiskt bistånd;{direction}\n"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("kvalitet.toml"),
        "[organisation]\nkolada_id = \"0305\"\n",
    )
    .unwrap();
    let md = report_markdown(dir.path(), "2022");
    let (h, r) = annex_table(&md, "Ekonomiskt bistånd, Håbo");
    (h, r, md)
}

#[test]
fn position_respects_the_direction_of_the_kpi() {
    let (h, rows, md) = position_report("Lägre är bättre", "12");
    let t = (h, rows);
    assert_eq!(
        cell(&t, "Väntetid", "Placering 2022"),
        "bland de bästa 25 %"
    );
    assert_eq!(cell(&t, "Väntetid", "Riket 2022"), "45");
    assert!(md.contains("kommunen hamnar bland de bästa 25\u{a0}% i landet"));
    let (h, rows, _) = position_report("Högre är bättre", "12");
    assert_eq!(
        cell(&(h, rows), "Väntetid", "Placering 2022"),
        "bland de sämsta 25 %"
    );
    let (h, rows, _) = position_report("Högre är bättre", "45");
    assert_eq!(
        cell(&(h, rows), "Väntetid", "Placering 2022"),
        "mittersta 50 %"
    );
    // Without a direction no position is claimed.
    let (h, _, _) = position_report("", "12");
    assert!(!h.iter().any(|c| c.starts_with("Placering")));
}

#[test]
fn a_missing_value_is_a_dash_never_zero() {
    let (h, rows, _) = position_report("Lägre är bättre", "12");
    let t = (h, rows);
    assert_eq!(cell(&t, "Väntetid", "2021"), "–");
    assert_eq!(cell(&t, "Väntetid", "Förändring 2021–2022"), "–");
}

#[test]
fn values_fetched_from_kolada_say_when() {
    let f = fixture("habo-2022");
    let dir = folder(
        &[
            ("indikatorer.csv", &f.join("indikatorer.csv")),
            ("nyckeltal.csv", &f.join("nyckeltal.csv")),
        ],
        HABO_TOML,
    );
    std::fs::write(
        dir.path().join("kolada-hamtning.json"),
        r#"{"hamtad": "2026-11-20", "bas_url": "https://api.kolada.se/v3/", "nyckeltal": ["U31462"], "kommuner": ["0305"], "ar": [2022]}"#,
    )
    .unwrap();
    let md = report_markdown(dir.path(), "2022");
    assert!(
        md.contains("*Källa:* Kolada (RKA), hämtad 2026-11-20"),
        "{md}"
    );
    assert!(md.contains("Källa: Kolada (RKA), hämtad 2026-11-20."));
}

/// The annex table that has a row labelled `row`, among the tables whose titles end in `, Håbo`.
fn table_with_row(md: &str, row: &str) -> (Vec<String>, Vec<Vec<String>>) {
    md.match_indices(". ")
        .filter_map(|(i, _)| {
            let title = md[i + 2..].lines().next()?;
            title.ends_with(", Håbo").then(|| annex_table(md, title))
        })
        .find(|t| t.1.iter().any(|r| r[0] == row))
        .unwrap_or_else(|| panic!("no table has the row {row}"))
}

#[test]
fn habo_indicators_without_settings_infer_the_municipality_and_the_group() {
    let f = fixture("habo-2022");
    let dir = csv_folder(HEADER, VALID);
    for name in ["indikatorer.csv", "nyckeltal.csv"] {
        std::fs::copy(f.join(name), dir.path().join(name)).unwrap();
    }
    assert!(!dir.path().join("kvalitet.toml").exists());
    let run = crate::harness::kvalitet(dir.path(), &["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "obs: indikatorer.csv: jämförelsegruppen är Alla kommuner (ovägt medel) (G2328), den \
             enda kommungruppen i filen"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("nyckeltalen gäller Håbo (0305)"));
    let md = report_markdown(dir.path(), "2022");
    let mut checked = 0;
    for e in expectations(&f.join("forvantat-indikatorer.tsv")) {
        if e["typ"] != "cell" {
            continue;
        }
        let col = match (e["tabell"].as_str(), e["kolumn"].as_str()) {
            ("kkik", year) => year.to_string(),
            ("brukarbedomning", "Håbo") => "2022".to_string(),
            ("brukarbedomning", _) => "Alla kommuner (ovägt medel) 2022".to_string(),
            other => panic!("{other:?}"),
        };
        let table = table_with_row(&md, &e["rad"]);
        assert_eq!(
            cell(&table, &e["rad"], &col),
            e["text"],
            "{} {col}",
            e["rad"]
        );
        checked += 1;
    }
    assert_eq!(checked, 30);
}

/// A register plus the Håbo fixture's indicator files, with `extra` rows added to the values,
/// and no settings file.
fn habo_folder_with(extra: &str) -> tempfile::TempDir {
    let f = fixture("habo-2022");
    let mut values = std::fs::read_to_string(f.join("indikatorer.csv")).unwrap();
    values.push_str(extra);
    let dir = csv_folder(HEADER, VALID);
    std::fs::write(dir.path().join("indikatorer.csv"), &values).unwrap();
    std::fs::copy(f.join("nyckeltal.csv"), dir.path().join("nyckeltal.csv")).unwrap();
    dir
}

#[test]
fn a_setting_wins_over_the_inferred_group_and_two_groups_infer_none() {
    // A second group beside G2328: nothing is inferred, so no group column and no notice.
    let dir = habo_folder_with("U31505;G2329;2022;T;70\n");
    let md = report_markdown(dir.path(), "2022");
    assert!(!md.contains("Alla kommuner (ovägt medel) 2022"));
    let check = crate::harness::kvalitet(dir.path(), &["check"]);
    assert!(
        check.stderr.contains("nyckeltalen gäller Håbo"),
        "{}",
        check.stderr
    );
    assert!(
        !check.stderr.contains("jämförelsegruppen är"),
        "{}",
        check.stderr
    );
    // The setting chooses one of them.
    std::fs::write(
        dir.path().join("kvalitet.toml"),
        "[indikatorer]\njamforelsegrupp = \"G2328\"\n",
    )
    .unwrap();
    let md = report_markdown(dir.path(), "2022");
    assert!(md.contains("| Alla kommuner (ovägt medel) 2022 |"));
}

#[test]
fn riket_values_are_shown_without_settings() {
    let dir = habo_folder_with("U31462;0000;2022;T;88\n");
    let md = report_markdown(dir.path(), "2022");
    let t = table_with_row(
        &md,
        "Ej återaktualiserade vuxna personer med försörjningsstöd ett år efter avslutat försörjningsstöd, andel (%)",
    );
    assert_eq!(
        cell(
            &t,
            "Ej återaktualiserade vuxna personer med försörjningsstöd ett år efter avslutat försörjningsstöd, andel (%)",
            "Riket 2022"
        ),
        "88"
    );
}
