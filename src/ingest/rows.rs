//! Cells in row order grouped into rows for a [`TableVisitor`]: the header search first, then
//! data rows limited to the header's width, with located notes for rows skipped above the
//! header, formulas without a value and merged cells. Shared by the CSV and spreadsheet readers.

use calamine::{DataRef, DataType};

use crate::base::{Col, Loc, column_letters};
use crate::diagnostics::Severity;
use crate::ingest::{HEADER_SEARCH_ROWS, RawCell, Source, Streamed, TableVisitor};

/// Columns kept while looking for the header row: Excel's 16 384 (A–XFD), so a header that
/// starts far to the right, or is very wide, is still found. Only CSV can go further, and
/// says so ([`super::csv`]).
pub(crate) const MAX_HEADER_COLUMNS: usize = 16_384;

/// Converts one calamine value, borrowing shared strings.
pub(crate) fn convert<'a>(value: &DataRef<'a>) -> RawCell<'a> {
    match value {
        DataRef::Empty => RawCell::Empty,
        DataRef::Int(i) => RawCell::Number(*i as f64),
        DataRef::Float(f) => RawCell::Number(*f),
        DataRef::String(s) => RawCell::text_owned(s.clone()),
        DataRef::SharedString(s) => RawCell::text(s),
        DataRef::Bool(b) => RawCell::Bool(*b),
        DataRef::DateTime(dt) if dt.is_datetime() => match dt.as_datetime() {
            Some(d) => RawCell::Date(d.date()),
            None => RawCell::Error,
        },
        DataRef::DateTime(dt) => RawCell::Number(dt.as_f64()),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => RawCell::text_owned(s.clone()),
        DataRef::Error(_) => RawCell::Error,
    }
}

/// Notes that the header row (1-based `row`) is not the first non-empty row: the rows above it
/// (a title, a date of export) are not read. Counts only, never their text.
fn skipped_above(src: &Source, row: u32, visitor: &mut dyn TableVisitor) {
    let above = if row == 2 {
        "rad 1".to_string()
    } else {
        format!("rad 1–{}", row - 1)
    };
    visitor.findings().push(
        "titelrad",
        Severity::Notice,
        src.loc().at_row(row),
        format!("rubrikraden är rad {row}; {above} ovanför den (till exempel en titel) läses inte"),
    );
}

/// Groups a stream of cells (in row order) into rows and feeds them to the visitor: header
/// search first, then data rows limited to the header's width.
pub(crate) struct RowAssembler<'a> {
    src: Source,
    current: Option<u32>,
    cells: Vec<RawCell<'a>>,
    /// After the header: which cells of the row the reader found free of personal data
    /// ([`TableVisitor::checked_row`]).
    clean: Vec<bool>,
    content: bool,
    header_width: Option<usize>,
    /// After the header: which columns the visitor keeps.
    keep: Vec<bool>,
    /// After the header: its row (1-based) and texts, to locate findings.
    header_row: u32,
    header_text: Vec<String>,
    rows_searched: u32,
    /// Why the current row cannot be read as the header's columns, if it cannot.
    malformed: Option<String>,
}

impl<'a> RowAssembler<'a> {
    pub(crate) fn new(src: Source) -> Self {
        RowAssembler {
            src,
            current: None,
            cells: Vec::new(),
            clean: Vec::new(),
            content: false,
            header_width: None,
            keep: Vec::new(),
            header_row: 0,
            header_text: Vec::new(),
            rows_searched: 0,
            malformed: None,
        }
    }

    /// The header row (1-based), once it is found.
    pub(crate) fn header_row(&self) -> Option<u32> {
        self.header_width.map(|_| self.header_row)
    }

    /// Hands the current row (which has a value) to the visitor as malformed, for `reason`,
    /// instead of as a row.
    pub(crate) fn malformed(&mut self, reason: String) {
        self.malformed = Some(reason);
    }

    /// A calamine value at (0-based) `row`, `col`.
    pub(crate) fn push(
        &mut self,
        row: u32,
        col: usize,
        value: &DataRef<'a>,
        visitor: &mut dyn TableVisitor,
    ) {
        if value.is_empty() {
            self.at_row(row, visitor);
        } else {
            self.push_cell(row, col, convert(value), visitor);
        }
    }

    /// Moves on to (0-based) `row`, handing on the row before it: a cell without a value.
    pub(crate) fn at_row(&mut self, row: u32, visitor: &mut dyn TableVisitor) {
        if self.current != Some(row) {
            self.flush(visitor);
            self.current = Some(row);
        }
    }

    /// Whether the value of column `col` in the current row is read, or only whether it has
    /// one: before the header every column is read, after it the kept ones.
    pub(crate) fn reads(&self, col: usize) -> bool {
        match self.header_width {
            None => col < MAX_HEADER_COLUMNS,
            Some(width) => col < width && self.keep[col],
        }
    }

    /// A cell with a value (which may still read as empty: blank text) at `row`, `col`.
    pub(crate) fn push_cell(
        &mut self,
        row: u32,
        col: usize,
        cell: RawCell<'a>,
        visitor: &mut dyn TableVisitor,
    ) {
        self.push_checked_cell(row, col, cell, false, visitor);
    }

    /// [`RowAssembler::push_cell`] for a cell the reader may know to be `clean` of personal
    /// data ([`TableVisitor::checked_row`]).
    pub(crate) fn push_checked_cell(
        &mut self,
        row: u32,
        col: usize,
        cell: RawCell<'a>,
        clean: bool,
        visitor: &mut dyn TableVisitor,
    ) {
        self.at_row(row, visitor);
        match self.header_width {
            None if col < MAX_HEADER_COLUMNS => {
                if self.cells.len() <= col {
                    self.cells.resize(col + 1, RawCell::Empty);
                }
                self.content |= !cell.is_empty();
                self.cells[col] = cell;
            }
            None => {}
            Some(width) => {
                if col < width && self.keep[col] {
                    self.content |= !cell.is_empty();
                    self.cells[col] = cell;
                    self.clean[col] = clean;
                } else if !self.content {
                    // A value in a column that is not kept still makes the row a row.
                    self.content = !cell.is_empty();
                }
            }
        }
    }

    /// Hands the finished row (0-based `current`) to the visitor.
    fn flush(&mut self, visitor: &mut dyn TableVisitor) {
        let Some(row0) = self.current else { return };
        let row = row0 + 1;
        if self.content {
            match self.header_width {
                None if self.rows_searched < HEADER_SEARCH_ROWS => {
                    self.rows_searched += 1;
                    if visitor.header(&self.src, row, &self.cells) {
                        let width = self
                            .cells
                            .iter()
                            .rposition(|c| !c.is_empty())
                            .map_or(0, |i| i + 1);
                        self.header_width = Some(width);
                        self.keep = (0..width).map(|c| visitor.keep_column(c)).collect();
                        self.header_row = row;
                        self.header_text = self
                            .cells
                            .iter()
                            .map(|c| c.as_key().unwrap_or_default())
                            .collect();
                        self.cells = vec![RawCell::Empty; width];
                        self.clean = vec![false; width];
                        if self.rows_searched > 1 {
                            skipped_above(&self.src, row, visitor);
                        }
                    }
                }
                None => {}
                Some(_) => match self.malformed.take() {
                    Some(reason) => visitor.malformed_row(self.src.loc().at_row(row), reason),
                    None => visitor.checked_row(row, &self.cells, &self.clean),
                },
            }
        }
        self.malformed = None;
        self.content = false;
        match self.header_width {
            Some(_) => {
                self.cells.iter_mut().for_each(|c| *c = RawCell::Empty);
                self.clean.iter_mut().for_each(|c| *c = false);
            }
            None => self.cells.clear(),
        }
    }

    /// Whether data column `col` (0-based) after the header is read.
    fn kept(&self, col: usize) -> bool {
        self.header_width.is_some() && self.keep.get(col) == Some(&true)
    }

    /// Where data cell (`row` 1-based, `col` 0-based) is.
    fn loc(&self, row: u32, col: usize) -> Loc {
        self.src.loc().at_row(row).at_col(Col {
            index: col as u32,
            header: self.header_text.get(col).cloned().unwrap_or_default(),
            letters: self.src.letters,
        })
    }

    /// A formula cell without a cached value (0-based position): nothing can be read from
    /// it, so it is an error value, and a finding says why.
    pub(crate) fn formula_without_value(
        &mut self,
        row: u32,
        col: usize,
        visitor: &mut dyn TableVisitor,
    ) {
        self.push_cell(row, col, RawCell::Error, visitor);
        if self.kept(col) && row + 1 > self.header_row {
            let loc = self.loc(row + 1, col);
            visitor.findings().push(
                "formel",
                Severity::Warning,
                loc,
                "cellen innehåller en formel utan sparat värde; öppna filen i Excel och spara den igen så att värdet sparas".into(),
            );
        }
    }

    /// Merged cells (0-based corners): only the first holds the value, so rows below it
    /// would silently read as empty. Each region over read data cells gets a finding.
    pub(crate) fn merged(
        &mut self,
        start: (u32, u32),
        end: (u32, u32),
        visitor: &mut dyn TableVisitor,
    ) {
        let (top, left) = start;
        let (bottom, right) = end;
        let first_data = self.header_row; // 0-based index of the row after the header
        if self.header_width.is_none() || bottom < first_data {
            return;
        }
        let Some(col) = (left..=right).map(|c| c as usize).find(|&c| self.kept(c)) else {
            return;
        };
        let name = |r: u32, c: u32| format!("{}{}", column_letters(c), r + 1);
        let loc = self.loc(top.max(first_data) + 1, col);
        visitor.findings().push(
            "sammanfogade",
            Severity::Warning,
            loc,
            format!(
                "cellerna {}:{} är sammanfogade; bara den första har ett värde och de andra läses som tomma. Dela upp sammanfogningen och fyll i värdet på varje rad",
                name(top, left),
                name(bottom, right)
            ),
        );
    }

    pub(crate) fn finish(mut self, visitor: &mut dyn TableVisitor) -> Streamed {
        self.flush(visitor);
        if self.header_width.is_some() {
            Streamed::Read(self.src)
        } else {
            Streamed::NoHeader(self.src)
        }
    }
}
