//! The WordprocessingML that no crate writes for us: escaping, runs, complex fields (TOC,
//! SEQ, REF, PAGEREF, PAGE), bookmarks, inline pictures with alt text, and the fixed package
//! parts (content types, relationships, core properties). Strings in, strings out.

use std::collections::BTreeMap;
use std::fmt::Write;

/// The namespaces every main part declares.
pub const NS: &str = concat!(
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" ",
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" ",
    "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" ",
    "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" ",
    "xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\""
);

pub const REL_BASE: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
pub const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// Escapes text for XML element content and double-quoted attributes; drops the control
/// characters XML 1.0 cannot carry.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Character formatting of a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Style {
    pub bold: bool,
    pub italic: bool,
    pub strike: bool,
    pub code: bool,
    /// Inside a hyperlink (the caller gives the Hyperlink character style to [`run`]).
    pub link: bool,
    /// A size other than the paragraph style's, in half points.
    pub size: Option<u8>,
}

impl Style {
    fn props(self, char_style: Option<&str>) -> String {
        let mut p = String::new();
        if let Some(s) = char_style {
            let _ = write!(p, "<w:rStyle w:val=\"{}\"/>", esc(s));
        }
        if self.code {
            p.push_str("<w:rFonts w:ascii=\"Consolas\" w:hAnsi=\"Consolas\" w:cs=\"Consolas\"/>");
        }
        if self.bold {
            p.push_str("<w:b/><w:bCs/>");
        }
        if self.italic {
            p.push_str("<w:i/><w:iCs/>");
        }
        if self.strike {
            p.push_str("<w:strike/>");
        }
        if let Some(size) = self.size {
            let _ = write!(p, "<w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/>");
        }
        if p.is_empty() {
            p
        } else {
            format!("<w:rPr>{p}</w:rPr>")
        }
    }
}

/// A run of text.
pub fn run(text: &str, style: Style, char_style: Option<&str>) -> String {
    format!(
        "<w:r>{}<w:t xml:space=\"preserve\">{}</w:t></w:r>",
        style.props(char_style),
        esc(text)
    )
}

/// A complex field: `instr` with `result` as the text shown until Word updates it.
pub fn field(instr: &str, result: &str, style: Style) -> String {
    let p = style.props(None);
    format!(
        "<w:r>{p}<w:fldChar w:fldCharType=\"begin\"/></w:r><w:r>{p}<w:instrText xml:space=\"preserve\"> {} </w:instrText></w:r><w:r>{p}<w:fldChar w:fldCharType=\"separate\"/></w:r><w:r>{p}<w:t xml:space=\"preserve\">{}</w:t></w:r><w:r>{p}<w:fldChar w:fldCharType=\"end\"/></w:r>",
        esc(instr),
        esc(result)
    )
}

/// `inner` wrapped in the bookmark `name` (id `id`).
pub fn bookmark(id: usize, name: &str, inner: &str) -> String {
    format!(
        "<w:bookmarkStart w:id=\"{id}\" w:name=\"{}\"/>{inner}<w:bookmarkEnd w:id=\"{id}\"/>",
        esc(name)
    )
}

/// The bookmark name of table number `n`'s caption label ("Tabell n").
pub fn table_bookmark(n: usize) -> String {
    format!("_Ref_tabell_{n}")
}

/// A paragraph with the given paragraph style id and extra paragraph properties.
pub fn paragraph(style: &str, extra_props: &str, content: &str) -> String {
    format!(
        "<w:p><w:pPr><w:pStyle w:val=\"{}\"/>{extra_props}</w:pPr>{content}</w:p>",
        esc(style)
    )
}

/// EMU per pixel at 96 dpi.
pub const EMU_PER_PX: u64 = 9525;
/// English Metric Units in a twentieth of a point.
pub const EMU_PER_TWIP: u64 = 635;

/// An inline picture of `cx` × `cy` EMU from relationship `rid`, with `alt` as its
/// description (the text alternative screen readers read) and `title`.
pub fn picture(id: usize, rid: &str, cx: u64, cy: u64, title: &str, alt: &str) -> String {
    let (title, alt) = (esc(title), esc(alt));
    format!(
        "<w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"{cx}\" cy=\"{cy}\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/><wp:docPr id=\"{id}\" name=\"Bild {id}\" descr=\"{alt}\" title=\"{title}\"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr><a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic><pic:nvPicPr><pic:cNvPr id=\"{id}\" name=\"Bild {id}\" descr=\"{alt}\"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed=\"{rid}\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{cx}\" cy=\"{cy}\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
    )
}

/// One relationship of a `.rels` part.
#[derive(Debug, Clone)]
pub struct Rel {
    pub id: String,
    /// The type's last segment under [`REL_BASE`] ("image", "hyperlink", "footer"), or a full URI.
    pub kind: String,
    pub target: String,
    pub external: bool,
}

impl Rel {
    fn type_uri(&self) -> String {
        if self.kind.contains("://") {
            self.kind.clone()
        } else {
            format!("{REL_BASE}/{}", self.kind)
        }
    }
}

/// A `.rels` part.
pub fn rels(rels: &[Rel]) -> String {
    let mut out = format!(
        "{XML_HEAD}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    );
    for r in rels {
        let mode = if r.external {
            " TargetMode=\"External\""
        } else {
            ""
        };
        let _ = write!(
            out,
            "<Relationship Id=\"{}\" Type=\"{}\" Target=\"{}\"{mode}/>",
            esc(&r.id),
            esc(&r.type_uri()),
            esc(&r.target)
        );
    }
    out.push_str("</Relationships>");
    out
}

/// The package's root relationships.
pub fn package_rels() -> String {
    rels(&[
        Rel {
            id: "rId1".into(),
            kind: "officeDocument".into(),
            target: "word/document.xml".into(),
            external: false,
        },
        Rel {
            id: "rId2".into(),
            kind: "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties".into(),
            target: "docProps/core.xml".into(),
            external: false,
        },
        Rel {
            id: "rId3".into(),
            kind: "extended-properties".into(),
            target: "docProps/app.xml".into(),
            external: false,
        },
    ])
}

/// The content type of a part by its name, for `[Content_Types].xml` overrides.
pub fn content_type(part: &str) -> Option<&'static str> {
    let name = part.rsplit('/').next().unwrap_or(part);
    if !name.ends_with(".xml") {
        return None;
    }
    Some(match part {
        "word/document.xml" => {
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
        }
        "docProps/core.xml" => "application/vnd.openxmlformats-package.core-properties+xml",
        "docProps/app.xml" => {
            "application/vnd.openxmlformats-officedocument.extended-properties+xml"
        }
        _ if part.starts_with("word/theme/") => {
            "application/vnd.openxmlformats-officedocument.theme+xml"
        }
        _ if name.starts_with("header") => {
            "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
        }
        _ if name.starts_with("footer") => {
            "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"
        }
        "word/styles.xml" => {
            "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"
        }
        "word/settings.xml" => {
            "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"
        }
        "word/numbering.xml" => {
            "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"
        }
        "word/footnotes.xml" => {
            "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
        }
        "word/fontTable.xml" => {
            "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"
        }
        "word/webSettings.xml" => {
            "application/vnd.openxmlformats-officedocument.wordprocessingml.webSettings+xml"
        }
        _ => return None,
    })
}

/// The default content types by extension (media); the template may add more.
const DEFAULTS: &[(&str, &str)] = &[
    (
        "rels",
        "application/vnd.openxmlformats-package.relationships+xml",
    ),
    ("xml", "application/xml"),
    ("png", "image/png"),
    ("jpeg", "image/jpeg"),
    ("jpg", "image/jpeg"),
    ("gif", "image/gif"),
    ("emf", "image/x-emf"),
    ("wmf", "image/x-wmf"),
    ("svg", "image/svg+xml"),
];

/// `[Content_Types].xml` for the given parts. A part we do not know keeps the type the
/// template's `overrides` give it; the template's `defaults` add extensions we lack.
pub fn content_types(
    parts: &[String],
    overrides: &BTreeMap<String, String>,
    defaults: &BTreeMap<String, String>,
) -> String {
    let mut out = format!(
        "{XML_HEAD}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    );
    for (ext, t) in DEFAULTS {
        let _ = write!(out, "<Default Extension=\"{ext}\" ContentType=\"{t}\"/>");
    }
    for (ext, t) in defaults {
        if !DEFAULTS.iter().any(|(e, _)| e == ext) {
            let _ = write!(
                out,
                "<Default Extension=\"{}\" ContentType=\"{}\"/>",
                esc(ext),
                esc(t)
            );
        }
    }
    for p in parts {
        let t = content_type(p).or_else(|| overrides.get(p).map(String::as_str));
        if let Some(t) = t {
            let _ = write!(
                out,
                "<Override PartName=\"/{}\" ContentType=\"{}\"/>",
                esc(p),
                esc(t)
            );
        }
    }
    out.push_str("</Types>");
    out
}

/// The core properties: title, author (the organisation), subject and keywords.
pub fn core(title: &str, organisation: &str, subject: &str, year: i32) -> String {
    format!(
        "{XML_HEAD}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>{}</dc:title><dc:subject>{}</dc:subject><dc:creator>{}</dc:creator><cp:keywords>kvalitetsberättelse {year}</cp:keywords><dc:language>{}</dc:language></cp:coreProperties>",
        esc(title),
        esc(subject),
        esc(organisation),
        crate::render::document::LANGUAGE
    )
}

/// The extended properties: the application and the company.
pub fn app(organisation: &str) -> String {
    format!(
        "{XML_HEAD}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"><Application>kvalitet</Application><Company>{}</Company></Properties>",
        esc(organisation)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_control_characters_dropped() {
        assert_eq!(esc("a<b>&\"c\"\u{7}\td"), "a&lt;b&gt;&amp;&quot;c&quot; d");
    }

    #[test]
    fn fields_keep_their_result_between_separate_and_end() {
        let f = field("SEQ Tabell \\* ARABIC", "3", Style::default());
        let sep = f.find("separate").unwrap();
        let end = f.find("fldCharType=\"end\"").unwrap();
        let result = f.find(">3</w:t>").unwrap();
        assert!(sep < result && result < end, "{f}");
        assert!(f.contains("> SEQ Tabell \\* ARABIC </w:instrText>"));
    }

    #[test]
    fn known_parts_get_their_content_type() {
        assert!(
            content_type("word/footer1.xml")
                .unwrap()
                .ends_with("footer+xml")
        );
        assert!(
            content_type("word/header2.xml")
                .unwrap()
                .ends_with("header+xml")
        );
        assert!(
            content_type("word/styles.xml")
                .unwrap()
                .ends_with("styles+xml")
        );
        assert_eq!(content_type("word/media/bild.png"), None);
    }
}
