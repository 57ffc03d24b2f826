//! The small typst `World` the PDF is typeset in: one generated main file, the images the
//! document carries as virtual files, and the fonts bundled in the binary. Nothing is read
//! from disk and no system font is looked up, so the same input gives the same PDF anywhere.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Feature, Library, LibraryExt, World};

/// The fonts every PDF is set in: DejaVu Sans (Bitstream Vera licence, see
/// `src/render/pdf/fonts/LICENSE-DejaVu.txt`), a sans with every Swedish letter and the symbols the
/// tables use (–, ≥, …).
const FONT_FILES: &[&[u8]] = &[
    include_bytes!("fonts/DejaVuSans.ttf"),
    include_bytes!("fonts/DejaVuSans-Bold.ttf"),
    include_bytes!("fonts/DejaVuSans-Oblique.ttf"),
    include_bytes!("fonts/DejaVuSans-BoldOblique.ttf"),
];

/// The bundled font files, for a renderer that draws text without the system's fonts (the
/// DOCX's charts when the machine has no sans).
pub fn bundled_fonts() -> Vec<Vec<u8>> {
    FONT_FILES.iter().map(|f| f.to_vec()).collect()
}

/// How wide `text` is set in DejaVu Sans, regular or bold, in ems: the glyphs' advances as
/// the embedded fonts give them (without kerning, which only narrows), and 0.7 em for a
/// character the font lacks.
pub fn text_width_em(text: &str, bold: bool) -> f64 {
    static FACES: LazyLock<Vec<ttf_parser::Face<'static>>> = LazyLock::new(|| {
        FONT_FILES[..2]
            .iter()
            .map(|data| ttf_parser::Face::parse(data, 0).expect("the bundled fonts parse"))
            .collect()
    });
    let face = &FACES[usize::from(bold)];
    let per_em = f64::from(face.units_per_em());
    text.chars()
        .map(|c| {
            face.glyph_index(c)
                .and_then(|g| face.glyph_hor_advance(g))
                .map_or(0.7, |units| f64::from(units) / per_em)
        })
        .sum()
}

/// The family name the markup asks for.
pub const FONT_FAMILY: &str = "DejaVu Sans";
/// The family of code (`raw`).
pub const MONO_FAMILY: &str = "DejaVu Sans Mono";

struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

/// Parsed once per process: the standard library (with the accessibility extras, for row
/// header cells) and the fonts.
static SHARED: LazyLock<Shared> = LazyLock::new(|| {
    // Code in the controller's text is set in typst's own DejaVu Sans Mono.
    let mono = typst_assets::fonts()
        .filter(|data| Font::iter(Bytes::new(*data)).any(|f| f.info().family == MONO_FAMILY));
    let fonts: Vec<Font> = FONT_FILES
        .iter()
        .copied()
        .chain(mono)
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .collect();
    let library = Library::builder()
        .with_features([Feature::A11yExtras].into_iter().collect())
        .build();
    Shared {
        library: LazyHash::new(library),
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
    }
});

/// One compilation: the main markup, the virtual files it refers to (by absolute path, e.g.
/// `/diagram/1.svg`) and the date `datetime.today()` gives.
pub struct ReportWorld {
    main: Source,
    files: BTreeMap<String, Bytes>,
    today: Option<Datetime>,
}

/// The id of the virtual file at `path` (absolute, `/…`).
pub fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("generated paths are valid");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

impl ReportWorld {
    pub fn new(markup: String, files: BTreeMap<String, Vec<u8>>, today: Option<Datetime>) -> Self {
        ReportWorld {
            main: Source::new(file_id("/rapport.typ"), markup),
            files: files
                .into_iter()
                .map(|(path, bytes)| (path, Bytes::new(bytes)))
                .collect(),
            today,
        }
    }
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &SHARED.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &SHARED.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotFound(id.vpath().get_with_slash().into()))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        let path = id.vpath().get_with_slash();
        self.files
            .get(path)
            .cloned()
            .ok_or_else(|| FileError::NotFound(path.into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        SHARED.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        self.today
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_measured_in_the_fonts_the_pdf_embeds() {
        // DejaVu Sans: a digit advances 1303 of 2048 units, 1425 in bold.
        let close = |a: f64, b: f64| (a - b).abs() < 1e-9;
        assert!(close(text_width_em("2018", false), 4.0 * 1303.0 / 2048.0));
        assert!(close(text_width_em("2018", true), 4.0 * 1425.0 / 2048.0));
        assert!(text_width_em("Förändring", true) > text_width_em("Förändring", false));
        assert_eq!(text_width_em("", true), 0.0);
    }
}
