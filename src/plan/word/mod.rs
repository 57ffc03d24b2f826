//! A chef's Word text (`text/<avsnitt>.docx`) as the section's Markdown: the package opened
//! (zip + quick-xml), its styles, numbering and links read, the body walked ([`body`]) and
//! written as Markdown ([`emit`]). Pure: bytes in, Markdown and what was left out back.

mod body;
mod emit;
mod parts;

#[cfg(test)]
mod tests;

use std::io::{Cursor, Read};

/// What a Word file gave: its Markdown and what of it did not come along.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Word {
    pub markdown: String,
    /// Pending tracked changes were found (insertions left out, deletions kept).
    pub tracked_changes: bool,
    /// Comments were found (left out).
    pub comments: bool,
    /// Images, drawings and embedded objects left out.
    pub images: usize,
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
        }
    }
}

/// The signature of an OLE compound file (what Word writes for `.doc` and encrypted `.docx`).
const CFB: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Converts the bytes of a `.docx` to Markdown.
pub fn to_markdown(bytes: &[u8]) -> Result<Word, WordError> {
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
    let links = match part(&mut zip, "word/_rels/document.xml.rels")? {
        Some(x) => parts::links(&x)?,
        None => Default::default(),
    };
    let has_comments = zip.index_for_name("word/comments.xml").is_some();
    let walked = body::walk(&document)?;
    let ctx = emit::Ctx {
        styles: &styles,
        numbering: &numbering,
        links: &links,
    };
    Ok(Word {
        markdown: emit::markdown(&walked.blocks, &ctx),
        tracked_changes: walked.tracked_changes,
        comments: walked.comments || has_comments,
        images: walked.images,
    })
}

/// The text of the package part `name`, if present; a broken entry or text that is not UTF-8
/// means a damaged file. Parts are capped, so a zip bomb cannot exhaust memory.
fn part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Option<String>, WordError> {
    const MAX: u64 = 64 * 1024 * 1024;
    let file = match zip.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        // An encrypted or unsupported entry: the document cannot be read.
        Err(_) => return Err(WordError::Damaged),
    };
    let mut text = String::new();
    file.take(MAX)
        .read_to_string(&mut text)
        .map_err(|_| WordError::Damaged)?;
    Ok(Some(text))
}
