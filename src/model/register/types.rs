//! The Typ column's words: the built-in ones ([`Kind::parse`], the kinds of synpunkt in
//! [`CommentKind::parse`]) and the organisation's own from `[typer]` in kvalitet.toml, which
//! name a built-in word and the words their system exports for it.

use rustc_hash::FxHashMap as HashMap;

use crate::model::{CommentKind, Kind};
use crate::settings::Settings;
use crate::text::{fold, suggest};

/// What a Typ cell says: the kind, whether it says lex Sarah, and the kind of synpunkt.
pub(super) type TypeOf = (Kind, bool, Option<CommentKind>);

/// The words a `[typer]` key may be: every built-in type word.
pub fn type_words() -> Vec<&'static str> {
    let mut words: Vec<&'static str> = Kind::ACCEPTED.to_vec();
    words.extend(CommentKind::ALL.map(CommentKind::name));
    words
}

/// `[typer]` keys that are no built-in type word, each with "menade du …?" when one is close:
/// the messages, in Swedish.
pub fn check_type_aliases(settings: &Settings) -> Vec<String> {
    let words = type_words();
    settings
        .typer
        .keys()
        .filter(|k| parse_builtin(&fold(k)).is_none())
        .map(|k| {
            let hint = match suggest(k, words.iter().copied()) {
                Some(s) => format!("menade du \"{s}\"?"),
                None => format!("tillåtna: {}", words.join(", ")),
            };
            format!("kvalitet.toml, [typer]: \"{k}\" är ingen typ ({hint})")
        })
        .collect()
}

/// The folded own words of `[typer]`, each to the folded built-in word it means.
pub(super) fn aliases(settings: &Settings) -> HashMap<String, String> {
    let mut out = HashMap::default();
    for (word, own) in &settings.typer {
        for alias in own {
            out.insert(fold(alias), fold(word));
        }
    }
    out
}

fn parse_builtin(folded: &str) -> Option<TypeOf> {
    if let Some((kind, lex)) = Kind::parse(folded) {
        return Some((kind, lex, None));
    }
    CommentKind::parse(folded).map(|c| (Kind::Comment, false, Some(c)))
}

/// Reads a Typ cell: the organisation's own words first, then the built-in ones.
pub(super) fn parse_type(text: &str, aliases: &HashMap<String, String>) -> Option<TypeOf> {
    let folded = fold(text);
    let word = aliases.get(&folded).unwrap_or(&folded);
    parse_builtin(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(toml: &str) -> Settings {
        Settings::parse(toml).unwrap()
    }

    #[test]
    fn synpunkt_kinds_are_built_in_and_klagomal_is_its_own_kind() {
        let none = HashMap::default();
        let kinds: Vec<Option<TypeOf>> = ["Beröm", "förslag", "FRÅGA", "Klagomål", "Synpunkt"]
            .iter()
            .map(|t| parse_type(t, &none))
            .collect();
        assert_eq!(
            kinds,
            vec![
                Some((Kind::Comment, false, Some(CommentKind::Praise))),
                Some((Kind::Comment, false, Some(CommentKind::Suggestion))),
                Some((Kind::Comment, false, Some(CommentKind::Question))),
                Some((Kind::Complaint, false, None)),
                Some((Kind::Comment, false, None)),
            ]
        );
        assert_eq!(parse_type("Tyck till", &none), None);
    }

    #[test]
    fn own_words_in_kvalitet_toml_map_to_built_in_ones() {
        let s = settings(
            "[typer]\n\"Beröm\" = [\"Tyck till – positivt\"]\n\"Klagomål\" = [\"Missnöje\"]\n",
        );
        let a = aliases(&s);
        assert_eq!(
            parse_type("tyck till – POSITIVT", &a),
            Some((Kind::Comment, false, Some(CommentKind::Praise)))
        );
        assert_eq!(
            parse_type("Missnöje", &a),
            Some((Kind::Complaint, false, None))
        );
        assert!(check_type_aliases(&s).is_empty());
    }

    #[test]
    fn an_unknown_key_is_an_error_with_a_suggestion() {
        let s = settings("[typer]\nBerom = [\"Tack\"]\n\"Klagomåll\" = [\"Missnöje\"]\n");
        // "Berom" folds to a built-in word; "Klagomåll" does not.
        assert_eq!(
            check_type_aliases(&s),
            vec!["kvalitet.toml, [typer]: \"Klagomåll\" är ingen typ (menade du \"Klagomål\"?)"]
        );
    }
}
