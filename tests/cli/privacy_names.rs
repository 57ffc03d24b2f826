//! Personal data outside cells (issue 17.3): a file, folder or sheet named after a person, or a
//! KPI title holding a personnummer, is never printed in the report, a message or an export
//! path; it is shown as "dolt namn".

use std::path::Path;

use super::harness::{
    HEADER, VALID, all_files, csv_folder, is_chart_file, kvalitet, report_into_temp,
};

const PNR: &str = "19121212-1212";

/// Whether any form of [`PNR`] is in `text`.
fn leaks(text: &str) -> bool {
    ["121212-1212", "1212121212", "121212"]
        .iter()
        .any(|p| text.contains(p))
}

fn assert_no_leak(what: &str, text: &str) {
    assert!(!leaks(text), "{what} leaks the personnummer:\n{text}");
}

/// Every file below `dir`: its path (relative) and its text.
fn written(dir: &Path) -> Vec<(String, String)> {
    all_files(dir)
        .into_iter()
        .map(|(p, bytes)| {
            let rel = p.strip_prefix(dir).unwrap().display().to_string();
            (rel, String::from_utf8_lossy(&bytes).into_owned())
        })
        .collect()
}

const SURVEY: &str = "Undersökning;År;Fråga;Svarsalternativ;Antal;Nationellt (%)\n\
                      Hemtjänst;2022;Trivs du?;Ja;40;80\n\
                      Hemtjänst;2022;Trivs du?;Nej;10;20\n";

#[test]
fn a_survey_file_named_after_a_personnummer_is_shown_as_a_hidden_name() {
    let dir = csv_folder(HEADER, VALID);
    let folder = dir.path().join("brukarundersokning");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join(format!("{PNR}.csv")), SURVEY).unwrap();
    let check = kvalitet(dir.path(), &["check"]);
    assert_eq!(check.code, 0, "{check:?}");
    assert!(
        check
            .stdout
            .contains("dolt namn.csv: 2 rader lästa, 2 använda, 0 avvisade"),
        "{}",
        check.stdout
    );
    let (run, out) = report_into_temp(dir.path(), "2022", "md,html", &[]);
    assert_no_leak("check", &format!("{}{}", check.stdout, check.stderr));
    assert_no_leak("report", &format!("{}{}", run.stdout, run.stderr));
    let files = written(out.path());
    assert_eq!(
        files
            .iter()
            .filter(|(p, _)| !is_chart_file(Path::new(p)))
            .count(),
        3,
        "the report as .md and .html, and its .log, besides the charts of the .md"
    );
    for (path, text) in &files {
        assert_no_leak(path, text);
    }
    // The file is named, hidden, where the counts per file are: the log beside the report.
    let log = &files.iter().find(|(p, _)| p.ends_with(".log")).unwrap().1;
    assert!(log.contains("dolt namn.csv: 2 rader lästa"), "{log}");
}

#[test]
fn a_workbook_sheet_named_after_a_person_is_never_echoed() {
    let dir = csv_folder(HEADER, VALID);
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name(format!("Anna {PNR}")).unwrap();
    for (r, line) in SURVEY.lines().enumerate() {
        for (c, v) in line.split(';').enumerate() {
            match v.parse::<f64>() {
                Ok(n) => ws.write_number(r as u32, c as u16, n),
                Err(_) => ws.write_string(r as u32, c as u16, v),
            }
            .unwrap();
        }
    }
    // A broken count, so that a located message names the sheet.
    ws.write_string(2, 4, "tio").unwrap();
    wb.save(dir.path().join("brukarundersokning.xlsx")).unwrap();
    let check = kvalitet(dir.path(), &["check"]);
    assert_eq!(check.code, 1, "{check:?}");
    assert!(
        check
            .stderr
            .contains("brukarundersokning.xlsx › dolt namn › rad 3, kolumn E (Antal)"),
        "{}",
        check.stderr
    );
    assert_no_leak("check", &format!("{}{}", check.stdout, check.stderr));
    let report = kvalitet(
        dir.path(),
        &["report", "2022", "--format", "md", "--tillåt-ofullständig"],
    );
    assert_no_leak("report", &format!("{}{}", report.stdout, report.stderr));
    for (path, text) in written(&dir.path().join("ut")) {
        assert_no_leak(&path, &text);
    }
}

#[test]
fn an_export_of_a_folder_named_after_a_personnummer_writes_no_such_path() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join(PNR);
    std::fs::create_dir(&data).unwrap();
    let src = csv_folder(HEADER, VALID);
    std::fs::copy(src.path().join("rapporter.csv"), data.join("rapporter.csv")).unwrap();
    let out = root.path().join("ut");
    let run = kvalitet(
        root.path(),
        &[
            "export",
            PNR,
            "--år",
            "2022",
            "--rapport",
            "md",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "{run:?}");
    assert_no_leak("export", &format!("{}{}", run.stdout, run.stderr));
    let files = written(&out);
    assert!(!files.is_empty());
    for (path, text) in files {
        assert!(path.starts_with("dolt namn"), "{path}");
        assert_no_leak(&path, &path);
        assert_no_leak(&path, &text);
    }
}

#[test]
fn a_kpi_title_with_a_personnummer_in_kolada_json_is_hidden() {
    let dir = csv_folder(HEADER, VALID);
    std::fs::write(
        dir.path().join("indikatorer.csv"),
        "KPI;Kommun;Period;Kön;Värde\nU31402;0305;2021;T;12\nU31402;0305;2022;T;13\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("nyckeltal.json"),
        format!(
            r#"{{"values": [{{"id": "U31402", "title": "Väntetid enligt {PNR}", "operating_area": "Ekonomiskt bistånd"}}]}}"#
        ),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("kvalitet.toml"),
        "[organisation]\nnamn = \"Håbo\"\nkolada_id = \"0305\"\n",
    )
    .unwrap();
    let (run, out) = report_into_temp(dir.path(), "2022", "md", &[]);
    assert_no_leak("report", &format!("{}{}", run.stdout, run.stderr));
    let files = written(out.path());
    let md = &files.iter().find(|(p, _)| p.ends_with(".md")).unwrap().1;
    assert!(md.contains("dolt namn"), "{md}");
    assert_no_leak("report", md);
}
