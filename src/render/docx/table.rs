//! A computed statistical table as a real Word table: the caption "Tabell N. …" with a SEQ
//! field inside the bookmark that cross-references point to, a header row that repeats on
//! every page, figures right-aligned, the same cell texts as the HTML
//! ([`crate::base::format::value`]), and the notes and source below, kept with the table.

use std::fmt::Write;

use super::Ctx;
use super::ooxml::{Style, bookmark, esc, field, run, table_bookmark};
use crate::base::format;
use crate::compute::Table;
use crate::render::columns;

use super::fonts::{self, Known};
use super::parts::CELL_MARGIN;
/// Tables of at most this many rows are kept on one page (as the HTML's print style does).
const SHORT: usize = 20;

/// A cell's side margins together, in points.
const INSET_PT: f64 = (2 * CELL_MARGIN) as f64 / 20.0;

/// How a table is set in Word ([`columns::plan`]): column widths in twentieths of a point,
/// adding up to the text width; and for a table set smaller, its text size in half points and
/// the side margin of its figure cells in twentieths of a point.
pub struct Grid {
    pub widths: Vec<usize>,
    pub size: Option<u8>,
    pub figure_margin: Option<usize>,
}

/// The grid for cells of these texts (`cols[0]` the labels; `numeric[i]` whether `cols[i + 1]`
/// holds figures), filling `text_width` (in twentieths of a point), set in `font` (by its
/// own widths when known, else by estimate).
pub fn grid(cols: &[Vec<&str>], numeric: &[bool], text_width: usize, font: Option<Known>) -> Grid {
    let measure = |text: &str, bold| fonts::measure(font, text, bold);
    let plan = columns::plan(cols, numeric, text_width as f64 / 20.0, INSET_PT, &measure);
    in_twips(plan, text_width)
}

/// [`grid`] for a computed table, its texts as every format shows them.
fn table_grid(t: &Table, text_width: usize, font: Option<Known>) -> Grid {
    let measure = |text: &str, bold| fonts::measure(font, text, bold);
    let plan = columns::plan_table(t, text_width as f64 / 20.0, INSET_PT, &measure);
    in_twips(plan, text_width)
}

/// A plan in points as Word's grid in twentieths of a point, filling `text_width`.
fn in_twips(plan: columns::Columns, text_width: usize) -> Grid {
    // Rounded up: a column a fraction of a twip too narrow breaks its widest text.
    let mut widths: Vec<usize> = plan
        .widths
        .iter()
        .map(|w| (w * 20.0).ceil() as usize)
        .collect();
    // The labels take what rounding left.
    let figures: usize = widths[1..].iter().sum();
    widths[0] = text_width.saturating_sub(figures);
    let small = plan.small();
    Grid {
        widths,
        size: small.then_some((plan.size * 2.0) as u8),
        figure_margin: small.then_some((plan.figure_inset * 10.0).round() as usize),
    }
}

/// `widths` with room made for pictures: a column whose pictures need more than it got
/// (`needs`, in the same unit; 0 for a column without any) is widened, as far as the columns
/// without pictures can give, each at most half of its width and in proportion to it. The
/// total stays the same, so the table still fills the text width.
pub fn make_room(mut widths: Vec<usize>, needs: &[usize]) -> Vec<usize> {
    let need = |i: usize| needs.get(i).copied().unwrap_or(0);
    let lacking: Vec<(usize, usize)> = (0..widths.len())
        .map(|i| (i, need(i).saturating_sub(widths[i])))
        .filter(|&(_, l)| l > 0)
        .collect();
    let lack: usize = lacking.iter().map(|&(_, l)| l).sum();
    let givers: Vec<usize> = (0..widths.len()).filter(|&i| need(i) == 0).collect();
    let spare: usize = givers.iter().map(|&i| widths[i] / 2).sum();
    let moved = lack.min(spare);
    if moved == 0 {
        return widths;
    }
    let mut taken = 0;
    for &i in &givers {
        let t = widths[i] / 2 * moved / spare;
        widths[i] -= t;
        taken += t;
    }
    let mut given = 0;
    for (k, &(i, l)) in lacking.iter().enumerate() {
        let g = if k + 1 == lacking.len() {
            taken - given
        } else {
            l * taken / lack
        };
        widths[i] += g;
        given += g;
    }
    widths
}

/// One table cell: its paragraph of text, aligned right for figures, with an optional fill
/// and column span; `keep` keeps it on the page of the next row.
#[derive(Debug, Clone, Copy, Default)]
pub struct Cell<'a> {
    pub width: usize,
    pub span: usize,
    pub text: &'a str,
    /// The cell's runs, already written (emphasis, links, pictures), in place of `text`.
    pub runs: Option<&'a str>,
    pub style: Style,
    pub right: bool,
    pub fill: Option<&'a str>,
    pub keep: bool,
    /// Side margins other than the table's, in twentieths of a point.
    pub margin: Option<usize>,
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
        if let Some(m) = self.margin {
            let _ = write!(
                tc,
                "<w:tcMar><w:left w:w=\"{m}\" w:type=\"dxa\"/><w:right w:w=\"{m}\" w:type=\"dxa\"/></w:tcMar>"
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
            self.runs
                .map_or_else(|| run(self.text, self.style, None), str::to_string)
        )
    }
}

/// The table properties shared by every table: the style, the width and the grid.
pub fn open_table(ctx: &Ctx, widths: &[usize], caption: &str) -> String {
    let mut out = format!(
        "<w:tbl><w:tblPr><w:tblStyle w:val=\"{}\"/><w:tblW w:w=\"{}\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"{CELL_MARGIN}\" w:type=\"dxa\"/><w:right w:w=\"{CELL_MARGIN}\" w:type=\"dxa\"/></w:tblCellMar><w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"1\" w:lastColumn=\"0\" w:noHBand=\"0\" w:noVBand=\"1\"/><w:tblCaption w:val=\"{}\"/></w:tblPr><w:tblGrid>",
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
    let Grid {
        widths,
        size,
        figure_margin,
    } = table_grid(t, ctx.text_width, ctx.table_font);
    let keep = t.rows.len() <= SHORT;
    let accent = ctx.accent();
    out.push_str(&open_table(ctx, &widths, &caption_text));
    // The header row repeats on every page and never splits.
    out.push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
    let bold = Style {
        bold: true,
        size,
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
            margin: figure_margin,
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
                size,
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
                    size,
                    ..Style::default()
                },
                right: c.numeric,
                keep,
                margin: figure_margin,
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
    use super::super::parts::TEXT_WIDTH;
    use super::*;

    #[test]
    fn pictures_get_room_from_the_columns_without_any() {
        // Nothing lacks: unchanged.
        assert_eq!(make_room(vec![600, 300], &[0, 200]), [600, 300]);
        assert_eq!(make_room(vec![600, 300], &[]), [600, 300]);
        // The picture column gets what it lacks from the other.
        assert_eq!(make_room(vec![600, 300], &[0, 500]), [400, 500]);
        // A giver keeps at least half of its width.
        assert_eq!(make_room(vec![600, 300], &[0, 900]), [300, 600]);
        // Two givers give in proportion to their widths; two takers take in proportion to
        // what they lack; the sum stays.
        let w = make_room(vec![400, 200, 200, 200], &[0, 0, 250, 300]);
        assert_eq!(w, [300, 150, 250, 300]);
        assert_eq!(w.iter().sum::<usize>(), 1000);
        // As far as the givers can: then in proportion to what each lacks.
        let w = make_room(vec![400, 200, 200, 200], &[0, 0, 500, 800]);
        assert_eq!(w, [200, 100, 300, 400]);
        // Every column has pictures: nobody can give.
        assert_eq!(make_room(vec![500, 500], &[900, 900]), [500, 500]);
    }

    #[test]
    fn the_grid_is_the_planned_columns_in_twips_filling_the_text_width() {
        let cols = [
            vec!["Enhet", "Enheten för barn och unga"],
            vec!["2022", "1\u{a0}438\u{a0}805 kr"],
            vec!["Förändring 2021–2022", "+144 %"],
        ];
        let g = grid(&cols, &[], TEXT_WIDTH, None);
        let plan = columns::plan(
            &cols,
            &[],
            TEXT_WIDTH as f64 / 20.0,
            INSET_PT,
            &columns::estimate,
        );
        assert!(!plan.small());
        assert_eq!((g.size, g.figure_margin), (None, None));
        assert_eq!(g.widths.iter().sum::<usize>(), TEXT_WIDTH);
        for (twips, pt) in g.widths.iter().zip(&plan.widths).skip(1) {
            assert_eq!(*twips, (pt * 20.0).ceil() as usize);
        }
        // A table set smaller: 8 pt (16 half points), figure cells with narrower margins.
        let wide: Vec<Vec<&str>> = std::iter::once(cols[0].clone())
            .chain(std::iter::repeat_n(cols[1].clone(), 6))
            .collect();
        let g = grid(&wide, &[], TEXT_WIDTH, None);
        assert_eq!(g.size, Some(16));
        assert_eq!(g.figure_margin, Some(51), "2.55 pt a side");
    }

    #[test]
    fn in_arial_a_figure_column_is_as_wide_as_its_widest_figure_set_in_arial() {
        let cols = [
            vec!["Enhet", "Enheten för barn och unga"],
            vec!["2022", "1\u{a0}438\u{a0}805 kr", "12"],
        ];
        let arial = Known::named("Arial");
        let g = grid(&cols, &[], TEXT_WIDTH, arial);
        let size = columns::SIZE;
        let widest = fonts::measure(arial, "1\u{a0}438\u{a0}805 kr", false) * size;
        let expected = ((widest + INSET_PT) * 20.0).ceil() as usize;
        // With room to spare beyond the font's own widths.
        let exact = arial.unwrap().width_em("1\u{a0}438\u{a0}805 kr", false) * size;
        assert!(widest > exact);
        assert!(
            g.widths[1].abs_diff(expected) <= 1,
            "{} twips, not {expected}",
            g.widths[1]
        );
        // The estimate plans the same column wider than Arial sets it.
        assert!(grid(&cols, &[], TEXT_WIDTH, None).widths[1] > g.widths[1]);
    }
}
