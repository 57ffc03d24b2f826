//! Hand-written packages, as writers other than Excel write them: each case is one sheet's
//! `<sheetData>` and the shared strings, or a package laid out differently.

use super::{MAIN, Parts, REL, RawCell, Seen, date, ours, same, text, theirs};

/// (what the case shows, the inside of `<sheetData>`, the inside of `<sst>`).
type Case = (&'static str, &'static str, &'static str);

pub(super) const SST: &str = r#"<si><t>noll</t></si><si/><si><t xml:space="preserve">  två  </t></si><si><r><rPr><b/></rPr><t xml:space="preserve">fet </t></r><r><t>vanlig</t></r></si><si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh><phoneticPr fontId="1"/></si><si><t>&amp;&quot;&apos;&#x1F600;&#229;</t></si><si><t><![CDATA[x<y & z]]></t></si><si><t xml:space="preserve">a&#13;&#10;b
c</t></si><si><t>_x000D_radslut_x0009_</t></si>"#;

const CASES: &[Case] = &[
    (
        "shared strings, rich, phonetic, empty <si/>",
        r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="F1" t="s"><v>5</v></c><c r="G1" t="s"><v>6</v></c><c r="H1" t="s"><v>7</v></c><c r="I1" t="s"><v>8</v></c></row>"#,
        SST,
    ),
    (
        "cells without r",
        r#"<row r="3"><c><v>1</v></c><c><v>2</v></c><c r="E3"><v>5</v></c><c><v>6</v></c></row>"#,
        "",
    ),
    (
        "rows without r",
        r#"<row><c><v>1</v></c></row><row><c><v>2</v></c></row><row r="7"><c><v>7</v></c></row><row><c><v>8</v></c></row>"#,
        "",
    ),
    (
        "inline strings",
        r#"<row r="1"><c r="A1" t="inlineStr"><is><t>inne</t></is></c><c r="B1" t="inlineStr"><is><r><rPr><b/></rPr><t>fet</t></r><r><t xml:space="preserve"> vanlig</t></r></is></c><c r="C1" t="inlineStr"><is><t xml:space="preserve">  sp  </t></is></c><c r="D1" t="inlineStr"><is/></c><c r="E1" t="inlineStr"><is><t>&lt;&#229;&gt;</t></is></c><c r="F1" t="inlineStr"><is><t><![CDATA[a&b]]></t></is></c></row>"#,
        "",
    ),
    (
        "t=str",
        r#"<row r="1"><c r="A1" t="str"><f>B1</f><v>a &amp; b</v></c><c r="B1" t="str"><v>ingen formel</v></c><c r="C1" t="str"><f>X</f><v></v></c><c r="D1" t="str"><f>X</f></c><c r="E1" t="str"><v>12</v></c></row>"#,
        "",
    ),
    (
        "t=d ISO dates",
        r#"<row r="1"><c r="A1" t="d"><v>2024-03-01</v></c><c r="B1" t="d"><v>2024-03-01T12:30:00</v></c><c r="C1" t="d" s="1"><v>2024-03-01T00:00:00Z</v></c></row>"#,
        "",
    ),
    (
        "t=e",
        r##"<row r="1"><c r="A1" t="e"><v>#N/A</v></c><c r="B1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="C1" t="e"><v>#REF!</v></c></row>"##,
        "",
    ),
    (
        "t=n",
        r#"<row r="1"><c r="A1" t="n"><v>3.5</v></c><c r="B1" t="n" s="1"><v>45000</v></c><c r="C1" t="n"><v>-1E-3</v></c></row>"#,
        "",
    ),
    (
        "untyped text in v",
        r#"<row r="1"><c r="A1"><v>abc</v></c><c r="B1"><v>1e5</v></c><c r="C1"><v>0x10</v></c><c r="D1"><v>inf</v></c><c r="E1"><v>1,5</v></c><c r="F1"><v>+7</v></c><c r="G1"><v>.5</v></c></row>"#,
        "",
    ),
    (
        "comments and processing instructions",
        r#"<!-- före --><row r="1"><!-- c --><c r="A1"><v>1</v></c><?pi x?><c r="B1"><!--in--><v>2</v></c><c r="C1"><v>3</v><!-- efter v --></c></row><!-- rad --><?pi y?><row r="2"><c r="A2"><v>4</v></c></row>"#,
        "",
    ),
    (
        "CR LF in text",
        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t xml:space=\"preserve\">a\r\nb\rc</t></is></c><c r=\"B1\" t=\"str\"><v>d\r\ne</v></c><c r=\"C1\" t=\"s\"><v>7</v></c></row>\r\n",
        SST,
    ),
    (
        "single-quoted attributes",
        r#"<row r='1'><c r='A1' t='s'><v>0</v></c><c r='B1' s='1'><v>45000</v></c></row>"#,
        SST,
    ),
    (
        ">, quotes and newlines inside attributes",
        "<row r=\"1\" spans=\"1:2\"><c r=\"A1\" x=\"a>b\" t=\"s\"><v>0</v></c><c\n r=\"B1\"\n\ty='\"&gt;' ><v >2</v ></c ></row >",
        SST,
    ),
    (
        "entities in t=str v",
        r#"<row r="1"><c r="A1" t="str"><v>&lt;&#229;&#xE4;&gt;&amp;&quot;&apos;</v></c></row>"#,
        "",
    ),
    (
        "an empty shared-string v",
        r#"<row r="1"><c r="A1" t="s"><v></v></c><c r="B1" t="s"/><c r="C1" t="s"><v>2</v></c></row>"#,
        SST,
    ),
    (
        "an inline string in an untyped cell",
        r#"<row r="1"><c r="B1"><is><t>x</t></is><v>2</v></c></row>"#,
        "",
    ),
    (
        "a self-closing row without r",
        r#"<row><c><v>1</v></c></row><row/><row><c><v>3</v></c></row>"#,
        "",
    ),
    (
        "formulas without a cached value",
        r#"<row r="1"><c r="A1"><f>SUM(B1:C1)</f></c><c r="B1"><f>1+1</f><v></v></c><c r="C1" t="b"><f>TRUE()</f></c><c r="D1"><f>1</f><v>1</v></c></row>"#,
        "",
    ),
    (
        "booleans",
        r#"<row r="1"><c r="A1" t="b"><v>1</v></c><c r="B1" t="b"><v>0</v></c><c r="C1" t="b"><v>true</v></c><c r="D1" t="b"><v>FALSE</v></c><c r="E1" t="b"><v></v></c></row>"#,
        "",
    ),
    (
        "dates by style",
        r#"<row r="1"><c r="A1" s="1"><v>45000</v></c><c r="B1" s="2"><v>45000.75</v></c><c r="C1" s="3"><v>2.25</v></c><c r="D1" s="4"><v>1</v></c><c r="E1" s="5"><v>0.5</v></c><c r="F1" s="6"><v>45000</v></c><c r="G1" s="7"><v>45000</v></c><c r="H1" s="1"><v>60</v></c><c r="I1" s="1"><v>61</v></c><c r="J1" s="1"><v>0</v></c></row>"#,
        "",
    ),
    (
        "dates out of range",
        r#"<row r="1"><c r="A1" s="1"><v>3000000</v></c><c r="B1" s="1"><v>-1</v></c><c r="C1" s="2"><v>2958465.9999</v></c></row>"#,
        "",
    ),
    (
        "a style the workbook lacks",
        r#"<row r="1"><c r="A1" s="99"><v>1</v></c><c r="B1" s="x"><v>2</v></c></row>"#,
        "",
    ),
    (
        "lowercase references",
        r#"<row r="1"><c r="a1"><v>1</v></c><c r="zz1"><v>2</v></c></row>"#,
        "",
    ),
    (
        "a far-away cell",
        r#"<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#,
        "",
    ),
    (
        "whitespace and text between tags",
        "\n  <row r=\"1\">\n    <c r=\"A1\">\n      <v>1</v>\n    </c>\n    stray text\n  </row>\n",
        "",
    ),
];

/// The cases in which our reader differs from calamine. In a `<v>` of type n, s, b, e or
/// none, calamine reads only the first text event (quick-xml's: up to an entity, a comment or
/// CDATA) and parses shared-string indices without trimming; it refuses an element other
/// than `f`, `v` or `is` in a cell. Ours reads the whole text of the `<v>` and skips unknown
/// elements.
const DIVERGENT: &[Case] = &[
    // calamine: nothing (the first event is a character reference); ours: 12.
    (
        "character references in an untyped v",
        r#"<row r="1"><c r="A1"><v>&#49;&#50;</v></c></row>"#,
        "",
    ),
    // calamine: nothing; ours: shared string 2, "två".
    (
        "a character reference in a t=s v",
        r#"<row r="1"><c r="A1" t="s"><v>&#50;</v></c></row>"#,
        SST,
    ),
    // calamine: nothing (CDATA is no text event); ours: 42.
    (
        "CDATA in an untyped v",
        r#"<row r="1"><c r="A1"><v><![CDATA[42]]></v></c></row>"#,
        "",
    ),
    // calamine: nothing (CDATA is left out of a t=str value); ours: "<rå>".
    (
        "CDATA in a t=str v",
        r#"<row r="1"><c r="A1" t="str"><v><![CDATA[<rå>]]></v></c></row>"#,
        "",
    ),
    // calamine: nothing; ours: shared string 2, "två".
    (
        "CDATA in a t=s v",
        r#"<row r="1"><c r="A1" t="s"><v><![CDATA[2]]></v></c></row>"#,
        SST,
    ),
    // calamine: 1 (the text before the comment); ours: 12.
    (
        "a comment inside v",
        r#"<row r="1"><c r="A1"><v>1<!-- x -->2</v></c></row>"#,
        "",
    ),
    // calamine: string 0, "noll" (" 2 " does not parse, and 0 stands in); ours: 2, "två".
    (
        "a shared-string index with spaces",
        r#"<row r="1"><c r="A1" t="s"><v> 2 </v></c></row>"#,
        SST,
    ),
    // calamine: Err "Expecting 'v, f, or is' node"; ours: 1.
    (
        "an unknown element in a cell",
        r#"<row r="1"><c r="A1"><extLst><v>9</v></extLst><v>1</v></c></row>"#,
        "",
    ),
];

/// The label and both readers' cells of every case in which they differ.
fn differing(cases: &[Case]) -> Vec<String> {
    let mut found = Vec::new();
    for (label, rows, sst) in cases {
        let (_dir, path) = Parts::sheet(rows, sst).write();
        let (ours, theirs) = (ours(&path, "Blad1"), theirs(&path, "Blad1"));
        let same = match (&ours, &theirs) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        };
        if !same {
            found.push(format!(
                "{label}:\n  ours:     {ours:?}\n  calamine: {:?}",
                theirs.map_err(|e| e.to_string())
            ));
        }
    }
    found
}

#[test]
fn sheets_as_other_writers_write_them_match() {
    let differ = differing(CASES);
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}

/// In each case of [`DIVERGENT`] our reader reads what the XML says, on purpose: the whole
/// text of the `<v>` (entities, CDATA and comments included), an index with spaces trimmed,
/// an unknown element skipped.
#[test]
fn where_calamine_differs_ours_reads_what_the_xml_says() {
    let two = || RawCell::text_owned("två".to_string());
    let expected = [
        RawCell::Number(12.0),
        two(),
        RawCell::Number(42.0),
        RawCell::text_owned("<rå>".to_string()),
        two(),
        RawCell::Number(12.0),
        two(),
        RawCell::Number(1.0),
    ];
    assert_eq!(expected.len(), DIVERGENT.len());
    for ((label, rows, sst), want) in DIVERGENT.iter().zip(expected) {
        let (_dir, path) = Parts::sheet(rows, sst).write();
        assert_eq!(
            ours(&path, "Blad1"),
            Ok(vec![(0, 0, want, false)]),
            "{label}"
        );
    }
}

pub(super) const ROWS: &str = r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>45000</v></c><c r="C1"><v>1.5</v></c></row>"#;

/// One sheet of [`ROWS`] and shared strings [`SST`].
pub(super) fn plain() -> Parts {
    Parts::sheet(ROWS, SST)
}

#[track_caller]
pub(super) fn agree(parts: Parts) -> Vec<Seen> {
    let (_dir, path) = parts.write();
    same(&path, "Blad1")
}

#[test]
fn namespace_prefixes_match() {
    let sheet = format!(
        r#"<?xml version="1.0"?><x:worksheet xmlns:x="{MAIN}"><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c><x:v>2</x:v></x:c><x:c t="inlineStr"><x:is><x:t>inne</x:t></x:is></x:c></x:row><x:row><x:c><x:f>1</x:f></x:c></x:row></x:sheetData></x:worksheet>"#
    );
    let sst = format!(r#"<x:sst xmlns:x="{MAIN}"><x:si><x:t>prefix</x:t></x:si></x:sst>"#);
    let parts = Parts::book(&[("Blad1", &sheet)]).with("xl/sharedStrings.xml", sst);
    let cells = agree(parts);
    assert_eq!(cells[0], (0, 0, text("prefix"), false));
    assert_eq!(cells[3], (1, 0, RawCell::Empty, true));
}

#[test]
fn stored_parts_a_byte_order_mark_and_crlf_between_tags_match() {
    agree(plain().stored());
    let sheet = format!(
        "\u{feff}<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<worksheet xmlns=\"{MAIN}\">\r\n<sheetData>\r\n{ROWS}\r\n</sheetData>\r\n</worksheet>"
    );
    agree(plain().with("xl/worksheets/sheet1.xml", sheet));
}

/// calamine: the three cells of [`ROWS`]; ours: `Err(Broken)`, for a line end (`\n` or
/// `\r\n`, as many writers end a file) after `</worksheet>`.
#[test]
fn a_line_end_after_the_root_element_matches() {
    let sheet = format!(r#"<worksheet xmlns="{MAIN}"><sheetData>{ROWS}</sheetData></worksheet>"#);
    agree(plain().with("xl/worksheets/sheet1.xml", format!("{sheet}\n")));
}

#[test]
fn a_package_without_styles_or_shared_strings_matches() {
    let cells = agree(plain().without("xl/styles.xml"));
    assert_eq!(cells[1], (0, 1, RawCell::Number(45000.0), false));
    let cells = agree(Parts::sheet(
        r#"<row r="1"><c r="A1"><v>1</v></c></row>"#,
        "",
    ));
    assert_eq!(cells.len(), 1);
}

#[test]
fn relationship_targets_in_another_case_or_absolute_match() {
    let rels = |target: &str| {
        format!(
            r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/worksheet" Target="{target}"/><Relationship Id="rIdS" Type="{REL}/styles" Target="/xl/styles.xml"/><Relationship Id="rIdT" Type="{REL}/sharedStrings" Target="/xl/sharedStrings.xml"/></Relationships>"#
        )
    };
    for target in ["/xl/worksheets/sheet1.xml", "worksheets/Sheet1.XML"] {
        let cells = agree(plain().with("xl/_rels/workbook.xml.rels", rels(target)));
        assert_eq!(cells.len(), 3, "{target}");
    }
}

/// calamine: `Worksheet 'Blad1' not found`; ours resolves `./` and reads the three cells of
/// [`ROWS`], as from the plain package.
#[test]
fn a_relationship_target_with_a_dot_segment_is_resolved() {
    let rels = format!(
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/worksheet" Target="./worksheets/sheet1.xml"/><Relationship Id="rIdS" Type="{REL}/styles" Target="styles.xml"/><Relationship Id="rIdT" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#
    );
    let (_dir, path) = plain().with("xl/_rels/workbook.xml.rels", rels).write();
    let (_plain_dir, plain_path) = plain().write();
    assert_eq!(ours(&path, "Blad1"), ours(&plain_path, "Blad1"));
    assert_eq!(ours(&path, "Blad1").map(|c| c.len()), Ok(3));
}

#[test]
fn a_1904_workbook_matches() {
    for flag in ["1", "true"] {
        let workbook = format!(
            r#"<workbook xmlns="{MAIN}" xmlns:r="{REL}"><workbookPr date1904="{flag}"/><sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>"#
        );
        let cells = agree(plain().with("xl/workbook.xml", workbook));
        assert_eq!(cells[1], (0, 1, date(2027, 3, 16), false), "{flag}");
    }
}

/// A self-closing `<f/>`, bare or a shared formula's, is a formula to both readers: the
/// intended difference for `<f/>` does not show with calamine 0.38.
#[test]
fn a_self_closing_formula_matches() {
    let shared = r#"<row r="1"><c r="A1"><f t="shared" ref="A1:A2" si="0">B1</f><v>1</v></c><c r="A2"><f t="shared" si="0"/></c></row>"#;
    assert_eq!(
        agree(Parts::sheet(shared, ""))[1],
        (1, 0, RawCell::Empty, true)
    );
    let rows = r#"<row r="1"><c r="A1"><f/></c><c r="B1"><f/><v>2</v></c></row>"#;
    assert_eq!(
        agree(Parts::sheet(rows, "")),
        [
            (0, 0, RawCell::Empty, true),
            (0, 1, RawCell::Number(2.0), false)
        ]
    );
}
