//! The package parts a Word body refers to: paragraph styles (headings, list styles), the
//! numbering definitions (bullet or numbered, per level) and the hyperlink targets.

use std::collections::BTreeMap;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::WordError;

/// A paragraph style as far as Markdown cares.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Style {
    /// The style's name, lowercased ("heading 1", "list bullet").
    pub name: String,
    pub based_on: Option<String>,
    /// `w:outlineLvl` (0 = level 1).
    pub outline: Option<u8>,
    /// `w:numPr` of the style: (numId, ilvl).
    pub num: Option<(String, u8)>,
    /// Bold and italics of the style's run properties (a character style such as "Strong").
    pub bold: Option<bool>,
    pub italic: Option<bool>,
}

pub type Styles = BTreeMap<String, Style>;

/// numId → (ilvl → is the level numbered, not bulleted).
pub type Numbering = BTreeMap<String, BTreeMap<u8, bool>>;

/// Relationship id → hyperlink target.
pub type Links = BTreeMap<String, String>;

/// The value of the attribute whose local name is `local` (`w:val`, `r:id`), unescaped.
pub fn attr(e: &BytesStart<'_>, local: &str) -> Option<String> {
    let mut attrs = e.attributes();
    attrs.with_checks(false);
    attrs
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// Whether a toggle property (`w:b`, `w:i`) is on: present, and not `0`, `false` or `off`.
pub fn on(e: &BytesStart<'_>) -> bool {
    attr(e, "val").is_none_or(|v| !matches!(v.as_str(), "0" | "false" | "off"))
}

/// Walks `xml`, calling `f` with every start or empty element and whether it is open; an XML
/// error means a damaged file.
fn each(xml: &str, mut f: impl FnMut(&BytesStart<'_>, bool, &[String])) -> Result<(), WordError> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<String> = Vec::new();
    loop {
        match reader.read_event().map_err(|_| WordError::Damaged)? {
            Event::Eof => return Ok(()),
            Event::Start(e) => {
                f(&e, true, &stack);
                stack.push(e.local_name().as_ref().to_string());
            }
            Event::Empty(e) => f(&e, false, &stack),
            Event::End(_) => {
                stack.pop();
            }
            _ => {}
        }
    }
}

pub fn styles(xml: &str) -> Result<Styles, WordError> {
    let mut out = Styles::new();
    let mut current: Option<String> = None;
    each(xml, |e, _, stack| {
        let in_style = stack.iter().any(|s| s == "style");
        match e.local_name().as_ref() {
            "style" => {
                current = attr(e, "styleId");
                if let Some(id) = &current {
                    out.entry(id.clone()).or_default();
                }
            }
            name if in_style => {
                let Some(style) = current.as_ref().and_then(|id| out.get_mut(id)) else {
                    return;
                };
                let val = attr(e, "val");
                match name {
                    "name" => style.name = val.unwrap_or_default().to_lowercase(),
                    "basedOn" => style.based_on = val,
                    "outlineLvl" => style.outline = val.and_then(|v| v.parse().ok()),
                    "b" if stack.last().is_some_and(|s| s == "rPr") => {
                        style.bold = Some(on(e));
                    }
                    "i" if stack.last().is_some_and(|s| s == "rPr") => {
                        style.italic = Some(on(e));
                    }
                    "numId" => {
                        let ilvl = style.num.as_ref().map_or(0, |n| n.1);
                        style.num = val.map(|v| (v, ilvl));
                    }
                    "ilvl" => {
                        let lvl = val.and_then(|v| v.parse().ok()).unwrap_or(0);
                        match &mut style.num {
                            Some(n) => n.1 = lvl,
                            None => style.num = Some((String::new(), lvl)),
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    })?;
    Ok(out)
}

pub fn numbering(xml: &str) -> Result<Numbering, WordError> {
    // abstractNumId → ilvl → numbered; numId → abstractNumId.
    let mut abstracts: BTreeMap<String, BTreeMap<u8, bool>> = BTreeMap::new();
    let mut nums: BTreeMap<String, String> = BTreeMap::new();
    let (mut abs, mut lvl, mut num): (Option<String>, u8, Option<String>) = (None, 0, None);
    each(xml, |e, _, stack| match e.local_name().as_ref() {
        "abstractNum" => abs = attr(e, "abstractNumId"),
        "lvl" => lvl = attr(e, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0),
        "numFmt" if stack.last().is_some_and(|s| s == "lvl") => {
            if let Some(a) = &abs {
                let numbered = attr(e, "val").is_some_and(|v| v != "bullet" && v != "none");
                abstracts
                    .entry(a.clone())
                    .or_default()
                    .insert(lvl, numbered);
            }
        }
        "num" => num = attr(e, "numId"),
        "abstractNumId" if stack.last().is_some_and(|s| s == "num") => {
            if let (Some(n), Some(a)) = (&num, attr(e, "val")) {
                nums.insert(n.clone(), a);
            }
        }
        _ => {}
    })?;
    Ok(nums
        .into_iter()
        .map(|(n, a)| (n, abstracts.get(&a).cloned().unwrap_or_default()))
        .collect())
}

pub fn links(xml: &str) -> Result<Links, WordError> {
    relationships(xml, |kind, _| kind.ends_with("/hyperlink"))
}

/// Relationship id → the part of an embedded image (`media/image1.png`, relative to `word/`);
/// a linked image (`TargetMode="External"`) is not in the package and not here.
pub fn images(xml: &str) -> Result<Links, WordError> {
    relationships(xml, |kind, external| kind.ends_with("/image") && !external)
}

/// The relationships whose type and target mode `wanted` accepts, by id.
fn relationships(xml: &str, wanted: impl Fn(&str, bool) -> bool) -> Result<Links, WordError> {
    let mut out = Links::new();
    each(xml, |e, _, _| {
        let external = attr(e, "TargetMode").is_some_and(|m| m == "External");
        if e.local_name().as_ref() == "Relationship"
            && attr(e, "Type").is_some_and(|t| wanted(&t, external))
            && let (Some(id), Some(target)) = (attr(e, "Id"), attr(e, "Target"))
        {
            out.insert(id, target);
        }
    })?;
    Ok(out)
}
