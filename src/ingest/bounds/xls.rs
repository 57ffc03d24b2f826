//! The xls scan: the workbook stream out of the compound file ([`super::cfb`]) and the BIFF
//! records ([`super::biff`]) that decide the size of calamine's range, judged per sheet.

use std::path::Path;

use anyhow::{Result, anyhow};

use super::{biff, cfb, judge};

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
