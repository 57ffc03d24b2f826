//! Names that differ only in case or spacing ("Enhet A", "enhet  A") are one name: the first
//! spelling in the file is the one shown, and the spellings merged are kept for a notice.

use rustc_hash::FxHashMap as HashMap;

use super::{Sym, Symbols};

/// The spellings of the names of one column (*Enhet*, *Förvaltning*).
#[derive(Debug, Default)]
pub struct Spellings {
    /// Each spelling seen, to its group.
    seen: HashMap<Box<str>, usize>,
    /// Each folded name, to its group.
    by_key: HashMap<String, usize>,
    groups: Vec<Group>,
}

#[derive(Debug)]
struct Group {
    sym: Sym,
    spellings: Vec<Box<str>>,
    /// The first row (1-based) that had another spelling than the first.
    first_other: Option<u32>,
}

/// What two spellings of one name have in common: lower case, with every run of white space
/// (also no-break spaces) one space.
pub fn spelling_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A group of merged spellings: where the second spelling first occurs, and every spelling
/// (the first is the one shown).
pub struct Merged<'a> {
    pub row: u32,
    pub spellings: &'a [Box<str>],
}

impl Spellings {
    /// The symbol of `text` (at `row`), merged with any earlier spelling of the same name.
    pub fn intern(&mut self, symbols: &mut Symbols, text: &str, row: u32) -> Sym {
        if let Some(&g) = self.seen.get(text) {
            return self.groups[g].sym;
        }
        let key = spelling_key(text);
        let g = match self.by_key.get(&key) {
            Some(&g) => {
                let group = &mut self.groups[g];
                group.spellings.push(text.into());
                group.first_other.get_or_insert(row);
                g
            }
            None => {
                self.groups.push(Group {
                    sym: symbols.intern(text),
                    spellings: vec![text.into()],
                    first_other: None,
                });
                self.by_key.insert(key, self.groups.len() - 1);
                self.groups.len() - 1
            }
        };
        self.seen.insert(text.into(), g);
        self.groups[g].sym
    }

    /// The names written in more than one way, in the order their second spelling occurs.
    pub fn merged(&self) -> Vec<Merged<'_>> {
        let mut out: Vec<Merged<'_>> = self
            .groups
            .iter()
            .filter_map(|g| {
                g.first_other.map(|row| Merged {
                    row,
                    spellings: &g.spellings,
                })
            })
            .collect();
        out.sort_by_key(|m| m.row);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_differing_only_in_case_or_spacing_are_one_name() {
        let mut symbols = Symbols::default();
        let mut units = Spellings::default();
        let a = units.intern(&mut symbols, "Enhet A", 2);
        let b = units.intern(&mut symbols, "Enhet B", 3);
        assert_eq!(units.intern(&mut symbols, "enhet  a", 4), a);
        assert_eq!(units.intern(&mut symbols, "ENHET\u{a0}A", 5), a);
        assert_eq!(units.intern(&mut symbols, "Enhet A", 6), a);
        assert_ne!(a, b);
        assert_eq!(symbols.name(a), "Enhet A");
        let merged = units.merged();
        assert_eq!(merged.len(), 1);
        assert_eq!(merged[0].row, 4);
        let spellings: Vec<&str> = merged[0].spellings.iter().map(|s| &**s).collect();
        assert_eq!(spellings, ["Enhet A", "enhet  a", "ENHET\u{a0}A"]);
    }

    #[test]
    fn accents_still_tell_names_apart() {
        let mut symbols = Symbols::default();
        let mut units = Spellings::default();
        let a = units.intern(&mut symbols, "Enhet Å", 2);
        assert_ne!(units.intern(&mut symbols, "Enhet A", 3), a);
        assert!(units.merged().is_empty());
    }
}
