//! The report as a Word document (`.docx`), rendered from the same comrak tree as the HTML:
//! built-in heading styles, a pre-filled TOC field, real Word tables with SEQ captions and
//! REF cross-references, charts as print-resolution PNG with their text alternative, page
//! numbers in the footer and the document properties. With the municipality's template
//! ([`template`]) its styles, page setup, header, footer, theme and fonts apply.
//!
//! Written directly as WordprocessingML over `zip` (see the README's developer part for why
//! neither docx-rs nor rdocx): the markup lives in [`ooxml`] and [`parts`].

mod blocks;
mod fonts;
mod front;
mod image;
mod inline;
mod metrics;
pub mod ooxml;
mod parts;
mod table;
pub mod template;

use std::collections::BTreeMap;
use std::io::Write as _;

use anyhow::Result;
use comrak::nodes::AstNode;
use zip::write::SimpleFileOptions;

use self::ooxml::Rel;
use self::template::Template;
use super::document::{Document, Image, ImageKind};

/// The state of one rendering: the style ids in use, the relationships and media the body
/// adds, and the counters of bookmarks, drawings, lists and charts.
pub struct Ctx<'d> {
    doc: &'d Document,
    /// Style ids by style name, from the template or our defaults.
    styles: BTreeMap<String, String>,
    rels: Vec<Rel>,
    media: Vec<(String, Vec<u8>)>,
    ordered_lists: Vec<usize>,
    bookmarks: usize,
    drawings: usize,
    charts: usize,
    fonts: &'d image::Fonts,
    /// The charts of `doc.figures` as PNG, drawn beforehand in parallel.
    rasters: Vec<Option<image::Raster>>,
    /// The font of the table text, when its widths are known.
    table_font: Option<fonts::Known>,
    /// The width of the text on the page, in twentieths of a point: tables fill it, and no
    /// picture is wider.
    text_width: usize,
    /// The width, in twentieths of a point, a picture may take where the text now stands: a
    /// table cell's, inside one; else (`None`) the text's.
    room: Option<usize>,
    /// The footnotes written so far (`<w:footnote>` elements of the footnotes part), and each
    /// note's id by its name in the Markdown.
    footnotes: Vec<String>,
    note_ids: BTreeMap<String, usize>,
    /// The id of the first note: after the template's own.
    first_note: usize,
    /// Whether a footnote's text is being written: its links and pictures would need
    /// relationships of the footnotes part, so they stand as text.
    in_note: bool,
}

impl<'d> Ctx<'d> {
    /// The id of the style named `name` (a Word built-in name such as "heading 1").
    pub fn style(&self, name: &str) -> &str {
        self.styles
            .get(&name.to_lowercase())
            .map_or("Normal", String::as_str)
    }

    fn accent(&self) -> String {
        let c = self.doc.meta.colours.accent.trim_start_matches('#');
        if c.len() == 6 && c.chars().all(|c| c.is_ascii_hexdigit()) {
            c.to_ascii_uppercase()
        } else {
            "E8EEF5".into()
        }
    }

    /// The text width in EMU, the unit of a picture's size.
    pub fn text_emu(&self) -> u64 {
        self.text_width as u64 * ooxml::EMU_PER_TWIP
    }

    /// The widest a picture may be where the text now stands, in EMU: the table cell's width
    /// inside one, else the text's.
    pub fn room_emu(&self) -> u64 {
        self.room
            .map_or(self.text_emu(), |w| w as u64 * ooxml::EMU_PER_TWIP)
    }

    fn next_bookmark(&mut self) -> usize {
        self.bookmarks += 1;
        self.bookmarks
    }

    fn rel(&mut self, kind: &str, target: String, external: bool) -> String {
        let id = format!("rIdK{}", self.rels.len() + 1);
        self.rels.push(Rel {
            id: id.clone(),
            kind: kind.into(),
            target,
            external,
        });
        id
    }

    /// Adds an image part and returns its relationship id and drawing id.
    fn add_image(&mut self, bytes: Vec<u8>, ext: &str) -> (String, usize) {
        let name = format!("media/kvalitet{}.{ext}", self.media.len() + 1);
        let rid = self.rel("image", name.clone(), false);
        self.media.push((format!("word/{name}"), bytes));
        self.drawings += 1;
        (rid, self.drawings)
    }

    fn new_ordered_list(&mut self) -> usize {
        let id = 9100 + self.ordered_lists.len();
        self.ordered_lists.push(id);
        id
    }
}

/// The document as `.docx` bytes, in the template's look when `doc.assets` holds one.
pub fn document<'a>(doc: &Document, root: &'a AstNode<'a>) -> Result<Vec<u8>> {
    let template = match &doc.assets.word_template {
        Some(t) => Some(Template::parse(&t.bytes).map_err(|e| anyhow::anyhow!("{}: {e}", t.name))?),
        None => None,
    };
    let fonts = image::Fonts::new(&doc.assets.fonts);
    let mut styles: BTreeMap<String, String> = parts::STYLES
        .iter()
        .map(|s| (s.name.to_lowercase(), s.id.to_string()))
        .collect();
    if let Some(t) = &template {
        for (name, id) in &t.style_ids {
            if styles.contains_key(name) {
                styles.insert(name.clone(), id.clone());
            }
        }
    }
    let mut ctx = Ctx {
        doc,
        styles,
        rels: Vec::new(),
        media: Vec::new(),
        ordered_lists: Vec::new(),
        bookmarks: 0,
        drawings: 0,
        charts: 0,
        fonts: &fonts,
        rasters: image::charts(&doc.figures, &fonts),
        table_font: match &template {
            Some(t) => fonts::of_template(t)
                .as_deref()
                .and_then(fonts::Known::named),
            None => fonts::Known::named(parts::FONT),
        },
        text_width: template
            .as_ref()
            .and_then(Template::text_width)
            .unwrap_or(parts::TEXT_WIDTH),
        room: None,
        footnotes: Vec::new(),
        note_ids: BTreeMap::new(),
        first_note: template
            .as_ref()
            .and_then(Template::footnotes)
            .map_or(1, |f| parts::first_note_id(&f)),
        in_note: false,
    };
    let body = blocks::body(&mut ctx, root);
    let notes = ctx.footnotes.concat();
    let meta = &doc.meta;
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let footer_left = [meta.organisation.as_str(), meta.title.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" · ");
    let (section, (mut overrides, defaults)) = match &template {
        Some(t) => {
            let section = match t.section() {
                Some(s) if t.has_footer() => s,
                other => {
                    let rid = ctx.rel("footer", "footer_kvalitet.xml".into(), false);
                    files.insert(
                        "word/footer_kvalitet.xml".into(),
                        parts::footer(&footer_left, ctx.style("footer")).into_bytes(),
                    );
                    match other {
                        Some(s) => template::with_footer(&s, &rid),
                        None => parts::section(&rid),
                    }
                }
            };
            for (name, bytes) in t.kept_parts() {
                files.insert(name.clone(), bytes.clone());
            }
            files.insert(
                "word/styles.xml".into(),
                t.styles_with(&missing_styles(t, &doc.meta.colours))
                    .into_bytes(),
            );
            files.insert(
                "word/settings.xml".into(),
                parts::with_update_fields(&t.settings()).into_bytes(),
            );
            files.insert(
                "word/numbering.xml".into(),
                t.numbering_with(&parts::abstract_nums(), &parts::nums(&ctx.ordered_lists))
                    .into_bytes(),
            );
            if !notes.is_empty() {
                let part = t
                    .footnotes()
                    .and_then(|f| parts::footnotes_with(&f, &notes));
                if part.is_none() {
                    let _ = ctx.rel("footnotes", "footnotes.xml".into(), false);
                }
                files.insert(
                    "word/footnotes.xml".into(),
                    part.unwrap_or_else(|| parts::footnotes(&notes))
                        .into_bytes(),
                );
            }
            (
                section,
                (t.content_types.clone(), t.content_defaults.clone()),
            )
        }
        None => {
            let rid = ctx.rel("footer", "footer1.xml".into(), false);
            files.insert(
                "word/footer1.xml".into(),
                parts::footer(&footer_left, ctx.style("footer")).into_bytes(),
            );
            files.insert(
                "word/styles.xml".into(),
                parts::styles(&meta.colours).into_bytes(),
            );
            files.insert(
                "word/settings.xml".into(),
                parts::settings(!notes.is_empty()).into_bytes(),
            );
            if !notes.is_empty() {
                let _ = ctx.rel("footnotes", "footnotes.xml".into(), false);
                files.insert(
                    "word/footnotes.xml".into(),
                    parts::footnotes(&notes).into_bytes(),
                );
            }
            files.insert(
                "word/numbering.xml".into(),
                parts::numbering(&ctx.ordered_lists).into_bytes(),
            );
            (parts::section(&rid), Default::default())
        }
    };
    for kind in ["styles", "settings", "numbering"] {
        let _ = ctx.rel(kind, format!("{kind}.xml"), false);
    }
    let mut doc_rels = template.as_ref().map(|t| t.kept_rels()).unwrap_or_default();
    doc_rels.extend(ctx.rels.iter().cloned());
    let document = format!(
        "{}<w:document {}><w:body>{body}{section}</w:body></w:document>",
        ooxml::XML_HEAD,
        ooxml::NS
    );
    files.insert("word/document.xml".into(), document.into_bytes());
    files.insert(
        "word/_rels/document.xml.rels".into(),
        ooxml::rels(&doc_rels).into_bytes(),
    );
    for (name, bytes) in std::mem::take(&mut ctx.media) {
        files.insert(name, bytes);
    }
    let subject = [meta.namnd.as_str(), meta.forvaltning.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    files.insert(
        "docProps/core.xml".into(),
        ooxml::core(&meta.title, &meta.organisation, &subject, meta.year).into_bytes(),
    );
    files.insert(
        "docProps/app.xml".into(),
        ooxml::app(&meta.organisation).into_bytes(),
    );
    files.insert("_rels/.rels".into(), ooxml::package_rels().into_bytes());
    // The main part is a document even when the template was a .dotx.
    overrides.remove("word/document.xml");
    let names: Vec<String> = files.keys().cloned().collect();
    files.insert(
        "[Content_Types].xml".into(),
        ooxml::content_types(&names, &overrides, &defaults).into_bytes(),
    );
    zip_package(files)
}

/// Our styles that the template does not define (by name), to add to its own.
fn missing_styles(t: &Template, colours: &super::document::Colours) -> String {
    parts::STYLES
        .iter()
        .filter(|s| !t.style_ids.contains_key(&s.name.to_lowercase()))
        .map(|s| parts::style_xml(s, colours))
        .collect()
}

/// The package, `[Content_Types].xml` first as Word expects.
fn zip_package(mut files: BTreeMap<String, Vec<u8>>) -> Result<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    // Pictures are compressed already.
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let first = files.remove("[Content_Types].xml");
    for (name, bytes) in first
        .map(|b| ("[Content_Types].xml".to_string(), b))
        .into_iter()
        .chain(files)
    {
        let media = name.starts_with("word/media/");
        zip.start_file(name, if media { stored } else { opts })?;
        zip.write_all(&bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}

/// The pixel size of a PNG or JPEG, read from its header.
pub fn image_size(img: &Image) -> Option<(u32, u32)> {
    image::size(&img.bytes, img.kind)
}

/// The file extension of an image kind inside the package.
fn extension(kind: ImageKind) -> &'static str {
    match kind {
        ImageKind::Png | ImageKind::Svg => "png",
        ImageKind::Jpeg => "jpeg",
    }
}

#[cfg(test)]
mod tests;
