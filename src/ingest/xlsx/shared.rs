//! The shared-string table, read once into one text buffer with the end of each string: no
//! allocation per string, and a cell borrows its text from here. Also the string of an `<si>`
//! or `<is>` element (plain or rich text, phonetic runs left out), for inline strings.

use std::io::Read;

use super::Fail;
use super::scan::{Kind, Scanner, decode_into, unescape_excel};

/// The workbook's shared strings.
#[derive(Debug, Default)]
pub(crate) struct SharedStrings {
    text: String,
    ends: Vec<usize>,
}

impl SharedStrings {
    /// String `i`, if the table has it.
    pub(super) fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        Some(&self.text[start..end])
    }

    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.ends.len()
    }

    /// Reads the table from its part.
    pub(super) fn read(part: impl Read) -> Result<SharedStrings, Fail> {
        let mut scan = Scanner::new(part);
        let mut table = SharedStrings::default();
        let mut piece = String::new();
        while let Some(node) = scan.next()? {
            match (node.kind, scan.name(&node)) {
                (Kind::Open, b"sst") => {
                    let count = scan.attrs(&node).find(|(k, _)| *k == b"uniqueCount");
                    if let Some(n) =
                        count.and_then(|(_, v)| std::str::from_utf8(v).ok()?.parse().ok())
                    {
                        // A count the file claims is believed only so far.
                        table.ends.reserve(usize::min(n, 1 << 20));
                    }
                }
                (Kind::Open, b"si") => {
                    read_string(&mut scan, &mut piece, &mut table.text)?;
                    table.ends.push(table.text.len());
                }
                (Kind::Empty, b"si") => table.ends.push(table.text.len()),
                _ => {}
            }
        }
        Ok(table)
    }
}

/// Appends the text of the string element just opened (`<si>`, `<is>`) to `out`, reading on
/// to its end: the `<t>` runs outside phonetic (`<rPh>`) runs, each trimmed of ASCII white
/// space unless `xml:space="preserve"`, with Excel's `_xHHHH_` escapes decoded.
pub(super) fn read_string<R: Read>(
    scan: &mut Scanner<R>,
    piece: &mut String,
    out: &mut String,
) -> Result<(), Fail> {
    let mut depth = 0usize;
    let mut phonetic = false;
    loop {
        let Some(node) = scan.next()? else {
            return Err(Fail::Broken);
        };
        match node.kind {
            Kind::Open if scan.name(&node) == b"rPh" => {
                phonetic = true;
                depth += 1;
            }
            Kind::Open if scan.name(&node) == b"t" && !phonetic => {
                let preserve = scan
                    .attrs(&node)
                    .any(|(k, v)| k == b"xml:space" && v == b"preserve");
                piece.clear();
                loop {
                    let Some(inner) = scan.next()? else {
                        return Err(Fail::Broken);
                    };
                    match inner.kind {
                        Kind::Text => decode_into(scan.body(&inner), piece)?,
                        Kind::CData => {
                            let raw =
                                std::str::from_utf8(scan.body(&inner)).map_err(|_| Fail::Broken)?;
                            piece.push_str(&raw.replace("\r\n", "\n").replace('\r', "\n"));
                        }
                        Kind::Close => break,
                        Kind::Open => scan.skip_element()?,
                        Kind::Empty => {}
                    }
                }
                let text = if preserve {
                    piece.as_str()
                } else {
                    piece.trim_matches([' ', '\t', '\r', '\n'])
                };
                if text.contains("_x") {
                    out.push_str(&unescape_excel(text.to_string()));
                } else {
                    out.push_str(text);
                }
            }
            Kind::Open => depth += 1,
            Kind::Close if depth == 0 => return Ok(()),
            Kind::Close => {
                if scan.name(&node) == b"rPh" {
                    phonetic = false;
                }
                depth -= 1;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(xml: &str) -> Vec<String> {
        let t = SharedStrings::read(xml.as_bytes()).unwrap();
        (0..t.len())
            .map(|i| t.get(i).unwrap().to_string())
            .collect()
    }

    #[test]
    fn plain_rich_empty_and_phonetic_strings_keep_their_places() {
        let xml = r#"<?xml version="1.0"?><sst xmlns="x" uniqueCount="5"><si><t>Hemtjänst</t></si><si/><si><r><rPr><b/></rPr><t xml:space="preserve">Lex </t></r><r><t>Sarah</t></r></si><si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh></si><si><t>  Ja &amp; nej&#x21;  </t></si></sst>"#;
        assert_eq!(
            table(xml),
            ["Hemtjänst", "", "Lex Sarah", "漢字", "Ja & nej!"]
        );
    }

    #[test]
    fn excel_escapes_cdata_and_line_ends_are_decoded() {
        let xml = "<sst><si><t>a_x000D_b</t></si><si><t><![CDATA[<x>]]></t></si><si><t xml:space=\"preserve\">1\r\n2</t></si><si><x:t xmlns:x=\"y\">prefixed</x:t></si></sst>";
        assert_eq!(table(xml), ["a\rb", "<x>", "1\n2", "prefixed"]);
    }

    #[test]
    fn a_string_cut_off_or_an_unknown_entity_is_broken() {
        assert_eq!(
            SharedStrings::read(&b"<sst><si><t>abc"[..]).unwrap_err(),
            Fail::Broken
        );
        assert_eq!(
            SharedStrings::read(&b"<sst><si><t>&nbsp;</t></si></sst>"[..]).unwrap_err(),
            Fail::Broken
        );
    }
}
