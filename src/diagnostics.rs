//! Located findings and the reconciliation of rows read, used and rejected. A finding names
//! file › sheet › row › column and a reason in Swedish; it never carries a cell's value. Must
//! not read input or decide what a finding means for a command's exit code (that is `cmd`).

use std::collections::BTreeMap;
use std::fmt;

use crate::base::Loc;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Worth knowing, not a problem (an optional column the file does not have).
    Notice,
    /// The row is used; something about it deserves a look.
    Warning,
    /// The row was rejected and is not counted.
    Rejected,
    /// The whole file could not be used.
    Fatal,
}

/// One located problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    pub loc: Loc,
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Notice => "obs",
            Severity::Warning => "varning",
            Severity::Rejected => "avvisad",
            Severity::Fatal => "fel",
        };
        write!(f, "{label}: {}: {}", self.loc, self.message)
    }
}

/// How many findings of one kind are kept in full; the rest are only counted.
const KEEP_PER_KIND: usize = 50;

/// All findings of a run, with a cap per kind so a broken file cannot flood memory or the
/// terminal.
#[derive(Debug, Default)]
pub struct Findings {
    items: Vec<Finding>,
    per_kind: BTreeMap<&'static str, usize>,
    /// Findings that are more than a notice, kept or not: what `check` counts as problems.
    problems: usize,
}

impl Findings {
    pub fn push(&mut self, kind: &'static str, severity: Severity, loc: Loc, message: String) {
        let n = self.per_kind.entry(kind).or_default();
        *n += 1;
        if severity != Severity::Notice {
            self.problems += 1;
        }
        if *n <= KEEP_PER_KIND {
            self.items.push(Finding {
                severity,
                loc,
                message,
            });
        }
    }

    /// Orders findings by row (stable: findings of one row keep their order; file-level
    /// findings come first).
    pub fn sort_by_row(&mut self) {
        self.items.sort_by_key(|f| f.loc.row);
    }

    pub fn items(&self) -> &[Finding] {
        &self.items
    }

    /// Kinds whose findings were cut, with how many were not kept.
    pub fn omitted(&self) -> impl Iterator<Item = (&'static str, usize)> + '_ {
        self.per_kind
            .iter()
            .filter(|&(_, &n)| n > KEEP_PER_KIND)
            .map(|(&k, &n)| (k, n - KEEP_PER_KIND))
    }

    pub fn total(&self) -> usize {
        self.per_kind.values().sum()
    }

    /// How many findings of `kind` there were, kept or not.
    pub fn count(&self, kind: &str) -> usize {
        self.per_kind.get(kind).copied().unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.per_kind.is_empty()
    }

    /// How many findings are problems: everything but notices, decided by each finding's own
    /// severity (one kind, such as "dubblett", can be a warning in one input and a rejection in
    /// another).
    pub fn problems(&self) -> usize {
        self.problems
    }

    pub fn has_fatal(&self) -> bool {
        self.items.iter().any(|f| f.severity == Severity::Fatal)
    }

    pub fn extend(&mut self, other: Findings) {
        for (kind, n) in other.per_kind {
            *self.per_kind.entry(kind).or_default() += n;
        }
        self.problems += other.problems;
        self.items.extend(other.items);
    }

    /// Writes every kept finding, then a line per kind that was cut.
    pub fn write_to(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        for f in &self.items {
            writeln!(out, "{f}")?;
        }
        for (kind, n) in self.omitted() {
            writeln!(out, "… och {n} fynd till av slaget \"{kind}\" (visas inte)")?;
        }
        Ok(())
    }
}

/// Rows read, used and rejected for one input file.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Reconciliation {
    pub file: String,
    pub read: u64,
    pub used: u64,
    pub rejected: u64,
}

impl fmt::Display for Reconciliation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = |k: u64, one: &str, many: &str| {
            let word = if k == 1 { one } else { many };
            format!("{} {word}", crate::base::format::int(k as i64))
        };
        write!(
            f,
            "{}: {}, {}, {}",
            self.file,
            n(self.read, "rad läst", "rader lästa"),
            n(self.used, "använd", "använda"),
            n(self.rejected, "avvisad", "avvisade")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn findings_are_capped_per_kind_but_counted() {
        let mut f = Findings::default();
        for i in 0..60 {
            f.push(
                "datum",
                Severity::Rejected,
                Loc::file("a").at_row(i),
                "ogiltigt datum".into(),
            );
        }
        assert_eq!(f.items().len(), KEEP_PER_KIND);
        assert_eq!(f.total(), 60);
        assert_eq!(f.omitted().collect::<Vec<_>>(), vec![("datum", 10)]);
        assert_eq!(
            f.problems(),
            60,
            "findings beyond the cap are still problems"
        );
    }

    #[test]
    fn notices_are_no_problems_whatever_their_kind() {
        let mut f = Findings::default();
        let at = || Loc::file("enkat.xlsx").at_row(1);
        f.push(
            "rubrikrad",
            Severity::Notice,
            at(),
            "ingen rubrikrad".into(),
        );
        f.push("ingen-fraga", Severity::Notice, at(), "ingen fråga".into());
        f.push("dubblett", Severity::Warning, at(), "samma".into());
        let mut other = Findings::default();
        other.push("dubblett", Severity::Rejected, at(), "samma Id".into());
        other.push("blad", Severity::Notice, at(), "bladet lästes".into());
        f.extend(other);
        assert_eq!(f.total(), 5);
        assert_eq!(f.problems(), 2);
    }
}
