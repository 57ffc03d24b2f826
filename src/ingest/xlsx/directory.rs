//! The central directory of a plain zip archive (not zip64, not split), read straight from the
//! file: where each part starts, how it is compressed, its declared sizes.

use crate::ingest::le::{u16_at, u32_at};
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};

/// One entry of the central directory, as read from the file.
pub(super) struct Entry {
    pub(super) name: String,
    /// The raw central-directory record, copied unchanged for parts that are not worksheets.
    pub(super) record: Vec<u8>,
    pub(super) flags: u16,
    pub(super) method: u16,
    pub(super) crc: u32,
    pub(super) compressed: u64,
    pub(super) uncompressed: u64,
    /// Where the entry's local header starts in the file.
    pub(super) local: u64,
}

/// The entries of the central directory of a plain (not zip64, not split) archive.
pub(super) fn central_directory(file: &mut File, file_len: u64) -> io::Result<Option<Vec<Entry>>> {
    // The end record is 22 bytes plus a comment of at most 65 535.
    let back = file_len.min(22 + 0xFFFF);
    file.seek(SeekFrom::Start(file_len - back))?;
    let mut end = vec![0u8; back as usize];
    file.read_exact(&mut end)?;
    let Some(at) = memchr::memmem::rfind(&end, &0x0605_4b50u32.to_le_bytes()) else {
        return Ok(None);
    };
    let e = &end[at..];
    let (Some(disk), Some(count), Some(total), Some(size), Some(offset)) = (
        u16_at(e, 4),
        u16_at(e, 10),
        u16_at(e, 8),
        u32_at(e, 12),
        u32_at(e, 16),
    ) else {
        return Ok(None);
    };
    let end_at = file_len - back + at as u64;
    if disk != 0
        || count != total
        || count == 0xFFFF
        || size == u32::MAX
        || offset == u32::MAX
        || u64::from(offset) + u64::from(size) != end_at
    {
        return Ok(None);
    }
    file.seek(SeekFrom::Start(u64::from(offset)))?;
    let mut cd = vec![0u8; size as usize];
    file.read_exact(&mut cd)?;
    let mut entries = Vec::with_capacity(count as usize);
    let mut p = 0;
    for _ in 0..count {
        let r = &cd[p..];
        let fields = (
            u32_at(r, 0),
            u16_at(r, 8),
            u16_at(r, 10),
            u32_at(r, 16),
            u32_at(r, 20),
            u32_at(r, 24),
            u16_at(r, 28),
            u16_at(r, 30),
            u16_at(r, 32),
            u32_at(r, 42),
        );
        let (
            Some(0x0201_4b50),
            Some(flags),
            Some(method),
            Some(crc),
            Some(compressed),
            Some(uncompressed),
            Some(name_len),
            Some(extra_len),
            Some(comment_len),
            Some(local),
        ) = fields
        else {
            return Ok(None);
        };
        let record_len = 46 + name_len as usize + extra_len as usize + comment_len as usize;
        if r.len() < record_len
            || flags & 0x0001 != 0 // encrypted
            || compressed == u32::MAX
            || uncompressed == u32::MAX
            || local == u32::MAX
        {
            return Ok(None);
        }
        let Ok(name) = std::str::from_utf8(&r[46..46 + name_len as usize]) else {
            return Ok(None);
        };
        entries.push(Entry {
            name: name.to_string(),
            record: r[..record_len].to_vec(),
            flags,
            method,
            crc,
            compressed: u64::from(compressed),
            uncompressed: u64::from(uncompressed),
            local: u64::from(local),
        });
        p += record_len;
    }
    if entries.iter().any(|e| e.local >= end_at) {
        return Ok(None);
    }
    Ok(Some(entries))
}
