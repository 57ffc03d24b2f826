//! The font a Word table's text is set in, and how wide a text is in it: the fonts'
//! own widths for Arial, Times New Roman and Calibri ([`metrics`]), the estimate of
//! [`columns::estimate`] for any other font and for a character the tables lack.

use std::collections::BTreeMap;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::template::{Template, attr};

use super::metrics::{CHARS, FONTS};
use crate::render::columns;

/// Fonts made with the same widths as one of [`FONTS`], and that font.
const ALIASES: [(&str, &str); 5] = [
    ("Liberation Sans", "Arial"),
    ("Arimo", "Arial"),
    ("Liberation Serif", "Times New Roman"),
    ("Tinos", "Times New Roman"),
    ("Carlito", "Calibri"),
];

/// A font whose widths the program holds: its place in [`FONTS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Known(usize);

impl Known {
    /// The font called `name` in Word (any case), when its widths are known: by its name or
    /// the name of a font with the same widths (LibreOffice's templates use these).
    pub fn named(name: &str) -> Option<Known> {
        let name = name.trim();
        let name = ALIASES
            .iter()
            .find(|(alias, _)| alias.eq_ignore_ascii_case(name))
            .map_or(name, |(_, font)| font);
        FONTS
            .iter()
            .position(|(known, ..)| known.eq_ignore_ascii_case(name))
            .map(Known)
    }

    /// How wide `text` is set in this font, regular or bold, in ems.
    pub fn width_em(self, text: &str, bold: bool) -> f64 {
        let (_, regular, heavy) = &FONTS[self.0];
        let widths = if bold { heavy } else { regular };
        text.chars()
            .map(|c| match CHARS.binary_search(&c) {
                Ok(i) => f64::from(widths[i]) / 1000.0,
                Err(_) => columns::estimate(c.encode_utf8(&mut [0; 4]), bold),
            })
            .sum()
    }
}

/// Room given beyond a text's measured width: Word and LibreOffice place glyphs on a grid
/// (twentieths of a point, or the screen's), so a column exactly as wide as its text can
/// still break it.
const SLACK: f64 = 1.02;

/// How wide a text is set in `font`: its own widths (with [`SLACK`]) when known, else the
/// estimate.
pub fn measure(font: Option<Known>, text: &str, bold: bool) -> f64 {
    match font {
        Some(f) => f.width_em(text, bold) * SLACK,
        None => columns::estimate(text, bold),
    }
}

/// The name of the font the table text of a document on `template` is set in: the
/// template's "Tabelltext" style's, or (when it has none, and ours is added on its "Normal")
/// its body text's.
pub fn of_template(template: &Template) -> Option<String> {
    let (styles, theme) = template.styles_and_theme();
    let style = template
        .style_ids
        .get("tabelltext")
        .map_or("Normal", String::as_str);
    of_style(&styles, theme.as_deref(), style)
}

/// A style's font as `styles.xml` gives it: a name, or a theme font ("minorHAnsi").
#[derive(Debug, Clone, Default)]
struct Fonts {
    name: Option<String>,
    theme: Option<String>,
}

impl Fonts {
    fn from(e: &BytesStart) -> Fonts {
        let get = |key: &[u8]| attr(e, key);
        Fonts {
            name: get(b"w:ascii").or_else(|| get(b"w:hAnsi")),
            theme: get(b"w:asciiTheme").or_else(|| get(b"w:hAnsiTheme")),
        }
    }

    fn is_set(&self) -> bool {
        self.name.is_some() || self.theme.is_some()
    }
}

/// One style of `styles.xml`: what it is based on and the font it sets, if any.
#[derive(Debug, Default)]
struct Style {
    based_on: Option<String>,
    fonts: Fonts,
}

/// The name of the font the paragraph style `style_id` sets its text in, following
/// `basedOn` to the document defaults; a theme font is looked up in `theme` (the
/// template's `theme1.xml`). `None` when the styles do not say, or cannot be read.
pub fn of_style(styles: &str, theme: Option<&str>, style_id: &str) -> Option<String> {
    let (defaults, all) = read_styles(styles)?;
    let mut id = Some(style_id.to_string());
    let mut fonts = None;
    // A chain of basedOn is short; a loop in a damaged file ends at the limit.
    for _ in 0..16 {
        let Some(style) = id.as_deref().and_then(|i| all.get(i)) else {
            break;
        };
        if style.fonts.is_set() {
            fonts = Some(style.fonts.clone());
            break;
        }
        id = style.based_on.clone();
    }
    let fonts = fonts.unwrap_or(defaults);
    // Word takes the theme font over the name when a style gives both.
    match (fonts.theme, fonts.name) {
        (Some(t), _) => theme_font(theme?, &t),
        (None, name) => name,
    }
}

/// The document defaults' fonts and every style by id. A font inside a paragraph's
/// properties (the paragraph mark's) or a table style's conditional part is not the text's.
fn read_styles(styles: &str) -> Option<(Fonts, BTreeMap<String, Style>)> {
    let mut r = Reader::from_str(styles);
    let mut all = BTreeMap::new();
    let mut defaults = Fonts::default();
    let mut in_defaults = false;
    let mut current: Option<(String, Style)> = None;
    // How deep inside a part whose fonts do not count.
    let mut aside = 0usize;
    loop {
        let (e, empty) = match r.read_event().ok()? {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(e) => {
                match e.name().as_ref().as_bytes() {
                    b"w:rPrDefault" => in_defaults = false,
                    b"w:pPr" | b"w:tblStylePr" => aside = aside.saturating_sub(1),
                    b"w:style" => {
                        if let Some((id, s)) = current.take() {
                            all.entry(id).or_insert(s);
                        }
                    }
                    _ => {}
                }
                continue;
            }
            Event::Eof => return Some((defaults, all)),
            _ => continue,
        };
        match e.name().as_ref().as_bytes() {
            b"w:rPrDefault" if !empty => in_defaults = true,
            b"w:pPr" | b"w:tblStylePr" if !empty => aside += 1,
            b"w:style" if !empty => {
                current = attr(&e, b"w:styleId").map(|id| (id, Style::default()));
            }
            b"w:rFonts" if in_defaults => defaults = Fonts::from(&e),
            b"w:rFonts" if aside == 0 => {
                if let Some((_, s)) = current.as_mut() {
                    s.fonts = Fonts::from(&e);
                }
            }
            b"w:basedOn" => {
                if let Some((_, s)) = current.as_mut() {
                    s.based_on = attr(&e, b"w:val");
                }
            }
            _ => {}
        }
    }
}

/// The typeface of a theme font ("minorHAnsi", "majorAscii", …) in `theme`.
fn theme_font(theme: &str, which: &str) -> Option<String> {
    let wanted: &[u8] = if which.starts_with("major") {
        b"a:majorFont"
    } else {
        b"a:minorFont"
    };
    let mut r = Reader::from_str(theme);
    let mut inside = false;
    loop {
        match r.read_event().ok()? {
            Event::Start(e) if e.name().as_ref().as_bytes() == wanted => inside = true,
            Event::End(e) if e.name().as_ref().as_bytes() == wanted => inside = false,
            Event::Empty(e) | Event::Start(e)
                if inside && e.name().as_ref().as_bytes() == b"a:latin" =>
            {
                return attr(&e, b"typeface").filter(|v| !v.is_empty());
            }
            Event::Eof => return None,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arial_widths_are_the_fonts_own() {
        let arial = Known::named("arial").expect("Arial is known");
        // Arial's digits are 0.556 em, its space 0.278 em; bold widens letters, not digits.
        assert!((arial.width_em("2022", false) - 4.0 * 0.556).abs() < 1e-9);
        assert!((arial.width_em(" ", false) - 0.278).abs() < 1e-9);
        assert!((arial.width_em("2022", true) - 4.0 * 0.556).abs() < 1e-9);
        assert!(arial.width_em("Åtgärd", true) > arial.width_em("Åtgärd", false));
        // A no-break space is as wide as a space, as the thousands separator needs.
        assert_eq!(
            arial.width_em("1\u{a0}438", false),
            arial.width_em("1 438", false)
        );
        // Narrow letters are narrower than the estimate, wide ones wider.
        assert!(arial.width_em("ill", false) < columns::estimate("ill", false));
        assert!(arial.width_em("MWM", false) > columns::estimate("MWM", false));
    }

    #[test]
    fn a_character_the_tables_lack_is_estimated() {
        let arial = Known::named("Arial").expect("known");
        let ring = "\u{2248}";
        assert_eq!(arial.width_em(ring, false), columns::estimate(ring, false));
        assert_eq!(
            measure(None, "Enhet", true),
            columns::estimate("Enhet", true)
        );
        assert_eq!(Known::named("Garamond"), None);
        assert!(Known::named(" Calibri ").is_some());
        assert!(Known::named("Times New Roman").is_some());
        assert_eq!(
            Known::named("liberation serif"),
            Known::named("Times New Roman")
        );
        assert_eq!(Known::named("Carlito"), Known::named("Calibri"));
        assert_ne!(Known::named("Arial"), Known::named("Calibri"));
    }

    const THEME: &str = r#"<a:theme xmlns:a="x"><a:themeElements><a:fontScheme name="Office"><a:majorFont><a:latin typeface="Calibri Light"/></a:majorFont><a:minorFont><a:latin typeface="Calibri"/><a:ea typeface=""/></a:minorFont></a:fontScheme></a:themeElements></a:theme>"#;

    fn styles(defaults: &str, styles: &str) -> String {
        format!(
            r#"<w:styles xmlns:w="x"><w:docDefaults><w:rPrDefault><w:rPr>{defaults}</w:rPr></w:rPrDefault></w:docDefaults>{styles}</w:styles>"#
        )
    }

    #[test]
    fn a_style_without_a_font_takes_the_theme_font_of_the_defaults() {
        let s = styles(
            r#"<w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi"/>"#,
            r#"<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style>"#,
        );
        assert_eq!(
            of_style(&s, Some(THEME), "Normal").as_deref(),
            Some("Calibri")
        );
        // Without the theme the font is not known.
        assert_eq!(of_style(&s, None, "Normal"), None);
    }

    #[test]
    fn the_nearest_style_that_sets_a_font_decides() {
        let s = styles(
            r#"<w:rFonts w:ascii="Arial" w:hAnsi="Arial"/>"#,
            r#"<w:style w:styleId="Normal"><w:name w:val="Normal"/><w:rPr><w:rFonts w:ascii="Garamond" w:hAnsi="Garamond"/></w:rPr></w:style><w:style w:styleId="Brodtext"><w:basedOn w:val="Normal"/></w:style><w:style w:styleId="Tabelltext"><w:basedOn w:val="Brodtext"/></w:style><w:style w:styleId="Rubrik"><w:rPr><w:rFonts w:asciiTheme="majorHAnsi"/></w:rPr></w:style>"#,
        );
        assert_eq!(
            of_style(&s, Some(THEME), "Tabelltext").as_deref(),
            Some("Garamond")
        );
        assert_eq!(
            of_style(&s, Some(THEME), "Rubrik").as_deref(),
            Some("Calibri Light")
        );
        // A style the file lacks has the defaults' font.
        assert_eq!(of_style(&s, None, "Saknas").as_deref(), Some("Arial"));
    }

    #[test]
    fn a_loop_of_based_on_ends_and_bad_xml_says_nothing() {
        let s = styles(
            r#"<w:rFonts w:ascii="Arial"/>"#,
            r#"<w:style w:styleId="A"><w:basedOn w:val="B"/></w:style><w:style w:styleId="B"><w:basedOn w:val="A"/></w:style>"#,
        );
        assert_eq!(of_style(&s, None, "A").as_deref(), Some("Arial"));
        // The paragraph mark's font and a table style's conditional font are not the text's.
        let s = styles(
            r#"<w:rFonts w:ascii="Arial"/>"#,
            r#"<w:style w:styleId="P"><w:pPr><w:rPr><w:rFonts w:ascii="Symbol"/></w:rPr></w:pPr></w:style><w:style w:styleId="T"><w:tblStylePr w:type="firstRow"><w:rPr><w:rFonts w:ascii="Symbol"/></w:rPr></w:tblStylePr></w:style>"#,
        );
        assert_eq!(of_style(&s, None, "P").as_deref(), Some("Arial"));
        assert_eq!(of_style(&s, None, "T").as_deref(), Some("Arial"));
        assert_eq!(of_style("<w:styles><w:style", None, "A"), None);
    }
}
