//! The controller's own text: the Markdown files of the data folder's `text/` (one per
//! section), rendered with the report's figures and table keys, their headings fitted under
//! the section's, raw HTML turned into plain text, and placed where the templates say.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Result, anyhow};
use comrak::nodes::NodeValue;
use comrak::{Arena, format_commonmark, parse_document};
use serde::Serialize;
use tera::{Context, Tera};

use super::markdown::{comrak_options, plain_text};
use super::templates;
use crate::base::UsageError;
use crate::settings::{EmptySections, SectionSettings};
use crate::text::suggest;

/// The canonical folder of the text files, inside the data folder.
pub const FOLDER: &str = "text";
/// Template names of the neutral default texts: `standardtext/<section>.md`.
pub const DEFAULT_PREFIX: &str = "standardtext/";

/// Image files that may lie beside the texts in `text/` (`check` says which formats reach the
/// report).
const IMAGE_FILES: &[&str] = &[
    "png", "jpg", "jpeg", "svg", "gif", "bmp", "tif", "tiff", "webp",
];

/// One section of the report that the controller can write text for.
#[derive(Debug)]
pub struct Section {
    /// File stem in `text/` and the key in templates (`text.<name>`).
    pub name: &'static str,
    /// The heading used unless the text file starts with its own `# Rubrik`.
    pub heading: &'static str,
    /// The heading level of the section in the default templates (2 or 3).
    pub level: u8,
    /// Whether the section is only the controller's text (no figures of its own): then it gets
    /// a neutral default text when the file is missing or empty, or is left out.
    pub text_only: bool,
    /// What to write, shown as a comment in the file `kvalitet init` creates.
    pub guidance: &'static str,
}

const fn section(
    name: &'static str,
    heading: &'static str,
    level: u8,
    text_only: bool,
    guidance: &'static str,
) -> Section {
    Section {
        name,
        heading,
        level,
        text_only,
        guidance,
    }
}

/// Every section, in the order of the default report.
pub const SECTIONS: &[Section] = &[
    section(
        "sammanfattning",
        "Sammanfattning",
        2,
        true,
        "De viktigaste slutsatserna om året: vad gick bra, vad behöver förbättras och vad nämnden \
         bör känna till. Skriv kort; detaljerna finns i avsnitten och i bilagan.",
    ),
    section(
        "inledning",
        "Syfte och grund",
        2,
        false,
        "Texten läggs efter den genererade inledningen om kvalitetsberättelsens syfte. Beskriv \
         gärna verksamhetens uppdrag och vilka verksamheter berättelsen omfattar.",
    ),
    section(
        "ledningssystem",
        "Ledningssystem för systematiskt kvalitetsarbete",
        2,
        true,
        "Hur ledningssystemet är uppbyggt (SOSFS 2011:9): processer, rutiner, ansvarsfördelning \
         och hur det har följts upp under året.",
    ),
    section(
        "rapporter",
        "Inkomna rapporter",
        3,
        false,
        "Analys av antalet inkomna rapporter och hur det har förändrats.",
    ),
    section(
        "avvikelser",
        "Avvikelser",
        3,
        false,
        "Analys av avvikelserna: mönster, enheter som sticker ut och vad som har gjorts.",
    ),
    section(
        "lex_sarah",
        "Lex Sarah",
        3,
        false,
        "Analys av rapporterna enligt lex Sarah, utredningarna och anmälningarna till IVO. \
         Skriv aldrig något som kan peka ut en enskild person.",
    ),
    section(
        "orsaker",
        "Bakomliggande orsaker och åtgärder",
        3,
        false,
        "Vilka orsaker som återkommer och vilka åtgärder som har gett effekt.",
    ),
    section(
        "handlaggning",
        "Handläggningstid",
        3,
        false,
        "Kommentar till handläggningstiderna och rapporterna som inte var avslutade vid årets slut.",
    ),
    section(
        "klagomal",
        "Klagomål och synpunkter",
        3,
        false,
        "Vad klagomålen och synpunkterna har handlat om och hur de har tagits om hand.",
    ),
    section(
        "personuppgiftsincidenter",
        "Personuppgiftsincidenter",
        3,
        false,
        "Vilka slags incidenter som har inträffat och vilka åtgärder som har vidtagits.",
    ),
    section(
        "egenkontroll",
        "Risker, egenkontroll och åtgärder",
        3,
        true,
        "Riskanalyser, egenkontroller och granskningar under året, vad de visade och vilka \
         åtgärder de ledde till.",
    ),
    section(
        "samverkan",
        "Samverkan och delaktighet",
        3,
        true,
        "Samverkan med andra verksamheter och huvudmän, och hur brukare, närstående och \
         medarbetare har varit delaktiga i kvalitetsarbetet.",
    ),
    section(
        "brukarundersokning",
        "Brukarundersökningar",
        2,
        false,
        "Analys av brukarundersökningarnas resultat och vad de leder till.",
    ),
    section(
        "indikatorer",
        "Nyckeltal och statistik",
        2,
        false,
        "Kommentar till nyckeltalen och den egna statistiken.",
    ),
    section(
        "bedomning",
        "Sammanfattande bedömning",
        2,
        true,
        "Nämndens bedömning av verksamhetens kvalitet utifrån redovisningen.",
    ),
    section(
        "fortsatt_arbete",
        "Fortsatt arbete och förbättringsområden",
        2,
        true,
        "Förbättringsområden och prioriteringar inför kommande år.",
    ),
];

pub fn find(name: &str) -> Option<&'static Section> {
    SECTIONS.iter().find(|s| s.name == name)
}

/// The file name of a section's text, relative to the data folder.
pub fn file_name(section: &Section) -> String {
    format!("{FOLDER}/{}.md", section.name)
}

/// Reads the text files of `dir` (the data folder's `text/`) as template sources named
/// `text/<section>.md`. A missing folder means no text. A file that is no section's, or is not
/// Markdown in UTF-8, is an error naming the file (a typo must not silently drop a text).
pub fn load(dir: &Path) -> Result<Vec<(String, String)>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| {
            anyhow!(
                "kan inte läsa mappen {}: {}",
                crate::base::names::path(dir),
                crate::ingest::io_reason(&e)
            )
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    let mut out = Vec::new();
    for path in entries {
        let Some(file) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        // Hidden files, editor backups and Office lock files are not texts, and images are
        // what the texts show.
        let image = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| IMAGE_FILES.contains(&e.to_ascii_lowercase().as_str()));
        if file.starts_with('.')
            || file.starts_with("~$")
            || file.ends_with('~')
            || path.is_dir()
            || image
        {
            continue;
        }
        let stem = file.strip_suffix(".md");
        let Some(section) = stem.and_then(find) else {
            let shown = format!("{FOLDER}/{}", crate::ingest::display_name(&path));
            let wanted = stem.unwrap_or(file.split('.').next().unwrap_or(file));
            let hint = suggest(wanted, SECTIONS.iter().map(|s| s.name))
                .map(|s| format!("; menade du \"{s}.md\"?"))
                .unwrap_or_else(|| {
                    " (kvalitet hjälp text listar avsnittens filnamn, och kvalitet init skapar filerna)".to_string()
                });
            let why = if stem.is_none() {
                "bara Markdown-filer (.md) läses som text"
            } else {
                "filen hör inte till något avsnitt"
            };
            return Err(UsageError(format!("{shown}: {why}{hint}")).into());
        };
        let bytes = std::fs::read(&path).map_err(|e| {
            anyhow!(
                "{}: kan inte läsas: {}",
                file_name(section),
                crate::ingest::io_reason(&e)
            )
        })?;
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        let source = String::from_utf8(bytes.to_vec()).map_err(|_| {
            anyhow!(
                "{}: filen är inte sparad som UTF-8; spara den som UTF-8 i din textredigerare",
                file_name(section)
            )
        })?;
        out.push((file_name(section), source.replace("\r\n", "\n")));
    }
    Ok(out)
}

/// Adds the data folder's texts to the template `sources` and checks the `[avsnitt]` settings:
/// what every command that renders a report (or checks that it can) does first.
pub fn add_texts(sources: &mut Vec<(String, String)>, data: &crate::model::DataPlan) -> Result<()> {
    sources.extend(load(&data.dir.join(FOLDER))?);
    check_settings(&data.settings.avsnitt)
}

/// Checks the `[avsnitt]` settings against the known sections.
pub fn check_settings(settings: &SectionSettings) -> Result<()> {
    for name in &settings.utelamna {
        if find(name).is_none() {
            let hint = suggest(name, SECTIONS.iter().map(|s| s.name))
                .map(|s| format!("; menade du \"{s}\"?"))
                .unwrap_or_default();
            return Err(UsageError(format!(
                "kvalitet.toml: [avsnitt] utelamna nämner \"{name}\", som inte är något avsnitt{hint}"
            ))
            .into());
        }
    }
    Ok(())
}

/// A section as templates see it (`text.<name>`); absent when the section is left out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionText {
    /// The heading: the text file's own `# Rubrik`, else the default.
    pub rubrik: String,
    /// The controller's text (or the neutral default), Markdown, possibly empty.
    pub brodtext: String,
}

/// Renders every section's text with `ctx` and returns what templates get as `text`.
pub fn sections(
    tera: &Tera,
    ctx: &Context,
    sources: &[(String, String)],
    settings: &SectionSettings,
) -> Result<BTreeMap<&'static str, SectionText>> {
    let mut out = BTreeMap::new();
    for s in SECTIONS {
        if settings.utelamna.iter().any(|n| n == s.name) {
            continue;
        }
        let own = file_name(s);
        let fallback = format!("{DEFAULT_PREFIX}{}.md", s.name);
        let mut text = render_text(tera, &own, ctx, sources, s)?;
        if text.as_ref().is_none_or(|t| t.brodtext.is_empty()) && s.text_only {
            if settings.tomma == EmptySections::Utelamna {
                continue;
            }
            let default = render_text(tera, &fallback, ctx, sources, s)?;
            text = match (text, default) {
                // The controller's own heading stays even when the body is the default.
                (Some(own), Some(d)) => Some(SectionText {
                    brodtext: d.brodtext,
                    ..own
                }),
                (own, d) => d.or(own),
            };
        }
        let text = text.unwrap_or_else(|| SectionText {
            rubrik: s.heading.to_string(),
            brodtext: String::new(),
        });
        out.insert(s.name, text);
    }
    Ok(out)
}

fn render_text(
    tera: &Tera,
    name: &str,
    ctx: &Context,
    sources: &[(String, String)],
    section: &Section,
) -> Result<Option<SectionText>> {
    if !sources.iter().any(|(n, _)| n == name) {
        return Ok(None);
    }
    let md = templates::render(tera, name, ctx, sources)?;
    Ok(Some(fit(&md, section)))
}

/// Splits off a leading `# Rubrik` as the section's heading, moves the remaining headings
/// below the section's level (keeping their relative order, at most level 6), and turns raw
/// HTML into plain text so user text cannot add markup the report does not allow.
pub fn fit(md: &str, section: &Section) -> SectionText {
    let options = comrak_options();
    let arena = Arena::new();
    let root = parse_document(&arena, md, &options);
    let mut rubrik = None;
    if let Some(first) = root.first_child() {
        let is_title = matches!(&first.data().value, NodeValue::Heading(h) if h.level == 1);
        if is_title {
            rubrik = Some(plain_text(first).trim().to_string());
            first.detach();
        }
    }
    let min = root
        .descendants()
        .filter_map(|n| match &n.data().value {
            NodeValue::Heading(h) => Some(h.level),
            _ => None,
        })
        .min();
    for node in root.descendants() {
        let mut data = node.data_mut();
        match &mut data.value {
            NodeValue::Heading(h) => {
                let shifted = h.level - min.unwrap_or(h.level) + section.level + 1;
                h.level = shifted.min(6);
                h.setext = false;
            }
            NodeValue::HtmlInline(raw) => {
                let raw = std::mem::take(raw);
                data.value = NodeValue::Text(raw.into());
            }
            NodeValue::HtmlBlock(block) => {
                let raw = std::mem::take(&mut block.literal);
                data.value = NodeValue::Paragraph;
                drop(data);
                let text = arena.alloc(comrak::nodes::AstNode::from(NodeValue::Text(
                    raw.trim_end().to_string().into(),
                )));
                node.append(text);
            }
            _ => {}
        }
    }
    let mut body = String::new();
    format_commonmark(root, &options, &mut body).expect("writing to a String cannot fail");
    SectionText {
        rubrik: rubrik
            .filter(|r| !r.trim().is_empty())
            .unwrap_or_else(|| section.heading.to_string()),
        brodtext: body.trim().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sec(level: u8) -> Section {
        section("x", "Standardrubrik", level, true, "")
    }

    #[test]
    fn a_leading_title_becomes_the_heading_and_subheadings_move_below_the_section() {
        let t = fit(
            "# Egen rubrik\n\nText.\n\n# Del ett\n\n## Del två\n",
            &sec(3),
        );
        assert_eq!(t.rubrik, "Egen rubrik");
        assert_eq!(t.brodtext, "Text.\n\n#### Del ett\n\n##### Del två");
    }

    #[test]
    fn without_a_title_the_default_heading_is_used_and_levels_are_capped() {
        let t = fit("Text.\n\n### A\n\n###### B\n", &sec(3));
        assert_eq!(t.rubrik, "Standardrubrik");
        assert_eq!(t.brodtext, "Text.\n\n#### A\n\n###### B");
    }

    #[test]
    fn raw_html_becomes_visible_text() {
        let t = fit(
            "Hej <script>alert(1)</script> du.\n\n<div onclick=\"x\">\nblock\n</div>\n",
            &sec(2),
        );
        let html = comrak::markdown_to_html(&t.brodtext, &comrak_options());
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<div"), "{html}");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
        assert!(html.contains("&lt;div onclick"), "{html}");
    }

    #[test]
    fn an_empty_or_comment_only_file_has_an_empty_body() {
        assert_eq!(fit("\n\n", &sec(2)).brodtext, "");
        assert_eq!(fit("# Bara rubrik\n", &sec(2)).rubrik, "Bara rubrik");
    }

    #[test]
    fn section_names_are_unique_and_file_safe() {
        for (i, s) in SECTIONS.iter().enumerate() {
            assert!(
                s.name.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{}",
                s.name
            );
            assert!(SECTIONS[..i].iter().all(|o| o.name != s.name));
            assert!(matches!(s.level, 2 | 3));
        }
    }

    #[test]
    fn unknown_files_in_the_text_folder_are_errors_with_a_suggestion() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("avvikelse.md"), "x").unwrap();
        let err = load(dir.path()).unwrap_err().to_string();
        assert_eq!(
            err,
            "text/avvikelse.md: filen hör inte till något avsnitt; menade du \"avvikelser.md\"?"
        );
        std::fs::remove_file(dir.path().join("avvikelse.md")).unwrap();
        std::fs::write(dir.path().join("klagomal.docx"), "x").unwrap();
        let err = load(dir.path()).unwrap_err().to_string();
        assert_eq!(
            err,
            "text/klagomal.docx: bara Markdown-filer (.md) läses som text; menade du \"klagomal.md\"?"
        );
    }

    #[test]
    fn texts_are_read_without_bom_and_crlf_and_hidden_files_are_skipped() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("klagomal.md"),
            b"\xEF\xBB\xBFRad 1\r\nRad 2\r\n",
        )
        .unwrap();
        std::fs::write(dir.path().join(".DS_Store"), b"\0\0").unwrap();
        std::fs::write(dir.path().join("~$klagomal.md"), b"\0").unwrap();
        let texts = load(dir.path()).unwrap();
        assert_eq!(
            texts,
            vec![("text/klagomal.md".to_string(), "Rad 1\nRad 2\n".to_string())]
        );
    }

    #[test]
    fn text_that_is_not_utf8_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("samverkan.md"), b"Sj\xe4lvklart").unwrap();
        let err = load(dir.path()).unwrap_err().to_string();
        assert!(
            err.starts_with("text/samverkan.md: filen är inte sparad som UTF-8"),
            "{err}"
        );
    }
}
