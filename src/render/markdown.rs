//! Markdown building blocks: escaping text that comes from spreadsheets (so a unit name can
//! neither inject markup nor break a table), statistical tables as GFM tables, and the table
//! of contents built from the rendered headings, which first lose the headings that head
//! nothing.

use comrak::nodes::NodeValue;
use comrak::{Anchorizer, Arena, Options, parse_document};

use crate::base::format;
use crate::compute::Table;

/// Escapes text for use inside a Markdown paragraph or table cell.
pub fn escape(text: &str) -> String {
    // Every character that can open inline markup, an HTML tag or an entity, or end a table
    // cell, gets a backslash; line breaks (which would end a table row) become spaces.
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '&' | '~' | '!' | '$' | '#' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A statistical table as a GFM table: label column left, figures right, "varav" rows in
/// italics, total rows in bold.
pub fn table(t: &Table) -> String {
    let mut out = String::new();
    out.push_str("| ");
    out.push_str(&escape(&t.label_title));
    for c in &t.columns {
        out.push_str(" | ");
        out.push_str(&escape(&c.title));
    }
    out.push_str(" |\n|:--");
    for c in &t.columns {
        out.push_str(if c.numeric { "|--:" } else { "|:--" });
    }
    out.push_str("|\n");
    for row in &t.rows {
        let label = escape(&row.label);
        if row.heading {
            out.push_str(&format!("| **{label}**"));
            out.push_str(&" |".repeat(t.columns.len()));
            out.push_str(" |\n");
            continue;
        }
        let label = if row.total {
            format!("**{label}**")
        } else if row.sub {
            format!("\u{a0}\u{a0}\u{a0}*{label}*")
        } else {
            label
        };
        out.push_str("| ");
        out.push_str(&label);
        for v in &row.values {
            let text = escape(&format::value(v));
            out.push_str(" | ");
            if row.total {
                out.push_str(&format!("**{text}**"));
            } else {
                out.push_str(&text);
            }
        }
        out.push_str(" |\n");
    }
    out
}

/// The options used for every Markdown → HTML conversion: GFM tables and footnotes, heading
/// ids, raw HTML in the text suppressed.
pub fn comrak_options() -> Options<'static> {
    let mut o = Options::default();
    o.extension.table = true;
    o.extension.strikethrough = true;
    o.extension.footnotes = true;
    o.extension.autolink = false;
    o.extension.header_id_prefix = Some(String::new());
    o.render.r#unsafe = false;
    o
}

/// `text` with `prefix` put before the name of each of its footnotes, in the references
/// (`[^1]` → `[^avvikelser-1]`) and in the definitions (`[^1]:`): every text of the report may
/// number its footnotes from 1, and the report is one document, where a name means one note.
/// Only what comrak reads as a footnote is changed, so `[^1]` with no definition, or in code,
/// stays as it stands.
pub fn prefix_footnotes(text: &str, prefix: &str) -> String {
    let arena = Arena::new();
    let root = parse_document(&arena, text, &comrak_options());
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let mut at = Vec::new();
    for node in root.descendants() {
        let data = node.data();
        let name = match &data.value {
            NodeValue::FootnoteReference(r) => r.name.as_str(),
            NodeValue::FootnoteDefinition(d) => d.name.as_str(),
            _ => continue,
        };
        let start = data.sourcepos.start;
        let offset = start
            .line
            .checked_sub(1)
            .and_then(|l| line_starts.get(l))
            .zip(start.column.checked_sub(1))
            .map(|(line, column)| line + column);
        // After `[^` and any blanks, which comrak does not count to the name (`[^ 1]`).
        let found = offset.and_then(|offset| {
            let after = offset + 2;
            let blanks = text
                .get(after..)?
                .bytes()
                .take_while(u8::is_ascii_whitespace);
            let name_at = after + blanks.count();
            let written = text.get(name_at..name_at + name.len())?;
            (text.get(offset..after) == Some("[^") && written.to_lowercase() == name.to_lowercase())
                .then_some(name_at)
        });
        match found {
            Some(i) => at.push(i),
            // comrak misplaces a note in some odd texts (after `[^` and a line break): the
            // text then keeps its names rather than lose a note.
            None => return text.to_string(),
        }
    }
    at.sort_unstable();
    at.dedup();
    let mut out = String::with_capacity(text.len() + at.len() * prefix.len());
    let mut from = 0;
    for i in at {
        out.push_str(&text[from..i]);
        out.push_str(prefix);
        from = i;
    }
    out.push_str(&text[from..]);
    out
}

/// A heading found in a rendered document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    pub anchor: String,
}

/// Every heading of `md`, with the anchor comrak will give it in HTML.
pub fn headings(md: &str) -> Vec<Heading> {
    let arena = Arena::new();
    let root = parse_document(&arena, md, &comrak_options());
    let mut anchorizer = Anchorizer::new();
    let mut out = Vec::new();
    for node in root.descendants() {
        let level = match &node.data().value {
            NodeValue::Heading(h) => h.level,
            _ => continue,
        };
        let text = plain_text(node);
        let anchor = anchorizer.anchorize(&text);
        out.push(Heading {
            level,
            text,
            anchor,
        });
    }
    out
}

/// `md` without the headings that head nothing: a heading followed by one of the same or a
/// higher level, or by the end, with no text, table or chart between (after such headings
/// below it are gone). Template logic leaves one when every section under it is left out, as
/// "Kvalitetsarbetet under ÅR" in a report of only surveys, and a document for the nämnd has
/// no empty sections. Only the document's own headings count, not one in a quote or a list.
pub fn without_empty_headings(md: &str) -> String {
    let arena = Arena::new();
    let root = parse_document(&arena, md, &comrak_options());
    let level = |node: &comrak::nodes::AstNode<'_>| match node.data().value {
        NodeValue::Heading(h) => Some(h.level),
        _ => None,
    };
    // From the end: what the next block kept is (the end, text, or a heading's level).
    let mut next: Option<Option<u8>> = None;
    let mut dropped = Vec::new();
    for node in root.reverse_children() {
        let Some(this) = level(node) else {
            next = Some(None);
            continue;
        };
        let empty = match next {
            None => true,
            Some(Some(after)) => after <= this,
            Some(None) => false,
        };
        if empty {
            let at = node.data().sourcepos;
            dropped.push(at.start.line..=at.end.line);
        } else {
            next = Some(Some(this));
        }
    }
    if dropped.is_empty() {
        return md.to_string();
    }
    md.split_inclusive('\n')
        .enumerate()
        .filter(|(i, _)| !dropped.iter().any(|lines| lines.contains(&(i + 1))))
        .map(|(_, line)| line)
        .collect()
}

/// The text of a node and its descendants, without markup (as a heading's anchor sees it).
pub fn plain_text<'a>(node: &'a comrak::nodes::AstNode<'a>) -> String {
    let mut text = String::new();
    for d in node.descendants() {
        match &d.data().value {
            NodeValue::Text(t) => text.push_str(t),
            NodeValue::Code(c) => text.push_str(&c.literal),
            NodeValue::SoftBreak | NodeValue::LineBreak => text.push(' '),
            _ => {}
        }
    }
    text
}

/// Decodes `%XX` escapes in a link target (comrak keeps them as written).
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Some(b) = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `md` with the destination of every image for which `new_url` gives one replaced, and
/// everything else as written: the Markdown file links the images written beside it.
pub fn relink_images(md: &str, mut new_url: impl FnMut(&str) -> Option<String>) -> String {
    let arena = Arena::new();
    let root = parse_document(&arena, md, &comrak_options());
    // Byte offset of each line's start, for comrak's (line, column) positions (1-based).
    let starts: Vec<usize> = std::iter::once(0)
        .chain(md.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let offset = |line: usize, column: usize| starts.get(line - 1).map(|s| s + column - 1);
    let mut edits = Vec::new();
    for node in root.descendants() {
        let NodeValue::Image(link) = &node.data().value else {
            continue;
        };
        let pos = node.data().sourcepos;
        let (Some(start), Some(end)) = (
            offset(pos.start.line, pos.start.column),
            offset(pos.end.line, pos.end.column),
        ) else {
            continue;
        };
        let Some(source) = md.get(start..=end.min(md.len() - 1)) else {
            continue;
        };
        if let Some((from, to)) = destination(source, &link.url)
            && let Some(url) = new_url(&link.url)
            && url != link.url
        {
            let angle = from > 0 && source.as_bytes()[from - 1] == b'<';
            edits.push((start + from, start + to, written(&url, angle)));
        }
    }
    // An image in another's alt text comes after it in the tree but before its destination.
    edits.sort_by_key(|e| e.0);
    let mut out = md.to_string();
    for (from, to, url) in edits.into_iter().rev() {
        out.replace_range(from..to, &url);
    }
    out
}

/// Where in the written image `source` (`![alt](url "title")`) its destination `url` is
/// written: the byte range of the last destination after a `](` that reads as `url` once its
/// backslash escapes and character references are undone (the templates' pass writes
/// `karta (ny).png` as `karta%20\(ny\).png`) and that only an optional title and the closing
/// `)` follow, so that the same text in the alt text or the title is not taken for it.
fn destination(source: &str, url: &str) -> Option<(usize, usize)> {
    let ends_the_image = |rest: &str| {
        let rest = rest.trim_start();
        let Some(inner) = rest.strip_suffix(')') else {
            return false;
        };
        let inner = inner.trim_end();
        inner.is_empty()
            || [('"', '"'), ('\'', '\''), ('(', ')')]
                .iter()
                .any(|&(open, close)| {
                    inner.len() >= 2 && inner.starts_with(open) && inner.ends_with(close)
                })
    };
    let mut found = None;
    for (at, _) in source.match_indices("](") {
        // Spaces and one line break may stand between `(` and the destination.
        let rest = &source[at + 2..];
        let from = source.len() - rest.trim_start().len();
        let Some((start, end, after)) = written_destination(&source[from..]) else {
            continue;
        };
        if unescape(&source[from + start..from + end]) == url
            && ends_the_image(&source[from + after..])
        {
            found = Some((from + start, from + end));
        }
    }
    found
}

/// The destination at the start of `s`: in angle brackets up to the first unescaped `>`, or
/// bare up to white space or a `)` that closes no `(` of its own. Returns its byte range
/// (without the brackets) and where what follows it starts.
fn written_destination(s: &str) -> Option<(usize, usize, usize)> {
    let bytes = s.as_bytes();
    if s.starts_with('<') {
        let mut i = 1;
        while i < bytes.len() {
            match bytes[i] {
                b'\\' if bytes.get(i + 1).is_some_and(u8::is_ascii_punctuation) => i += 2,
                b'>' => return Some((1, i, i + 1)),
                b'\n' | b'<' => return None,
                _ => i += 1,
            }
        }
        return None;
    }
    let (mut i, mut depth) = (0, 0usize);
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if bytes.get(i + 1).is_some_and(u8::is_ascii_punctuation) => i += 2,
            b'(' => {
                depth += 1;
                i += 1;
            }
            b')' if depth == 0 => break,
            b')' => {
                depth -= 1;
                i += 1;
            }
            b if b.is_ascii_whitespace() || b.is_ascii_control() => break,
            _ => i += 1,
        }
    }
    Some((0, i, i))
}

/// `url` written as a destination that reads back as `url`, in place of one that was written
/// inside angle brackets (`angle`: the brackets stay) or bare: inside brackets `<`, `>` and `\\`
/// are escaped; bare, `(`, `)`, `<` and `\\` are, and a URL with white space gets brackets.
/// Parentheses, angle brackets and backslashes are escaped in both.
fn written(url: &str, angle: bool) -> String {
    let escaped = |special: &[char]| {
        let mut out = String::with_capacity(url.len() + 2);
        for c in url.chars() {
            if c == '&' {
                // Character references are read before backslash escapes: `\&amp;` would read
                // as `&`, so an ampersand is written as a reference.
                out.push_str("&amp;");
                continue;
            }
            if special.contains(&c) {
                out.push('\\');
            }
            out.push(c);
        }
        out
    };
    // A backslash before ASCII punctuation always reads as that character, so escaping more
    // than each form needs is safe, and parentheses escaped leave any bracket balance around
    // the image as it was.
    let special = ['(', ')', '<', '>', '\\'];
    if !angle && url.chars().any(char::is_whitespace) {
        format!("<{}>", escaped(&special))
    } else {
        escaped(&special)
    }
}

/// `s` as comrak reads a link destination: its character references (`&amp;`, `&#38;`,
/// `&#x26;`) decoded, then its backslash escapes (a backslash before ASCII punctuation)
/// undone, in that order, as comrak does (so `\\&amp;` reads as `&`).
fn unescape(s: &str) -> String {
    let mut decoded = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        decoded.push_str(&rest[..at]);
        match reference(&rest[at..]) {
            Some((c, len)) => {
                decoded.push_str(&c);
                rest = &rest[at + len..];
            }
            None => {
                decoded.push('&');
                rest = &rest[at + 1..];
            }
        }
    }
    decoded.push_str(rest);
    let mut out = String::with_capacity(decoded.len());
    let mut chars = decoded.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\'
            && let Some(&next) = chars.peek()
            && next.is_ascii_punctuation()
        {
            out.push(next);
            chars.next();
        } else {
            out.push(c);
        }
    }
    out
}

/// The character reference at the start of `s` (which starts with `&`) as comrak reads it,
/// and its length: an HTML5 entity name, or a decimal (up to 7 digits) or hexadecimal (up to
/// 6) code point, where 0, surrogates and U+E000 read as U+FFFD. `None` when there is none.
fn reference(s: &str) -> Option<(String, usize)> {
    let end = s.find(';')?;
    let body = s.get(1..end)?;
    if let Some(number) = body.strip_prefix('#') {
        let (digits, radix, most) = match number.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16, 6),
            None => (number, 10, 7),
        };
        if digits.is_empty() || digits.len() > most || !digits.chars().all(|c| c.is_digit(radix)) {
            return None;
        }
        let code = u32::from_str_radix(digits, radix).ok()?;
        let c = char::from_u32(code)
            .filter(|_| code != 0 && !(0xD800..=0xE000).contains(&code))
            .unwrap_or('\u{FFFD}');
        return Some((c.to_string(), end + 1));
    }
    if body.len() < 2 || end > 32 || !body.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let written = &s[..=end];
    entities::ENTITIES
        .iter()
        .find(|e| e.entity == written)
        .map(|e| (e.characters.to_string(), end + 1))
}

/// The table of contents as a Markdown list: level-2 headings, and level-3 headings outside
/// the annex (whose tables would drown the list).
pub fn toc(headings: &[Heading], annex_prefix: &str) -> String {
    let mut out = String::new();
    let mut in_annex = false;
    for h in headings {
        match h.level {
            2 if h.text == "Innehåll" => {}
            2 => {
                in_annex = h.text.starts_with(annex_prefix);
                out.push_str(&format!("- [{}](#{})\n", escape(&h.text), h.anchor));
            }
            3 if !in_annex => {
                out.push_str(&format!("    - [{}](#{})\n", escape(&h.text), h.anchor))
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compute::{Row, Value};

    /// The names of the footnote references in `md`, in order; of its definitions (sorted, each
    /// once) that
    /// a reference in the tree refers to (comrak keeps a definition referred to only from one it
    /// drops, and one not referred to at all in some cases); and whether a reference stands
    /// inside a definition.
    fn footnote_names(md: &str) -> (Vec<String>, Vec<String>, bool) {
        let arena = Arena::new();
        let root = parse_document(&arena, md, &comrak_options());
        let (mut refs, mut defs, mut nested) = (Vec::new(), Vec::new(), false);
        for n in root.descendants() {
            match &n.data().value {
                NodeValue::FootnoteReference(r) => {
                    refs.push(r.name.clone());
                    nested |= n
                        .ancestors()
                        .any(|a| matches!(a.data().value, NodeValue::FootnoteDefinition(_)));
                }
                NodeValue::FootnoteDefinition(d) => defs.push(d.name.clone()),
                _ => {}
            }
        }
        defs.retain(|d| refs.contains(d));
        defs.sort();
        defs.dedup();
        (refs, defs, nested)
    }

    proptest::proptest! {
        /// Whatever the text, the prefix goes before every footnote's name and nothing else
        /// changes: the notes and their order are the same, and without a prefix the text is;
        /// or, where comrak places a note wrongly, the text stays as it is.
        #[test]
        fn the_prefix_renames_every_footnote_and_changes_nothing_else(
            body in "([a-zåö1-3 ]|\\[\\^|\\]|:|\n|\n\n|`|\\[\\^[a1]\\]|    |> |- ){0,40}",
            notes in "(\n\n\\[\\^[a1b]\\]: [a-z `]{0,6}){0,3}"
        ) {
            let text = format!("{body}{notes}");
            proptest::prop_assert_eq!(prefix_footnotes(&text, ""), text.clone());
            let (refs, defs, nested) = footnote_names(&text);
            // A note referring to a note is comrak's corner (it counts references from
            // definitions it drops); texts do not nest notes.
            proptest::prop_assume!(!nested);
            let prefixed = prefix_footnotes(&text, "x-");
            // Where comrak misplaces a note the text keeps its names, whole.
            proptest::prop_assume!(prefixed != text || refs.is_empty());
            let (prefixed_refs, prefixed_defs, _) = footnote_names(&prefixed);
            let with = |names: Vec<String>| -> Vec<String> {
                names.into_iter().map(|n| format!("x-{n}")).collect()
            };
            proptest::prop_assert_eq!(prefixed_refs, with(refs));
            let mut expected = with(defs);
            expected.sort();
            expected.dedup();
            proptest::prop_assert_eq!(prefixed_defs, expected);
        }
    }

    #[test]
    fn footnotes_get_the_prefix_in_references_and_definitions_only() {
        let text = "Första[^1] och andra[^Not] gången, igen[^1].\n\n\
                    Kod `[^1]` och ingen not [^2].\n\n\
                    [^1]: Källa: Socialstyrelsen.\n\n[^Not]: Lång not,\n    i två rader.\n";
        assert_eq!(
            prefix_footnotes(text, "avvikelser-"),
            "Första[^avvikelser-1] och andra[^avvikelser-Not] gången, igen[^avvikelser-1].\n\n\
             Kod `[^1]` och ingen not [^2].\n\n\
             [^avvikelser-1]: Källa: Socialstyrelsen.\n\n[^avvikelser-Not]: Lång not,\n    i två rader.\n"
        );
        // Non-ASCII text before a note: offsets are bytes.
        assert_eq!(
            prefix_footnotes("Åäö[^a]\n\n[^a]: ö\n", "x-"),
            "Åäö[^x-a]\n\n[^x-a]: ö\n"
        );
        // Blanks after `[^` are no part of the name.
        assert_eq!(
            prefix_footnotes("A[^ 1].\n\n[^1]: B\n", "x-"),
            "A[^ x-1].\n\n[^x-1]: B\n"
        );
        // Where comrak places a note wrongly (after `[^` and a line break) the text keeps its
        // names, rather than lose the note.
        let odd = "[^\n]:> \n[^1]\n\n[^1]: B\n";
        assert_eq!(prefix_footnotes(odd, "x-"), odd);
        // Without footnotes the text is unchanged.
        let plain = "Text [länk](#a) och [^ingen].\n";
        assert_eq!(prefix_footnotes(plain, "x-"), plain);
    }

    #[test]
    fn headings_that_head_nothing_are_left_out_and_the_rest_stays_as_written() {
        // "Kvalitetsarbetet" heads only an empty subsection, so it goes too; "Enkäter" heads a
        // subsection with text; the last heading heads nothing before the end.
        let md = "# Titel\n\nText.\n\n## Kvalitetsarbetet\n\n### Avvikelser\n\n\
                  ## Enkäter\n\n### Område\n\n| a |\n|--|\n| 1 |\n\n## Tom\n";
        assert_eq!(
            without_empty_headings(md),
            "# Titel\n\nText.\n\n\n\n## Enkäter\n\n### Område\n\n| a |\n|--|\n| 1 |\n\n"
        );
        // A heading above a deeper one with text, a marker paragraph or a quote keeps; a
        // heading inside a quote or a list is no section of the document and is kept.
        for kept in [
            "## A\n\n### B\n\nText.\n",
            "## Innehåll\n\n[[innehåll]]\n",
            "## A\n\n> ## Citat\n",
            "## A\n\n- ## I listan\n",
            "Setext\n------\n\nText.\n",
        ] {
            assert_eq!(without_empty_headings(kept), kept);
        }
        // A setext heading spans two lines; both go.
        assert_eq!(
            without_empty_headings("Tom\n---\n\n# Nästa\n\nX\n"),
            "\n# Nästa\n\nX\n"
        );
        assert_eq!(without_empty_headings(""), "");
    }

    fn media(url: &str) -> Option<String> {
        (!url.starts_with("https:")).then(|| format!("ut-bilder/{}", url.replace('/', "-")))
    }

    use proptest::strategy::Strategy;

    /// The destinations of the images of `md`, as comrak reads them.
    fn image_urls(md: &str) -> Vec<String> {
        let arena = Arena::new();
        let root = parse_document(&arena, md, &comrak_options());
        root.descendants()
            .filter_map(|n| match &n.data().value {
                NodeValue::Image(link) => Some(link.url.clone()),
                _ => None,
            })
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn every_image_is_relinked_and_the_rest_kept(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    "[a-zåä *_|#>\\\\-]{0,12}\n{0,2}",
                    ("[a-zö ()\\[\\]]{0,8}", proptest::collection::vec(proptest::prop_oneof!["[a-z/._]", "\\\\[()_&]", "&(amp|lt|copy|auml|CounterClockwiseContourIntegral|#38|#x26|#0|#1234567|#xD800|#xE000|#92|nosuch);"], 1..8).prop_map(|p| p.concat()), proptest::bool::ANY, proptest::option::of("[a-z ]{0,6}"))
                        .prop_map(|(alt, url, angle, title)| {
                            let url = if angle { format!("<{url}>") } else { url };
                            let title = title.map(|t| format!(" \"{t}\"")).unwrap_or_default();
                            format!("![{alt}]({url}{title})")
                        }),
                ],
                0..12,
            ),
        ) {
            let md = parts.concat();
            // Relinked to themselves, the text is the same byte for byte.
            proptest::prop_assert_eq!(relink_images(&md, |u| Some(u.to_string())), md.clone());
            // Relinked elsewhere, even to a URL with spaces, brackets and backslashes, every image
            // comrak finds points there, in order.
            let before = image_urls(&md);
            for prefix in ["ny/", "ny (1) <\\>/"] {
                let after = image_urls(&relink_images(&md, |u| Some(format!("{prefix}{u}"))));
                let want: Vec<String> = before.iter().map(|u| format!("{prefix}{u}")).collect();
                proptest::prop_assert_eq!(after, want, "{}", md);
            }
        }
    }

    proptest::proptest! {
        /// Against a model: a heading stays exactly when some text follows it before the next
        /// heading of the same or a higher level; every text stays, in order; and the result
        /// has nothing left to drop.
        #[test]
        fn a_heading_stays_exactly_when_text_follows_it_within_its_section(
            blocks in proptest::collection::vec(
                (proptest::option::of(1u8..=4), "[a-zå]{1,6}"),
                0..24,
            ),
        ) {
            let line = |(level, text): &(Option<u8>, String)| match level {
                Some(l) => format!("{} {text}", "#".repeat(usize::from(*l))),
                None => text.clone(),
            };
            let md: String = blocks.iter().map(|b| line(b) + "\n\n").collect();
            let kept: Vec<String> = blocks
                .iter()
                .enumerate()
                .filter(|(i, (level, _))| match level {
                    None => true,
                    Some(l) => blocks[i + 1..]
                        .iter()
                        .take_while(|(next, _)| next.is_none_or(|n| n > *l))
                        .any(|(next, _)| next.is_none()),
                })
                .map(|(_, b)| line(b))
                .collect();
            let out = without_empty_headings(&md);
            let got: Vec<&str> = out.lines().filter(|l| !l.is_empty()).collect();
            proptest::prop_assert_eq!(got, kept, "{}", md);
            proptest::prop_assert_eq!(without_empty_headings(&out), out.clone());
        }
    }

    #[test]
    fn image_destinations_are_relinked_and_nothing_else_changes() {
        let md = "# Rubrik\n\nText ![Karta](bilder/karta.png) och ![Logga](https://x.se/l.png).\n\n\
                  - ![Bild i lista](a.png \"Titel\")\n\n\
                  | Bild |\n|---|\n| ![i tabell](b.png) |\n\n\
                  ![Min karta](<bilder/min karta.png>) ![b.png](b.png)\n\n\
                  ![escaped](bild\\_1.png) ![Ny](bilder/karta%20\\(ny\\)_1.png)\n\n\
                  ![Och](bilder/a&amp;b&#46;png) ![Inte](c\\&amp;d.png)\n";
        let out = relink_images(md, media);
        assert_eq!(
            out,
            "# Rubrik\n\nText ![Karta](ut-bilder/bilder-karta.png) och ![Logga](https://x.se/l.png).\n\n\
             - ![Bild i lista](ut-bilder/a.png \"Titel\")\n\n\
             | Bild |\n|---|\n| ![i tabell](ut-bilder/b.png) |\n\n\
             ![Min karta](<ut-bilder/bilder-min karta.png>) ![b.png](ut-bilder/b.png)\n\n\
             ![escaped](ut-bilder/bild_1.png) ![Ny](ut-bilder/bilder-karta%20\\(ny\\)_1.png)\n\n\
             ![Och](ut-bilder/bilder-a&amp;b.png) ![Inte](ut-bilder/c&amp;d.png)\n"
        );
        // Without images, the text comes back as it was.
        let plain = "# A\n\n| x | y |\n|---|---|\n| 1 | 2 |\n";
        assert_eq!(relink_images(plain, media), plain);
    }

    #[test]
    fn hostile_text_cannot_inject_markup_or_break_a_table() {
        let e = escape("<script>alert(1)</script> | *fet* [länk](x) _a_");
        assert!(!e.contains("<script>"));
        assert!(e.contains("\\|"));
        let html = comrak::markdown_to_html(&format!("| a |\n|--|\n| {e} |\n"), &comrak_options());
        assert!(!html.contains("<script>"), "{html}");
        assert!(!html.contains("<em>"), "{html}");
        assert_eq!(html.matches("<td>").count(), 1, "{html}");
    }

    #[test]
    fn line_breaks_in_labels_do_not_end_the_row() {
        assert!(!escape("rad ett\nrad två").contains('\n'));
    }

    #[test]
    fn tables_align_figures_right_and_mark_totals() {
        let mut t = Table::new("k", "Titel", "Enhet").column("2022");
        t.rows.push(Row::new("A|B", vec![Value::count(1234)]));
        t.rows.push(Row::new("varav x", vec![Value::Missing]).sub());
        t.rows
            .push(Row::new("Totalt", vec![Value::count(1234)]).total());
        let md = table(&t);
        assert_eq!(
            md,
            "| Enhet | 2022 |\n|:--|--:|\n| A\\|B | 1\u{a0}234 |\n| \u{a0}\u{a0}\u{a0}*varav x* | – |\n| **Totalt** | **1\u{a0}234** |\n"
        );
    }

    #[test]
    fn headings_get_the_anchors_comrak_renders() {
        let md = "# Titel\n\n## Avvikelser och lex Sarah\n\n### Tabell 1. Inkomna rapporter\n\n## Avvikelser och lex Sarah\n";
        let hs = headings(md);
        let html = comrak::markdown_to_html(md, &comrak_options());
        for h in &hs {
            assert!(
                html.contains(&format!("id=\"{}\"", h.anchor)),
                "{} not in {html}",
                h.anchor
            );
        }
        assert_eq!(hs[3].anchor, "avvikelser-och-lex-sarah-1");
    }

    #[test]
    fn toc_skips_annex_tables() {
        let hs = headings(
            "## Inledning\n\n### Syfte\n\n## Bilaga: Verksamheten i siffror\n\n### Tabell 1. X\n",
        );
        assert_eq!(
            toc(&hs, "Bilaga"),
            "- [Inledning](#inledning)\n    - [Syfte](#syfte)\n- [Bilaga: Verksamheten i siffror](#bilaga-verksamheten-i-siffror)\n"
        );
    }
}
