//! The same register saved as xlsx (real Excel dates), as UTF-8 CSV with `;`, and as
//! Windows-1252 CSV with `,` and a decimal-comma locale's quoting gives a byte-identical report.

use std::path::Path;

use super::harness::kvalitet;
use super::synth;

fn report(dir: &Path) -> String {
    let run = kvalitet(dir, &["report", "2022", "--format", "md,html"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let md = std::fs::read_to_string(dir.join("ut/kvalitetsberattelse-2022.md")).unwrap();
    let html = std::fs::read_to_string(dir.join("ut/kvalitetsberattelse-2022.html")).unwrap();
    format!("{md}\n----\n{html}")
}

#[test]
fn xlsx_and_csv_of_the_same_sheet_give_the_same_report() {
    let rows = synth::generate(&synth::Spec::sample());
    let xlsx = tempfile::tempdir().unwrap();
    synth::write_xlsx(xlsx.path().join("rapporter.xlsx"), &rows).unwrap();
    let csv = tempfile::tempdir().unwrap();
    synth::write_csv(csv.path().join("rapporter.csv"), &rows, b';').unwrap();

    // Windows-1252 with "," as Swedish Excel writes on some machines: re-encode the UTF-8 text.
    let cp1252 = tempfile::tempdir().unwrap();
    let mut utf8 = Vec::new();
    synth::write_csv_to(&mut utf8, &rows, b',').unwrap();
    let text = String::from_utf8(utf8).unwrap();
    let (bytes, _, lossy) = encoding_rs::WINDOWS_1252.encode(&text);
    assert!(!lossy, "sample text fits Windows-1252");
    std::fs::write(cp1252.path().join("rapporter.csv"), &bytes).unwrap();

    // UTF-8 with a BOM.
    let bom = tempfile::tempdir().unwrap();
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    synth::write_csv_to(&mut with_bom, &rows, b';').unwrap();
    std::fs::write(bom.path().join("rapporter.csv"), &with_bom).unwrap();

    let expected = report(xlsx.path());
    assert!(expected.contains("Tabell 11."));
    assert_eq!(
        report(csv.path()),
        expected,
        "UTF-8 ; CSV differs from xlsx"
    );
    assert_eq!(
        report(cp1252.path()),
        expected,
        "Windows-1252 , CSV differs from xlsx"
    );
    assert_eq!(
        report(bom.path()),
        expected,
        "UTF-8 BOM CSV differs from xlsx"
    );
}
