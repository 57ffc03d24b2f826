//! The comrak tree as WordprocessingML body content: the cover from the meta, the contents
//! as a pre-filled TOC field, headings in the built-in heading styles (bookmarked for the
//! contents), paragraphs, lists, quotes, the tables and charts the marker paragraphs stand
//! for, and "se tabell N" as a REF field to the table's caption.

use std::collections::HashMap;
use std::fmt::Write;

use comrak::Anchorizer;
use comrak::nodes::{AstNode, ListType, NodeValue};

use super::ooxml::{Style, bookmark, esc, field, paragraph, picture, run, table_bookmark};
use super::{Ctx, image, table};
use crate::render::chart::{self, Chart};
use crate::render::document::{Block, ImageKind};
use crate::render::markdown::plain_text;
use crate::render::{ANNEX_PREFIX, diagram::Pending};

/// The heading that stands for the contents in the Markdown.
const CONTENTS: &str = "Innehåll";
/// EMU per centimetre.
const EMU_CM: u64 = 360_000;
/// The width of the text area in EMU (16 cm).
const TEXT_EMU: u64 = 16 * EMU_CM;

/// A heading of the document with the bookmark the contents link to.
struct Head {
    level: u8,
    text: String,
    bookmark: String,
    in_contents: bool,
}

struct Walk {
    heads: Vec<Head>,
    /// Heading anchors (as the HTML has them) to bookmarks.
    anchors: HashMap<String, String>,
    next_head: usize,
}

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
    let mut walk = scan(&nodes[cover_end..], root);
    let mut out = cover(ctx, &nodes[..cover_end]);
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
            out.push_str(&contents(ctx, &walk.heads));
            skip_list = true;
            continue;
        }
        block(ctx, &mut walk, node, &mut out, 0);
    }
    out
}

/// The headings after the cover, numbered for their bookmarks, and every heading's anchor.
fn scan<'a>(nodes: &[&'a AstNode<'a>], root: &'a AstNode<'a>) -> Walk {
    let mut heads = Vec::new();
    let mut in_annex = false;
    for n in nodes {
        if let NodeValue::Heading(h) = &n.data().value {
            let text = plain_text(n);
            if h.level == 2 && text == CONTENTS {
                continue;
            }
            if h.level == 2 {
                in_annex = text.starts_with(ANNEX_PREFIX);
            }
            let in_contents = h.level == 2 || (h.level == 3 && !in_annex);
            heads.push(Head {
                level: h.level,
                bookmark: format!("_Toc_kv{}", heads.len() + 1),
                text,
                in_contents,
            });
        }
    }
    // Anchors as comrak gives them, over every heading of the document in order.
    let mut anchorizer = Anchorizer::new();
    let mut anchors = HashMap::new();
    let mut k = 0;
    for n in root.descendants() {
        if let NodeValue::Heading(h) = &n.data().value {
            let text = plain_text(n);
            let anchor = anchorizer.anchorize(&text);
            if let Some(head) = heads.get(k)
                && head.text == text
                && head.level == h.level
            {
                anchors.insert(anchor, head.bookmark.clone());
                k += 1;
            }
        }
    }
    Walk {
        heads,
        anchors,
        next_head: 0,
    }
}

/// The cover page: logo, title, subtitle and the lines of the meta (or, without a meta, the
/// Markdown's own lines under its title).
fn cover<'a>(ctx: &mut Ctx, nodes: &[&'a AstNode<'a>]) -> String {
    let meta = &ctx.doc.meta;
    let mut out = String::new();
    if let Some(logo) = meta.logo.clone() {
        let size = match logo.kind {
            ImageKind::Svg => None,
            kind => image::size(&logo.bytes, kind),
        };
        let placed = match (logo.kind, size) {
            (ImageKind::Svg, _) => {
                image::rasterise(&String::from_utf8_lossy(&logo.bytes), ctx.fonts)
                    .map(|(png, w, h)| (png, w as f64, h as f64, "png"))
            }
            (_, Some((w, h))) => Some((
                logo.bytes.clone(),
                w as f64,
                h as f64,
                super::extension(logo.kind),
            )),
            _ => None,
        };
        if let Some((bytes, w, h, ext)) = placed {
            let cx = 5 * EMU_CM;
            let cy = (cx as f64 * h / w.max(1.0)) as u64;
            let (rid, id) = ctx.add_image(bytes, ext);
            let alt = format!("Logotyp för {}", meta.organisation);
            out.push_str(&paragraph(
                ctx.style("Normal"),
                "",
                &picture(id, &rid, cx, cy, &alt, &alt),
            ));
        }
    }
    let meta = &ctx.doc.meta;
    let title = if meta.title.is_empty() {
        nodes.first().map(|n| plain_text(n)).unwrap_or_default()
    } else {
        meta.title.clone()
    };
    out.push_str(&paragraph(
        ctx.style("Title"),
        "",
        &run(&title, Style::default(), None),
    ));
    if let Some(s) = &meta.subtitle {
        out.push_str(&paragraph(
            ctx.style("Subtitle"),
            "",
            &run(s, Style::default(), None),
        ));
    }
    let line_style = ctx.style("Omslagstext").to_string();
    let line = |text: &str| paragraph(&line_style, "", &run(text, Style::default(), None));
    if meta.organisation.is_empty() && meta.namnd.is_empty() {
        for n in nodes.iter().skip(1) {
            out.push_str(&line(&plain_text(n)));
        }
        return out;
    }
    for s in [&meta.namnd, &meta.forvaltning, &meta.organisation] {
        if !s.is_empty() {
            out.push_str(&line(s));
        }
    }
    let labelled = [
        ("Datum", &meta.date),
        ("Diarienummer", &meta.diarienummer),
        ("Beslutsdatum", &meta.beslutsdatum),
    ];
    let mut first = true;
    for (label, value) in labelled {
        if let Some(v) = value {
            let extra = if first {
                "<w:spacing w:before=\"480\"/>"
            } else {
                ""
            };
            first = false;
            out.push_str(&paragraph(
                &line_style,
                extra,
                &run(&format!("{label}: {v}"), Style::default(), None),
            ));
        }
    }
    if let Some(c) = &meta.contact {
        let parts: Vec<&str> = [
            Some(c.name.as_str()),
            c.title.as_deref(),
            c.email.as_deref(),
        ]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect();
        out.push_str(&paragraph(
            &line_style,
            "<w:spacing w:before=\"480\"/>",
            &run(
                &format!("Kontakt: {}", parts.join(", ")),
                Style::default(),
                None,
            ),
        ));
    }
    out
}

/// The contents: a TOC field Word updates, pre-filled with the headings (as links) so that
/// it is never empty, then a page break.
fn contents(ctx: &Ctx, heads: &[Head]) -> String {
    let mut out = paragraph(
        ctx.style("TOC Heading"),
        "",
        &run(CONTENTS, Style::default(), None),
    );
    let entries: Vec<&Head> = heads.iter().filter(|h| h.in_contents).collect();
    let begin = "<w:r><w:fldChar w:fldCharType=\"begin\" w:dirty=\"true\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> TOC \\o \"1-2\" \\h \\z \\u </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>";
    let end = "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>";
    if entries.is_empty() {
        out.push_str(&paragraph(ctx.style("toc 1"), "", &format!("{begin}{end}")));
    }
    for (i, h) in entries.iter().enumerate() {
        let style = if h.level == 2 { "toc 1" } else { "toc 2" };
        let link = format!(
            "<w:hyperlink w:anchor=\"{}\" w:history=\"1\">{}</w:hyperlink>",
            esc(&h.bookmark),
            run(&h.text, Style::default(), None)
        );
        let mut content = String::new();
        if i == 0 {
            content.push_str(begin);
        }
        content.push_str(&link);
        if i + 1 == entries.len() {
            content.push_str(end);
        }
        out.push_str(&paragraph(ctx.style(style), "", &content));
    }
    out.push_str("<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>");
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
        NodeValue::Table(_) => out.push_str(&own_table(ctx, node)),
        NodeValue::HtmlBlock(_) | NodeValue::FrontMatter(_) => {}
        _ => {
            for child in node.children() {
                block(ctx, walk, child, out, depth);
            }
        }
    }
}

/// A GFM table of the controller's own text as a Word table (first row repeated).
fn own_table<'a>(ctx: &mut Ctx, node: &'a AstNode<'a>) -> String {
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
    let widths = table::grid(&cols);
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
            let text = plain_text(c);
            let style = Style {
                bold: header,
                ..Style::default()
            };
            let fill = header.then_some(accent.as_str());
            let w = widths.get(i).copied().unwrap_or(table::TEXT_WIDTH / 4);
            let cell = table::Cell {
                width: w,
                text: &text,
                style,
                right: right.get(i).copied().unwrap_or(false),
                fill,
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
            let cx = TEXT_EMU;
            let cy = (cx as f64 * (h / w.max(1.0)) as f64) as u64;
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

/// The inline content of `node` as runs.
fn inlines<'a>(ctx: &mut Ctx, walk: &Walk, node: &'a AstNode<'a>, style: Style) -> String {
    let mut out = String::new();
    let link = style.link.then(|| ctx.style("Hyperlink").to_string());
    let link = link.as_deref();
    for child in node.children() {
        match &child.data().value {
            NodeValue::Text(t) => out.push_str(&run(t, style, link)),
            NodeValue::SoftBreak => out.push_str(&run(" ", style, link)),
            NodeValue::LineBreak => out.push_str("<w:r><w:br/></w:r>"),
            NodeValue::Code(c) => out.push_str(&run(
                &c.literal,
                Style {
                    code: true,
                    ..style
                },
                link,
            )),
            NodeValue::Emph => out.push_str(&inlines(
                ctx,
                walk,
                child,
                Style {
                    italic: true,
                    ..style
                },
            )),
            NodeValue::Strong => out.push_str(&inlines(
                ctx,
                walk,
                child,
                Style {
                    bold: true,
                    ..style
                },
            )),
            NodeValue::Strikethrough => out.push_str(&inlines(
                ctx,
                walk,
                child,
                Style {
                    strike: true,
                    ..style
                },
            )),
            NodeValue::Link(link) => out.push_str(&hyperlink(ctx, walk, child, &link.url, style)),
            NodeValue::Image(link) => out.push_str(&own_image(ctx, child, &link.url, &link.title)),
            NodeValue::HtmlInline(_) | NodeValue::Raw(_) => {}
            _ => out.push_str(&inlines(ctx, walk, child, style)),
        }
    }
    out
}

/// A link: to a table, a REF field to its caption; to a heading, an internal hyperlink; else
/// an external hyperlink.
fn hyperlink<'a>(
    ctx: &mut Ctx,
    walk: &Walk,
    node: &'a AstNode<'a>,
    url: &str,
    style: Style,
) -> String {
    if let Some(n) = url
        .strip_prefix("#tabell-")
        .and_then(|n| n.parse::<usize>().ok())
        && ctx.doc.tables.iter().any(|t| t.number == n)
    {
        // The bookmark holds the number only, so the words around it stay as written.
        let text = plain_text(node);
        let prefix = text.strip_suffix(&n.to_string()).unwrap_or("tabell ");
        return format!(
            "{}{}",
            run(prefix, style, None),
            field(
                &format!("REF {} \\h", table_bookmark(n)),
                &n.to_string(),
                style
            )
        );
    }
    let inner = inlines(
        ctx,
        walk,
        node,
        Style {
            link: true,
            ..style
        },
    );
    if let Some(anchor) = url.strip_prefix('#') {
        return match walk.anchors.get(anchor) {
            Some(b) => format!(
                "<w:hyperlink w:anchor=\"{}\" w:history=\"1\">{inner}</w:hyperlink>",
                esc(b)
            ),
            None => inner,
        };
    }
    let rid = ctx.rel("hyperlink", url.to_string(), true);
    format!("<w:hyperlink r:id=\"{rid}\" w:history=\"1\">{inner}</w:hyperlink>")
}

/// An image of the controller's text, from the assets; its alt text as the description. An
/// image the edge did not read stays its alt text.
fn own_image<'a>(ctx: &mut Ctx, node: &'a AstNode<'a>, url: &str, title: &str) -> String {
    let alt = plain_text(node);
    let Some(img) = ctx.doc.assets.images.get(url).cloned() else {
        return run(&alt, Style::default(), None);
    };
    let placed = match img.kind {
        ImageKind::Svg => image::rasterise(&String::from_utf8_lossy(&img.bytes), ctx.fonts)
            .map(|(png, w, h)| (png, w as f64, h as f64, "png")),
        kind => image::size(&img.bytes, kind).map(|(w, h)| {
            (
                img.bytes.clone(),
                w as f64,
                h as f64,
                super::extension(kind),
            )
        }),
    };
    let Some((bytes, w, h, ext)) = placed else {
        return run(&alt, Style::default(), None);
    };
    // At 96 dpi, but never wider than the text.
    let mut cx = (w as u64) * super::ooxml::EMU_PER_PX;
    if cx > TEXT_EMU {
        cx = TEXT_EMU;
    }
    let cy = (cx as f64 * h / w.max(1.0)) as u64;
    let (rid, id) = ctx.add_image(bytes, ext);
    let mut s = picture(
        id,
        &rid,
        cx,
        cy,
        if title.is_empty() { &alt } else { title },
        &alt,
    );
    let _ = write!(s, "");
    s
}
