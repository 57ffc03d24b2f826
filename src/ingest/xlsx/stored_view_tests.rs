//! Tests of the stored view: every part read back as it is, a bad reference, a part longer than
//! its header claims, and a declared bomb.

use super::*;
use std::io::Write;

fn archive(parts: &[(&str, &[u8])]) -> tempfile::NamedTempFile {
    let mut file = tempfile::NamedTempFile::new().expect("temp file");
    {
        let mut zip = zip::ZipWriter::new(file.as_file_mut());
        for (name, bytes) in parts {
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            zip.start_file(*name, options).expect("start");
            zip.write_all(bytes).expect("write");
        }
        zip.finish().expect("finish");
    }
    file
}

#[test]
fn the_view_reads_every_part_as_the_file_holds_it() {
    let sheet: Vec<u8> = (0..200_000u32)
        .flat_map(|i| format!(r#"<c r="A{}"><v>{i}</v></c>"#, i + 1).into_bytes())
        .collect();
    let file = archive(&[
        ("xl/workbook.xml", b"<workbook/>"),
        ("xl/worksheets/sheet1.xml", &sheet),
        ("xl/sharedStrings.xml", b"<sst/>"),
    ]);
    let view = StoredView::open(file.path())
        .expect("io")
        .expect("simple")
        .expect("no bomb");
    let mut whole = Vec::new();
    let mut view = view;
    view.read_to_end(&mut whole).expect("the whole view");
    view.seek(SeekFrom::Start(0)).expect("rewind");
    let mut zip = zip::ZipArchive::new(view).expect("view is an archive");
    for (name, want) in [
        ("xl/worksheets/sheet1.xml", &sheet[..]),
        ("xl/workbook.xml", b"<workbook/>"),
        ("xl/worksheets/sheet1.xml", &sheet[..]),
    ] {
        let mut got = Vec::new();
        zip.by_name(name)
            .expect("entry")
            .read_to_end(&mut got)
            .expect("read");
        assert!(got == want, "{name}");
    }
}

#[test]
fn a_bad_cell_reference_stops_the_sheet() {
    let file = archive(&[(
        "xl/worksheets/sheet1.xml",
        br#"<row r="99999999999"><c r="A1"/></row>"#,
    )]);
    let view = StoredView::open(file.path()).unwrap().unwrap().unwrap();
    let findings = view.findings();
    let mut got = Vec::new();
    // zip may already touch the part while it looks for the end record.
    let read = zip::ZipArchive::new(view)
        .map_err(|_| ())
        .and_then(|mut zip| {
            zip.by_name("xl/worksheets/sheet1.xml")
                .map_err(|_| ())
                .and_then(|mut part| part.read_to_end(&mut got).map_err(|_| ()))
        });
    assert!(read.is_err());
    assert!(got.is_empty(), "calamine never sees the bad reference");
    assert_eq!(findings.lock().unwrap().fail, Some(Fail::BadReference));
}

#[test]
fn a_part_longer_than_its_header_says_is_refused_while_streaming() {
    let sheet = vec![b'x'; 300_000];
    let file = archive(&[("xl/worksheets/sheet1.xml", &sheet)]);
    // The headers claim 1 000 bytes: a zip bomb hiding its size.
    let mut bytes = std::fs::read(file.path()).expect("read");
    let claim = 1_000u32.to_le_bytes();
    let local = 0;
    bytes[local + 22..local + 26].copy_from_slice(&claim);
    let central = memchr::memmem::find(&bytes, &0x0201_4b50u32.to_le_bytes()).expect("cd");
    bytes[central + 24..central + 28].copy_from_slice(&claim);
    std::fs::write(file.path(), &bytes).expect("write");
    let view = StoredView::open(file.path()).unwrap().unwrap().unwrap();
    let findings = view.findings();
    let mut got = Vec::new();
    let read = zip::ZipArchive::new(view)
        .map_err(|_| ())
        .and_then(|mut zip| {
            zip.by_name("xl/worksheets/sheet1.xml")
                .map_err(|_| ())
                .and_then(|mut part| part.read_to_end(&mut got).map_err(|_| ()))
        });
    assert!(read.is_err());
    assert!(
        got.len() <= 1_000,
        "no more than the header claims reaches calamine"
    );
    assert_eq!(findings.lock().unwrap().fail, Some(Fail::Unreadable));
}

#[test]
fn a_declared_bomb_is_refused_before_anything_is_inflated() {
    let sheet = vec![b'x'; 300_000];
    let file = archive(&[("xl/sharedStrings.xml", &sheet)]);
    let mut bytes = std::fs::read(file.path()).expect("read");
    let claim = (200u32 << 20).to_le_bytes();
    bytes[22..26].copy_from_slice(&claim);
    let central = memchr::memmem::find(&bytes, &0x0201_4b50u32.to_le_bytes()).expect("cd");
    bytes[central + 24..central + 28].copy_from_slice(&claim);
    std::fs::write(file.path(), &bytes).expect("write");
    assert!(matches!(
        StoredView::open(file.path()),
        Ok(Some(Err(Fail::Bomb(_))))
    ));
}
