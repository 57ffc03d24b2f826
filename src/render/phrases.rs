//! Swedish phrases built from figures for the report's prose: "en ökning med 17 (12 %)
//! jämfört med 2021", "A (12), B (7) och C (3)".

use crate::base::format;
use crate::compute::Ratio;
use crate::compute::figures::{Named, Pair};

/// How this year's count compares with last year's, as a phrase; empty when either is unknown.
pub fn change(pair: Pair, previous_year: Option<i64>) -> String {
    let (Some(now), Some(before), Some(year)) = (pair.ar, pair.fg, previous_year) else {
        return String::new();
    };
    let diff = now - before;
    let rel = Ratio::change(before, now).map(|r| {
        format!(
            " ({})",
            format::percent(
                Ratio {
                    num: r.num.abs(),
                    den: r.den
                },
                0
            )
        )
    });
    match diff {
        0 => format!("lika många som {year}"),
        d if d > 0 => format!(
            "en ökning med {}{} jämfört med {year} ({})",
            format::int(d),
            rel.unwrap_or_default(),
            format::int(before)
        ),
        d => format!(
            "en minskning med {}{} jämfört med {year} ({})",
            format::int(-d),
            rel.unwrap_or_default(),
            format::int(before)
        ),
    }
}

/// The first `n` items as "A (12), B (7) och C (3)"; empty for no items. With `lower`, names
/// start with a small letter as in running Swedish text ("processer och rutiner"), except
/// abbreviations ("IVO").
pub fn list(items: &[Named], n: usize, lower: bool) -> String {
    let parts: Vec<String> = items
        .iter()
        .take(n)
        .map(|i| {
            let name = if lower {
                lower_first(&i.namn)
            } else {
                i.namn.clone()
            };
            format!(
                "{} ({})",
                super::markdown::escape(&name),
                format::int(i.antal)
            )
        })
        .collect();
    and_list(&parts)
}

/// "a, b och c"; empty for no parts.
pub fn and_list(parts: &[String]) -> String {
    match parts.len() {
        0 => String::new(),
        1 => parts[0].clone(),
        k => format!("{} och {}", parts[..k - 1].join(", "), parts[k - 1]),
    }
}

/// Lower-cases the first letter unless the second is a capital too (an abbreviation).
pub fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(_), Some(b)) if b.is_uppercase() => s.to_string(),
        (Some(a), _) => a.to_lowercase().chain(s.chars().skip(1)).collect(),
        (None, _) => String::new(),
    }
}

/// A count with its noun in the right number: "1 avvikelse", "155 avvikelser", "inga
/// avvikelser"; "–" and the plural when unknown.
pub fn count(n: Option<i64>, one: &str, many: &str) -> String {
    match n {
        Some(0) => format!("inga {many}"),
        Some(1) => format!("1 {one}"),
        Some(n) => format!("{} {many}", format::int(n)),
        None => format!("{} {many}", format::MISSING),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(ar: i64, fg: i64) -> Pair {
        Pair {
            ar: Some(ar),
            fg: Some(fg),
        }
    }

    #[test]
    fn changes_read_as_swedish_phrases() {
        assert_eq!(
            change(pair(155, 138), Some(2021)),
            "en ökning med 17 (12\u{a0}%) jämfört med 2021 (138)"
        );
        assert_eq!(
            change(pair(120, 160), Some(2021)),
            "en minskning med 40 (25\u{a0}%) jämfört med 2021 (160)"
        );
        assert_eq!(change(pair(7, 7), Some(2021)), "lika många som 2021");
        assert_eq!(
            change(pair(3, 0), Some(2021)),
            "en ökning med 3 jämfört med 2021 (0)"
        );
        assert_eq!(
            change(
                Pair {
                    ar: Some(3),
                    fg: None
                },
                Some(2021)
            ),
            ""
        );
        assert_eq!(change(pair(3, 2), None), "");
    }

    #[test]
    fn counts_agree_in_number() {
        assert_eq!(count(Some(1), "avvikelse", "avvikelser"), "1 avvikelse");
        assert_eq!(count(Some(0), "avvikelse", "avvikelser"), "inga avvikelser");
        assert_eq!(
            count(Some(1500), "rapport", "rapporter"),
            "1\u{a0}500 rapporter"
        );
        assert_eq!(count(None, "rapport", "rapporter"), "– rapporter");
    }

    #[test]
    fn lists_join_with_och() {
        let items: Vec<Named> = [("A", 12), ("B", 7), ("C", 3), ("D", 1)]
            .iter()
            .map(|(n, a)| Named {
                namn: n.to_string(),
                antal: *a,
            })
            .collect();
        assert_eq!(list(&items, 3, false), "A (12), B (7) och C (3)");
        assert_eq!(list(&items[..1], 3, false), "A (12)");
        assert_eq!(list(&[], 3, false), "");
    }

    #[test]
    fn lower_case_keeps_abbreviations() {
        assert_eq!(
            lower_first("Processer och rutiner"),
            "processer och rutiner"
        );
        assert_eq!(lower_first("IVO-ärenden"), "IVO-ärenden");
        assert_eq!(lower_first("Ärendehantering"), "ärendehantering");
        assert_eq!(lower_first(""), "");
    }
}
