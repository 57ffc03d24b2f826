//! Cell references as a worksheet writes them: a cell (`B12`), a row number, a range
//! (`A1:C9`), and the merged ranges of whole columns or rows (`A:C`, `1:3`). References beyond
//! Excel's limits are refused.

use super::Fail;

/// A cell's (row, column), 0-based.
pub(super) type Pos = (u32, u32);

/// A merged region: first and last cell.
pub(super) type Merge = (Pos, Pos);

/// Excel's limits: at most three letters (XFD is the last column, but calamine reads up to
/// ZZZ) and seven digits.
const MAX_LETTERS: usize = 3;
const MAX_DIGITS: usize = 7;

/// A cell reference (`B12`) as 0-based (row, column).
pub(super) fn reference(r: &[u8]) -> Result<(u32, u32), Fail> {
    let letters = r.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    if letters == 0 || letters > MAX_LETTERS {
        return Err(Fail::BadReference);
    }
    let col = r[..letters].iter().fold(0u32, |acc, c| {
        acc * 26 + (c.to_ascii_uppercase() - b'A') as u32 + 1
    });
    Ok((row_number(&r[letters..])?, col - 1))
}

/// A row number (`12`) as a 0-based row.
pub(super) fn row_number(r: &[u8]) -> Result<u32, Fail> {
    if r.is_empty() || r.len() > MAX_DIGITS || !r.iter().all(u8::is_ascii_digit) {
        return Err(Fail::BadReference);
    }
    let n = r.iter().fold(0u32, |acc, c| acc * 10 + (c - b'0') as u32);
    n.checked_sub(1).ok_or(Fail::BadReference)
}

/// A range (`A1:C9`, or one cell).
pub(super) fn range(v: &[u8]) -> Result<((u32, u32), Option<Pos>), Fail> {
    let mut parts = v.split(|&c| c == b':');
    let start = reference(parts.next().unwrap_or_default())?;
    let end = parts.next().map(reference).transpose()?;
    if parts.next().is_some() {
        return Err(Fail::BadReference);
    }
    Ok((start, end))
}

/// The last row and column Excel has (0-based).
pub(super) const LAST_ROW: u32 = 1_048_575;
pub(super) const LAST_COL: u32 = 16_383;

/// A merged range: `A1:C9`, one cell, or whole columns (`A:C`) or rows (`1:3`), which
/// Excel writes when whole columns or rows are merged.
pub(super) fn merge_range(v: &[u8]) -> Result<Merge, Fail> {
    let whole = |part: &[u8]| {
        if !part.is_empty() && part.iter().all(u8::is_ascii_alphabetic) {
            let mut col = part.to_vec();
            col.push(b'1');
            reference(&col).map(|(_, c)| Some((None, Some(c))))
        } else if !part.is_empty() && part.iter().all(u8::is_ascii_digit) {
            row_number(part).map(|r| Some((Some(r), None)))
        } else {
            Ok(None)
        }
    };
    if let Some((a, b)) = split_once(v, b':') {
        match (whole(a)?, whole(b)?) {
            (Some((None, Some(c0))), Some((None, Some(c1)))) => {
                return Ok(((0, c0), (LAST_ROW, c1)));
            }
            (Some((Some(r0), None)), Some((Some(r1), None))) => {
                return Ok(((r0, 0), (r1, LAST_COL)));
            }
            _ => {}
        }
    }
    let (start, end) = range(v)?;
    Ok((start, end.unwrap_or(start)))
}

fn split_once(v: &[u8], at: u8) -> Option<(&[u8], &[u8])> {
    let i = memchr::memchr(at, v)?;
    Some((&v[..i], &v[i + 1..]))
}
