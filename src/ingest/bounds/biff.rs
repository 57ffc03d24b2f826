//! The few BIFF records that decide the size of calamine's range for an xls sheet: DIMENSIONS
//! and the cells whose positions span it.

use super::Extent;
use crate::ingest::le;

fn u16_at(b: &[u8], at: usize) -> Option<u64> {
    le::u16_at(b, at).map(u64::from)
}

fn u32_at(b: &[u8], at: usize) -> Option<u64> {
    le::u32_at(b, at).map(u64::from)
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
        if !whole_for_calamine(typ, data) {
            return None;
        }
        match typ {
            0x002F if u16_at(data, 0)? != 0 => return None,
            // As calamine's parse_bof: BIFF8 unless the version says older.
            0x0809 => {
                let (version, dt) = (u16_at(data, 0)?, u16_at(data, 2).unwrap_or(0));
                let older = matches!(version, 0x0002 | 0x0007 | 0x0200 | 0x0300 | 0x0400 | 0x0500)
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

/// Whether a record of the workbook globals is long enough for what calamine's `xls.rs` reads
/// of it without a check (it indexes the bytes, and a short record panics): CodePage,
/// DateMode and ExternSheet their first two bytes, Lbl its fourteen fixed bytes and the
/// formula at its end. Found by fuzzing; such a file is damaged.
fn whole_for_calamine(typ: u16, data: &[u8]) -> bool {
    match typ {
        0x0042 | 0x0022 | 0x0017 => data.len() >= 2,
        0x0018 => data.len() >= 14 && u16_at(data, 4).is_some_and(|cce| cce as usize <= data.len()),
        _ => true,
    }
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
        // A MulRk whose last column is before its first (or spans every column) is damaged,
        // and calamine's length check subtracts the one from the other.
        if typ == 0x00BD {
            let first = u16_at(data, 2)?;
            let last = u16_at(data, data.len().checked_sub(2)?)?;
            if last < first || last - first >= 0xFFFF {
                return None;
            }
        }
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
                bbox.note(row, first);
                bbox.note(row, last);
                // Both ends were counted; the record holds last - first + 1 values.
                bbox.cells = bbox.cells - 2 + (last - first + 1);
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
