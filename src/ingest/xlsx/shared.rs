//! The shared-string table, read into one text buffer with the end of each string: no
//! allocation per string, and a cell borrows its text from here. A register's table is mostly
//! its free text (*Beskrivning*), which no kept column reads: the first read leaves out
//! strings longer than [`LONG`], and only a cell that needs one reads the whole table again. Also the string of an `<si>`
//! or `<is>` element (plain or rich text, phonetic runs left out), for inline strings.

use std::io::Read;

use super::Fail;
use super::scan::{Kind, Scanner, may_escape, unescape_excel, utf8};

/// Strings longer than this (in bytes) are left out of a table read without `keep_long`.
pub(super) const LONG: usize = 128;

/// The workbook's shared strings.
#[derive(Debug, Default)]
pub(crate) struct SharedStrings {
    text: String,
    ends: Vec<usize>,
    /// Which strings were left out (bits by index).
    left_out: Vec<u64>,
}

/// A string of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Text<'a> {
    Here(&'a str),
    /// Longer than [`LONG`] and not blank, and left out of this read.
    LeftOut,
}

impl SharedStrings {
    /// String `i`, if the table has it.
    pub(super) fn get(&self, i: usize) -> Option<Text<'_>> {
        let end = *self.ends.get(i)?;
        if self
            .left_out
            .get(i / 64)
            .is_some_and(|w| w >> (i % 64) & 1 == 1)
        {
            return Some(Text::LeftOut);
        }
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        Some(Text::Here(&self.text[start..end]))
    }

    /// Ends string `started` (where its text began), leaving it out if it is long and long
    /// strings are not kept.
    fn end_string(&mut self, started: usize, keep_long: bool) {
        let blank = |s: &str| {
            s.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
                .is_empty()
        };
        // A blank string is kept: left out, it would read as a value.
        if !keep_long && self.text.len() - started > LONG && !blank(&self.text[started..]) {
            self.text.truncate(started);
            let i = self.ends.len();
            if self.left_out.len() <= i / 64 {
                self.left_out.resize(i / 64 + 1, 0);
            }
            self.left_out[i / 64] |= 1 << (i % 64);
        }
        self.ends.push(self.text.len());
    }

    /// How many strings the table has.
    pub(super) fn len(&self) -> usize {
        self.ends.len()
    }

    /// Reads the table from its part; without `keep_long`, long strings are left out.
    pub(super) fn read(part: impl Read, keep_long: bool) -> Result<SharedStrings, Fail> {
        let mut scan = Scanner::new(part);
        let mut table = SharedStrings::default();
        let mut piece = String::new();
        loop {
            if let Some((text, len)) = quick_string(scan.rest()) {
                let started = table.text.len();
                table.text.push_str(text?);
                table.end_string(started, keep_long);
                scan.advance(len);
                continue;
            }
            let Some(node) = scan.next()? else { break };
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
                    let started = table.text.len();
                    read_string(&mut scan, &mut piece, &mut table.text)?;
                    table.end_string(started, keep_long);
                }
                (Kind::Empty, b"si") => table.ends.push(table.text.len()),
                _ => {}
            }
        }
        Ok(table)
    }
}

/// The common string, `<si><t>text</t></si>` (no entities, escapes or line ends to decode),
/// read straight from the start of `w`, with the bytes it spans; `None` for anything else,
/// which the scanner then reads node by node.
fn quick_string(w: &[u8]) -> Option<(Result<&str, Fail>, usize)> {
    let text = w.strip_prefix(b"<si><t>")?;
    let end = memchr::memchr(b'<', text)?;
    if text.get(end..end + 9)? != b"</t></si>"
        || memchr::memchr2(b'&', b'\r', &text[..end]).is_some()
        || may_escape(&text[..end])
    {
        return None;
    }
    let s = utf8(&text[..end]);
    Some((s.map(|s| s.trim_matches([' ', '\t', '\n'])), 7 + end + 9))
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
                scan.read_text(piece)?;
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
        let t = SharedStrings::read(xml.as_bytes(), true).unwrap();
        let text = |i| match t.get(i) {
            Some(Text::Here(s)) => s.to_string(),
            other => panic!("{other:?}"),
        };
        (0..t.len()).map(text).collect()
    }

    #[test]
    fn long_strings_are_left_out_unless_kept() {
        let long = "x".repeat(LONG + 1);
        let xml = format!(
            "<sst><si><t>kort</t></si><si><t>{long}</t></si><si><r><t>{long}</t></r></si><si><t>{}</t></si><si><t xml:space=\"preserve\">{}</t></si></sst>",
            "y".repeat(LONG),
            " ".repeat(LONG + 1)
        );
        let t = SharedStrings::read(xml.as_bytes(), false).unwrap();
        assert_eq!(t.get(0), Some(Text::Here("kort")));
        assert_eq!(t.get(1), Some(Text::LeftOut));
        assert_eq!(t.get(2), Some(Text::LeftOut), "rich text too");
        assert_eq!(t.get(3), Some(Text::Here("y".repeat(LONG).as_str())));
        assert!(matches!(t.get(4), Some(Text::Here(_))), "blank is kept");
        assert_eq!(t.get(5), None);
        assert_eq!(table(&xml)[1], long);
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
            SharedStrings::read(&b"<sst><si><t>abc"[..], true).unwrap_err(),
            Fail::Broken
        );
        assert_eq!(
            SharedStrings::read(&b"<sst><si><t>&nbsp;</t></si></sst>"[..], true).unwrap_err(),
            Fail::Broken
        );
    }
}
