//! Writing typst source safely: every text from the data becomes a typst string literal
//! (`#"…"`), never markup, so no character in a register, a setting or the controller's text
//! can start a heading, a list, a function call or a comment. Labels are spelt from a fixed
//! alphabet.

/// `text` as a typst string literal, quotes included.
pub fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `text` as markup that shows exactly `text`; empty for empty text.
pub fn text(text: &str) -> String {
    if text.is_empty() {
        String::new()
    } else {
        format!("#{}", string(text))
    }
}

/// A typst label name for an HTML anchor (`tabell-3`, `lex-sarah`, `syfte-och-grund`): ASCII
/// letters, digits and `-` stay, every other character becomes `_` and its code point in
/// hexadecimal, so different anchors get different labels.
pub fn label(anchor: &str) -> String {
    let mut out = String::from("a-");
    for c in anchor.chars() {
        if c.is_ascii_alphanumeric() || c == '-' {
            out.push(c);
        } else {
            out.push_str(&format!("_{:x}_", c as u32));
        }
    }
    out
}

/// A colour from the settings (`#rrggbb`) as a typst `rgb(...)`; `fallback` when it is not one.
pub fn colour(hex: &str, fallback: &str) -> String {
    let ok = |h: &str| {
        h.len() == 7 && h.starts_with('#') && h[1..].chars().all(|c| c.is_ascii_hexdigit())
    };
    let chosen = if ok(hex) { hex } else { fallback };
    format!("rgb({})", string(chosen))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn strings_escape_quotes_backslashes_and_line_ends() {
        assert_eq!(string("a \"b\" \\ c\nd"), "\"a \\\"b\\\" \\\\ c\\nd\"");
        assert_eq!(text(""), "");
        assert_eq!(text("= Rubrik"), "#\"= Rubrik\"");
    }

    #[test]
    fn labels_keep_safe_anchors_and_encode_the_rest() {
        assert_eq!(label("tabell-3"), "a-tabell-3");
        assert_eq!(label("lex_sarah"), "a-lex_5f_sarah");
        assert_ne!(label("ö"), label("o"));
        assert_eq!(label("handläggningstid"), "a-handl_e4_ggningstid");
    }

    #[test]
    fn colours_fall_back_when_not_hex() {
        assert_eq!(colour("#0B4F8A", "#000000"), "rgb(\"#0B4F8A\")");
        assert_eq!(colour("blå", "#000000"), "rgb(\"#000000\")");
        assert_eq!(colour("#12345", "#000000"), "rgb(\"#000000\")");
    }

    #[test]
    fn link_targets_are_percent_decoded() {
        use crate::render::markdown::percent_decode;
        assert_eq!(percent_decode("handl%C3%A4ggningstid"), "handläggningstid");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("a%zzb"), "a%zzb");
    }

    proptest! {
        /// Whatever the text, the literal is one well-formed typst string: it opens and
        /// closes with a quote and no unescaped quote or line end is inside.
        #[test]
        fn any_text_stays_inside_its_string(s in ".*") {
            let lit = string(&s);
            let inner = &lit[1..lit.len() - 1];
            let mut escaped = false;
            for c in inner.chars() {
                prop_assert!(escaped || c != '"');
                prop_assert!(!c.is_control());
                escaped = !escaped && c == '\\';
            }
            prop_assert!(!escaped);
        }

        #[test]
        fn labels_use_only_label_characters(s in ".*") {
            prop_assert!(label(&s).chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        }
    }
}
