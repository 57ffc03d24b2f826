//! Registers saved by the programs controllers and their systems use (LibreOffice, Gnumeric,
//! openpyxl, pandas, XlsxWriter's inline strings, SheetJS, ExcelJS, Apache POI's .xls; 1904 workbooks with dates
//! formatted and as plain numbers, in .xlsx and .xls; names in decomposed Unicode), written by
//! `scripts/make-real-fixtures.sh` into `tests/fixtures/real/`: each is checked without a
//! problem and gives exactly the report of the reference register it holds.

use std::path::PathBuf;

use crate::corpus::{folder_in, manifest_in, no_panic, report};
use crate::harness::kvalitet;

fn real() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real")
}

#[test]
fn every_file_a_real_program_wrote_reads_as_the_reference() {
    let cases = manifest_in(&real());
    let mut files: Vec<String> = std::fs::read_dir(real())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "MANIFEST.tsv")
        .collect();
    files.sort();
    let listed: Vec<&str> = cases.iter().map(|c| c.file.as_str()).collect();
    assert_eq!(files, listed, "every file is in the manifest, in order");
    assert!(cases.len() >= 16, "{} files", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let dir = folder_in(&real(), &case.file, &case.role);
        let run = kvalitet(dir.path(), &["check"]);
        no_panic(&run, &case.file);
        let all = format!("{}{}", run.stdout, run.stderr);
        if run.code != case.code || !all.contains(&case.expected) {
            failures.push(format!("{}: slutkod {}\n{all}", case.file, run.code));
            continue;
        }
        let reference = case.same_as.as_deref().expect("a reference for each file");
        let expected = report(folder_in(&real(), reference, &case.role).path(), reference);
        if report(dir.path(), &case.file) != expected {
            failures.push(format!("{} gives other tables than {reference}", case.file));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n---\n"));
}
