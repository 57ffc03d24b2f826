//! Little-endian integers at a byte offset, `None` past the end: the reads of the binary
//! formats checked before calamine opens them (the compound file and BIFF of xls).

pub(crate) fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(
        b.get(at..at.checked_add(2)?)?.try_into().ok()?,
    ))
}

pub(crate) fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(
        b.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_stop_at_the_end() {
        let b = [0x34, 0x12, 0x78, 0x56];
        assert_eq!(u16_at(&b, 0), Some(0x1234));
        assert_eq!(u32_at(&b, 0), Some(0x5678_1234));
        assert_eq!(u16_at(&b, 3), None);
        assert_eq!(u32_at(&b, 1), None);
        assert_eq!(u32_at(&b, usize::MAX), None);
    }
}
