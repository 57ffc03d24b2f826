//! Chapters beyond the known sections: the controller's own sections (text files in `text/`
//! that are no known section), ordered by `[avsnitt] egna`, then by number prefix and name;
//! and the verksamheter's sections, each rendered with the figures of its own rows.

use anyhow::Result;
use serde::Serialize;
use tera::{Context, Tera};

use super::narrative::{self, FOLDER, SectionText, UNITS_FOLDER};
use super::{templates, view};
use crate::base::UsageError;
use crate::compute::{Report, UnitReport};
use crate::settings::{SectionSettings, Settings};
use crate::text::{fold, suggest};

/// The heading an own section gets from its file name when the file has none:
/// `12-ej-verkstallda-beslut` → "Ej verkstallda beslut".
pub fn heading_from_name(stem: &str) -> String {
    let words = narrative::own_name(stem).replace(['-', '_'], " ");
    let words = words.trim();
    let mut chars = words.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => stem.to_string(),
    }
}

/// The own sections' stems in report order.
pub fn own_order<'a>(sources: &'a [(String, String)], settings: &SectionSettings) -> Vec<&'a str> {
    let mut stems: Vec<&str> = sources
        .iter()
        .filter_map(|(n, _)| narrative::text_stem(n))
        .filter(|s| narrative::find(s).is_none())
        .collect();
    let listed = |stem: &str| {
        settings
            .egna
            .iter()
            .position(|n| n == stem || n == narrative::own_name(stem))
    };
    stems.sort_by_key(|s| {
        (
            listed(s).unwrap_or(usize::MAX),
            narrative::number_prefix(s).unwrap_or(u32::MAX),
            narrative::own_name(s).to_string(),
        )
    });
    stems
}

/// Renders the own sections' texts with `ctx`: each a level-2 chapter, in order.
pub fn own_sections(
    tera: &Tera,
    ctx: &Context,
    sources: &[(String, String)],
    settings: &SectionSettings,
) -> Result<Vec<SectionText>> {
    let mut out = Vec::new();
    for stem in own_order(sources, settings) {
        let name = narrative::source_of(sources, stem).expect("the stem came from a source");
        let md = narrative::render_source(tera, name, ctx, sources)?;
        out.push(narrative::fit_with(&md, &heading_from_name(stem), 2, true));
    }
    Ok(out)
}

/// What the verksamhet template sees as `verksamhet`.
#[derive(Debug, Serialize)]
struct UnitView<'a> {
    namn: &'a str,
    rubrik: String,
    brodtext: String,
    /// The enheter and förvaltningar covered, as a phrase.
    omfattar: String,
}

/// The text source of verksamhet `name`: `text/verksamheter/<name>.md` (or `.docx`), the file
/// name compared folded.
pub fn unit_source<'a>(sources: &'a [(String, String)], name: &str) -> Option<&'a str> {
    let prefix = format!("{FOLDER}/{UNITS_FOLDER}/");
    sources.iter().map(|(n, _)| n.as_str()).find(|n| {
        n.strip_prefix(&prefix).is_some_and(|file| {
            let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
            fold(stem) == fold(name)
        })
    })
}

/// Renders each verksamhet's section (`avsnitt/verksamhet.md`) with its own report's context
/// (so `f`, `del` and the rest describe the verksamhet), `html` as in the calling pass.
pub fn units(
    tera: &Tera,
    report: &Report,
    settings: &Settings,
    sources: &[(String, String)],
    html: bool,
) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for unit in &report.verksamheter {
        out.push(unit_section(tera, report, unit, settings, sources, html)?);
    }
    Ok(out)
}

fn unit_section(
    tera: &Tera,
    whole: &Report,
    unit: &UnitReport,
    settings: &Settings,
    sources: &[(String, String)],
    html: bool,
) -> Result<String> {
    let mut ctx = view::context(&unit.report, settings);
    ctx.insert("html", &html);
    let rule = settings.verksamhet.iter().find(|v| v.namn == unit.namn);
    let survey = match rule.and_then(|r| r.undersokning.as_deref()) {
        Some(area) => Some(named(
            &whole.surveys,
            |s| &s.namn,
            area,
            &unit.namn,
            "undersokning",
            "inget område i brukarundersökningen",
        )?),
        None => None,
    };
    ctx.insert("enkat", &survey);
    let kpis = match rule.and_then(|r| r.nyckeltal.as_deref()) {
        Some(title) => Some(named(
            &whole.indicators.tabeller,
            |t| &t.titel,
            title,
            &unit.namn,
            "nyckeltal",
            "ingen nyckeltalstabell i rapporten",
        )?),
        None => None,
    };
    ctx.insert("nyckeltal", &kpis);
    let text = match unit_source(sources, &unit.namn) {
        Some(name) => {
            let md = narrative::render_source(tera, name, &ctx, sources)?;
            narrative::fit_with(&md, &unit.namn, 2, true)
        }
        None => SectionText {
            rubrik: unit.namn.clone(),
            brodtext: String::new(),
        },
    };
    let omfattar = super::phrases::and_list(&unit.omfattar);
    ctx.insert(
        "verksamhet",
        &UnitView {
            namn: &unit.namn,
            rubrik: text.rubrik,
            brodtext: text.brodtext,
            omfattar,
        },
    );
    templates::render(tera, "avsnitt/verksamhet.md", &ctx, sources)
}

/// The item of `items` whose name (by `name`) is `wanted`, compared folded; else an error
/// naming the verksamhet's setting `key`, saying what it is not (`what`).
fn named<'a, T>(
    items: &'a [T],
    name: impl Fn(&T) -> &String,
    wanted: &str,
    unit: &str,
    key: &str,
    what: &str,
) -> Result<&'a T> {
    items
        .iter()
        .find(|i| fold(name(i)) == fold(wanted))
        .ok_or_else(|| {
            let hint = suggest(wanted, items.iter().map(|i| name(i).as_str()))
                .map(|s| format!("; menade du \"{s}\"?"))
                .unwrap_or_default();
            UsageError(format!(
                "kvalitet.toml: [[verksamhet]] \"{unit}\": {key} = \"{wanted}\" är {what}{hint}"
            ))
            .into()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(names: &[&str]) -> Vec<(String, String)> {
        names
            .iter()
            .map(|n| (n.to_string(), String::new()))
            .collect()
    }

    #[test]
    fn own_sections_follow_the_settings_list_then_numbers_then_names() {
        let sources = src(&[
            "rapport.md",
            "text/avvikelser.md",
            "text/tillsyn.docx",
            "text/12-ej-verkstallda-beslut.docx",
            "text/3-lex-maria.md",
            "text/annat.md",
            "text/verksamheter/Hemtjänst.md",
        ]);
        let mut settings = SectionSettings::default();
        assert_eq!(
            own_order(&sources, &settings),
            [
                "3-lex-maria",
                "12-ej-verkstallda-beslut",
                "annat",
                "tillsyn"
            ]
        );
        settings.egna = vec!["tillsyn".into(), "ej-verkstallda-beslut".into()];
        assert_eq!(
            own_order(&sources, &settings),
            [
                "tillsyn",
                "12-ej-verkstallda-beslut",
                "3-lex-maria",
                "annat"
            ]
        );
    }

    #[test]
    fn a_heading_from_the_file_name_drops_the_number_and_dashes() {
        assert_eq!(
            heading_from_name("12-ej-verkstallda-beslut"),
            "Ej verkstallda beslut"
        );
        assert_eq!(
            heading_from_name("äldreomsorg_i_siffror"),
            "Äldreomsorg i siffror"
        );
    }

    #[test]
    fn a_verksamhet_finds_its_text_by_folded_name() {
        let sources = src(&["text/verksamheter/hemtjanst-norr.docx", "text/hemtjanst.md"]);
        assert_eq!(
            unit_source(&sources, "Hemtjänst Norr"),
            Some("text/verksamheter/hemtjanst-norr.docx")
        );
        assert_eq!(unit_source(&sources, "Hemtjänst"), None);
    }
}
