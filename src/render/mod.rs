//! Rendering: the computed report becomes Markdown through the Tera templates; the templates'
//! HTML pass (with `html` set, tables and charts as markers) becomes the one document model
//! ([`document`]), parsed once, from which every format is rendered, so formats can never
//! disagree. Returns bytes; never reads or writes a file.

pub mod chapters;
pub mod chart;
pub mod columns;
pub mod diagram;
pub mod document;
pub mod docx;
pub mod grid;
pub mod html;
pub mod html_table;
pub mod markdown;
pub mod markers;
pub mod narrative;
pub mod pdf;
pub mod phrases;
pub mod series_table;
pub mod template_errors;
pub mod templates;
pub mod view;

use std::sync::Arc;

use anyhow::Result;
use tera::Value;

pub use self::document::{Assets, Document, Format, WordTemplate};
use crate::compute::Report;
use crate::settings::Settings;

/// The placeholder line in `rapport.md` that becomes the table of contents.
pub const TOC_MARKER: &str = "[[innehåll]]";
/// Level-2 headings starting with this are the annex (its tables stay out of the contents).
pub const ANNEX_PREFIX: &str = "Bilaga";

/// A file of the rendered report: its name (relative to the output folder) and contents.
#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Renders `report` with the given template sources (see [`templates::sources`]) into the
/// document model, then each of `formats` from one parse of it: the report's file in each
/// format, and after the Markdown file the images it links ([`document::media_folder`]).
pub fn render(
    report: &Report,
    settings: &Settings,
    sources: &[(String, String)],
    assets: Assets,
    formats: &[Format],
) -> Result<Vec<Output>> {
    // In the document a note is said once, at the first table that has it; an exported table
    // keeps all its notes, since it stands alone.
    let report = &Report {
        tables: view::notes_once(&report.tables),
        ..report.clone()
    };
    let numbers = report
        .tables
        .iter()
        .map(|t| (t.key.clone(), t.number))
        .collect();
    let mut charts = diagram::Figures::default();
    let tera = templates::environment_with(sources, numbers, |tera| {
        charts = diagram::register(
            tera,
            Arc::new(report.tables.clone()),
            Arc::new(report.indicators.clone()),
        );
    })?;
    let mut ctx = view::context(report, settings);
    let mut html_ctx = view::html_context(&ctx, report);
    // The controller's texts are rendered in both passes, so their table references link too.
    for (c, html) in [(&mut ctx, false), (&mut html_ctx, true)] {
        let texts = narrative::sections(&tera, c, sources, &settings.avsnitt)?;
        c.insert("text", &texts);
        let own = chapters::own_sections(&tera, c, sources, &settings.avsnitt)?;
        c.insert("egna_avsnitt", &own);
        let units = chapters::units(&tera, report, settings, sources, html)?;
        c.insert("verksamheter", &units);
    }
    let markdown = insert_toc(&templates::render(&tera, "rapport.md", &ctx, sources)?);
    let body = insert_toc(&templates::render(&tera, "rapport.md", &html_ctx, sources)?);
    let figures = charts.html.lock().expect("chart list lock").clone();
    let (markdown, chart_files) = markdown_charts(
        &markdown,
        &charts.markdown.lock().expect("chart list lock"),
        report.year,
    );
    let mut meta = view::meta(report, settings);
    meta.logo = assets.logo.clone();
    let doc = Document {
        meta,
        markdown,
        body,
        tables: report.tables.clone(),
        figures,
        assets,
    };
    let arena = comrak::Arena::new();
    let root = doc.parse(&arena);
    let mut out = Vec::with_capacity(formats.len());
    let year = doc.meta.year;
    for &format in formats {
        let mut media = Vec::new();
        let bytes = match format {
            Format::Markdown => {
                let (md, images) = markdown_with_media(&doc);
                media = chart_files.clone();
                media.extend(images);
                md.into_bytes()
            }
            Format::Pdf => pdf::pdf(&doc, root)?,
            Format::Html => {
                let body = html::body(&doc, root);
                let mut page_ctx = html_ctx.clone();
                page_ctx.insert_value("innehall", Value::safe_string(&body));
                let logo = doc.meta.logo.as_ref().map(html::data_uri);
                page_ctx.insert("logotyp", &logo.unwrap_or_default());
                templates::render(&tera, "sida.html", &page_ctx, sources)?.into_bytes()
            }
            Format::Docx => docx::document(&doc, root)?,
        };
        out.push(Output {
            name: format.file_name(year),
            bytes,
        });
        out.extend(media);
    }
    Ok(out)
}

/// `md` with each chart marker replaced by its numbered figure (numbered in the order the
/// markers stand), and the charts as SVG files in [`document::media_folder`]: `diagram-N.svg`.
fn markdown_charts(md: &str, charts: &[diagram::Pending], year: i32) -> (String, Vec<Output>) {
    let folder = document::media_folder(year);
    let mut files = Vec::new();
    let mut out = String::with_capacity(md.len());
    for line in md.split_inclusive('\n') {
        let chart = line
            .trim()
            .strip_prefix("[[diagram:")
            .and_then(|rest| rest.strip_suffix("]]"))
            .and_then(|k| k.parse::<usize>().ok())
            .and_then(|k| charts.get(k.checked_sub(1)?));
        match chart {
            Some(chart) => {
                let n = files.len() + 1;
                let name = format!("{folder}/diagram-{n}.svg");
                // A marker indented into a list item keeps its figure there.
                let indent = &line[..line.len() - line.trim_start().len()];
                for part in chart.markdown(n, &name).lines() {
                    if !part.is_empty() {
                        out.push_str(indent);
                    }
                    out.push_str(part);
                    out.push('\n');
                }
                files.push(Output {
                    name,
                    bytes: chart.svg(n).into_bytes(),
                });
            }
            None => out.push_str(line),
        }
    }
    (out, files)
}

/// The Markdown file and the images it shows, written into [`document::media_folder`] beside
/// it as `bild-N` in the order they first appear, each once, so that the file opens with its
/// images wherever the folder is moved. Images on the web or inline stay as they are.
fn markdown_with_media(doc: &Document) -> (String, Vec<Output>) {
    let folder = document::media_folder(doc.meta.year);
    let mut names = std::collections::BTreeMap::new();
    let mut media = Vec::new();
    let md = markdown::relink_images(&doc.markdown, |url| {
        let image = doc.assets.image(url)?;
        let name = names.entry(Assets::key(url)).or_insert_with(|| {
            let name = format!(
                "{folder}/bild-{}.{}",
                media.len() + 1,
                image.kind.extension()
            );
            media.push(Output {
                name: name.clone(),
                bytes: image.bytes.clone(),
            });
            name
        });
        Some(name.clone())
    });
    (md, media)
}

/// Drops the headings that head nothing, then replaces the marker line with the contents list
/// built from the document's own headings.
fn insert_toc(md: &str) -> String {
    let md = &markdown::without_empty_headings(md);
    if !md.contains(TOC_MARKER) {
        return normalize(md);
    }
    let heads = markdown::headings(&md.replace(TOC_MARKER, ""));
    let toc = markdown::toc(&heads, ANNEX_PREFIX);
    normalize(&md.replace(TOC_MARKER, toc.trim_end()))
}

/// Collapses runs of blank lines that template logic leaves behind, and ends with one newline.
fn normalize(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut blank = 0;
    for line in md.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    let trimmed = out.trim_matches('\n');
    format!("{trimmed}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_line_runs_collapse() {
        assert_eq!(normalize("\n\na\n\n\n\nb  \n\n"), "a\n\nb\n");
    }

    #[test]
    fn markdown_charts_are_numbered_where_they_stand_and_written_as_files() {
        // The second chart made stands first (an own section rendered before the others).
        let md = "Text\n\n[[diagram:2]]\n\nMer\n\n[[diagram:1]]\n\n[[diagram:9]]\n";
        // In a list item, the figure stays in the item.
        let (item, _) = markdown_charts(
            "- Punkt\n\n  [[diagram:1]]\n",
            &[diagram::one_bar("Ett", 1)],
            2022,
        );
        assert_eq!(
            item,
            "- Punkt\n\n  *Diagram 1.* Ett. Siffrorna finns i tabell 1.\n\n  \
             ![Stapeldiagram. 2022: 3.](kvalitetsberattelse-2022-bilder/diagram-1.svg)\n"
        );
        let (out, files) = markdown_charts(
            md,
            &[diagram::one_bar("Första", 4), diagram::one_bar("Andra", 7)],
            2022,
        );
        assert_eq!(
            out,
            "Text\n\n*Diagram 1.* Andra. Siffrorna finns i tabell 7.\n\n\
             ![Stapeldiagram. 2022: 3.](kvalitetsberattelse-2022-bilder/diagram-1.svg)\n\nMer\n\n\
             *Diagram 2.* Första. Siffrorna finns i tabell 4.\n\n\
             ![Stapeldiagram. 2022: 3.](kvalitetsberattelse-2022-bilder/diagram-2.svg)\n\n[[diagram:9]]\n"
        );
        let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "kvalitetsberattelse-2022-bilder/diagram-1.svg",
                "kvalitetsberattelse-2022-bilder/diagram-2.svg"
            ]
        );
        let first = String::from_utf8(files[0].bytes.clone()).unwrap();
        assert!(
            first.contains("id=\"diagram-1-titel\">Andra</title>"),
            "{first}"
        );
    }
}
