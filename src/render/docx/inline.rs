//! Inline content as runs: text with its emphasis, links (a table reference as a REF field
//! to the caption's number, a heading as an internal hyperlink, else an external one) and the
//! images of the controller's own text.

use std::fmt::Write;

use comrak::nodes::{AstNode, NodeValue};

use super::front::Walk;
use super::ooxml::{Style, esc, field, picture, run, table_bookmark};
use super::{Ctx, image};
use crate::render::document::{EMU_PER_POINT, ImageKind};
use crate::render::markdown::plain_text;

/// The inline content of `node` as runs.
pub fn inlines<'a>(ctx: &mut Ctx, walk: &Walk, node: &'a AstNode<'a>, style: Style) -> String {
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
            NodeValue::FootnoteReference(r) => out.push_str(&footnote(ctx, walk, child, &r.name)),
            NodeValue::HtmlInline(_) | NodeValue::Raw(_) => {}
            _ => out.push_str(&inlines(ctx, walk, child, style)),
        }
    }
    out
}

/// A footnote reference: the first to a note writes the note into the footnotes part and
/// stands as Word's reference mark; a later one to the same note shows its number, as a
/// superscript in the same style (Word gives one note one reference).
fn footnote<'a>(ctx: &mut Ctx, walk: &Walk, node: &'a AstNode<'a>, name: &str) -> String {
    let mark = ctx.style("footnote reference").to_string();
    if let Some(&id) = ctx.note_ids.get(name) {
        let shown = id + 1 - ctx.first_note;
        return run(&shown.to_string(), Style::default(), Some(&mark));
    }
    // Word has no note inside a note.
    if ctx.in_note {
        return String::new();
    }
    // comrak gathers the definitions as the document's last blocks.
    let Some(def) = node.ancestors().last().and_then(|root| {
        root.reverse_children()
            .find(|n| matches!(&n.data().value, NodeValue::FootnoteDefinition(d) if d.name == name))
    }) else {
        return String::new();
    };
    let id = ctx.first_note + ctx.footnotes.len();
    ctx.note_ids.insert(name.to_string(), id);
    let text_style = ctx.style("footnote text").to_string();
    let was_in_note = std::mem::replace(&mut ctx.in_note, true);
    let mut paragraphs = String::new();
    for (i, block) in def.children().enumerate() {
        let runs = match block.data().value {
            NodeValue::Paragraph => inlines(ctx, walk, block, Style::default()),
            _ => run(&plain_text(block), Style::default(), None),
        };
        let number = if i == 0 {
            format!(
                "<w:r><w:rPr><w:rStyle w:val=\"{}\"/></w:rPr><w:footnoteRef/></w:r>{}",
                esc(&mark),
                run(" ", Style::default(), None)
            )
        } else {
            String::new()
        };
        paragraphs.push_str(&super::ooxml::paragraph(
            &text_style,
            "",
            &format!("{number}{runs}"),
        ));
    }
    ctx.in_note = was_in_note;
    ctx.footnotes.push(format!(
        "<w:footnote w:id=\"{id}\">{paragraphs}</w:footnote>"
    ));
    format!(
        "<w:r><w:rPr><w:rStyle w:val=\"{}\"/></w:rPr><w:footnoteReference w:id=\"{id}\"/></w:r>",
        esc(&mark)
    )
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
    // In a footnote a link is its text, and an address after it; a table's number or a
    // heading stays its text.
    if ctx.in_note {
        let text = inlines(ctx, walk, node, style);
        return if url.starts_with('#') {
            text
        } else {
            format!("{text}{}", run(&format!(" ({url})"), style, None))
        };
    }
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
    let Some(img) = ctx.doc.assets.image(url).cloned().filter(|_| !ctx.in_note) else {
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
    // As wide as the source gave it (a Word text's picture), else its pixels at 96 dpi, but
    // never wider than the text, or than its table cell.
    let mut cx = match ctx.doc.assets.width(url, &img) {
        Some(pt) => (pt * EMU_PER_POINT) as u64,
        None => (w as u64) * super::ooxml::EMU_PER_PX,
    };
    cx = cx.min(ctx.room_emu());
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
