//! Free text never reaches any output: a marker planted in every *Beskrivning* (and a
//! personnummer-like value) must not appear in any file written, nor on stdout or stderr.

use super::harness::{HEADER, all_files, csv_folder, kvalitet};

#[test]
fn free_text_never_reaches_a_report_or_a_message() {
    let secret = "HEMLIGT-19121212-1212";
    let rows: Vec<String> = [
        "AV-1;Avvikelse;2021-03-02;2021-03-03;Socialförvaltningen;Enhet A;;Missförhållande;Ja;Nej;Nej;;;Avslutad;2021-04-01;",
        "AV-2;Avvikelse;2022-03-02;2022-03-05;Socialförvaltningen;Enhet A;;Avvikelse;Nej;Nej;Nej;;;Avslutad;2022-03-20;",
        "AV-3;Avvikelse;2022-13-02;2022-05-05;Socialförvaltningen;Enhet B;;Avvikelse;Nej;Nej;Nej;;;Avslutad;2022-05-20;",
        "AV-4;Avvikelse;2022-03-02;2022-03-05;Socialförvaltningen;Enhet A;;Avvikelse;kanske;Nej;Nej;;;Avslutad;2022-03-20;",
    ]
    .iter()
    .map(|r| format!("{r}{secret} med <script>alert(1)</script>"))
    .collect();
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let dir = csv_folder(HEADER, &rows);
    let report = kvalitet(dir.path(), &["report", "2022"]);
    assert_eq!(report.code, 0, "{}", report.stderr);
    let check = kvalitet(dir.path(), &["check"]);
    assert_eq!(check.code, 1);
    for text in [&report.stdout, &report.stderr, &check.stdout, &check.stderr] {
        assert!(
            !text.contains("HEMLIGT") && !text.contains("19121212"),
            "leaked in: {text}"
        );
    }
    let written = all_files(&dir.path().join("ut"));
    assert_eq!(written.len(), 2);
    for (path, bytes) in written {
        let text = String::from_utf8(bytes).unwrap();
        assert!(
            !text.contains("HEMLIGT") && !text.contains("19121212") && !text.contains("alert"),
            "leaked in {}",
            path.display()
        );
    }
}
