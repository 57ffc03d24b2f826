//! Where something is in the input: file › sheet › row › column, shown in Swedish with names
//! and headers through the personal-data guard. Every finding and error is located with it.

use std::fmt;

use super::names;

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
}
