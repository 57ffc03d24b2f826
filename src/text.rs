//! Text matching shared by header and category matching: normalisation (case, accents,
//! punctuation) and "menade du …?" suggestions. Imports nothing of the crate.

mod fold;

pub use fold::fold;

/// A key-safe form of a name for table keys: folded, spaces as `_` ("Ekonomiskt bistånd" →
/// `ekonomiskt_bistand`).
pub fn slug(name: &str) -> String {
    fold(name).replace(' ', "_")
}

/// The candidate most like `input` (after folding), if it is close enough to be a likely typo.
pub fn suggest<'a, I>(input: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let folded = fold(input);
    if folded.is_empty() {
        return None;
    }
    let mut best: Option<(&'a str, f64)> = None;
    for cand in candidates {
        let score = strsim::normalized_damerau_levenshtein(&folded, &fold(cand));
        if best.is_none_or(|(_, s)| score > s) {
            best = Some((cand, score));
        }
    }
    best.filter(|&(_, score)| score >= 0.6).map(|(c, _)| c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    /// The fold as it was defined: the whole text decomposed, then filtered.
    fn fold_whole(s: &str) -> String {
        let mut out = String::new();
        let mut pending_space = false;
        for c in s.nfd() {
            if unicode_normalization::char::is_combining_mark(c) {
                continue;
            }
            if c.is_alphanumeric() {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.extend(c.to_lowercase());
            } else {
                pending_space = true;
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn folding_char_by_char_is_folding_the_whole_text(s in "\\PC{0,40}", t in "[a-zA-ZåäöÅÄÖéü \u{301}\u{308}\u{30a}İ.,-]{0,40}") {
            proptest::prop_assert_eq!(fold(&s), fold_whole(&s));
            proptest::prop_assert_eq!(fold(&t), fold_whole(&t));
        }
    }

    #[test]
    fn fold_ignores_case_accents_and_punctuation() {
        assert_eq!(fold("  Händelse-datum "), "handelse datum");
        assert_eq!(fold("ANMÄLD_IVO"), "anmald ivo");
        assert_eq!(fold("Åtgärd"), "atgard");
        assert_eq!(
            fold("Ingen avvikelse / missförhållande"),
            "ingen avvikelse missforhallande"
        );
    }

    #[test]
    fn suggest_finds_near_misses_only() {
        let cands = ["Händelsedatum", "Rapporterad", "Enhet"];
        assert_eq!(suggest("Hädelsedatum", cands), Some("Händelsedatum"));
        assert_eq!(suggest("rapporterd", cands), Some("Rapporterad"));
        assert_eq!(suggest("Kommentar", cands), None);
        assert_eq!(suggest("", cands), None);
    }
}

/// A sort key that orders Swedish names as a Swedish reader expects: case-insensitive, with
/// å, ä, ö after z (in that order) and accents such as é sorted with their base letter.
pub fn swedish_sort_key(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'å' => '{',
            'ä' | 'æ' => '|',
            'ö' | 'ø' => '}',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'á' | 'à' | 'â' => 'a',
            'ü' => 'u',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod sort_tests {
    use super::*;

    #[test]
    fn swedish_letters_sort_after_z() {
        let mut names = vec![
            "Öppenvården",
            "Äldreomsorg",
            "Åtgärdsteam",
            "Zeta",
            "arbete",
            "Éva",
        ];
        names.sort_by_key(|n| swedish_sort_key(n));
        assert_eq!(
            names,
            vec![
                "arbete",
                "Éva",
                "Zeta",
                "Åtgärdsteam",
                "Äldreomsorg",
                "Öppenvården"
            ]
        );
    }
}
