//! The fold that all text matching compares by (case, accents and punctuation ignored). It
//! imports nothing but `unicode-normalization`, so that the build step (`src/build.rs`) folds
//! the embedded KPI catalog with this very function.

use unicode_normalization::UnicodeNormalization;

/// Folds a header or category for comparison: lower case, accents removed (å → a, ö → o),
/// punctuation and runs of white space turned into one space, trimmed.
///
/// ASCII, most of any text here, is folded byte by byte; only other characters are
/// decomposed (NFD), one at a time, which folds as decomposing the whole text does since
/// the combining marks whose order that would settle are dropped.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    let push = |c: char, out: &mut String, pending_space: &mut bool| {
        if c.is_alphanumeric() {
            if *pending_space && !out.is_empty() {
                out.push(' ');
            }
            *pending_space = false;
            out.extend(c.to_lowercase());
        } else {
            *pending_space = true;
        }
    };
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c.to_ascii_lowercase());
            continue;
        }
        if c.is_ascii() {
            pending_space = true;
            continue;
        }
        for d in std::iter::once(c).nfd() {
            if !unicode_normalization::char::is_combining_mark(d) {
                push(d, &mut out, &mut pending_space);
            }
        }
    }
    out
}
