//! One table value as an export cell: a figure (an exact number, how many decimals and how it
//! is shown) or text. CSV and XLSX both start here, so they agree on what is a number.

use crate::base::format;
use crate::compute::{Ratio, Value};

/// A figure as a spreadsheet holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// The number stored: a fraction of 1 for percentages (0.38 shows as 38 %), procentenheter
    /// for a change between shares, else the value itself.
    pub value: Ratio,
    pub decimals: u32,
    /// Shown as a percentage.
    pub percent: bool,
    /// A change: positive values carry a plus sign.
    pub signed: bool,
    /// A unit shown after the number ("kr").
    pub unit: Option<String>,
}

/// A value as an export cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Number(Figure),
    /// Text: words, or the markers "–" (missing) and ".." (suppressed).
    Text(String),
}

/// The cell for a value. A suppressed value becomes "..", and nothing behind it is read.
pub fn cell(v: &Value) -> Cell {
    let figure = |value: Ratio, decimals: u32, percent: bool, signed: bool| {
        Cell::Number(Figure {
            value,
            decimals,
            percent,
            signed,
            unit: None,
        })
    };
    match v {
        Value::Count { n } => figure(Ratio::int(*n), 0, false, false),
        Value::Change { n } => figure(Ratio::int(*n), 0, false, true),
        Value::Share { r, decimals } => figure(*r, *decimals, true, false),
        Value::RelativeChange { r, decimals } => figure(*r, *decimals, true, true),
        Value::PointChange { r, decimals } => figure(r.scale(100), *decimals, false, true),
        Value::Days { r, decimals } => figure(*r, *decimals, false, false),
        Value::NumberChange { r, decimals } => figure(*r, *decimals, false, true),
        Value::Number { r, decimals, unit } => Cell::Number(Figure {
            value: *r,
            decimals: *decimals,
            percent: false,
            signed: false,
            unit: unit.clone(),
        }),
        Value::Missing => Cell::Text(format::MISSING.to_string()),
        Value::Suppressed => Cell::Text(format::SUPPRESSED.to_string()),
        Value::Text { text } => Cell::Text(text.clone()),
    }
}

impl Figure {
    /// The stored number as a float (what a spreadsheet cell holds).
    pub fn to_f64(&self) -> f64 {
        self.value.to_f64()
    }

    /// The figure as text that Swedish Excel reads as a number: rounded for display, decimal
    /// comma, ASCII minus, no thousands separator, `%` right after a percentage (`38,1%`), no
    /// unit and no plus sign.
    pub fn csv_text(&self) -> String {
        let text = if self.percent {
            format!("{}%", format::decimal(self.value.scale(100), self.decimals))
        } else {
            format::decimal(self.value, self.decimals)
        };
        text.replace(format::MINUS, "-").replace(format::NBSP, "")
    }

    /// The Excel number format. Format codes are stored in Excel's invariant (en-US) form:
    /// `#,##0.0` shows as `1 234,5` and `0 %` as `38 %` in a Swedish Excel, which puts in its
    /// own separators. Negative changes get a true minus sign, positive ones a plus.
    pub fn excel_format(&self) -> String {
        let digits = if self.decimals == 0 {
            String::new()
        } else {
            format!(".{}", "0".repeat(self.decimals as usize))
        };
        let mut body = if self.percent {
            format!("0{digits} %")
        } else {
            format!("#,##0{digits}")
        };
        if let Some(unit) = &self.unit {
            body.push_str(&format!("\" {}\"", unit.replace('"', "")));
        }
        if self.signed {
            format!("+{body};\"{}\"{body};{body}", format::MINUS)
        } else {
            body
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(n: i128, d: i128) -> Ratio {
        Ratio::new(n, d).unwrap()
    }

    fn figure(v: Value) -> Figure {
        match cell(&v) {
            Cell::Number(f) => f,
            Cell::Text(t) => panic!("text {t}"),
        }
    }

    #[test]
    fn counts_and_changes_are_plain_integers_for_csv() {
        assert_eq!(figure(Value::Count { n: 1234 }).csv_text(), "1234");
        assert_eq!(figure(Value::Change { n: -5 }).csv_text(), "-5");
        assert_eq!(figure(Value::Change { n: 7 }).csv_text(), "7");
    }

    #[test]
    fn shares_are_rounded_percentages_with_a_decimal_comma() {
        let share = figure(Value::Share {
            r: q(16, 42),
            decimals: 1,
        });
        assert_eq!(share.csv_text(), "38,1%");
        assert_eq!(share.to_f64(), 16.0 / 42.0);
        assert_eq!(share.excel_format(), "0.0 %");
        let change = figure(Value::RelativeChange {
            r: q(-1, 4),
            decimals: 0,
        });
        assert_eq!(change.csv_text(), "-25%");
        assert_eq!(change.excel_format(), "+0 %;\"\u{2212}\"0 %;0 %");
    }

    #[test]
    fn point_changes_are_stored_in_procentenheter() {
        let f = figure(Value::PointChange {
            r: q(35, 1000),
            decimals: 1,
        });
        assert_eq!(f.to_f64(), 3.5);
        assert_eq!(f.csv_text(), "3,5");
        assert_eq!(f.excel_format(), "+#,##0.0;\"\u{2212}\"#,##0.0;#,##0.0");
    }

    #[test]
    fn amounts_keep_their_unit_in_the_excel_format_only() {
        let f = figure(Value::Number {
            r: q(1_438_805, 1),
            decimals: 0,
            unit: Some("kr".into()),
        });
        assert_eq!(f.csv_text(), "1438805");
        assert_eq!(f.excel_format(), "#,##0\" kr\"");
        let days = figure(Value::Days {
            r: q(25, 2),
            decimals: 1,
        });
        assert_eq!(days.csv_text(), "12,5");
        assert_eq!(days.excel_format(), "#,##0.0");
    }

    proptest::proptest! {
        #[test]
        fn csv_figures_read_back_within_half_a_displayed_unit(
            num in -10_000_000i128..10_000_000,
            den in 1i128..5000,
            decimals in 0u32..3,
            percent in proptest::bool::ANY,
        ) {
            let f = Figure { value: q(num, den), decimals, percent, signed: true, unit: None };
            let text = f.csv_text();
            let plain = text.trim_end_matches('%').replace(',', ".");
            let shown: f64 = plain.parse().unwrap();
            let exact = f.to_f64() * if percent { 100.0 } else { 1.0 };
            proptest::prop_assert!((shown - exact).abs() <= 0.5 * 10f64.powi(-(decimals as i32)) + 1e-9);
            proptest::prop_assert_eq!(text.ends_with('%'), percent);
        }
    }

    #[test]
    fn missing_and_suppressed_are_markers_never_zero() {
        assert_eq!(cell(&Value::Missing), Cell::Text("–".into()));
        assert_eq!(cell(&Value::Suppressed), Cell::Text("..".into()));
    }
}
