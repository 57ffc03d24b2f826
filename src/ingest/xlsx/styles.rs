//! Which cell styles of a workbook show a number as a date: the number format of each entry
//! of `cellXfs`, built-in or custom, read the way calamine reads it (its rules are ported
//! here, since calamine keeps them private), so a date cell is a date in every reader.

use super::Fail;
use super::scan::{Kind, Scanner, attr_text};

/// What a style's number format makes of a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Format {
    Other,
    /// A date or a time of day.
    DateTime,
    /// A duration (`[h]:mm:ss`).
    TimeDelta,
}

/// The formats of the cell styles, by style index (`s="3"`).
#[derive(Debug, Default)]
pub(super) struct Styles {
    formats: Vec<Format>,
}

impl Styles {
    /// The format of style `s`: a cell without a style is `Other`, one with a style the
    /// workbook lacks has none.
    pub(super) fn format(&self, s: Option<usize>) -> Option<Format> {
        match s {
            None => Some(Format::Other),
            Some(i) => self.formats.get(i).copied(),
        }
    }

    /// The styles of `xml` (the styles part).
    pub(super) fn parse(xml: &[u8]) -> Result<Styles, Fail> {
        let mut scan = Scanner::new(xml);
        let mut custom: Vec<(Vec<u8>, String)> = Vec::new();
        let mut formats = Vec::new();
        let mut in_cell_xfs = false;
        while let Some(node) = scan.next()? {
            let name = scan.name(&node);
            match (node.kind, name) {
                (Kind::Open | Kind::Empty, b"numFmt") => {
                    let (mut id, mut code) = (None, None);
                    for (k, v) in scan.attrs(&node) {
                        match k {
                            b"numFmtId" => id = Some(v.to_vec()),
                            b"formatCode" => code = Some(attr_text(v)?),
                            _ => {}
                        }
                    }
                    if let (Some(id), Some(code)) = (id, code) {
                        custom.push((id, code));
                    }
                }
                (Kind::Open, b"cellXfs") => in_cell_xfs = true,
                (Kind::Close, b"cellXfs") => in_cell_xfs = false,
                (Kind::Open | Kind::Empty, b"xf") if in_cell_xfs => {
                    let id = scan.attrs(&node).find(|(k, _)| *k == b"numFmtId");
                    formats.push(id.map_or(Format::Other, |(_, id)| {
                        match custom.iter().rev().find(|(c, _)| c == id) {
                            Some((_, code)) => custom_format(code),
                            None => builtin_format(id),
                        }
                    }));
                }
                _ => {}
            }
        }
        Ok(Styles { formats })
    }
}

/// What a built-in number format id shows (ECMA-376 18.8.30).
fn builtin_format(id: &[u8]) -> Format {
    let id = std::str::from_utf8(id)
        .ok()
        .and_then(|s| s.parse::<u16>().ok());
    match id {
        Some(14..=22 | 27..=36 | 45 | 47 | 50..=58) => Format::DateTime,
        Some(46) => Format::TimeDelta,
        _ => Format::Other,
    }
}

/// What a custom format code shows: a date when its first section holds a date or time token
/// outside quotes, brackets and escapes; a duration when it has `[h]`, `[m]` or `[s]`.
fn custom_format(code: &str) -> Format {
    let mut escaped = false;
    let mut quoted = false;
    let mut brackets = 0u8;
    let mut prev = ' ';
    let mut hms = false;
    let mut ap = false;
    for s in code.chars() {
        match (s, escaped, quoted, ap, brackets) {
            (_, true, ..) => escaped = false,
            ('_' | '\\' | '*', ..) => escaped = true,
            ('"', _, true, _, _) => quoted = false,
            (_, _, true, _, _) => (),
            ('"', _, _, _, _) => quoted = true,
            (';', ..) => return Format::Other,
            ('[', ..) => brackets += 1,
            (']', .., 1) if hms => return Format::TimeDelta,
            (']', ..) => brackets = brackets.saturating_sub(1),
            ('a' | 'A', _, _, false, 0) => ap = true,
            ('p' | 'm' | '/' | 'P' | 'M', _, _, true, 0) => return Format::DateTime,
            ('d' | 'm' | 'h' | 'y' | 's' | 'D' | 'M' | 'H' | 'Y' | 'S', _, _, false, 0) => {
                return Format::DateTime;
            }
            _ => {
                if !(hms && s.eq_ignore_ascii_case(&prev)) {
                    hms = prev == '[' && matches!(s, 'm' | 'h' | 's' | 'M' | 'H' | 'S');
                }
            }
        }
        prev = s;
    }
    Format::Other
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_formats_are_dates_durations_or_numbers() {
        for code in [
            "yyyy-mm-dd",
            "DD/MM/YY",
            "H:MM:SS;@",
            "d mmm yyyy",
            "[$-41D]yyyy-mm-dd",
        ] {
            assert_eq!(custom_format(code), Format::DateTime, "{code}");
        }
        assert_eq!(custom_format("[h]:mm:ss"), Format::TimeDelta);
        assert_eq!(custom_format("[mm]:ss"), Format::TimeDelta);
        for code in [
            "0.00",
            "#,##0\\ \"kr\"",
            "0%",
            "\"dag\"0",
            "# ##0;[Red]-# ##0",
            "@",
        ] {
            assert_eq!(custom_format(code), Format::Other, "{code}");
        }
    }

    #[test]
    fn the_styles_of_cell_xfs_are_read_in_order_custom_formats_first() {
        let xml = br#"<styleSheet><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy&quot;-&quot;mm"/></numFmts>
            <cellStyleXfs><xf numFmtId="14"/></cellStyleXfs>
            <cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="46"></xf><xf/></cellXfs></styleSheet>"#;
        let styles = Styles::parse(xml).unwrap();
        assert_eq!(
            styles.formats,
            [
                Format::Other,
                Format::DateTime,
                Format::TimeDelta,
                Format::Other
            ]
        );
        assert_eq!(styles.format(None), Some(Format::Other));
        assert_eq!(styles.format(Some(1)), Some(Format::DateTime));
        assert_eq!(styles.format(Some(9)), None);
    }
}
