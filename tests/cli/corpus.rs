//! The hostile-input corpus (`tests/corpus/`, written by `scripts/make-corpus.py`): every
//! broken, hostile or odd file gives the exit code and the Swedish message its line in
//! `MANIFEST.tsv` promises, never a panic; and every odd-but-valid file gives exactly the
//! report of the reference file it restates, so nothing is silently read wrong.

use std::path::{Path, PathBuf};

use crate::harness::{Run, kvalitet};

/// One line of the manifest.
pub(crate) struct Case {
    pub(crate) file: String,
    pub(crate) role: String,
    pub(crate) code: i32,
    pub(crate) expected: String,
    pub(crate) same_as: Option<String>,
}

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

fn manifest() -> Vec<Case> {
    manifest_in(&corpus())
}

/// The cases of the manifest in `dir` (this corpus, or another folder in its format).
pub(crate) fn manifest_in(dir: &Path) -> Vec<Case> {
    let text = std::fs::read_to_string(dir.join("MANIFEST.tsv")).unwrap();
    text.lines()
        .skip(1)
        .map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            assert_eq!(f.len(), 5, "manifest line {line}");
            Case {
                file: f[0].to_string(),
                role: f[1].to_string(),
                code: f[2].parse().unwrap(),
                expected: f[3].to_string(),
                same_as: (!f[4].is_empty()).then(|| f[4].to_string()),
            }
        })
        .collect()
}

fn extension(file: &str) -> &str {
    Path::new(file).extension().unwrap().to_str().unwrap()
}

/// A data folder holding `file` as the input `role`; a register from the reference file
/// when the case is another input.
fn folder(file: &str, role: &str) -> tempfile::TempDir {
    folder_in(&corpus(), file, role)
}

/// [`folder`] for a file of `files`; a file not there (the reference) is the corpus's.
pub(crate) fn folder_in(files: &Path, file: &str, role: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let copy = |from: &str, stem: &str| {
        let to = dir.path().join(format!("{stem}.{}", extension(from)));
        let own = files.join(from);
        let source = if own.exists() {
            own
        } else {
            corpus().join(from)
        };
        std::fs::copy(source, to).unwrap();
    };
    copy(file, role);
    if role != "rapporter" {
        copy("ok-referens.csv", "rapporter");
    }
    dir
}

pub(crate) fn no_panic(run: &Run, what: &str) {
    assert!(
        run.code == 0 || run.code == 1,
        "{what}: exit code {}\n{}",
        run.code,
        run.stderr
    );
    assert!(
        !run.stderr.contains("panicked")
            && !run.stderr.contains("RUST_BACKTRACE")
            && !run.stderr.contains("internt fel"),
        "{what}: {}",
        run.stderr
    );
}

/// The Markdown report for 2022 of `dir`, with the input file names made equal.
pub(crate) fn report(dir: &Path, what: &str) -> String {
    let out = dir.join("ut");
    let run = kvalitet(
        dir,
        &[
            "report",
            "2022",
            "--format",
            "md",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    no_panic(&run, what);
    assert_eq!(run.code, 0, "{what}: {}", run.stderr);
    let md = std::fs::read_to_string(out.join("kvalitetsberattelse-2022.md")).unwrap();
    ["xlsx", "xls", "ods"]
        .iter()
        .fold(md, |md, ext| md.replace(&format!(".{ext}"), ".csv"))
}

#[test]
fn the_corpus_is_large_and_every_file_is_in_the_manifest() {
    let cases = manifest();
    assert!(cases.len() >= 50, "{} cases", cases.len());
    let mut files: Vec<String> = std::fs::read_dir(corpus())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "MANIFEST.tsv")
        .collect();
    files.sort();
    let mut listed: Vec<String> = cases.iter().map(|c| c.file.clone()).collect();
    listed.sort();
    assert_eq!(files, listed);
}

#[test]
fn every_corpus_file_gives_its_promised_outcome_and_never_a_panic() {
    let mut failures = Vec::new();
    for case in manifest() {
        let dir = folder(&case.file, &case.role);
        let run = kvalitet(dir.path(), &["check"]);
        no_panic(&run, &case.file);
        let all = format!("{}{}", run.stdout, run.stderr);
        if run.code != case.code || !all.contains(&case.expected) {
            failures.push(format!(
                "{} (väntat {} och \"{}\"): slutkod {}\n{}",
                case.file, case.code, case.expected, run.code, all
            ));
        }
        // A report run must fail or succeed cleanly too.
        let report = kvalitet(dir.path(), &["report", "2022", "--format", "md,html"]);
        no_panic(&report, &case.file);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n---\n"));
}

#[test]
fn odd_but_valid_files_give_exactly_the_reference_tables() {
    let cases = manifest();
    let with_reference: Vec<&Case> = cases.iter().filter(|c| c.same_as.is_some()).collect();
    assert!(with_reference.len() >= 25, "{}", with_reference.len());
    for case in with_reference {
        let reference = case.same_as.as_deref().unwrap();
        let expected = report(folder(reference, &case.role).path(), reference);
        let got = report(folder(&case.file, &case.role).path(), &case.file);
        assert!(
            got == expected,
            "{} gives other tables than {reference}",
            case.file
        );
    }
}
