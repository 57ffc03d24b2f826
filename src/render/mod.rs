//! Rendering: the computed report becomes Markdown through the Tera templates, and HTML from
//! that Markdown through comrak, so the two can never disagree. The HTML pass renders the same
//! templates with `html` set, where tables and charts are markers that comrak's output gets
//! the accessible markup for. Returns strings; never writes.

pub mod chart;
pub mod diagram;

pub mod grid;
pub mod html;
pub mod html_table;
pub mod markdown;
pub mod markers;
pub mod narrative;
pub mod phrases;
pub mod series_table;
pub mod template_errors;
pub mod templates;
pub mod view;

use std::sync::Arc;

use anyhow::Result;
use tera::Value;

use crate::compute::Report;
use crate::settings::Settings;

/// The placeholder line in `rapport.md` that becomes the table of contents.
pub const TOC_MARKER: &str = "[[innehåll]]";
/// Level-2 headings starting with this are the annex (its tables stay out of the contents).
pub const ANNEX_PREFIX: &str = "Bilaga";

/// The report as Markdown and as a standalone HTML page.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub markdown: String,
    pub html: String,
}

/// Renders `report` with the given template sources (see [`templates::sources`]).
pub fn render(
    report: &Report,
    settings: &Settings,
    sources: &[(String, String)],
) -> Result<Rendered> {
    let numbers = report
        .tables
        .iter()
        .map(|t| (t.key.clone(), t.number))
        .collect();
    let mut charts = Arc::default();
    let tera = templates::environment_with(sources, numbers, |tera| {
        charts = diagram::register(tera, Arc::new(report.tables.clone()));
    })?;
    let mut ctx = view::context(report, settings);
    let mut html_ctx = view::html_context(&ctx, report);
    // The controller's texts are rendered in both passes, so their table references link too.
    for c in [&mut ctx, &mut html_ctx] {
        let texts = narrative::sections(&tera, c, sources, &settings.avsnitt)?;
        c.insert("text", &texts);
    }
    let markdown = insert_toc(&templates::render(&tera, "rapport.md", &ctx, sources)?);
    let html_md = insert_toc(&templates::render(&tera, "rapport.md", &html_ctx, sources)?);
    let html_body = comrak::markdown_to_html(&html_md, &markdown::comrak_options());
    let figures = charts.lock().expect("chart list lock").clone();
    let html_body = html::splice(&html_body, &report.tables, &figures);
    let mut page_ctx = html_ctx;
    page_ctx.insert_value("innehall", Value::safe_string(&html_body));
    let html = templates::render(&tera, "sida.html", &page_ctx, sources)?;
    Ok(Rendered { markdown, html })
}

/// Replaces the marker line with the contents list built from the document's own headings.
fn insert_toc(md: &str) -> String {
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
}
