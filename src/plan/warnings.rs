//! What `check` warns about in the data folder before a report is written: the settings'
//! default organisation name, a workbook open in Excel or LibreOffice (its lock file lies
//! beside it), own text without the summarising assessment, and images in own text that will not reach the output. Reads file names only, and the
//! texts the plan already loaded; never a cell.

use std::collections::BTreeMap;
use std::path::Path;

use super::assets::images;
use crate::base::Loc;
use crate::diagnostics::{Findings, Severity};
use crate::model::DataPlan;
use crate::render::document::{Assets, Image};
use crate::render::narrative::FOLDER;
use crate::settings::Organisation;

/// The image formats every output format can place.
pub const IMAGE_EXTENSIONS: &[&str] = &["png", "jpg", "jpeg", "svg"];

/// Every warning about the folder `data` and the loaded `sources` (templates and texts);
/// `read` are the images already read for the texts (a Word file's pictures among them).
pub fn folder_warnings(
    data: &DataPlan,
    sources: &[(String, String)],
    read: &BTreeMap<String, Image>,
) -> Findings {
    let mut out = Findings::default();
    default_name(data, &mut out);
    lock_files(&data.dir, &mut out);
    texts(data, sources, read, &mut out);
    out
}

/// Only a folder with its own `kvalitet.toml` is one the organisation publishes from; a bare
/// folder of data is checked for its data alone.
fn default_name(data: &DataPlan, out: &mut Findings) {
    let configured = data.dir.join("kvalitet.toml").is_file();
    if configured && data.settings.organisation.namn == Organisation::default().namn {
        out.push(
            "standardnamn",
            Severity::Warning,
            Loc::file("kvalitet.toml"),
            format!(
                "organisationens namn är inte angivet, så berättelsen säger \"{}\"; skriv \
                 till exempel namn = \"Norrviks kommun\" under [organisation]",
                Organisation::default().namn
            ),
        );
    }
}

/// The workbook a lock file stands for: Excel's `~$rapporter.xlsx` (Excel may drop the first
/// letters of a long name) or LibreOffice's `.~lock.rapporter.xlsx#`.
fn locked_name(lock: &str) -> Option<&str> {
    lock.strip_prefix("~$").or_else(|| {
        lock.strip_prefix(".~lock.")
            .and_then(|rest| rest.strip_suffix('#'))
    })
}

fn lock_files(dir: &Path, out: &mut Findings) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut names: Vec<String> = entries
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    names.sort();
    for lock in &names {
        let Some(stem) = locked_name(lock).filter(|s| !s.is_empty()) else {
            continue;
        };
        let Some(book) = names
            .iter()
            .find(|n| *n != lock && locked_name(n).is_none() && n.ends_with(stem))
        else {
            continue;
        };
        out.push(
            "öppen-arbetsbok",
            Severity::Warning,
            Loc::file(book.clone()),
            format!(
                "arbetsboken är öppen (låsfilen {lock} ligger bredvid); det som inte är \
                 sparat kommer inte med. Spara och stäng den innan berättelsen skrivs"
            ),
        );
    }
}

/// Whether a text file has no body: nothing but Tera comments, a `# Rubrik` and blank lines.
fn is_empty_text(source: &str) -> bool {
    let mut rest = source;
    let mut body = String::new();
    while let Some(start) = rest.find("{#") {
        body.push_str(&rest[..start]);
        rest = rest[start..]
            .find("#}")
            .map_or("", |end| &rest[start + end + 2..]);
    }
    body.push_str(rest);
    body.lines()
        .map(str::trim)
        .all(|l| l.is_empty() || (l.starts_with("# ") && !l.starts_with("##")))
}

fn texts(
    data: &DataPlan,
    sources: &[(String, String)],
    read: &BTreeMap<String, Image>,
    out: &mut Findings,
) {
    let text_of = |name: &str| {
        let file = format!("{FOLDER}/{name}.md");
        sources
            .iter()
            .find(|(n, _)| *n == file)
            .map(|(_, s)| s.as_str())
    };
    let left_out = &data.settings.avsnitt.utelamna;
    // The assessment is missed only where the controller writes text (a `text/` folder).
    let writes_text = data.dir.join(FOLDER).is_dir();
    if writes_text
        && !left_out.iter().any(|n| n == "bedomning")
        && text_of("bedomning").is_none_or(is_empty_text)
    {
        out.push(
            "tom-bedömning",
            Severity::Warning,
            Loc::file(format!("{FOLDER}/bedomning.md")),
            "avsnittet Sammanfattande bedömning har ingen text; nämndens bedömning är \
             berättelsens slutsats och skrivs av förvaltningen"
                .into(),
        );
    }
    for (name, source) in sources.iter().filter(|(n, _)| n.starts_with(FOLDER)) {
        // A Word file's pictures were read with it, and its notices said what they lack.
        let is_word = name.to_lowercase().ends_with(".docx");
        for (url, alt) in images(source) {
            let known = read.contains_key(&Assets::key(&url));
            if known && is_word {
                continue;
            }
            let why = if known {
                None
            } else {
                image_problem(&data.dir, &url)
            };
            let message = match why {
                Some(why) => format!("bilden {url} kommer inte med i berättelsen: {why}"),
                None if alt.trim().is_empty() => format!(
                    "bilden {url} saknar alternativtext, som den som inte ser bilden får läsa; \
                     skriv den inom hakparenteserna: ![Vad bilden visar]({url})"
                ),
                None => continue,
            };
            out.push("bild", Severity::Warning, Loc::file(name.clone()), message);
        }
    }
}

/// Why an image will not reach the output, or `None` when it will: it must be a PNG, JPEG or
/// SVG file in the text folder or the data folder (nothing is fetched from the web).
fn image_problem(dir: &Path, url: &str) -> Option<String> {
    if url.contains("://") {
        return Some("bilder hämtas inte från webben; lägg bildfilen i mappen text/".into());
    }
    let ext = Path::new(url)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_lowercase)
        .unwrap_or_default();
    if !IMAGE_EXTENSIONS.contains(&ext.as_str()) {
        return Some(format!(
            "formatet {} kan inte tas med; spara bilden som PNG, JPEG eller SVG",
            if ext.is_empty() {
                "utan filändelse".to_string()
            } else {
                format!(".{ext}")
            }
        ));
    }
    let found = [dir.join(FOLDER).join(url), dir.join(url)]
        .iter()
        .any(|p| p.is_file());
    (!found).then(|| "filen finns inte i mappen text/".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_files_name_the_workbook_they_lock() {
        assert_eq!(locked_name("~$rapporter.xlsx"), Some("rapporter.xlsx"));
        assert_eq!(
            locked_name(".~lock.rapporter.xlsx#"),
            Some("rapporter.xlsx")
        );
        assert_eq!(locked_name("rapporter.xlsx"), None);
    }

    #[test]
    fn a_text_of_only_comments_and_a_heading_is_empty() {
        assert!(is_empty_text("{# guide\nmed rader #}\n# Rubrik\n\n"));
        assert!(is_empty_text(""));
        assert!(!is_empty_text("{# guide #}\nNämnden bedömer att …\n"));
        assert!(!is_empty_text("## Del\n"));
    }

    #[test]
    fn images_are_found_in_markdown() {
        assert_eq!(
            images("Text ![Diagram](bild.png) och ![](https://a.se/b.jpg)\n"),
            [
                ("bild.png".to_string(), "Diagram".to_string()),
                ("https://a.se/b.jpg".to_string(), String::new())
            ]
        );
    }

    #[test]
    fn an_image_reaches_the_output_only_as_an_existing_png_jpeg_or_svg() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("text")).unwrap();
        std::fs::write(dir.path().join("text/karta.png"), b"png").unwrap();
        std::fs::write(dir.path().join("text/gammal.gif"), b"gif").unwrap();
        assert_eq!(image_problem(dir.path(), "karta.png"), None);
        assert_eq!(
            image_problem(dir.path(), "saknas.jpg").as_deref(),
            Some("filen finns inte i mappen text/")
        );
        assert_eq!(
            image_problem(dir.path(), "gammal.gif").as_deref(),
            Some("formatet .gif kan inte tas med; spara bilden som PNG, JPEG eller SVG")
        );
        assert!(image_problem(dir.path(), "https://x.se/a.png").is_some());
    }
}
