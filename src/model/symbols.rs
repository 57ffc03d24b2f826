//! Interned strings (unit and category names): a register of 500 000 rows holds each name once.

use rustc_hash::FxHashMap as HashMap;

/// A handle to an interned string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sym(u32);

/// The interner.
#[derive(Debug, Default, Clone)]
pub struct Symbols {
    names: Vec<Box<str>>,
    index: HashMap<Box<str>, Sym>,
}

impl Symbols {
    pub fn intern(&mut self, s: &str) -> Sym {
        if let Some(&sym) = self.index.get(s) {
            return sym;
        }
        let sym = Sym(self.names.len() as u32);
        self.names.push(s.into());
        self.index.insert(s.into(), sym);
        sym
    }

    pub fn name(&self, sym: Sym) -> &str {
        &self.names[sym.0 as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interning_twice_gives_the_same_symbol() {
        let mut s = Symbols::default();
        let a = s.intern("Enheten för barn och unga");
        let b = s.intern("Familjeenheten");
        assert_eq!(s.intern("Enheten för barn och unga"), a);
        assert_ne!(a, b);
        assert_eq!(s.name(b), "Familjeenheten");
    }
}
