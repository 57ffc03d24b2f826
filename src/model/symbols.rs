//! Interned strings (unit and category names): a register of 500 000 rows holds each name once.

use rustc_hash::FxHashMap as HashMap;

/// A handle to an interned string: its index plus one, so that an `Option<Sym>` (a register
/// row's unit, event type, regi …) takes four bytes, not eight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sym(std::num::NonZeroU32);

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
        let sym = Sym(std::num::NonZeroU32::MIN.saturating_add(self.names.len() as u32));
        self.names.push(s.into());
        self.index.insert(s.into(), sym);
        sym
    }

    pub fn name(&self, sym: Sym) -> &str {
        &self.names[sym.0.get() as usize - 1]
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
        assert_eq!(s.name(a), "Enheten för barn och unga");
        assert_eq!(std::mem::size_of::<Option<Sym>>(), 4);
    }
}
