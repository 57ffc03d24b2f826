//! Spreadsheet reader (calamine): xlsx is streamed cell by cell, so a sheet whose used range
//! claims a million rows or columns costs nothing; xls and ods go through calamine's ranges.

use std::path::Path;
use std::sync::mpsc::sync_channel;

use anyhow::{Result, anyhow};
use calamine::{Data, DataRef, DataType, Ods, Reader, Xls, Xlsx, open_workbook};

use super::stored_view::{self, Fail, StoredView, is_sheet};
use super::{
    HEADER_SEARCH_ROWS, RawCell, Source, Streamed, TableVisitor, display_name, extension,
    sheet_choice,
};
use crate::diagnostics::{Col, Loc, Severity, column_letters};

/// Columns kept while looking for the header row: Excel's 16 384 (A–XFD), so a header that
/// starts far to the right, or is very wide, is still found. Only CSV can go further, and
/// says so ([`super::csv`]).
pub(crate) const MAX_HEADER_COLUMNS: usize = 16_384;

pub fn stream(path: &Path, sheet_hint: &str, visitor: &mut dyn TableVisitor) -> Result<Streamed> {
    let name = display_name(path);
    let ext = extension(path).unwrap_or_default();
    let unreadable = |kind: &str| {
        anyhow!("{name}: filen kan inte läsas som {kind} (skadad, krypterad eller fel format)")
    };
    match ext.as_str() {
        "xls" => {
            let mut wb: Xls<_> = open_workbook(path).map_err(|_| unreadable("Excel-fil (.xls)"))?;
            let sheet = sheet_choice::choose_in(&mut wb, sheet_hint, &name, visitor)?;
            let range = wb
                .worksheet_range(&sheet)
                .map_err(|_| unreadable("Excel-fil (.xls)"))?;
            Ok(stream_range(&range, source(&name, &sheet), visitor))
        }
        "ods" => {
            let mut wb: Ods<_> =
                open_workbook(path).map_err(|_| unreadable("OpenDocument-fil (.ods)"))?;
            let sheet = sheet_choice::choose_in(&mut wb, sheet_hint, &name, visitor)?;
            let range = wb
                .worksheet_range(&sheet)
                .map_err(|_| unreadable("OpenDocument-fil (.ods)"))?;
            Ok(stream_range(&range, source(&name, &sheet), visitor))
        }
        _ => xlsx(path, &name, sheet_hint, visitor),
    }
}

/// Reads the xlsx workbook at `path`: through a [`StoredView`], in which a second thread
/// inflates and checks the sheet while calamine parses it, or (for archives the view cannot
/// describe) after inflating every part once to check it.
fn xlsx(
    path: &Path,
    name: &str,
    sheet_hint: &str,
    visitor: &mut dyn TableVisitor,
) -> Result<Streamed> {
    let unreadable = || {
        anyhow!(
            "{name}: filen kan inte läsas som Excel-fil (.xlsx) (skadad, krypterad eller fel format)"
        )
    };
    let opened = StoredView::open(path)
        .map_err(|e| anyhow!("{name}: kan inte öppnas: {}", super::io_reason(&e)))?;
    let view = match opened {
        Some(Ok(view)) => view,
        Some(Err(fail)) => return Err(failure(name, fail)),
        None => {
            // Parts calamine holds in memory are checked before it opens them; the sheets are
            // checked on a second core while calamine parses the shared strings and styles.
            inspect_xlsx(path, name, |part| !is_sheet(part))?;
            let (inside, wb) = std::thread::scope(|s| {
                let sheets = s.spawn(|| inspect_xlsx(path, name, is_sheet));
                let wb: Result<Xlsx<_>> = open_workbook(path).map_err(|_| unreadable());
                let inside = sheets.join().unwrap_or_else(|_| Err(unreadable()));
                (inside, wb)
            });
            let inside = inside?;
            return read_xlsx(&mut wb?, name, sheet_hint, visitor, || inside.merges);
        }
    };
    let findings = view.findings();
    let found = || findings.lock().unwrap_or_else(|p| p.into_inner());
    let result = match Xlsx::new(view) {
        Ok(mut wb) => read_xlsx(&mut wb, name, sheet_hint, visitor, || found().last_merged()),
        Err(_) => Err(unreadable()),
    };
    // A failure the inflating thread found explains why calamine stopped.
    let fail = found().fail;
    match (result, fail) {
        (Err(_), Some(fail)) => Err(failure(name, fail)),
        (result, _) => result,
    }
}

/// A cell as the parsing thread hands it on: position, value, whether a formula without a
/// cached value.
type Located<'a> = ((u32, u32), DataRef<'a>, bool);

/// Cells per batch from the parsing thread, and batches in flight.
const BATCH: usize = 4096;
const BATCHES_IN_FLIGHT: usize = 4;

/// The message for what the inflating thread found.
fn failure(name: &str, fail: Fail) -> anyhow::Error {
    match fail {
        Fail::Bomb(limit) => anyhow!(
            "{name}: filen packas upp till mer än {} MB och läses inte; ett riktigt kalkylblad packas inte så hårt (filen kan vara en så kallad zip-bomb)",
            limit >> 20
        ),
        Fail::BadReference => anyhow!(
            "{name}: bladet har en cellreferens utanför det Excel tillåter; filen är skadad"
        ),
        Fail::Unreadable => anyhow!(
            "{name}: filen kan inte läsas som Excel-fil (.xlsx) (skadad, krypterad eller fel format)"
        ),
    }
}

/// Streams the sheet chosen from `wb` to the visitor. Formulas without a value are found
/// while reading; `merges` says afterwards whether the sheet has merged cells to report.
fn read_xlsx<RS: std::io::Read + std::io::Seek + Send>(
    wb: &mut Xlsx<RS>,
    name: &str,
    sheet_hint: &str,
    visitor: &mut dyn TableVisitor,
    merges: impl FnOnce() -> bool,
) -> Result<Streamed> {
    let sheet = sheet_choice::choose_in(wb, sheet_hint, name, visitor)?;
    let src = source(name, &sheet);
    let broken = || {
        anyhow!(
            "{} › bladet är skadat och kan inte läsas till slut",
            src.loc()
        )
    };
    let mut rows = RowAssembler::new(src.clone());
    let mut reader = wb.worksheet_cells_reader(&sheet).map_err(|_| {
        anyhow!("{name}: filen kan inte läsas som Excel-fil (.xlsx) (skadad, krypterad eller fel format)")
    })?;
    // calamine parses the sheet on its own thread; this one classifies the rows.
    let (tx, rx) = sync_channel::<Vec<Located<'_>>>(BATCHES_IN_FLIGHT);
    let parsed = std::thread::scope(|s| {
        let parser = s.spawn(move || {
            let mut batch = Vec::with_capacity(BATCH);
            // Metadata costs nothing for a cell without a formula.
            while let Some(c) = reader.next_cell_with_formula_metadata()? {
                let uncalculated = c.formula.is_some() && c.value.is_empty();
                batch.push((c.pos, c.value, uncalculated));
                if batch.len() == BATCH {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                    if tx.send(full).is_err() {
                        return Ok(());
                    }
                }
            }
            let _ = tx.send(batch);
            drop(tx);
            // The rest of the sheet (merged cells come after the cells), so that it is
            // checked to its end.
            while let Ok(Some(_)) = reader.next_cell_with_formula_metadata() {}
            Ok::<(), calamine::XlsxError>(())
        });
        for ((row, col), value, uncalculated) in rx.iter().flatten() {
            if uncalculated {
                rows.formula_without_value(row, col as usize, visitor);
            } else {
                rows.push(row, col as usize, &value, visitor);
            }
        }
        parser.join()
    });
    drop(rx);
    match parsed {
        Ok(Ok(())) => {}
        Ok(Err(_)) => return Err(broken()),
        Err(panic) => std::panic::resume_unwind(panic),
    }
    if !merges() {
        return Ok(rows.finish(visitor));
    }
    // Merged cells are read from the sheet again, rare as they are in a register.
    let mut rows = rows.into_owned();
    for region in wb.merge_cells_by_sheet_name(&sheet).unwrap_or_default() {
        rows.merged(region.start, region.end, visitor);
    }
    Ok(rows.finish(visitor))
}

/// What a look inside an xlsx archive found.
#[derive(Debug, Default)]
struct Inside {
    formulas: bool,
    merges: bool,
}

/// Bytes of the previous chunk kept when scanning the next, so that no tag or reference
/// split across two chunks is missed.
pub(super) const CARRY: usize = 64;

/// Whether every cell reference (`r="B12"`, `ref="A1:XFD1048576"`) in `xml` fits the limits of
/// Excel (at most three letters and seven digits); calamine overflows on longer ones. A
/// reference cut off at the end of `xml` is left to the next chunk.
pub(super) fn cell_references_are_sane(xml: &[u8]) -> bool {
    let attrs = [&b" r=\""[..], &b" ref=\""[..]];
    attrs.iter().all(|attr| {
        memchr::memmem::find_iter(xml, attr).all(|at| {
            let value = &xml[at + attr.len()..];
            match value.iter().take(CARRY / 2).position(|&c| c == b'"') {
                Some(end) => value[..end].split(|&c| c == b':').all(|cell| {
                    let letters = cell.iter().take_while(|c| c.is_ascii_alphabetic()).count();
                    let digits = cell.len() - letters;
                    letters <= 3 && digits <= 7 && cell[letters..].iter().all(u8::is_ascii_digit)
                }),
                None => value.len() < CARRY / 2,
            }
        })
    })
}

/// Inflates the XML parts of the workbook that `wanted` selects once, counting bytes, before
/// calamine reads them (calamine holds shared strings and styles in memory): a zip bomb is
/// refused, whatever its headers claim. Also notes whether the sheets hold formulas or merged
/// cells.
fn inspect_xlsx(path: &Path, name: &str, wanted: fn(&str) -> bool) -> Result<Inside> {
    use std::io::Read;
    let unreadable = || {
        anyhow!(
            "{name}: filen kan inte läsas som Excel-fil (.xlsx) (skadad, krypterad eller fel format)"
        )
    };
    let file = std::fs::File::open(path)
        .map_err(|e| anyhow!("{name}: kan inte öppnas: {}", super::io_reason(&e)))?;
    let mut zip = zip::ZipArchive::new(std::io::BufReader::new(file)).map_err(|_| unreadable())?;
    let mut inside = Inside::default();
    let formula = memchr::memmem::Finder::new(b"<f");
    let merge = memchr::memmem::Finder::new(b"<mergeCell");
    let mut buf = vec![0u8; 1 << 16];
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(|_| unreadable())?;
        let part_name = part.name().map_err(|_| unreadable())?.to_string();
        if !(part_name.ends_with(".xml") || part_name.ends_with(".rels")) || !wanted(&part_name) {
            continue;
        }
        let sheet = is_sheet(&part_name);
        let limit = stored_view::limit(part.compressed_size());
        let mut total: u64 = 0;
        // The last bytes of the previous chunk, so a tag split across two is still found.
        let mut window: Vec<u8> = Vec::with_capacity(buf.len() + CARRY);
        loop {
            let n = part.read(&mut buf).map_err(|_| unreadable())?;
            if n == 0 {
                break;
            }
            total += n as u64;
            if total > limit {
                anyhow::bail!(
                    "{name}: filen packas upp till mer än {} MB och läses inte; ett riktigt kalkylblad packas inte så hårt (filen kan vara en så kallad zip-bomb)",
                    limit >> 20
                );
            }
            if sheet {
                let keep = window.len().saturating_sub(CARRY);
                window.drain(..keep);
                window.extend_from_slice(&buf[..n]);
                inside.merges |= merge.find(&window).is_some();
                inside.formulas |= formula
                    .find_iter(&window)
                    .any(|at| matches!(window.get(at + 2), Some(b'>' | b' ' | b'/')));
                if !cell_references_are_sane(&window) {
                    anyhow::bail!(
                        "{name}: bladet har en cellreferens utanför det Excel tillåter; filen är skadad"
                    );
                }
            }
        }
    }
    Ok(inside)
}

/// The names of the sheets of a workbook, in the workbook's order, and whether each is hidden.
pub fn sheet_names(path: &Path) -> Result<Vec<(String, bool)>> {
    let name = display_name(path);
    let ext = extension(path).unwrap_or_default();
    let names = match ext.as_str() {
        "xls" => open_workbook::<Xls<_>, _>(path)
            .map(|wb| sheet_choice::Workbook::sheets(&wb))
            .ok(),
        "ods" => open_workbook::<Ods<_>, _>(path)
            .map(|wb| sheet_choice::Workbook::sheets(&wb))
            .ok(),
        _ => open_workbook::<Xlsx<_>, _>(path)
            .map(|wb| sheet_choice::Workbook::sheets(&wb))
            .ok(),
    };
    names.ok_or_else(|| {
        anyhow!("{name}: filen kan inte läsas som arbetsbok (skadad, krypterad eller fel format)")
    })
}

fn source(file: &str, sheet: &str) -> Source {
    Source {
        file: file.to_string(),
        sheet: Some(crate::base::names::shown(sheet).into_owned()),
        letters: true,
    }
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
                        self.header_row = row;
                        self.header_text = self
                            .cells
                            .iter()
                            .map(|c| c.as_key().unwrap_or_default())
                            .collect();
                        self.cells = vec![RawCell::Empty; width];
                        if self.rows_searched > 1 {
                            skipped_above(&self.src, row, visitor);
                        }
                    }
                }
                None => {}
                Some(_) => match self.malformed.take() {
                    Some(reason) => visitor.malformed_row(self.src.loc().at_row(row), reason),
                    None => visitor.row(row, &self.cells),
                },
            }
        }
        self.malformed = None;
        self.content = false;
        match self.header_width {
            Some(_) => self.cells.iter_mut().for_each(|c| *c = RawCell::Empty),
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
        self.push(
            row,
            col,
            &DataRef::Error(calamine::CellErrorType::NA),
            visitor,
        );
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

    /// The assembler with the current row's text copied out of the workbook, so that the
    /// workbook can be read again before the row is handed on.
    fn into_owned(self) -> RowAssembler<'static> {
        let cells = self
            .cells
            .into_iter()
            .map(|c| match c {
                RawCell::Empty => RawCell::Empty,
                RawCell::Text(t) => RawCell::Text(std::borrow::Cow::Owned(t.into_owned())),
                RawCell::Number(n) => RawCell::Number(n),
                RawCell::Date(d) => RawCell::Date(d),
                RawCell::Bool(b) => RawCell::Bool(b),
                RawCell::Error => RawCell::Error,
            })
            .collect();
        RowAssembler {
            src: self.src,
            current: self.current,
            cells,
            content: self.content,
            header_width: self.header_width,
            keep: self.keep,
            header_row: self.header_row,
            header_text: self.header_text,
            rows_searched: self.rows_searched,
            malformed: self.malformed,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references_within_excel_limits_are_sane() {
        assert!(cell_references_are_sane(
            br#"<dimension ref="A1:XFD1048576"/><row r="2"><c r="B2" s="1">"#
        ));
        // A reference cut off at the end of a chunk is left to the next one.
        assert!(cell_references_are_sane(br#"<c r="AB12"#));
    }

    #[test]
    fn cell_references_calamine_would_overflow_on_are_not() {
        for xml in [
            &br#"<row r="99999999999">"#[..],
            br#"<c r="ZZZZZZZZ1">"#,
            br#"<dimension ref="A1:A123456789"/>"#,
            br#"<c r="A1B2">"#,
            br#"<c r="A1234567890123456789012345678901234567890">"#,
        ] {
            assert!(
                !cell_references_are_sane(xml),
                "{}",
                String::from_utf8_lossy(xml)
            );
        }
    }
}
