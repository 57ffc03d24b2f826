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

/// Twentieths of a point per character of 9 pt table text, and the cell's side margins.
const PER_CHAR: usize = 105;
const MARGINS: usize = 220;
/// The label column is never narrower than this.
const MIN_LABEL: usize = 2000;

/// The column widths for cells of these texts (`cols[0]` the labels): each figure column as
/// wide as its longest cell or header word, the label column the rest of the text width.
pub fn grid(cols: &[Vec<&str>]) -> Vec<usize> {
    let need = |texts: &[&str], words: bool| {
        texts
            .iter()
            .map(|t| {
                if words {
                    t.split_whitespace()
                        .map(|w| w.chars().count())
                        .max()
                        .unwrap_or(0)
                } else {
                    t.chars().count()
                }
            })
            .max()
            .unwrap_or(0)
            * PER_CHAR
            + MARGINS
    };
    let Some((labels, figures)) = cols.split_first() else {
        return vec![TEXT_WIDTH];
    };
    // A figure column: the widest cell (header words may wrap).
    let mut widths: Vec<usize> = figures
        .iter()
        .map(|c| need(&c[1..], false).max(need(&c[..1], true)))
        .collect();
    let sum: usize = widths.iter().sum();
    let label_need = need(labels, false).max(MIN_LABEL);
    let label = if label_need + sum <= TEXT_WIDTH {
        TEXT_WIDTH - sum
    } else {
        TEXT_WIDTH
            .saturating_sub(sum)
            .max(MIN_LABEL.min(label_need))
    };
    let room = TEXT_WIDTH.saturating_sub(label);
    if sum > room && sum > 0 {
        for w in &mut widths {
            *w = *w * room / sum;
        }
    }
    let mut out = vec![label];
    out.extend(widths);
    out
}

/// The texts of a computed table by column, header first, as the cells show them.
fn texts(t: &Table) -> Vec<Vec<String>> {
    let mut cols = vec![vec![t.label_title.clone()]];
    cols.extend(t.columns.iter().map(|c| vec![c.title.clone()]));
    for row in t.rows.iter().filter(|r| !r.heading) {
        cols[0].push(format!("   {}", row.label));
        for (i, v) in row.values.iter().enumerate() {
            if let Some(c) = cols.get_mut(i + 1) {
                c.push(format::value(v));
            }
        }
    }
    cols
}

/// One table cell: its paragraph of text, aligned right for figures, with an optional fill
/// and column span; `keep` keeps it on the page of the next row.
#[derive(Debug, Clone, Copy, Default)]
pub struct Cell<'a> {
    pub width: usize,
    pub span: usize,
    pub text: &'a str,
    pub style: Style,
    pub right: bool,
    pub fill: Option<&'a str>,
    pub keep: bool,
}

impl Cell<'_> {
    pub fn xml(&self, ctx: &Ctx) -> String {
        let mut tc = format!("<w:tcW w:w=\"{}\" w:type=\"dxa\"/>", self.width);
        if self.span > 1 {
            let _ = write!(tc, "<w:gridSpan w:val=\"{}\"/>", self.span);
        }
        if let Some(f) = self.fill {
            let _ = write!(
                tc,
                "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{f}\"/>"
            );
        }
        let mut pp = String::new();
        if self.keep {
            pp.push_str("<w:keepNext/>");
        }
        if self.right {
            pp.push_str("<w:jc w:val=\"right\"/>");
        }
        format!(
            "<w:tc><w:tcPr>{tc}</w:tcPr><w:p><w:pPr><w:pStyle w:val=\"{}\"/>{pp}</w:pPr>{}</w:p></w:tc>",
            esc(ctx.style("Tabelltext")),
            run(self.text, self.style, None)
        )
    }
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
pub fn caption(
    ctx: &mut Ctx,
    label: &str,
    seq: &str,
    n: usize,
    anchor: &str,
    title: &str,
) -> String {
    let id = ctx.next_bookmark();
    let number = field(
        &format!("SEQ {seq} \\* ARABIC"),
        &n.to_string(),
        Style::default(),
    );
    format!(
        "<w:p><w:pPr><w:pStyle w:val=\"{}\"/><w:keepNext/></w:pPr>{}{}{}</w:p>",
        esc(ctx.style("caption")),
        run(&format!("{label} "), Style::default(), None),
        bookmark(id, anchor, &number),
        run(&format!(". {title}"), Style::default(), None)
    )
}

/// The whole table block: caption, table, notes and source.
pub fn table(ctx: &mut Ctx, t: &Table) -> String {
    let caption_text = format!("Tabell {}. {}", t.number, t.title);
    let mut out = caption(
        ctx,
        "Tabell",
        "Tabell",
        t.number,
        &table_bookmark(t.number),
        &t.title,
    );
    let cols = texts(t);
    let refs: Vec<Vec<&str>> = cols
        .iter()
        .map(|c| c.iter().map(String::as_str).collect())
        .collect();
    let widths = grid(&refs);
    let keep = t.rows.len() <= SHORT;
    let accent = ctx.accent();
    out.push_str(&open_table(ctx, &widths, &caption_text));
    // The header row repeats on every page and never splits.
    out.push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
    let bold = Style {
        bold: true,
        ..Style::default()
    };
    let head = Cell {
        width: widths[0],
        text: &t.label_title,
        style: bold,
        fill: Some(&accent),
        keep: true,
        ..Cell::default()
    };
    out.push_str(&head.xml(ctx));
    for (c, w) in t.columns.iter().zip(&widths[1..]) {
        let cell = Cell {
            width: *w,
            text: &c.title,
            right: c.numeric,
            ..head
        };
        out.push_str(&cell.xml(ctx));
    }
    out.push_str("</w:tr>");
    let last = t.rows.len().saturating_sub(1);
    for (i, row) in t.rows.iter().enumerate() {
        let keep = keep && i < last;
        out.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        if row.heading {
            let group = Cell {
                width: widths.iter().sum(),
                span: widths.len(),
                text: &row.label,
                style: bold,
                keep: true,
                ..Cell::default()
            };
            out.push_str(&group.xml(ctx));
            out.push_str("</w:tr>");
            continue;
        }
        let label = if row.sub {
            format!("{0}{0}{0}{1}", format::NBSP, row.label)
        } else {
            row.label.clone()
        };
        let label_cell = Cell {
            width: widths[0],
            text: &label,
            style: Style {
                bold: row.total,
                italic: row.sub,
                ..Style::default()
            },
            keep,
            ..Cell::default()
        };
        out.push_str(&label_cell.xml(ctx));
        for ((c, v), w) in t.columns.iter().zip(&row.values).zip(&widths[1..]) {
            let text = format::value(v);
            let figure = Cell {
                width: *w,
                text: &text,
                style: Style {
                    bold: row.total,
                    ..Style::default()
                },
                right: c.numeric,
                keep,
                ..Cell::default()
            };
            out.push_str(&figure.xml(ctx));
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
    fn figure_columns_fit_their_widest_cell_and_the_label_takes_the_rest() {
        let g = grid(&[
            vec!["Enhet", "Enheten för barn och unga"],
            vec!["2022", "1\u{a0}438\u{a0}805 kr"],
            vec!["Förändring 2021–2022", "+144 %"],
        ]);
        assert_eq!(g.iter().sum::<usize>(), TEXT_WIDTH);
        assert_eq!(g[1], 12 * PER_CHAR + MARGINS);
        assert_eq!(g[2], 10 * PER_CHAR + MARGINS, "the longest header word");
        // Too many columns for the page: figures shrink, the label keeps its minimum.
        let wide: Vec<Vec<&str>> = std::iter::once(vec!["Enhet", "Enheten för barn och unga"])
            .chain(std::iter::repeat_n(
                vec!["2022", "1\u{a0}438\u{a0}805 kr"],
                12,
            ))
            .collect();
        let g = grid(&wide);
        assert_eq!(g[0], MIN_LABEL);
        assert!(g.iter().sum::<usize>() <= TEXT_WIDTH, "{g:?}");
    }
}
