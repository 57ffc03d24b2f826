//! One raw cell as a reader found it, and the parsers that turn it into a date, a yes/no or a
//! number. Errors name what was expected, never the value found.

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate};

/// A cell as read, before any meaning is given to it. Text borrows from the reader's buffers
/// where it can (an xlsx file's shared strings), so a row costs no allocation.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum RawCell<'a> {
    #[default]
    Empty,
    Text(Cow<'a, str>),
    Number(f64),
    /// A real spreadsheet date (time of day dropped).
    Date(NaiveDate),
    Bool(bool),
    /// A spreadsheet error value such as `#N/A`, or a formula without a cached value.
    Error,
}

fn trim(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
}

/// `s` composed (Unicode NFC) when it is not already: "a" and a combining ring, as macOS and
/// some web exports write "å", become the one "å", so that names compare, group and show as
/// one. Every cell's text passes here, the one place text enters ([`RawCell::text`]).
fn composed(s: &str) -> Option<String> {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    // Every character below U+0300 (where the combining marks begin) is composed already:
    // ASCII, and Swedish text with å, ä, ö, é. In UTF-8 such text has no byte from 0xCC up.
    if s.bytes().all(|b| b < 0xCC) || is_nfc_quick(s.chars()) == IsNormalized::Yes {
        return None;
    }
    let nfc: String = s.nfc().collect();
    (nfc != s).then_some(nfc)
}

impl<'a> RawCell<'a> {
    /// Text cells are trimmed and composed (NFC); empty text is `Empty`.
    pub fn text(s: &'a str) -> RawCell<'a> {
        let t = trim(s);
        if t.is_empty() {
            RawCell::Empty
        } else if let Some(nfc) = composed(t) {
            RawCell::Text(Cow::Owned(nfc))
        } else {
            RawCell::Text(Cow::Borrowed(t))
        }
    }

    /// A text that [`RawCell::text`] would keep as it is (trimmed and composed already),
    /// borrowed without looking at it again; empty text is `Empty`.
    pub fn normalized_text(s: &'a str) -> RawCell<'a> {
        if s.is_empty() {
            RawCell::Empty
        } else {
            RawCell::Text(Cow::Borrowed(s))
        }
    }

    /// Whether this cell, made by [`RawCell::text`] from `s`, is `s` as it was: a later cell
    /// from the same `s` can then be [`RawCell::normalized_text`].
    pub fn is_unchanged(&self, s: &str) -> bool {
        match self {
            RawCell::Empty => s.is_empty(),
            RawCell::Text(Cow::Borrowed(t)) => t.len() == s.len(),
            _ => false,
        }
    }

    /// Like [`RawCell::text`], for text the reader does not keep.
    pub fn text_owned(s: String) -> RawCell<'static> {
        let t = trim(&s);
        if t.is_empty() {
            RawCell::Empty
        } else if let Some(nfc) = composed(t) {
            RawCell::Text(Cow::Owned(nfc))
        } else if t.len() == s.len() {
            RawCell::Text(Cow::Owned(s))
        } else {
            RawCell::Text(Cow::Owned(t.to_string()))
        }
    }

    /// Like [`RawCell::text`], copied: for text in a buffer the cell outlives.
    pub fn text_copied(s: &str) -> RawCell<'static> {
        match RawCell::text(s) {
            RawCell::Text(t) => RawCell::Text(Cow::Owned(t.into_owned())),
            _ => RawCell::Empty,
        }
    }

    /// The text of a text cell, without copying.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            RawCell::Text(s) => Some(s),
            _ => None,
        }
    }

    pub fn is_empty(&self) -> bool {
        matches!(self, RawCell::Empty)
    }

    /// Whether the cell holds a spreadsheet error value: a typed error (`#REF!` in an xlsx
    /// cell, a formula without a value) or, in a CSV file, the text Excel writes for one.
    pub fn is_error_value(&self) -> bool {
        match self {
            RawCell::Error => true,
            RawCell::Text(t) => is_error_literal(t),
            _ => false,
        }
    }

    /// The cell as an identifier or category string: integral numbers lose their ".0" so that
    /// an Id typed as a number in Excel equals the same Id in a CSV.
    pub fn as_key(&self) -> Option<String> {
        match self {
            RawCell::Empty | RawCell::Error => None,
            RawCell::Text(s) => Some(s.to_string()),
            RawCell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => {
                Some(format!("{}", *n as i64))
            }
            RawCell::Number(n) => Some(n.to_string()),
            RawCell::Date(d) => Some(d.format("%Y-%m-%d").to_string()),
            RawCell::Bool(b) => Some(if *b { "Ja" } else { "Nej" }.to_string()),
        }
    }
}

/// The error values Excel shows, in English and Swedish Excel.
const ERROR_LITERALS: &[&str] = &[
    "#NULL!",
    "#DIV/0!",
    "#VALUE!",
    "#REF!",
    "#NAME?",
    "#NUM!",
    "#N/A",
    "#SPILL!",
    "#CALC!",
    "#GETTING_DATA",
    "#SKÄRNING!",
    "#DIVISION/0!",
    "#VÄRDEFEL!",
    "#REFERENS!",
    "#NAMN?",
    "#OGILTIGT!",
    "#SAKNAS!",
    "#BERÄKNING!",
];

/// Whether `text` is one of the error values Excel writes into a CSV file for a formula.
pub fn is_error_literal(text: &str) -> bool {
    let t = text.trim();
    t.starts_with('#') && ERROR_LITERALS.iter().any(|e| e.eq_ignore_ascii_case(t))
}

/// Why a cell could not be read as what its column needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellError {
    /// Not a date in any accepted form.
    NotADate,
    /// Looks like a date, but no calendar holds it (30 February, month 13) or the year is
    /// outside 1900–2100.
    ImpossibleDate,
    NotYesNo,
    NotANumber,
    /// The spreadsheet holds an error value or a formula without a cached result.
    ErrorValue,
}

impl CellError {
    /// The reason in Swedish.
    pub fn reason(self) -> &'static str {
        match self {
            CellError::NotADate => {
                "är inget datum (använd ÅÅÅÅ-MM-DD, D/M/ÅÅÅÅ eller ett riktigt datum i Excel)"
            }
            CellError::ImpossibleDate => {
                "är ett datum som inte finns i kalendern eller ligger utanför 1900–2100"
            }
            CellError::NotYesNo => "ska vara Ja eller Nej",
            CellError::NotANumber => "är inget tal",
            CellError::ErrorValue => "innehåller ett felvärde eller en formel utan beräknat värde",
        }
    }
}

const MIN_YEAR: i32 = 1900;
const MAX_YEAR: i32 = 2100;

/// Reads a date: a real spreadsheet date, an Excel serial number, or text as `2022-03-14`,
/// `2022-03-14 10:15`, `2022-03-14T10:15:00`, `14/3/2022`, `14.3.2022`, `2022/03/14` or
/// `20220314`. Empty gives `Ok(None)`.
pub fn parse_date(cell: &RawCell<'_>) -> Result<Option<NaiveDate>, CellError> {
    parse_date_in(cell, false)
}

/// [`parse_date`] in a workbook whose date numbers count from 1904 when `from_1904`.
pub fn parse_date_in(cell: &RawCell<'_>, from_1904: bool) -> Result<Option<NaiveDate>, CellError> {
    match cell {
        RawCell::Empty => Ok(None),
        RawCell::Date(d) => check_year(*d).map(Some),
        RawCell::Number(n) => serial_to_date(*n, from_1904).map(Some),
        RawCell::Text(s) => parse_date_text(s).map(Some),
        RawCell::Bool(_) => Err(CellError::NotADate),
        RawCell::Error => Err(CellError::ErrorValue),
    }
}

fn check_year(d: NaiveDate) -> Result<NaiveDate, CellError> {
    if (MIN_YEAR..=MAX_YEAR).contains(&d.year()) {
        Ok(d)
    } else {
        Err(CellError::ImpossibleDate)
    }
}

/// Days between Excel's two date systems: day 0 of the 1904 system is day 1462 of 1900's.
const DAYS_1900_TO_1904: i64 = 1_462;

/// Excel's serial day numbers: in the 1900 system day 25569 is 1970-01-01; in the 1904
/// system (`from_1904`) day 0 is 1904-01-01.
fn serial_to_date(n: f64, from_1904: bool) -> Result<NaiveDate, CellError> {
    let shift = if from_1904 { DAYS_1900_TO_1904 } else { 0 };
    if !n.is_finite() || !(1.0..2_958_466.0).contains(&(n + shift as f64)) {
        return Err(CellError::NotADate);
    }
    let days = n.floor() as i64 + shift - 25_569;
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid epoch");
    let d = epoch
        .checked_add_signed(chrono::Duration::days(days))
        .ok_or(CellError::ImpossibleDate)?;
    check_year(d)
}

fn parse_date_text(s: &str) -> Result<NaiveDate, CellError> {
    let s = s.trim();
    // Drop a time of day: "2022-03-14 10:15", "2022-03-14T10:15:00".
    let date_part = s.split([' ', 'T']).next().unwrap_or(s);
    let nums: Vec<&str> = date_part.split(['-', '/', '.']).collect();
    let all_digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    let (y, m, d) = match nums.as_slice() {
        [one] if one.len() == 8 && all_digits(one) => (&one[..4], &one[4..6], &one[6..]),
        [a, b, c] if all_digits(a) && all_digits(b) && all_digits(c) => {
            if a.len() == 4 {
                (*a, *b, *c)
            } else if c.len() == 4 && a.len() <= 2 && b.len() <= 2 {
                (*c, *b, *a)
            } else {
                return Err(CellError::NotADate);
            }
        }
        _ => return Err(CellError::NotADate),
    };
    let (y, m, d): (i32, u32, u32) = match (y.parse(), m.parse(), d.parse()) {
        (Ok(y), Ok(m), Ok(d)) => (y, m, d),
        _ => return Err(CellError::NotADate),
    };
    let date = NaiveDate::from_ymd_opt(y, m, d).ok_or(CellError::ImpossibleDate)?;
    check_year(date)
}

/// Reads Ja/Nej (also J/N, Yes/No, 1/0, Sant/Falskt, X for yes). Empty gives `Ok(None)`.
pub fn parse_yes_no(cell: &RawCell<'_>) -> Result<Option<bool>, CellError> {
    match cell {
        RawCell::Empty => Ok(None),
        RawCell::Bool(b) => Ok(Some(*b)),
        RawCell::Number(n) if *n == 1.0 => Ok(Some(true)),
        RawCell::Number(n) if *n == 0.0 => Ok(Some(false)),
        RawCell::Text(s) => match crate::text::fold(s).as_str() {
            "ja" | "j" | "yes" | "y" | "sant" | "true" | "x" | "1" => Ok(Some(true)),
            "nej" | "n" | "no" | "falskt" | "false" | "0" => Ok(Some(false)),
            _ => Err(CellError::NotYesNo),
        },
        RawCell::Error => Err(CellError::ErrorValue),
        _ => Err(CellError::NotYesNo),
    }
}

/// Reads a number written the Swedish or the English way: `1 234,5`, `1234.5`, `−12`, `12 %`
/// is not a number here (percent signs are refused). Empty gives `Ok(None)`.
pub fn parse_number(cell: &RawCell<'_>) -> Result<Option<f64>, CellError> {
    match cell {
        RawCell::Empty => Ok(None),
        RawCell::Number(n) if n.is_finite() => Ok(Some(*n)),
        RawCell::Text(s) => parse_number_text(s).map(Some),
        RawCell::Error => Err(CellError::ErrorValue),
        _ => Err(CellError::NotANumber),
    }
}

fn parse_number_text(s: &str) -> Result<f64, CellError> {
    let mut t: String = s
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\''))
        .map(|c| if c == '\u{2212}' { '-' } else { c })
        .collect();
    let commas = t.matches(',').count();
    let dots = t.matches('.').count();
    // A separator that groups thousands is followed by exactly three digits each time.
    let groups = |t: &str, sep: char| {
        let int = t
            .split([',', '.'].into_iter().find(|&c| c != sep).unwrap_or(sep))
            .next();
        int.is_some_and(|i| i.split(sep).skip(1).all(|g| g.len() == 3))
    };
    if commas == 1 && dots == 0 {
        t = t.replace(',', ".");
    } else if commas == 1 && dots >= 1 {
        // "1.234,5": dots group thousands; "1,234.5": the comma does.
        if t.find('.') < t.find(',') {
            if !groups(&t, '.') {
                return Err(CellError::NotANumber);
            }
            t = t.replace('.', "").replace(',', ".");
        } else {
            if dots > 1 || !groups(&t, ',') {
                return Err(CellError::NotANumber);
            }
            t = t.replace(',', "");
        }
    } else if commas > 1 && dots <= 1 {
        // "1,438,805" or "1,438,805.5".
        if !groups(&t, ',') {
            return Err(CellError::NotANumber);
        }
        t = t.replace(',', "");
    } else if dots > 1 && commas == 0 {
        // "1.438.805".
        if !groups(&t, '.') {
            return Err(CellError::NotANumber);
        }
        t = t.replace('.', "");
    }
    if t.is_empty()
        || !t
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'))
    {
        return Err(CellError::NotANumber);
    }
    t.parse::<f64>()
        .ok()
        .filter(|n| n.is_finite())
        .ok_or(CellError::NotANumber)
}

/// A year 1900–2100, as a number or text; the error completes "Period …".
pub fn parse_year(cell: &RawCell<'_>) -> Result<i32, &'static str> {
    let n = match cell {
        RawCell::Empty => return Err("saknas"),
        RawCell::Number(n) => *n,
        RawCell::Text(t) => t
            .trim()
            .parse::<f64>()
            .map_err(|_| "ska vara ett år, till exempel 2022")?,
        _ => return Err("ska vara ett år, till exempel 2022"),
    };
    if n.fract() != 0.0 || !(MIN_YEAR as f64..=MAX_YEAR as f64).contains(&n) {
        return Err("ska vara ett år 1900–2100");
    }
    Ok(n as i32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_error_values_are_error_values_in_csv_text_too() {
        assert!(RawCell::Error.is_error_value());
        for t in [
            "#REF!",
            "#N/A",
            "#ref!",
            " #VÄRDEFEL! ",
            "#NAMN?",
            "#DIV/0!",
        ] {
            assert!(RawCell::text(t).is_error_value(), "{t}");
        }
        for t in ["REF!", "#1", "Enhet #REF!", "#", "# N/A"] {
            assert!(!RawCell::text(t).is_error_value(), "{t}");
        }
        assert!(!RawCell::Number(1.0).is_error_value());
    }

    #[test]
    fn years_are_read_from_numbers_and_text() {
        assert_eq!(parse_year(&RawCell::Number(2022.0)), Ok(2022));
        assert_eq!(parse_year(&RawCell::text(" 2019 ")), Ok(2019));
        assert!(parse_year(&RawCell::text("2022-03")).is_err());
        assert!(parse_year(&RawCell::Number(1800.0)).is_err());
        assert_eq!(parse_year(&RawCell::Empty), Err("saknas"));
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn text(s: &str) -> RawCell<'_> {
        RawCell::text(s)
    }

    #[test]
    fn dates_are_read_in_every_accepted_form() {
        for s in [
            "2022-03-14",
            "2022-03-14 10:15",
            "2022-03-14T10:15:00",
            "14/3/2022",
            "14.03.2022",
            "2022/03/14",
            "20220314",
            "14-3-2022",
        ] {
            assert_eq!(parse_date(&text(s)), Ok(Some(date(2022, 3, 14))), "{s}");
        }
        assert_eq!(
            parse_date(&RawCell::Date(date(2021, 12, 31))),
            Ok(Some(date(2021, 12, 31)))
        );
        assert_eq!(
            parse_date(&RawCell::Number(44634.0)),
            Ok(Some(date(2022, 3, 14)))
        );
        assert_eq!(parse_date(&RawCell::Empty), Ok(None));
    }

    #[test]
    fn text_is_composed_where_it_enters() {
        let decomposed = "Hemtja\u{308}nst Norr, Ha\u{30a}bo";
        let composed = "Hemtjänst Norr, Håbo";
        assert_ne!(decomposed, composed);
        assert_eq!(RawCell::text(decomposed), RawCell::text(composed));
        assert_eq!(
            RawCell::text_owned(format!(" {decomposed} ")),
            RawCell::text(composed)
        );
        assert!(matches!(
            RawCell::text(composed),
            RawCell::Text(Cow::Borrowed(_))
        ));
        assert_eq!(RawCell::text("\u{30a}").as_text(), Some("\u{30a}"));
    }

    #[test]
    fn every_character_below_the_combining_marks_is_composed() {
        use unicode_normalization::{IsNormalized, is_nfc_quick};
        for c in (0..0x300).filter_map(char::from_u32) {
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
            assert!(
                c.len_utf8() == 1 || c.to_string().as_bytes()[0] < 0xCC,
                "{c:?}"
            );
        }
        assert!("\u{300}".as_bytes()[0] >= 0xCC);
    }

    #[test]
    fn date_numbers_count_from_the_workbooks_date_system() {
        let n = RawCell::Number(45_000.0);
        assert_eq!(parse_date(&n), Ok(Some(date(2023, 3, 15))));
        assert_eq!(parse_date_in(&n, true), Ok(Some(date(2027, 3, 16))));
        assert_eq!(
            parse_date_in(&RawCell::Number(0.0), true),
            Ok(Some(date(1904, 1, 1)))
        );
        assert_eq!(parse_date(&RawCell::Number(0.0)), Err(CellError::NotADate));
        let d = RawCell::Date(date(2024, 5, 1));
        assert_eq!(parse_date_in(&d, true), Ok(Some(date(2024, 5, 1))));
    }

    #[test]
    fn impossible_dates_are_told_apart_from_non_dates() {
        assert_eq!(
            parse_date(&text("2022-02-30")),
            Err(CellError::ImpossibleDate)
        );
        assert_eq!(
            parse_date(&text("2022-13-01")),
            Err(CellError::ImpossibleDate)
        );
        assert_eq!(
            parse_date(&text("1899-12-31")),
            Err(CellError::ImpossibleDate)
        );
        assert_eq!(
            parse_date(&text("2201-01-01")),
            Err(CellError::ImpossibleDate)
        );
        assert_eq!(parse_date(&text("i går")), Err(CellError::NotADate));
        assert_eq!(parse_date(&text("3/14")), Err(CellError::NotADate));
        assert_eq!(parse_date(&RawCell::Error), Err(CellError::ErrorValue));
        assert_eq!(parse_date(&RawCell::Number(-5.0)), Err(CellError::NotADate));
    }

    #[test]
    fn yes_no_accepts_common_spellings() {
        assert_eq!(parse_yes_no(&text("Ja")), Ok(Some(true)));
        assert_eq!(parse_yes_no(&text("NEJ")), Ok(Some(false)));
        assert_eq!(parse_yes_no(&text("x")), Ok(Some(true)));
        assert_eq!(parse_yes_no(&RawCell::Number(0.0)), Ok(Some(false)));
        assert_eq!(parse_yes_no(&RawCell::Empty), Ok(None));
        assert_eq!(parse_yes_no(&text("kanske")), Err(CellError::NotYesNo));
    }

    #[test]
    fn numbers_are_read_with_decimal_comma_and_spaces() {
        assert_eq!(parse_number(&text("1 234,5")), Ok(Some(1234.5)));
        assert_eq!(
            parse_number(&text("1\u{a0}438\u{a0}805")),
            Ok(Some(1_438_805.0))
        );
        assert_eq!(parse_number(&text("\u{2212}12")), Ok(Some(-12.0)));
        assert_eq!(parse_number(&text("1.234,5")), Ok(Some(1234.5)));
        assert_eq!(parse_number(&text("1,234.5")), Ok(Some(1234.5)));
        assert_eq!(parse_number(&text("97151")), Ok(Some(97151.0)));
        assert_eq!(parse_number(&text("1.438.805")), Ok(Some(1_438_805.0)));
        assert_eq!(parse_number(&text("1,438,805")), Ok(Some(1_438_805.0)));
        assert_eq!(parse_number(&text("1,438,805.5")), Ok(Some(1_438_805.5)));
        assert_eq!(parse_number(&text("1.438.805,5")), Ok(Some(1_438_805.5)));
        // Separators that cannot be thousands groups are no number, not a guess.
        for s in [
            "1,2,3",
            "1.2.3",
            "12.34,5",
            "1,23.5",
            "1.234.5,6,7",
            "1,234.5.6",
        ] {
            assert_eq!(parse_number(&text(s)), Err(CellError::NotANumber), "{s}");
        }
        assert_eq!(parse_number(&text("12 kr")), Err(CellError::NotANumber));
        assert_eq!(parse_number(&text("NaN")), Err(CellError::NotANumber));
    }

    #[test]
    fn keys_from_numbers_lose_the_decimal_point() {
        assert_eq!(RawCell::Number(1234.0).as_key().as_deref(), Some("1234"));
        assert_eq!(RawCell::text("  AV-1 ").as_key().as_deref(), Some("AV-1"));
        assert_eq!(RawCell::text("   "), RawCell::Empty);
    }
}
