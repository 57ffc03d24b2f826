//! The municipality's Word template (`.docx` or `.dotx`), used as pandoc uses a reference
//! document: its styles, page setup (the body's last section), headers and footers with their
//! pictures, theme, fonts, footnote separators and settings are kept; its body text is not.
//! Our styles are found in it by their names (so a Swedish Word's "Rubrik1" is used for
//! "heading 1"); a style it lacks is added. Parsing checks the file and says in Swedish what
//! is wrong with it; the caller names the file.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::Event;

use super::ooxml::Rel;

/// The parts we write ourselves, never copied from the template.
const OWN: &[&str] = &[
    "[Content_Types].xml",
    "_rels/.rels",
    "word/document.xml",
    "word/_rels/document.xml.rels",
    "docProps/core.xml",
    "docProps/app.xml",
    "word/styles.xml",
    "word/settings.xml",
    "word/numbering.xml",
];

/// A checked template.
#[derive(Debug, Clone)]
pub struct Template {
    files: BTreeMap<String, Vec<u8>>,
    /// Style ids by lower-case style name.
    pub style_ids: BTreeMap<String, String>,
    /// The template's content-type overrides by part name (without the leading slash).
    pub content_types: BTreeMap<String, String>,
    /// The template's default content types by extension (its media may need them).
    pub content_defaults: BTreeMap<String, String>,
    rels: Vec<Rel>,
    section: Option<String>,
}

impl Template {
    /// Reads and checks a template; the error says what is wrong, in Swedish.
    pub fn parse(bytes: &[u8]) -> Result<Template, String> {
        if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            return Err("filen är lösenordsskyddad eller sparad i det gamla Word-formatet (.doc); spara den som .docx eller .dotx utan lösenord".into());
        }
        if !bytes.starts_with(b"PK") {
            return Err("filen är ingen Word-fil (.docx eller .dotx)".into());
        }
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|_| "filen är skadad: zip-arkivet kan inte läsas".to_string())?;
        let mut files = BTreeMap::new();
        for i in 0..zip.len() {
            let mut f = zip
                .by_index(i)
                .map_err(|_| "filen är skadad: zip-arkivet kan inte läsas".to_string())?;
            if f.is_dir() {
                continue;
            }
            let name = f
                .name()
                .map_err(|_| "filen är skadad: ett namn i zip-arkivet kan inte läsas".to_string())?
                .trim_start_matches('/')
                .to_string();
            let mut buf = Vec::new();
            f.read_to_end(&mut buf)
                .map_err(|_| format!("filen är skadad: {name} kan inte packas upp"))?;
            files.insert(name, buf);
        }
        let document = text(&files, "word/document.xml")?
            .ok_or("filen är ingen Word-fil: word/document.xml saknas (är det ett kalkylblad eller en presentation?)")?;
        let styles = text(&files, "word/styles.xml")?.unwrap_or_default();
        let style_ids = style_ids(&styles)?;
        let types = text(&files, "[Content_Types].xml")?
            .ok_or("filen är skadad: [Content_Types].xml saknas")?;
        let (content_types, content_defaults) = content_types(&types)?;
        let rels = match text(&files, "word/_rels/document.xml.rels")? {
            Some(r) => relationships(&r)?,
            None => Vec::new(),
        };
        for part in ["word/settings.xml", "word/numbering.xml"] {
            text(&files, part)?;
        }
        let section = last_section(&document);
        Ok(Template {
            files,
            style_ids,
            content_types,
            content_defaults,
            rels,
            section,
        })
    }

    /// The template's page setup with its header and footer references, if it has one.
    pub fn section(&self) -> Option<String> {
        self.section.clone()
    }

    /// Whether the template's section has a footer of its own.
    pub fn has_footer(&self) -> bool {
        self.section
            .as_deref()
            .is_some_and(|s| s.contains("footerReference"))
    }

    /// The width of the text on the template's page (its last section), in twentieths of a
    /// point: the page less its side margins and gutter. `None` when the section does not say.
    pub fn text_width(&self) -> Option<usize> {
        section_text_width(self.section.as_deref()?)
    }

    /// The template's `styles.xml` and its theme's part, as text.
    pub fn styles_and_theme(&self) -> (String, Option<String>) {
        let theme = self
            .files
            .keys()
            .find(|k| k.starts_with("word/theme/") && k.ends_with(".xml"))
            .map(|k| self.string(k));
        (self.string("word/styles.xml"), theme)
    }

    /// The template's footnotes part, if it has one.
    pub fn footnotes(&self) -> Option<String> {
        self.files
            .contains_key("word/footnotes.xml")
            .then(|| self.string("word/footnotes.xml"))
    }

    /// The parts copied as they are.
    pub fn kept_parts(&self) -> impl Iterator<Item = (&String, &Vec<u8>)> {
        self.files
            .iter()
            .filter(|(n, _)| !OWN.contains(&n.as_str()))
    }

    /// The main part's relationships we keep (headers, footers, theme, fonts, footnotes, …):
    /// all but the body's own pictures and links, and the parts we write.
    pub fn kept_rels(&self) -> Vec<Rel> {
        self.rels
            .iter()
            .filter(|r| {
                let kind = r.kind.rsplit('/').next().unwrap_or("");
                !matches!(
                    kind,
                    "styles" | "settings" | "numbering" | "image" | "hyperlink"
                ) && !r.external
            })
            .cloned()
            .collect()
    }

    /// The template's styles with `extra` (our styles it lacks) added.
    pub fn styles_with(&self, extra: &str) -> String {
        let styles = self.string("word/styles.xml");
        match styles.rfind("</w:styles>") {
            Some(i) => format!("{}{extra}{}", &styles[..i], &styles[i..]),
            None => super::parts::styles(&Default::default()),
        }
    }

    /// The template's settings, or ours when it has none.
    pub fn settings(&self) -> String {
        let s = self.string("word/settings.xml");
        if s.contains("</w:settings>") {
            s
        } else {
            super::parts::settings(false)
        }
    }

    /// The template's numbering with our list definitions and instances added in schema order.
    pub fn numbering_with(&self, abstracts: &str, nums: &str) -> String {
        let n = self.string("word/numbering.xml");
        let Some(end) = n.rfind("</w:numbering>") else {
            return format!(
                "{}<w:numbering {}>{abstracts}{nums}</w:numbering>",
                super::ooxml::XML_HEAD,
                super::ooxml::NS
            );
        };
        let tail = n.find("<w:numIdMacAtCleanup").unwrap_or(end);
        let first_num = n.find("<w:num ").unwrap_or(tail);
        format!(
            "{}{abstracts}{}{nums}{}",
            &n[..first_num],
            &n[first_num..tail],
            &n[tail..]
        )
    }

    fn string(&self, part: &str) -> String {
        self.files
            .get(part)
            .map(|b| String::from_utf8_lossy(b).into_owned())
            .unwrap_or_default()
    }
}

/// A section with our footer added (the template has none of its own).
pub fn with_footer(section: &str, rid: &str) -> String {
    match section.find('>') {
        Some(i) if !section[..i].ends_with('/') => format!(
            "{}<w:footerReference w:type=\"default\" r:id=\"{rid}\"/>{}",
            &section[..=i],
            &section[i + 1..]
        ),
        _ => super::parts::section(rid),
    }
}

/// A part as text, checked to be well-formed XML; `None` when the template lacks it.
fn text(files: &BTreeMap<String, Vec<u8>>, part: &str) -> Result<Option<String>, String> {
    let Some(bytes) = files.get(part) else {
        return Ok(None);
    };
    let bad = || format!("filen är skadad: {part} är ingen giltig XML");
    let s = String::from_utf8(bytes.clone()).map_err(|_| bad())?;
    let mut r = Reader::from_str(&s);
    let mut depth = 0i64;
    loop {
        match r.read_event().map_err(|_| bad())? {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth -= 1,
            Event::Eof => break,
            _ => {}
        }
    }
    if depth != 0 {
        return Err(bad());
    }
    Ok(Some(s))
}

/// The value of the attribute `name` of `e`, unescaped.
pub(super) fn attr(e: &quick_xml::events::BytesStart, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref().as_bytes() == name)
        .map(|a| {
            a.value
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&")
        })
}

/// Style ids by lower-case name.
fn style_ids(styles: &str) -> Result<BTreeMap<String, String>, String> {
    let mut out = BTreeMap::new();
    let mut r = Reader::from_str(styles);
    let mut current: Option<String> = None;
    loop {
        match r.read_event() {
            Ok(Event::Start(e)) if e.name().as_ref().as_bytes() == b"w:style" => {
                current = attr(&e, b"w:styleId");
            }
            Ok(Event::Empty(e)) | Ok(Event::Start(e))
                if e.name().as_ref().as_bytes() == b"w:name" =>
            {
                if let (Some(id), Some(name)) = (current.take(), attr(&e, b"w:val")) {
                    out.entry(name.to_lowercase()).or_insert(id);
                }
            }
            Ok(Event::Eof) => break,
            Err(_) => return Err("filen är skadad: word/styles.xml är ingen giltig XML".into()),
            _ => {}
        }
    }
    Ok(out)
}

/// The overrides by part name and the defaults by extension.
type ContentTypes = (BTreeMap<String, String>, BTreeMap<String, String>);

fn content_types(types: &str) -> Result<ContentTypes, String> {
    let mut out = BTreeMap::new();
    let mut defaults = BTreeMap::new();
    let mut r = Reader::from_str(types);
    loop {
        match r.read_event() {
            Ok(Event::Empty(e)) | Ok(Event::Start(e))
                if e.name().as_ref().as_bytes() == b"Override" =>
            {
                if let (Some(p), Some(t)) = (attr(&e, b"PartName"), attr(&e, b"ContentType")) {
                    out.insert(p.trim_start_matches('/').to_string(), t);
                }
            }
            Ok(Event::Empty(e)) | Ok(Event::Start(e))
                if e.name().as_ref().as_bytes() == b"Default" =>
            {
                if let (Some(x), Some(t)) = (attr(&e, b"Extension"), attr(&e, b"ContentType")) {
                    defaults.insert(x.to_lowercase(), t);
                }
            }
            Ok(Event::Eof) => break,
            Err(_) => return Err("filen är skadad: [Content_Types].xml är ingen giltig XML".into()),
            _ => {}
        }
    }
    Ok((out, defaults))
}

fn relationships(rels: &str) -> Result<Vec<Rel>, String> {
    let mut out = Vec::new();
    let mut r = Reader::from_str(rels);
    loop {
        match r.read_event() {
            Ok(Event::Empty(e)) | Ok(Event::Start(e))
                if e.name().as_ref().as_bytes() == b"Relationship" =>
            {
                if let (Some(id), Some(kind), Some(target)) =
                    (attr(&e, b"Id"), attr(&e, b"Type"), attr(&e, b"Target"))
                {
                    let external = attr(&e, b"TargetMode").is_some_and(|m| m == "External");
                    out.push(Rel {
                        id,
                        kind,
                        target,
                        external,
                    });
                }
            }
            Ok(Event::Eof) => break,
            Err(_) => {
                return Err(
                    "filen är skadad: word/_rels/document.xml.rels är ingen giltig XML".into(),
                );
            }
            _ => {}
        }
    }
    Ok(out)
}

/// The text width of a `<w:sectPr>`: `pgSz`'s width less `pgMar`'s left, right and gutter,
/// and in a section of several text columns (`w:cols`) one column's width; `None` without a
/// page size, or for a text narrower than 2 cm (a damaged file).
fn section_text_width(section: &str) -> Option<usize> {
    let mut r = Reader::from_str(section);
    let (mut page, mut margins) = (None, 0usize);
    let (mut columns, mut space) = (1usize, 0usize);
    let number = |e: &quick_xml::events::BytesStart, key: &[u8]| {
        attr(e, key)
            .and_then(|v| v.trim().parse::<f64>().ok())
            .filter(|v| *v >= 0.0)
            .map(|v| v as usize)
    };
    loop {
        match r.read_event() {
            Ok(Event::Empty(e) | Event::Start(e)) => match e.name().as_ref().as_bytes() {
                b"w:pgSz" => page = number(&e, b"w:w"),
                b"w:pgMar" => {
                    margins = [&b"w:left"[..], b"w:right", b"w:gutter"]
                        .iter()
                        .filter_map(|k| number(&e, k))
                        .sum();
                }
                b"w:cols" => {
                    columns = number(&e, b"w:num").unwrap_or(1).clamp(1, 45);
                    // Word's default space between columns is 720 twips (1.27 cm).
                    space = number(&e, b"w:space").unwrap_or(720);
                }
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    let text = page?.checked_sub(margins)?;
    let column = text.checked_sub((columns - 1) * space)? / columns;
    Some(column).filter(|w| *w >= 1134)
}

/// The body's last `<w:sectPr>` (the document's final section), as written.
fn last_section(document: &str) -> Option<String> {
    let end = document.rfind("</w:sectPr>")? + "</w:sectPr>".len();
    let start = document[..end].rfind("<w:sectPr")?;
    Some(document[start..end].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_width_is_the_page_less_its_margins_or_one_column_of_it() {
        let page = |rest: &str| {
            format!(
                r#"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:left="1701" w:right="1134" w:gutter="200"/>{rest}</w:sectPr>"#
            )
        };
        assert_eq!(
            section_text_width(&page("")),
            Some(11906 - 1701 - 1134 - 200)
        );
        // Two columns 708 twips apart: each (8871 − 708) / 2.
        assert_eq!(
            section_text_width(&page(r#"<w:cols w:num="2" w:space="708"/>"#)),
            Some((8871 - 708) / 2)
        );
        // One column, as Word writes it for an ordinary page.
        assert_eq!(
            section_text_width(&page(r#"<w:cols w:space="708"/>"#)),
            Some(8871)
        );
        // No page size, or margins that leave no text: the default page instead.
        assert_eq!(
            section_text_width("<w:sectPr><w:pgMar w:left=\"1\"/></w:sectPr>"),
            None
        );
        assert_eq!(
            section_text_width(
                r#"<w:sectPr><w:pgSz w:w="3000"/><w:pgMar w:left="1500" w:right="1000"/></w:sectPr>"#
            ),
            None
        );
    }
}
