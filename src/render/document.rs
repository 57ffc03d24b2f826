//! The one document model every output format renders from: the report's Markdown as the
//! templates' HTML pass wrote it (tables and charts stand as marker paragraphs), parsed once by
//! comrak, with the tables, figures, meta and assets the markers and the cover refer to. Each
//! format (HTML, and DOCX and PDF beside it) walks the same tree, so formats cannot disagree.
//! Holds data only: nothing here reads a file; the edge (`plan`) reads the assets.

use std::collections::BTreeMap;

use comrak::nodes::{AstNode, NodeValue};
use comrak::{Arena, parse_document};

use super::diagram::Pending;
use super::markdown;
use crate::compute::Table;

/// An output format of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
    /// The typeset PDF (`render::pdf`).
    Pdf,
    /// A Word document (`.docx`), in the municipality's template when there is one.
    Docx,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
        }
    }

    /// The name of the report of `year` in this format.
    pub fn file_name(self, year: i32) -> String {
        format!("kvalitetsberattelse-{year}.{}", self.extension())
    }
}

/// The folder beside the Markdown report of `year` that its images are written to.
pub fn media_folder(year: i32) -> String {
    format!("kvalitetsberattelse-{year}-bilder")
}

/// What the cover, the running header and footer and the document properties say. The edge
/// fills it from the settings (`[organisation]`, `[rapport]` and `[dokument]`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Meta {
    /// The title as the municipality writes it ("Kvalitetsberättelse 2022").
    pub title: String,
    /// A line under the title ("Arbete och försörjning"), if any.
    pub subtitle: Option<String>,
    /// The municipality ("Norrviks kommun").
    pub organisation: String,
    /// The committee ("Socialnämnden").
    pub namnd: String,
    /// The administration or staff unit, empty when none.
    pub forvaltning: String,
    /// The year the report covers.
    pub year: i32,
    /// The report's date as the settings give it, if any.
    pub date: Option<String>,
    /// The registration number of the case (*diarienummer*), if any.
    pub diarienummer: Option<String>,
    /// When the committee decided on the report (*beslutsdatum*), if any.
    pub beslutsdatum: Option<String>,
    /// Who wrote the report or answers questions about it, if given.
    pub contact: Option<Contact>,
    /// The municipality's logo, read by the edge.
    pub logo: Option<Image>,
    pub colours: Colours,
}

/// The author or contact on the cover.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Contact {
    pub name: String,
    /// Their title ("Kvalitetsutvecklare"), if given.
    pub title: Option<String>,
    pub email: Option<String>,
}

/// The document's colours as `#rrggbb`.
#[derive(Debug, Clone, PartialEq)]
pub struct Colours {
    /// Headings, rules and the cover.
    pub primary: String,
    /// Table header fills and other quiet accents.
    pub accent: String,
}

impl Default for Colours {
    fn default() -> Self {
        Colours {
            primary: "#0b4f8a".into(),
            accent: "#e8eef5".into(),
        }
    }
}

/// The language of every document kvalitet writes.
pub const LANGUAGE: &str = "sv";

/// An image the edge read for the document.
#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    pub bytes: Vec<u8>,
    pub kind: ImageKind,
}

/// The image formats every renderer can place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageKind {
    Png,
    Jpeg,
    Svg,
}

impl ImageKind {
    /// The format of `bytes` by their signature (an SVG by its `<svg` element near the start);
    /// none for anything else.
    pub fn sniff(bytes: &[u8]) -> Option<ImageKind> {
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            return Some(ImageKind::Png);
        }
        if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            return Some(ImageKind::Jpeg);
        }
        let head = &bytes[..bytes.len().min(4096)];
        let text = String::from_utf8_lossy(head);
        let text = text.trim_start_matches('\u{feff}').trim_start();
        (text.starts_with('<') && text.contains("<svg")).then_some(ImageKind::Svg)
    }

    pub fn mime(self) -> &'static str {
        match self {
            ImageKind::Png => "image/png",
            ImageKind::Jpeg => "image/jpeg",
            ImageKind::Svg => "image/svg+xml",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ImageKind::Png => "png",
            ImageKind::Jpeg => "jpg",
            ImageKind::Svg => "svg",
        }
    }
}

/// The pixel size of a PNG or JPEG from its header.
pub fn pixel_size(bytes: &[u8], kind: ImageKind) -> Option<(u32, u32)> {
    match kind {
        ImageKind::Png => {
            if bytes.len() < 24 || &bytes[..8] != b"\x89PNG\r\n\x1a\n" {
                return None;
            }
            let w = u32::from_be_bytes(bytes[16..20].try_into().ok()?);
            let h = u32::from_be_bytes(bytes[20..24].try_into().ok()?);
            Some((w, h))
        }
        ImageKind::Jpeg => jpeg_size(bytes),
        ImageKind::Svg => None,
    }
}

fn jpeg_size(b: &[u8]) -> Option<(u32, u32)> {
    if b.get(..2)? != [0xFF, 0xD8] {
        return None;
    }
    let mut i = 2;
    while i + 9 < b.len() {
        if b[i] != 0xFF {
            return None;
        }
        let marker = b[i + 1];
        let len = u16::from_be_bytes([b[i + 2], b[i + 3]]) as usize;
        // Start of frame: every SOFn but DHT (C4), JPG (C8) and DAC (CC).
        if (0xC0..=0xCF).contains(&marker) && ![0xC4, 0xC8, 0xCC].contains(&marker) {
            let h = u16::from_be_bytes([b[i + 5], b[i + 6]]) as u32;
            let w = u16::from_be_bytes([b[i + 7], b[i + 8]]) as u32;
            return Some((w, h));
        }
        i += 2 + len;
    }
    None
}

/// A drawing's own width in points (its `width`, else its `viewBox`, in CSS pixels), as the
/// SVG library reads it; `None` when it cannot be read.
pub fn svg_width(bytes: &[u8]) -> Option<f64> {
    let tree = resvg::usvg::Tree::from_data(bytes, &resvg::usvg::Options::default()).ok()?;
    Some(f64::from(tree.size().width()) * 0.75)
}

/// English Metric Units (Office's unit of length) in a point.
pub const EMU_PER_POINT: f64 = 12_700.0;

impl Assets {
    /// The key an image of the text at `url` is kept under: the URL with its `%XX` escapes
    /// decoded, so that `<karta ny.png>` and `karta%20ny.png` (as the templates' pass writes
    /// the first back) name the same image.
    pub fn key(url: &str) -> String {
        markdown::percent_decode(url)
    }

    /// The image of the text at `url`, however its URL is escaped.
    pub fn image(&self, url: &str) -> Option<&Image> {
        self.images.get(&Self::key(url))
    }

    /// The width, in points, the image `img` of the text (at `url`) is shown at, before the
    /// text's width caps it: as given where it came from, else its pixels at 96 dpi; `None` for
    /// a drawing (SVG) given no width.
    pub fn width(&self, url: &str, img: &Image) -> Option<f64> {
        self.widths
            .get(&Self::key(url))
            .copied()
            .or_else(|| pixel_size(&img.bytes, img.kind).map(|(w, _)| w as f64 * 0.75))
    }

    /// The width, in points, given to the image at `url` where it came from (a picture of a
    /// chef's Word text), however its URL is escaped.
    pub fn given_width(&self, url: &str) -> Option<f64> {
        self.widths.get(&Self::key(url)).copied()
    }

    /// The width, in points, the image `img` (at `url`) is shown at in a table cell, before
    /// the cell's width caps it: [`Assets::width`], and for a drawing given no width its own
    /// size (its `width`, else its `viewBox`, in CSS pixels), since a table cell has no width
    /// of its own for a drawing to fill.
    pub fn cell_width(&self, url: &str, img: &Image) -> Option<f64> {
        self.width(url, img).or_else(|| match img.kind {
            ImageKind::Svg => svg_width(&img.bytes),
            _ => None,
        })
    }
}

/// The files the edge read for rendering, so that rendering itself reads none.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Assets {
    /// Images of the controller's own text, by the path written in the text, decoded
    /// ([`Assets::key`]); look them up with [`Assets::image`].
    pub images: BTreeMap<String, Image>,
    /// The width, in points, an image of `images` was given where it came from (a picture of a
    /// chef's Word text: the size set in Word); the others are as wide as their pixels at 96 dpi.
    /// Never wider than the text.
    pub widths: BTreeMap<String, f64>,
    /// The logo of `[dokument] logotyp`; rendering moves it into `Meta.logo`.
    pub logo: Option<Image>,
    /// The municipality's Word template for the DOCX, as the edge read (and checked) it.
    pub word_template: Option<WordTemplate>,
    /// Font files the DOCX's charts are drawn with (the edge reads a sans family).
    pub fonts: Vec<Vec<u8>>,
}

/// A Word file (`.docx` or `.dotx`) whose styles, page setup, header and footer the DOCX takes.
#[derive(Debug, Clone, PartialEq)]
pub struct WordTemplate {
    /// The file's name as the user knows it (for error messages).
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The whole document: plain Markdown for the `.md` file, the marker Markdown every other
/// format is rendered from, and what the markers stand for.
#[derive(Debug, Clone)]
pub struct Document {
    pub meta: Meta,
    /// The report as plain Markdown (tables as GFM tables): the `.md` output.
    pub markdown: String,
    /// The report's Markdown from the HTML pass: a table or a chart is a paragraph holding
    /// only its marker (`[[tabell:KEY]]`, `[[diagram:K]]`).
    pub body: String,
    pub tables: Vec<Table>,
    /// The charts in the order of their markers: `[[diagram:K]]` is `figures[K - 1]`.
    pub figures: Vec<Pending>,
    pub assets: Assets,
}

/// What a marker paragraph stands for.
#[derive(Debug, Clone, Copy)]
pub enum Block<'d> {
    Table(&'d Table),
    /// A chart; renderers number charts in the order they place them.
    Figure(&'d Pending),
}

impl Document {
    /// The body parsed with the options every format shares. Parse once per run and hand the
    /// root to each renderer.
    pub fn parse<'a>(&self, arena: &'a Arena<'a>) -> &'a AstNode<'a> {
        parse_document(arena, &self.body, &markdown::comrak_options())
    }

    /// The table or chart a paragraph stands for, when it holds only a marker.
    pub fn block<'a>(&self, node: &'a AstNode<'a>) -> Option<Block<'_>> {
        if !matches!(node.data().value, NodeValue::Paragraph) {
            return None;
        }
        let text = markdown::plain_text(node);
        let inner = text.trim().strip_prefix("[[")?.strip_suffix("]]")?;
        if let Some(key) = inner.strip_prefix("tabell:") {
            return self.tables.iter().find(|t| t.key == key).map(Block::Table);
        }
        let k: usize = inner.strip_prefix("diagram:")?.parse().ok()?;
        self.figures.get(k.checked_sub(1)?).map(Block::Figure)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compute::{Row, Value};

    fn doc(body: &str) -> Document {
        let mut t = Table::new("per_typ", "Per typ", "Typ").column("2022");
        t.number = 1;
        t.rows.push(Row::new("A", vec![Value::count(3)]));
        Document {
            meta: Meta::default(),
            markdown: String::new(),
            body: body.into(),
            tables: vec![t],
            figures: vec![crate::render::diagram::one_bar("Diagram", 1)],
            assets: Assets::default(),
        }
    }

    #[test]
    fn images_are_known_by_their_signature_not_their_name() {
        assert_eq!(
            ImageKind::sniff(b"\x89PNG\r\n\x1a\n...."),
            Some(ImageKind::Png)
        );
        assert_eq!(
            ImageKind::sniff(&[0xFF, 0xD8, 0xFF, 0xE0]),
            Some(ImageKind::Jpeg)
        );
        assert_eq!(
            ImageKind::sniff(
                b"\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>"
            ),
            Some(ImageKind::Svg)
        );
        assert_eq!(ImageKind::sniff(b"PK\x03\x04 en docx"), None);
        assert_eq!(
            ImageKind::sniff(b"Det h\xc3\xa4r \xc3\xa4r text om <svg>"),
            None
        );
        assert_eq!(ImageKind::sniff(b""), None);
    }

    #[test]
    fn marker_paragraphs_stand_for_their_table_or_chart_and_nothing_else_does() {
        let d = doc(
            "Text [[tabell:per_typ]] i löptext.\n\n[[tabell:per_typ]]\n\n[[diagram:1]]\n\n[[diagram:2]]\n\n[[tabell:okand]]\n",
        );
        let arena = Arena::new();
        let root = d.parse(&arena);
        let found: Vec<String> = root
            .children()
            .map(|n| match d.block(n) {
                Some(Block::Table(t)) => format!("tabell {}", t.number),
                Some(Block::Figure(f)) => format!("diagram {}", f.chart.title),
                None => "-".into(),
            })
            .collect();
        assert_eq!(found, ["-", "tabell 1", "diagram Diagram", "-", "-"]);
    }
}
