//! A copy of an indented ods file that calamine can read. Gnumeric (and other writers that
//! indent their XML) put white space between the cells of a row in `content.xml`; calamine
//! 0.38 reads that white space as an unexpected node and refuses the whole file, which
//! LibreOffice opens. The copy drops exactly that white space: the runs between tags that
//! come before a cell or the end of a row, where ODF has no text.

use std::io::{Read, Write};
use std::path::Path;

use crate::ingest::xlsx::checks::limit;

/// The tags before which white space is not text.
const BEFORE: &[&[u8]] = &[
    b"<table:table-cell",
    b"<table:covered-table-cell",
    b"</table:table-row>",
];

/// `xml` without the white space between a tag and a following [`BEFORE`] tag.
pub(crate) fn without_indentation(xml: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(gt) = memchr::memchr(b'>', rest) {
        out.extend_from_slice(&rest[..=gt]);
        rest = &rest[gt + 1..];
        let space = rest
            .iter()
            .take_while(|c| matches!(c, b' ' | b'\t' | b'\r' | b'\n'))
            .count();
        if space > 0 && BEFORE.iter().any(|tag| rest[space..].starts_with(tag)) {
            rest = &rest[space..];
        }
    }
    out.extend_from_slice(rest);
    out
}

/// A copy of the ods package at `path` with `content.xml` [`without_indentation`], in a
/// temporary file; `None` when the package cannot be copied (calamine's message stands).
pub(crate) fn copy(path: &Path) -> Option<tempfile::NamedTempFile> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).ok()?).ok()?;
    let out = tempfile::Builder::new().suffix(".ods").tempfile().ok()?;
    let mut writer = zip::ZipWriter::new(out.reopen().ok()?);
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).ok()?;
        let name = part.name().ok()?.to_string();
        let method = match name.as_str() {
            "mimetype" => zip::CompressionMethod::Stored,
            _ => zip::CompressionMethod::Deflated,
        };
        let options = zip::write::SimpleFileOptions::default().compression_method(method);
        if part.is_dir() {
            continue;
        }
        let bound = limit(part.compressed_size());
        let mut bytes = Vec::new();
        (&mut part).take(bound + 1).read_to_end(&mut bytes).ok()?;
        if bytes.len() as u64 > bound {
            return None;
        }
        if name == "content.xml" {
            bytes = without_indentation(&bytes);
        }
        writer.start_file(name, options).ok()?;
        writer.write_all(&bytes).ok()?;
    }
    writer.finish().ok()?;
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_space_goes_only_before_cells_and_row_ends() {
        let xml = b"<table:table-row>\n  <table:table-cell office:value-type=\"string\">\n    <text:p>a <text:span>b</text:span> c</text:p>\n  </table:table-cell>\n  <table:covered-table-cell/>\n</table:table-row>\n<table:table-row/>";
        let want = b"<table:table-row><table:table-cell office:value-type=\"string\">\n    <text:p>a <text:span>b</text:span> c</text:p>\n  </table:table-cell><table:covered-table-cell/></table:table-row>\n<table:table-row/>";
        assert_eq!(
            String::from_utf8(without_indentation(xml)).unwrap(),
            String::from_utf8(want.to_vec()).unwrap()
        );
    }
}
