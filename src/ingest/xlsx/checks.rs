//! The checks of an xlsx archive's parts: how far a part may inflate, cell references calamine
//! would overflow on, and (for archives the stored view cannot describe) one inflating pass
//! over every part before calamine opens it.

use std::path::Path;

use anyhow::{Result, anyhow};

/// A part may inflate to this much whatever its compressed size.
pub(crate) const MAX_INFLATED: u64 = 100 << 20;
/// Beyond [`MAX_INFLATED`], a part may inflate at most this many times its compressed size:
/// spreadsheet XML packs 5–50 times, a zip bomb about 1 000 times.
pub(crate) const MAX_RATIO: u64 = 250;

/// The error for a part that inflates beyond [`limit`], the same for xlsx and ods.
pub(crate) fn too_large(name: &str, limit: u64) -> anyhow::Error {
    anyhow::anyhow!(
        "{name}: filen packas upp till mer än {} MB och läses inte; ett riktigt kalkylblad packas inte så hårt (filen kan vara en så kallad zip-bomb)",
        limit >> 20
    )
}

/// How far a part of `compressed` bytes may inflate.
pub(crate) fn limit(compressed: u64) -> u64 {
    MAX_INFLATED.max(compressed.saturating_mul(MAX_RATIO))
}

/// Whether a part of an xlsx archive is a worksheet.
pub(crate) fn is_sheet(part: &str) -> bool {
    part.starts_with("xl/worksheets/")
}

/// What a look inside an xlsx archive found.
#[derive(Debug, Default)]
pub(super) struct Inside {
    pub(super) formulas: bool,
    pub(super) merges: bool,
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

/// What the bytes of a worksheet say, read chunk by chunk: whether it has merged cells (and,
/// when asked, formulas), and whether every cell reference fits Excel's limits. The last
/// [`CARRY`] bytes of a chunk are kept, so a tag split across two chunks is still found.
pub(super) struct SheetScan {
    carry: Vec<u8>,
    merge: memchr::memmem::Finder<'static>,
    formula: Option<memchr::memmem::Finder<'static>>,
    pub(super) merges: bool,
    pub(super) formulas: bool,
}

impl SheetScan {
    /// A scan for merged cells and references; `formulas` also looks for formulas.
    pub(super) fn new(formulas: bool) -> SheetScan {
        SheetScan {
            carry: Vec::new(),
            merge: memchr::memmem::Finder::new(b"<mergeCell"),
            formula: formulas.then(|| memchr::memmem::Finder::new(b"<f")),
            merges: false,
            formulas: false,
        }
    }

    /// Scans the next chunk; `false` when a cell reference lies beyond Excel's limits.
    pub(super) fn see(&mut self, chunk: &[u8]) -> bool {
        let mut window = std::mem::take(&mut self.carry);
        window.extend_from_slice(chunk);
        self.merges |= self.merge.find(&window).is_some();
        if let Some(formula) = &self.formula {
            self.formulas |= formula
                .find_iter(&window)
                .any(|at| matches!(window.get(at + 2), Some(b'>' | b' ' | b'/')));
        }
        let sane = cell_references_are_sane(&window);
        self.carry = window[window.len().saturating_sub(CARRY)..].to_vec();
        sane
    }
}

/// Inflates the XML parts of the workbook that `wanted` selects once, counting bytes, before
/// calamine reads them (calamine holds shared strings and styles in memory): a zip bomb is
/// refused, whatever its headers claim. Also notes whether the sheets hold formulas or merged
/// cells.
pub(super) fn inspect_xlsx(path: &Path, name: &str, wanted: fn(&str) -> bool) -> Result<Inside> {
    use std::io::Read;
    let unreadable = || {
        anyhow!(
            "{name}: filen kan inte läsas som Excel-fil (.xlsx) (skadad, krypterad eller fel format)"
        )
    };
    let file = std::fs::File::open(path)
        .map_err(|e| anyhow!("{name}: kan inte öppnas: {}", crate::ingest::io_reason(&e)))?;
    let mut zip = zip::ZipArchive::new(std::io::BufReader::new(file)).map_err(|_| unreadable())?;
    let mut inside = Inside::default();
    let mut buf = vec![0u8; 1 << 16];
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(|_| unreadable())?;
        let part_name = part.name().map_err(|_| unreadable())?.to_string();
        if !(part_name.ends_with(".xml") || part_name.ends_with(".rels")) || !wanted(&part_name) {
            continue;
        }
        let sheet = is_sheet(&part_name);
        let limit = limit(part.compressed_size());
        let mut total: u64 = 0;
        let mut scan = SheetScan::new(true);
        loop {
            let n = part.read(&mut buf).map_err(|_| unreadable())?;
            if n == 0 {
                break;
            }
            total += n as u64;
            if total > limit {
                return Err(too_large(name, limit));
            }
            if sheet && !scan.see(&buf[..n]) {
                anyhow::bail!(
                    "{name}: bladet har en cellreferens utanför det Excel tillåter; filen är skadad"
                );
            }
        }
        inside.merges |= scan.merges;
        inside.formulas |= scan.formulas;
    }
    Ok(inside)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_or_reference_split_across_two_chunks_is_still_seen() {
        let mut scan = SheetScan::new(true);
        assert!(scan.see(b"<row><c r=\"A1\"><f>1+1</f></c></row><merge"));
        assert!(scan.see(b"Cell ref=\"A1:B1\"/>"));
        assert!(scan.merges && scan.formulas);
        let mut scan = SheetScan::new(false);
        assert!(scan.see(b"<c r=\"ABCD"));
        assert!(
            !scan.see(b"1\"/>"),
            "a four-letter column overflows calamine"
        );
        assert!(!scan.formulas, "formulas are looked for only when asked");
    }

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
