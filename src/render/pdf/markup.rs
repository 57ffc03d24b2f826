//! The document's comrak tree as typst markup: the same walk as the HTML (`Document::block`
//! says which paragraph is a table or chart), with the title block replaced by the cover and
//! the Markdown contents list by typst's `outline`, which knows the page numbers. Images (the
//! charts' SVG and the pictures of the controller's text) become virtual files.

use std::collections::{BTreeMap, BTreeSet};

use comrak::nodes::{AstNode, ListType, NodeValue, TableAlignment};

use super::syntax::{label, string, text};
use super::table;
use crate::render::chart;
use crate::render::document::{Block, Document};
use crate::render::markdown;
use crate::render::markdown::percent_decode;
use crate::render::markers::table_anchor;
use crate::render::{ANNEX_PREFIX, diagram};

/// The heading that holds the Markdown contents list.
const CONTENTS: &str = "Innehåll";

/// The body as typst markup, and the virtual files it refers to.
#[derive(Debug, Default)]
pub struct Body {
    pub markup: String,
    pub files: BTreeMap<String, Vec<u8>>,
}

struct Walker<'d, 'a> {
    doc: &'d Document,
    /// Heading anchors in document order, as comrak gives them in HTML.
    anchors: std::vec::IntoIter<String>,
    /// Every label the body defines, so that a link to anything else stays plain text.
    labels: BTreeSet<String>,
    charts: usize,
    in_annex: bool,
    /// The level of the last heading: a tagged PDF may not skip a level on the way down, so a
    /// text's `####` right under a `##` is set as level 3.
    last_level: u8,
    /// Whether a table cell is being written: an image there is at most its own size.
    in_cell: bool,
    /// The footnotes' definitions by name (comrak gathers them at the end of the document);
    /// each is set where it is first referred to.
    notes: BTreeMap<String, &'a AstNode<'a>>,
    /// The notes set so far (a later reference refers to the note by its label), and whether a
    /// note's text is being written (typst sets no note inside a note).
    placed: BTreeSet<String>,
    in_note: bool,
    out: Body,
}

/// Walks the tree from the first level-2 heading on (what comes before it is the title block,
/// which the cover replaces).
pub fn body<'a>(doc: &Document, root: &'a AstNode<'a>) -> Body {
    let anchors: Vec<String> = markdown::headings(&doc.body)
        .into_iter()
        .map(|h| h.anchor)
        .collect();
    let mut labels: BTreeSet<String> = anchors.iter().map(|a| label(a)).collect();
    labels.extend(doc.tables.iter().map(|t| label(&table_anchor(t.number))));
    labels.extend((1..=doc.figures.len()).map(|n| label(&format!("diagram-{n}"))));
    let notes = root
        .children()
        .filter_map(|n| match &n.data().value {
            NodeValue::FootnoteDefinition(d) => Some((d.name.clone(), n)),
            _ => None,
        })
        .collect();
    let mut w = Walker {
        doc,
        notes,
        placed: BTreeSet::new(),
        in_note: false,
        anchors: anchors.into_iter(),
        labels,
        charts: 0,
        in_annex: false,
        // The cover's title is the one level-1 heading.
        last_level: 1,
        in_cell: false,
        out: Body::default(),
    };
    let mut started = false;
    let mut skip_list = false;
    for node in root.children() {
        if let NodeValue::Heading(h) = &node.data().value {
            started |= h.level >= 2;
            if h.level == 2 && markdown::plain_text(node) == CONTENTS {
                w.anchors.next();
                skip_list = true;
                w.out.markup.push_str("#contents\n\n");
                continue;
            }
        } else if !started {
            continue;
        }
        if !started {
            w.anchors.next();
            continue;
        }
        if skip_list && matches!(node.data().value, NodeValue::List(_)) {
            skip_list = false;
            continue;
        }
        skip_list = false;
        w.block(node);
    }
    w.out
}

impl<'a> Walker<'_, 'a> {
    fn push(&mut self, s: &str) {
        self.out.markup.push_str(s);
    }

    fn block(&mut self, node: &'a AstNode<'a>) {
        match self.doc.block(node) {
            Some(Block::Table(t)) => {
                let t = table::table(t);
                self.push(&t);
                return;
            }
            Some(Block::Figure(f)) => {
                self.figure(f);
                return;
            }
            None => {}
        }
        match &node.data().value {
            NodeValue::Heading(h) => {
                let level = h.level.clamp(2, self.last_level + 1);
                self.last_level = level;
                let anchor = self.anchors.next().unwrap_or_default();
                let title = markdown::plain_text(node);
                if level == 2 {
                    self.in_annex = title.starts_with(ANNEX_PREFIX);
                    if self.in_annex {
                        self.push("#pagebreak(weak: true)\n");
                    }
                }
                let outlined = level <= 3 && !(self.in_annex && level > 2);
                let inner = self.inlines(node);
                self.push(&format!(
                    "#heading(level: {level}, outlined: {outlined})[{inner}]<{}>\n\n",
                    label(&anchor)
                ));
            }
            NodeValue::Paragraph => {
                let inner = self.inlines(node);
                // typst remembers the footnotes of a paragraph that orphan or widow
                // prevention moves to the next page, and sets them on the page before
                // (typst/typst#5314): a paragraph with a note may leave one line behind.
                let noted = node
                    .descendants()
                    .any(|n| matches!(n.data().value, NodeValue::FootnoteReference(_)));
                if noted {
                    self.push(&format!(
                        "#[#set text(costs: (orphan: 0%, widow: 0%))\n{inner}\n]\n\n"
                    ));
                } else {
                    self.push(&format!("{inner}\n\n"));
                }
            }
            NodeValue::List(l) => {
                let items: Vec<String> = node
                    .children()
                    .map(|item| {
                        let saved = std::mem::take(&mut self.out.markup);
                        for child in item.children() {
                            self.block(child);
                        }
                        let inner = std::mem::replace(&mut self.out.markup, saved);
                        format!("[{}]", inner.trim_end())
                    })
                    .collect();
                let call = match l.list_type {
                    ListType::Bullet => format!("#list(tight: {}, ", l.tight),
                    ListType::Ordered => format!("#enum(tight: {}, start: {}, ", l.tight, l.start),
                };
                self.push(&format!("{call}{})\n\n", items.join(", ")));
            }
            NodeValue::BlockQuote => {
                self.push("#quote(block: true)[");
                for child in node.children() {
                    self.block(child);
                }
                self.push("]\n\n");
            }
            NodeValue::CodeBlock(c) => {
                self.push(&format!("#raw(block: true, {})\n\n", string(&c.literal)));
            }
            NodeValue::ThematicBreak => self.push("#line(length: 100%, stroke: 0.5pt + rule)\n\n"),
            NodeValue::Table(t) => {
                let aligns: Vec<&str> = t
                    .alignments
                    .iter()
                    .map(|a| match a {
                        TableAlignment::Right => "right",
                        TableAlignment::Center => "center",
                        _ => "left",
                    })
                    .collect();
                let mut cells = Vec::new();
                for row in node.children() {
                    let header = matches!(&row.data().value, NodeValue::TableRow(true));
                    self.in_cell = true;
                    let row_cells: Vec<String> = row
                        .children()
                        .map(|c| format!("[{}]", self.inlines(c)))
                        .collect();
                    self.in_cell = false;
                    if header {
                        cells.push(format!("table.header({})", row_cells.join(", ")));
                    } else {
                        cells.extend(row_cells);
                    }
                }
                self.push(&format!(
                    "#table(columns: {}, align: ({},), {})\n\n",
                    aligns.len(),
                    aligns.join(", "),
                    cells.join(", ")
                ));
            }
            // Raw HTML is not shown in any format; a footnote is set where it is referred to.
            NodeValue::HtmlBlock(_) | NodeValue::FootnoteDefinition(_) => {}
            _ => {
                let inner = self.inlines(node);
                if !inner.is_empty() {
                    self.push(&format!("{inner}\n\n"));
                }
            }
        }
    }

    fn figure(&mut self, f: &diagram::Pending) {
        self.charts += 1;
        let n = self.charts;
        let c = chart::Chart {
            id: format!("diagram-{n}"),
            ..f.chart.clone()
        };
        let path = format!("/diagram/{n}.svg");
        let (svg, ratio) = chart::drawn(&c);
        self.out.files.insert(path.clone(), svg.into_bytes());
        let note = chart::scale_note(&c)
            .map(|s| format!(" {s}"))
            .unwrap_or_default();
        let anchor = label(&table_anchor(f.table));
        self.push(&format!(
            "#figure(kind: image, supplement: none, numbering: none, placement: none,\ncaption: figure.caption(position: top)[#strong[{}] {}#link(<{anchor}>)[{}]{}],\nimage({}, alt: {}, width: {:.1}mm),\n)<{}>\n\n",
            text(&format!("Diagram {n}. {}.", c.title)),
            text("Siffrorna finns i "),
            text(&format!("tabell {}", f.table)),
            text(&format!(".{note}")),
            string(&path),
            string(&chart::description(&c)),
            chart::print_width_mm(ratio),
            label(&format!("diagram-{n}"))
        ));
    }

    /// A footnote where it is referred to: the first reference set sets the note, labelled; a
    /// later one refers to the same note (its number, no second note).
    fn footnote(&mut self, name: &str) -> String {
        let target = label(&format!("fotnot-{name}"));
        if self.placed.contains(&target) {
            return format!("#footnote(<{target}>)");
        }
        let Some(&def) = self.notes.get(name).filter(|_| !self.in_note) else {
            return String::new();
        };
        self.placed.insert(target.clone());
        let saved = std::mem::take(&mut self.out.markup);
        self.in_note = true;
        for child in def.children() {
            self.block(child);
        }
        self.in_note = false;
        let inner = std::mem::replace(&mut self.out.markup, saved);
        format!("#footnote[{}]<{target}>", inner.trim_end())
    }

    /// The inline children of `node` as markup.
    fn inlines(&mut self, node: &'a AstNode<'a>) -> String {
        let mut out = String::new();
        for child in node.children() {
            out.push_str(&self.inline(child));
        }
        out
    }

    fn inline(&mut self, node: &'a AstNode<'a>) -> String {
        match &node.data().value {
            NodeValue::Text(t) => text(t),
            NodeValue::SoftBreak => " ".into(),
            NodeValue::LineBreak => "#linebreak()".into(),
            NodeValue::Code(c) => format!("#raw({})", string(&c.literal)),
            NodeValue::Emph => format!("#emph[{}]", self.inlines(node)),
            NodeValue::Strong => format!("#strong[{}]", self.inlines(node)),
            NodeValue::Strikethrough => format!("#strike[{}]", self.inlines(node)),
            NodeValue::HtmlInline(_) => String::new(),
            NodeValue::FootnoteReference(r) => self.footnote(&r.name),
            NodeValue::Link(link) => {
                let inner = self.inlines(node);
                let url = link.url.as_str();
                if let Some(anchor) = url.strip_prefix('#') {
                    let target = label(&percent_decode(anchor));
                    if self.labels.contains(&target) {
                        return format!("#link(<{target}>)[{inner}]");
                    }
                    return inner;
                }
                if ["https://", "http://", "mailto:"]
                    .iter()
                    .any(|p| url.starts_with(p))
                {
                    return format!("#link({})[{inner}]", string(url));
                }
                inner
            }
            NodeValue::Image(link) => {
                let alt = markdown::plain_text(node);
                match self.doc.assets.image(&link.url) {
                    Some(img) => {
                        let path = format!(
                            "/bild/{}.{}",
                            self.out.files.len() + 1,
                            img.kind.extension()
                        );
                        self.out.files.insert(path.clone(), img.bytes.clone());
                        // As wide as the Word document shows it, but never wider than the
                        // text; a drawing (SVG) given no width as wide as the text, or in a
                        // table cell as its own size.
                        let width = if self.in_cell {
                            self.doc.assets.cell_width(&link.url, img)
                        } else {
                            self.doc.assets.width(&link.url, img)
                        };
                        let width = match width {
                            Some(pt) => format!("calc.min({pt}pt, size.width)"),
                            None => "100%".into(),
                        };
                        let image = |alt: &str| {
                            format!("box(image({}{alt}, width: {width}))", string(&path))
                        };
                        // An image without alt text is decorative, as `alt=""` is in HTML:
                        // an artifact that assistive technology passes over.
                        if alt.trim().is_empty() {
                            format!("#layout(size => pdf.artifact({}))", image(""))
                        } else {
                            let alt = format!(", alt: {}", string(&alt));
                            format!("#layout(size => {})", image(&alt))
                        }
                    }
                    // The edge reads every image the texts name; without it, its text stands.
                    None => text(&alt),
                }
            }
            _ => self.inlines(node),
        }
    }
}
