//! Spreadsheet reader (calamine): xlsx is streamed cell by cell, so a sheet whose used range
//! claims a million rows or columns costs nothing; xls and ods go through calamine's ranges.

use std::path::Path;

use anyhow::{Result, anyhow};
use calamine::{Data, DataRef, DataType, Ods, Reader, Xls, Xlsx, open_workbook};

use super::{HEADER_SEARCH_ROWS, RawCell, Source, Streamed, TableVisitor, display_name, extension};
use crate::text::fold;

/// Columns kept while looking for the header row; a header wider than this is not plausible.
const MAX_HEADER_COLUMNS: usize = 1024;

pub fn stream(path: &Path, sheet_hint: &str, visitor: &mut dyn TableVisitor) -> Result<Streamed> {
    let name = display_name(path);
    let ext = extension(path).unwrap_or_default();
    let unreadable = |kind: &str| {
        anyhow!("{name}: filen kan inte läsas som {kind} (skadad, krypterad eller fel format)")
    };
    match ext.as_str() {
        "xls" => {
            let mut wb: Xls<_> = open_workbook(path).map_err(|_| unreadable("Excel-fil (.xls)"))?;
            let sheet = choose_sheet(&wb.sheet_names(), sheet_hint)
                .ok_or_else(|| anyhow!("{name}: arbetsboken har inga blad"))?;
            let range = wb
                .worksheet_range(&sheet)
                .map_err(|_| unreadable("Excel-fil (.xls)"))?;
            Ok(stream_range(&range, source(&name, &sheet), visitor))
        }
        "ods" => {
            let mut wb: Ods<_> =
                open_workbook(path).map_err(|_| unreadable("OpenDocument-fil (.ods)"))?;
            let sheet = choose_sheet(&wb.sheet_names(), sheet_hint)
                .ok_or_else(|| anyhow!("{name}: arbetsboken har inga blad"))?;
            let range = wb
                .worksheet_range(&sheet)
                .map_err(|_| unreadable("OpenDocument-fil (.ods)"))?;
            Ok(stream_range(&range, source(&name, &sheet), visitor))
        }
        _ => {
            let mut wb: Xlsx<_> =
                open_workbook(path).map_err(|_| unreadable("Excel-fil (.xlsx)"))?;
            let sheet = choose_sheet(&wb.sheet_names(), sheet_hint)
                .ok_or_else(|| anyhow!("{name}: arbetsboken har inga blad"))?;
            let src = source(&name, &sheet);
            let mut reader = wb
                .worksheet_cells_reader(&sheet)
                .map_err(|_| unreadable("Excel-fil (.xlsx)"))?;
            let mut rows = RowAssembler::new(src.clone());
            loop {
                let cell = reader.next_cell().map_err(|_| {
                    anyhow!("{name} › {sheet}: bladet är skadat och kan inte läsas till slut")
                })?;
                let Some(cell) = cell else { break };
                let (row, col) = cell.get_position();
                rows.push(row, col as usize, cell.get_value(), visitor);
            }
            Ok(rows.finish(visitor))
        }
    }
}

/// The names of the sheets of a workbook, in the workbook's order.
pub fn sheet_names(path: &Path) -> Result<Vec<String>> {
    let name = display_name(path);
    let ext = extension(path).unwrap_or_default();
    let names = match ext.as_str() {
        "xls" => open_workbook::<Xls<_>, _>(path)
            .map(|wb| wb.sheet_names())
            .ok(),
        "ods" => open_workbook::<Ods<_>, _>(path)
            .map(|wb| wb.sheet_names())
            .ok(),
        _ => open_workbook::<Xlsx<_>, _>(path)
            .map(|wb| wb.sheet_names())
            .ok(),
    };
    names.ok_or_else(|| {
        anyhow!("{name}: filen kan inte läsas som arbetsbok (skadad, krypterad eller fel format)")
    })
}

fn source(file: &str, sheet: &str) -> Source {
    Source {
        file: file.to_string(),
        sheet: Some(sheet.to_string()),
        letters: true,
    }
}

/// The sheet named like `hint` (folded), else the first sheet.
fn choose_sheet(names: &[String], hint: &str) -> Option<String> {
    let want = fold(hint);
    names
        .iter()
        .find(|n| fold(n) == want)
        .or_else(|| names.first())
        .cloned()
}

fn stream_range(
    range: &calamine::Range<Data>,
    src: Source,
    visitor: &mut dyn TableVisitor,
) -> Streamed {
    let mut rows = RowAssembler::new(src);
    if let Some((r0, c0)) = range.start() {
        for (i, row) in range.rows().enumerate() {
            for (j, value) in row.iter().enumerate() {
                let v: DataRef<'_> = match value {
                    Data::Int(i) => DataRef::Int(*i),
                    Data::Float(f) => DataRef::Float(*f),
                    Data::String(s) => DataRef::SharedString(s),
                    Data::Bool(b) => DataRef::Bool(*b),
                    Data::DateTime(d) => DataRef::DateTime(*d),
                    Data::DateTimeIso(s) => DataRef::DateTimeIso(s.clone()),
                    Data::DurationIso(s) => DataRef::DurationIso(s.clone()),
                    Data::Error(e) => DataRef::Error(e.clone()),
                    Data::Empty => DataRef::Empty,
                };
                rows.push(r0 + i as u32, c0 as usize + j, &v, visitor);
            }
        }
    }
    rows.finish(visitor)
}

/// Converts one calamine value, borrowing shared strings.
fn convert<'a>(value: &DataRef<'a>) -> RawCell<'a> {
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

/// Groups a stream of cells (in row order) into rows and feeds them to the visitor: header
/// search first, then data rows limited to the header's width.
pub(crate) struct RowAssembler<'a> {
    src: Source,
    current: Option<u32>,
    cells: Vec<RawCell<'a>>,
    content: bool,
    header_width: Option<usize>,
    /// After the header: which columns the visitor keeps.
    keep: Vec<bool>,
    rows_searched: u32,
}

impl<'a> RowAssembler<'a> {
    pub(crate) fn new(src: Source) -> Self {
        RowAssembler {
            src,
            current: None,
            cells: Vec::new(),
            content: false,
            header_width: None,
            keep: Vec::new(),
            rows_searched: 0,
        }
    }

    pub(crate) fn push(
        &mut self,
        row: u32,
        col: usize,
        value: &DataRef<'a>,
        visitor: &mut dyn TableVisitor,
    ) {
        if self.current != Some(row) {
            self.flush(visitor);
            self.current = Some(row);
        }
        if value.is_empty() {
            return;
        }
        match self.header_width {
            None if col < MAX_HEADER_COLUMNS => {
                if self.cells.len() <= col {
                    self.cells.resize(col + 1, RawCell::Empty);
                }
                let cell = convert(value);
                self.content |= !cell.is_empty();
                self.cells[col] = cell;
            }
            None => {}
            Some(width) => {
                if col < width && self.keep[col] {
                    let cell = convert(value);
                    self.content |= !cell.is_empty();
                    self.cells[col] = cell;
                } else if !self.content {
                    // A value in a column that is not kept still makes the row a row.
                    self.content = !matches!(convert(value), RawCell::Empty);
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
                        self.cells = vec![RawCell::Empty; width];
                    }
                }
                None => {}
                Some(_) => visitor.row(row, &self.cells),
            }
        }
        self.content = false;
        match self.header_width {
            Some(_) => self.cells.iter_mut().for_each(|c| *c = RawCell::Empty),
            None => self.cells.clear(),
        }
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
