//! Random small sheets, hand-written as XML: both readers agree on every one.

use proptest::prelude::*;

use super::{Parts, ours, theirs};

const SST: &str = r#"<si><t>ett</t></si><si/><si><r><t xml:space="preserve">två </t></r><r><t>delar</t></r></si><si><t>å &amp; ö</t></si>"#;

/// A cell's inside and attributes (beyond `r`) of kind `kind`, from `n` and `word`.
fn cell(kind: u8, n: i32, word: &str, p: &str) -> (String, String) {
    let v = |s: &str| format!("<{p}v>{s}</{p}v>");
    match kind {
        0 => (String::new(), v(&n.to_string())),
        1 => (String::new(), v(&format!("{}.25", n))),
        2 => (r#" t="s""#.into(), v(&(n.rem_euclid(4)).to_string())),
        3 => (
            r#" t="inlineStr""#.into(),
            format!("<{p}is><{p}t>{word}</{p}t></{p}is>"),
        ),
        4 => (r#" t="b""#.into(), v(&(n.rem_euclid(2)).to_string())),
        5 => (r#" t="str""#.into(), format!("<{p}f>A1</{p}f>{}", v(word))),
        6 => (r#" t="e""#.into(), v("#N/A")),
        7 => (String::new(), format!("<{p}f>1+1</{p}f>")),
        8 => (r#" s="1""#.into(), v(&n.rem_euclid(80_000).to_string())),
        // Entities in an untyped `<v>` are a known divergence (`hand::DIVERGENT`).
        9 => (String::new(), v(&word.replace(['&', ';'], ""))),
        _ => (r#" s="3""#.into(), String::new()),
    }
}

fn column(mut c: u32) -> String {
    let mut s = String::new();
    c += 1;
    while c > 0 {
        s.insert(0, (b'A' + ((c - 1) % 26) as u8) as char);
        c = (c - 1) / 26;
    }
    s
}

type RandomCell = (u8, i32, String, u32, bool);
type RandomRow = (u32, bool, Vec<RandomCell>);

fn sheet(rows: &[RandomRow], prefix: bool, space: &str) -> String {
    let p = if prefix { "x:" } else { "" };
    let mut xml = String::new();
    let mut r = 0;
    for (gap, with_r, cells) in rows {
        r += gap;
        let row_r = if *with_r {
            format!(r#" r="{r}""#)
        } else {
            String::new()
        };
        xml.push_str(&format!("{space}<{p}row{row_r}>"));
        let mut c = 0;
        for (kind, n, word, col_gap, cell_r) in cells {
            c += col_gap;
            let (attrs, inside) = cell(*kind, *n, word, p);
            let at = if *cell_r && *with_r {
                format!(r#" r="{}{r}""#, column(c))
            } else {
                String::new()
            };
            xml.push_str(&format!("{space}<{p}c{at}{attrs}>{inside}</{p}c>"));
        }
        xml.push_str(&format!("{space}</{p}row>"));
    }
    let ns = if prefix {
        format!(r#"xmlns:x="{}""#, super::MAIN)
    } else {
        format!(r#"xmlns="{}""#, super::MAIN)
    };
    format!(
        "<{p}worksheet {ns}>{space}<{p}sheetData>{xml}{space}</{p}sheetData>{space}</{p}worksheet>"
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_sheets_match(
        rows in prop::collection::vec(
            (1u32..3, any::<bool>(), prop::collection::vec(
                (0u8..11, -100_000i32..100_000, "[a-zåäö &<>]{0,6}", 0u32..3, any::<bool>()), 0..6)),
            0..6),
        prefix in any::<bool>(),
        space in prop::sample::select(vec!["", " ", "\n", "\r\n  ", "\t"]),
    ) {
        let rows: Vec<RandomRow> = rows.into_iter().map(|(g, r, cells)| {
            let cells = cells.into_iter().map(|(k, n, w, cg, cr)| {
                let w = w.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
                (k, n, w, cg, cr)
            }).collect();
            (g, r, cells)
        }).collect();
        let xml = sheet(&rows, prefix, space);
        let (_dir, path) = Parts::book(&[("Blad1", &xml)])
            .with("xl/sharedStrings.xml", format!(r#"<sst xmlns="{}">{SST}</sst>"#, super::MAIN))
            .write();
        let ours = ours(&path, "Blad1");
        let theirs = theirs(&path, "Blad1").map_err(|e| e.to_string());
        prop_assert_eq!(ours.ok(), theirs.ok(), "{}", xml);
    }
}
