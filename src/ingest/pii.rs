//! The personal-data guard: every cell a reader hands on is checked for values that look like
//! a personnummer or samordningsnummer (with the Luhn check digit), an e-mail address or a
//! Swedish phone number. A hit becomes a finding that names file › blad › rad › kolumn and the
//! kind of value, never the value; header cells that look like personal data are replaced
//! before any reader can echo them. Free-text columns are never read, so never checked.

use super::{RawCell, Source, TableVisitor};
use crate::base::names::HIDDEN_HEADER;
pub use crate::base::personal_data::PersonalData;
#[cfg(test)]
use crate::base::personal_data::luhn;
use crate::base::personal_data::{detect, detect_number, lost_leading_zero};
use crate::base::{Col, Loc};
use crate::diagnostics::{Findings, Severity};

/// The finding kind of a cell that looks like personal data.
pub const KIND: &str = "personuppgift";

/// What the cell looks like, if it looks like personal data. Text is searched anywhere in
/// the cell; a number is checked when it has the 10 or 12 digits of a personnummer.
/// A cell that is a date as a whole (`2022-03-14`, `20220314`, `14/3/2022`, also with a time of
/// day and nothing else after it) is no personal data: only a longer form is a personnummer.
pub fn detect_cell(cell: &RawCell<'_>) -> Option<PersonalData> {
    match cell {
        // The cheap search first: reading the text as a date costs more, and only a hit needs it.
        RawCell::Text(t) => {
            let hit = detect(t).or_else(|| lost_leading_zero(t))?;
            let whole_date = matches!(super::cell::parse_date(cell), Ok(Some(_)))
                && t.trim().split_once([' ', 'T']).is_none_or(|(_, time)| {
                    time.len() <= 8 && time.bytes().all(|b| b.is_ascii_digit() || b == b':')
                });
            (!whole_date).then_some(hit)
        }
        RawCell::Number(n) => detect_number(*n),
        _ => None,
    }
}

/// Wraps a reader's visitor and checks every cell it is handed: data rows (columns not kept
/// are empty, so free text is never looked at) and the rows offered as header.
pub(crate) struct Guard<'v> {
    pub inner: &'v mut dyn TableVisitor,
    header: Vec<String>,
    source: Option<Source>,
}

impl<'v> Guard<'v> {
    pub fn new(inner: &'v mut dyn TableVisitor) -> Self {
        Guard {
            inner,
            header: Vec::new(),
            source: None,
        }
    }

    fn report(&mut self, source: &Source, row: u32, col: usize, kind: PersonalData, header: &str) {
        let loc = Loc {
            row: Some(row),
            col: Some(Col {
                index: col as u32,
                header: header.to_string(),
                letters: source.letters,
            }),
            ..source.loc()
        };
        self.inner.findings().push(
            KIND,
            Severity::Warning,
            loc,
            format!("cellen ser ut att innehålla {}", kind.name()),
        );
    }
}

impl TableVisitor for Guard<'_> {
    fn header(&mut self, source: &Source, row: u32, cells: &[RawCell<'_>]) -> bool {
        let hits: Vec<(usize, PersonalData)> = cells
            .iter()
            .enumerate()
            .filter_map(|(c, cell)| detect_cell(cell).map(|k| (c, k)))
            .collect();
        let accepted = if hits.is_empty() {
            self.inner.header(source, row, cells)
        } else {
            let mut hidden = cells.to_vec();
            for &(c, kind) in &hits {
                hidden[c] = RawCell::text(HIDDEN_HEADER);
                self.report(source, row, c, kind, HIDDEN_HEADER);
            }
            self.inner.header(source, row, &hidden)
        };
        if accepted {
            self.header = cells
                .iter()
                .enumerate()
                .map(|(c, cell)| match hits.iter().any(|&(h, _)| h == c) {
                    true => HIDDEN_HEADER.to_string(),
                    false => cell.as_key().unwrap_or_default(),
                })
                .collect();
            self.source = Some(source.clone());
        }
        accepted
    }

    fn keep_column(&self, col: usize) -> bool {
        self.inner.keep_column(col)
    }

    fn header_matches(&self, cells: &[RawCell<'_>]) -> usize {
        self.inner.header_matches(cells)
    }

    fn row(&mut self, row: u32, cells: &[RawCell<'_>]) {
        self.checked_row(row, cells, &[]);
    }

    fn checked_row(&mut self, row: u32, cells: &[RawCell<'_>], clean: &[bool]) {
        if let Some(source) = self.source.take() {
            for (c, cell) in cells.iter().enumerate() {
                if clean.get(c) == Some(&true) {
                    continue;
                }
                if let Some(kind) = detect_cell(cell) {
                    let header = self.header.get(c).cloned().unwrap_or_default();
                    self.report(&source, row, c, kind, &header);
                }
            }
            self.source = Some(source);
        }
        self.inner.row(row, cells);
    }

    fn malformed_row(&mut self, loc: Loc, reason: String) {
        self.inner.malformed_row(loc, reason);
    }

    fn dates_from_1904(&mut self) {
        self.inner.dates_from_1904();
    }

    fn findings(&mut self) -> &mut Findings {
        self.inner.findings()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn a_personnummer_that_lost_its_leading_zero_is_found() {
        // 050505-1235 (born 2005), stored as a number or written as nine digits.
        assert!(luhn(&[0, 5, 0, 5, 0, 5, 1, 2, 3, 5]));
        assert_eq!(
            detect_cell(&RawCell::Number(505_051_235.0)),
            Some(PersonalData::Personnummer)
        );
        assert_eq!(
            detect_cell(&RawCell::text("505051235")),
            Some(PersonalData::Personnummer)
        );
        for cell in [
            RawCell::Number(505_051_238.0),
            RawCell::text("505051238"),
            RawCell::Number(123_456_789.0),
            RawCell::text("ärende 505051235"),
        ] {
            assert_eq!(detect_cell(&cell), None, "{cell:?}");
        }
    }

    #[test]
    fn a_date_cell_is_no_personal_data_in_any_written_form() {
        // Regression: a title row above the header once made dates reach the guard as parts
        // of longer cells; a date on its own is never a personnummer.
        for s in [
            "2022-03-14",
            "20220314",
            "14/3/2022",
            "14.03.2022",
            "2022/03/14",
            "2022-03-14 10:15",
            "20220314 1015",
            "2022-03-14T10:15:00",
        ] {
            assert_eq!(detect_cell(&RawCell::text(s)), None, "{s}");
        }
        // A personnummer is still one, even though its first eight digits are a date, and so
        // is one written after a date.
        assert_eq!(
            detect_cell(&RawCell::text("2022-03-14 19121212-1212")),
            Some(PersonalData::Personnummer)
        );
        assert_eq!(
            detect_cell(&RawCell::text("19121212-1212")),
            Some(PersonalData::Personnummer)
        );
        assert_eq!(
            detect_cell(&RawCell::text("191212121212")),
            Some(PersonalData::Personnummer)
        );
    }

    #[test]
    fn numbers_with_ten_or_twelve_digits_are_checked() {
        assert_eq!(
            detect_cell(&RawCell::Number(191_212_121_212.0)),
            Some(PersonalData::Personnummer)
        );
        assert_eq!(
            detect_cell(&RawCell::Number(1_212_121_212.0)),
            Some(PersonalData::Personnummer)
        );
        for n in [2022.0, 1_438_805.0, 44634.0, 1_212_121_213.0, 0.5] {
            assert_eq!(detect_cell(&RawCell::Number(n)), None, "{n}");
        }
    }
}
