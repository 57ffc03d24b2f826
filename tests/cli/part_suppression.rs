//! Parts exported on their own (`export --per enhet,forvaltning`): no part shows a small count
//! describing people, no hidden count can be recomputed from one line of a part's table, and
//! what the whole organisation's per-unit tables hide for an enhet its own tables hide too.

use std::path::Path;

use kvalitet::export::json::{Document, JsonCell, JsonTable};

use super::export::{read_doc, sample_export};
use super::harness::{HEADER, csv_folder, kvalitet};

const MIN: i64 = 5;

const BOTH: [&str; 2] = ["enhet", "forvaltning"];

/// Tables whose rows may share a report (one avvikelse, several causes): no sums.
const MULTI_LABEL: [&str; 2] = ["bakomliggande_orsak", "atgarder"];

/// The documents of the parts of `kinds` ("enhet", "forvaltning").
fn parts(year: &Path, kinds: &[&str]) -> Vec<Document> {
    let mut docs = Vec::new();
    for kind in kinds {
        for entry in std::fs::read_dir(year.join(kind)).unwrap() {
            docs.push(read_doc(&entry.unwrap().path().join("tabeller.json")));
        }
    }
    docs
}

fn hidden(c: &JsonCell) -> bool {
    c.kind == "suppressed"
}

fn count(c: &JsonCell) -> Option<i64> {
    (c.kind == "count").then(|| c.exact.as_deref().unwrap().parse().unwrap())
}

fn cell<'d>(t: &'d JsonTable, row: &str, col: &str) -> Option<&'d JsonCell> {
    let j = t.columns.iter().position(|c| c.title == col)?;
    t.rows.iter().find(|r| r.label == row).map(|r| &r.cells[j])
}

fn table<'d>(doc: &'d Document, id: &str) -> &'d JsonTable {
    doc.tables.iter().find(|t| t.id == id).unwrap()
}

#[test]
fn no_part_shows_a_count_below_the_threshold() {
    let (_out, year) = sample_export(&["--per", "enhet,förvaltning", "--format", "json"]);
    let docs = parts(&year, &BOTH);
    assert!(docs.len() >= 6, "{} parts", docs.len());
    let mut suppressed = 0;
    for doc in &docs {
        for t in &doc.tables {
            for row in &t.rows {
                for c in &row.cells {
                    suppressed += usize::from(hidden(c));
                    if let Some(n) = count(c) {
                        let part = doc.scope.name.as_deref().unwrap();
                        assert!(
                            n == 0 || n >= MIN,
                            "{part}: {} {} shows {n}",
                            t.id,
                            row.label
                        );
                    }
                }
            }
        }
    }
    assert!(suppressed > 0, "the sample's parts hide nothing");
}

/// Each additive line of a table as its cells: the rows (not "varav") summing to the Totalt
/// row in each column, and the columns (not "varav") summing to a Totalt column in each row.
fn lines(t: &JsonTable) -> Vec<Vec<&JsonCell>> {
    let mut out = Vec::new();
    if MULTI_LABEL.contains(&t.id.as_str()) {
        return out;
    }
    if let Some(total) = t.rows.iter().find(|r| r.total) {
        for j in 0..t.columns.len() {
            let mut line: Vec<&JsonCell> = t
                .rows
                .iter()
                .filter(|r| !r.sub && !r.total)
                .map(|r| &r.cells[j])
                .collect();
            line.push(&total.cells[j]);
            out.push(line);
        }
    }
    if let Some(tc) = t.columns.iter().position(|c| c.title == "Totalt") {
        for row in &t.rows {
            let mut line: Vec<&JsonCell> = (0..t.columns.len())
                .filter(|&j| j != tc && !t.columns[j].title.starts_with("varav"))
                .map(|j| &row.cells[j])
                .collect();
            line.push(&row.cells[tc]);
            out.push(line);
        }
    }
    // Only lines of counts (and hidden counts) are sums a reader can use.
    out.retain(|l| l.iter().all(|c| hidden(c) || c.kind == "count"));
    out
}

#[test]
fn no_hidden_count_follows_from_one_line_of_a_part() {
    let (_out, year) = sample_export(&["--per", "enhet,förvaltning", "--format", "json"]);
    let mut checked = 0;
    for doc in parts(&year, &BOTH) {
        for t in &doc.tables {
            for line in lines(t) {
                let n = line.iter().filter(|c| hidden(c)).count();
                assert_ne!(
                    n, 1,
                    "{:?}: {} has one hidden cell on a line",
                    doc.scope.name, t.id
                );
                checked += usize::from(n >= 2);
            }
            // A change shown from two years shown only.
            if let Some(ch) = t
                .columns
                .iter()
                .position(|c| c.title.starts_with("Förändring 2021"))
            {
                for row in &t.rows {
                    let (a, b) = (&row.cells[ch - 2], &row.cells[ch - 1]);
                    if hidden(a) || hidden(b) {
                        assert!(hidden(&row.cells[ch]), "{} {}", t.id, row.label);
                    }
                }
            }
        }
    }
    assert!(checked > 0, "no line of the sample hides anything");
}

#[test]
fn what_the_whole_hides_for_an_enhet_its_own_tables_hide() {
    let (_out, year) = sample_export(&["--per", "enhet,förvaltning", "--format", "json"]);
    let whole = read_doc(&year.join("tabeller.json"));
    let docs = parts(&year, &BOTH);
    let mut checked = 0;
    for (per_unit, type_row) in [
        ("avvikelser_per_enhet", "Avvikelser"),
        ("lex_sarah_per_enhet", "varav lex Sarah"),
    ] {
        let t = table(&whole, per_unit);
        for row in t.rows.iter().filter(|r| !r.total) {
            let Some(part) = docs
                .iter()
                .find(|d| d.scope.kind == "enhet" && d.scope.name.as_deref() == Some(&row.label))
            else {
                continue;
            };
            for (j, c) in row.cells.iter().enumerate() {
                let col = &t.columns[j].title;
                if !hidden(c) || col.starts_with("Förändring") {
                    continue;
                }
                let own = table(part, per_unit);
                for (id, label) in [(per_unit, row.label.as_str()), (per_unit, "Totalt")] {
                    assert!(hidden(cell(own, label, col).unwrap()), "{id} {label} {col}");
                }
                let by_type = cell(table(part, "rapporter_per_typ"), type_row, col).unwrap();
                assert!(hidden(by_type), "{}: {type_row} {col}", row.label);
                checked += 1;
                // A förvaltning showing the enhet's row hides it too.
                for dept in docs.iter().filter(|d| d.scope.kind == "forvaltning") {
                    if let Some(c) = cell(table(dept, per_unit), &row.label, col) {
                        assert!(hidden(c), "{:?}: {} {col}", dept.scope.name, row.label);
                    }
                }
            }
        }
    }
    assert!(checked > 0, "the whole hides nothing per enhet");
}

#[test]
fn one_count_is_hidden_alike_in_every_table_of_a_part() {
    let (_out, year) = sample_export(&["--per", "enhet", "--format", "json"]);
    for doc in parts(&year, &["enhet"]) {
        let by_type = table(&doc, "rapporter_per_typ");
        let by_month = table(&doc, "rapporter_per_manad");
        let handling = table(&doc, "handlaggningstid_per_typ");
        for label in [
            "Avvikelser",
            "varav lex Sarah",
            "Klagomål",
            "Synpunkter",
            "Totalt",
        ] {
            let a = hidden(cell(by_type, label, "2022").unwrap());
            let b = hidden(
                cell(
                    by_month,
                    "Totalt",
                    if label == "Totalt" { "Totalt" } else { label },
                )
                .unwrap(),
            );
            let c = hidden(cell(handling, label, "Inkomna").unwrap());
            assert!(a == b && b == c, "{:?}: {label}", doc.scope.name);
        }
    }
}

/// What the legend of a part's annex says about its counts.
const PART_LEGEND: &str = "Berättelsen gäller en del av verksamheten";

#[test]
fn a_part_report_states_no_number_its_tables_hide() {
    let (_out, year) = sample_export(&["--per", "enhet", "--format", "json", "--rapport", "md"]);
    let mut hidden_seen = 0;
    for entry in std::fs::read_dir(year.join("enhet")).unwrap() {
        let dir = entry.unwrap().path();
        let doc = read_doc(&dir.join("tabeller.json"));
        let md = std::fs::read_to_string(dir.join("kvalitetsberattelse-2022.md")).unwrap();
        let by_type = table(&doc, "rapporter_per_typ");
        // "Under 2022 kom N klagomål": the table's count, or ".." where the table hides it.
        let c = cell(by_type, "Klagomål", "2022").unwrap();
        let said = match count(c) {
            Some(n) => format!("kom {n} klagomål"),
            None => "kom .. klagomål".to_string(),
        };
        assert!(md.contains(&said), "{}: {said}", dir.display());
        hidden_seen += usize::from(hidden(c));
        assert!(md.contains(PART_LEGEND), "{}", dir.display());
    }
    assert!(hidden_seen > 0);
    let whole = std::fs::read_to_string(year.join("kvalitetsberattelse-2022.md")).unwrap();
    assert!(!whole.contains(PART_LEGEND));
}

#[test]
fn no_hidden_count_follows_from_the_whole_minus_the_other_enheter() {
    let (_out, year) = sample_export(&["--per", "enhet", "--format", "json"]);
    let whole = read_doc(&year.join("tabeller.json"));
    let units = parts(&year, &["enhet"]);
    let mut lines = 0;
    for w in whole
        .tables
        .iter()
        .filter(|t| !t.id.ends_with("_per_enhet"))
    {
        let Some(own) = units
            .iter()
            .map(|u| u.tables.iter().find(|t| t.id == w.id))
            .collect::<Option<Vec<_>>>()
        else {
            continue;
        };
        for row in &w.rows {
            for (j, c) in row.cells.iter().enumerate() {
                if count(c).is_none() {
                    continue;
                }
                let col = &w.columns[j].title;
                let hiding = own
                    .iter()
                    .filter(|t| cell(t, &row.label, col).is_some_and(hidden))
                    .count();
                // One enhet hiding a count the whole shows: the whole minus the others gives it.
                assert_ne!(hiding, 1, "{} {} {col}", w.id, row.label);
                lines += usize::from(hiding >= 2);
            }
        }
    }
    assert!(lines > 0);
}

#[test]
fn no_hidden_count_of_an_enhet_follows_from_its_forvaltning_minus_the_others() {
    // Förv A: Enhet 1 (3 klagomål) and Enhet 2 (9); Förv B: Enhet 3 (6) and Enhet 4 (20).
    // Against the whole, Enhet 3 would be the complement; against Förv A only Enhet 2 helps.
    let mut rows = Vec::new();
    for (dept, unit, n) in [
        ("Förv A", "Enhet 1", 3),
        ("Förv A", "Enhet 2", 9),
        ("Förv B", "Enhet 3", 6),
        ("Förv B", "Enhet 4", 20),
    ] {
        for i in 0..n {
            rows.push(format!(
                "KL-{unit}-{i};Klagomål;2022-06-02;2022-06-02;{dept};{unit};Bemötande;;Nej;Nej;Nej;;;Avslutad;2022-06-30;fritext"
            ));
        }
    }
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let data = csv_folder(HEADER, &rows);
    let out = tempfile::tempdir().unwrap();
    let args = [
        "export",
        ".",
        "--år",
        "2022",
        "--per",
        "enhet,förvaltning",
        "--format",
        "json",
    ];
    let mut args = args.to_vec();
    args.extend(["--out", out.path().to_str().unwrap()]);
    let run = kvalitet(data.path(), &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let folder = std::fs::read_dir(out.path())
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let year = folder.join("2022");
    let docs = parts(&year, &BOTH);
    let klagomal = |name: &str| {
        let doc = docs
            .iter()
            .find(|d| d.scope.name.as_deref() == Some(name))
            .unwrap();
        cell(table(doc, "rapporter_per_typ"), "Klagomål", "2022")
            .unwrap()
            .clone()
    };
    assert!(hidden(&klagomal("Enhet 1")));
    assert_eq!(count(&klagomal("Förv A")), Some(12));
    assert!(hidden(&klagomal("Enhet 2")), "3 = 12 - 9");
}
