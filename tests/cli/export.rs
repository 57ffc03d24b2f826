//! `kvalitet export`: the unattended batch run. Byte-identical output, atomic files, exit codes
//! with a bad folder among good ones, formula-safe CSV/XLSX, the JSON schema read back, the
//! workbook's numbers read back with calamine, and the summary a scheduler's log shows.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use calamine::{Data, Reader, open_workbook_auto};
use kvalitet::export::json::Document;

use super::harness::{HEADER, VALID, all_files, csv_folder, kvalitet, sample_data};

/// A copy of the sample data at `root/name`.
fn sample_copy(root: &Path, name: &str) -> PathBuf {
    let dir = root.join(name);
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(sample_data()).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
        }
    }
    dir
}

/// Every file below `dir` as (path relative to `dir`, bytes), sorted.
fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = all_files(dir)
        .into_iter()
        .map(|(p, b)| (p.strip_prefix(dir).unwrap().to_path_buf(), b))
        .collect();
    files.sort();
    files
}

fn export(cwd: &Path, args: &[&str]) -> super::harness::Run {
    let mut all = vec!["export"];
    all.extend_from_slice(args);
    kvalitet(cwd, &all)
}

#[test]
fn two_runs_give_byte_identical_files_whatever_the_worker_count() {
    let root = tempfile::tempdir().unwrap();
    sample_copy(root.path(), "norrvik");
    sample_copy(root.path(), "sodervik");
    let common = [
        "*vik",
        "--år",
        "2021..2022",
        "--per",
        "enhet",
        "--rapport",
        "md,html",
    ];
    let mut first = common.to_vec();
    first.extend(["--out", "ut1", "--jobb", "1"]);
    let mut second = common.to_vec();
    second.extend(["--out", "ut2", "--jobb", "2"]);
    let a = export(root.path(), &first);
    assert_eq!(a.code, 0, "{}", a.stderr);
    let b = export(root.path(), &second);
    assert_eq!(b.code, 0, "{}", b.stderr);
    let (a, b) = (
        tree(&root.path().join("ut1")),
        tree(&root.path().join("ut2")),
    );
    assert!(a.len() > 100, "{} files", a.len());
    assert_eq!(
        a.iter().map(|(p, _)| p).collect::<Vec<_>>(),
        b.iter().map(|(p, _)| p).collect::<Vec<_>>()
    );
    for ((path, x), (_, y)) in a.iter().zip(&b) {
        assert!(x == y, "{} differs between runs", path.display());
    }
    assert!(
        a.iter()
            .any(|(p, _)| p.ends_with("norrvik/2022/tabeller.xlsx"))
    );
    assert!(
        a.iter()
            .any(|(p, _)| p.ends_with("sodervik/2021/kvalitetsberattelse-2021.html"))
    );
}

#[test]
fn a_bad_folder_fails_alone_and_the_exit_code_says_so() {
    let root = tempfile::tempdir().unwrap();
    sample_copy(root.path(), "a-norrvik");
    std::fs::create_dir(root.path().join("b-trasig")).unwrap();
    sample_copy(root.path(), "c-sodervik");
    std::fs::write(
        root.path().join("mappar.txt"),
        "# nattlig export\nb-trasig\nc-sodervik\n",
    )
    .unwrap();
    let run = export(
        root.path(),
        &[
            "a-norrvik",
            "--lista",
            "mappar.txt",
            "--år",
            "2022",
            "--out",
            "ut",
            "--jobb",
            "1",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    insta::assert_snapshot!("bad_folder_stdout", run.stdout);
    insta::assert_snapshot!("bad_folder_stderr", run.stderr);
    for good in ["a-norrvik", "c-sodervik"] {
        assert!(
            root.path()
                .join("ut")
                .join(good)
                .join("2022/tabeller.json")
                .is_file()
        );
    }
    assert!(!root.path().join("ut/b-trasig").exists());
}

#[test]
fn all_good_folders_exit_zero_and_check_writes_nothing() {
    let root = tempfile::tempdir().unwrap();
    sample_copy(root.path(), "norrvik");
    let run = export(
        root.path(),
        &["norrvik", "--år", "2022", "--check", "--per", "forvaltning"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("check_stdout", run.stdout);
    assert!(!root.path().join("ut").exists());
    let run = export(root.path(), &["norrvik", "--år", "2022", "--format", "csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let files = tree(&root.path().join("ut"));
    assert!(files.iter().all(|(p, _)| p.extension().unwrap() == "csv"));
}

#[test]
fn wrong_calls_exit_two_with_a_swedish_message() {
    let root = tempfile::tempdir().unwrap();
    sample_copy(root.path(), "norrvik");
    let cases: [&[&str]; 7] = [
        &["norrvik", "--år", "tjugo"],
        &["--år", "2022"],
        &["saknas*", "--år", "2022"],
        &["norrvik", "--år", "2022", "--format", "pdf"],
        &["norrvik", "--år", "2022", "--per", "kommun"],
        &["norrvik", "--år", "2022", "--lista", "finns-inte.txt"],
        &["norrvik", "--år", "2022", "--out", "norrvik/kvalitet.toml"],
    ];
    let mut seen = String::new();
    for args in cases {
        let run = export(root.path(), args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty());
        seen.push_str(&format!(
            "$ kvalitet export {}\n{}\n",
            args.join(" "),
            run.stderr
        ));
    }
    insta::assert_snapshot!("usage_errors", seen);
}

#[test]
fn text_that_looks_like_a_formula_is_neutralised_and_numbers_stay_numbers() {
    let rows: Vec<String> = VALID
        .iter()
        .map(|r| {
            r.replace("Enhet A", "=2+3*A1")
                .replace("Enhet B", "+46 8 123")
        })
        .collect();
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let data = csv_folder(HEADER, &rows);
    let out = tempfile::tempdir().unwrap();
    let run = export(
        data.path(),
        &[".", "--år", "2022", "--out", out.path().to_str().unwrap()],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let year = std::fs::read_dir(out.path())
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path()
        .join("2022");
    let csv = std::fs::read_to_string(year.join("tabell-03-avvikelser_per_enhet.csv")).unwrap();
    assert!(csv.contains("\n'=2+3*A1;"), "{csv}");
    assert!(csv.contains("\n'+46 8 123;"), "{csv}");
    assert!(
        !csv.lines().any(|l| l.starts_with(['=', '+', '@'])),
        "{csv}"
    );
    let mut book = open_workbook_auto(year.join("tabeller.xlsx")).unwrap();
    let sheet = book.worksheet_range("Tabell 3").unwrap();
    let labels: Vec<&Data> = sheet.rows().map(|r| &r[0]).collect();
    assert!(
        labels.contains(&&Data::String("=2+3*A1".into())),
        "{labels:?}"
    );
    let formulas = book.worksheet_formula("Tabell 3").unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));
}

#[test]
fn negative_figures_are_written_as_numbers_not_guarded_text() {
    let (_out, year) = sample_export(&[]);
    let csv =
        std::fs::read_to_string(year.join("tabell-42-indikatorer_ekonomiskt_bistand.csv")).unwrap();
    let cells: Vec<&str> = csv
        .lines()
        .skip(1)
        .flat_map(|l| l.split(';').skip(1))
        .collect();
    assert!(cells.contains(&"-2"), "{csv}");
    assert!(cells.iter().all(|c| !c.starts_with('\'')), "{csv}");
}

/// Exports the sample data for 2022 (with `extra` flags) into a fresh folder; returns the
/// folder and the year's output folder in it.
pub(super) fn sample_export(extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let out = tempfile::tempdir().unwrap();
    let mut args = vec![
        "export",
        ".",
        "--år",
        "2022",
        "--out",
        out.path().to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let run = kvalitet(&sample_data(), &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let year = out.path().join("sample-data/2022");
    (out, year)
}

/// An exported JSON document, read with the schema's own types.
pub(super) fn read_doc(path: &Path) -> Document {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

#[test]
fn the_json_follows_the_schema_and_reads_back_unchanged() {
    let (_out, year) = sample_export(&[]);
    let bytes = std::fs::read(year.join("tabeller.json")).unwrap();
    let doc: Document = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(doc.schema, "kvalitet-export/1");
    assert_eq!(doc.year, 2022);
    let mut again = serde_json::to_vec_pretty(&doc).unwrap();
    again.push(b'\n');
    assert!(again == bytes, "the document does not round-trip");
    let csv_files = std::fs::read_dir(&year)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().extension().unwrap() == "csv")
        .count();
    assert_eq!(doc.tables.len(), csv_files);
    for t in &doc.tables {
        for row in &t.rows {
            assert!(
                row.heading || row.cells.len() == t.columns.len(),
                "{}",
                t.id
            );
            for c in &row.cells {
                let Some(exact) = &c.exact else {
                    assert!(c.value.is_none());
                    continue;
                };
                let (n, d) = exact.split_once('/').unwrap_or((exact, "1"));
                let ratio = n.parse::<f64>().unwrap() / d.parse::<f64>().unwrap();
                assert_eq!(Some(ratio), c.value, "{}: {exact}", t.id);
            }
        }
    }
}

#[test]
fn the_workbook_holds_the_same_numbers_as_the_json() {
    let (_out, year) = sample_export(&[]);
    let doc = read_doc(&year.join("tabeller.json"));
    let mut book = open_workbook_auto(year.join("tabeller.xlsx")).unwrap();
    let mut numbers = 0;
    for t in &doc.tables {
        let sheet = book
            .worksheet_range(&format!("Tabell {}", t.number))
            .unwrap();
        let rows: Vec<&[Data]> = sheet.rows().collect();
        assert_eq!(
            rows[0][0],
            Data::String(format!("Tabell {}. {}", t.number, t.title))
        );
        for (i, row) in t.rows.iter().enumerate() {
            let cells = rows[i + 2];
            assert_eq!(cells[0], Data::String(row.label.clone()));
            for (j, c) in row.cells.iter().enumerate() {
                match c.value {
                    Some(v) => {
                        // Changes between shares are stored in procentenheter.
                        let v = if c.kind == "point_change" {
                            v * 100.0
                        } else {
                            v
                        };
                        // Excel keeps 15 to 17 significant digits.
                        let Data::Float(got) = cells[j + 1] else {
                            panic!("{} {}: {:?} is no number", t.id, row.label, cells[j + 1]);
                        };
                        assert!(
                            (got - v).abs() <= 1e-15 * v.abs().max(1.0),
                            "{} {}",
                            t.id,
                            row.label
                        );
                        numbers += 1;
                    }
                    None => assert_eq!(cells[j + 1], Data::String(c.text.clone())),
                }
            }
        }
    }
    assert!(numbers > 500, "{numbers} numbers compared");
}

#[test]
fn a_failing_write_leaves_the_previous_files_intact_and_no_temp_files() {
    let root = tempfile::tempdir().unwrap();
    sample_copy(root.path(), "norrvik");
    let first = export(root.path(), &["norrvik", "--år", "2022", "--out", "ut"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let year = root.path().join("ut/norrvik/2022");
    let before = tree(&year);
    // The workbook cannot replace a folder: the write of tabeller.xlsx fails.
    std::fs::remove_file(year.join("tabeller.xlsx")).unwrap();
    std::fs::create_dir_all(year.join("tabeller.xlsx/hinder")).unwrap();
    std::fs::write(
        year.join(".tabell-01-rapporter_per_typ.csv.tmp-99999"),
        "halv",
    )
    .unwrap();
    let run = export(root.path(), &["norrvik", "--år", "2022", "--out", "ut"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("kan inte skriva"), "{}", run.stderr);
    let after = tree(&year);
    for (path, bytes) in &before {
        if path.starts_with("tabeller.xlsx") {
            continue;
        }
        let now = after.iter().find(|(p, _)| p == path).expect("file kept");
        assert!(&now.1 == bytes, "{} changed", path.display());
    }
    assert!(
        after
            .iter()
            .all(|(p, _)| !p.to_string_lossy().contains(".tmp-")),
        "temporary files left: {:?}",
        after.iter().map(|(p, _)| p).collect::<Vec<_>>()
    );
}

#[cfg(unix)]
#[test]
fn a_run_killed_half_way_leaves_every_file_old_or_complete() {
    let root = tempfile::tempdir().unwrap();
    let names: Vec<String> = (0..12).map(|i| format!("kommun-{i:02}")).collect();
    for n in &names {
        sample_copy(root.path(), n);
    }
    let args = [
        "export", "kommun-*", "--år", "2022", "--per", "enhet", "--jobb", "1",
    ];
    // The complete output, for reference.
    let mut full = args.to_vec();
    full.extend(["--out", "facit"]);
    assert_eq!(kvalitet(root.path(), &full).code, 0);
    let reference = tree(&root.path().join("facit"));
    // The previous night's files: every path holds an old, complete file.
    for (path, _) in &reference {
        let old = root.path().join("ut").join(path);
        std::fs::create_dir_all(old.parent().unwrap()).unwrap();
        std::fs::write(old, "gammal fil\n").unwrap();
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_kvalitet"))
        .args(args)
        .args(["--out", "ut"])
        .current_dir(root.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Kill it (SIGKILL) as soon as the first folder is done, while it writes the next.
    let marker = root.path().join("ut/kommun-00/2022/tabeller.json");
    let start = Instant::now();
    while std::fs::read(&marker).unwrap() == b"gammal fil\n" {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "export never started"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(!status.success(), "the run finished before it was killed");
    let (mut old, mut new) = (0, 0);
    for (path, bytes) in tree(&root.path().join("ut")) {
        if path.to_string_lossy().contains(".tmp-") {
            continue; // A temp file of the killed run: hidden, never read, removed next run.
        }
        let reference = reference
            .iter()
            .find(|(p, _)| *p == path)
            .expect("known path");
        if bytes == b"gammal fil\n" {
            old += 1;
        } else {
            assert!(bytes == reference.1, "{} is partial", path.display());
            new += 1;
        }
    }
    assert!(old > 0 && new > 0, "old {old}, new {new}");
    // The next run completes the set and removes what the killed run left.
    let mut again = args.to_vec();
    again.extend(["--out", "ut"]);
    assert_eq!(kvalitet(root.path(), &again).code, 0);
    assert!(tree(&root.path().join("ut")) == reference);
}

/// The count in `table`'s row `label`, column `col`, of a JSON document; `None` when hidden.
fn shown(doc: &Document, table: &str, label: &str, col: &str) -> Option<i64> {
    let t = doc.tables.iter().find(|t| t.id == table).unwrap();
    let j = t.columns.iter().position(|c| c.title == col).unwrap();
    let row = t.rows.iter().find(|r| r.label == label).unwrap();
    row.cells[j].exact.as_deref().map(|n| n.parse().unwrap())
}

fn count(doc: &Document, table: &str, label: &str, col: &str) -> i64 {
    shown(doc, table, label, col).unwrap()
}

#[test]
fn the_parts_of_a_register_add_up_to_the_whole() {
    let (_out, year) = sample_export(&["--per", "enhet,förvaltning", "--format", "json"]);
    let whole = read_doc(&year.join("tabeller.json"));
    assert!(whole.tables.iter().any(|t| t.id.starts_with("brukar_")));
    let units: Vec<Document> = std::fs::read_dir(year.join("enhet"))
        .unwrap()
        .map(|e| read_doc(&e.unwrap().path().join("tabeller.json")))
        .collect();
    assert!(units.len() >= 5, "{} enheter", units.len());
    for u in &units {
        assert_eq!(u.scope.kind, "enhet");
        // Surveys and indicators describe the whole organisation, not a part.
        assert!(u.tables.iter().all(|t| !t.id.starts_with("brukar_")));
    }
    // A part hides its small counts (and complements): where every part shows its count they
    // add up to the whole's, else the shown ones stay below it.
    let mut complete = 0;
    for label in ["Avvikelser", "Klagomål", "Synpunkter"] {
        for col in ["2021", "2022"] {
            let counts: Vec<Option<i64>> = units
                .iter()
                .map(|u| shown(u, "rapporter_per_typ", label, col))
                .collect();
            let sum: i64 = counts.iter().flatten().sum();
            let all = count(&whole, "rapporter_per_typ", label, col);
            if counts.iter().all(Option::is_some) {
                assert_eq!(sum, all, "{label} {col}");
                complete += 1;
            } else {
                assert!(sum < all, "{label} {col}");
            }
        }
    }
    assert!(complete > 0);
    let department = read_doc(&year.join("forvaltning/socialforvaltningen/tabeller.json"));
    assert_eq!(
        department.scope.name.as_deref(),
        Some("Socialförvaltningen")
    );
    assert_eq!(
        count(&department, "rapporter_per_typ", "Avvikelser", "2022"),
        count(&whole, "rapporter_per_typ", "Avvikelser", "2022")
    );
}

#[test]
fn a_year_without_reports_fails_alone_and_the_other_years_are_written() {
    let root = tempfile::tempdir().unwrap();
    sample_copy(root.path(), "norrvik");
    let run = export(
        root.path(),
        &["norrvik", "--år", "2022..2023", "--format", "json"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "[1/1] norrvik: misslyckades: 2023: registret har inga rapporter för 2023 (det innehåller åren 2018–2022)\n"
    );
    assert!(root.path().join("ut/norrvik/2022/tabeller.json").is_file());
    assert!(!root.path().join("ut/norrvik/2023").exists());
}

#[test]
fn the_date_appears_only_where_a_report_states_it() {
    let (_a, first) = sample_export(&["--rapport", "md", "--datum", "2023-02-15"]);
    let (_b, second) = sample_export(&["--rapport", "md", "--datum", "2024-03-01"]);
    let (first, second) = (tree(&first), tree(&second));
    assert_eq!(first.len(), second.len());
    for ((path, x), (_, y)) in first.iter().zip(&second) {
        if path.ends_with("kvalitetsberattelse-2022.md") {
            let (x, y) = (String::from_utf8_lossy(x), String::from_utf8_lossy(y));
            assert!(x.contains("Datum: 2023-02-15"), "{x}");
            assert_eq!(x.replace("2023-02-15", "2024-03-01"), y);
        } else {
            assert!(x == y, "{} depends on the date", path.display());
        }
    }
}
