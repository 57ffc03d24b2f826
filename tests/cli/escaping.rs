//! Text from spreadsheets cannot inject markup: hostile unit names, categories and survey
//! texts reach the Markdown report escaped (every table keeps its columns) and the HTML page
//! as text, never as tags, links or template code.

use crate::harness::{HEADER, VALID, all_files, csv_folder, kvalitet};

/// Names a hostile or careless spreadsheet might hold.
const HOSTILE: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "Enhet | med | rör",
    "`kod` och ```block```",
    "*fet* _kursiv_ ~~struken~~",
    "[klicka](javascript:alert(3))",
    "Rad ett\nRad två",
    "=HYPERLINK(\"http://x.se\")",
    "# Rubrik",
    "1. lista",
    "{{ titel }} {% raw %}",
    "&lt;script&gt;",
    "<!-- kommentar",
];

fn csv_field(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// A register whose units and event types are the hostile names, and a survey whose names,
/// questions and options are.
fn hostile_folder() -> tempfile::TempDir {
    let base: Vec<&str> = VALID[3].split(';').collect();
    let rows: Vec<String> = HOSTILE
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let mut row: Vec<String> = base.iter().map(|s| s.to_string()).collect();
            row[0] = format!("KL-{i}");
            row[4] = csv_field(name);
            row[5] = csv_field(name);
            row[6] = csv_field(name);
            row.join(";")
        })
        .collect();
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let dir = csv_folder(HEADER, &rows);
    let mut survey = String::from("Undersökning;År;Fråga;Svarsalternativ;Antal;Nationellt (%)\n");
    for name in HOSTILE {
        for (option, n) in [(name.to_string(), 30), ("Nej".to_string(), 10)] {
            survey.push_str(&format!(
                "{};2022;{};{};{n};50\n",
                csv_field(&format!("Enkät {name}")),
                csv_field(&format!("Fråga {name}?")),
                csv_field(&option)
            ));
        }
    }
    std::fs::write(dir.path().join("brukarundersokning.csv"), survey).unwrap();
    dir
}

/// Unescaped pipes of a Markdown table line.
fn cells(line: &str) -> usize {
    let mut n = 0;
    let mut escaped = false;
    for c in line.chars() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => n += 1,
            _ => escaped = false,
        }
        if c != '\\' {
            escaped = false;
        }
    }
    n
}

#[test]
fn hostile_names_are_escaped_in_markdown_and_html() {
    let dir = hostile_folder();
    let run = kvalitet(dir.path(), &["report", "2022"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let files = all_files(&dir.path().join("ut"));
    let text = |ext: &str| {
        let (_, bytes) = files
            .iter()
            .find(|(p, _)| p.extension().is_some_and(|e| e == ext))
            .unwrap();
        String::from_utf8(bytes.clone()).unwrap()
    };
    let md = text("md");
    let html = text("html");

    // Every Markdown table keeps its columns: each line of a table has as many unescaped
    // pipes as its header, and no name breaks a table line in two.
    let mut tables = 0;
    let mut header: Option<usize> = None;
    for line in md.lines() {
        if line.starts_with('|') {
            let n = cells(line);
            match header {
                None => {
                    header = Some(n);
                    tables += 1;
                }
                Some(h) => assert_eq!(n, h, "a table line lost its columns: {line}"),
            }
        } else {
            header = None;
        }
    }
    assert!(tables >= 5, "{tables} tables");
    assert!(
        !md.contains("\nRad två"),
        "a line break in a name ended a line"
    );

    // No tag, link or template code from the data survives into the HTML page.
    let body = &html[html.find("<body").unwrap()..];
    for injected in [
        "<script",
        "<img",
        "href=\"javascript",
        "<!-- kommentar",
        "<code>",
        "<em>kursiv",
        "<strong>fet",
        "<h1>Rubrik",
        "<del>",
    ] {
        assert!(!body.contains(injected), "{injected} reached the page");
    }
    // The names are shown, as text.
    for shown in [
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "&lt;img src=x onerror=alert(2)&gt;",
        "Enhet | med | rör",
        "[klicka](javascript:alert(3))",
        "*fet* _kursiv_",
        "{{ titel }}",
        "&amp;lt;script&amp;gt;",
        "=HYPERLINK(",
    ] {
        assert!(body.contains(shown), "{shown} is not shown as text");
    }
    assert!(
        body.contains("Fråga &lt;script&gt;alert(1)&lt;/script&gt;?"),
        "survey questions are shown as text"
    );
}
