//! Neutralises text that a spreadsheet would take for a formula (formula or CSV injection):
//! text beginning with `=`, `+`, `-`, `@`, tab or carriage return gets a leading apostrophe.
//! Only text goes through here; figures are written as numbers and never guarded.

use std::borrow::Cow;

/// The characters that make Excel, LibreOffice or Google Sheets read a cell as a formula.
const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether `text` would be read as a formula if typed or imported into a spreadsheet.
pub fn is_risky(text: &str) -> bool {
    text.starts_with(TRIGGERS)
}

/// `text` made safe for a spreadsheet cell: a leading `'` when it is risky, else unchanged.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    if is_risky(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formula_starts_are_neutralised() {
        assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise("+46 8 123"), "'+46 8 123");
        assert_eq!(neutralise("-1+1"), "'-1+1");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("\t=1"), "'\t=1");
        assert_eq!(neutralise("\r=1"), "'\r=1");
    }

    #[test]
    fn ordinary_text_is_left_alone() {
        for text in [
            "Enhet A",
            "Lex Sarah",
            "–",
            "..",
            "",
            "a=b",
            " =1",
            "'=1",
            "Öppenvård",
        ] {
            assert_eq!(neutralise(text), text);
        }
    }

    proptest! {
        #[test]
        fn neutralised_text_never_starts_a_formula(text in any::<String>()) {
            let safe = neutralise(&text);
            prop_assert!(!is_risky(&safe));
            // Nothing is lost: the original follows the apostrophe.
            prop_assert!(safe.ends_with(text.as_str()));
        }
    }
}
