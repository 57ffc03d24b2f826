//! The confidentiality threshold of `[sekretess] minsta_antal`: which counts are too small to
//! show. How cells are chosen for suppression is `compute::suppress`'s job.

use serde::Serialize;

/// The threshold: a count `n` with `0 < n < min` is not shown, and no share is shown of a base
/// below `min`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Rule {
    pub min: i64,
}

impl Default for Rule {
    fn default() -> Self {
        Rule { min: 5 }
    }
}

impl Rule {
    /// Whether a count describing people is too small to show (zero is shown: no one).
    pub fn hides(&self, n: i64) -> bool {
        n > 0 && n < self.min
    }

    /// Whether a base is too small for shares of it to be shown.
    pub fn base_too_small(&self, base: i64) -> bool {
        base < self.min
    }
}
