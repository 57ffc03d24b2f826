//! Resolving the command line and the data folder into a validated plan before any work:
//! paths, year, formats, settings and templates are all checked here, with Swedish messages.
//! Must not read the registers or compute; a plan is only what the run will do.

pub mod assets;
pub mod kolada;
pub mod texts;
pub mod warnings;
pub mod word;
pub mod word_template;

use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow};

use crate::base::UsageError;
use crate::cli::ReportArgs;
use crate::ingest::{TABLE_EXTENSIONS, find_input};
use crate::model::DataPlan;
use crate::model::register::STEM;
use crate::settings::Settings;
use crate::text::suggest;

pub use crate::render::Format;

/// The validated plan of `kvalitet report`.
#[derive(Debug)]
pub struct ReportPlan {
    pub year: i32,
    pub data: DataPlan,
    pub out: PathBuf,
    pub formats: Vec<Format>,
    pub templates: Vec<(String, String)>,
    /// Notices from reading the texts (what a Word file lost), to show before the work.
    pub notices: Vec<String>,
    /// What rendering needs from disk: the logo, the texts' images, the Word template and the
    /// charts' fonts, read and checked.
    pub assets: crate::render::Assets,
}

pub fn report_plan(args: &ReportArgs) -> Result<ReportPlan> {
    if !(1900..=2100).contains(&args.year) {
        return Err(UsageError(format!(
            "året {} är inte rimligt (ange till exempel 2022)",
            args.year
        ))
        .into());
    }
    let formats = parse_formats(&args.format, "format")?;
    let data = data_plan(&args.data)?;
    let mut templates = texts::template_sources(args.templates.as_deref())?;
    let texts::Added { notices, pictures } = texts::add_texts(&mut templates, &data)?;
    let assets = read_assets(&data, &formats, &templates, pictures)?;
    Ok(ReportPlan {
        year: args.year,
        data,
        out: args.out.clone(),
        formats,
        templates,
        notices,
        assets,
    })
}

/// The report formats named in `items` (`md`, `markdown`, `html`, `htm`, `pdf`, `docx`,
/// `word`), each once, in
/// order; an unknown one is a usage error that calls the list `noun` ("format").
pub fn parse_formats(items: &[String], noun: &str) -> Result<Vec<Format>> {
    let mut formats = Vec::new();
    for f in items {
        let format = match f.trim().to_lowercase().as_str() {
            "md" | "markdown" => Format::Markdown,
            "html" | "htm" => Format::Html,
            "pdf" => Format::Pdf,
            "docx" | "word" => Format::Docx,
            other => {
                return Err(UsageError(format!(
                    "okänt {noun} \"{other}\" (tillåtna: md, html, pdf, docx)"
                ))
                .into());
            }
        };
        if !formats.contains(&format) {
            formats.push(format);
        }
    }
    Ok(formats)
}

/// Everything rendering needs from disk, read and checked before any work: the logo and the
/// texts' images (`assets`; `pictures` are those the Word texts brought), and for Word the
/// municipality's template and the charts' fonts (`word_template`).
pub fn read_assets(
    data: &DataPlan,
    formats: &[Format],
    templates: &[(String, String)],
    pictures: texts::Pictures,
) -> Result<crate::render::Assets> {
    let mut out = assets::read(&data.dir, &data.settings, templates, pictures)?;
    let word = word_template::assets(data, formats)?;
    out.word_template = word.word_template;
    out.fonts = word.fonts;
    Ok(out)
}

/// Checks the data folder, reads `kvalitet.toml` if present and finds the register, if there is
/// one: every input is optional (`Inputs::load` refuses a folder with none at all).
pub fn data_plan(dir: &Path) -> Result<DataPlan> {
    if !dir.is_dir() {
        return Err(UsageError(format!("datamappen {} finns inte", dir.display())).into());
    }
    let settings = read_settings(dir)?;
    let mut wrong_types = crate::model::register::check_type_aliases(&settings);
    if let Err(e) = crate::model::register::own_tables::own_tables(&settings) {
        wrong_types.extend(e);
    }
    if !wrong_types.is_empty() {
        return Err(UsageError(wrong_types.join("\n")).into());
    }
    let register = find_input(dir, STEM, TABLE_EXTENSIONS)?;
    Ok(DataPlan {
        dir: dir.to_path_buf(),
        settings,
        register,
    })
}

pub(crate) fn read_settings(dir: &Path) -> Result<Settings> {
    let path = dir.join("kvalitet.toml");
    if !path.is_file() {
        return Ok(Settings::default());
    }
    let text = std::fs::read_to_string(&path).map_err(|e| {
        anyhow!(
            "kvalitet.toml kan inte läsas: {}",
            crate::ingest::io_reason(&e)
        )
    })?;
    Settings::parse(&text).map_err(|e| anyhow!("{}", settings_error(&text, &e)))
}

/// A TOML error in Swedish, with line and column and a suggestion for misspelt keys.
pub fn settings_error(text: &str, err: &toml::de::Error) -> String {
    let (line, col) = err
        .span()
        .map(|s| {
            let before = &text[..s.start.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            (line, col)
        })
        .unwrap_or((0, 0));
    let msg = err.message();
    let why = if let Some(rest) = msg.strip_prefix("unknown field `") {
        let key = rest.split('`').next().unwrap_or("");
        let expected: Vec<&str> = rest.split('`').skip(2).step_by(2).collect();
        match suggest(key, expected.iter().copied()) {
            Some(s) => format!("okänd nyckel \"{key}\"; menade du \"{s}\"?"),
            None => format!("okänd nyckel \"{key}\" (tillåtna: {})", expected.join(", ")),
        }
    } else if msg.starts_with("unknown variant") {
        "okänt värde".to_string()
    } else if msg.starts_with("invalid type") {
        "fel typ av värde (till exempel text i stället för tal)".to_string()
    } else {
        "felaktig syntax".to_string()
    };
    if line > 0 {
        format!("kvalitet.toml, rad {line}, kolumn {col}: {why}")
    } else {
        format!("kvalitet.toml: {why}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err_of(text: &str) -> String {
        settings_error(text, &Settings::parse(text).unwrap_err())
    }

    #[test]
    fn settings_errors_are_located_and_swedish() {
        assert_eq!(
            err_of("[rapport]\njamforelsar = 3\n"),
            "kvalitet.toml, rad 2, kolumn 1: okänd nyckel \"jamforelsar\"; menade du \"jamforelsear\"?"
        );
        assert_eq!(
            err_of("[rapport]\njamforelsear = \"fyra\"\n"),
            "kvalitet.toml, rad 2, kolumn 16: fel typ av värde (till exempel text i stället för tal)"
        );
        assert!(err_of("[rapport\n").starts_with("kvalitet.toml, rad 1"));
    }
}
