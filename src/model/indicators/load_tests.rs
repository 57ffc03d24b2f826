//! Tests of [`super::load`] on data folders: both shapes of `indikatorer` give the same
//! values, and every row is used or rejected with a located reason.

use std::path::{Path, PathBuf};

use super::*;
use crate::diagnostics::Severity;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/kolada")
        .join(name)
}

pub(super) fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn load_folder(dir: &Path) -> IndicatorData {
    load(dir, &Settings::default()).unwrap().unwrap()
}

pub(super) fn messages(data: &IndicatorData) -> Vec<String> {
    data.findings
        .items()
        .iter()
        .map(|f| f.to_string())
        .collect()
}

/// The N00945 sample as a Kolada long table, written the Swedish Excel way.
const N00945_CSV: &str = "\
KPI;Kommun;Period;Kön;Värde
N00945;0180;2014;T;38,61051404
N00945;1280;2014;T;35,30861017
N00945;1480;2014;T;38,12922406
N00945;0180;2015;T;39,09
N00945;1280;2015;T;35,78
N00945;1480;2015;T;38,19
N00945;0180;2016;T;38,79194313
N00945;1280;2016;T;36,26382117
N00945;1480;2016;T;38,60822536
N00945;0180;2018;T;39,4
N00945;1280;2018;T;36,5
N00945;1480;2018;T;39,1
";

#[test]
fn long_table_and_kolada_json_give_identical_values() {
    let json = std::fs::read_to_string(fixture("v3_data_N00945_reconstructed.json")).unwrap();
    let from_json = load_folder(folder(&[("indikatorer.json", &json)]).path());
    let from_csv = load_folder(folder(&[("indikatorer.csv", N00945_CSV)]).path());
    assert!(from_json.findings.is_empty(), "{:?}", messages(&from_json));
    assert!(from_csv.findings.is_empty(), "{:?}", messages(&from_csv));
    assert_eq!(from_json.values.len(), 12);
    let mut a = from_json.values.clone();
    let mut b = from_csv.values.clone();
    let key = |v: &KpiValue| (v.municipality.clone(), v.year);
    a.sort_by_key(key);
    b.sort_by_key(key);
    assert_eq!(a, b);
    assert_eq!(
        from_json.value("N00945", "0180", 2014, Gender::Total),
        Some(38.61051404)
    );
}

#[test]
fn the_v3_envelope_is_read() {
    let json =
        std::fs::read_to_string(fixture("v3_data_N03702_N03703_group_reconstructed.json")).unwrap();
    let data = load_folder(folder(&[("indikatorer.json", &json)]).path());
    assert_eq!(data.values.len(), 192);
    assert_eq!(
        data.reconciliations[0].to_string(),
        "indikatorer.json: 192 rader lästa, 192 använda, 0 avvisade"
    );
    assert_eq!(
        data.value("N03702", "0319", 2012, Gender::Total),
        Some(253.891158)
    );
}

#[test]
fn aliases_names_padding_and_empty_values_are_understood() {
    let csv = "\
kpi_id,område,år,gender,value
u31402,Håbo,2022,K,
U31402,305,2022,T,13
U31402,riket,2022,T,\"15,5\"
";
    let data = load_folder(folder(&[("indikatorer.csv", csv)]).path());
    assert!(data.findings.is_empty(), "{:?}", messages(&data));
    assert_eq!(data.values.len(), 3);
    assert_eq!(data.values[0].kpi, "U31402");
    assert_eq!(data.values[0].municipality, "0305");
    assert_eq!(data.values[0].gender, Gender::Women);
    assert_eq!(data.values[0].value, None, "empty is missing, never 0");
    assert_eq!(data.values[1].municipality, "0305");
    assert_eq!(data.values[2].municipality, "0000");
    assert_eq!(data.values[2].value, Some(15.5));
}

#[test]
fn bad_rows_are_rejected_with_their_location_and_nothing_is_lost() {
    let csv = "\
KPI;Kommun;Period;Kön;Värde
U31402;0305;2022;T;13
;0305;2022;T;13
U31402;Håbå;2022;T;13
U31402;0305;tjugo;T;13
U31402;0305;2021;X;13
U31402;0305;2021;T;tretton
U31402;0305;2022;T;14
";
    let data = load_folder(folder(&[("indikatorer.csv", csv)]).path());
    assert_eq!(
        messages(&data),
        vec![
            "avvisad: indikatorer.csv › rad 3, kolumn 1 (KPI): KPI saknas; raden används inte",
            "avvisad: indikatorer.csv › rad 4, kolumn 2 (Kommun): okänd kommun (menade du \"Håbo\"?); raden används inte",
            "avvisad: indikatorer.csv › rad 5, kolumn 3 (Period): Period ska vara ett år, till exempel 2022; raden används inte",
            "avvisad: indikatorer.csv › rad 6, kolumn 4 (Kön): Kön ska vara T, K eller M; raden används inte",
            "avvisad: indikatorer.csv › rad 7, kolumn 5 (Värde): Värde är inget tal; raden används inte",
            "avvisad: indikatorer.csv › rad 8, kolumn 1 (KPI): samma KPI, kommun, period och kön som rad 2; raden används inte",
        ]
    );
    assert_eq!(
        data.reconciliations[0].to_string(),
        "indikatorer.csv: 7 rader lästa, 1 använd, 6 avvisade"
    );
}

#[test]
fn a_missing_required_column_is_fatal_and_rejects_every_row() {
    let csv = "KPI;Kommun;År;Värd\nU31402;0305;2022;13\n";
    let data = load_folder(folder(&[("indikatorer.csv", csv)]).path());
    assert!(data.findings.has_fatal());
    assert_eq!(
        messages(&data),
        vec![
            "fel: indikatorer.csv › rad 1: obligatorisk kolumn \"Värde\" saknas; rubriken \"Värd\" i kolumn 4 liknar den: menade du \"Värde\"? Byt rubrik eller lägg till ett alias under [kolumner] i kvalitet.toml"
        ]
    );
    assert_eq!(data.reconciliations[0].rejected, 1);
}

#[test]
fn kpi_metadata_is_read_from_a_table_and_from_kolada_json() {
    let csv = "\
Id;Titel;Enhet;Verksamhetsområde;Riktning;Visningsnamn;Decimaler
U31402;;dagar;;Lägre är bättre;Väntetid försörjningsstöd;0
U31462;Egen  titel (- 2024);%;IFO;högre;;1
U33401;;;;kanske;;x
";
    let data = load_folder(folder(&[("nyckeltal.csv", csv)]).path());
    let k = data.kpi("u31402").unwrap();
    assert!(
        k.title.starts_with("Väntetid i antal dagar från ansökan"),
        "from the catalog"
    );
    assert_eq!(k.unit.as_deref(), Some("dagar"));
    assert_eq!(k.direction, Some(Direction::LowerIsBetter));
    assert_eq!(k.name(), "Väntetid försörjningsstöd");
    assert_eq!(k.decimals, Some(0));
    assert_eq!(
        k.operating_area.as_deref(),
        Some("Individ- och familjeomsorg")
    );
    let k = data.kpi("U31462").unwrap();
    assert_eq!(k.title, "Egen titel");
    assert_eq!(k.direction, Some(Direction::HigherIsBetter));
    assert_eq!(data.kpi("U33401").unwrap().direction, None);
    assert_eq!(
        data.findings
            .items()
            .iter()
            .filter(|f| f.severity == Severity::Warning)
            .count(),
        2
    );

    let json = std::fs::read_to_string(fixture("v3_kpi_metadata_ifo_reconstructed.json")).unwrap();
    let data = load_folder(folder(&[("nyckeltal.json", &json)]).path());
    assert_eq!(data.kpis.len(), 23);
    let k = data.kpi("U31462").unwrap();
    assert!(k.title.ends_with("andel (%)"), "{}", k.title);
    assert_eq!(
        k.operating_area.as_deref(),
        Some("Individ- och familjeomsorg")
    );
}

#[test]
fn own_statistics_are_grouped_per_id_with_years_and_months() {
    let csv = "\
Id;Titel;Enhet;Period;Värde
aterkrav_beslut;Beslut om återkrav;antal;2019;19
aterkrav_beslut;Beslut om återkrav;antal;2020;27
hushall;Hushåll med ekonomiskt bistånd;antal;2022-01;412
hushall;Hushåll med ekonomiskt bistånd;antal;2022-02;
hushall;Hushåll med ekonomiskt bistånd;antal;2022-13;400
";
    let data = load_folder(folder(&[("statistik.csv", csv)]).path());
    assert_eq!(data.own.len(), 2);
    assert_eq!(data.own[0].value(OwnPeriod::Year(2020)), Some(27.0));
    assert_eq!(data.own[1].title, "Hushåll med ekonomiskt bistånd");
    assert_eq!(data.own[1].points.len(), 2);
    assert_eq!(data.own[1].points[1].value, None);
    assert_eq!(
        messages(&data),
        vec![
            "avvisad: statistik.csv › rad 6, kolumn 4 (Period): Period ska vara ett år (2022) eller en månad (2022-03); raden används inte"
        ]
    );
}

#[test]
fn a_folder_without_indicator_files_gives_none() {
    let dir = folder(&[("rapporter.csv", "Id\n")]);
    assert!(load(dir.path(), &Settings::default()).unwrap().is_none());
}

#[test]
fn json_elements_are_located_by_post() {
    let json = r#"{"values":[
        {"kpi":"N00945","municipality":"0180","period":2014,"values":[{"gender":"T","value":1.5},{"gender":"X","value":2}]},
        {"kpi":"N00945","municipality":"9999","period":2014,"values":[{"gender":"T","value":null}]},
        {"municipality":"0180"}
    ],"count":3,"next_url":"https://example.invalid/page2"}"#;
    let data = load_folder(folder(&[("indikatorer.json", json)]).path());
    assert_eq!(
        messages(&data),
        vec![
            "varning: indikatorer.json: filen är en sida av flera (next_url är satt); bara den här sidan läses",
            "avvisad: indikatorer.json › post 1: gender ska vara T, K eller M; värdet används inte",
            "avvisad: indikatorer.json › post 2: okänd kommunkod; värdet används inte",
            "avvisad: indikatorer.json › post 3: posten saknar kpi, municipality eller period; den används inte",
        ]
    );
    assert_eq!(data.values.len(), 1);
}

#[test]
fn a_file_without_a_header_row_is_fatal() {
    let data = load_folder(folder(&[("indikatorer.csv", "a;b\n1;2\n")]).path());
    assert_eq!(
        messages(&data),
        vec![
            "fel: indikatorer.csv: hittade ingen rubrikrad bland de första 20 raderna; filen behöver minst kolumnerna KPI, Kommun, Period, Värde"
        ]
    );
    assert!(data.values.is_empty());
}

#[test]
fn an_xlsx_long_table_gives_the_same_values_as_the_csv() {
    let dir = tempfile::tempdir().unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let sheet = wb.add_worksheet();
    for (r, line) in N00945_CSV.lines().enumerate() {
        for (c, cell) in line.split(';').enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell.replace(',', ".").parse::<f64>() {
                // Kommun stays text, as Excel keeps "0180" only as text.
                Ok(n) if r > 0 && c != 1 => sheet.write_number(r, c, n).map(|_| ()),
                _ => sheet.write_string(r, c, cell).map(|_| ()),
            }
            .unwrap();
        }
    }
    wb.save(dir.path().join("indikatorer.xlsx")).unwrap();
    let from_xlsx = load_folder(dir.path());
    let from_csv = load_folder(folder(&[("indikatorer.csv", N00945_CSV)]).path());
    assert!(from_xlsx.findings.is_empty(), "{:?}", messages(&from_xlsx));
    assert_eq!(from_xlsx.values, from_csv.values);
}

#[test]
fn positions_and_group_means_come_from_the_folders_values() {
    let mut csv = String::from("KPI;Kommun;Period;Värde\n");
    let kommuner: Vec<&str> = catalog::municipalities()
        .iter()
        .filter(|m| m.kind == "K")
        .map(|m| m.id)
        .take(40)
        .collect();
    for (i, id) in kommuner.iter().enumerate() {
        csv.push_str(&format!("U31402;{id};2022;{}\n", i + 1));
    }
    let meta = "Id;Riktning\nU31402;Lägre är bättre\n";
    let data = load_folder(folder(&[("indikatorer.csv", &csv), ("nyckeltal.csv", meta)]).path());
    assert_eq!(
        data.position("U31402", kommuner[0], 2022),
        Some(Quartile::Best)
    );
    assert_eq!(
        data.position("U31402", kommuner[39], 2022),
        Some(Quartile::Worst)
    );
    assert_eq!(
        data.position("U31402", kommuner[0], 2021),
        None,
        "no value that year"
    );
    let (mean, n) = data
        .group_mean("U31402", "G2328", 2022, Gender::Total)
        .unwrap();
    assert_eq!((mean, n), (20.5, 40));
    assert_eq!(
        data.group_mean("U31402", "G2328", 2021, Gender::Total),
        None
    );
}

#[test]
fn a_target_is_read_from_the_malvarde_column() {
    let csv = "\
Id;Riktning;Målvärde
U31402;Lägre är bättre;14
U31462;Högre är bättre;83,5
U33401;;mycket
";
    let data = load_folder(folder(&[("nyckeltal.csv", csv)]).path());
    assert_eq!(data.kpi("U31402").unwrap().target, Some(14.0));
    assert_eq!(data.kpi("U31462").unwrap().target, Some(83.5));
    assert_eq!(data.kpi("U33401").unwrap().target, None);
    let warnings: Vec<String> = data
        .findings
        .items()
        .iter()
        .map(|f| f.to_string())
        .collect();
    assert_eq!(
        warnings,
        [
            "varning: nyckeltal.csv › rad 4, kolumn 3 (Målvärde): Målvärde ska vara ett tal; nyckeltalet får inget mål"
        ]
    );
}
