//! Tests of the xls and ods bounds, against calamine's own ranges where it matters.

use std::path::Path;

use super::ods::scan_ods;
use super::*;

fn scan_named(xml: &str) -> Result<()> {
    let mut total = 0;
    scan_ods(xml.as_bytes(), &mut |sheet, extent| {
        judge("fil.ods", sheet, extent, &mut total)
    })
}

fn scan(xml: &str) -> Result<()> {
    scan_named(xml)
}

fn table(rows: &str) -> String {
    format!(
        r#"<office:document-content><office:body><office:spreadsheet><table:table table:name="Blad1">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    )
}

const HEADER: &str = r#"<table:table-row><table:table-cell office:value-type="string"><text:p>Id</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="1"/></table:table-row>"#;

#[test]
fn a_small_sheet_passes() {
    scan(&table(HEADER)).unwrap();
}

#[test]
fn a_cell_repeated_over_the_whole_sheet_is_refused_at_its_far_corner() {
    let rows = format!(
        r#"{HEADER}<table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="16384" office:value="1"/></table:table-row>"#
    );
    let err = scan(&table(&rows)).unwrap_err().to_string();
    assert_eq!(
        err,
        "fil.ods › Blad1: en cell i XFD1048576 gör bladet 17 miljarder celler stort fast det bara har 3 ifyllda celler; filen läses inte (ta bort cellen eller det som står långt från tabellen och spara om filen)"
    );
}

#[test]
fn a_stray_cell_after_empty_repeated_rows_is_refused_by_its_address() {
    let rows = format!(
        r#"{HEADER}<table:table-row table:number-rows-repeated="999998"><table:table-cell table:number-columns-repeated="16384"/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="9999"/><table:table-cell office:value="7"/></table:table-row>"#
    );
    let err = scan(&table(&rows)).unwrap_err().to_string();
    assert!(
        err.starts_with("fil.ods › Blad1: en cell i NTP1000000 gör bladet 10 miljarder celler stort fast det bara har 3 ifyllda celler;"),
        "{err}"
    );
}

#[test]
fn a_far_cell_alone_costs_nothing_and_passes() {
    // calamine's range starts at the first cell with content: one cell far away is one cell.
    let rows = r#"<table:table-row table:number-rows-repeated="999999"><table:table-cell/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="9999"/><table:table-cell office:value="7"/></table:table-row>"#;
    // ... but the empty cells before it in its own row are pushed: 10 000 cells.
    scan(&table(rows)).unwrap();
}

#[test]
fn many_rows_pushed_far_right_are_refused_though_the_range_is_narrow() {
    let row = r#"<table:table-row><table:table-cell table:number-columns-repeated="16383"/><table:table-cell office:value="1"/></table:table-row>"#;
    let err = scan(&table(&row.repeat(1000))).unwrap_err().to_string();
    assert!(
        err.starts_with("fil.ods › Blad1: en cell i XFD1 gör bladet 16 miljoner celler stort fast det bara har 1\u{a0}000 ifyllda celler;"),
        "{err}"
    );
}

#[test]
fn empty_repeats_at_the_end_of_rows_and_sheets_cost_nothing() {
    let rows = format!(
        r#"{HEADER}<table:table-row table:number-rows-repeated="1048574"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>"#
    );
    scan(&table(&rows)).unwrap();
}

#[test]
fn workbooks_whose_sheets_together_are_too_large_are_refused() {
    // 8 sheets of 3 million filled cells each: each passes alone.
    let row = r#"<table:table-row table:number-rows-repeated="300000"><table:table-cell office:value="1"/><table:table-cell office:value="2"/><table:table-cell office:value="3"/><table:table-cell office:value="4"/><table:table-cell office:value="5"/><table:table-cell office:value="6"/><table:table-cell office:value="7"/><table:table-cell office:value="8"/><table:table-cell office:value="9"/><table:table-cell office:value="10"/></table:table-row>"#;
    let sheets: String = (1..=8)
        .map(|i| format!(r#"<table:table table:name="B{i}">{row}</table:table>"#))
        .collect();
    let err = scan_named(&sheets).unwrap_err().to_string();
    assert_eq!(
        err,
        "fil.ods › B7: arbetsbokens blad blir tillsammans 21 miljoner celler stora i minnet (det här sträcker sig till J300000); filen läses inte eftersom den är större än 20 miljoner celler (dela upp den eller spara den som .xlsx)"
    );
}

/// A content.xml with `rows` in sheet Blad1, zipped as an ods file.
fn ods_file(dir: &Path, rows: &str) -> std::path::PathBuf {
    use std::io::Write;
    let path = dir.join("fil.ods");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("META-INF/manifest.xml", stored).unwrap();
    zip.write_all(b"<manifest:manifest/>").unwrap();
    zip.start_file("content.xml", stored).unwrap();
    zip.write_all(table(rows).as_bytes()).unwrap();
    zip.finish().unwrap();
    path
}

fn ods_extent(rows: &str) -> Extent {
    let mut found = Vec::new();
    scan_ods(table(rows).as_bytes(), &mut |_, e| {
        found.push(e.clone());
        Ok(())
    })
    .unwrap();
    found.pop().unwrap()
}

#[test]
fn the_ods_scan_counts_the_cells_calamine_allocates() {
    use calamine::{Ods, Reader, open_workbook};
    let v = |n: u32| format!(r#"<table:table-cell office:value-type="float" office:value="{n}"/>"#);
    let shapes = [
        format!("<table:table-row>{}{}</table:table-row>", v(1), v(2)),
        // A stray cell 300 rows down and 40 columns right.
        format!(
            r#"<table:table-row>{}</table:table-row><table:table-row table:number-rows-repeated="299"><table:table-cell table:number-columns-repeated="50"/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="40"/>{}</table:table-row>"#,
            v(1),
            v(2)
        ),
        // A repeated cell in repeated rows, below empty rows and after empty columns.
        format!(
            r#"<table:table-row table:number-rows-repeated="7"><table:table-cell/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="3"/>{}</table:table-row><table:table-row table:number-rows-repeated="30"><table:table-cell/><table:table-cell table:number-columns-repeated="20" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>"#,
            v(1)
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    for rows in &shapes {
        let mut wb: Ods<_> = open_workbook(ods_file(dir.path(), rows)).unwrap();
        let (h, w) = wb.worksheet_range("Blad1").unwrap().get_size();
        assert_eq!(ods_extent(rows).dense, (h * w) as u64, "{rows}");
    }
}

/// A BIFF8 record.
fn rec(typ: u16, data: &[u8]) -> Vec<u8> {
    let mut r = typ.to_le_bytes().to_vec();
    r.extend((data.len() as u16).to_le_bytes());
    r.extend(data);
    r
}

/// A BIFF8 workbook stream: one sheet, Blad1, with a number in each of `cells`, and a
/// DIMENSIONS record spanning them unless `dims` overrides it (first row, last row + 1).
fn biff(cells: &[(u16, u16)], dims: Option<(u32, u32)>) -> Vec<u8> {
    let bof = |dt: u16| {
        let mut d = vec![0u8; 16];
        d[..2].copy_from_slice(&0x0600u16.to_le_bytes());
        d[2..4].copy_from_slice(&dt.to_le_bytes());
        rec(0x0809, &d)
    };
    let sheet_len = |pos: u32| {
        let mut d = pos.to_le_bytes().to_vec();
        d.extend([0, 0, 5, 0]);
        d.extend(b"Blad1");
        rec(0x0085, &d)
    };
    let globals_len = bof(5).len() + sheet_len(0).len() + rec(0x000A, &[]).len();
    let mut out = bof(5);
    out.extend(sheet_len(globals_len as u32));
    out.extend(rec(0x000A, &[]));
    out.extend(bof(0x10));
    let rows = cells.iter().map(|c| c.0 as u32);
    let cols = cells.iter().map(|c| c.1);
    let (rf, rl) = dims.unwrap_or((rows.clone().min().unwrap(), rows.max().unwrap() + 1));
    let mut d = rf.to_le_bytes().to_vec();
    d.extend(rl.to_le_bytes());
    d.extend(cols.clone().min().unwrap().to_le_bytes());
    d.extend((cols.max().unwrap() + 1).to_le_bytes());
    d.extend([0, 0]);
    out.extend(rec(0x0200, &d));
    for (i, &(r, c)) in cells.iter().enumerate() {
        let mut d = r.to_le_bytes().to_vec();
        d.extend(c.to_le_bytes());
        d.extend([0, 0]);
        d.extend((i as f64 + 0.5).to_le_bytes());
        out.extend(rec(0x0203, &d));
    }
    out.extend(rec(0x000A, &[]));
    out
}

/// A compound file (512-byte sectors) holding `stream` as its Workbook stream, which is
/// small enough (under 4 096 bytes) to live in the mini stream.
fn compound(stream: &[u8]) -> Vec<u8> {
    assert!(stream.len() < 4096);
    let end = 0xFFFF_FFFEu32;
    let free = 0xFFFF_FFFFu32;
    let minis = stream.len().div_ceil(64);
    let sectors = (minis * 64).div_ceil(512);
    let mut b = vec![0u8; 512];
    b[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    let put16 =
        |b: &mut Vec<u8>, at: usize, v: u16| b[at..at + 2].copy_from_slice(&v.to_le_bytes());
    let put32 =
        |b: &mut Vec<u8>, at: usize, v: u32| b[at..at + 4].copy_from_slice(&v.to_le_bytes());
    put16(&mut b, 0x18, 0x3E);
    put16(&mut b, 0x1A, 3);
    put16(&mut b, 0x1C, 0xFFFE);
    put16(&mut b, 0x1E, 9);
    put16(&mut b, 0x20, 6);
    put32(&mut b, 0x2C, 1);
    put32(&mut b, 0x30, 1);
    put32(&mut b, 0x38, 4096);
    put32(&mut b, 0x3C, 2);
    put32(&mut b, 0x40, 1);
    put32(&mut b, 0x44, end);
    put32(&mut b, 0x4C, 0);
    for i in 1..109 {
        put32(&mut b, 0x4C + 4 * i, free);
    }
    let sector_of = |entries: Vec<u32>| -> Vec<u8> {
        let mut s: Vec<u8> = entries.iter().flat_map(|e| e.to_le_bytes()).collect();
        s.resize(512, 0xFF);
        s
    };
    // Sector 0 the FAT, 1 the directory, 2 the mini FAT, 3… the mini stream.
    let mut fat = vec![0xFFFF_FFFD, end, end];
    fat.extend((0..sectors as u32).map(|i| if i + 1 == sectors as u32 { end } else { 4 + i }));
    b.extend(sector_of(fat));
    let entry = |name: &str, typ: u8, child: u32, start: u32, size: u32| {
        let mut e = vec![0u8; 128];
        let units: Vec<u16> = name.encode_utf16().chain([0]).collect();
        for (i, u) in units.iter().enumerate() {
            e[2 * i..2 * i + 2].copy_from_slice(&u.to_le_bytes());
        }
        e[64..66].copy_from_slice(&(units.len() as u16 * 2).to_le_bytes());
        e[66] = typ;
        e[68..72].copy_from_slice(&free.to_le_bytes());
        e[72..76].copy_from_slice(&free.to_le_bytes());
        e[76..80].copy_from_slice(&child.to_le_bytes());
        e[116..120].copy_from_slice(&start.to_le_bytes());
        e[120..124].copy_from_slice(&size.to_le_bytes());
        e
    };
    b.extend(entry("Root Entry", 5, 1, 3, (minis * 64) as u32));
    b.extend(entry("Workbook", 2, free, 0, stream.len() as u32));
    b.extend(entry("", 0, free, free, 0));
    b.extend(entry("", 0, free, free, 0));
    let minifat = (0..minis as u32).map(|i| if i + 1 == minis as u32 { end } else { i + 1 });
    b.extend(sector_of(minifat.collect()));
    let mut mini = stream.to_vec();
    mini.resize(sectors * 512, 0);
    b.extend(mini);
    b
}

fn xls_file(dir: &Path, stream: &[u8]) -> std::path::PathBuf {
    let path = dir.join("fil.xls");
    std::fs::write(&path, compound(stream)).unwrap();
    path
}

#[test]
fn the_xls_scan_reads_a_small_workbook_from_the_mini_stream_as_calamine_does() {
    use calamine::{Reader, Xls, open_workbook};
    let dir = tempfile::tempdir().unwrap();
    for cells in [&[(0, 0), (0, 1), (1, 0)][..], &[(2, 3), (300, 40), (5, 7)]] {
        let stream = biff(cells, None);
        let file = compound(&stream);
        assert_eq!(cfb::workbook_stream(&file).unwrap(), stream);
        let sheets = biff::sheets(&stream).unwrap();
        assert_eq!(sheets.len(), 1);
        assert_eq!(sheets[0].0, "Blad1");
        let mut wb: Xls<_> = open_workbook(xls_file(dir.path(), &stream)).unwrap();
        let (h, w) = wb.worksheet_range("Blad1").unwrap().get_size();
        assert_eq!(sheets[0].1.dense, (h * w) as u64, "{cells:?}");
        assert_eq!(sheets[0].1.stored, cells.len() as u64);
        check_xls(&xls_file(dir.path(), &stream), "fil.xls").unwrap();
    }
}

#[test]
fn an_xls_cell_at_the_end_of_biff8_is_refused_by_its_address() {
    let dir = tempfile::tempdir().unwrap();
    let path = xls_file(dir.path(), &biff(&[(0, 0), (0, 1), (65535, 255)], None));
    assert_eq!(
        check_xls(&path, "fil.xls").unwrap_err().to_string(),
        "fil.xls › Blad1: en cell i IV65536 gör bladet 17 miljoner celler stort fast det bara har 3 ifyllda celler; filen läses inte (ta bort cellen eller det som står långt från tabellen och spara om filen)"
    );
}

#[test]
fn an_xls_dimensions_record_calamine_would_wrap_around_on_is_refused() {
    // A first row past the last: calamine's row count wraps to about 4 billion.
    let dir = tempfile::tempdir().unwrap();
    let path = xls_file(dir.path(), &biff(&[(0, 0), (0, 1)], Some((10, 5))));
    assert_eq!(
        check_xls(&path, "fil.xls").unwrap_err().to_string(),
        "fil.xls › Blad1: bladet anger att det sträcker sig till B11 och blir då mer än 1\u{a0}000 miljarder celler stort fast det bara har 2 ifyllda celler; filen är skadad och läses inte (spara om den i Excel)"
    );
}

/// `biff(cells)` with a MulRk record of `values` numbers from column `first` to `last` in
/// row 0, before the sheet's end.
fn with_mul_rk(cells: &[(u16, u16)], first: u16, last: u16, values: usize) -> Vec<u8> {
    let mut stream = biff(cells, None);
    let eof = rec(0x000A, &[]);
    stream.truncate(stream.len() - eof.len());
    let mut d = 0u16.to_le_bytes().to_vec();
    d.extend(first.to_le_bytes());
    for _ in 0..values {
        d.extend([0, 0]);
        d.extend(((7u32 << 2) | 2).to_le_bytes());
    }
    d.extend(last.to_le_bytes());
    stream.extend(rec(0x00BD, &d));
    stream.extend(eof);
    stream
}

#[test]
fn an_xls_mul_rk_whose_last_column_is_before_its_first_is_unreadable() {
    use calamine::{Reader, Xls, open_workbook};
    // Found by fuzzing: calamine subtracts the first column from the last, which overflows
    // (a panic where overflow is checked).
    let dir = tempfile::tempdir().unwrap();
    for (first, last) in [(5, 3), (0, 0xFFFF)] {
        let path = xls_file(dir.path(), &with_mul_rk(&[(0, 0)], first, last, 1));
        assert_eq!(
            check_xls(&path, "fil.xls").unwrap_err().to_string(),
            "fil.xls: filen kan inte läsas som Excel-fil (.xls) (skadad, krypterad eller fel format)",
            "{first}–{last}"
        );
    }
    // A whole one passes, and calamine reads its values.
    let path = xls_file(dir.path(), &with_mul_rk(&[(0, 0)], 1, 2, 2));
    check_xls(&path, "fil.xls").unwrap();
    let mut wb: Xls<_> = open_workbook(&path).unwrap();
    let range = wb.worksheet_range("Blad1").unwrap();
    assert_eq!(range.get_value((0, 2)), Some(&calamine::Data::Int(7)));
}

/// `biff(&[(0, 0)])` with `record` among the workbook globals, after the first BOF.
fn with_global(record: &[u8]) -> Vec<u8> {
    let mut stream = biff(&[(0, 0)], None);
    let bof = 4 + 16;
    stream.splice(bof..bof, record.iter().copied());
    // The BoundSheet8 record after it points at the sheet, which moved.
    let at = bof + record.len() + 4;
    let pos = u32::from_le_bytes(stream[at..at + 4].try_into().unwrap()) + record.len() as u32;
    stream[at..at + 4].copy_from_slice(&pos.to_le_bytes());
    stream
}

#[test]
fn xls_globals_too_short_for_what_calamine_reads_are_unreadable() {
    use calamine::{Reader, Xls, open_workbook};
    // Found by fuzzing: calamine indexes these records' bytes without a check, and panics.
    let dir = tempfile::tempdir().unwrap();
    let mut lbl = vec![0u8; 14];
    lbl[4..6].copy_from_slice(&20u16.to_le_bytes());
    for (what, record) in [
        ("Lbl, 3 bytes", rec(0x0018, &[0, 0, 0])),
        ("Lbl, formula longer than the record", rec(0x0018, &lbl)),
        ("CodePage, 1 byte", rec(0x0042, &[1])),
        ("DateMode, empty", rec(0x0022, &[])),
        ("ExternSheet, 1 byte", rec(0x0017, &[0])),
    ] {
        let path = xls_file(dir.path(), &with_global(&record));
        assert_eq!(
            check_xls(&path, "fil.xls").unwrap_err().to_string(),
            "fil.xls: filen kan inte läsas som Excel-fil (.xls) (skadad, krypterad eller fel format)",
            "{what}"
        );
    }
    // Whole ones pass, and calamine reads the workbook.
    for record in [rec(0x0042, &1252u16.to_le_bytes()), rec(0x0022, &[0, 0])] {
        let path = xls_file(dir.path(), &with_global(&record));
        check_xls(&path, "fil.xls").unwrap();
        let mut wb: Xls<_> = open_workbook(&path).unwrap();
        assert!(wb.worksheet_range("Blad1").is_ok());
    }
}

#[test]
fn an_xls_file_that_is_not_a_compound_file_is_unreadable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fil.xls");
    std::fs::write(&path, b"Id;Typ\n1;Avvikelse\n").unwrap();
    assert_eq!(
        check_xls(&path, "fil.xls").unwrap_err().to_string(),
        "fil.xls: filen kan inte läsas som Excel-fil (.xls) (skadad, krypterad eller fel format)"
    );
}

#[test]
fn cell_counts_read_as_words() {
    assert_eq!(cells(12), "12 celler");
    assert_eq!(cells(1_234_567), "1 miljon celler");
    assert_eq!(cells(16_777_216), "17 miljoner celler");
    assert_eq!(cells(17_179_869_184), "17 miljarder celler");
}
