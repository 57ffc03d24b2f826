//! Located findings and the reconciliation of rows read, used and rejected. A finding names
//! file › sheet › row › column and a reason in Swedish; it never carries a cell's value. Must
//! not read input or decide what a finding means for a command's exit code (that is `cmd`).

use std::collections::BTreeMap;
use std::fmt;

use crate::base::Loc;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
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

/// Findings repeated in this many rows are written as one line ([`Findings::write_to`]),
/// naming the first [`FIRST_ROWS`] rows.
const COLLAPSE_FROM: usize = 3;
const FIRST_ROWS: usize = 5;

/// The findings grouped by all but the row: each group's finding (without a row) and its
/// rows in order, and the group of each item.
type Groups = (Vec<(Finding, Vec<Option<u32>>)>, Vec<usize>);

fn collapsed(items: &[Finding]) -> Groups {
    let mut groups: Vec<(Finding, Vec<Option<u32>>)> = Vec::new();
    let mut of_item = Vec::with_capacity(items.len());
    let mut index: std::collections::HashMap<(Severity, String, String), usize> =
        std::collections::HashMap::new();
    for f in items {
        let loc = Loc {
            row: None,
            ..f.loc.clone()
        };
        let key = (f.severity, loc.to_string(), f.message.clone());
        let at = *index.entry(key).or_insert_with(|| {
            let finding = Finding { loc, ..f.clone() };
            groups.push((finding, Vec::new()));
            groups.len() - 1
        });
        groups[at].1.push(f.loc.row);
        of_item.push(at);
    }
    (groups, of_item)
}

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

    /// Whether a finding of `kind` pushed now is kept in full: when it is not, a caller
    /// may [`Findings::count_only`] it instead of building its location and message.
    pub fn keeps(&self, kind: &str) -> bool {
        self.count(kind) < KEEP_PER_KIND
    }

    /// Counts a finding of `kind` that is not kept (see [`Findings::keeps`]).
    pub fn count_only(&mut self, kind: &'static str, severity: Severity) {
        *self.per_kind.entry(kind).or_default() += 1;
        if severity != Severity::Notice {
            self.problems += 1;
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

    /// Writes every kept finding, then a line per kind that was cut. Findings that say the
    /// same of the same column in [`COLLAPSE_FROM`] or more rows are one line, the first,
    /// with the count and the first rows.
    pub fn write_to(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let (groups, of_item) = collapsed(&self.items);
        let mut written = vec![false; groups.len()];
        for (item, &g) in self.items.iter().zip(&of_item) {
            let rows = &groups[g].1;
            if rows.len() < COLLAPSE_FROM {
                writeln!(out, "{item}")?;
                continue;
            }
            if std::mem::replace(&mut written[g], true) {
                continue;
            }
            let first: Vec<String> = rows
                .iter()
                .take(FIRST_ROWS)
                .map(|r| r.map_or_else(String::new, |r| r.to_string()))
                .collect();
            let more = if rows.len() > FIRST_ROWS { ", …" } else { "" };
            writeln!(
                out,
                "{item} (samma i {} rader: rad {}{more})",
                crate::base::format::int(rows.len() as i64),
                first.join(", ")
            )?;
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

/// The share of a file's rows, in percent, that may be rejected before its totals count as
/// incomplete: a report then is not written unless `--tillåt-ofullständig` is given, and
/// with it the report says so at its top. 1 %: one row in a hundred.
pub const MAX_REJECTED_PERCENT: u64 = 1;

impl Reconciliation {
    /// Whether more than [`MAX_REJECTED_PERCENT`] of the rows read were rejected.
    pub fn incomplete(&self) -> bool {
        self.rejected > 0 && self.rejected * 100 > self.read * MAX_REJECTED_PERCENT
    }

    /// The share of rows rejected, rounded to whole percent but never shown as 0 %
    /// ("under 1 %").
    pub fn rejected_share(&self) -> String {
        if self.read == 0 {
            return "0\u{a0}%".into();
        }
        let percent = (self.rejected * 100 + self.read / 2) / self.read;
        match percent {
            0 => "under 1\u{a0}%".into(),
            p => format!("{p}\u{a0}%"),
        }
    }
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
    fn repeated_findings_are_one_line_with_the_count_and_the_first_rows() {
        let mut f = Findings::default();
        let col = |loc: Loc| {
            loc.at_col(crate::base::Col {
                index: 1,
                header: "Typ".into(),
                letters: true,
            })
        };
        for row in 2..9 {
            f.push(
                "typ",
                Severity::Rejected,
                col(Loc::file("a.xlsx").at_row(row)),
                "okänd typ; raden räknas inte".into(),
            );
        }
        for row in [4, 6] {
            f.push(
                "datum",
                Severity::Warning,
                Loc::file("a.xlsx").at_row(row),
                "datum".into(),
            );
        }
        f.sort_by_row();
        let mut out = Vec::new();
        f.write_to(&mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "avvisad: a.xlsx › rad 2, kolumn B (Typ): okänd typ; raden räknas inte (samma i 7 rader: rad 2, 3, 4, 5, 6, …)\n\
             varning: a.xlsx › rad 4: datum\n\
             varning: a.xlsx › rad 6: datum\n"
        );
    }

    #[test]
    fn a_file_is_incomplete_beyond_one_rejected_row_in_a_hundred() {
        let r = |read, rejected| Reconciliation {
            file: "a".into(),
            read,
            used: read - rejected,
            rejected,
        };
        assert!(!r(100, 0).incomplete());
        assert!(!r(100, 1).incomplete());
        assert!(r(100, 2).incomplete());
        assert!(r(155, 50).incomplete());
        assert!(r(5, 1).incomplete());
        assert_eq!(r(155, 50).rejected_share(), "32\u{a0}%");
        assert_eq!(r(1000, 2).rejected_share(), "under 1\u{a0}%");
        assert_eq!(r(0, 0).rejected_share(), "0\u{a0}%");
    }

    #[test]
    fn findings_past_the_cap_are_counted_without_being_built() {
        let mut f = Findings::default();
        for i in 0..70 {
            if f.keeps("typ") {
                f.push(
                    "typ",
                    Severity::Rejected,
                    Loc::file("a").at_row(i),
                    "x".into(),
                );
            } else {
                f.count_only("typ", Severity::Rejected);
            }
        }
        f.count_only("titelrad", Severity::Notice);
        assert_eq!(f.items().len(), KEEP_PER_KIND);
        assert_eq!((f.count("typ"), f.problems(), f.total()), (70, 70, 71));
        assert_eq!(f.omitted().collect::<Vec<_>>(), [("typ", 20)]);
    }

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
