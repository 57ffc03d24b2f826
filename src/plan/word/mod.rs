//! A chef's Word text (`text/<avsnitt>.docx`) as the section's Markdown: the package opened
//! (zip + quick-xml), its styles, numbering and links read, the body walked ([`body`]) and
//! written as Markdown ([`emit`]). Pure: bytes in, Markdown and what was left out back.

mod body;
mod emit;
mod parts;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use crate::render::document::{EMU_PER_POINT, Image, ImageKind};

/// What a Word file gave: its Markdown and what of it did not come along.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Word {
    pub markdown: String,
    /// Pending tracked changes were found (insertions left out, deletions kept).
    pub tracked_changes: bool,
    /// Comments were found (left out).
    pub comments: bool,
    /// Drawings, charts, embedded objects and pictures in a format the report cannot show
    /// (only PNG, JPEG and SVG come along), left out.
    pub images: usize,
    /// The pictures that came along, by the address the Markdown gives them
    /// (`<file name>/bild1.png`), in order.
    pub pictures: Vec<(String, Image)>,
    /// The width set in Word of the pictures that have one, in points, by address.
    pub widths: BTreeMap<String, f64>,
    /// Of those, how many have no alt text.
    pub without_alt: usize,
    /// Footnotes and endnotes left out: references to a note the file does not hold, or with
    /// no text. The others come along as Markdown footnotes, numbered in the order they are
    /// referred to (an endnote becomes a footnote).
    pub notes: usize,
}

/// Why a file is not a readable Word document (the caller names the file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordError {
    /// An OLE compound file: an encrypted document or an old `.doc`.
    EncryptedOrOld,
    /// Not a zip package at all.
    NotWord,
    /// A zip without `word/document.xml` (another Office format, or not Office).
    NoDocument,
    /// A part of the package cannot be read (broken zip entry or XML).
    Damaged,
    /// A picture, or the pictures together, too large to carry.
    PicturesTooLarge,
}

impl WordError {
    /// The reason in Swedish, after "<file>: ".
    pub fn reason(self) -> &'static str {
        match self {
            WordError::EncryptedOrOld => {
                "filen är lösenordsskyddad eller sparad i det äldre formatet .doc; spara den i \
                 Word som .docx utan lösenord"
            }
            WordError::NotWord => {
                "filen är inte ett Word-dokument (.docx); spara den i Word som .docx"
            }
            WordError::NoDocument => {
                "filen är inget Word-dokument (den saknar dokumentets text); spara den i Word som .docx"
            }
            WordError::Damaged => {
                "Word-dokumentet är skadat och kan inte läsas; öppna det i Word och spara det igen"
            }
            WordError::PicturesTooLarge => {
                "bilderna i dokumentet är för stora (en bild högst 64 MB, alla tillsammans högst 200 \
                 MB); minska dem i Word med Komprimera bilder och spara igen"
            }
        }
    }
}

/// The signature of an OLE compound file (what Word writes for `.doc` and encrypted `.docx`).
const CFB: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Converts the bytes of a `.docx` to Markdown; `name` is the file's name, under which its
/// pictures are addressed.
pub fn to_markdown(bytes: &[u8], name: &str) -> Result<Word, WordError> {
    if bytes.starts_with(CFB) {
        return Err(WordError::EncryptedOrOld);
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| WordError::NotWord)?;
    let document = part(&mut zip, "word/document.xml")?.ok_or(WordError::NoDocument)?;
    let styles = match part(&mut zip, "word/styles.xml")? {
        Some(x) => parts::styles(&x)?,
        None => Default::default(),
    };
    let numbering = match part(&mut zip, "word/numbering.xml")? {
        Some(x) => parts::numbering(&x)?,
        None => Default::default(),
    };
    let rels = part(&mut zip, "word/_rels/document.xml.rels")?;
    let (links, image_parts) = match &rels {
        Some(x) => (parts::links(x)?, parts::images(x)?),
        None => Default::default(),
    };
    let has_comments = zip.index_for_name("word/comments.xml").is_some();
    let walked = body::walk(&document)?;
    let carried = carry(&mut zip, &walked.blocks, &image_parts, name)?;
    let ctx = emit::Ctx {
        styles: &styles,
        numbering: &numbering,
        links: &links,
        pictures: &carried.urls,
    };
    let mut notes = BTreeMap::new();
    let mut note_images = 0;
    let no_pictures = emit::PictureUrls::new();
    for (kind, name) in [('f', "footnotes"), ('e', "endnotes")] {
        if walked.notes == 0 {
            break;
        }
        let Some(xml) = part(&mut zip, &format!("word/{name}.xml"))? else {
            continue;
        };
        let w = body::walk(&xml)?;
        // A note's links are the note part's own relationships; its pictures stay out.
        let links = match part(&mut zip, &format!("word/_rels/{name}.xml.rels"))? {
            Some(x) => parts::links(&x)?,
            None => Default::default(),
        };
        let note_ctx = emit::Ctx {
            links: &links,
            pictures: &no_pictures,
            ..ctx
        };
        note_images += w.images;
        for (i, (id, start)) in w.note_starts.iter().enumerate() {
            let end = w.note_starts.get(i + 1).map_or(w.blocks.len(), |n| n.1);
            let md = emit::markdown(&w.blocks[*start..end], &note_ctx);
            notes.insert((kind, id.clone()), md);
        }
    }
    let (markdown, notes_left_out) =
        emit::with_notes(&emit::markdown(&walked.blocks, &ctx), &notes);
    Ok(Word {
        markdown,
        tracked_changes: walked.tracked_changes,
        comments: walked.comments || has_comments,
        images: (walked.images + note_images).saturating_sub(carried.count + walked.text_boxes),
        pictures: carried.pictures,
        widths: carried.widths,
        without_alt: carried.without_alt,
        notes: notes_left_out,
    })
}

/// The pictures that come along, and what is known of them.
#[derive(Default)]
struct Carried {
    /// A picture's relationship id and width → its address.
    urls: emit::PictureUrls,
    /// The images by address, in order, each image part once.
    pictures: Vec<(String, Image)>,
    /// The width set in Word, in points, by address.
    widths: BTreeMap<String, f64>,
    /// Pictures in the text that come along, and of them those without alt text.
    count: usize,
    without_alt: usize,
}

/// Reads the image parts the pictures of `blocks` name (`image_parts`: relationship id →
/// target), each part once; those the report can show get addresses under `name`.
fn carry(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    blocks: &[body::Block],
    image_parts: &parts::Links,
    name: &str,
) -> Result<Carried, WordError> {
    let mut out = Carried::default();
    // Part → its image (`None`: not one the report can show), each part read once.
    let mut by_part: BTreeMap<String, Option<Image>> = BTreeMap::new();
    // (Part, width set in Word) → its address: a picture used at two sizes is two images, so
    // that each is shown at its own.
    let mut addresses: BTreeMap<(String, Option<u64>), String> = BTreeMap::new();
    let mut total = 0u64;
    // In the order they stand: a table's row by row, cell by cell.
    let pictures = blocks.iter().flat_map(|b| -> Vec<&body::Picture> {
        match b {
            body::Block::Picture(p) => vec![p],
            body::Block::Table(rows) => rows
                .iter()
                .flatten()
                .flatten()
                .flat_map(|para| &para.pictures)
                .collect(),
            body::Block::Para(_) | body::Block::TextBox(_) => Vec::new(),
        }
    });
    for pic in pictures {
        let Some(part) = image_parts.get(&pic.rel).map(|t| part_name(t)) else {
            continue;
        };
        if !by_part.contains_key(&part) {
            let mut image = None;
            if let Some(bytes) = bytes_of(zip, &part)? {
                total += bytes.len() as u64;
                if !within_limits(bytes.len() as u64, total) {
                    return Err(WordError::PicturesTooLarge);
                }
                image = ImageKind::sniff(&bytes).map(|kind| Image { bytes, kind });
            }
            by_part.insert(part.clone(), image);
        }
        let Some(Some(image)) = by_part.get(&part) else {
            continue;
        };
        let url = addresses
            .entry((part, pic.width))
            .or_insert_with(|| {
                let n = out.pictures.len() + 1;
                let url = format!("{}/bild{n}.{}", address(name), image.kind.extension());
                out.pictures.push((url.clone(), image.clone()));
                if let Some(emu) = pic.width {
                    out.widths.insert(url.clone(), emu as f64 / EMU_PER_POINT);
                }
                url
            })
            .clone();
        out.urls.insert((pic.rel.clone(), pic.width), url);
        out.count += 1;
        if pic.alt.trim().is_empty() {
            out.without_alt += 1;
        }
    }
    Ok(out)
}

/// The package part a relationship of `word/document.xml` targets: relative to `word/`, or
/// from the package root when it starts with `/`.
fn part_name(target: &str) -> String {
    let mut parts: Vec<&str> = match target.strip_prefix('/') {
        Some(_) => Vec::new(),
        None => vec!["word"],
    };
    for piece in target.split('/').filter(|p| !p.is_empty() && *p != ".") {
        if piece == ".." {
            parts.pop();
        } else {
            parts.push(piece);
        }
    }
    parts.join("/")
}

/// A file name as a Markdown link address: every byte but letters, digits and `.-_` escaped.
fn address(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The text of the package part `name`, if present; a broken entry or text that is not UTF-8
/// means a damaged file.
fn part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Option<String>, WordError> {
    bytes_of(zip, name)?
        .map(|bytes| String::from_utf8(bytes).map_err(|_| WordError::Damaged))
        .transpose()
}

/// At most this much of a part is read, so a zip bomb cannot exhaust memory.
const PART_MAX: u64 = 64 * 1024 * 1024;
/// The pictures of one file together may be at most this large.
const PICTURES_MAX: u64 = 200 * 1024 * 1024;

/// Whether a picture of `len` bytes, after which the file's pictures come to `total`, may
/// come along: a part cut at [`PART_MAX`] is too large.
fn within_limits(len: u64, total: u64) -> bool {
    len < PART_MAX && total <= PICTURES_MAX
}

/// The bytes of the package part `name`, if present, at most [`PART_MAX`]; a broken entry
/// means a damaged file.
fn bytes_of(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<Vec<u8>>, WordError> {
    let file = match zip.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        // An encrypted or unsupported entry: the document cannot be read.
        Err(_) => return Err(WordError::Damaged),
    };
    let mut bytes = Vec::new();
    file.take(PART_MAX)
        .read_to_end(&mut bytes)
        .map_err(|_| WordError::Damaged)?;
    Ok(Some(bytes))
}
