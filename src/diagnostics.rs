//! Located findings and the reconciliation of rows read, used and rejected. A finding names
//! file › sheet › row › column and a reason in Swedish; it never carries a cell's value.

use std::collections::BTreeMap;
use std::fmt;

use crate::base::names;

/// Where something is in the input: file › sheet › row › column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loc {
    pub file: String,
    pub sheet: Option<String>,
    /// 1-based row as the spreadsheet program shows it (for CSV: the line's record number).
    pub row: Option<u32>,
    pub col: Option<Col>,
}

/// A column: its 0-based index, its header, and whether to show it as a letter (spreadsheets)
/// or a number (CSV).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Col {
    pub index: u32,
    pub header: String,
    pub letters: bool,
}

impl Loc {
    pub fn file(file: impl Into<String>) -> Loc {
        Loc {
            file: file.into(),
            sheet: None,
            row: None,
            col: None,
        }
    }

    pub fn at_row(&self, row: u32) -> Loc {
        Loc {
            row: Some(row),
            col: None,
            ..self.clone()
        }
    }

    pub fn at_col(&self, col: Col) -> Loc {
        Loc {
            col: Some(col),
            ..self.clone()
        }
    }
}

/// Spreadsheet column letters for a 0-based index: 0 → A, 25 → Z, 26 → AA.
pub fn column_letters(index: u32) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII letters")
}

/// Headers longer than this are cut in locations, so a broken file cannot flood a message.
const MAX_HEADER_CHARS: usize = 60;

/// `header`, cut to [`MAX_HEADER_CHARS`] characters with "…".
fn short(header: &str) -> std::borrow::Cow<'_, str> {
    match header.char_indices().nth(MAX_HEADER_CHARS - 1) {
        Some((end, _)) if header.chars().count() > MAX_HEADER_CHARS => {
            format!("{}…", &header[..end]).into()
        }
        _ => header.into(),
    }
}

impl fmt::Display for Loc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Names and headers pass the personal-data guard whoever built the location.
        f.write_str(&names::shown(&self.file))?;
        if let Some(sheet) = &self.sheet {
            write!(f, " › {}", names::shown(sheet))?;
        }
        if let Some(row) = self.row {
            write!(f, " › rad {row}")?;
        }
        if let Some(col) = &self.col {
            let sep = if self.row.is_some() { ", " } else { " › " };
            if col.letters {
                write!(
                    f,
                    "{sep}kolumn {} ({})",
                    column_letters(col.index),
                    short(&names::header(&col.header))
                )?;
            } else {
                write!(
                    f,
                    "{sep}kolumn {} ({})",
                    col.index + 1,
                    short(&names::header(&col.header))
                )?;
            }
        }
        Ok(())
    }
}

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

/// Kinds of finding that are notices, not problems.
pub const NOTICE_KINDS: &[&str] = &[
    "kolumn-saknas-valfri",
    "titelrad",
    "harledd-plats",
    "stavning",
    "teckenkodning",
    "blad",
    "andel-som-brak",
    "dolt-blad",
];

/// How many findings of one kind are kept in full; the rest are only counted.
const KEEP_PER_KIND: usize = 50;

/// All findings of a run, with a cap per kind so a broken file cannot flood memory or the
/// terminal.
#[derive(Debug, Default)]
pub struct Findings {
    items: Vec<Finding>,
    per_kind: BTreeMap<&'static str, usize>,
}

impl Findings {
    pub fn push(&mut self, kind: &'static str, severity: Severity, loc: Loc, message: String) {
        let n = self.per_kind.entry(kind).or_default();
        *n += 1;
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

    /// How many findings are problems (everything but notices).
    pub fn problems(&self) -> usize {
        self.per_kind
            .iter()
            .filter(|(k, _)| !NOTICE_KINDS.contains(k))
            .map(|(_, n)| n)
            .sum()
    }

    pub fn has_fatal(&self) -> bool {
        self.items.iter().any(|f| f.severity == Severity::Fatal)
    }

    pub fn extend(&mut self, other: Findings) {
        for (kind, n) in other.per_kind {
            *self.per_kind.entry(kind).or_default() += n;
        }
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
    fn column_letters_follow_excel() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
        assert_eq!(column_letters(16383), "XFD");
    }

    #[test]
    fn locations_read_as_file_sheet_row_column() {
        let loc = Loc {
            sheet: Some("Rapporter".into()),
            ..Loc::file("rapporter.xlsx")
        }
        .at_row(14)
        .at_col(Col {
            index: 2,
            header: "Händelsedatum".into(),
            letters: true,
        });
        assert_eq!(
            loc.to_string(),
            "rapporter.xlsx › Rapporter › rad 14, kolumn C (Händelsedatum)"
        );
        let csv = Loc::file("rapporter.csv").at_row(3).at_col(Col {
            index: 2,
            header: "Typ".into(),
            letters: false,
        });
        assert_eq!(csv.to_string(), "rapporter.csv › rad 3, kolumn 3 (Typ)");
        let long = Loc::file("a.csv").at_row(2).at_col(Col {
            index: 0,
            header: "å".repeat(10_000),
            letters: false,
        });
        assert_eq!(
            long.to_string(),
            format!("a.csv › rad 2, kolumn 1 ({}…)", "å".repeat(59))
        );
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
    }
}
