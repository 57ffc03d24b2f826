//! Real exports as they come out of the case-management systems and the controllers' Excel
//! (issue 16): a Windows-1252 register below a title line, own statistics one column per year or
//! month, amounts in kr shown in tkr, decimals kept. Built from Huddinge 2022's published
//! figures (`tests/fixtures/huddinge-2023/`).

use std::path::Path;

use crate::harness::{Run, expectations, fixture, report_into_temp};
use crate::indicator_report::{annex_table, capitalised, cell};

/// A data folder holding `files` (target name, fixture file of `huddinge-2023/export/`) and,
/// unless empty, `toml` as `kvalitet.toml`.
fn folder(files: &[(&str, &str)], toml: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let export = fixture("huddinge-2023").join("export");
    for (name, from) in files {
        std::fs::copy(export.join(from), dir.path().join(name)).unwrap();
    }
    if !toml.is_empty() {
        std::fs::write(dir.path().join("kvalitet.toml"), toml).unwrap();
    }
    dir
}

/// Runs `report 2022` as Markdown on `dir` (which must succeed): the run and the report.
fn report(dir: &Path) -> (Run, String) {
    let (run, out) = report_into_temp(dir, "2022", "md", &[]);
    let md = std::fs::read_to_string(out.path().join("kvalitetsberattelse-2022.md")).unwrap();
    (run, md)
}

#[test]
fn huddinges_raw_exports_give_the_seeds_tables_with_no_settings_file() {
    let dir = folder(
        &[
            ("rapporter.csv", "rapporter.csv"),
            ("statistik.csv", "statistik.csv"),
        ],
        "",
    );
    let (run, md) = report(dir.path());
    // The title lines are skipped and said so; nothing is taken for a personnummer.
    insta::assert_snapshot!("huddinge_raw_exports_stderr", run.stderr);
    // Seed lines 213-214: 27 klagomål/synpunkter, 155 avvikelser, 72 lex Sarah, 12
    // personuppgiftsincidenter; line 234: three to IVO; line 285: none to IMY.
    let counts = annex_table(&md, "Inkomna rapporter per typ 2022");
    let n = |row: &str| cell(&counts, row, "2022").parse::<u32>().unwrap();
    assert_eq!(n("Klagomål") + n("Synpunkter"), 27);
    assert_eq!(n("Avvikelser"), 155);
    assert_eq!(n("*varav lex Sarah*"), 72);
    assert_eq!(n("*varav anmälda till IVO*"), 3);
    assert_eq!(n("Personuppgiftsincidenter"), 12);
    assert_eq!(n("*varav anmälda till IMY*"), 0);
    // Years as columns in the export, years as rows in the report: the seed's orientation.
    let aterkrav = annex_table(&md, "Egen statistik 2019–2022");
    assert_eq!(
        aterkrav.0,
        [
            "År",
            "Beslut om återkrav",
            "Återbetalt belopp",
            "Antal inbetalningar"
        ]
    );
    let mut checked = 0;
    for e in expectations(&fixture("huddinge-2023").join("forvantat-statistik.tsv")) {
        if e["tabell"] == "aterkrav" {
            assert_eq!(cell(&aterkrav, &e["rad"], &e["kolumn"]), e["text"]);
            checked += 1;
        }
    }
    assert_eq!(checked, 12);
    assert_eq!(aterkrav.1.len(), 4);
}

#[test]
fn huddinges_monthly_series_fill_the_twelve_months_with_kr_shown_as_tkr() {
    let toml = "[indikatorer.serie.utbetalt]\nenhet = \"tkr\"\n";
    let dir = folder(
        &[
            ("rapporter.csv", "rapporter.csv"),
            ("statistik.csv", "statistik-manad.csv"),
        ],
        toml,
    );
    let (_, md) = report(dir.path());
    let months = annex_table(&md, "Egen statistik per månad 2022");
    let labels: Vec<&str> = months.1.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(labels.len(), 12);
    assert_eq!((labels[0], labels[11]), ("Januari", "December"));
    // Only the months the seed prints (line 396) are asserted; the fixture fills the others.
    let mut checked = 0;
    for e in expectations(&fixture("huddinge-2023").join("forvantat-statistik.tsv")) {
        let (col, want) = match e["tabell"].as_str() {
            "hushall_text" => (
                "Antal hushåll med ekonomiskt bistånd",
                e["text"].trim_end_matches(" hushåll").to_string(),
            ),
            // The seed writes "5060 tkr" in running text; the table groups thousands.
            "utbetalt_text" => {
                let tkr = e["text"].trim_end_matches(" tkr");
                assert_eq!(tkr.len(), 4, "{tkr}");
                (
                    "Utbetalt ekonomiskt bistånd",
                    format!("{} {} tkr", &tkr[..1], &tkr[1..]),
                )
            }
            _ => continue,
        };
        assert_eq!(cell(&months, &capitalised(&e["rad"]), col), want);
        checked += 1;
    }
    assert_eq!(checked, 5);
    insta::assert_snapshot!(
        "huddinge_monthly_table",
        &md[md.find(". Egen statistik per månad 2022").unwrap()..]
            .lines()
            .take_while(|l| !l.starts_with("###"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn huddinges_fut_amounts_keep_the_decimals_they_have() {
    let dir = folder(
        &[
            ("rapporter.csv", "rapporter.csv"),
            ("statistik.csv", "statistik-fut.csv"),
        ],
        "",
    );
    let (_, md) = report(dir.path());
    // Seed line 436, figure for figure.
    let fut = annex_table(&md, "Egen statistik 2021–2022");
    let mindre = "Mindre utbetalt efter kontroll";
    assert_eq!(cell(&fut, "2022", mindre), "435 935,05 kr");
    assert_eq!(cell(&fut, "2021", mindre), "613 477 kr");
    assert_eq!(cell(&fut, "2022", "Uppskattad besparing"), "699 644 kr");
    assert_eq!(cell(&fut, "2021", "Uppskattad besparing"), "1 438 805 kr");
}
