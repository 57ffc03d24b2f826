//! The front of the Word document: the cover from the meta (logo, title, the committee's
//! lines) and the contents as a pre-filled TOC field, with the headings it lists and the
//! bookmarks they get.

use std::collections::HashMap;

use comrak::Anchorizer;
use comrak::nodes::{AstNode, NodeValue};

use super::ooxml::{Style, esc, paragraph, picture, run};
use super::{Ctx, image};
use crate::render::ANNEX_PREFIX;
use crate::render::document::ImageKind;
use crate::render::markdown::plain_text;

/// The heading that stands for the contents in the Markdown.
pub const CONTENTS: &str = "Innehåll";
/// EMU per centimetre.
pub const EMU_CM: u64 = 360_000;

/// A heading of the document with the bookmark the contents link to.
pub struct Head {
    pub level: u8,
    pub text: String,
    pub bookmark: String,
    in_contents: bool,
}

pub struct Walk {
    pub heads: Vec<Head>,
    /// Heading anchors (as the HTML has them) to bookmarks.
    pub anchors: HashMap<String, String>,
    pub next_head: usize,
}

/// The headings after the cover, numbered for their bookmarks, and every heading's anchor.
pub fn scan<'a>(nodes: &[&'a AstNode<'a>], root: &'a AstNode<'a>) -> Walk {
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
pub fn cover<'a>(ctx: &mut Ctx, nodes: &[&'a AstNode<'a>]) -> String {
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
pub fn contents(ctx: &Ctx, heads: &[Head]) -> String {
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
