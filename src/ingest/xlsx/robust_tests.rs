//! Whatever bytes a sheet or a shared-string part holds, the scanners end with cells or a
//! failure, never a panic: fragments of the XML these parts are made of, shuffled and cut.

use proptest::prelude::*;

use super::shared::SharedStrings;
use super::sheet;
use super::styles::Styles;

/// Pieces of sheet and shared-string XML, well formed and not.
const FRAGMENTS: &[&str] = &[
    "<sheetData>",
    "</sheetData>",
    "<sheetData/>",
    "<row r=\"2\">",
    "<row>",
    "</row>",
    "<row/>",
    "<c r=\"B2\" t=\"s\"><v>0</v></c>",
    "<c r=\"A1\" s=\"1\"><v>45000</v></c>",
    "<c r=\"XFD1048576\"/>",
    "<c ",
    "r=\"A",
    "\"",
    "'",
    "<c t=\"str\"><f>1+1</f><v>a&amp;b</v></c>",
    "<c t=\"inlineStr\"><is><r><t xml:space=\"preserve\"> x </t></r></is></c>",
    "<v>",
    "</v>",
    "</c>",
    "<f/>",
    "<x:c r=\"C3\">",
    "<!-- c -->",
    "<![CDATA[<c>]]>",
    "<?pi?>",
    "<!DOCTYPE x [<!ENTITY e \"y\">]>",
    "&#x1F600;",
    "&bogus;",
    "&",
    "<",
    ">",
    "_x000D_",
    "_xD800_",
    "\r\n",
    "å",
    "<mergeCell ref=\"A1:B2\"/>",
    "<mergeCell ref=\"A1:B2:C3\"/>",
    "<sst>",
    "<si>",
    "</si>",
    "<si/>",
    "<si><t>plain</t></si>",
    "<t>",
    "</t>",
    "<rPh>",
    "</rPh>",
];

fn xml() -> impl Strategy<Value = Vec<u8>> {
    (
        proptest::collection::vec(0..FRAGMENTS.len(), 0..60),
        any::<usize>(),
    )
        .prop_map(|(picks, cut)| {
            let mut bytes: Vec<u8> = picks
                .into_iter()
                .flat_map(|i| FRAGMENTS[i].bytes())
                .collect();
            // Sometimes cut off anywhere, even inside a character.
            if cut % 3 == 0 && !bytes.is_empty() {
                bytes.truncate(cut % bytes.len());
            }
            bytes
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn the_sheet_scanner_never_panics(bytes in xml()) {
        let styles = Styles::parse(b"<cellXfs><xf numFmtId=\"14\"/><xf/></cellXfs>").unwrap();
        let mut cells = 0usize;
        let _ = sheet::read(&bytes[..], &styles, false, |_| {
            cells += 1;
            true
        });
        let _ = Styles::parse(&bytes);
    }

    #[test]
    fn the_shared_string_reader_never_panics(bytes in xml()) {
        for keep_long in [false, true] {
            let _ = SharedStrings::read(&bytes[..], keep_long);
        }
    }
}

/// A part that arrives a few bytes at a time, so that every node is cut at every place.
struct Trickle<'a> {
    bytes: &'a [u8],
    step: usize,
}

impl std::io::Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.step.min(buf.len()).min(self.bytes.len());
        buf[..n].copy_from_slice(&self.bytes[..n]);
        self.bytes = &self.bytes[n..];
        Ok(n)
    }
}

fn cells(part: impl std::io::Read) -> Result<(Vec<sheet::Cell>, Vec<sheet::Merge>), super::Fail> {
    let styles = Styles::parse(b"<cellXfs><xf numFmtId=\"14\"/><xf/></cellXfs>").unwrap();
    let mut found = Vec::new();
    let end = sheet::read(part, &styles, false, |c| {
        found.push(c);
        true
    })?;
    Ok((found, end.merges))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn a_part_read_a_few_bytes_at_a_time_reads_as_the_whole(bytes in xml(), step in 1usize..9) {
        let whole = cells(&bytes[..]);
        prop_assert_eq!(cells(Trickle { bytes: &bytes, step }), whole);
        let whole = format!("{:?}", SharedStrings::read(&bytes[..], false));
        let trickled = format!("{:?}", SharedStrings::read(Trickle { bytes: &bytes, step }, false));
        prop_assert_eq!(trickled, whole);
    }
}

#[test]
fn a_text_longer_than_the_window_is_read_whole() {
    let long = "å".repeat(400_000);
    let xml = format!("<sst><si><t>{long}</t></si><si><t>b</t></si></sst>");
    for step in [7, 1 << 20] {
        let table = SharedStrings::read(
            Trickle {
                bytes: xml.as_bytes(),
                step,
            },
            true,
        )
        .unwrap();
        assert_eq!(table.get(0), Some(super::shared::Text::Here(long.as_str())));
        assert_eq!(table.get(1), Some(super::shared::Text::Here("b")));
    }
}

#[test]
fn a_line_end_after_the_root_element_ends_the_part_well() {
    for tail in ["\n", "\r\n", "  ", ""] {
        let xml = format!(
            "<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row></sheetData></worksheet>{tail}"
        );
        let (found, _) = cells(xml.as_bytes()).unwrap();
        assert_eq!(found.len(), 1, "{tail:?}");
        let sst = format!("<sst><si><t>a</t></si></sst>{tail}");
        assert!(
            SharedStrings::read(sst.as_bytes(), false).is_ok(),
            "{tail:?}"
        );
    }
    // A tag cut off at the end is still damage.
    assert_eq!(
        cells(&b"<worksheet><sheetData></sheetData><row"[..]).unwrap_err(),
        super::Fail::Broken
    );
}
