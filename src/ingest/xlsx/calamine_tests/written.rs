//! Workbooks as rust_xlsxwriter (and so, closely, Excel) writes them.

use std::path::PathBuf;

use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook, Worksheet};
use tempfile::TempDir;

use super::{RawCell, date, same, text};

/// Writes a workbook whose sheets `fill` fills, one per name (hidden if the name starts
/// with `~`, which is dropped).
fn written(names: &[&str], fill: impl Fn(&str, &mut Worksheet)) -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("written.xlsx");
    let mut book = Workbook::new();
    for name in names {
        let sheet = book.add_worksheet();
        let shown = name.trim_start_matches('~');
        sheet.set_name(shown).unwrap();
        fill(shown, sheet);
        if name.starts_with('~') {
            sheet.set_hidden(true);
        }
    }
    book.save(&path).unwrap();
    (dir, path)
}

fn one(fill: impl Fn(&mut Worksheet)) -> (TempDir, PathBuf) {
    written(&["Blad1"], |_, s| fill(s))
}

const STRINGS: &[&str] = &[
    "Hemtjänst i Åre, Älvdalen och Örebro",
    "  inledande och avslutande blanksteg  ",
    "rad ett\nrad två\r\nrad tre",
    r#"&<>"' och &amp; &lt;"#,
    "_x000D_ ser ut som en escape_x0041_",
    "_x005F_x000D_",
    "emoji 👩‍⚕️ 🇸🇪 😀",
    "tabb\tinne",
    "styrtecken \u{1} och \u{1f}",
    "   ",
    "",
    "ett ord",
];

#[test]
fn strings_match() {
    let (_dir, path) = one(|s| {
        for (i, t) in STRINGS.iter().enumerate() {
            s.write_string(i as u32, 0, *t).unwrap();
            // The same text twice: a shared string used again.
            s.write_string(i as u32, 2, *t).unwrap();
        }
    });
    let cells = same(&path, "Blad1");
    // Every text reads back as written (trimmed), `_x000D_` and all.
    for (i, t) in STRINGS.iter().enumerate() {
        if !t.trim().is_empty() {
            assert!(cells.contains(&(i as u32, 0, text(t), false)), "{t:?}");
        }
    }
}

#[test]
fn numbers_match() {
    let numbers = [
        0.0,
        1.0,
        -1.0,
        42.0,
        -273.15,
        0.1 + 0.2,
        1e-300,
        -1e-300,
        1.7976931348623157e308,
        123456789012345680.0,
        9007199254740993.0,
        f64::MIN_POSITIVE,
        5e-324,
        -0.0,
        2.5e15,
    ];
    let (_dir, path) = one(|s| {
        let two = Format::new().set_num_format("0.00");
        for (i, n) in numbers.iter().enumerate() {
            s.write_number(i as u32, 0, *n).unwrap();
            s.write_number_with_format(i as u32, 1, *n, &two).unwrap();
        }
    });
    let cells = same(&path, "Blad1");
    assert_eq!(cells.len(), 2 * numbers.len());
    assert_eq!(cells[12], (6, 0, RawCell::Number(1e-300), false));
}

#[test]
fn booleans_match() {
    let (_dir, path) = one(|s| {
        s.write_boolean(0, 0, true).unwrap();
        s.write_boolean(0, 1, false).unwrap();
        s.write_boolean(3, 3, true).unwrap();
    });
    let cells = same(&path, "Blad1");
    assert_eq!(cells[1], (0, 1, RawCell::Bool(false), false));
}

#[test]
fn dates_times_and_durations_match() {
    let day = ExcelDateTime::from_ymd(2024, 2, 29).unwrap();
    let moment = ExcelDateTime::from_ymd(1999, 12, 31)
        .unwrap()
        .and_hms(23, 59, 59.5)
        .unwrap();
    let time = ExcelDateTime::from_hms(13, 30, 0).unwrap();
    let early = ExcelDateTime::from_ymd(1900, 1, 1).unwrap();
    let leap = ExcelDateTime::from_ymd(1900, 3, 1).unwrap();
    let formats = [
        Format::new().set_num_format("yyyy-mm-dd"),
        Format::new().set_num_format_index(14),
        Format::new().set_num_format("d mmm yyyy"),
        Format::new().set_num_format("[h]:mm:ss"),
        Format::new().set_num_format("hh:mm"),
        Format::new().set_num_format("yyyy-mm-dd hh:mm:ss"),
        Format::new().set_num_format("[$-41D]d mmmm yyyy;@"),
        Format::new().set_num_format("mm:ss.0"),
        Format::new().set_num_format("0.00"),
    ];
    let (_dir, path) = one(|s| {
        for (c, format) in formats.iter().enumerate() {
            let c = c as u16;
            s.write_datetime_with_format(0, c, &day, format).unwrap();
            s.write_datetime_with_format(1, c, &moment, format).unwrap();
            s.write_datetime_with_format(2, c, &time, format).unwrap();
            s.write_datetime_with_format(3, c, &early, format).unwrap();
            s.write_datetime_with_format(4, c, &leap, format).unwrap();
            // A duration of 50 hours, and a negative number, in the same format.
            s.write_number_with_format(5, c, 50.0 / 24.0, format)
                .unwrap();
            s.write_number_with_format(6, c, -1.5, format).unwrap();
        }
    });
    let cells = same(&path, "Blad1");
    assert!(cells.contains(&(0, 0, date(2024, 2, 29), false)));
    assert!(cells.contains(&(1, 2, date(1999, 12, 31), false)));
}

#[test]
fn formulas_with_and_without_results_match() {
    let (_dir, path) = one(|s| {
        s.write_number(0, 0, 2.0).unwrap();
        s.write_formula(0, 1, "=A1*2").unwrap();
        s.write_formula(0, 2, Formula::new("=A1*3").set_result("6"))
            .unwrap();
        s.write_formula(0, 3, Formula::new("=\"a\"&\"b\"").set_result("ab"))
            .unwrap();
        s.write_formula(0, 4, Formula::new("=A1>1").set_result("TRUE"))
            .unwrap();
        s.write_formula(0, 5, Formula::new("=1/0").set_result("#DIV/0!"))
            .unwrap();
        s.write_formula(0, 6, Formula::new("=\"  x & y  \"").set_result("  x & y  "))
            .unwrap();
        s.write_formula(0, 7, Formula::new("=TODAY()").set_result(""))
            .unwrap();
        let day = Format::new().set_num_format("yyyy-mm-dd");
        s.write_formula_with_format(
            0,
            8,
            Formula::new("=DATE(2024,1,2)").set_result("45293"),
            &day,
        )
        .unwrap();
        s.write_array_formula(1, 0, 1, 1, "{=A1:B1*2}").unwrap();
        s.write_dynamic_formula(2, 0, "=LEN(\"abc\")").unwrap();
    });
    let cells = same(&path, "Blad1");
    // rust_xlsxwriter writes 0 as the result of a formula given none.
    assert!(cells.contains(&(0, 1, RawCell::Number(0.0), false)));
    assert!(cells.contains(&(0, 2, RawCell::Number(6.0), false)));
    assert!(cells.contains(&(0, 3, text("ab"), false)));
    assert!(cells.contains(&(0, 8, date(2024, 1, 2), false)));
}

#[test]
fn rich_strings_match() {
    let bold = Format::new().set_bold();
    let red = Format::new().set_font_color(rust_xlsxwriter::Color::Red);
    let plain = Format::default();
    let (_dir, path) = one(|s| {
        s.write_rich_string(0, 0, &[(&bold, "Lex "), (&plain, "Sarah")])
            .unwrap();
        s.write_rich_string(
            1,
            0,
            &[(&red, " röd "), (&bold, "& fet "), (&plain, "<slut>")],
        )
        .unwrap();
    });
    let cells = same(&path, "Blad1");
    assert_eq!(cells[0], (0, 0, text("Lex Sarah"), false));
}

#[test]
fn merged_ranges_and_formatted_blanks_match() {
    let centred = Format::new().set_align(rust_xlsxwriter::FormatAlign::Center);
    let day = Format::new().set_num_format("yyyy-mm-dd");
    let (_dir, path) = one(|s| {
        s.merge_range(0, 0, 0, 3, "Rubrik över fyra", &centred)
            .unwrap();
        s.merge_range(2, 1, 5, 1, "", &centred).unwrap();
        s.write_blank(6, 0, &day).unwrap();
        s.write_blank(6, 2, &centred).unwrap();
        s.write_number(6, 1, 1.0).unwrap();
    });
    let cells = same(&path, "Blad1");
    assert_eq!(
        cells,
        [
            (0, 0, text("Rubrik över fyra"), false),
            (6, 1, RawCell::Number(1.0), false)
        ]
    );
}

#[test]
fn every_sheet_of_a_workbook_with_hidden_sheets_matches() {
    let names = ["Översikt", "~Dolt", "Data 2024", "~Gömt & glömt", "Tom"];
    let (_dir, path) = written(&names, |name, s| {
        if name == "Tom" {
            return;
        }
        s.write_string(0, 0, name).unwrap();
        s.write_number(1, 0, name.len() as f64).unwrap();
    });
    for name in names {
        let name = name.trim_start_matches('~');
        let cells = same(&path, name);
        assert_eq!(cells.len(), if name == "Tom" { 0 } else { 2 }, "{name}");
    }
}

#[test]
fn sheets_that_start_far_away_match() {
    let (_dir, path) = written(&["Långt bort", "Sist"], |name, s| {
        if name == "Sist" {
            s.write_string(1_048_575, 16_383, "XFD1048576").unwrap();
            s.write_number(1_048_575, 0, 1.0).unwrap();
            return;
        }
        for r in 0..3 {
            for c in 0..3 {
                s.write_number(70_000 + r, 700 + c, f64::from(r) * 10.0 + f64::from(c))
                    .unwrap();
            }
        }
    });
    assert_eq!(same(&path, "Långt bort")[0].0, 70_000);
    let last = same(&path, "Sist");
    assert_eq!(last[1], (1_048_575, 16_383, text("XFD1048576"), false));
}
