//! The controller's own text: the Markdown files of the data folder's `text/` (one per
//! section), rendered with the report's figures and table keys, their headings fitted under
//! the section's, raw HTML turned into plain text, and placed where the templates say.

use std::collections::BTreeMap;

use anyhow::Result;
use comrak::nodes::NodeValue;
use comrak::{Arena, format_commonmark, parse_document};
use serde::Serialize;
use tera::{Context, Tera};

use super::markdown::{comrak_options, plain_text, prefix_footnotes};
use super::templates;
use crate::base::UsageError;
use crate::settings::{EmptySections, SectionSettings};
use crate::text::{slug, suggest};

/// The canonical folder of the text files, inside the data folder.
pub const FOLDER: &str = "text";
/// Template names of the neutral default texts: `standardtext/<section>.md`.
pub const DEFAULT_PREFIX: &str = "standardtext/";

/// Image files that may lie beside the texts in `text/` (`check` says which formats reach the
/// report).
pub const IMAGE_FILES: &[&str] = &[
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
        "ej_verkstallda",
        "Ej verkställda beslut",
        3,
        false,
        "Varför besluten inte kunde verkställas i tid och vad som görs för att korta väntetiden. \
         Skriv aldrig något som kan peka ut en enskild person.",
    ),
    section(
        "ivo_tillsyn",
        "IVO:s tillsyn och beslut",
        3,
        false,
        "Vad IVO:s tillsyn visade och hur nämnden har åtgärdat det som IVO påtalade.",
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

/// The folder of the verksamheter's texts, inside `text/`.
pub const UNITS_FOLDER: &str = "verksamheter";

/// The number a file name starts with (`12-ej-verkstallda-beslut` → 12), which orders own
/// sections.
pub fn number_prefix(stem: &str) -> Option<u32> {
    let digits = stem.chars().take_while(char::is_ascii_digit).count();
    let rest = &stem[digits..];
    if digits == 0 || !rest.starts_with(['-', '_', ' ', '.']) {
        return None;
    }
    stem[..digits].parse().ok()
}

/// A file stem without its number prefix.
pub fn own_name(stem: &str) -> &str {
    match number_prefix(stem) {
        Some(_) => stem
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .get(1..)
            .unwrap_or(""),
        None => stem,
    }
}

/// The file stem of a text source `text/<stem>.<ext>` directly in `text/`.
pub fn text_stem(source: &str) -> Option<&str> {
    let file = source.strip_prefix(FOLDER)?.strip_prefix('/')?;
    if file.contains('/') {
        return None;
    }
    Some(file.rsplit_once('.').map_or(file, |(s, _)| s))
}

/// The name of the source holding `stem`'s text (`.md` or `.docx`), if any.
pub fn source_of<'a>(sources: &'a [(String, String)], stem: &str) -> Option<&'a str> {
    sources
        .iter()
        .map(|(n, _)| n.as_str())
        .find(|n| text_stem(n) == Some(stem))
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
        let own = source_of(sources, s.name).unwrap_or_default().to_string();
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
    let md = render_source(tera, name, ctx, sources)?;
    Ok(Some(fit(&md, section)))
}

/// The controller's text `name` rendered with `ctx`, its footnotes named apart from every
/// other text's: each text numbers its notes as it likes (`[^1]`), and in the one report a
/// name means one note. Renamed after rendering, so that an error in the text cites it as
/// written.
pub fn render_source(
    tera: &Tera,
    name: &str,
    ctx: &Context,
    sources: &[(String, String)],
) -> Result<String> {
    let md = templates::render(tera, name, ctx, sources)?;
    Ok(prefix_footnotes(&md, &note_prefix(name, sources)))
}

/// What the footnotes of the text `name` get before their names: its file's name
/// ("avvikelser-" for `text/avvikelser.md`), with a number when an earlier text's name folds
/// alike ("Hemtjänst Öst", "hemtjanst-ost").
pub fn note_prefix(name: &str, sources: &[(String, String)]) -> String {
    let folder = format!("{FOLDER}/");
    let key = |n: &str| {
        let within = n.strip_prefix(&folder).unwrap_or(n);
        slug(within.rsplit_once('.').map_or(within, |(stem, _)| stem))
    };
    let base = key(name);
    let earlier = sources
        .iter()
        .take_while(|(n, _)| n != name)
        .filter(|(n, _)| n.starts_with(&folder) && key(n) == base)
        .count();
    match earlier {
        0 => format!("{base}-"),
        n => format!("{base}-{}-", n + 1),
    }
}

/// [`fit`] for a section known by its default heading and level only.
pub fn fit(md: &str, section: &Section) -> SectionText {
    fit_at(md, section.heading, section.level)
}

/// Splits off a leading `# Rubrik` as the section's heading, moves the remaining headings
/// below the section's level (keeping their relative order, at most level 6), and turns raw
/// HTML into plain text so user text cannot add markup the report does not allow.
pub fn fit_at(md: &str, heading: &str, level: u8) -> SectionText {
    fit_with(md, heading, level, false)
}

/// [`fit_at`]; with `any_title`, a leading heading of any level is the title (an own section
/// takes its heading from the file's first heading).
pub fn fit_with(md: &str, heading: &str, level: u8, any_title: bool) -> SectionText {
    let options = comrak_options();
    let arena = Arena::new();
    let root = parse_document(&arena, md, &options);
    let mut rubrik = None;
    if let Some(first) = root.first_child() {
        let is_title =
            matches!(&first.data().value, NodeValue::Heading(h) if h.level == 1 || any_title);
        if is_title {
            rubrik = Some(plain_text(first).trim().to_string());
            first.detach();
            // A note on the title (which becomes plain text) goes to the end of the first
            // paragraph, so that it is not lost.
            let notes: Vec<_> = first
                .descendants()
                .filter(|n| matches!(n.data().value, NodeValue::FootnoteReference(_)))
                .collect();
            let paragraph = root.descendants().find(|n| {
                matches!(n.data().value, NodeValue::Paragraph)
                    && !n
                        .ancestors()
                        .any(|a| matches!(a.data().value, NodeValue::FootnoteDefinition(_)))
            });
            if let Some(paragraph) = paragraph {
                for note in notes {
                    note.detach();
                    paragraph.append(note);
                }
            }
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
                let shifted = h.level - min.unwrap_or(h.level) + level + 1;
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
    // comrak separates adjacent lists with an HTML comment; a bulleted and a numbered list
    // (what a Word text has) stay apart without it, and raw HTML is not for the report.
    let body = body.replace("\n<!-- end list -->\n", "");
    SectionText {
        rubrik: rubrik
            .filter(|r| !r.trim().is_empty())
            .unwrap_or_else(|| heading.to_string()),
        brodtext: body.trim().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footnotes_of_two_texts_whose_names_fold_alike_stay_apart() {
        let sources: Vec<(String, String)> = [
            "avsnitt/avvikelser.md",
            "text/avvikelser.md",
            "text/verksamheter/Hemtjänst Öst.md",
            "text/verksamheter/hemtjanst-ost.md",
        ]
        .iter()
        .map(|n| (n.to_string(), "A[^1].\n\n[^1]: Not.\n".to_string()))
        .collect();
        let prefixes: Vec<String> = sources[1..]
            .iter()
            .map(|(n, _)| note_prefix(n, &sources))
            .collect();
        assert_eq!(
            prefixes,
            [
                "avvikelser-",
                "verksamheter_hemtjanst_ost-",
                "verksamheter_hemtjanst_ost-2-"
            ]
        );
    }

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
        // A note on the title goes to the end of the first paragraph (not into a note's own).
        let noted = fit(
            "# Rubrik[^a]\n\n[^a]: Noten.\n\n- Punkt\n\nStycke.\n",
            &sec(2),
        );
        assert_eq!(noted.rubrik, "Rubrik");
        assert!(
            noted.brodtext.contains("- Punkt[^a]") && noted.brodtext.contains("Noten."),
            "{}",
            noted.brodtext
        );
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
    fn a_bulleted_list_then_a_numbered_one_stay_apart_without_an_html_comment() {
        let t = fit("- a\n- b\n\n1. c\n", &sec(2));
        assert_eq!(t.brodtext, "- a\n- b\n\n1. c");
    }

    #[test]
    fn number_prefixes_order_own_sections_and_are_not_part_of_the_name() {
        assert_eq!(number_prefix("12-ej-verkstallda-beslut"), Some(12));
        assert_eq!(
            own_name("12-ej-verkstallda-beslut"),
            "ej-verkstallda-beslut"
        );
        assert_eq!(number_prefix("2022_arets"), Some(2022));
        assert_eq!(number_prefix("12a-x"), None);
        assert_eq!(own_name("tillsyn"), "tillsyn");
        assert_eq!(text_stem("text/12-x.docx"), Some("12-x"));
        assert_eq!(text_stem("text/verksamheter/a.md"), None);
        assert_eq!(text_stem("avsnitt/a.md"), None);
    }
}
