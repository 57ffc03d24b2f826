//! The ods scan: `content.xml` read once, streaming and with its inflated size bounded, counting
//! the cells calamine's `ods.rs` would expand (repeated rows and cells included) per sheet.

use std::io::Read;
use std::path::Path;

use anyhow::Result;
use quick_xml::events::{BytesStart, Event};

use super::{Extent, MAX_COLUMNS, MAX_ROWS, judge};
use crate::ingest::xlsx::checks as stored_view;

/// Counts bytes read and fails once they pass `limit`.
pub(super) struct Capped<R> {
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
    let limit = stored_view::limit(part.compressed_size());
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
        return Err(stored_view::too_large(name, limit));
    }
    scanned
}

/// The value of attribute `key` of `e`, raw (calamine does not unescape these either).
pub(super) fn attr<'a>(e: &'a BytesStart<'_>, key: &str) -> Option<std::borrow::Cow<'a, str>> {
    let mut attrs = e.attributes();
    attrs.with_checks(false);
    attrs.flatten().find(|a| a.key.0 == key).map(|a| a.value)
}

/// How many times table cell `e` repeats (`None` if that is not a number), and whether
/// calamine reads it as non-empty: it has a value, a value type of string (whose text is the
/// value, even when empty) or a formula. One pass over the attributes.
pub(super) fn ods_cell(e: &BytesStart<'_>) -> (Option<u64>, bool) {
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
pub(super) struct OdsTable {
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
pub(super) fn scan_ods<R: Read>(
    content: R,
    table: &mut dyn FnMut(&str, &Extent) -> Result<()>,
) -> Result<()> {
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
pub(super) struct OdsRow {
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
