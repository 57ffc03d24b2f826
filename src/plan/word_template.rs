//! What the Word document needs from disk, read before any work: the municipality's template
//! (`mall.docx` or `mall.dotx` in the data folder, or `[rapport] wordmall` in kvalitet.toml),
//! checked so that a damaged, encrypted or non-Word file is a Swedish error naming it, and the
//! sans-serif font files the charts are drawn with.

use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow};

use crate::model::DataPlan;
use crate::render::docx::template::Template;
use crate::render::{Assets, Format, WordTemplate};

/// The template's names in the data folder, in the order they are looked for.
pub const TEMPLATE_NAMES: &[&str] = &["mall.docx", "mall.dotx"];

/// Regular and bold sans-serif fonts, by the places systems keep them (Debian, Windows, macOS).
const FONT_FILES: &[&str] = &[
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf",
    "/usr/share/fonts/liberation-sans/LiberationSans-Regular.ttf",
    "/usr/share/fonts/liberation-sans/LiberationSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "C:\\Windows\\Fonts\\arial.ttf",
    "C:\\Windows\\Fonts\\arialbd.ttf",
    "/System/Library/Fonts/Supplemental/Arial.ttf",
    "/System/Library/Fonts/Supplemental/Arial Bold.ttf",
    "/Library/Fonts/Arial.ttf",
];

/// The assets of the DOCX when `formats` asks for it (else none).
pub fn assets(data: &DataPlan, formats: &[Format]) -> Result<Assets> {
    if !formats.contains(&Format::Docx) {
        return Ok(Assets::default());
    }
    let word_template = match template_path(&data.dir, data.settings.rapport.wordmall.as_deref())? {
        Some(path) => Some(read_template(&path)?),
        None => None,
    };
    let mut found = fonts(FONT_FILES.iter().map(PathBuf::from));
    if found.is_empty() {
        // No sans on the machine: the charts use the font the PDF is set in, built into the
        // program, so their labels never go missing.
        found = crate::render::pdf::bundled_fonts();
    }
    Ok(Assets {
        word_template,
        fonts: found,
        ..Assets::default()
    })
}

/// The template to use: the setting's file (which must exist), else one of
/// [`TEMPLATE_NAMES`] in the data folder (two of them is an error), else none.
pub fn template_path(dir: &Path, setting: Option<&str>) -> Result<Option<PathBuf>> {
    if let Some(name) = setting {
        let path = dir.join(name);
        if !path.is_file() {
            return Err(anyhow!(
                "Word-mallen {} finns inte (kvalitet.toml, [rapport] wordmall)",
                path.display()
            ));
        }
        return Ok(Some(path));
    }
    let found: Vec<PathBuf> = TEMPLATE_NAMES
        .iter()
        .map(|n| dir.join(n))
        .filter(|p| p.is_file())
        .collect();
    match found.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(one.clone())),
        _ => Err(anyhow!(
            "både {} och {} finns i datamappen: ta bort den ena, eller ange mallen med wordmall under [rapport] i kvalitet.toml",
            TEMPLATE_NAMES[0],
            TEMPLATE_NAMES[1]
        )),
    }
}

/// Reads and checks the template at `path`.
pub fn read_template(path: &Path) -> Result<WordTemplate> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| {
        anyhow!(
            "Word-mallen {name} kan inte läsas: {}",
            crate::ingest::io_reason(&e)
        )
    })?;
    Template::parse(&bytes)
        .map_err(|why| anyhow!("Word-mallen {name} går inte att använda: {why}"))?;
    Ok(WordTemplate { name, bytes })
}

/// The font files among `paths` that exist, read whole.
pub fn fonts(paths: impl Iterator<Item = PathBuf>) -> Vec<Vec<u8>> {
    paths.filter_map(|p| std::fs::read(p).ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_template_names_are_an_error_and_a_missing_setting_names_the_file() {
        let dir = tempfile::tempdir().unwrap();
        assert!(template_path(dir.path(), None).unwrap().is_none());
        std::fs::write(dir.path().join("mall.dotx"), b"x").unwrap();
        assert_eq!(
            template_path(dir.path(), None).unwrap(),
            Some(dir.path().join("mall.dotx"))
        );
        std::fs::write(dir.path().join("mall.docx"), b"x").unwrap();
        let err = template_path(dir.path(), None).unwrap_err().to_string();
        assert!(err.starts_with("både mall.docx och mall.dotx"), "{err}");
        let err = template_path(dir.path(), Some("kommun.dotx"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("kommun.dotx finns inte"), "{err}");
    }

    #[test]
    fn a_file_that_is_not_word_is_refused_with_its_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mall.docx");
        std::fs::write(&path, b"%PDF-1.7").unwrap();
        let err = read_template(&path).unwrap_err().to_string();
        assert!(
            err.contains("mall.docx går inte att använda: filen är ingen Word-fil"),
            "{err}"
        );
    }
}
