//! Tests of the shapes real exports have: own statistics as one column per period (wide), the
//! header words controllers use in every indicator input, and decimals kept as the data has them.

use super::load_tests::{folder, messages};
use super::*;

fn load_folder(files: &[(&str, &str)]) -> IndicatorData {
    load(folder(files).path(), &Settings::default())
        .unwrap()
        .unwrap()
}

#[test]
fn month_headers_are_read_with_the_year_of_the_row_or_their_own() {
    use OwnPeriod::{Month, Year};
    assert_eq!(
        OwnPeriod::parse_header("Januari", Some(2022)),
        Some(Month(2022, 1))
    );
    assert_eq!(
        OwnPeriod::parse_header("okt", Some(2022)),
        Some(Month(2022, 10))
    );
    assert_eq!(
        OwnPeriod::parse_header("Sept.", Some(2022)),
        Some(Month(2022, 9))
    );
    assert_eq!(
        OwnPeriod::parse_header("December 2021", None),
        Some(Month(2021, 12))
    );
    assert_eq!(
        OwnPeriod::parse_header("2022-03", None),
        Some(Month(2022, 3))
    );
    assert_eq!(OwnPeriod::parse_header("2019", None), Some(Year(2019)));
    assert_eq!(
        OwnPeriod::parse_header("2022-02-01", None),
        Some(Month(2022, 2))
    );
    assert_eq!(OwnPeriod::parse_header("Januari", None), None, "no year");
    assert_eq!(OwnPeriod::parse_header("Mått", Some(2022)), None);
    assert_eq!(OwnPeriod::parse_header("Summa", Some(2022)), None);
}

#[test]
fn the_long_form_is_read_with_the_words_of_a_controllers_export() {
    // Refused before with "obligatorisk kolumn \"Id\" saknas".
    let csv = "indikator;titel;enhet;period;varde\nhushall;Hushåll;antal;2022-01;613\n";
    let data = load_folder(&[("statistik.csv", csv)]);
    assert!(data.findings.is_empty(), "{:?}", messages(&data));
    assert_eq!(data.own[0].value(OwnPeriod::Month(2022, 1)), Some(613.0));
    for (id, value, period) in [
        ("Nyckeltal", "Utfall", "Månad"),
        ("Mått", "Antal", "År"),
        ("Mått-id", "Värde", "Period"),
        ("Variabel", "Belopp", "Tid"),
    ] {
        let csv = format!("{id};{value};{period}\nx;5;2022\n");
        let data = load_folder(&[("statistik.csv", &csv)]);
        assert!(data.findings.is_empty(), "{id}: {:?}", messages(&data));
        assert_eq!(data.own[0].value(OwnPeriod::Year(2022)), Some(5.0), "{id}");
    }
}

#[test]
fn indikatorer_and_nyckeltal_accept_the_same_words() {
    let values = "Indikator;Kommun;År;Utfall\nU31402;0305;2022;13\n";
    let meta = "Mått;Titel;Enhet\nU31402;Väntetid;dagar\n";
    let data = load_folder(&[("indikatorer.csv", values), ("nyckeltal.csv", meta)]);
    assert!(data.findings.is_empty(), "{:?}", messages(&data));
    assert_eq!(
        data.value("U31402", "0305", 2022, Gender::Total),
        Some(13.0)
    );
    assert_eq!(data.kpi("U31402").unwrap().title, "Väntetid");
}

/// Huddinge 2022's monthly series as Excel users keep them: a title, then one row per series
/// and one column per month. Only januari and oktober (hushåll) and januari, november and
/// december (utbetalt) are printed in the seed (line 396); the other months are filled.
const WIDE_MONTHS: &str = "\
Ekonomiskt bistånd per månad 2022
Mått;Titel;Enhet;År;Januari;Februari;Mars;April;Maj;Juni;Juli;Augusti;September;Oktober;November;December
hushall;Antal hushåll med ekonomiskt bistånd;antal;2022;613;607;601;598;590;585;581;577;570;559;561;563
utbetalt;Utbetalt ekonomiskt bistånd;kr;2022;5060123;4990000;4950000;4900000;4850000;4800000;4750000;4700000;4650000;4620000;4614321;4714000
";

#[test]
fn a_wide_monthly_series_below_a_title_is_read_month_by_month() {
    let data = load_folder(&[("statistik.csv", WIDE_MONTHS)]);
    assert_eq!(
        messages(&data),
        vec![
            "obs: statistik.csv › rad 2: rubrikraden är rad 2; rad 1 ovanför den (till exempel en titel) läses inte"
        ]
    );
    assert_eq!(
        data.reconciliations[0].to_string(),
        "statistik.csv: 2 rader lästa, 2 använda, 0 avvisade"
    );
    let hushall = &data.own[0];
    assert_eq!(hushall.points.len(), 12);
    assert_eq!(hushall.value(OwnPeriod::Month(2022, 1)), Some(613.0));
    assert_eq!(hushall.value(OwnPeriod::Month(2022, 10)), Some(559.0));
    let utbetalt = &data.own[1];
    assert_eq!(utbetalt.unit.as_deref(), Some("kr"));
    assert_eq!(
        utbetalt.value(OwnPeriod::Month(2022, 12)),
        Some(4_714_000.0)
    );
    assert_eq!(utbetalt.points[0].row, 4, "traced to its row");
}

#[test]
fn a_wide_table_with_years_as_columns_keeps_its_decimals() {
    // Huddinge's FUT amounts (seed line 436), with the decimals the seed prints.
    let csv = "\
Indikator;Titel;Enhet;2021;2022
fut_mindre;Mindre utbetalt efter kontroll;kr;613 477;435 935,05
fut_besparing;Uppskattad besparing;kr;1 438 805;699644
";
    let data = load_folder(&[("statistik.csv", csv)]);
    assert!(data.findings.is_empty(), "{:?}", messages(&data));
    assert_eq!(data.own[0].value(OwnPeriod::Year(2022)), Some(435_935.05));
    assert_eq!(data.own[0].value(OwnPeriod::Year(2021)), Some(613_477.0));
    assert_eq!(data.own[1].value(OwnPeriod::Year(2021)), Some(1_438_805.0));
}

#[test]
fn a_bad_cell_of_a_wide_row_is_left_out_and_the_rest_of_the_row_used() {
    let csv = "Id;År;Januari;Februari;Mars\nhushall;2022;613;många;\nutan_ar;;1;2;3\n";
    let data = load_folder(&[("statistik.csv", csv)]);
    assert_eq!(
        messages(&data),
        vec![
            "varning: statistik.csv › rad 2, kolumn 4 (Februari): Värde är inget tal; värdet används inte",
            "avvisad: statistik.csv › rad 3, kolumn 2 (År): kolumnerna är månader utan år; skriv året i kolumnen År (2022) eller i rubrikerna (Januari 2022, 2022-01); raden används inte",
        ]
    );
    assert_eq!(data.own.len(), 1);
    assert_eq!(data.own[0].points.len(), 1, "an empty cell is no value");
    assert_eq!(
        data.reconciliations[0].to_string(),
        "statistik.csv: 2 rader lästa, 1 använd, 1 avvisad"
    );
}

#[test]
fn a_table_with_a_value_column_stays_long_whatever_its_other_headers() {
    let csv = "Id;Period;Värde;2022\nx;2021;5;9\n";
    let data = load_folder(&[("statistik.csv", csv)]);
    assert!(data.findings.is_empty(), "{:?}", messages(&data));
    assert_eq!(data.own[0].points.len(), 1);
    assert_eq!(data.own[0].value(OwnPeriod::Year(2021)), Some(5.0));
}

#[test]
fn the_wide_shape_is_no_excuse_for_a_missing_id() {
    let data = load_folder(&[("statistik.csv", "Titel;2021;2022\nx;1;2\n")]);
    assert_eq!(
        messages(&data),
        vec!["fel: statistik.csv › rad 1: obligatorisk kolumn \"Id\" saknas"]
    );
}

#[test]
fn a_wide_xlsx_sheet_gives_the_same_series_as_the_csv() {
    // As Excel keeps it: a title in A1, an empty row, years as numbers in the header.
    let csv = WIDE_MONTHS;
    let dir = tempfile::tempdir().unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let sheet = wb.add_worksheet();
    let month = rust_xlsxwriter::Format::new().set_num_format("mmm yyyy");
    for (r, line) in csv.lines().enumerate() {
        let r = if r == 0 { 0 } else { r as u32 + 1 };
        for (c, cell) in line.split(';').enumerate() {
            let c = c as u16;
            match cell.parse::<f64>() {
                Ok(n) => sheet.write_number(r, c, n).map(|_| ()),
                // The month headers of the second half as real dates.
                Err(_) if r == 2 && c >= 10 => {
                    let d =
                        rust_xlsxwriter::ExcelDateTime::from_ymd(2022, (c - 3) as u8, 1).unwrap();
                    sheet
                        .write_datetime_with_format(r, c, &d, &month)
                        .map(|_| ())
                }
                Err(_) => sheet.write_string(r, c, cell).map(|_| ()),
            }
            .unwrap();
        }
    }
    wb.save(dir.path().join("statistik.xlsx")).unwrap();
    let from_xlsx = load(dir.path(), &Settings::default()).unwrap().unwrap();
    let from_csv = load_folder(&[("statistik.csv", csv)]);
    assert_eq!(
        messages(&from_xlsx),
        vec![
            "obs: statistik.xlsx › Sheet1 › rad 3: rubrikraden är rad 3; rad 1–2 ovanför den (till exempel en titel) läses inte"
        ]
    );
    let strip = |d: &IndicatorData| -> Vec<(String, OwnPeriod, Option<f64>)> {
        (d.own.iter())
            .flat_map(|s| s.points.iter().map(|p| (s.id.clone(), p.period, p.value)))
            .collect()
    };
    assert_eq!(strip(&from_xlsx), strip(&from_csv));
    assert_eq!(from_xlsx.own[0].points.len(), 12);
}

#[test]
fn a_kommun_cell_habo_is_habo_not_haabo() {
    let values = "Indikator;Kommun;År;Utfall\nU31402;Habo;2022;13\nU31402;Håbo;2022;7\n";
    let data = load_folder(&[("indikatorer.csv", values)]);
    assert!(data.findings.is_empty(), "{:?}", messages(&data));
    assert_eq!(
        data.value("U31402", "0643", 2022, Gender::Total),
        Some(13.0)
    );
    assert_eq!(data.value("U31402", "0305", 2022, Gender::Total), Some(7.0));
}
