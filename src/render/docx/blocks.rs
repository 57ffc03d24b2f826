//! The comrak tree as WordprocessingML body content: the front ([`super::front`]), headings
//! in the built-in heading styles (bookmarked for the contents), paragraphs, lists, quotes,
//! code, own tables, and the tables and charts the marker paragraphs stand for.

use comrak::nodes::{AstNode, ListType, NodeValue};

use super::front::{self, CONTENTS, Walk};
use super::inline::inlines;
use super::ooxml::{Style, bookmark, field, paragraph, picture, run, table_bookmark};
use super::parts::CELL_MARGIN;
use super::{Ctx, table};
use crate::render::chart::{self, Chart};
use crate::render::document::Block;
use crate::render::markdown::plain_text;
use crate::render::{ANNEX_PREFIX, diagram::Pending};

/// The body: cover, then every block of the tree.
pub fn body<'a>(ctx: &mut Ctx, root: &'a AstNode<'a>) -> String {
    let nodes: Vec<&AstNode> = root.children().collect();
    // The Markdown's title and the lines under it are the cover, which the meta states.
    let starts_with_title = nodes
        .first()
        .is_some_and(|n| matches!(&n.data().value, NodeValue::Heading(h) if h.level == 1));
    let cover_end = if starts_with_title {
        nodes
            .iter()
            .position(|n| matches!(&n.data().value, NodeValue::Heading(h) if h.level >= 2))
            .unwrap_or(nodes.len())
    } else {
        0
    };
    let mut walk = front::scan(&nodes[cover_end..], root);
    let mut out = front::cover(ctx, &nodes[..cover_end]);
    let mut skip_list = false;
    for node in &nodes[cover_end..] {
        if skip_list {
            skip_list = false;
            if matches!(node.data().value, NodeValue::List(_)) {
                continue;
            }
        }
        if let NodeValue::Heading(h) = &node.data().value
            && h.level == 2
            && plain_text(node) == CONTENTS
        {
            out.push_str(&front::contents(ctx, &walk.heads));
            skip_list = true;
            continue;
        }
        block(ctx, &mut walk, node, &mut out, 0);
    }
    out
}

fn block<'a>(
    ctx: &mut Ctx,
    walk: &mut Walk,
    node: &'a AstNode<'a>,
    out: &mut String,
    depth: usize,
) {
    match &node.data().value {
        NodeValue::Heading(h) => {
            let level = h.level.saturating_sub(1).clamp(1, 4);
            let text = inlines(ctx, walk, node, Style::default());
            let mut props = String::new();
            let plain = plain_text(node);
            if h.level == 2 && plain.starts_with(ANNEX_PREFIX) {
                props.push_str("<w:pageBreakBefore/>");
            }
            let content = match walk.heads.get(walk.next_head) {
                Some(head) if head.text == plain && head.level == h.level => {
                    walk.next_head += 1;
                    let id = ctx.next_bookmark();
                    bookmark(id, &head.bookmark.clone(), &text)
                }
                _ => text,
            };
            out.push_str(&paragraph(ctx.style(&format!("heading {level}")), &props, &content));
        }
        NodeValue::Paragraph => match ctx.doc.block(node) {
            Some(Block::Table(t)) => out.push_str(&table::table(ctx, t)),
            Some(Block::Figure(f)) => out.push_str(&figure(ctx, f)),
            None => {
                let content = inlines(ctx, walk, node, Style::default());
                out.push_str(&paragraph(ctx.style("Normal"), "", &content));
            }
        },
        NodeValue::List(list) => {
            let num = match list.list_type {
                ListType::Bullet => super::parts::BULLET_NUM,
                ListType::Ordered => ctx.new_ordered_list(),
            };
            for item in node.children() {
                for (k, child) in item.children().enumerate() {
                    match &child.data().value {
                        NodeValue::Paragraph if k == 0 => {
                            let content = inlines(ctx, walk, child, Style::default());
                            let props = format!(
                                "<w:numPr><w:ilvl w:val=\"{}\"/><w:numId w:val=\"{num}\"/></w:numPr>",
                                depth.min(5)
                            );
                            out.push_str(&paragraph(ctx.style("List Paragraph"), &props, &content));
                        }
                        NodeValue::List(_) => block(ctx, walk, child, out, depth + 1),
                        _ => {
                            let content = inlines(ctx, walk, child, Style::default());
                            let ind = format!("<w:ind w:left=\"{}\"/>", 720 + 360 * depth.min(5));
                            out.push_str(&paragraph(ctx.style("List Paragraph"), &ind, &content));
                        }
                    }
                }
            }
        }
        NodeValue::BlockQuote | NodeValue::MultilineBlockQuote(_) => {
            for child in node.children() {
                let content = inlines(ctx, walk, child, Style::default());
                out.push_str(&paragraph(ctx.style("Quote"), "", &content));
            }
        }
        NodeValue::CodeBlock(c) => {
            let code = Style {
                code: true,
                ..Style::default()
            };
            let lines: Vec<String> = c.literal.lines().map(|l| run(l, code, None)).collect();
            out.push_str(&paragraph(ctx.style("Normal"), "", &lines.join("<w:r><w:br/></w:r>")));
        }
        NodeValue::ThematicBreak => out.push_str(&paragraph(
            ctx.style("Normal"),
            "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"1\" w:color=\"auto\"/></w:pBdr>",
            "",
        )),
        NodeValue::Table(_) => out.push_str(&own_table(ctx, walk, node)),
        // A footnote's text is written where it is referred to ([`super::inline`]).
        NodeValue::HtmlBlock(_) | NodeValue::FrontMatter(_) | NodeValue::FootnoteDefinition(_) => {
        }
        _ => {
            for child in node.children() {
                block(ctx, walk, child, out, depth);
            }
        }
    }
}

/// A GFM table of the controller's own text as a Word table (first row repeated). Its cells
/// keep their emphasis, links and pictures, each picture within its cell; the columns are
/// planned by the cells' texts.
fn own_table<'a>(ctx: &mut Ctx, walk: &Walk, node: &'a AstNode<'a>) -> String {
    let NodeValue::Table(t) = &node.data().value else {
        return String::new();
    };
    let right: Vec<bool> = t
        .alignments
        .iter()
        .map(|a| matches!(a, comrak::nodes::TableAlignment::Right))
        .collect();
    let texts: Vec<Vec<String>> = node
        .children()
        .map(|row| row.children().map(|c| plain_text(c)).collect())
        .collect();
    let cols: Vec<Vec<&str>> = (0..t.num_columns)
        .map(|i| {
            texts
                .iter()
                .filter_map(|r| r.get(i).map(String::as_str))
                .collect()
        })
        .collect();
    let table::Grid {
        widths,
        size,
        figure_margin,
    } = table::grid(
        &cols,
        right.get(1..).unwrap_or_default(),
        ctx.text_width,
        ctx.table_font,
    );
    let needs: Vec<usize> = (0..t.num_columns)
        .map(|i| {
            node.children()
                .filter_map(|row| row.children().nth(i))
                .map(|c| pictures_width(ctx, c))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let widths = table::make_room(widths, &needs);
    let mut out = table::open_table(ctx, &widths, "");
    let accent = ctx.accent();
    for row in node.children() {
        let header = matches!(row.data().value, NodeValue::TableRow(true));
        out.push_str(if header {
            "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
        } else {
            "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
        });
        for (i, c) in row.children().enumerate() {
            let style = Style {
                bold: header,
                size,
                ..Style::default()
            };
            let fill = header.then_some(accent.as_str());
            let w = widths.get(i).copied().unwrap_or(ctx.text_width / 4);
            let margin = figure_margin.filter(|_| i > 0);
            ctx.room = Some(w.saturating_sub(2 * margin.unwrap_or(CELL_MARGIN)));
            let runs = inlines(ctx, walk, c, style);
            ctx.room = None;
            let cell = table::Cell {
                width: w,
                runs: Some(&runs),
                style,
                right: right.get(i).copied().unwrap_or(false),
                fill,
                margin,
                ..table::Cell::default()
            };
            out.push_str(&cell.xml(ctx));
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    out.push_str(&paragraph(ctx.style("Normal"), "", ""));
    out
}

/// The width, in twentieths of a point, a table cell needs for its pictures side by side, at
/// the size they are shown at in a cell (as in the other formats), with the cell's margins;
/// 0 for a cell without any.
fn pictures_width<'a>(ctx: &Ctx, cell: &'a AstNode<'a>) -> usize {
    let points: f64 = cell
        .descendants()
        .filter_map(|n| match &n.data().value {
            NodeValue::Image(link) => {
                let img = ctx.doc.assets.image(&link.url)?;
                ctx.doc.assets.cell_width(&link.url, img)
            }
            _ => None,
        })
        .sum();
    if points == 0.0 {
        return 0;
    }
    ((points * 20.0).ceil() as usize + 2 * CELL_MARGIN).min(ctx.text_width)
}

/// A chart: the caption (a SEQ field, and a REF to the table with its figures), then the
/// chart as a PNG at print resolution with its text alternative as alt text.
fn figure(ctx: &mut Ctx, f: &Pending) -> String {
    ctx.charts += 1;
    let n = ctx.charts;
    let chart = Chart {
        id: format!("diagram-{n}"),
        ..f.chart.clone()
    };
    let note = chart::scale_note(&chart)
        .map(|s| format!(" {s}"))
        .unwrap_or_default();
    let reference = format!(
        "{}{}",
        run("tabell ", Style::default(), None),
        field(
            &format!("REF {} \\h", table_bookmark(f.table)),
            &f.table.to_string(),
            Style::default()
        )
    );
    let caption = format!(
        "{}{}{}{}{}",
        run("Diagram ", Style::default(), None),
        field("SEQ Diagram \\* ARABIC", &n.to_string(), Style::default()),
        run(
            &format!(". {}. Siffrorna finns i ", chart.title),
            Style::default(),
            None
        ),
        reference,
        run(&format!(".{note}"), Style::default(), None)
    );
    let mut out = paragraph(ctx.style("caption"), "<w:keepNext/>", &caption);
    let alt = chart::description(&chart);
    let drawn = ctx
        .doc
        .figures
        .iter()
        .position(|p| std::ptr::eq(p, f))
        .and_then(|k| ctx.rasters.get(k).cloned().flatten());
    match drawn {
        Some((png, w, h)) => {
            let ratio = f64::from(h / w.max(1.0));
            let width_mm = crate::render::chart::print_width_mm(ratio);
            let cx = ((width_mm / 10.0 * super::front::EMU_CM as f64) as u64).min(ctx.text_emu());
            let cy = (cx as f64 * ratio) as u64;
            let (rid, id) = ctx.add_image(png, "png");
            out.push_str(&paragraph(
                ctx.style("Normal"),
                "<w:jc w:val=\"center\"/>",
                &picture(id, &rid, cx, cy, &chart.title, &alt),
            ));
        }
        None => out.push_str(&paragraph(
            ctx.style("Normal"),
            "",
            &run(&alt, Style::default(), None),
        )),
    }
    out
}
