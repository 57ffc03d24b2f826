//! Just enough of the compound file format (MS-CFB) to get the workbook stream out of an xls
//! file, as calamine's `cfb.rs` does.

use crate::ingest::le::{u16_at, u32_at};

const END: u32 = 0xFFFF_FFFE;

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
