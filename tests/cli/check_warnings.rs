//! `check` warns for what goes wrong in practice: the default organisation name, a workbook
//! still open in Excel, the assessment not written, and images in own text that will not
//! reach the report. Stdout and stderr are asserted word for word.

use std::path::Path;

use super::harness::{HEADER, VALID, csv_folder, kvalitet, sample_data_with};

fn write(dir: &Path, rel: &str, text: &[u8]) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn a_folder_with_only_a_register_gets_every_warning_that_applies() {
    let dir = csv_folder(HEADER, VALID);
    // Excel keeps ~$rapporter.csv beside the workbook while it is open.
    write(dir.path(), "~$rapporter.csv", b"\0lock");
    write(
        dir.path(),
        "text/samverkan.md",
        b"Se kartan:\n\n![Karta](karta.gif)\n\n![Diagram](saknas.png)\n\n![Logga](logga.svg)\n",
    );
    write(dir.path(), "text/logga.svg", b"<svg/>");
    let run = kvalitet(dir.path(), &["check"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!("check_warnings_stderr", run.stderr);
    insta::assert_snapshot!("check_warnings_stdout", run.stdout);
}

#[test]
fn an_empty_assessment_is_a_warning_even_with_its_guide_comment() {
    let dir = sample_data_with("");
    write(
        dir.path(),
        "text/bedomning.md",
        "# Sammanfattande bedömning\n\n{# Skriv nämndens bedömning här. #}\n".as_bytes(),
    );
    let run = kvalitet(dir.path(), &["check"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "varning: text/bedomning.md: avsnittet Sammanfattande bedömning har ingen text; nämndens bedömning är berättelsens slutsats och skrivs av förvaltningen\n"
    );
    assert!(
        run.stdout.ends_with("1 problem hittades\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn libreoffices_lock_file_is_recognised_too() {
    let dir = sample_data_with("");
    write(dir.path(), ".~lock.rapporter.xlsx#", b",user,host,2022;");
    let run = kvalitet(dir.path(), &["check"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "varning: rapporter.xlsx: arbetsboken är öppen (låsfilen .~lock.rapporter.xlsx# ligger bredvid); det som inte är sparat kommer inte med. Spara och stäng den innan berättelsen skrivs\n"
    );
}

#[test]
fn an_image_without_alt_text_is_named_and_still_reaches_every_format() {
    let dir = csv_folder(HEADER, VALID);
    write(
        dir.path(),
        "text/samverkan.md",
        b"Organisationen:\n\n![](logga.svg)\n\n![Logga](logga.svg)\n",
    );
    write(
        dir.path(),
        "text/logga.svg",
        b"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"20\"><rect width=\"40\" height=\"20\"/></svg>",
    );
    let run = kvalitet(dir.path(), &["check"]);
    assert!(
        run.stderr.contains(
            "varning: text/samverkan.md: bilden logga.svg saknar alternativtext, som den som inte ser \
             bilden får läsa; skriv den inom hakparenteserna: ![Vad bilden visar](logga.svg)"
        ),
        "{}\n{}",
        run.stdout,
        run.stderr
    );
    assert_eq!(
        run.stderr.matches("saknar alternativtext").count(),
        1,
        "{}",
        run.stderr
    );
    // The PDF is still set: a picture without alt text is decorative there, as in HTML.
    let (_, out) = super::harness::report_into_temp(dir.path(), "2022", "pdf,html", &[]);
    let html = std::fs::read_to_string(out.path().join("kvalitetsberattelse-2022.html")).unwrap();
    assert!(html.contains("alt=\"\"") && html.contains("alt=\"Logga\""));
    assert!(out.path().join("kvalitetsberattelse-2022.pdf").is_file());
}
