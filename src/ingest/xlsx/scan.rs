//! A pull scanner over the XML of an xlsx part as it inflates: tags and text are handed out
//! in place, as ranges of one refilled buffer, with no allocation per node. The sheet and the
//! shared strings are hundreds of megabytes of machine-written XML of one simple shape, and a
//! general XML event reader (quick-xml, which calamine uses) spends most of a register's read
//! time on generality these parts do not need. Entities, CDATA, comments, processing
//! instructions and namespace prefixes are handled; DTDs are skipped, never expanded.

use std::io::Read;

use super::Fail;
use super::utf16::Input;

/// Bytes read from the part at a time.
const CHUNK: usize = 256 << 10;

/// What a node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// `<name …>`
    Open,
    /// `</name>`
    Close,
    /// `<name …/>`
    Empty,
    /// Character data between tags, entities not yet decoded.
    Text,
    /// The content of `<![CDATA[…]]>`, taken as it is.
    CData,
}

/// One node: its kind, and ranges into the scanner's buffer, valid until the next call.
#[derive(Debug, Clone, Copy)]
pub(super) struct Node {
    pub(super) kind: Kind,
    /// The local name (after any `prefix:`), for tags.
    name: (usize, usize),
    /// The attributes of a tag, or the text.
    body: (usize, usize),
}

/// What the start of the window holds.
enum Step {
    /// A node, and how many bytes it spans.
    Node(Node, usize),
    /// A comment, instruction or DTD of this many bytes, passed over.
    Skip(usize),
    /// Something that ends beyond the window.
    More,
}

/// The scanner: the part's reader and a window of its bytes.
pub(super) struct Scanner<R> {
    src: Input<R>,
    buf: Vec<u8>,
    pos: usize,
    len: usize,
    eof: bool,
}

/// What a read error of the part means: a bounded reader's [`Fail`] travels inside the
/// `io::Error`; anything else (damaged deflate data, a wrong checksum) is `Unreadable`.
pub(super) fn read_failure(e: &std::io::Error) -> Fail {
    e.get_ref()
        .and_then(|inner| inner.downcast_ref::<Fail>())
        .copied()
        .unwrap_or(Fail::Unreadable)
}

impl<R: Read> Scanner<R> {
    pub(super) fn new(src: R) -> Scanner<R> {
        Scanner {
            src: Input::Unsniffed(Some(src)),
            buf: vec![0; CHUNK],
            pos: 0,
            len: 0,
            eof: false,
        }
    }

    /// Keeps the unread bytes and reads more after them; false at the end of the part.
    fn refill(&mut self) -> Result<bool, Fail> {
        if self.eof {
            return Ok(false);
        }
        if self.pos > 0 {
            self.buf.copy_within(self.pos..self.len, 0);
            self.len -= self.pos;
            self.pos = 0;
        }
        if self.buf.len() - self.len < CHUNK / 2 {
            // A node longer than the window (a long text): the window grows.
            self.buf.resize(self.buf.len() + CHUNK, 0);
        }
        // Reads on until a good part of a chunk has come (a reader may hand out a few bytes
        // at a time), so that a long node is not searched again after every few bytes.
        let before = self.len;
        while self.len - before < CHUNK / 4 && self.len < self.buf.len() {
            match self.src.read(&mut self.buf[self.len..]) {
                Ok(0) => {
                    self.eof = true;
                    break;
                }
                Ok(n) => self.len += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(read_failure(&e)),
            }
        }
        Ok(self.len > before)
    }

    /// The next node, or `None` at the end of the part.
    pub(super) fn next(&mut self) -> Result<Option<Node>, Fail> {
        loop {
            if self.pos == self.len && !self.refill()? {
                return Ok(None);
            }
            match self.step() {
                Step::Node(node, advance) => {
                    self.pos += advance;
                    return Ok(Some(node));
                }
                Step::Skip(advance) => self.pos += advance,
                // The node runs past the window: read more and look again. At the end of
                // the part a text (the line end after the root element) ends there; any
                // other node is cut off.
                Step::More => {
                    let at_end = self.eof;
                    if !self.refill()? && at_end {
                        return Err(Fail::Broken);
                    }
                }
            }
        }
    }

    /// What the window starts with.
    fn step(&self) -> Step {
        let at = self.pos;
        let window = &self.buf[at..self.len];
        let text = |kind, start: usize, end: usize, advance| {
            let node = Node {
                kind,
                name: (0, 0),
                body: (at + start, at + end),
            };
            Step::Node(node, advance)
        };
        let find = |from: usize, end: &[u8]| {
            memchr::memmem::find(&window[from..], end).map(|p| from + p + end.len())
        };
        if window[0] != b'<' {
            return match memchr::memchr(b'<', window) {
                Some(end) => text(Kind::Text, 0, end, end),
                None if self.eof => text(Kind::Text, 0, window.len(), window.len()),
                None => Step::More,
            };
        }
        let starts = |prefix: &[u8]| {
            if window.starts_with(prefix) {
                Some(true)
            } else if window.len() < prefix.len() && prefix.starts_with(window) {
                None
            } else {
                Some(false)
            }
        };
        match window.get(1) {
            None => return Step::More,
            Some(b'!') => {
                let end = match (starts(b"<![CDATA["), starts(b"<!--")) {
                    (Some(true), _) => {
                        return find(9, b"]]>")
                            .map_or(Step::More, |end| text(Kind::CData, 9, end - 3, end));
                    }
                    (None, _) | (_, None) => return Step::More,
                    (_, Some(true)) => find(4, b"-->"),
                    _ => dtd_end(window),
                };
                return end.map_or(Step::More, Step::Skip);
            }
            Some(b'?') => return find(2, b"?>").map_or(Step::More, Step::Skip),
            _ => {}
        }
        let Some(gt) = tag_end(window) else {
            return Step::More;
        };
        let close = window[1] == b'/';
        let empty = !close && window[gt - 1] == b'/';
        let name_start = if close { 2 } else { 1 };
        let name_end = window[name_start..gt]
            .iter()
            .position(|&c| matches!(c, b' ' | b'\t' | b'\r' | b'\n' | b'/'))
            .map_or(gt, |p| name_start + p);
        let local = window[name_start..name_end]
            .iter()
            .rposition(|&c| c == b':')
            .map_or(name_start, |p| name_start + p + 1);
        let body_end = if empty { gt - 1 } else { gt };
        let kind = match (close, empty) {
            (true, _) => Kind::Close,
            (false, true) => Kind::Empty,
            (false, false) => Kind::Open,
        };
        let node = Node {
            kind,
            name: (at + local, at + name_end),
            body: (at + name_end.min(body_end), at + body_end),
        };
        Step::Node(node, gt + 1)
    }

    /// The bytes not yet scanned that the window holds (perhaps none), for a caller that
    /// reads a common node faster itself and then [`Scanner::advance`]s.
    pub(super) fn rest(&self) -> &[u8] {
        &self.buf[self.pos..self.len]
    }

    /// Passes over `n` bytes of [`Scanner::rest`].
    pub(super) fn advance(&mut self, n: usize) {
        self.pos = (self.pos + n).min(self.len);
    }

    /// The local name of a tag.
    pub(super) fn name(&self, node: &Node) -> &[u8] {
        &self.buf[node.name.0..node.name.1]
    }

    /// The raw bytes of a text node, or of a tag's attributes.
    pub(super) fn body(&self, node: &Node) -> &[u8] {
        &self.buf[node.body.0..node.body.1]
    }

    /// The attributes of a tag, raw: `(name, value)` with entities not decoded.
    pub(super) fn attrs(&self, node: &Node) -> Attrs<'_> {
        Attrs {
            rest: self.body(node),
        }
    }

    /// Appends the text of the element whose `Open` was just returned to `out`, reading on to
    /// its end: character data decoded, CDATA taken as it is (line ends made `\n`), elements
    /// inside passed over.
    pub(super) fn read_text(&mut self, out: &mut String) -> Result<(), Fail> {
        loop {
            let Some(node) = self.next()? else {
                return Err(Fail::Broken);
            };
            match node.kind {
                Kind::Text => decode_into(self.body(&node), out)?,
                Kind::CData => {
                    let raw = std::str::from_utf8(self.body(&node)).map_err(|_| Fail::Broken)?;
                    out.push_str(&raw.replace("\r\n", "\n").replace('\r', "\n"));
                }
                Kind::Close => return Ok(()),
                Kind::Open => self.skip_element()?,
                Kind::Empty => {}
            }
        }
    }

    /// Reads on to the `Close` of the element whose `Open` was just returned.
    pub(super) fn skip_element(&mut self) -> Result<(), Fail> {
        let mut depth = 1usize;
        while let Some(node) = self.next()? {
            match node.kind {
                Kind::Open => depth += 1,
                Kind::Close => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(());
                    }
                }
                _ => {}
            }
        }
        Err(Fail::Broken)
    }
}

/// Where the tag at the start of `window` ends (the index of its `>`), quoted attribute
/// values (which may hold `>`) passed over.
fn tag_end(window: &[u8]) -> Option<usize> {
    // Tags are short: a plain walk beats searching for each quote.
    let mut quote = 0u8;
    for (i, &c) in window.iter().enumerate().skip(1) {
        match c {
            b'>' if quote == 0 => return Some(i),
            b'"' | b'\'' if quote == 0 => quote = c,
            c if c == quote => quote = 0,
            _ => {}
        }
    }
    None
}

/// The end of a `<!DOCTYPE …>` declaration, an internal subset in brackets included.
fn dtd_end(window: &[u8]) -> Option<usize> {
    let mut depth = 0usize;
    for (i, &c) in window.iter().enumerate().skip(2) {
        match c {
            b'[' => depth += 1,
            b']' => depth = depth.saturating_sub(1),
            b'>' if depth == 0 => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// The attributes of a tag in order.
pub(super) struct Attrs<'a> {
    rest: &'a [u8],
}

impl<'a> Iterator for Attrs<'a> {
    type Item = (&'a [u8], &'a [u8]);

    fn next(&mut self) -> Option<Self::Item> {
        let rest = self.rest;
        let start = rest.iter().position(|c| !c.is_ascii_whitespace())?;
        let eq = start + memchr::memchr(b'=', &rest[start..])?;
        let name = trim_end(&rest[start..eq]);
        let open = eq
            + 1
            + rest[eq + 1..]
                .iter()
                .position(|c| !c.is_ascii_whitespace())?;
        let quote = rest[open];
        if quote != b'"' && quote != b'\'' {
            return None;
        }
        let close = open + 1 + memchr::memchr(quote, &rest[open + 1..])?;
        self.rest = &rest[close + 1..];
        Some((name, &rest[open + 1..close]))
    }
}

fn trim_end(s: &[u8]) -> &[u8] {
    let end = s
        .iter()
        .rposition(|c| !c.is_ascii_whitespace())
        .map_or(0, |p| p + 1);
    &s[..end]
}

/// `bytes` as UTF-8 text; `Broken` when they are not. Checked with SIMD (`simdutf8`): a
/// sheet's texts, free text with å, ä and ö among them, are hundreds of megabytes.
pub(super) fn utf8(bytes: &[u8]) -> Result<&str, Fail> {
    simdutf8::basic::from_utf8(bytes).map_err(|_| Fail::Broken)
}

/// Whether `text` may hold one of Excel's `_xHHHH_` escapes (an `_` followed by `x`).
pub(super) fn may_escape(text: &[u8]) -> bool {
    memchr::memchr_iter(b'_', text).any(|i| text.get(i + 1) == Some(&b'x'))
}

/// Appends the character data `raw` to `out`: entities decoded, line ends made `\n` (as an
/// XML parser does), checked to be UTF-8.
pub(super) fn decode_into(raw: &[u8], out: &mut String) -> Result<(), Fail> {
    if memchr::memchr2(b'&', b'\r', raw).is_none() {
        out.push_str(utf8(raw)?);
        return Ok(());
    }
    let mut rest = raw;
    while let Some(at) = memchr::memchr2(b'&', b'\r', rest) {
        out.push_str(utf8(&rest[..at])?);
        if rest[at] == b'\r' {
            out.push('\n');
            rest = &rest[at + 1..];
            if rest.first() == Some(&b'\n') {
                rest = &rest[1..];
            }
            continue;
        }
        let end = at + memchr::memchr(b';', &rest[at..]).ok_or(Fail::Broken)?;
        out.push(entity(&rest[at + 1..end]).ok_or(Fail::Broken)?);
        rest = &rest[end + 1..];
    }
    out.push_str(utf8(rest)?);
    Ok(())
}

/// The character an entity (`amp`, `#229`, `#xE5`) stands for; only XML's own and character
/// references exist in these parts.
fn entity(name: &[u8]) -> Option<char> {
    Some(match name {
        b"amp" => '&',
        b"lt" => '<',
        b"gt" => '>',
        b"quot" => '"',
        b"apos" => '\'',
        [b'#', b'x' | b'X', hex @ ..] => {
            char::from_u32(u32::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?)?
        }
        [b'#', dec @ ..] => char::from_u32(std::str::from_utf8(dec).ok()?.parse().ok()?)?,
        _ => return None,
    })
}

/// A decoded attribute value.
pub(super) fn attr_text(raw: &[u8]) -> Result<String, Fail> {
    let mut s = String::new();
    decode_into(raw, &mut s)?;
    Ok(s)
}

/// Decodes Excel's own escapes of characters XML cannot hold (`_x000D_`, `_x0001_`) in `s`,
/// as Excel and calamine read them; a lone surrogate becomes U+FFFD.
pub(super) fn unescape_excel(s: String) -> String {
    if !s.contains("_x") {
        return s;
    }
    let b = s.as_bytes();
    let code = |i: usize| -> Option<u16> {
        let e = b.get(i..i + 7)?;
        (e[0] == b'_' && e[1] == b'x' && e[6] == b'_')
            .then(|| u16::from_str_radix(std::str::from_utf8(&e[2..6]).ok()?, 16).ok())
            .flatten()
    };
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    let mut copied = 0;
    while i < b.len() {
        let Some(unit) = code(i) else {
            i += 1;
            continue;
        };
        out.push_str(&s[copied..i]);
        i += 7;
        let c = match unit {
            0xD800..=0xDBFF => match code(i) {
                Some(low @ 0xDC00..=0xDFFF) => {
                    i += 7;
                    char::from_u32(0x10000 + ((unit as u32 - 0xD800) << 10) + (low as u32 - 0xDC00))
                }
                _ => None,
            },
            0xDC00..=0xDFFF => None,
            _ => char::from_u32(unit as u32),
        };
        out.push(c.unwrap_or(char::REPLACEMENT_CHARACTER));
        copied = i;
    }
    out.push_str(&s[copied..]);
    out
}
