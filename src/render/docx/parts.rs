//! The built-in look when the municipality gives no Word template: a sans font, headings and
//! rules in the document's primary colour, table headers on its accent colour, A4 with page
//! numbers in the footer. Also the list definitions and settings every document needs, and
//! the styles a template may lack (added to the template's own, never replacing them).

use std::fmt::Write;

use super::ooxml::{NS, XML_HEAD, esc, field};
use crate::render::document::Colours;

/// A style the renderer uses: its id in our default `styles.xml`, its (Word built-in or own)
/// name, by which a template's style of the same purpose is found, and its definition.
pub struct StyleDef {
    pub id: &'static str,
    pub name: &'static str,
    /// The `<w:style>` element with `{id}` for its id, `{p}` / `{a}` for the colours.
    xml: &'static str,
}

/// The font of the built-in look.
pub const FONT: &str = "Arial";

/// A table cell's side margin, on each side, in twentieths of a point; every table sets it
/// itself ([`super::table::open_table`]), so that a template's table style cannot make the
/// cells narrower than the columns were planned for.
pub const CELL_MARGIN: usize = 85;

/// Every style the body refers to.
pub const STYLES: &[StyleDef] = &[
    StyleDef {
        id: "Normal",
        name: "Normal",
        xml: r#"<w:style w:type="paragraph" w:default="1" w:styleId="{id}"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="120" w:line="276" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="21"/><w:szCs w:val="21"/></w:rPr></w:style>"#,
    },
    StyleDef {
        id: "Title",
        name: "Title",
        xml: r#"<w:style w:type="paragraph" w:styleId="{id}"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:before="2400" w:after="240"/></w:pPr><w:rPr><w:b/><w:color w:val="{p}"/><w:sz w:val="56"/><w:szCs w:val="56"/></w:rPr></w:style>"#,
    },
    StyleDef {
        id: "Subtitle",
        name: "Subtitle",
        xml: r#"<w:style w:type="paragraph" w:styleId="{id}"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="480"/></w:pPr><w:rPr><w:color w:val="{p}"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>"#,
    },
    StyleDef {
        id: "Heading1",
        name: "heading 1",
        xml: r#"<w:style w:type="paragraph" w:styleId="{id}"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:pBdr><w:bottom w:val="single" w:sz="8" w:space="4" w:color="{p}"/></w:pBdr><w:spacing w:before="240" w:after="240"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:color w:val="{p}"/><w:sz w:val="36"/><w:szCs w:val="36"/></w:rPr></w:style>"#,
    },
    StyleDef {
        id: "Heading2",
        name: "heading 2",
        xml: r#"<w:style w:type="paragraph" w:styleId="{id}"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:color w:val="{p}"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>"#,
    },
    StyleDef {
        id: "Heading3",
        name: "heading 3",
        xml: r#"<w:style w:type="paragraph" w:styleId="{id}"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:b/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>"#,
    },
    StyleDef {
        id: "Heading4",
        name: "heading 4",
        xml: r#"<w:style w:type="paragraph" w:styleId="{id}"><w:name w:val="heading 4"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="200" w:after="60"/><w:outlineLvl w:val="3"/></w:pPr><w:rPr><w:b/><w:i/></w:rPr></w:style>"#,
    },
    StyleDef {
        id: "Caption",
        name: "caption",
        xml: r#"<w:style w:type="paragraph" w:styleId="{id}"><w:name w:val="caption"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="80"/></w:pPr><w:rPr><w:b/><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>"#,
    },
    StyleDef {
        id: "TOCHeading",
        name: "TOC Heading",
        xml: r#"<w:style w:type="paragraph" w:styleId="{id}"><w:name w:val="TOC Heading"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:pageBreakBefore/><w:spacing w:before="240" w:after="240"/></w:pPr><w:rPr><w:b/><w:color w:val="{p}"/><w:sz w:val="36"/><w:szCs w:val="36"/></w:rPr></w:style>"#,
    },
    StyleDef {
        id: "TOC1",
        name: "toc 1",
        xml: r#"<w:style w:type="paragraph" w:styleId="{id}"><w:name w:val="toc 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9060"/></w:tabs><w:spacing w:before="120" w:after="40"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>"#,
    },
    StyleDef {
        id: "TOC2",
        name: "toc 2",
        xml: r#"<w:style w:type="paragraph" w:styleId="{id}"><w:name w:val="toc 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9060"/></w:tabs><w:spacing w:after="40"/><w:ind w:left="284"/></w:pPr></w:style>"#,
    },
    StyleDef {
        id: "Hyperlink",
        name: "Hyperlink",
        xml: r#"<w:style w:type="character" w:styleId="{id}"><w:name w:val="Hyperlink"/><w:rPr><w:color w:val="{p}"/><w:u w:val="single"/></w:rPr></w:style>"#,
    },
    StyleDef {
        id: "Fotnotstext",
        name: "footnote text",
        xml: r#"<w:style w:type="paragraph" w:styleId="{id}"><w:name w:val="footnote text"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>"#,
    },
    StyleDef {
        id: "Fotnotsreferens",
        name: "footnote reference",
        xml: r#"<w:style w:type="character" w:styleId="{id}"><w:name w:val="footnote reference"/><w:uiPriority w:val="99"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>"#,
    },
    StyleDef {
        id: "ListParagraph",
        name: "List Paragraph",
        xml: r#"<w:style w:type="paragraph" w:styleId="{id}"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="60"/><w:ind w:left="720"/></w:pPr></w:style>"#,
    },
    StyleDef {
        id: "Quote",
        name: "Quote",
        xml: r#"<w:style w:type="paragraph" w:styleId="{id}"><w:name w:val="Quote"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:ind w:left="567" w:right="567"/></w:pPr><w:rPr><w:i/></w:rPr></w:style>"#,
    },
    StyleDef {
        id: "Footer",
        name: "footer",
        xml: r#"<w:style w:type="paragraph" w:styleId="{id}"><w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:pPr><w:tabs><w:tab w:val="right" w:pos="9060"/></w:tabs><w:spacing w:after="0"/></w:pPr><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>"#,
    },
    StyleDef {
        id: "Tabelltext",
        name: "Tabelltext",
        xml: r#"<w:style w:type="paragraph" w:customStyle="1" w:styleId="{id}"><w:name w:val="Tabelltext"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="{t}"/><w:szCs w:val="{t}"/></w:rPr></w:style>"#,
    },
    StyleDef {
        id: "Tabellanmarkning",
        name: "Tabellanmärkning",
        xml: r#"<w:style w:type="paragraph" w:customStyle="1" w:styleId="{id}"><w:name w:val="Tabellanmärkning"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="60" w:after="0"/></w:pPr><w:rPr><w:sz w:val="17"/><w:szCs w:val="17"/></w:rPr></w:style>"#,
    },
    StyleDef {
        id: "Kalla",
        name: "Källa",
        xml: r#"<w:style w:type="paragraph" w:customStyle="1" w:styleId="{id}"><w:name w:val="Källa"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:before="40" w:after="240"/></w:pPr><w:rPr><w:sz w:val="17"/><w:szCs w:val="17"/></w:rPr></w:style>"#,
    },
    StyleDef {
        id: "Omslagstext",
        name: "Omslagstext",
        xml: r#"<w:style w:type="paragraph" w:customStyle="1" w:styleId="{id}"><w:name w:val="Omslagstext"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="60"/></w:pPr><w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>"#,
    },
    StyleDef {
        id: "Kvalitetstabell",
        name: "Kvalitetstabell",
        xml: r#"<w:style w:type="table" w:customStyle="1" w:styleId="{id}"><w:name w:val="Kvalitetstabell"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="8" w:space="0" w:color="{p}"/><w:bottom w:val="single" w:sz="8" w:space="0" w:color="{p}"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="D0D7DE"/></w:tblBorders><w:tblCellMar><w:left w:w="{m}" w:type="dxa"/><w:right w:w="{m}" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblStylePr w:type="firstRow"><w:rPr><w:b/></w:rPr><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{a}"/></w:tcPr></w:tblStylePr></w:style>"#,
    },
];

/// A colour as `rrggbb` for WordprocessingML, from `#rrggbb`; anything else falls back.
fn hex(colour: &str, fallback: &str) -> String {
    let c = colour.trim().trim_start_matches('#');
    if c.len() == 6 && c.chars().all(|c| c.is_ascii_hexdigit()) {
        c.to_ascii_uppercase()
    } else {
        fallback.to_string()
    }
}

/// The `<w:style>` element of `def` with the document's colours.
pub fn style_xml(def: &StyleDef, colours: &Colours) -> String {
    // Table text at the size the tables are laid out for, in half points.
    let table_size = (crate::render::columns::SIZE * 2.0) as u32;
    def.xml
        .replace("{id}", def.id)
        .replace("{t}", &table_size.to_string())
        .replace("{m}", &CELL_MARGIN.to_string())
        .replace("{p}", &hex(&colours.primary, "0B4F8A"))
        .replace("{a}", &hex(&colours.accent, "E8EEF5"))
}

/// The default `styles.xml`.
pub fn styles(colours: &Colours) -> String {
    let mut out = format!(
        "{XML_HEAD}<w:styles {NS}><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"{FONT}\" w:hAnsi=\"{FONT}\" w:eastAsia=\"{FONT}\" w:cs=\"{FONT}\"/><w:color w:val=\"1B1B1B\"/><w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/><w:lang w:val=\"sv-SE\" w:eastAsia=\"en-US\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"120\"/></w:pPr></w:pPrDefault></w:docDefaults>"
    );
    for def in STYLES {
        out.push_str(&style_xml(def, colours));
    }
    out.push_str("</w:styles>");
    out
}

/// Abstract numbering ids of our lists.
pub const BULLET_ABSTRACT: usize = 9001;
pub const DECIMAL_ABSTRACT: usize = 9002;
/// The list instance of every bulleted list.
pub const BULLET_NUM: usize = 9001;

fn levels(ordered: bool) -> String {
    let mut out = String::new();
    for lvl in 0..6 {
        let ind = 360 + 360 * lvl;
        let (fmt, text) = if ordered {
            ("decimal", format!("%{}.", lvl + 1))
        } else {
            ("bullet", ["•", "–", "▪"][lvl % 3].to_string())
        };
        let _ = write!(
            out,
            "<w:lvl w:ilvl=\"{lvl}\"><w:start w:val=\"1\"/><w:numFmt w:val=\"{fmt}\"/><w:lvlText w:val=\"{text}\"/><w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"{ind}\" w:hanging=\"360\"/></w:pPr></w:lvl>"
        );
    }
    out
}

/// Our abstract list definitions (they precede every `<w:num>` in `numbering.xml`).
pub fn abstract_nums() -> String {
    format!(
        "<w:abstractNum w:abstractNumId=\"{BULLET_ABSTRACT}\"><w:multiLevelType w:val=\"hybridMultilevel\"/>{}</w:abstractNum><w:abstractNum w:abstractNumId=\"{DECIMAL_ABSTRACT}\"><w:multiLevelType w:val=\"hybridMultilevel\"/>{}</w:abstractNum>",
        levels(false),
        levels(true)
    )
}

/// The list instances: one for all bulleted lists, one per numbered list (each restarts at 1).
pub fn nums(ordered: &[usize]) -> String {
    let mut out = format!(
        "<w:num w:numId=\"{BULLET_NUM}\"><w:abstractNumId w:val=\"{BULLET_ABSTRACT}\"/></w:num>"
    );
    for id in ordered {
        let _ = write!(
            out,
            "<w:num w:numId=\"{id}\"><w:abstractNumId w:val=\"{DECIMAL_ABSTRACT}\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"1\"/></w:lvlOverride></w:num>"
        );
    }
    out
}

/// A `numbering.xml` with only our lists.
pub fn numbering(ordered: &[usize]) -> String {
    format!(
        "{XML_HEAD}<w:numbering {NS}>{}{}</w:numbering>",
        abstract_nums(),
        nums(ordered)
    )
}

/// The default `settings.xml`: fields are updated when Word opens the document (so the
/// contents get their page numbers), Swedish proofing, even/odd off.
pub fn settings(notes: bool) -> String {
    let separators = if notes {
        "<w:footnotePr><w:footnote w:id=\"-1\"/><w:footnote w:id=\"0\"/></w:footnotePr>"
    } else {
        ""
    };
    format!(
        "{XML_HEAD}<w:settings {NS}><w:zoom w:percent=\"100\"/><w:defaultTabStop w:val=\"1304\"/><w:characterSpacingControl w:val=\"doNotCompress\"/><w:updateFields w:val=\"true\"/>{separators}<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat><w:themeFontLang w:val=\"sv-SE\"/><w:decimalSymbol w:val=\",\"/><w:listSeparator w:val=\";\"/></w:settings>"
    )
}

/// The separator and continuation separator every footnotes part begins with, as Word
/// writes them (ids -1 and 0); the report's notes are numbered from 1.
const NOTE_SEPARATORS: &str = "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>";

/// The footnotes part: the separators and `notes` (`<w:footnote>` elements).
pub fn footnotes(notes: &str) -> String {
    format!("{XML_HEAD}<w:footnotes {NS}>{NOTE_SEPARATORS}{notes}</w:footnotes>")
}

/// A template's footnotes part with `notes` in place of its own notes (which belonged to its
/// body text), its separators kept. `None` when it is no footnotes part.
pub fn footnotes_with(template: &str, notes: &str) -> Option<String> {
    let close = template.rfind("</w:footnotes>")?;
    let mut out = String::with_capacity(template.len() + notes.len());
    let mut rest = &template[..close];
    while let Some(start) = rest.find("<w:footnote ") {
        out.push_str(&rest[..start]);
        let tag_end = rest[start..].find('>')? + start;
        let tag = &rest[start..=tag_end];
        let end = if tag.ends_with("/>") {
            tag_end + 1
        } else {
            rest[start..].find("</w:footnote>")? + start + "</w:footnote>".len()
        };
        let separator = ["separator", "continuationSeparator", "continuationNotice"]
            .iter()
            .any(|t| tag.contains(&format!("w:type=\"{t}\"")));
        if separator {
            out.push_str(&rest[start..end]);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out.push_str(notes);
    out.push_str(&template[close..]);
    Some(out)
}

/// The first id after every note of a template's footnotes part (1 when none is above 0), so
/// that the report's notes take ids of their own.
pub fn first_note_id(template: &str) -> usize {
    template
        .match_indices("<w:footnote ")
        .filter_map(|(i, _)| {
            let tag = &template[i..i + template[i..].find('>')?];
            let id = tag.split("w:id=\"").nth(1)?.split('"').next()?;
            id.parse::<i64>().ok()
        })
        .max()
        .map_or(1, |m| (m + 1).max(1) as usize)
}

/// Adds `updateFields` to a template's `settings.xml`, at its place in the schema's order.
pub fn with_update_fields(settings: &str) -> String {
    if settings.contains("<w:updateFields") {
        return settings.to_string();
    }
    const AFTER: &[&str] = &[
        "<w:hdrShapeDefaults",
        "<w:footnotePr",
        "<w:endnotePr",
        "<w:compat",
        "<w:compat>",
        "<w:docVars",
        "<w:rsids",
        "<m:mathPr",
        "<w:attachedSchema",
        "<w:themeFontLang",
        "<w:clrSchemeMapping",
        "<w:doNotIncludeSubdocsInStats",
        "<w:doNotAutoCompressPictures",
        "<w:forceUpgrade",
        "<w:captions",
        "<w:readModeInkLockDown",
        "<w:smartTagType",
        "<sl:schemaLibrary",
        "<w:shapeDefaults",
        "<w:doNotEmbedSmartTags",
        "<w:decimalSymbol",
        "<w:listSeparator",
        "</w:settings>",
    ];
    let at = AFTER.iter().filter_map(|t| settings.find(t)).min();
    match at {
        Some(i) => format!(
            "{}<w:updateFields w:val=\"true\"/>{}",
            &settings[..i],
            &settings[i..]
        ),
        None => settings.to_string(),
    }
}

/// The default footer: the organisation and the title left, the page number right.
pub fn footer(left: &str, footer_style: &str) -> String {
    format!(
        "{XML_HEAD}<w:ftr {NS}><w:p><w:pPr><w:pStyle w:val=\"{}\"/></w:pPr><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r><w:r><w:tab/></w:r>{}</w:p></w:ftr>",
        esc(footer_style),
        esc(left),
        field("PAGE", "1", Default::default())
    )
}

/// The default page, in twentieths of a point: A4, 2.5 cm margins on every side, and the
/// width of text between the side margins (what the tables are laid out for).
const PAGE_WIDTH: usize = 11906;
const PAGE_HEIGHT: usize = 16838;
const MARGIN: usize = 1418;
pub const TEXT_WIDTH: usize = PAGE_WIDTH - 2 * MARGIN;

/// The default section: A4 portrait, 2.5 cm margins, the footer `footer_rid`, no footer on
/// the cover page.
pub fn section(footer_rid: &str) -> String {
    format!(
        "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"{footer_rid}\"/><w:pgSz w:w=\"{PAGE_WIDTH}\" w:h=\"{PAGE_HEIGHT}\"/><w:pgMar w:top=\"{MARGIN}\" w:right=\"{MARGIN}\" w:bottom=\"{MARGIN}\" w:left=\"{MARGIN}\" w:header=\"709\" w:footer=\"567\" w:gutter=\"0\"/><w:cols w:space=\"708\"/><w:titlePg/><w:docGrid w:linePitch=\"360\"/></w:sectPr>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_reach_the_styles_and_bad_ones_fall_back() {
        let s = styles(&Colours {
            primary: "#123abc".into(),
            accent: "röd".into(),
        });
        assert!(s.contains("w:color w:val=\"123ABC\""));
        assert!(s.contains("w:fill=\"E8EEF5\""));
        assert!(!s.contains("{p}") && !s.contains("{id}"));
    }

    #[test]
    fn a_templates_footnotes_keep_their_separators_and_lose_their_notes() {
        let template = "<?xml?><w:footnotes x=\"1\">\
            <w:footnote w:id=\"0\" w:type=\"separator\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>\
            <w:footnote w:id=\"1\" w:type=\"continuationSeparator\"><w:p/></w:footnote>\
            <w:footnote w:id=\"2\"><w:p><w:r><w:t>Mallens egen not</w:t></w:r></w:p></w:footnote>\
            <w:footnote w:id=\"7\"/></w:footnotes>";
        assert_eq!(first_note_id(template), 8);
        let merged = footnotes_with(template, "<w:footnote w:id=\"8\">NY</w:footnote>").unwrap();
        assert_eq!(
            merged,
            "<?xml?><w:footnotes x=\"1\">\
             <w:footnote w:id=\"0\" w:type=\"separator\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>\
             <w:footnote w:id=\"1\" w:type=\"continuationSeparator\"><w:p/></w:footnote>\
             <w:footnote w:id=\"8\">NY</w:footnote></w:footnotes>"
        );
        assert_eq!(footnotes_with("<w:document/>", "x"), None);
        // Word's own separators (-1 and 0): the report's notes from 1.
        assert_eq!(first_note_id(&footnotes("")), 1);
        assert!(settings(true).contains("<w:footnotePr><w:footnote w:id=\"-1\"/>"));
        assert!(!settings(false).contains("footnotePr"));
    }

    #[test]
    fn update_fields_goes_before_compat() {
        let s = with_update_fields(
            "<w:settings><w:zoom w:percent=\"100\"/><w:compat/><w:rsids/></w:settings>",
        );
        assert_eq!(
            s,
            "<w:settings><w:zoom w:percent=\"100\"/><w:updateFields w:val=\"true\"/><w:compat/><w:rsids/></w:settings>"
        );
        assert_eq!(with_update_fields(&s), s);
    }
}
