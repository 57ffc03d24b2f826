//! The walked Word body as Markdown: headings by style or outline level, lists by numbering,
//! bold, italics and links on runs, tables as pipe tables. Text is escaped so Word text stays
//! text; template placeholders (`{{ … }}`, `{% … %}`) are kept whole even when Word split them
//! over runs of different formatting, and Word's typographic quotes inside them are undone.
//! A picture that came along is an image of its own paragraph, with its alt text.

use super::body::{BREAK, Block, NOTE_CLOSE, NOTE_OPEN, Para, Picture, Seg};
use super::parts::{Links, Numbering, Styles};
use crate::render::markdown::escape;

pub struct Ctx<'a> {
    pub styles: &'a Styles,
    pub numbering: &'a Numbering,
    pub links: &'a Links,
    /// Relationship id → the address of a picture that comes along.
    pub pictures: &'a PictureUrls,
}

impl Ctx<'_> {
    /// The style `id` and those it is based on, nearest first.
    fn chain(&self, id: Option<&str>) -> Vec<&super::parts::Style> {
        let mut out = Vec::new();
        let mut next = id.map(str::to_string);
        while let Some(id) = next.take() {
            let Some(s) = self.styles.get(&id) else { break };
            out.push(s);
            if out.len() > 16 {
                break;
            }
            next = s.based_on.clone();
        }
        out
    }

    /// A run property from the run's character style and those it is based on.
    fn run_style(&self, seg: &Seg, get: impl Fn(&super::parts::Style) -> Option<bool>) -> bool {
        self.chain(seg.style.as_deref())
            .into_iter()
            .find_map(get)
            .unwrap_or(false)
    }

    fn heading(&self, p: &Para) -> Option<usize> {
        if let Some(l) = p.outline.filter(|&l| l < 9) {
            return Some(usize::from(l) + 1);
        }
        for s in self.chain(p.style.as_deref()) {
            if s.name == "title" {
                return Some(1);
            }
            if let Some(n) = s.name.strip_prefix("heading ")
                && let Ok(n) = n.trim().parse::<usize>()
            {
                return Some(n.clamp(1, 6));
            }
            if let Some(l) = s.outline.filter(|&l| l < 9) {
                return Some(usize::from(l) + 1);
            }
        }
        None
    }

    /// Whether `p` is a list item: (numbered, level).
    fn list(&self, p: &Para) -> Option<(bool, usize)> {
        let chain = self.chain(p.style.as_deref());
        let style_num = chain.iter().find_map(|s| s.num.clone());
        let (num_id, ilvl) = match (&p.num, &style_num) {
            (Some((id, l)), _) if !id.is_empty() => (id.clone(), *l),
            (Some((_, l)), Some((id, _))) => (id.clone(), *l),
            (None, Some((id, l))) => (id.clone(), *l),
            _ => (String::new(), 0),
        };
        let style_name = chain.first().map_or("", |s| s.name.as_str());
        let by_name = |prefix: &str| {
            style_name.strip_prefix(prefix).map(|rest| {
                rest.trim()
                    .parse::<usize>()
                    .map_or(0, |n| n.saturating_sub(1))
            })
        };
        if num_id.is_empty() || num_id == "0" {
            if let Some(l) = by_name("list number") {
                return Some((true, l));
            }
            return by_name("list bullet").map(|l| (false, l));
        }
        let numbered = self
            .numbering
            .get(&num_id)
            .and_then(|levels| levels.get(&ilvl))
            .copied()
            .unwrap_or(style_name.contains("number"));
        Some((numbered, usize::from(ilvl)))
    }
}

/// The byte ranges of template tags in `s`: `{{ … }}`, `{% … %}` and `{# … #}`.
fn template_spans(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = s[from..].find('{').map(|i| i + from) {
        let close = match s[i + 1..].chars().next() {
            Some('{') => "}}",
            Some('%') => "%}",
            Some('#') => "#}",
            _ => {
                from = i + 1;
                continue;
            }
        };
        match s[i + 2..].find(close) {
            Some(j) => {
                let end = i + 2 + j + 2;
                out.push((i, end));
                from = end;
            }
            None => break,
        }
    }
    out
}

/// A template tag as Word typed it, made what Tera reads: straight quotes and plain spaces.
fn untypeset(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00BB}' | '\u{00AB}' => '"',
            '\u{2018}' | '\u{2019}' | '\u{201A}' => '\'',
            '\u{00A0}' | '\u{202F}' | BREAK => ' ',
            c => c,
        })
        .collect()
}

/// A run's formatting: bold, italic, hyperlink relationship id.
type Fmt = (bool, bool, Option<String>);

/// The Markdown of a run of text: escaped, with emphasis and links, template tags whole.
fn inline(segs: &[Seg], ctx: &Ctx<'_>, brk: &str) -> String {
    let full: String = segs.iter().map(|s| s.text.as_str()).collect();
    let spans = template_spans(&full);
    // Pieces of (text, formatting, in a tag), a tag taking the formatting it starts with.
    let mut pieces: Vec<(String, Fmt, bool)> = Vec::new();
    let mut at = 0;
    let mut span_fmt: Option<(usize, Fmt)> = None;
    for seg in segs {
        let end = at + seg.text.len();
        let mut cuts = vec![at, end];
        for &(a, b) in &spans {
            cuts.extend([a, b].into_iter().filter(|&c| c > at && c < end));
        }
        cuts.sort_unstable();
        cuts.dedup();
        for w in cuts.windows(2) {
            let (a, b) = (w[0], w[1]);
            let text = &full[a..b];
            let mut fmt = (
                seg.bold.unwrap_or_else(|| ctx.run_style(seg, |s| s.bold)),
                seg.italic
                    .unwrap_or_else(|| ctx.run_style(seg, |s| s.italic)),
                seg.link.clone(),
            );
            let span = spans.iter().find(|&&(s, e)| a >= s && b <= e);
            if let Some(&(s, _)) = span {
                match &span_fmt {
                    Some((start, f)) if *start == s => fmt = f.clone(),
                    _ => span_fmt = Some((s, fmt.clone())),
                }
                pieces.push((untypeset(text), fmt, true));
            } else {
                pieces.push((escape(text), fmt, false));
            }
        }
        at = end;
    }
    let mut merged: Vec<(String, Fmt)> = Vec::new();
    for (text, fmt, _) in pieces {
        match merged.last_mut() {
            Some((t, f)) if *f == fmt => t.push_str(&text),
            _ => merged.push((text, fmt)),
        }
    }
    let mut out = String::new();
    for (i, (text, (bold, italic, link))) in merged.iter().enumerate() {
        let marks = match (bold, italic) {
            (true, true) => "***",
            (true, false) => "**",
            (false, true) => "*",
            (false, false) => "",
        };
        let core = text.trim();
        let lead = &text[..text.len() - text.trim_start().len()];
        let trail = &text[text.trim_end().len()..];
        let url = link
            .as_ref()
            .and_then(|id| ctx.links.get(id))
            .filter(|_| !core.is_empty());
        // What the emphasis markers touch: the link's brackets, or the text around.
        let (before, after) = match url {
            Some(_) => (Some('['), Some(']')),
            None => (
                if lead.is_empty() {
                    out.chars().last()
                } else {
                    Some(' ')
                },
                if trail.is_empty() {
                    merged.get(i + 1).and_then(|(t, _)| t.chars().next())
                } else {
                    Some(' ')
                },
            ),
        };
        let mut piece = if marks.is_empty() || !emphasis_holds(before, core, after) {
            text.clone()
        } else {
            format!("{lead}{marks}{core}{marks}{trail}")
        };
        if let Some(url) = url {
            let url = if url.contains([' ', '(', ')', '<', '>']) {
                format!("<{}>", url.replace(['<', '>'], ""))
            } else {
                url.clone()
            };
            piece = format!("{lead}[{}]({url}){trail}", piece.trim());
        }
        out.push_str(&piece);
    }
    out.replace(BREAK, brk)
}

/// Whether `*` markers around `core`, between the characters `before` and `after`, make
/// emphasis in CommonMark: the opening run must be left-flanking and the closing run
/// right-flanking, and neither may touch another marker (the runs would merge). Where they
/// would not hold, the text goes without its bold or italics rather than show stray stars.
fn emphasis_holds(before: Option<char>, core: &str, after: Option<char>) -> bool {
    let punct = |c: char| c.is_ascii_punctuation() || (!c.is_alphanumeric() && !c.is_whitespace());
    let open_ok = |c: Option<char>| c.is_none_or(|c| c.is_whitespace() || punct(c));
    let (Some(first), Some(last)) = (core.chars().next(), core.chars().last()) else {
        return false;
    };
    // A core ending in an escaped star would read as part of the closing run.
    if before == Some('*') || after == Some('*') || core.ends_with("\\*") {
        return false;
    }
    let left = !first.is_whitespace() && (!punct(first) || open_ok(before));
    let right = !last.is_whitespace() && (!punct(last) || open_ok(after));
    left && right
}

/// A backslash before what would make a paragraph's first characters a list or a heading.
fn guard_start(line: &str) -> String {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let after = line[digits..].chars().next();
    if digits > 0 && matches!(after, Some('.' | ')')) {
        return format!("{}\\{}", &line[..digits], &line[digits..]);
    }
    match line.chars().next() {
        Some('-' | '+' | '=') => format!("\\{line}"),
        _ => line.to_string(),
    }
}

/// The address of each picture that comes along, by its relationship id and the width set
/// in Word (EMU): one image used at two sizes has two addresses.
pub type PictureUrls = std::collections::BTreeMap<(String, Option<u64>), String>;

/// A picture that comes along as a Markdown image with its alt text; `None` for one that
/// does not.
fn picture(pic: &Picture, ctx: &Ctx<'_>) -> Option<String> {
    let url = ctx.pictures.get(&(pic.rel.clone(), pic.width))?;
    // Braces dropped: the alt text must not open a template tag.
    let alt = escape(&pic.alt.replace(['{', '}'], "").replace(BREAK, " "));
    Some(format!("![{}]({url})", alt.trim()))
}

fn table(rows: &[Vec<Vec<Para>>], ctx: &Ctx<'_>) -> Option<String> {
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|cell| {
                    let texts: Vec<String> = cell
                        .iter()
                        .flat_map(|p| {
                            let text = inline(&p.segs, ctx, " ").trim().to_string();
                            std::iter::once(text)
                                .chain(p.pictures.iter().filter_map(|pic| picture(pic, ctx)))
                        })
                        .filter(|t| !t.is_empty())
                        .collect();
                    texts.join(" ")
                })
                .collect()
        })
        .collect();
    let width = cells.iter().map(Vec::len).max().filter(|&w| w > 0)?;
    let line = |row: &[String]| {
        let mut cols: Vec<&str> = row.iter().map(String::as_str).collect();
        cols.resize(width, "");
        format!("| {} |", cols.join(" | "))
    };
    let mut out = vec![line(&cells[0]), format!("|{}", " --- |".repeat(width))];
    out.extend(cells[1..].iter().map(|r| line(r)));
    Some(out.join("\n"))
}

/// The Markdown of the whole body.
pub fn markdown(blocks: &[Block], ctx: &Ctx<'_>) -> String {
    let mut out = String::new();
    // The marker widths of the open list's levels.
    let mut widths: Vec<usize> = Vec::new();
    // Whether the open list is numbered, at its top level.
    let mut top_numbered = None;
    for block in blocks {
        let mut new_list = false;
        let (text, in_list) = match block {
            Block::Table(rows) => match table(rows, ctx) {
                Some(t) => (t, false),
                None => continue,
            },
            Block::Picture(pic) => match picture(pic, ctx) {
                Some(image) => (image, false),
                None => continue,
            },
            // A text box as a block quote, its paragraphs one after another.
            Block::TextBox(paras) => {
                let lines: Vec<String> = paras
                    .iter()
                    .map(|p| inline(&p.segs, ctx, "\\\n> ").trim().to_string())
                    .filter(|t| !t.is_empty())
                    .map(|t| format!("> {}", guard_start(&t)))
                    .collect();
                if lines.is_empty() {
                    continue;
                }
                (lines.join("\n>\n"), false)
            }
            Block::Para(p) => {
                if let Some(level) = ctx.heading(p) {
                    let text = inline(&p.segs, ctx, " ");
                    if text.trim().is_empty() {
                        continue;
                    }
                    (format!("{} {}", "#".repeat(level), text.trim()), false)
                } else if let Some((numbered, level)) = ctx.list(p) {
                    let marker = if numbered { "1. " } else { "- " };
                    let mut level = level.min(widths.len());
                    if level == 0 || widths.is_empty() {
                        // A bulleted list after a numbered one (or the reverse) is a new list.
                        new_list = top_numbered.is_some_and(|n| n != numbered);
                        if new_list {
                            widths.clear();
                            level = 0;
                        }
                        top_numbered = Some(numbered);
                    }
                    widths.truncate(level);
                    let indent = " ".repeat(widths.iter().sum());
                    widths.push(marker.len());
                    let cont = format!("\\\n{indent}{}", " ".repeat(marker.len()));
                    let text = inline(&p.segs, ctx, &cont);
                    if text.trim().is_empty() {
                        continue;
                    }
                    (
                        format!("{indent}{marker}{}", guard_start(text.trim())),
                        true,
                    )
                } else {
                    let text = inline(&p.segs, ctx, "\\\n");
                    let text = text.trim();
                    if text.is_empty() {
                        continue;
                    }
                    (guard_start(text), false)
                }
            }
        };
        if !out.is_empty() {
            let tight = in_list && !new_list && out.ends_with(LIST_END);
            out.push_str(if tight { "\n" } else { "\n\n" });
        }
        if !in_list {
            widths.clear();
            top_numbered = None;
        }
        out.push_str(&text);
        if in_list {
            out.push_str(LIST_END);
        }
    }
    out.replace(LIST_END, "").trim().to_string() + "\n"
}

/// A marker after a list item while writing (removed at the end), so the next item knows it
/// continues a list.
const LIST_END: &str = "\u{E000}";

/// `body` with each note marker ([`NOTE_OPEN`]) made a Markdown footnote reference (`[^1]`),
/// numbered in the order the notes are first referred to, and the notes' text after the body
/// as their definitions; and how many references were left out (to a note the file does not
/// hold, or one without text). `notes` holds each note's Markdown by kind (`f`, `e`) and id.
pub fn with_notes(
    body: &str,
    notes: &std::collections::BTreeMap<(char, String), String>,
) -> (String, usize) {
    let mut out = String::with_capacity(body.len());
    let mut order: Vec<(char, String)> = Vec::new();
    let mut left_out = 0;
    let mut rest = body;
    while let Some(open) = rest.find(NOTE_OPEN) {
        out.push_str(&rest[..open]);
        let after = &rest[open + NOTE_OPEN.len_utf8()..];
        let Some(close) = after.find(NOTE_CLOSE) else {
            rest = after;
            break;
        };
        let mut marker = after[..close].chars();
        rest = &after[close + NOTE_CLOSE.len_utf8()..];
        let key = (marker.next().unwrap_or('f'), marker.as_str().to_string());
        if notes.get(&key).is_none_or(|md| md.trim().is_empty()) {
            left_out += 1;
            continue;
        }
        let n = match order.iter().position(|k| *k == key) {
            Some(i) => i + 1,
            None => {
                order.push(key);
                order.len()
            }
        };
        out.push_str(&format!("[^{n}]"));
    }
    out.push_str(rest);
    let mut out = out
        .replace([NOTE_OPEN, NOTE_CLOSE], "")
        .trim_end()
        .to_string()
        + "\n";
    for (i, key) in order.iter().enumerate() {
        let text = notes[key].replace([NOTE_OPEN, NOTE_CLOSE], "");
        // A note's later lines and paragraphs indented, so that they stay in the note.
        let lines: Vec<String> = text
            .trim()
            .lines()
            .enumerate()
            .map(|(j, l)| {
                if j == 0 || l.is_empty() {
                    l.to_string()
                } else {
                    format!("    {l}")
                }
            })
            .collect();
        out.push_str(&format!("\n[^{}]: {}\n", i + 1, lines.join("\n")));
    }
    (out, left_out)
}
