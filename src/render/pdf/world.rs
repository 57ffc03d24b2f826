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
