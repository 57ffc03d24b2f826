//! Bounds on xls and ods workbooks before calamine reads them: calamine builds every sheet of
//! these as a dense range when it opens the file, so a stray cell far away (or a cell repeated
//! over the whole sheet) would allocate billions of cells. The file is scanned first, counting
//! what calamine would allocate, and refused with a located error when that is far beyond the
//! cells the file holds.
//!
//! The rule, the same for both formats: a sheet may be as large as [`DENSE_FLOOR`] cells, or
//! [`DENSE_RATIO`] times the cells the file stores for it, whichever is more; and a workbook's
//! sheets together at most [`DENSE_MAX`] cells, since calamine holds them all at once.

mod biff;
mod cfb;
mod ods;
mod xls;

use anyhow::{Result, bail};

use crate::base::column_letters;
use crate::base::{format, names};

pub(crate) use ods::check_ods;
pub(crate) use xls::check_xls;

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

#[cfg(test)]
mod tests;
