//! Accessibility of the HTML report: the project's own structural checks (table captions,
//! header scopes, chart text alternatives, heading levels) and axe-core in headless Chromium.
//! Chromium, node and `tests/a11y/node_modules` must be present (`.ci/run` installs them); set
//! `KVALITET_SKIP_A11Y=1` to skip the browser tests locally. The PDF needs no browser (`pdf`).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::harness::{HEADER, VALID, csv_folder, report_text, sample_report};

/// Every problem the structural checks find in `html`.
fn structure_problems(html: &str) -> Vec<String> {
    let mut problems = Vec::new();
    if !html.contains("<html lang=\"sv\">") {
        problems.push("html saknar lang=\"sv\"".to_string());
    }
    match attr_after(html, "<a class=\"skip\" href=\"#") {
        Some(target) if html.contains(&format!("id=\"{target}\"")) => {}
        _ => problems.push("hopplänken saknas eller pekar fel".to_string()),
    }
    if html.contains("[[") {
        problems.push("en markör är kvar".to_string());
    }
    // Heading levels start at 1, and never skip a level on the way down.
    let mut last = 0;
    for level in tags(html, "<h").filter_map(|t| t[2..3].parse::<u32>().ok()) {
        if level > last + 1 {
            problems.push(format!("rubriknivå {level} efter {last}"));
        }
        last = level;
    }
    // Tables: a caption "Tabell N." right after the opening tag, numbered 1, 2, 3 … (visually
    // hidden; the same title stands visibly above the table's scroll region).
    for (expected, (i, _)) in (1..).zip(html.match_indices("<table")) {
        let rest = &html[i..];
        let after = &rest[rest.find('>').unwrap() + 1..];
        let want = format!(
            "\n<caption id=\"tabell-{expected}-rubrik\" class=\"dold\">Tabell {expected}. "
        );
        if !after.starts_with(&want) {
            problems.push(format!(
                "tabell {expected} saknar rubriken \"Tabell {expected}.\""
            ));
        }
    }
    for th in tags(html, "<th").filter(|t| t.starts_with("<th ") || t.starts_with("<th>")) {
        let scoped = ["col", "row", "rowgroup", "colgroup"]
            .iter()
            .any(|s| th.contains(&format!("scope=\"{s}\"")));
        if !scoped {
            problems.push(format!("rubrikcell utan scope: {th}"));
        }
    }
    for symbol in ["–", ".."] {
        if html.contains(&format!(">{symbol}</td>")) {
            problems.push(format!("{symbol} i en tabellcell utan förklaring (abbr)"));
        }
    }
    // Charts: each svg is an image labelled by a non-empty title and description, inside a
    // numbered figure whose caption links to a table on the page.
    for (n, (i, _)) in html.match_indices("<svg").enumerate() {
        let svg = &html[i..i + html[i..].find("</svg>").unwrap()];
        let figure = &html[..i][html[..i].rfind("<figure").unwrap_or(0)..];
        let ids = attr_after(svg, "aria-labelledby=\"").unwrap_or_default();
        let labelled = !ids.is_empty()
            && ids.split(' ').all(|id| {
                attr_after(svg, &format!("id=\"{id}\">")).is_some_and(|t| !t.trim().is_empty())
            });
        if !svg.contains("role=\"img\"") || !labelled {
            problems.push(format!("diagram {} saknar textalternativ", n + 1));
        }
        let caption = format!("<figcaption>Diagram {}. ", n + 1);
        let table = attr_after(figure, "<a href=\"#");
        let table_exists =
            table.is_some_and(|t| html.contains(&format!("<p class=\"tabellrubrik\" id=\"{t}\"")));
        if !figure.contains(&caption) || !table_exists {
            problems.push(format!(
                "diagram {} saknar bildtext med hänvisning till en tabell",
                n + 1
            ));
        }
    }
    problems
}

/// Every opening tag starting with `prefix` (e.g. `<h`), up to its `>`.
fn tags<'a>(html: &'a str, prefix: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    html.match_indices(prefix).map(move |(i, _)| {
        let end = html[i..].find('>').map_or(html.len(), |e| i + e + 1);
        &html[i..end]
    })
}

/// The text after `marker` up to the next `"` or `<`.
fn attr_after(html: &str, marker: &str) -> Option<String> {
    let start = html.find(marker)? + marker.len();
    let rest = &html[start..];
    let end = rest.find(['"', '<']).unwrap_or(rest.len());
    Some(rest[..end].to_string())
}

fn sample_html() -> (String, tempfile::TempDir) {
    let (_run, out) = sample_report("2022", "html");
    let path = out.path().join("kvalitetsberattelse-2022.html");
    (std::fs::read_to_string(path).unwrap(), out)
}

#[test]
fn the_sample_report_passes_the_structural_checks() {
    let (html, _out) = sample_html();
    assert_eq!(structure_problems(&html), Vec::<String>::new());
    // The sample has every kind of chart: reports and lex Sarah per year, surveys against
    // the national figures, each indicator's trend beside riket and the comparison group.
    assert!(html.contains("<figcaption>Diagram 1. Inkomna rapporter per år."));
    assert!(html.contains("Rapporter enligt lex Sarah och anmälningar till IVO per år"));
    assert!(html.contains("andel positiva svar 2022 jämfört med nationellt"));
    assert!(html.contains("Kommunens värden och rapportårets jämförelser finns i"));
    assert!(html.contains("<h3 id=\"teckenförklaring\">"));
    // References in the text link to their tables.
    assert!(html.contains("<a href=\"#tabell-1\">tabell 1</a>"));
}

#[test]
fn the_structural_checks_catch_what_they_look_for() {
    let (html, _out) = sample_html();
    let broken = [
        html.replacen(
            "-rubrik\" class=\"dold\">Tabell 2. ",
            "-rubrik\" class=\"dold\">",
            1,
        ),
        html.replacen("<th scope=\"row\">", "<th>", 1),
        html.replacen("role=\"img\"", "", 1),
        html.replacen("<h3", "<h4", 1),
        html.replacen(" lang=\"sv\"", "", 1),
        html.replacen("<abbr title=\"uppgift saknas\">–</abbr>", "–", 1),
        html.replacen("<figcaption>Diagram 2. ", "<figcaption>", 1),
    ];
    for (i, b) in broken.iter().enumerate() {
        assert_ne!(b, &html, "case {i} changed nothing");
        assert_eq!(structure_problems(b).len(), 1, "case {i}");
    }
}

#[test]
fn spreadsheet_text_cannot_inject_html() {
    let rows: Vec<String> = VALID
        .iter()
        .map(|r| r.replace("Enhet B", "<img src=x onerror=alert(1)> & \"B\""))
        .collect();
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let dir = csv_folder(HEADER, &rows);
    let html = report_text(dir.path(), "2022", "html");
    assert!(
        !html.contains("<img"),
        "markup from a cell reached the page"
    );
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert_eq!(structure_problems(&html), Vec::<String>::new());
}

/// Node, Chromium and the npm packages of `tests/a11y`, or `None` when the browser tests are
/// switched off. Anything missing otherwise fails the test: CI must run them.
fn browser_tools() -> Option<(PathBuf, PathBuf)> {
    if std::env::var("KVALITET_SKIP_A11Y").is_ok_and(|v| v == "1") {
        eprintln!("KVALITET_SKIP_A11Y=1: webbläsartesterna hoppas över");
        return None;
    }
    let a11y = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/a11y");
    let chromium = std::env::var_os("KVALITET_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    let node = Command::new("node").arg("--version").output();
    let missing: Vec<&str> = [
        (node.is_err(), "node (apt-get install nodejs npm)"),
        (!chromium.is_file(), "chromium (apt-get install chromium)"),
        (
            !a11y.join("node_modules/axe-core").is_dir(),
            "tests/a11y/node_modules (npm ci --prefix tests/a11y)",
        ),
    ]
    .into_iter()
    .filter_map(|(gone, what)| gone.then_some(what))
    .collect();
    assert!(
        missing.is_empty(),
        "the accessibility tests need {}; set KVALITET_SKIP_A11Y=1 to skip them",
        missing.join(", ")
    );
    Some((a11y.join("axe.mjs"), chromium))
}

#[test]
fn the_sample_report_has_no_axe_violations_on_screen_or_in_print() {
    let Some((script, chromium)) = browser_tools() else {
        return;
    };
    let (_html, out) = sample_html();
    let run = Command::new("node")
        .arg(&script)
        .arg(out.path().join("kvalitetsberattelse-2022.html"))
        .env("KVALITET_CHROMIUM", &chromium)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "axe found violations:\n{report}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        report.contains("[screen]") && report.contains("[print]"),
        "{report}"
    );
}
