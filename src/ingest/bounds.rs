//! Bounds on xls and ods workbooks before calamine reads them: calamine builds every sheet of
//! these as a dense range when it opens the file, so a stray cell far away (or a cell repeated
//! over the whole sheet) would allocate billions of cells. The file is scanned first, counting
//! what calamine would allocate, and refused with a located error when that is far beyond the
//! cells the file holds.
//!
//! The rule, the same for both formats: a sheet may be as large as [`DENSE_FLOOR`] cells, or
//! [`DENSE_RATIO`] times the cells the file stores for it, whichever is more; and a workbook's
//! sheets together at most [`DENSE_MAX`] cells, since calamine holds them all at once.

use std::io::Read;
use std::path::Path;

use anyhow::{Result, anyhow, bail};
use quick_xml::events::{BytesStart, Event};

use super::spreadsheet::{MAX_INFLATED, MAX_RATIO};
use crate::base::{format, names};
use crate::diagnostics::column_letters;

/// A sheet may always be this many cells in memory, however few of them are filled.
pub(crate) const DENSE_FLOOR: u64 = 10_000_000;
/// Beyond [`DENSE_FLOOR`], a sheet may be this many times the cells the file stores for it.
pub(crate) const DENSE_RATIO: u64 = 50;
/// All sheets of a workbook together may be at most this many cells in memory: two sheets at
/// the floor (one xls sheet of 10 M cells peaks at 624 MiB, see the README).
pub(crate) const DENSE_MAX: u64 = 20_000_000;

/// Excel's (and calamine's, for ods) 1 048 576 rows and 16 384 columns.
const MAX_ROWS: u64 = 1_048_576;
const MAX_COLUMNS: u64 = 16_384;

/// What the scan of one sheet found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Extent {
    /// Cells calamine allocates for the sheet (the larger of its working copy and its range).
    dense: u64,
    /// Cells with a value as the file stores them (a repeated cell counts once).
    stored: u64,
    /// The cell (0-based row, column) that stretches the sheet the most.
    far: (u64, u64),
    /// Whether the size is what the file declares (xls: the DIMENSIONS record), not its cells.
    declared: bool,
}

/// Refuses `extent` of sheet `sheet` in file `name` if it breaks the rule of this module.
fn judge(name: &str, sheet: &str, extent: &Extent, total: &mut u64) -> Result<()> {
    let (row, col) = extent.far;
    let cell = format!("{}{}", column_letters(col as u32), row + 1);
    let sheet = names::shown(sheet);
    if extent.dense > DENSE_FLOOR.max(extent.stored.saturating_mul(DENSE_RATIO)) {
        if extent.declared {
            bail!(
                "{name} › {sheet}: bladet anger att det sträcker sig till {cell} och blir då {} stort fast det bara har {} ifyllda celler; filen är skadad och läses inte (spara om den i Excel)",
                cells(extent.dense),
                format::int(extent.stored as i64)
            );
        }
        bail!(
            "{name} › {sheet}: en cell i {cell} gör bladet {} stort fast det bara har {} ifyllda celler; filen läses inte (ta bort cellen eller det som står långt från tabellen och spara om filen)",
            cells(extent.dense),
            format::int(extent.stored as i64)
        );
    }
    *total = total.saturating_add(extent.dense);
    if *total > DENSE_MAX {
        bail!(
            "{name} › {sheet}: arbetsbokens blad blir tillsammans {} stora i minnet (det här sträcker sig till {cell}); filen läses inte eftersom den är större än {} (dela upp den eller spara den som .xlsx)",
            cells(*total),
            cells(DENSE_MAX)
        );
    }
    Ok(())
}

/// A count of cells in words: `12 celler`, `17 miljoner celler`, `17 miljarder celler`.
fn cells(n: u64) -> String {
    let round = |unit: u64| n.saturating_add(unit / 2) / unit;
    match n {
        // Only a declared size (a wrapped-around row count) gets here.
        1_000_000_000_000.. => "mer än 1\u{a0}000 miljarder celler".to_string(),
        0..1_000_000 => format!("{} celler", format::int(n as i64)),
        1_000_000..1_500_000 => "1 miljon celler".to_string(),
        1_500_000..1_000_000_000 => format!("{} miljoner celler", round(1_000_000)),
        1_000_000_000..1_500_000_000 => "1 miljard celler".to_string(),
        _ => format!(
            "{} miljarder celler",
            format::int(round(1_000_000_000) as i64)
        ),
    }
}

fn too_large(name: &str, limit: u64) -> anyhow::Error {
    // The same words as the xlsx check in `spreadsheet`.
    anyhow!(
        "{name}: filen packas upp till mer än {} MB och läses inte; ett riktigt kalkylblad packas inte så hårt (filen kan vara en så kallad zip-bomb)",
        limit >> 20
    )
}

// ---------------------------------------------------------------------------
// ods
// ---------------------------------------------------------------------------

/// Counts bytes read and fails once they pass `limit`.
struct Capped<R> {
    inner: R,
    read: u64,
    limit: u64,
    exceeded: bool,
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        if self.read > self.limit {
            self.exceeded = true;
            return Err(std::io::Error::other("inflated beyond the limit"));
        }
        Ok(n)
    }
}

/// Scans `content.xml` of the ods file at `path` as calamine's `ods.rs` would expand it, and
/// refuses it (see the module) before calamine reads it. A file that is not a readable ods is
/// left to calamine, which says so.
pub(crate) fn check_ods(path: &Path, name: &str) -> Result<()> {
    let Ok(file) = std::fs::File::open(path) else {
        return Ok(());
    };
    let Ok(mut zip) = zip::ZipArchive::new(std::io::BufReader::new(file)) else {
        return Ok(());
    };
    let Ok(part) = zip.by_name("content.xml") else {
        return Ok(());
    };
    let limit = MAX_INFLATED.max(part.compressed_size().saturating_mul(MAX_RATIO));
    let mut capped = Capped {
        inner: part,
        read: 0,
        limit,
        exceeded: false,
    };
    let mut total = 0u64;
    let scanned = scan_ods(&mut capped, &mut |sheet, extent| {
        judge(name, sheet, extent, &mut total)
    });
    if capped.exceeded {
        return Err(too_large(name, limit));
    }
    scanned
}

/// The value of attribute `key` of `e`, raw (calamine does not unescape these either).
fn attr<'a>(e: &'a BytesStart<'_>, key: &str) -> Option<std::borrow::Cow<'a, str>> {
    let mut attrs = e.attributes();
    attrs.with_checks(false);
    attrs.flatten().find(|a| a.key.0 == key).map(|a| a.value)
}

/// How many times table cell `e` repeats (`None` if that is not a number), and whether
/// calamine reads it as non-empty: it has a value, a value type of string (whose text is the
/// value, even when empty) or a formula. One pass over the attributes.
fn ods_cell(e: &BytesStart<'_>) -> (Option<u64>, bool) {
    let mut attrs = e.attributes();
    attrs.with_checks(false);
    let mut repeats = Some(1);
    let mut content = false;
    for a in attrs.flatten() {
        match a.key.0 {
            "table:number-columns-repeated" => repeats = a.value.parse().ok(),
            "office:value"
            | "office:string-value"
            | "office:date-value"
            | "office:time-value"
            | "office:boolean-value" => content = true,
            "office:value-type" => content |= a.value == "string",
            "table:formula" => content |= !a.value.is_empty(),
            _ => {}
        }
    }
    (repeats, content)
}

/// One sheet being scanned, in the terms of calamine's `read_table` and `get_range`.
#[derive(Default)]
struct OdsTable {
    /// Rows so far, repeats counted (capped at [`MAX_ROWS`] as calamine caps them).
    rows: u64,
    /// Cells calamine pushes before it trims the sheet to its used area.
    pushed: u64,
    stored: u64,
    /// First row (0-based) of the first row with content, and the end (exclusive) of the last.
    top: Option<u64>,
    bottom: u64,
    left: u64,
    right: u64,
    /// The cell furthest right, and the last cell of the last row with content.
    widest: (u64, u64),
    lowest: (u64, u64),
}

impl OdsTable {
    fn extent(&self) -> Extent {
        let Some(top) = self.top else {
            return Extent {
                dense: self.pushed,
                ..Extent::default()
            };
        };
        let width = self.right + 1 - self.left;
        let area = (self.bottom - top).saturating_mul(width);
        let height = self.bottom - top;
        // The working copy is as wide as the furthest cell from column A; the range is the
        // used area. Whichever is larger names the cell that makes it so.
        let far = if self.pushed > area || width >= height {
            self.widest
        } else {
            self.lowest
        };
        Extent {
            dense: area.max(self.pushed),
            stored: self.stored,
            far,
            declared: false,
        }
    }
}

/// Scans `content` (an ods `content.xml`), handing each sheet's name and extent to `table`,
/// which may stop the scan with an error.
fn scan_ods<R: Read>(content: R, table: &mut dyn FnMut(&str, &Extent) -> Result<()>) -> Result<()> {
    let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::new(content));
    xml.config_mut().check_end_names = false;
    xml.config_mut().check_comments = false;
    let mut buf = Vec::with_capacity(1024);
    let mut inner = Vec::new();
    let mut skip = Vec::new();
    let mut current: Option<(String, OdsTable)> = None;
    loop {
        let event = match xml.read_event_into(&mut buf) {
            Ok(e) => e,
            // Unreadable XML is calamine's to report.
            Err(_) => return Ok(()),
        };
        let (e, open) = match event {
            Event::Eof => return Ok(()),
            Event::Start(e) => (e, true),
            Event::Empty(e) => (e, false),
            Event::End(e) if e.name().0 == "table:table" => {
                if let Some((sheet, t)) = current.take() {
                    table(&sheet, &t.extent())?;
                }
                buf.clear();
                continue;
            }
            _ => {
                buf.clear();
                continue;
            }
        };
        match e.name().0 {
            "table:table" if open => {
                if let Some(sheet) = attr(&e, "table:name") {
                    current = Some((sheet.into_owned(), OdsTable::default()));
                }
            }
            "table:table-row" => {
                let Some((_, t)) = current.as_mut() else {
                    buf.clear();
                    continue;
                };
                let repeats = match attr(&e, "table:number-rows-repeated") {
                    Some(v) => match v.parse::<u64>() {
                        Ok(n) => n,
                        Err(_) => return Ok(()),
                    },
                    None => 1,
                };
                let repeats = repeats.min(MAX_ROWS.saturating_sub(t.rows));
                let mut row = OdsRow::default();
                if open && !row.read(&mut xml, &mut inner, &mut skip) {
                    return Ok(());
                }
                t.pushed = t.pushed.saturating_add(row.cols);
                t.stored = t.stored.saturating_add(row.stored);
                if let (Some(first), Some(last)) = (row.first, row.last) {
                    // The last row of the repeats holds the far copy of the cell.
                    let at = (t.rows + repeats.max(1) - 1, last);
                    if t.top.is_none() {
                        t.top = Some(t.rows);
                        (t.left, t.right, t.widest) = (first, last, at);
                    } else {
                        t.left = t.left.min(first);
                        if last > t.right {
                            (t.right, t.widest) = (last, at);
                        }
                    }
                    if repeats > 0 {
                        (t.bottom, t.lowest) = (t.rows + repeats, at);
                    }
                }
                t.rows += repeats;
            }
            _ => {}
        }
        buf.clear();
    }
}

/// One row being scanned, as calamine's `read_row` pushes its cells.
#[derive(Default)]
struct OdsRow {
    /// Cells pushed (empty ones only when a cell with content follows them).
    cols: u64,
    stored: u64,
    first: Option<u64>,
    last: Option<u64>,
}

impl OdsRow {
    /// Reads the cells up to the end of the row; false if the XML is unreadable.
    fn read<B: std::io::BufRead>(
        &mut self,
        xml: &mut quick_xml::Reader<B>,
        buf: &mut Vec<u8>,
        skip: &mut Vec<u8>,
    ) -> bool {
        let mut empty_run = 0u64;
        loop {
            buf.clear();
            let event = match xml.read_event_into(buf) {
                Ok(e) => e,
                Err(_) => return false,
            };
            let (e, open) = match event {
                Event::Start(e) => (e, true),
                Event::Empty(e) => (e, false),
                Event::End(e) if e.name().0 == "table:table-row" => return true,
                Event::Eof => return false,
                _ => continue,
            };
            // The end tag to skip to, borrowed from nothing so that `buf` can be reused.
            let end: &str = match e.name().0 {
                "table:table-cell" => "table:table-cell",
                "table:covered-table-cell" => "table:covered-table-cell",
                other => {
                    if open {
                        let other = other.to_string();
                        if xml
                            .read_to_end_into(quick_xml::name::QName(&other), skip)
                            .is_err()
                        {
                            return false;
                        }
                    }
                    continue;
                }
            };
            let (Some(repeats), content) = ods_cell(&e) else {
                return false;
            };
            self.cols += empty_run.min(MAX_COLUMNS.saturating_sub(self.cols));
            empty_run = 0;
            let repeats = repeats.min(MAX_COLUMNS.saturating_sub(self.cols));
            if content {
                if repeats > 0 {
                    self.first.get_or_insert(self.cols);
                    self.last = Some(self.cols + repeats - 1);
                    self.stored += 1;
                }
                self.cols += repeats;
            } else {
                empty_run = repeats;
            }
            if open
                && xml
                    .read_to_end_into(quick_xml::name::QName(end), skip)
                    .is_err()
            {
                return false;
            }
        }
    }
}

// ---------------------------------------------------------------------------
// xls
// ---------------------------------------------------------------------------

/// Scans the BIFF records of the xls file at `path` as calamine's `xls.rs` reads them (the
/// DIMENSIONS record it reserves room for, the cells whose positions span its range) and
/// refuses it (see the module) before calamine reads it.
pub(crate) fn check_xls(path: &Path, name: &str) -> Result<()> {
    let unreadable = || {
        anyhow!(
            "{name}: filen kan inte läsas som Excel-fil (.xls) (skadad, krypterad eller fel format)"
        )
    };
    let Ok(bytes) = std::fs::read(path) else {
        return Ok(());
    };
    let Some(stream) = cfb::workbook_stream(&bytes) else {
        return Err(unreadable());
    };
    let mut total = 0u64;
    for (sheet, extent) in biff::sheets(&stream).ok_or_else(unreadable)? {
        judge(name, &sheet, &extent, &mut total)?;
    }
    Ok(())
}

/// The few BIFF records that decide the size of calamine's range.
mod biff {
    use super::Extent;

    fn u16_at(b: &[u8], at: usize) -> Option<u64> {
        Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?).into())
    }

    fn u32_at(b: &[u8], at: usize) -> Option<u64> {
        Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?).into())
    }

    /// The records of `stream` from its start: (type, data).
    fn records(mut stream: &[u8]) -> impl Iterator<Item = Option<(u16, &[u8])>> {
        std::iter::from_fn(move || {
            if stream.is_empty() {
                return None;
            }
            let Some((typ, len)) = u16_at(stream, 0).zip(u16_at(stream, 2)) else {
                stream = &[];
                return Some(None);
            };
            let Some(data) = stream.get(4..4 + len as usize) else {
                stream = &[];
                return Some(None);
            };
            stream = &stream[4 + len as usize..];
            Some(Some((typ as u16, data)))
        })
    }

    /// Each sheet's name and extent; `None` if the stream is cut short or encrypted (which
    /// calamine refuses too).
    pub(super) fn sheets(stream: &[u8]) -> Option<Vec<(String, Extent)>> {
        let mut sheets = Vec::new();
        let mut biff8 = true;
        for record in records(stream) {
            let (typ, data) = record?;
            match typ {
                0x002F if u16_at(data, 0)? != 0 => return None,
                // As calamine's parse_bof: BIFF8 unless the version says older.
                0x0809 => {
                    let (version, dt) = (u16_at(data, 0)?, u16_at(data, 2).unwrap_or(0));
                    let older =
                        matches!(version, 0x0002 | 0x0007 | 0x0200 | 0x0300 | 0x0400 | 0x0500)
                            || (version == 0 && dt == 0x1000);
                    biff8 = !older;
                }
                0x0085 => {
                    let pos = u32_at(data, 0)? as usize;
                    sheets.push((pos, sheet_name(data.get(6..)?, biff8)));
                }
                0x000A => break,
                _ => {}
            }
        }
        sheets
            .into_iter()
            .map(|(pos, name)| Some((name, extent(stream.get(pos..)?)?)))
            .collect()
    }

    /// A BoundSheet8 name (ShortXLUnicodeString in BIFF8, bytes before).
    fn sheet_name(b: &[u8], biff8: bool) -> String {
        let cch = b.first().copied().unwrap_or(0) as usize;
        let name = if biff8 && b.get(1).is_some_and(|f| f & 1 == 1) {
            let units: Vec<u16> = b
                .get(2..)
                .unwrap_or_default()
                .chunks_exact(2)
                .take(cch)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        } else {
            let from = if biff8 { 2 } else { 1 };
            b.get(from..)
                .unwrap_or_default()
                .iter()
                .take(cch)
                .map(|&c| char::from(c))
                .collect()
        };
        name.replace('\0', "")
    }

    /// The bounding box of a sheet's cells, as calamine's `Range::from_sparse` spans it.
    #[derive(Default)]
    struct Bbox {
        cells: u64,
        top: u64,
        bottom: u64,
        left: u64,
        right: u64,
        lowest: (u64, u64),
        widest: (u64, u64),
    }

    impl Bbox {
        fn note(&mut self, row: u64, col: u64) {
            if self.cells == 0 {
                (self.top, self.bottom, self.left, self.right) = (row, row, col, col);
                (self.lowest, self.widest) = ((row, col), (row, col));
            }
            self.cells += 1;
            self.top = self.top.min(row);
            self.left = self.left.min(col);
            if row > self.bottom {
                (self.bottom, self.lowest) = (row, (row, col));
            }
            if col > self.right {
                (self.right, self.widest) = (col, (row, col));
            }
        }

        fn area(&self) -> u64 {
            match self.cells {
                0 => 0,
                _ => (self.bottom - self.top + 1).saturating_mul(self.right - self.left + 1),
            }
        }

        /// The cell that stretches the box the most.
        fn far(&self) -> (u64, u64) {
            if self.right - self.left >= self.bottom - self.top {
                self.widest
            } else {
                self.lowest
            }
        }
    }

    /// The extent of the sheet whose substream starts `sheet`.
    fn extent(sheet: &[u8]) -> Option<Extent> {
        let mut bbox = Bbox::default();
        // The cells calamine reserves room for from the DIMENSIONS record, and its far corner.
        let mut reserved = (0u64, (0, 0));
        let mut seen_bof = false;
        let mut depth = 0usize;
        for record in records(sheet) {
            let Some((typ, data)) = record else { break };
            if depth > 0 {
                match typ {
                    0x0809 => depth += 1,
                    0x000A => depth -= 1,
                    _ => {}
                }
                continue;
            }
            match typ {
                // A nested substream (an embedded chart) carries cell-like records.
                0x0809 if seen_bof => depth += 1,
                0x0809 => seen_bof = true,
                0x000A => break,
                0x0200 => {
                    // As calamine's parse_dimensions: the last row and column are one past.
                    let (rf, rl, cf, cl) = match data.len() {
                        10 => (
                            u16_at(data, 0)?,
                            u16_at(data, 2)?,
                            u16_at(data, 4)?,
                            u16_at(data, 6)?,
                        ),
                        14 | 16 => (
                            u32_at(data, 0)?,
                            u32_at(data, 4)?,
                            u16_at(data, 8)?,
                            u16_at(data, 10)?,
                        ),
                        _ => return None,
                    };
                    let cf = if cf > 0xFF || cl < cf { 0 } else { cf };
                    if rl >= 1 && cl >= 1 {
                        // calamine reserves (rl - 1 - rf + 1) × (cl - 1 - cf + 1) cells; a
                        // first row past the last one wraps around.
                        let cells = match rl.checked_sub(rf) {
                            Some(rows) => rows.saturating_mul(cl - cf),
                            None => u64::MAX,
                        };
                        if cells > reserved.0 {
                            reserved = (cells, (rl.max(rf + 1) - 1, cl - 1));
                        }
                    }
                }
                // Number, Label, RString, BoolErr, Rk, LabelSst, Formula: row and column first.
                0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                    bbox.note(u16_at(data, 0)?, u16_at(data, 2)?);
                }
                // MulRk: a row, its first column, the values, its last column.
                0x00BD => {
                    let row = u16_at(data, 0)?;
                    let first = u16_at(data, 2)?;
                    let last = u16_at(data, data.len().checked_sub(2)?)?;
                    if last >= first {
                        bbox.note(row, first);
                        bbox.note(row, last);
                        // Both ends were counted; the record holds last - first + 1 values.
                        bbox.cells = bbox.cells - 2 + (last - first + 1);
                    }
                }
                _ => {}
            }
        }
        let area = bbox.area();
        Some(Extent {
            dense: area.max(reserved.0),
            stored: bbox.cells,
            far: if reserved.0 > area {
                reserved.1
            } else {
                bbox.far()
            },
            declared: reserved.0 > area,
        })
    }
}

/// Just enough of the compound file format (MS-CFB) to get the workbook stream out of an xls
/// file, as calamine's `cfb.rs` does.
mod cfb {
    const END: u32 = 0xFFFF_FFFE;

    fn u32_at(b: &[u8], at: usize) -> Option<u32> {
        Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
    }

    fn u16_at(b: &[u8], at: usize) -> Option<u16> {
        Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
    }

    /// Follows the chain from `start` through `fat`, reading `size`-byte sectors with `sector`,
    /// up to `len` bytes (to the end mark without one); `None` on a broken or looping chain.
    fn chain<'a>(
        start: u32,
        fat: &[u32],
        len: Option<usize>,
        size: usize,
        sector: impl Fn(u32) -> Option<&'a [u8]>,
    ) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        let mut at = start;
        let mut steps = 0;
        while at != END && len.is_none_or(|len| out.len() < len) {
            steps += 1;
            if steps > fat.len() + 1 {
                return None;
            }
            out.extend_from_slice(sector(at)?.get(..size)?);
            at = *fat.get(at as usize)?;
        }
        if let Some(len) = len {
            if out.len() < len {
                return None;
            }
            out.truncate(len);
        }
        Some(out)
    }

    /// The `Workbook` (or older `Book`) stream of the compound file `b`.
    pub(super) fn workbook_stream(b: &[u8]) -> Option<Vec<u8>> {
        if b.get(..8)? != [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] {
            return None;
        }
        let shift = u16_at(b, 0x1E)?;
        let mini_shift = u16_at(b, 0x20)?;
        if !(7..=16).contains(&shift) || mini_shift >= shift {
            return None;
        }
        let size = 1usize << shift;
        let mini = 1usize << mini_shift;
        let sector = |i: u32| -> Option<&[u8]> {
            let at = (i as usize).checked_add(1)?.checked_mul(size)?;
            b.get(at..at.checked_add(size)?)
        };
        // The FAT's sectors: 109 in the header, the rest in a chain of DIFAT sectors.
        let fat_sectors = u32_at(b, 0x2C)? as usize;
        if fat_sectors > b.len() / size + 1 {
            return None;
        }
        let mut fat_at: Vec<u32> = (0..109.min(fat_sectors))
            .map(|i| u32_at(b, 0x4C + 4 * i))
            .collect::<Option<_>>()?;
        let mut difat = u32_at(b, 0x44)?;
        let per = size / 4 - 1;
        while fat_at.len() < fat_sectors && difat < 0xFFFF_FFFA {
            let s = sector(difat)?;
            fat_at.extend((0..per).filter_map(|i| u32_at(s, 4 * i)));
            difat = u32_at(s, 4 * per)?;
        }
        fat_at.truncate(fat_sectors);
        let fat: Vec<u32> = fat_at
            .iter()
            .map(|&i| sector(i))
            .collect::<Option<Vec<_>>>()?
            .into_iter()
            .flat_map(|s| {
                s.chunks_exact(4)
                    .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            })
            .collect();
        let dir = chain(u32_at(b, 0x30)?, &fat, None, size, sector)?;
        let entries: Vec<&[u8]> = dir.chunks_exact(128).collect();
        let entry_len = |e: &[u8]| -> Option<usize> {
            let low = u32_at(e, 120)? as u64;
            let high = if shift == 9 {
                0
            } else {
                u32_at(e, 124)? as u64
            };
            usize::try_from(low | high << 32).ok()
        };
        let name_of = |e: &[u8]| -> String {
            let n = (u16_at(e, 64).unwrap_or(0) as usize / 2).min(32);
            let units: Vec<u16> = e[..64]
                .chunks_exact(2)
                .take(n)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .take_while(|&u| u != 0)
                .collect();
            String::from_utf16_lossy(&units)
        };
        let wanted = ["Workbook", "Book"].iter().find_map(|want| {
            entries
                .iter()
                .find(|e| e.get(66) == Some(&2) && name_of(e).eq_ignore_ascii_case(want))
        })?;
        let len = entry_len(wanted)?;
        if len > b.len() {
            return None;
        }
        let start = u32_at(wanted, 116)?;
        if len >= 4096 {
            return chain(start, &fat, Some(len), size, sector);
        }
        // Small streams live in the mini stream, whose sectors the root entry chains.
        let root = entries.first()?;
        let mini_stream = chain(
            u32_at(root, 116)?,
            &fat,
            Some(entry_len(root)?.min(b.len())),
            size,
            sector,
        )?;
        let minifat_bytes = chain(
            u32_at(b, 0x3C)?,
            &fat,
            Some((u32_at(b, 0x40)? as usize).saturating_mul(size)),
            size,
            sector,
        )?;
        let minifat: Vec<u32> = minifat_bytes
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        let mini_sector = |i: u32| -> Option<&[u8]> {
            let at = (i as usize).checked_mul(mini)?;
            mini_stream.get(at..at.checked_add(mini)?)
        };
        chain(start, &minifat, Some(len), mini, mini_sector)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan_named(xml: &str) -> Result<()> {
        let mut total = 0;
        scan_ods(xml.as_bytes(), &mut |sheet, extent| {
            judge("fil.ods", sheet, extent, &mut total)
        })
    }

    fn scan(xml: &str) -> Result<()> {
        scan_named(xml)
    }

    fn table(rows: &str) -> String {
        format!(
            r#"<office:document-content><office:body><office:spreadsheet><table:table table:name="Blad1">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
        )
    }

    const HEADER: &str = r#"<table:table-row><table:table-cell office:value-type="string"><text:p>Id</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="1"/></table:table-row>"#;

    #[test]
    fn a_small_sheet_passes() {
        scan(&table(HEADER)).unwrap();
    }

    #[test]
    fn a_cell_repeated_over_the_whole_sheet_is_refused_at_its_far_corner() {
        let rows = format!(
            r#"{HEADER}<table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="16384" office:value="1"/></table:table-row>"#
        );
        let err = scan(&table(&rows)).unwrap_err().to_string();
        assert_eq!(
            err,
            "fil.ods › Blad1: en cell i XFD1048576 gör bladet 17 miljarder celler stort fast det bara har 3 ifyllda celler; filen läses inte (ta bort cellen eller det som står långt från tabellen och spara om filen)"
        );
    }

    #[test]
    fn a_stray_cell_after_empty_repeated_rows_is_refused_by_its_address() {
        let rows = format!(
            r#"{HEADER}<table:table-row table:number-rows-repeated="999998"><table:table-cell table:number-columns-repeated="16384"/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="9999"/><table:table-cell office:value="7"/></table:table-row>"#
        );
        let err = scan(&table(&rows)).unwrap_err().to_string();
        assert!(
            err.starts_with("fil.ods › Blad1: en cell i NTP1000000 gör bladet 10 miljarder celler stort fast det bara har 3 ifyllda celler;"),
            "{err}"
        );
    }

    #[test]
    fn a_far_cell_alone_costs_nothing_and_passes() {
        // calamine's range starts at the first cell with content: one cell far away is one cell.
        let rows = r#"<table:table-row table:number-rows-repeated="999999"><table:table-cell/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="9999"/><table:table-cell office:value="7"/></table:table-row>"#;
        // ... but the empty cells before it in its own row are pushed: 10 000 cells.
        scan(&table(rows)).unwrap();
    }

    #[test]
    fn many_rows_pushed_far_right_are_refused_though_the_range_is_narrow() {
        let row = r#"<table:table-row><table:table-cell table:number-columns-repeated="16383"/><table:table-cell office:value="1"/></table:table-row>"#;
        let err = scan(&table(&row.repeat(1000))).unwrap_err().to_string();
        assert!(
            err.starts_with("fil.ods › Blad1: en cell i XFD1 gör bladet 16 miljoner celler stort fast det bara har 1\u{a0}000 ifyllda celler;"),
            "{err}"
        );
    }

    #[test]
    fn empty_repeats_at_the_end_of_rows_and_sheets_cost_nothing() {
        let rows = format!(
            r#"{HEADER}<table:table-row table:number-rows-repeated="1048574"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>"#
        );
        scan(&table(&rows)).unwrap();
    }

    #[test]
    fn workbooks_whose_sheets_together_are_too_large_are_refused() {
        // 8 sheets of 3 million filled cells each: each passes alone.
        let row = r#"<table:table-row table:number-rows-repeated="300000"><table:table-cell office:value="1"/><table:table-cell office:value="2"/><table:table-cell office:value="3"/><table:table-cell office:value="4"/><table:table-cell office:value="5"/><table:table-cell office:value="6"/><table:table-cell office:value="7"/><table:table-cell office:value="8"/><table:table-cell office:value="9"/><table:table-cell office:value="10"/></table:table-row>"#;
        let sheets: String = (1..=8)
            .map(|i| format!(r#"<table:table table:name="B{i}">{row}</table:table>"#))
            .collect();
        let err = scan_named(&sheets).unwrap_err().to_string();
        assert_eq!(
            err,
            "fil.ods › B7: arbetsbokens blad blir tillsammans 21 miljoner celler stora i minnet (det här sträcker sig till J300000); filen läses inte eftersom den är större än 20 miljoner celler (dela upp den eller spara den som .xlsx)"
        );
    }

    /// A content.xml with `rows` in sheet Blad1, zipped as an ods file.
    fn ods_file(dir: &Path, rows: &str) -> std::path::PathBuf {
        use std::io::Write;
        let path = dir.join("fil.ods");
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        zip.start_file("mimetype", stored).unwrap();
        zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
            .unwrap();
        zip.start_file("META-INF/manifest.xml", stored).unwrap();
        zip.write_all(b"<manifest:manifest/>").unwrap();
        zip.start_file("content.xml", stored).unwrap();
        zip.write_all(table(rows).as_bytes()).unwrap();
        zip.finish().unwrap();
        path
    }

    fn ods_extent(rows: &str) -> Extent {
        let mut found = Vec::new();
        scan_ods(table(rows).as_bytes(), &mut |_, e| {
            found.push(e.clone());
            Ok(())
        })
        .unwrap();
        found.pop().unwrap()
    }

    #[test]
    fn the_ods_scan_counts_the_cells_calamine_allocates() {
        use calamine::{Ods, Reader, open_workbook};
        let v =
            |n: u32| format!(r#"<table:table-cell office:value-type="float" office:value="{n}"/>"#);
        let shapes = [
            format!("<table:table-row>{}{}</table:table-row>", v(1), v(2)),
            // A stray cell 300 rows down and 40 columns right.
            format!(
                r#"<table:table-row>{}</table:table-row><table:table-row table:number-rows-repeated="299"><table:table-cell table:number-columns-repeated="50"/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="40"/>{}</table:table-row>"#,
                v(1),
                v(2)
            ),
            // A repeated cell in repeated rows, below empty rows and after empty columns.
            format!(
                r#"<table:table-row table:number-rows-repeated="7"><table:table-cell/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="3"/>{}</table:table-row><table:table-row table:number-rows-repeated="30"><table:table-cell/><table:table-cell table:number-columns-repeated="20" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>"#,
                v(1)
            ),
        ];
        let dir = tempfile::tempdir().unwrap();
        for rows in &shapes {
            let mut wb: Ods<_> = open_workbook(ods_file(dir.path(), rows)).unwrap();
            let (h, w) = wb.worksheet_range("Blad1").unwrap().get_size();
            assert_eq!(ods_extent(rows).dense, (h * w) as u64, "{rows}");
        }
    }

    /// A BIFF8 record.
    fn rec(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut r = typ.to_le_bytes().to_vec();
        r.extend((data.len() as u16).to_le_bytes());
        r.extend(data);
        r
    }

    /// A BIFF8 workbook stream: one sheet, Blad1, with a number in each of `cells`, and a
    /// DIMENSIONS record spanning them unless `dims` overrides it (first row, last row + 1).
    fn biff(cells: &[(u16, u16)], dims: Option<(u32, u32)>) -> Vec<u8> {
        let bof = |dt: u16| {
            let mut d = vec![0u8; 16];
            d[..2].copy_from_slice(&0x0600u16.to_le_bytes());
            d[2..4].copy_from_slice(&dt.to_le_bytes());
            rec(0x0809, &d)
        };
        let sheet_len = |pos: u32| {
            let mut d = pos.to_le_bytes().to_vec();
            d.extend([0, 0, 5, 0]);
            d.extend(b"Blad1");
            rec(0x0085, &d)
        };
        let globals_len = bof(5).len() + sheet_len(0).len() + rec(0x000A, &[]).len();
        let mut out = bof(5);
        out.extend(sheet_len(globals_len as u32));
        out.extend(rec(0x000A, &[]));
        out.extend(bof(0x10));
        let rows = cells.iter().map(|c| c.0 as u32);
        let cols = cells.iter().map(|c| c.1);
        let (rf, rl) = dims.unwrap_or((rows.clone().min().unwrap(), rows.max().unwrap() + 1));
        let mut d = rf.to_le_bytes().to_vec();
        d.extend(rl.to_le_bytes());
        d.extend(cols.clone().min().unwrap().to_le_bytes());
        d.extend((cols.max().unwrap() + 1).to_le_bytes());
        d.extend([0, 0]);
        out.extend(rec(0x0200, &d));
        for (i, &(r, c)) in cells.iter().enumerate() {
            let mut d = r.to_le_bytes().to_vec();
            d.extend(c.to_le_bytes());
            d.extend([0, 0]);
            d.extend((i as f64 + 0.5).to_le_bytes());
            out.extend(rec(0x0203, &d));
        }
        out.extend(rec(0x000A, &[]));
        out
    }

    /// A compound file (512-byte sectors) holding `stream` as its Workbook stream, which is
    /// small enough (under 4 096 bytes) to live in the mini stream.
    fn compound(stream: &[u8]) -> Vec<u8> {
        assert!(stream.len() < 4096);
        let end = 0xFFFF_FFFEu32;
        let free = 0xFFFF_FFFFu32;
        let minis = stream.len().div_ceil(64);
        let sectors = (minis * 64).div_ceil(512);
        let mut b = vec![0u8; 512];
        b[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
        let put16 =
            |b: &mut Vec<u8>, at: usize, v: u16| b[at..at + 2].copy_from_slice(&v.to_le_bytes());
        let put32 =
            |b: &mut Vec<u8>, at: usize, v: u32| b[at..at + 4].copy_from_slice(&v.to_le_bytes());
        put16(&mut b, 0x18, 0x3E);
        put16(&mut b, 0x1A, 3);
        put16(&mut b, 0x1C, 0xFFFE);
        put16(&mut b, 0x1E, 9);
        put16(&mut b, 0x20, 6);
        put32(&mut b, 0x2C, 1);
        put32(&mut b, 0x30, 1);
        put32(&mut b, 0x38, 4096);
        put32(&mut b, 0x3C, 2);
        put32(&mut b, 0x40, 1);
        put32(&mut b, 0x44, end);
        put32(&mut b, 0x4C, 0);
        for i in 1..109 {
            put32(&mut b, 0x4C + 4 * i, free);
        }
        let sector_of = |entries: Vec<u32>| -> Vec<u8> {
            let mut s: Vec<u8> = entries.iter().flat_map(|e| e.to_le_bytes()).collect();
            s.resize(512, 0xFF);
            s
        };
        // Sector 0 the FAT, 1 the directory, 2 the mini FAT, 3… the mini stream.
        let mut fat = vec![0xFFFF_FFFD, end, end];
        fat.extend((0..sectors as u32).map(|i| if i + 1 == sectors as u32 { end } else { 4 + i }));
        b.extend(sector_of(fat));
        let entry = |name: &str, typ: u8, child: u32, start: u32, size: u32| {
            let mut e = vec![0u8; 128];
            let units: Vec<u16> = name.encode_utf16().chain([0]).collect();
            for (i, u) in units.iter().enumerate() {
                e[2 * i..2 * i + 2].copy_from_slice(&u.to_le_bytes());
            }
            e[64..66].copy_from_slice(&(units.len() as u16 * 2).to_le_bytes());
            e[66] = typ;
            e[68..72].copy_from_slice(&free.to_le_bytes());
            e[72..76].copy_from_slice(&free.to_le_bytes());
            e[76..80].copy_from_slice(&child.to_le_bytes());
            e[116..120].copy_from_slice(&start.to_le_bytes());
            e[120..124].copy_from_slice(&size.to_le_bytes());
            e
        };
        b.extend(entry("Root Entry", 5, 1, 3, (minis * 64) as u32));
        b.extend(entry("Workbook", 2, free, 0, stream.len() as u32));
        b.extend(entry("", 0, free, free, 0));
        b.extend(entry("", 0, free, free, 0));
        let minifat = (0..minis as u32).map(|i| if i + 1 == minis as u32 { end } else { i + 1 });
        b.extend(sector_of(minifat.collect()));
        let mut mini = stream.to_vec();
        mini.resize(sectors * 512, 0);
        b.extend(mini);
        b
    }

    fn xls_file(dir: &Path, stream: &[u8]) -> std::path::PathBuf {
        let path = dir.join("fil.xls");
        std::fs::write(&path, compound(stream)).unwrap();
        path
    }

    #[test]
    fn the_xls_scan_reads_a_small_workbook_from_the_mini_stream_as_calamine_does() {
        use calamine::{Reader, Xls, open_workbook};
        let dir = tempfile::tempdir().unwrap();
        for cells in [&[(0, 0), (0, 1), (1, 0)][..], &[(2, 3), (300, 40), (5, 7)]] {
            let stream = biff(cells, None);
            let file = compound(&stream);
            assert_eq!(cfb::workbook_stream(&file).unwrap(), stream);
            let sheets = biff::sheets(&stream).unwrap();
            assert_eq!(sheets.len(), 1);
            assert_eq!(sheets[0].0, "Blad1");
            let mut wb: Xls<_> = open_workbook(xls_file(dir.path(), &stream)).unwrap();
            let (h, w) = wb.worksheet_range("Blad1").unwrap().get_size();
            assert_eq!(sheets[0].1.dense, (h * w) as u64, "{cells:?}");
            assert_eq!(sheets[0].1.stored, cells.len() as u64);
            check_xls(&xls_file(dir.path(), &stream), "fil.xls").unwrap();
        }
    }

    #[test]
    fn an_xls_cell_at_the_end_of_biff8_is_refused_by_its_address() {
        let dir = tempfile::tempdir().unwrap();
        let path = xls_file(dir.path(), &biff(&[(0, 0), (0, 1), (65535, 255)], None));
        assert_eq!(
            check_xls(&path, "fil.xls").unwrap_err().to_string(),
            "fil.xls › Blad1: en cell i IV65536 gör bladet 17 miljoner celler stort fast det bara har 3 ifyllda celler; filen läses inte (ta bort cellen eller det som står långt från tabellen och spara om filen)"
        );
    }

    #[test]
    fn an_xls_dimensions_record_calamine_would_wrap_around_on_is_refused() {
        // A first row past the last: calamine's row count wraps to about 4 billion.
        let dir = tempfile::tempdir().unwrap();
        let path = xls_file(dir.path(), &biff(&[(0, 0), (0, 1)], Some((10, 5))));
        assert_eq!(
            check_xls(&path, "fil.xls").unwrap_err().to_string(),
            "fil.xls › Blad1: bladet anger att det sträcker sig till B11 och blir då mer än 1\u{a0}000 miljarder celler stort fast det bara har 2 ifyllda celler; filen är skadad och läses inte (spara om den i Excel)"
        );
    }

    #[test]
    fn an_xls_file_that_is_not_a_compound_file_is_unreadable() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fil.xls");
        std::fs::write(&path, b"Id;Typ\n1;Avvikelse\n").unwrap();
        assert_eq!(
            check_xls(&path, "fil.xls").unwrap_err().to_string(),
            "fil.xls: filen kan inte läsas som Excel-fil (.xls) (skadad, krypterad eller fel format)"
        );
    }

    #[test]
    fn cell_counts_read_as_words() {
        assert_eq!(cells(12), "12 celler");
        assert_eq!(cells(1_234_567), "1 miljon celler");
        assert_eq!(cells(16_777_216), "17 miljoner celler");
        assert_eq!(cells(17_179_869_184), "17 miljarder celler");
    }
}
