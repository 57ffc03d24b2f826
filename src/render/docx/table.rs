//! A computed statistical table as a real Word table: the caption "Tabell N. …" with a SEQ
//! field inside the bookmark that cross-references point to, a header row that repeats on
//! every page, figures right-aligned, the same cell texts as the HTML
//! ([`crate::base::format::value`]), and the notes and source below, kept with the table.

use std::fmt::Write;

use super::Ctx;
use super::ooxml::{Style, bookmark, esc, field, run, table_bookmark};
use crate::base::format;
use crate::compute::Table;

/// The width of the text area of the default page, in twentieths of a point.
pub const TEXT_WIDTH: usize = 9070;
/// Tables of at most this many rows are kept on one page (as the HTML's print style does).
const SHORT: usize = 20;

/// The column widths: the label column takes what the figures leave.
pub fn grid(figures: usize) -> Vec<usize> {
    if figures == 0 {
        return vec![TEXT_WIDTH];
    }
    let each = (TEXT_WIDTH * 55 / 100 / figures).clamp(700, 1500);
    let label = TEXT_WIDTH.saturating_sub(each * figures).max(1800);
    let mut out = vec![label];
    out.extend(std::iter::repeat_n(each, figures));
    out
}

/// One cell: its paragraph of `text`, aligned right when `right`, with an optional fill and
/// column span.
pub fn cell(ctx: &Ctx, width: usize, span: usize, text: &str, style: Style, right: bool, fill: Option<&str>, keep: bool) -> String {
    let mut tc = format!("<w:tcW w:w=\"{width}\" w:type=\"dxa\"/>");
    if span > 1 {
        let _ = write!(tc, "<w:gridSpan w:val=\"{span}\"/>");
    }
    if let Some(f) = fill {
        let _ = write!(tc, "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{f}\"/>");
    }
    let mut pp = String::new();
    if keep {
        pp.push_str("<w:keepNext/>");
    }
    if right {
        pp.push_str("<w:jc w:val=\"right\"/>");
    }
    format!(
        "<w:tc><w:tcPr>{tc}</w:tcPr><w:p><w:pPr><w:pStyle w:val=\"{}\"/>{pp}</w:pPr>{}</w:p></w:tc>",
        esc(ctx.style("Tabelltext")),
        run(text, style, None)
    )
}

/// The table properties shared by every table: the style, the width and the grid.
pub fn open_table(ctx: &Ctx, widths: &[usize], caption: &str) -> String {
    let mut out = format!(
        "<w:tbl><w:tblPr><w:tblStyle w:val=\"{}\"/><w:tblW w:w=\"{}\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/><w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"1\" w:lastColumn=\"0\" w:noHBand=\"0\" w:noVBand=\"1\"/><w:tblCaption w:val=\"{}\"/></w:tblPr><w:tblGrid>",
        esc(ctx.style("Kvalitetstabell")),
        widths.iter().sum::<usize>(),
        esc(caption)
    );
    for w in widths {
        let _ = write!(out, "<w:gridCol w:w=\"{w}\"/>");
    }
    out.push_str("</w:tblGrid>");
    out
}

/// The caption paragraph: "Tabell N. Title" with N a SEQ field, label and number bookmarked.
pub fn caption(ctx: &mut Ctx, label: &str, seq: &str, n: usize, anchor: &str, title: &str) -> String {
    let id = ctx.next_bookmark();
    let numbered = format!(
        "{}{}",
        run(&format!("{label} "), Style::default(), None),
        field(&format!("SEQ {seq} \\* ARABIC"), &n.to_string(), Style::default())
    );
    format!(
        "<w:p><w:pPr><w:pStyle w:val=\"{}\"/><w:keepNext/></w:pPr>{}{}</w:p>",
        esc(ctx.style("caption")),
        bookmark(id, anchor, &numbered),
        run(&format!(". {title}"), Style::default(), None)
    )
}

/// The whole table block: caption, table, notes and source.
pub fn table(ctx: &mut Ctx, t: &Table) -> String {
    let caption_text = format!("Tabell {}. {}", t.number, t.title);
    let mut out = caption(ctx, "Tabell", "Tabell", t.number, &table_bookmark(t.number), &t.title);
    let widths = grid(t.columns.len());
    let keep = t.rows.len() <= SHORT;
    let accent = ctx.accent();
    out.push_str(&open_table(ctx, &widths, &caption_text));
    // The header row repeats on every page and never splits.
    out.push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
    let bold = Style {
        bold: true,
        ..Style::default()
    };
    out.push_str(&cell(ctx, widths[0], 1, &t.label_title, bold, false, Some(&accent), true));
    for (c, w) in t.columns.iter().zip(&widths[1..]) {
        out.push_str(&cell(ctx, *w, 1, &c.title, bold, c.numeric, Some(&accent), true));
    }
    out.push_str("</w:tr>");
    let last = t.rows.len().saturating_sub(1);
    for (i, row) in t.rows.iter().enumerate() {
        let keep = keep && i < last;
        out.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        if row.heading {
            out.push_str(&cell(ctx, widths.iter().sum(), widths.len(), &row.label, bold, false, None, true));
            out.push_str("</w:tr>");
            continue;
        }
        let style = Style {
            bold: row.total,
            italic: row.sub,
            ..Style::default()
        };
        let label = if row.sub {
            format!("{0}{0}{0}{1}", format::NBSP, row.label)
        } else {
            row.label.clone()
        };
        out.push_str(&cell(ctx, widths[0], 1, &label, style, false, None, keep));
        let figures = Style {
            bold: row.total,
            ..Style::default()
        };
        for ((c, v), w) in t.columns.iter().zip(&row.values).zip(&widths[1..]) {
            out.push_str(&cell(ctx, *w, 1, &format::value(v), figures, c.numeric, None, keep));
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    let italic = Style {
        italic: true,
        ..Style::default()
    };
    for note in &t.notes {
        out.push_str(&format!(
            "<w:p><w:pPr><w:pStyle w:val=\"{}\"/></w:pPr>{}{}</w:p>",
            esc(ctx.style("Tabellanmärkning")),
            run("Anmärkning: ", italic, None),
            run(note, Style::default(), None)
        ));
    }
    out.push_str(&format!(
        "<w:p><w:pPr><w:pStyle w:val=\"{}\"/></w:pPr>{}{}</w:p>",
        esc(ctx.style("Källa")),
        run("Källa: ", italic, None),
        run(&t.source, Style::default(), None)
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grid_fills_the_text_width_and_leaves_the_label_room() {
        for n in 0..12 {
            let g = grid(n);
            assert_eq!(g.len(), n + 1);
            assert!(g[0] >= 1800, "{g:?}");
            if n <= 8 {
                assert_eq!(g.iter().sum::<usize>(), TEXT_WIDTH, "{n}: {g:?}");
            }
        }
    }
}
