//! Kolada titles cleaned for display. Imports nothing, so that the build step (`src/build.rs`)
//! indexes the embedded catalog by the same titles the search shows.

/// Cleans a Kolada title for display: white space collapsed and trimmed, and a trailing
/// period of validity such as "(- 2024)", "(-2019)" or "(2015-)" dropped.
pub fn clean_title(title: &str) -> String {
    let mut t = title.split_whitespace().collect::<Vec<_>>().join(" ");
    while let Some(open) = t.rfind('(') {
        let tail = &t[open..];
        let inner = tail.strip_prefix('(').and_then(|s| s.strip_suffix(')'));
        let is_period = inner.is_some_and(|s| {
            let s = s.trim();
            s.contains('-')
                && s.bytes().any(|b| b.is_ascii_digit())
                && s.bytes()
                    .all(|b| b.is_ascii_digit() || b == b'-' || b == b' ')
        });
        if !is_period {
            break;
        }
        t.truncate(open);
        t.truncate(t.trim_end().len());
        // "… (%). (- 2024)": the period that ended the title before the validity goes too.
        if t.ends_with(").") {
            t.pop();
        }
    }
    t
}
