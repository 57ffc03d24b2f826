//! The data folder's texts and the template folder, read once at the pipeline's edge so that
//! render gets strings only: `text/` as Markdown or Word (converted by [`super::word`]), each
//! file a template source under its own name (`text/avvikelser.docx`); files that are no known
//! section are own sections; `text/verksamheter/` holds the verksamheter's texts.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow, bail};

use super::word;
use crate::base::UsageError;
use crate::base::format::count;
use crate::base::names;
use crate::render::document::Image;
use crate::render::narrative::{self, FOLDER, SECTIONS, UNITS_FOLDER};
use crate::render::templates::DEFAULTS;
use crate::settings::SectionSettings;
use crate::text::{fold, suggest};

/// Texts read from `text/`: template sources, notices to show (what a Word file lost), and
/// the pictures of Word files by the address their Markdown gives them.
#[derive(Debug, Default, PartialEq)]
pub struct Texts {
    pub sources: Vec<(String, String)>,
    pub notices: Vec<String>,
    pub pictures: Pictures,
}

/// The pictures the Word texts brought, by the address their Markdown gives them, and the
/// widths set for them in Word, in points.
#[derive(Debug, Default, PartialEq)]
pub struct Pictures {
    pub images: BTreeMap<String, Image>,
    pub widths: BTreeMap<String, f64>,
}

/// The template sources to use: the defaults, with any file of the same relative name in
/// `dir` replacing its default. A file in `dir` that replaces nothing is an error (a typo in
/// a file name must not be silently ignored).
pub fn template_sources(dir: Option<&Path>) -> Result<Vec<(String, String)>> {
    let mut out: Vec<(String, String)> = DEFAULTS
        .iter()
        .map(|(n, s)| (n.to_string(), s.to_string()))
        .collect();
    let Some(dir) = dir else { return Ok(out) };
    if !dir.is_dir() {
        return Err(UsageError(format!("mallmappen {} finns inte", dir.display())).into());
    }
    for path in walk(dir)? {
        let rel = path
            .strip_prefix(dir)
            .expect("walked below dir")
            .to_string_lossy()
            .replace('\\', "/");
        match out.iter_mut().find(|(n, _)| *n == rel) {
            Some(slot) => {
                slot.1 = std::fs::read_to_string(&path).map_err(|e| {
                    anyhow!(
                        "mallen {rel} kan inte läsas: {}",
                        crate::ingest::io_reason(&e)
                    )
                })?;
            }
            None => {
                let hint = suggest(&rel, DEFAULTS.iter().map(|(n, _)| *n))
                    .map(|s| format!("; menade du \"{s}\"?"))
                    .unwrap_or_default();
                bail!(
                    "mallen {rel} i {} ersätter ingen standardmall{hint}",
                    dir.display()
                );
            }
        }
    }
    Ok(out)
}

fn walk(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d)? {
            let path = entry?.path();
            if hidden(&path) {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Hidden files, editor backups and Office lock files are not texts.
fn hidden(path: &Path) -> bool {
    let image = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| narrative::IMAGE_FILES.contains(&e.to_ascii_lowercase().as_str()));
    image
        || path
            .file_name()
            .and_then(|n| n.to_str())
            .is_none_or(|f| f.starts_with('.') || f.starts_with("~$") || f.ends_with('~'))
}

/// The files of `dir`, sorted, without hidden ones, folders and images (what the texts show).
fn files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| {
            anyhow!(
                "kan inte läsa mappen {}: {}",
                names::path(dir),
                crate::ingest::io_reason(&e)
            )
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| !hidden(p) && !p.is_dir())
        .collect();
    out.sort();
    Ok(out)
}

/// Whether `stem` is so close to a known section's name that it is likely a typo of it.
fn near_section(stem: &str) -> Option<&'static str> {
    let folded = fold(stem);
    SECTIONS
        .iter()
        .map(|s| s.name)
        .find(|n| strsim::normalized_damerau_levenshtein(&folded, &fold(n)) >= 0.8)
}

/// Reads `dir` (the data folder's `text/`). A missing folder means no text. A `.md` must be
/// UTF-8; a `.docx` becomes Markdown. A file that is neither, a `.md` and a `.docx` for the
/// same section, or a name that looks like a misspelt section (unless `settings.egna` lists
/// it or it starts with a number) is an error naming the file.
pub fn load(dir: &Path, settings: &SectionSettings) -> Result<Texts> {
    let mut texts = Texts::default();
    if !dir.is_dir() {
        check_listed(settings, &[])?;
        return Ok(texts);
    }
    let mut found: Vec<(PathBuf, String, String)> = Vec::new();
    for path in files(dir)? {
        let shown = format!("{FOLDER}/{}", crate::ingest::display_name(&path));
        let file = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let (stem, ext) = file.rsplit_once('.').unwrap_or((file, ""));
        if !matches!(ext.to_lowercase().as_str(), "md" | "docx") {
            let hint = suggest(stem, SECTIONS.iter().map(|s| s.name))
                .map(|s| format!("; menade du \"{s}.md\"?"))
                .unwrap_or_default();
            return Err(UsageError(format!(
                "{shown}: bara Markdown (.md) och Word (.docx) läses som text{hint}"
            ))
            .into());
        }
        if let Some((_, other, _)) = found.iter().find(|(_, _, s)| s == stem) {
            return Err(UsageError(format!(
                "{other} och {shown} är texter till samma avsnitt; ta bort den ena"
            ))
            .into());
        }
        let own = narrative::find(stem).is_none();
        let listed = settings
            .egna
            .iter()
            .any(|n| n == stem || n == narrative::own_name(stem));
        if own
            && !listed
            && narrative::number_prefix(stem).is_none()
            && let Some(near) = near_section(stem)
        {
            return Err(UsageError(format!(
                "{shown}: filen hör inte till något avsnitt; menade du \"{near}.{ext}\"? \
                 (ett eget avsnitt får ett nummer först i filnamnet, till exempel 12-{stem}.{ext})"
            ))
            .into());
        }
        found.push((path.clone(), shown, stem.to_string()));
    }
    let stems: Vec<&str> = found.iter().map(|(_, _, s)| s.as_str()).collect();
    check_listed(settings, &stems)?;
    for (path, shown, _) in &found {
        texts.read(path, shown)?;
    }
    let units = dir.join(UNITS_FOLDER);
    if units.is_dir() {
        for path in files(&units)? {
            let shown = format!(
                "{FOLDER}/{UNITS_FOLDER}/{}",
                crate::ingest::display_name(&path)
            );
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            if !matches!(ext.to_lowercase().as_str(), "md" | "docx") {
                return Err(UsageError(format!(
                    "{shown}: bara Markdown (.md) och Word (.docx) läses som text"
                ))
                .into());
            }
            texts.read(&path, &shown)?;
        }
    }
    Ok(texts)
}

/// Every name in `[avsnitt] egna` must be a file of `text/` (`stems`): a typo must not
/// silently leave the order to chance.
fn check_listed(settings: &SectionSettings, stems: &[&str]) -> Result<()> {
    for name in &settings.egna {
        if !stems
            .iter()
            .any(|s| s == name || narrative::own_name(s) == name)
        {
            let hint = suggest(name, stems.iter().map(|s| narrative::own_name(s)))
                .map(|s| format!("; menade du \"{s}\"?"))
                .unwrap_or_default();
            return Err(UsageError(format!(
                "kvalitet.toml: [avsnitt] egna nämner \"{name}\", men {FOLDER}/ har ingen sådan fil{hint}"
            ))
            .into());
        }
    }
    Ok(())
}

impl Texts {
    /// Reads one text file as the source `shown`, a Word file converted with its notices.
    fn read(&mut self, path: &Path, shown: &str) -> Result<()> {
        let bytes = std::fs::read(path)
            .map_err(|e| anyhow!("{shown}: kan inte läsas: {}", crate::ingest::io_reason(&e)))?;
        let is_word = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("docx"));
        let source = if is_word {
            let name = shown.strip_prefix(&format!("{FOLDER}/")).unwrap_or(shown);
            let w = word::to_markdown(&bytes, name)
                .map_err(|e| UsageError(format!("{shown}: {}", e.reason())))?;
            self.notices.extend(word_notices(shown, &w));
            self.pictures.images.extend(w.pictures);
            self.pictures.widths.extend(w.widths);
            w.markdown
        } else {
            let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
            String::from_utf8(bytes.to_vec())
                .map_err(|_| {
                    anyhow!(
                        "{shown}: filen är inte sparad som UTF-8; spara den som UTF-8 i din textredigerare"
                    )
                })?
                .replace("\r\n", "\n")
        };
        no_identity_number(&source, shown)?;
        self.sources.push((shown.to_string(), source));
        Ok(())
    }
}

/// Stops at a text that holds what looks like a personnummer or samordningsnummer (valid date
/// and check digit): the berättelse goes to the nämnd and is often published, and a number
/// typed into a chef's text must not go with it. Names the file and line, never the number.
/// An e-mail address or phone number is no stop: officials' contact details belong in a report.
fn no_identity_number(source: &str, shown: &str) -> Result<()> {
    use crate::base::personal_data::{PersonalData, detect};
    for (i, line) in source.lines().enumerate() {
        if let Some(kind @ (PersonalData::Personnummer | PersonalData::Samordningsnummer)) =
            detect(line)
        {
            return Err(UsageError(format!(
                "{shown} rad {}: texten innehåller något som ser ut som {}; berättelsen ska inte \
                 innehålla personuppgifter, så ta bort det (är det inget {}, skriv siffrorna med \
                 mellanslag emellan)",
                i + 1,
                kind.name(),
                kind.name().trim_start_matches("ett ")
            ))
            .into());
        }
    }
    Ok(())
}

/// What a Word file lost on the way, or lacks, in notices to show.
fn word_notices(shown: &str, w: &word::Word) -> Vec<String> {
    let mut out = Vec::new();
    if w.tracked_changes {
        out.push(format!(
            "varning: {shown} har spårade ändringar som inte är godkända; texten tas med \
             som den var före ändringarna (godkänn eller avvisa dem i Word)"
        ));
    }
    if w.comments {
        out.push(format!("obs: {shown}: kommentarerna tas inte med"));
    }
    if w.notes > 0 {
        let notes = count(w.notes, "fotnot", "fotnoter");
        out.push(format!(
            "obs: {shown}: {notes} tas inte med eftersom texten saknas i filen; skriv det som \
             behövs i själva texten"
        ));
    }
    if w.images > 0 {
        let n = w.images;
        out.push(format!(
            "obs: {shown}: {} tas inte med (diagram, former, inbäddade objekt och bilder \
             i andra format än PNG, JPEG och SVG); klistra in {} som bild i något av de formaten",
            count(n, "bild eller ritobjekt", "bilder eller ritobjekt"),
            if n == 1 { "den" } else { "dem" },
        ));
    }
    if w.without_alt > 0 {
        out.push(format!(
            "varning: {shown}: {} saknar alternativtext, som den som inte ser bilden får \
             läsa; skriv den i Word under Alternativtext (högerklicka på bilden)",
            count(w.without_alt, "bild", "bilder")
        ));
    }
    out
}

/// Adds the data folder's texts to the template `sources` and checks the `[avsnitt]` settings:
/// what every command that renders a report (or checks that it can) does first. Returns the
/// notices to show and the Word files' pictures.
pub fn add_texts(
    sources: &mut Vec<(String, String)>,
    data: &crate::model::DataPlan,
) -> Result<Added> {
    let texts = load(&data.dir.join(FOLDER), &data.settings.avsnitt)?;
    sources.extend(texts.sources);
    narrative::check_settings(&data.settings.avsnitt)?;
    Ok(Added {
        notices: texts.notices,
        pictures: texts.pictures,
    })
}

/// What [`add_texts`] gives besides the sources.
#[derive(Debug, Default)]
pub struct Added {
    /// What a Word file lost or lacks, to show before the work.
    pub notices: Vec<String>,
    /// The Word files' pictures.
    pub pictures: Pictures,
}

#[cfg(test)]
#[path = "texts_tests.rs"]
mod tests;
