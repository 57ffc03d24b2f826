//! xls and ods are read densely (issue 13.3): a workbook whose sheet would be billions of
//! cells in memory is refused with its file, sheet and far cell before calamine reads it, and
//! the largest sheet the rule lets through is read within a known peak memory.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::harness::kvalitet;
use crate::measure;

const HEADER: &str = "Id;Typ;Händelsedatum;Rapporterad;Förvaltning;Enhet;Händelsetyp;Bedömning;Lex Sarah;Anmäld IVO;Anmäld IMY;Bakomliggande orsak;Åtgärd;Status;Avslutad;Beskrivning";

fn text_cell(v: &str) -> String {
    format!(
        r#"<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>"#
    )
}

/// An ods register (header and one row) with `extra` table rows after it, written with the
/// zip crate: a few KB, whatever area `extra` claims.
fn ods(dir: &Path, extra: &str) -> PathBuf {
    let row = |cells: &[&str]| {
        let cells: String = cells.iter().map(|c| text_cell(c)).collect();
        format!("<table:table-row>{cells}</table:table-row>")
    };
    let header: Vec<&str> = HEADER.split(';').collect();
    let data = [
        "AV-1",
        "Avvikelse",
        "2022-03-02",
        "2022-03-03",
        "Socialförvaltningen",
        "Enhet A",
        "Lång handläggningstid",
        "Missförhållande",
        "Ja",
        "Nej",
        "Nej",
        "Processer och rutiner",
        "Översyn av rutin eller process",
        "Avslutad",
        "2022-04-01",
        "fritext",
    ];
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="Blad1">{}{}{extra}</table:table></office:spreadsheet></office:body></office:document-content>"#,
        row(&header),
        row(&data)
    );
    let path = dir.join("rapporter.ods");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = zip::write::SimpleFileOptions::default();
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("META-INF/manifest.xml", deflated).unwrap();
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>"#).unwrap();
    zip.start_file("content.xml", deflated).unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    zip.finish().unwrap();
    path
}

#[test]
fn an_ods_register_is_read() {
    let dir = tempfile::tempdir().unwrap();
    ods(dir.path(), "");
    let run = kvalitet(dir.path(), &["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "rapporter.ods: 1 rad läst, 1 använd, 0 avvisade\ninga problem hittades\n"
    );
}

#[test]
fn an_ods_cell_repeated_over_the_whole_sheet_is_refused_by_its_far_corner() {
    let dir = tempfile::tempdir().unwrap();
    let path = ods(
        dir.path(),
        r#"<table:table-row table:number-rows-repeated="1048574"><table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="0"/></table:table-row>"#,
    );
    assert!(std::fs::metadata(&path).unwrap().len() < 4096);
    let run = kvalitet(dir.path(), &["check"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "fel: rapporter.ods › Blad1: en cell i XFD1048576 gör bladet 17 miljarder celler stort fast det bara har 33 ifyllda celler; filen läses inte (ta bort cellen eller det som står långt från tabellen och spara om filen)\n"
    );
}

#[test]
fn an_ods_cell_far_below_and_right_of_the_table_is_refused_by_its_address() {
    let dir = tempfile::tempdir().unwrap();
    ods(
        dir.path(),
        r#"<table:table-row table:number-rows-repeated="999997"><table:table-cell table:number-columns-repeated="1024"/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="9999"/><table:table-cell office:value-type="float" office:value="1"/></table:table-row>"#,
    );
    let run = kvalitet(dir.path(), &["check"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "fel: rapporter.ods › Blad1: en cell i NTP1000000 gör bladet 10 miljarder celler stort fast det bara har 33 ifyllda celler; filen läses inte (ta bort cellen eller det som står långt från tabellen och spara om filen)\n"
    );
}

/// The farthest cell the rule lets through in an xls sheet, IV39062 (39 062 × 256 =
/// 9 999 872 cells), is read, and within the peak memory the README states for it.
#[test]
fn the_largest_xls_sheet_the_rule_allows_is_read_within_its_memory() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        corpus.join("xls-storsta-tillatna.xls"),
        dir.path().join("rapporter.xls"),
    )
    .unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kvalitet"));
    cmd.arg("check").current_dir(dir.path());
    let (sample, status, stderr) = measure::run(&mut cmd).unwrap();
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 1,
        "{stderr}"
    );
    assert_eq!(
        stderr,
        "avvisad: rapporter.xls › Rapporter › rad 39062, kolumn A (Id): Id saknas; raden räknas inte\n"
    );
    let mib = sample.max_rss_mib();
    assert!(mib < 768.0, "peak RSS {mib:.0} MiB");
}
