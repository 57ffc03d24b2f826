//! Walking `word/document.xml` into paragraphs (style, list level, runs with bold, italics and
//! link) and tables. The text as it stood before pending tracked changes: an insertion (`w:ins`,
//! `w:moveTo`) is left out, a deletion (`w:del`, `w:moveFrom`) is kept. A picture
//! (`w:drawing` or `w:pict` with an embedded image) becomes a block of its own after its
//! paragraph, or in a table stays in its cell; so does a text box's text, as a block of its
//! own (a text box in a table is left out). Field codes, comments and other drawings are left
//! out.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::WordError;
use super::parts::{attr, on};

/// A line break inside a paragraph (`w:br`), written as a hard break or a space.
pub const BREAK: char = '\u{2028}';

/// A footnote or endnote reference stands in the text as `NOTE_OPEN`, `f` or `e`, the note's
/// id and `NOTE_CLOSE` (private-use characters, which escaping leaves alone) until the
/// Markdown is written and the notes are numbered.
pub const NOTE_OPEN: char = '\u{E010}';
pub const NOTE_CLOSE: char = '\u{E011}';

/// A stretch of text with one formatting.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Seg {
    pub text: String,
    /// Bold and italics as the run sets them (`None`: as its character style says).
    pub bold: Option<bool>,
    pub italic: Option<bool>,
    /// The run's character style (`w:rStyle`), e.g. Word's "Strong".
    pub style: Option<String>,
    /// The hyperlink's relationship id.
    pub link: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Para {
    pub style: Option<String>,
    /// (numId, ilvl) of a list paragraph.
    pub num: Option<(String, u8)>,
    pub outline: Option<u8>,
    pub segs: Vec<Seg>,
    /// The pictures of a paragraph in a table cell, which stay in their cell (a paragraph
    /// outside tables has its pictures placed after it as blocks of their own).
    pub pictures: Vec<Picture>,
}

/// A picture in the text: the relationship id of its embedded image, and its alt text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Picture {
    pub rel: String,
    pub alt: String,
    /// The width set in Word (`wp:extent`), in EMU.
    pub width: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Para(Para),
    /// Rows of cells of paragraphs.
    Table(Vec<Vec<Vec<Para>>>),
    Picture(Picture),
    /// The paragraphs of a text box (a "faktaruta"), placed after the paragraph it is
    /// anchored in.
    TextBox(Vec<Para>),
}

#[derive(Debug, Default)]
pub struct Walked {
    pub blocks: Vec<Block>,
    pub tracked_changes: bool,
    pub comments: bool,
    /// Drawings, pictures and embedded objects, carried or not.
    pub images: usize,
    /// Footnote and endnote references, each standing in the text as a marker ([`NOTE_OPEN`]).
    pub notes: usize,
    /// In a footnotes or endnotes part: each note's id and the index of its first block.
    pub note_starts: Vec<(String, usize)>,
    /// Text boxes whose text comes along (each also counted in `images`, as the drawing it is).
    pub text_boxes: usize,
}

/// Elements whose whole content is left out.
fn skipped(name: &str) -> bool {
    matches!(
        name,
        "ins"
            | "moveTo"
            | "rPrChange"
            | "pPrChange"
            | "sectPrChange"
            | "tblPrChange"
            | "trPrChange"
            | "tcPrChange"
            | "drawing"
            | "pict"
            | "object"
            | "Fallback"
            | "instrText"
            | "sdtPr"
            | "txbxContent"
    )
}

#[derive(Default)]
struct Walker {
    out: Walked,
    stack: Vec<String>,
    skip_at: Option<usize>,
    para: Option<Para>,
    bold: Option<bool>,
    italic: Option<bool>,
    style: Option<String>,
    link: Option<String>,
    deleted: usize,
    /// One entry per open field: whether its code (not its result) is being read.
    fields: Vec<bool>,
    tables: Vec<Vec<Vec<Vec<Para>>>>,
    /// The drawing or picture being skipped, as far as it was read.
    picture: Option<Picture>,
    /// Pictures read in the open paragraph, placed after it.
    pictures: Vec<Picture>,
    /// While a text box's content is read: where the drawing around it was being skipped, and
    /// the paragraph it is anchored in, both taken up again at its end.
    text_box: Option<(usize, Option<Para>)>,
    /// The paragraphs of the text box being read.
    box_paras: Vec<Para>,
    /// Text boxes read in the open paragraph, placed after it.
    boxes: Vec<Vec<Para>>,
}

impl Walker {
    fn parent(&self, n: usize) -> &str {
        self.stack
            .len()
            .checked_sub(n)
            .map_or("", |i| self.stack[i].as_str())
    }

    fn text(&mut self, s: &str) {
        let text_here = match self.parent(1) {
            "t" => true,
            "delText" => self.deleted > 0,
            _ => false,
        };
        if text_here {
            self.push(s);
        }
    }

    fn push(&mut self, s: &str) {
        if self.fields.iter().any(|&code| code) {
            return;
        }
        let Some(p) = self.para.as_mut() else { return };
        let seg = Seg {
            text: String::new(),
            bold: self.bold,
            italic: self.italic,
            style: self.style.clone(),
            link: self.link.clone(),
        };
        match p.segs.last_mut() {
            Some(last)
                if Seg {
                    text: String::new(),
                    ..last.clone()
                } == seg =>
            {
                last.text.push_str(s)
            }
            _ => p.segs.push(Seg {
                text: s.to_string(),
                ..seg
            }),
        }
    }

    fn element(&mut self, e: &BytesStart<'_>, open: bool) {
        let name = e.local_name().as_ref().to_string();
        let in_run = self.parent(1) == "r";
        match name.as_str() {
            "ins" | "del" | "moveTo" | "moveFrom" => self.out.tracked_changes = true,
            "rPrChange" | "pPrChange" => self.out.tracked_changes = true,
            "commentRangeStart" | "commentReference" => self.out.comments = true,
            "drawing" | "pict" | "object" => self.out.images += 1,
            "footnoteReference" | "endnoteReference" => {
                self.out.notes += 1;
                if let Some(id) = attr(e, "id").filter(|id| id.bytes().all(|b| b.is_ascii_digit()))
                {
                    let kind = if name.starts_with('f') { 'f' } else { 'e' };
                    self.push(&format!("{NOTE_OPEN}{kind}{id}{NOTE_CLOSE}"));
                }
            }
            // A note of a footnotes or endnotes part; the separators are no notes.
            "footnote" | "endnote" if open && attr(e, "type").is_none_or(|t| t == "normal") => {
                if let Some(id) = attr(e, "id") {
                    self.out.note_starts.push((id, self.out.blocks.len()));
                }
            }
            _ => {}
        }
        if open && matches!(name.as_str(), "drawing" | "pict") {
            self.picture = Some(Picture::default());
        }
        if open && skipped(&name) {
            self.skip_at = Some(self.stack.len());
            return;
        }
        match name.as_str() {
            "p" => self.para = Some(Para::default()),
            "pStyle" if self.parent(1) == "pPr" => {
                if let Some(p) = &mut self.para {
                    p.style = attr(e, "val");
                }
            }
            "numId" if self.parent(2) == "pPr" => {
                if let Some(p) = &mut self.para {
                    let ilvl = p.num.as_ref().map_or(0, |n| n.1);
                    p.num = attr(e, "val").map(|v| (v, ilvl));
                }
            }
            "ilvl" if self.parent(2) == "pPr" => {
                if let Some(p) = &mut self.para {
                    let lvl = attr(e, "val").and_then(|v| v.parse().ok()).unwrap_or(0);
                    match &mut p.num {
                        Some(n) => n.1 = lvl,
                        None => p.num = Some((String::new(), lvl)),
                    }
                }
            }
            "outlineLvl" if self.parent(1) == "pPr" => {
                if let Some(p) = &mut self.para {
                    p.outline = attr(e, "val").and_then(|v| v.parse().ok());
                }
            }
            "r" => (self.bold, self.italic, self.style) = (None, None, None),
            "b" if self.parent(1) == "rPr" && self.parent(2) == "r" => self.bold = Some(on(e)),
            "i" if self.parent(1) == "rPr" && self.parent(2) == "r" => self.italic = Some(on(e)),
            "rStyle" if self.parent(1) == "rPr" && self.parent(2) == "r" => {
                self.style = attr(e, "val");
            }
            "tab" if in_run => self.push(" "),
            "noBreakHyphen" if in_run => self.push("-"),
            // A page or column break is layout, not text.
            "br" | "cr" if in_run && attr(e, "type").is_none_or(|t| t == "textWrapping") => {
                self.push(&BREAK.to_string());
            }
            "hyperlink" if open => self.link = attr(e, "id"),
            "fldChar" => match attr(e, "fldCharType").as_deref() {
                Some("begin") => self.fields.push(true),
                Some("separate") => {
                    if let Some(code) = self.fields.last_mut() {
                        *code = false;
                    }
                }
                Some("end") => {
                    self.fields.pop();
                }
                _ => {}
            },
            "del" | "moveFrom" if open => self.deleted += 1,
            "tbl" if open => self.tables.push(Vec::new()),
            "tr" if open => {
                if let Some(t) = self.tables.last_mut() {
                    t.push(Vec::new());
                }
            }
            "tc" if open => {
                if let Some(row) = self.tables.last_mut().and_then(|t| t.last_mut()) {
                    row.push(Vec::new());
                }
            }
            _ => {}
        }
        if !open && name == "p" {
            self.end("p");
        }
    }

    /// An element inside a skipped drawing or picture: its image and alt text.
    fn in_picture(&mut self, e: &BytesStart<'_>) {
        let Some(pic) = self.picture.as_mut() else {
            return;
        };
        match e.local_name().as_ref() {
            // DrawingML: the picture's description (Word's "Alternativ text"), else its title.
            "docPr" => {
                pic.alt = attr(e, "descr")
                    .filter(|d| !d.trim().is_empty())
                    .or_else(|| attr(e, "title"))
                    .unwrap_or_default();
            }
            "extent" if pic.width.is_none() => {
                pic.width = attr(e, "cx")
                    .and_then(|cx| cx.parse().ok())
                    .filter(|&w| w > 0);
            }
            "blip" if pic.rel.is_empty() => pic.rel = attr(e, "embed").unwrap_or_default(),
            // VML, as older Word versions wrote pictures.
            "imagedata" if pic.rel.is_empty() => {
                pic.rel = attr(e, "id").unwrap_or_default();
                if pic.alt.is_empty() {
                    pic.alt = attr(e, "title").unwrap_or_default();
                }
            }
            _ => {}
        }
    }

    /// The skipped element ends: a picture read whole waits for its paragraph's end.
    fn end_skipped(&mut self) {
        if let Some(pic) = self.picture.take().filter(|p| !p.rel.is_empty()) {
            self.pictures.push(pic);
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "p" => {
                let Some(p) = self.para.take() else { return };
                if self.text_box.is_some() {
                    self.box_paras.push(p);
                    return;
                }
                match self.tables.last_mut() {
                    // A picture in a table stays in its cell, after the paragraph's text.
                    Some(t) => {
                        if let Some(cell) = t.last_mut().and_then(|r| r.last_mut()) {
                            cell.push(Para {
                                pictures: std::mem::take(&mut self.pictures),
                                ..p
                            });
                        }
                        self.pictures.clear();
                    }
                    None => {
                        self.out.blocks.push(Block::Para(p));
                        let pictures = std::mem::take(&mut self.pictures);
                        self.out
                            .blocks
                            .extend(pictures.into_iter().map(Block::Picture));
                        let boxes = std::mem::take(&mut self.boxes);
                        self.out
                            .blocks
                            .extend(boxes.into_iter().map(Block::TextBox));
                    }
                }
            }
            "hyperlink" => self.link = None,
            "del" | "moveFrom" => self.deleted = self.deleted.saturating_sub(1),
            "tbl" => {
                let Some(t) = self.tables.pop() else { return };
                // A table in a text box: its paragraphs are already the box's.
                if self.text_box.is_some() {
                    return;
                }
                match self.tables.last_mut() {
                    // A table inside a cell: its paragraphs join the outer cell.
                    Some(outer) => {
                        if let Some(cell) = outer.last_mut().and_then(|r| r.last_mut()) {
                            cell.extend(t.into_iter().flatten().flatten());
                        }
                    }
                    None => self.out.blocks.push(Block::Table(t)),
                }
            }
            _ => {}
        }
    }
}

pub fn walk(xml: &str) -> Result<Walked, WordError> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut w = Walker::default();
    loop {
        let event = reader.read_event().map_err(|_| WordError::Damaged)?;
        if let Some(at) = w.skip_at {
            match event {
                // A text box of a drawing (DrawingML, or VML as older Word wrote it): its
                // paragraphs are read as the body's are; a second copy in a fallback is not.
                Event::Start(e)
                    if e.local_name().into_inner() == "txbxContent"
                        && w.text_box.is_none()
                        && w.tables.is_empty()
                        && matches!(
                            w.stack.get(at).map(String::as_str),
                            Some("drawing" | "pict")
                        )
                        && !w.stack[at..].iter().any(|n| n == "Fallback") =>
                {
                    w.stack.push("txbxContent".into());
                    w.text_box = Some((at, w.para.take()));
                    w.skip_at = None;
                }
                Event::Start(e) => {
                    w.in_picture(&e);
                    w.stack.push(e.local_name().as_ref().to_string());
                }
                Event::Empty(e) => w.in_picture(&e),
                Event::End(_) => {
                    w.stack.pop();
                    if w.stack.len() == at {
                        w.skip_at = None;
                        w.end_skipped();
                    }
                }
                Event::Eof => return Err(WordError::Damaged),
                _ => {}
            }
            continue;
        }
        match event {
            Event::Eof => break,
            Event::Start(e) => {
                w.element(&e, true);
                w.stack.push(e.local_name().as_ref().to_string());
            }
            Event::Empty(e) => w.element(&e, false),
            Event::End(e)
                if e.local_name().into_inner() == "txbxContent" && w.text_box.is_some() =>
            {
                w.stack.pop();
                let (at, para) = w.text_box.take().expect("in a text box");
                let paras = std::mem::take(&mut w.box_paras);
                if paras
                    .iter()
                    .any(|p| p.segs.iter().any(|s| !s.text.trim().is_empty()))
                {
                    w.boxes.push(paras);
                    w.out.text_boxes += 1;
                }
                w.para = para;
                w.skip_at = Some(at);
            }
            Event::End(e) => {
                w.stack.pop();
                w.end(e.local_name().as_ref());
            }
            Event::Text(t) => w.text(&t.xml10_content()),
            Event::CData(t) => w.text(&t.xml10_content()),
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    Ok(None) => match &*r {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => return Err(WordError::Damaged),
                    },
                    Err(_) => return Err(WordError::Damaged),
                };
                if let Some(c) = c {
                    w.text(&c.to_string());
                }
            }
            _ => {}
        }
    }
    Ok(w.out)
}
