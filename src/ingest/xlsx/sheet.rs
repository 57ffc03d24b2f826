//! The cells of a worksheet part, in order, read as calamine reads them (positions from `r`
//! or counted, values by type and style, dates by number format), and its merged cells. Cell
//! references beyond Excel's limits are refused. Shared strings stay indices here: the
//! thread that reads the sheet does not need the table.

use std::io::Read;

use chrono::NaiveDate;

use super::Fail;
use super::refs::{merge_range, range, reference, row_number};
use super::scan::{Kind, Node, Scanner, may_escape, unescape_excel, utf8};
use super::shared::read_string;
use super::styles::{Format, Styles};

/// A cell's value as the sheet holds it; a text as `T`: a [`Span`] of the reader's text
/// buffer ([`read_into`]) or a `String` ([`read`]).
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Value<T = String> {
    Empty,
    /// Index into the shared-string table.
    Shared(u32),
    Number(f64),
    Date(NaiveDate),
    Bool(bool),
    /// An inline string, a formula's string result or an ISO date.
    Text(T),
    /// An error value (`#N/A`), or a date number no calendar holds.
    Error,
}

/// One cell: 0-based row and column, value, whether it has a formula.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Cell<T = String> {
    pub(super) row: u32,
    pub(super) col: u32,
    pub(super) value: Value<T>,
    pub(super) formula: bool,
}

/// A text's bytes in the text buffer of [`read_into`]: appended there instead of allocated
/// one by one, so that a sheet of inline strings (as streaming writers write) costs no
/// allocation a cell on the thread that scans it. Not yet checked as UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Span {
    start: u32,
    end: u32,
}

impl Span {
    /// The text in `buffer` (checked as UTF-8 by the caller); `None` when the span does not
    /// fall on character boundaries there.
    pub(super) fn get(self, buffer: &str) -> Option<&str> {
        buffer.get(self.start as usize..self.end as usize)
    }
}

/// Appends `text` to `buffer`, as a text value.
fn push_text(buffer: &mut Vec<u8>, text: &[u8]) -> Result<Value<Span>, Fail> {
    let start = u32::try_from(buffer.len()).map_err(|_| Fail::Broken)?;
    buffer.extend_from_slice(text);
    let end = u32::try_from(buffer.len()).map_err(|_| Fail::Broken)?;
    Ok(Value::Text(Span { start, end }))
}

pub(super) use super::refs::{Merge, Pos};

/// How a read of the sheet ended.
pub(super) struct End {
    pub(super) merges: Vec<Merge>,
    /// The text buffer of [`read_into`], with the texts of the cells handed on since it was
    /// last taken.
    pub(super) text: Vec<u8>,
}

/// Reads the sheet, handing each cell, its text owned, to `cell` until it returns false
/// (then the rest is not read, and `End` has no merges).
pub(super) fn read(
    part: impl Read,
    styles: &Styles,
    is_1904: bool,
    mut cell: impl FnMut(Cell) -> bool,
) -> Result<End, Fail> {
    let mut bad_text = false;
    let end = read_into(part, styles, is_1904, |c, buffer| {
        let value = match c.value {
            Value::Text(span) => {
                let text = utf8(&buffer[span.start as usize..span.end as usize]);
                let Ok(text) = text else {
                    bad_text = true;
                    return false;
                };
                let text = text.to_string();
                buffer.clear();
                Value::Text(text)
            }
            Value::Empty => Value::Empty,
            Value::Shared(i) => Value::Shared(i),
            Value::Number(n) => Value::Number(n),
            Value::Date(d) => Value::Date(d),
            Value::Bool(b) => Value::Bool(b),
            Value::Error => Value::Error,
        };
        cell(Cell {
            row: c.row,
            col: c.col,
            value,
            formula: c.formula,
        })
    })?;
    if bad_text {
        return Err(Fail::Broken);
    }
    Ok(end)
}

/// Reads the sheet, handing each cell to `cell` with the buffer its text is in, until `cell`
/// returns false (then the rest is not read, and `End` has no merges). `cell` may take the
/// buffer's texts away (a batch sent on): later spans start in what is left.
pub(super) fn read_into(
    part: impl Read,
    styles: &Styles,
    is_1904: bool,
    mut cell: impl FnMut(Cell<Span>, &mut Vec<u8>) -> bool,
) -> Result<End, Fail> {
    let mut buffer = Vec::new();
    let mut scan = Scanner::new(part);
    let mut merges = Vec::new();
    let mut state = State::Before;
    let (mut row_index, mut col_index) = (0u32, 0u32);
    let mut piece = String::new();
    loop {
        if state == State::Data
            && let Some((c, len)) = quick_cell(
                scan.rest(),
                styles,
                is_1904,
                (row_index, col_index),
                &mut buffer,
            )
        {
            scan.advance(len);
            let c = c?;
            col_index = c.col.wrapping_add(1);
            if !cell(c, &mut buffer) {
                return Ok(End {
                    merges,
                    text: buffer,
                });
            }
            continue;
        }
        let Some(node) = scan.next()? else { break };
        if matches!(node.kind, Kind::Text | Kind::CData) {
            continue;
        }
        let name = scan.name(&node);
        match (state, node.kind, name) {
            (State::Before, Kind::Open, b"sheetData") => state = State::Data,
            (State::Before, Kind::Empty, b"sheetData") => state = State::After,
            (State::Before, Kind::Open | Kind::Empty, b"dimension") => {
                if let Some((_, v)) = scan.attrs(&node).find(|(k, _)| *k == b"ref") {
                    range(v)?;
                }
            }
            (State::Data, Kind::Open | Kind::Empty, b"row") => {
                if let Some((_, r)) = scan.attrs(&node).find(|(k, _)| *k == b"r") {
                    row_index = row_number(r)?;
                }
                if node.kind == Kind::Empty {
                    row_index += 1;
                    col_index = 0;
                }
            }
            (State::Data, Kind::Close, b"row") => {
                row_index = row_index.wrapping_add(1);
                col_index = 0;
            }
            (State::Data, Kind::Open | Kind::Empty, b"c") => {
                let c = read_cell(
                    &mut scan,
                    &node,
                    styles,
                    is_1904,
                    (row_index, col_index),
                    &mut piece,
                    &mut buffer,
                )?;
                col_index = c.col.wrapping_add(1);
                if !cell(c, &mut buffer) {
                    return Ok(End {
                        merges,
                        text: buffer,
                    });
                }
            }
            (State::Data, Kind::Close, b"sheetData") => state = State::After,
            (State::After, Kind::Open | Kind::Empty, b"mergeCell") => {
                if let Some((_, v)) = scan.attrs(&node).find(|(k, _)| *k == b"ref") {
                    merges.push(merge_range(v)?);
                }
            }
            _ => {}
        }
    }
    match state {
        State::Data => Err(Fail::Broken),
        _ => Ok(End {
            merges,
            text: buffer,
        }),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Before,
    Data,
    After,
}

/// The common cell, `<c r="B2" s="1" t="s"><v>12</v></c>` or `<c r="B2"/>`, read straight
/// from the start of `w`, with the bytes it spans; `None` when `w` does not start with one
/// (a formula, an inline string, an entity, a prefix) or it runs past `w`, and then the
/// scanner reads it node by node.
fn quick_cell(
    w: &[u8],
    styles: &Styles,
    is_1904: bool,
    at: Pos,
    buffer: &mut Vec<u8>,
) -> Option<(Result<Cell<Span>, Fail>, usize)> {
    if !(w.starts_with(b"<c") && is_space(*w.get(2)?)) {
        return None;
    }
    let (mut pos, mut style, mut typ) = (Ok(at), None, None);
    let mut i = 3;
    let open = loop {
        while is_space(*w.get(i)?) {
            i += 1;
        }
        match w.get(i..i + 2)? {
            [b'/', b'>'] => break false,
            [b'>', _] => break true,
            _ => {}
        }
        let eq = i + memchr::memchr(b'=', w.get(i..i + 16)?)?;
        // Space around `=` (legal, and written by editors that wrap attributes): the
        // scanner reads it.
        if *w.get(eq + 1)? != b'"' || w[i..eq].iter().any(|&c| is_space(c)) {
            return None;
        }
        let start = eq + 2;
        let end = start + memchr::memchr(b'"', &w[start..])?;
        let value = &w[start..end];
        match &w[i..eq] {
            b"r" => pos = reference(value),
            b"s" => style = Some(index(value)? as usize),
            b"t" => typ = Some(type_of(value).ok()?),
            _ => {}
        }
        i = end + 1;
    };
    let cell = |value| {
        pos.map(|(row, col)| Cell {
            row,
            col,
            value,
            formula: false,
        })
    };
    if !open {
        return Some((cell(Value::Empty), i + 2));
    }
    let rest = &w[i + 1..];
    if rest.starts_with(b"</c>") {
        return Some((cell(Value::Empty), i + 5));
    }
    if let Some(text) = rest.strip_prefix(b"<is><t>") {
        // The inline string of a streaming writer (POI's SXSSF, ExcelJS, XlsxWriter's
        // constant memory mode): one plain run, nothing to decode.
        let end = memchr::memchr(b'<', text)?;
        if typ != Some(Type::Inline)
            || text.get(end..end + 13)? != b"</t></is></c>"
            || memchr::memchr2(b'&', b'\r', &text[..end]).is_some()
            || may_escape(&text[..end])
        {
            return None;
        }
        // Checked as UTF-8 with the rest of the buffer, by whoever reads it.
        let value = push_text(buffer, text[..end].trim_ascii());
        return Some((value.and_then(cell), i + 1 + 7 + end + 13));
    }
    let text = rest.strip_prefix(b"<v>")?;
    let end = memchr::memchr(b'<', text)?;
    let tail = text.get(end..end + 8)?;
    if tail != b"</v></c>" || memchr::memchr2(b'&', b'\r', &text[..end]).is_some() {
        return None;
    }
    let typ = typ.unwrap_or(Type::Number { explicit: false });
    let value = match (typ, index(&text[..end])) {
        (Type::Shared, Some(i)) => Ok(Value::Shared(i)),
        (Type::Inline, _) => Ok(Value::Empty),
        _ => utf8(&text[..end])
            .and_then(|v| parse_value(v, typ, styles.format(style), is_1904, buffer)),
    };
    let len = i + 1 + 3 + end + 8;
    Some((value.and_then(cell), len))
}

/// XML's white space, which may separate attributes.
fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\n')
}

/// The cell whose tag is `node`, read to its end; `at` is where a cell without `r` sits.
fn read_cell<R: Read>(
    scan: &mut Scanner<R>,
    node: &Node,
    styles: &Styles,
    is_1904: bool,
    at: (u32, u32),
    piece: &mut String,
    buffer: &mut Vec<u8>,
) -> Result<Cell<Span>, Fail> {
    let (mut pos, mut style, mut typ) = (at, None, None);
    for (k, v) in scan.attrs(node) {
        match k {
            b"r" => pos = reference(v)?,
            b"s" => {
                style = Some(
                    std::str::from_utf8(v)
                        .ok()
                        .and_then(|s| s.parse().ok())
                        .unwrap_or(0),
                )
            }
            b"t" => typ = Some(type_of(v)?),
            _ => {}
        }
    }
    let typ = typ.unwrap_or(Type::Number { explicit: false });
    let mut value = Value::Empty;
    let mut formula = false;
    // A `<v>`, even an empty `<v/>`: the formula's saved result (Excel writes `<v/>` for
    // a formula whose result is the empty string).
    let mut saved = false;
    if node.kind == Kind::Open {
        loop {
            let Some(child) = scan.next()? else {
                return Err(Fail::Broken);
            };
            match (child.kind, scan.name(&child)) {
                (Kind::Close, _) => break,
                (Kind::Open, b"f") => {
                    formula = true;
                    scan.skip_element()?;
                }
                (Kind::Empty, b"f") => formula = true,
                (Kind::Open, b"is") => {
                    piece.clear();
                    let mut text = String::new();
                    read_string(scan, piece, &mut text)?;
                    value = push_text(buffer, text.as_bytes())?;
                }
                (Kind::Empty, b"is") => value = Value::Empty,
                (Kind::Open, b"v") => {
                    saved = true;
                    value = read_v(scan, typ, styles.format(style), is_1904, piece, buffer)?;
                }
                (Kind::Empty, b"v") => saved = true,
                (Kind::Open, _) => scan.skip_element()?,
                _ => {}
            }
        }
    }
    Ok(Cell {
        row: pos.0,
        col: pos.1,
        // A saved text result that is empty is the empty string, not a missing value.
        value: match value {
            Value::Empty if formula && saved && typ == Type::FormulaString => {
                push_text(buffer, b"")?
            }
            value => value,
        },
        formula,
    })
}

/// The value of the `<v>` element just opened, read to its end.
fn read_v<R: Read>(
    scan: &mut Scanner<R>,
    typ: Type,
    format: Option<Format>,
    is_1904: bool,
    piece: &mut String,
    buffer: &mut Vec<u8>,
) -> Result<Value<Span>, Fail> {
    piece.clear();
    scan.read_text(piece)?;
    match typ {
        Type::Inline => Ok(Value::Empty),
        _ => parse_value(piece, typ, format, is_1904, buffer),
    }
}

/// A shared-string index written as plain digits.
fn index(raw: &[u8]) -> Option<u32> {
    if raw.is_empty() || raw.len() > 9 || !raw.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(raw.iter().fold(0u32, |n, d| n * 10 + (d - b'0') as u32))
}

/// The `t` attribute of a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Type {
    Shared,
    Bool,
    IsoDate,
    Error,
    FormulaString,
    Inline,
    /// `t="n"`, or no `t` at all (`explicit: false`, when text that is no number is text).
    Number {
        explicit: bool,
    },
}

fn type_of(t: &[u8]) -> Result<Type, Fail> {
    Ok(match t {
        b"s" => Type::Shared,
        b"b" => Type::Bool,
        b"d" => Type::IsoDate,
        b"e" => Type::Error,
        b"str" => Type::FormulaString,
        b"inlineStr" | b"is" => Type::Inline,
        b"n" => Type::Number { explicit: true },
        _ => return Err(Fail::Broken),
    })
}

/// The value of `<v>` for a cell of type `typ` and number format `format`.
fn parse_value(
    v: &str,
    typ: Type,
    format: Option<Format>,
    is_1904: bool,
    buffer: &mut Vec<u8>,
) -> Result<Value<Span>, Fail> {
    Ok(match typ {
        Type::Shared if v.is_empty() => Value::Empty,
        Type::Shared => Value::Shared(v.trim().parse::<u32>().unwrap_or(0)),
        Type::Bool => match v.trim() {
            "" => Value::Empty,
            "0" => Value::Bool(false),
            "1" => Value::Bool(true),
            t if t.eq_ignore_ascii_case("false") => Value::Bool(false),
            t if t.eq_ignore_ascii_case("true") => Value::Bool(true),
            _ => return Err(Fail::Broken),
        },
        Type::IsoDate => push_text(buffer, v.as_bytes())?,
        Type::Error => Value::Error,
        Type::FormulaString => push_text(buffer, unescape_excel(v.to_string()).as_bytes())?,
        Type::Inline => Value::Empty,
        Type::Number { .. } if v.is_empty() => Value::Empty,
        Type::Number { explicit } => match v.parse::<f64>() {
            Ok(n) => number(n, format, is_1904),
            Err(_) if !explicit => push_text(buffer, v.as_bytes())?,
            Err(_) => return Err(Fail::Broken),
        },
    })
}

/// A number as its format shows it: a date as its day (time of day dropped), a duration or
/// any other number as the number.
fn number(n: f64, format: Option<Format>, is_1904: bool) -> Value<Span> {
    use calamine::{ExcelDateTime, ExcelDateTimeType};
    match format {
        Some(Format::DateTime) => {
            match ExcelDateTime::new(n, ExcelDateTimeType::DateTime, is_1904).as_datetime() {
                Some(d) => Value::Date(d.date()),
                None => Value::Error,
            }
        }
        _ => Value::Number(n),
    }
}

#[cfg(test)]
mod tests {
    use super::super::refs::{LAST_COL, LAST_ROW};
    use super::*;

    fn cells(xml: &str) -> Result<(Vec<Cell>, Vec<Merge>), Fail> {
        let styles = Styles::parse(
            br#"<styleSheet><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="46"/></cellXfs></styleSheet>"#,
        )?;
        let mut found = Vec::new();
        let end = read(xml.as_bytes(), &styles, false, |c| {
            found.push(c);
            true
        })?;
        Ok((found, end.merges))
    }

    fn at(row: u32, col: u32, value: Value) -> Cell {
        Cell {
            row,
            col,
            value,
            formula: false,
        }
    }

    #[test]
    fn values_are_read_by_type_and_style() {
        let xml = r#"<worksheet><dimension ref="A1:H2"/><sheetData><row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2"><v>1.5</v></c><c r="C2" s="1"><v>45000</v></c><c r="D2" s="2"><v>1.25</v></c><c r="E2" t="b"><v>1</v></c><c r="F2" t="e"><v>#N/A</v></c><c r="G2" t="str"><f>A1</f><v>a &amp; b</v></c><c r="H2" t="inlineStr"><is><t>inne</t></is></c></row></sheetData></worksheet>"#;
        let (found, merges) = cells(xml).unwrap();
        let g = Cell {
            formula: true,
            ..at(1, 6, Value::Text("a & b".into()))
        };
        assert_eq!(
            found,
            [
                at(1, 0, Value::Shared(3)),
                at(1, 1, Value::Number(1.5)),
                at(
                    1,
                    2,
                    Value::Date(NaiveDate::from_ymd_opt(2023, 3, 15).unwrap())
                ),
                at(1, 3, Value::Number(1.25)),
                at(1, 4, Value::Bool(true)),
                at(1, 5, Value::Error),
                g,
                at(1, 7, Value::Text("inne".into())),
            ]
        );
        assert!(merges.is_empty());
    }

    #[test]
    fn positions_without_r_are_counted_and_prefixes_ignored() {
        let xml = r#"<x:worksheet xmlns:x="m"><x:sheetData><x:row><x:c><x:v>1</x:v></x:c><x:c/><x:c><x:v>3</x:v></x:c></x:row><x:row><x:c t="n"><x:v>4</x:v></x:c></x:row></x:sheetData></x:worksheet>"#;
        let (found, _) = cells(xml).unwrap();
        let pos: Vec<(u32, u32)> = found.iter().map(|c| (c.row, c.col)).collect();
        assert_eq!(pos, [(0, 0), (0, 1), (0, 2), (1, 0)]);
        assert_eq!(found[1].value, Value::Empty);
    }

    #[test]
    fn a_formula_without_a_value_and_merged_cells_are_seen() {
        let xml = r#"<worksheet><sheetData><row r="1"><c r="A1"><f t="shared" si="0"/></c><c r="B1" s="9"><v>7</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:B2"/></mergeCells></worksheet>"#;
        let (found, merges) = cells(xml).unwrap();
        assert!(found[0].formula && found[0].value == Value::Empty);
        assert_eq!(
            found[1].value,
            Value::Number(7.0),
            "a style the workbook lacks"
        );
        assert_eq!(merges, [((0, 0), (1, 1))]);
    }

    #[test]
    fn a_formula_whose_saved_result_is_empty_text_is_an_empty_cell() {
        // As Excel writes `=IF(B2="";"";…)` when the result is "".
        let xml = r#"<worksheet><sheetData><row r="1"><c r="A1" t="str"><f>IF(B1="","",B1)</f><v/></c><c r="B1" t="str"><f>X</f><v></v></c><c r="C1"><f>Y</f><v/></c></row></sheetData></worksheet>"#;
        let (found, _) = cells(xml).unwrap();
        assert_eq!(found[0].value, Value::Text(String::new()));
        assert_eq!(found[1].value, Value::Text(String::new()));
        assert_eq!(
            found[2].value,
            Value::Empty,
            "a number formula with an empty <v> has no saved value"
        );
    }

    #[test]
    fn whole_columns_and_rows_merged_are_read() {
        let xml = r#"<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><mergeCells><mergeCell ref="A:A"/><mergeCell ref="B:D"/><mergeCell ref="1:1"/><mergeCell ref="3:4"/><mergeCell ref="E5"/></mergeCells></worksheet>"#;
        let (_, merges) = cells(xml).unwrap();
        assert_eq!(
            merges,
            [
                ((0, 0), (LAST_ROW, 0)),
                ((0, 1), (LAST_ROW, 3)),
                ((0, 0), (0, LAST_COL)),
                ((2, 0), (3, LAST_COL)),
                ((4, 4), (4, 4)),
            ]
        );
        for bad in ["A:1", "AAAA:AAAA", "0:0", "A1:B"] {
            let xml = format!(
                r#"<worksheet><sheetData/><mergeCells><mergeCell ref="{bad}"/></mergeCells></worksheet>"#
            );
            assert_eq!(cells(&xml).unwrap_err(), Fail::BadReference, "{bad}");
        }
    }

    #[test]
    fn references_beyond_excel_and_damaged_cells_are_refused() {
        for xml in [
            r#"<worksheet><sheetData><row r="99999999999"></row></sheetData></worksheet>"#,
            r#"<worksheet><sheetData><row><c r="ZZZZ1"/></row></sheetData></worksheet>"#,
            r#"<worksheet><dimension ref="A1:A123456789"/><sheetData/></worksheet>"#,
            r#"<worksheet><sheetData><row><c r="A1B2"/></row></sheetData></worksheet>"#,
        ] {
            assert_eq!(cells(xml).unwrap_err(), Fail::BadReference, "{xml}");
        }
        for xml in [
            r#"<worksheet><sheetData><row><c r="A1" t="b"><v>kanske</v></c></row></sheetData></worksheet>"#,
            r#"<worksheet><sheetData><row><c r="A1" t="q"><v>1</v></c></row></sheetData></worksheet>"#,
            r#"<worksheet><sheetData><row><c r="A1"><v>1</v></c>"#,
        ] {
            assert_eq!(cells(xml).unwrap_err(), Fail::Broken, "{xml}");
        }
    }

    #[test]
    fn text_in_an_untyped_cell_is_text_and_reading_can_stop() {
        let xml = r#"<worksheet><sheetData><row r="1"><c r="A1"><v>abc</v></c><c r="B1"><v>2</v></c></row></sheetData></worksheet>"#;
        let (found, _) = cells(xml).unwrap();
        assert_eq!(found[0].value, Value::Text("abc".into()));
        let styles = Styles::default();
        let mut n = 0;
        read(xml.as_bytes(), &styles, false, |_| {
            n += 1;
            false
        })
        .unwrap();
        assert_eq!(n, 1);
    }
}
