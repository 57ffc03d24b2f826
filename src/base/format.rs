//! Swedish number formatting, once: decimal comma, non-breaking space between thousands,
//! `38 %`, a true minus sign, "–" for missing. Rounding (half away from zero) happens here,
//! for display only, from exact values.

use super::{Ratio, Value};

/// Non-breaking space, between thousands and before "%".
pub const NBSP: char = '\u{a0}';
/// The true minus sign.
pub const MINUS: char = '\u{2212}';
/// Shown for a missing value.
pub const MISSING: &str = "–";
/// Shown for a value suppressed because its base is too small.
pub const SUPPRESSED: &str = "..";

/// The months in Swedish, January first, as written inside a sentence.
pub const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];

/// The month `m` (1–12) as a row label: "Januari".
pub fn month_label(m: usize) -> String {
    let name = MONTHS[m - 1];
    let mut label = name.to_string();
    label[..1].make_ascii_uppercase();
    label
}

/// A date as written in Swedish prose: "1 juli 2025".
pub fn long_date(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
}

/// Groups the digits of a non-negative integer in threes: 1438805 → "1 438 805".
fn group(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(NBSP);
        }
        out.push(c);
    }
    out
}

/// An integer: `1 438 805`, `−12`.
pub fn int(n: i64) -> String {
    let body = group(&n.unsigned_abs().to_string());
    if n < 0 {
        format!("{MINUS}{body}")
    } else {
        body
    }
}

/// A count and its noun in the singular or the plural: `1 bild`, `1 438 bilder`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    let noun = if n == 1 { one } else { many };
    format!("{} {noun}", int(i64::try_from(n).unwrap_or(i64::MAX)))
}

/// A rational rounded to `decimals` places: `42,9`, `1 234,50`, `−0,5`. Zero after rounding
/// never carries a minus sign.
pub fn decimal(r: Ratio, decimals: u32) -> String {
    let scaled = r.round_scaled(decimals);
    let digits = scaled.unsigned_abs().to_string();
    let d = decimals as usize;
    let padded = if digits.len() <= d {
        format!("{}{digits}", "0".repeat(d + 1 - digits.len()))
    } else {
        digits
    };
    let (int_part, frac) = padded.split_at(padded.len() - d);
    let mut out = String::new();
    if scaled < 0 {
        out.push(MINUS);
    }
    out.push_str(&group(int_part));
    if d > 0 {
        out.push(',');
        out.push_str(frac);
    }
    out
}

/// A share given as a fraction, in percent: 0.3809 → `38 %`.
pub fn percent(share: Ratio, decimals: u32) -> String {
    format!("{}{NBSP}%", decimal(share.scale(100), decimals))
}

/// Adds a plus sign to a positive figure; a negative one already carries its minus sign.
fn signed(body: String, negative: bool, zero: bool) -> String {
    if zero || negative {
        body
    } else {
        format!("+{body}")
    }
}

/// A change in count: `+12`, `−5`, `0`.
pub fn signed_int(n: i64) -> String {
    signed(int(n), n < 0, n == 0)
}

/// A relative change given as a fraction: `+12 %`, `−4 %`, `0 %`.
pub fn signed_percent(change: Ratio, decimals: u32) -> String {
    let scaled = change.scale(100).round_scaled(decimals);
    signed(percent(change, decimals), scaled < 0, scaled == 0)
}

/// A change between shares in procentenheter (the unit is in the column header): `+3`, `−1,5`.
pub fn signed_points(change: Ratio, decimals: u32) -> String {
    let scaled = change.scale(100).round_scaled(decimals);
    signed(
        decimal(change.scale(100), decimals),
        scaled < 0,
        scaled == 0,
    )
}

/// A measured value (`f64`, e.g. from Kolada) rounded to `decimals` places the Swedish way:
/// `38,6`, `1 234`, `−0,5`. The value is taken at its shortest exact decimal form
/// (`38.605` is 38 605/1000, not the binary number just below it), so half rounds away
/// from zero as a reader expects. Non-finite values are shown as missing.
pub fn number(v: f64, decimals: u32) -> String {
    match exact_decimal(v) {
        Some(r) => decimal(r, decimals),
        None => MISSING.to_string(),
    }
}

/// The shortest decimal that reads back as `v`, as a ratio; `None` for NaN and infinities.
fn exact_decimal(v: f64) -> Option<Ratio> {
    if !v.is_finite() {
        return None;
    }
    let text = format!("{v}");
    let (int_part, frac) = text.split_once('.').unwrap_or((&text, ""));
    if frac.len() > 18 || int_part.len() > 20 {
        // Too long for exact arithmetic: round in binary, which is then exact enough.
        return Ratio::new((v * 1e9).round() as i128, 1_000_000_000);
    }
    let num: i128 = format!("{int_part}{frac}").parse().ok()?;
    Ratio::new(num, 10i128.pow(frac.len() as u32))
}

/// Any table value as text.
pub fn value(v: &Value) -> String {
    match v {
        Value::Count { n } => int(*n),
        Value::Share { r, decimals } => percent(*r, *decimals),
        Value::Change { n } => signed_int(*n),
        Value::RelativeChange { r, decimals } => signed_percent(*r, *decimals),
        Value::PointChange { r, decimals } => signed_points(*r, *decimals),
        Value::Days { r, decimals } => decimal(*r, *decimals),
        Value::Missing => MISSING.to_string(),
        Value::Suppressed => SUPPRESSED.to_string(),
        Value::Number { r, decimals, unit } => match unit {
            Some(u) => format!("{}{NBSP}{u}", decimal(*r, *decimals)),
            None => decimal(*r, *decimals),
        },
        Value::NumberChange { r, decimals } => {
            let scaled = r.round_scaled(*decimals);
            signed(decimal(*r, *decimals), scaled < 0, scaled == 0)
        }
        Value::Text { text } => text.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn q(n: i128, d: i128) -> Ratio {
        Ratio::new(n, d).unwrap()
    }

    #[test]
    fn months_and_dates_in_swedish() {
        assert_eq!(month_label(1), "Januari");
        assert_eq!(month_label(12), "December");
        let date = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(long_date(date(2025, 7, 1)), "1 juli 2025");
        assert_eq!(long_date(date(2026, 12, 31)), "31 december 2026");
        assert_eq!(long_date(date(2024, 2, 29)), "29 februari 2024");
    }

    #[test]
    fn a_count_takes_the_singular_only_for_one() {
        assert_eq!(count(1, "bild", "bilder"), "1 bild");
        assert_eq!(count(0, "bild", "bilder"), "0 bilder");
        assert_eq!(count(2, "fotnot", "fotnoter"), "2 fotnoter");
        assert_eq!(count(1438, "cell", "celler"), "1\u{a0}438 celler");
    }

    #[test]
    fn integers_group_thousands_with_non_breaking_spaces() {
        assert_eq!(int(1_438_805), "1\u{a0}438\u{a0}805");
        assert_eq!(int(999), "999");
        assert_eq!(int(1000), "1\u{a0}000");
        assert_eq!(int(0), "0");
        assert_eq!(int(-12_345), "\u{2212}12\u{a0}345");
        assert_eq!(
            int(i64::MIN),
            "\u{2212}9\u{a0}223\u{a0}372\u{a0}036\u{a0}854\u{a0}775\u{a0}808"
        );
    }

    #[test]
    fn decimals_use_a_comma_and_round_half_away_from_zero() {
        assert_eq!(decimal(q(3, 7).scale(100), 1), "42,9");
        assert_eq!(decimal(q(5, 2), 0), "3");
        assert_eq!(decimal(q(-5, 2), 0), "\u{2212}3");
        assert_eq!(decimal(q(1, 200), 1), "0,0");
        assert_eq!(decimal(q(-1, 200), 1), "0,0");
        assert_eq!(decimal(q(-1, 20), 1), "\u{2212}0,1");
        assert_eq!(decimal(q(123_456_789, 100), 2), "1\u{a0}234\u{a0}567,89");
        assert_eq!(decimal(q(7, 100), 2), "0,07");
    }

    #[test]
    fn percent_has_a_space_before_the_sign() {
        assert_eq!(percent(q(16, 42), 0), "38\u{a0}%");
        assert_eq!(percent(q(794, 1000), 1), "79,4\u{a0}%");
        assert_eq!(percent(q(0, 5), 0), "0\u{a0}%");
    }

    #[test]
    fn changes_carry_a_sign() {
        assert_eq!(signed_int(17), "+17");
        assert_eq!(signed_int(-5), "\u{2212}5");
        assert_eq!(signed_int(0), "0");
        assert_eq!(signed_percent(q(17, 138), 0), "+12\u{a0}%");
        assert_eq!(signed_percent(q(-1, 250), 0), "0\u{a0}%");
        assert_eq!(signed_percent(q(-1, 4), 0), "\u{2212}25\u{a0}%");
        assert_eq!(signed_points(q(35, 1000), 1), "+3,5");
    }

    #[test]
    fn measured_values_round_half_away_from_zero_from_their_decimal_form() {
        assert_eq!(number(38.61051404, 1), "38,6");
        assert_eq!(number(38.605, 2), "38,61");
        assert_eq!(number(-0.05, 1), "\u{2212}0,1");
        assert_eq!(number(1_438_805.0, 0), "1\u{a0}438\u{a0}805");
        assert_eq!(number(13.0, 1), "13,0");
        assert_eq!(number(1e-30, 2), "0,00");
        assert_eq!(number(f64::NAN, 1), "–");
    }

    #[test]
    fn missing_is_a_dash() {
        assert_eq!(value(&Value::Missing), "–");
        assert_eq!(value(&Value::Suppressed), "..");
        assert_eq!(value(&Value::Count { n: 0 }), "0");
    }

    proptest! {
        #[test]
        fn formatted_integers_read_back(n in any::<i64>()) {
            let s = int(n).replace('\u{a0}', "").replace('\u{2212}', "-");
            prop_assert_eq!(s.parse::<i64>().unwrap(), n);
        }

        #[test]
        fn formatted_decimals_are_within_half_a_unit(num in -10_000_000i128..10_000_000, den in 1i128..5000, d in 0u32..4) {
            let s = decimal(q(num, den), d).replace('\u{a0}', "").replace('\u{2212}', "-").replace(',', ".");
            let shown: f64 = s.parse().unwrap();
            let exact = num as f64 / den as f64;
            prop_assert!((shown - exact).abs() <= 0.5 * 10f64.powi(-(d as i32)) + 1e-9);
        }
    }
}
