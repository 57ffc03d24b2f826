//! Runs the binary and builds fixture folders.

use std::path::{Path, PathBuf};
use std::process::Command;

/// What a run of `kvalitet` gave.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `kvalitet` with `args` in `cwd`.
pub fn kvalitet(cwd: &Path, args: &[&str]) -> Run {
    kvalitet_env(cwd, args, &[])
}

/// Runs `kvalitet` with `args` in `cwd`, with the environment variables `env` set.
pub fn kvalitet_env(cwd: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_kvalitet"))
        .args(args)
        .envs(env.iter().copied())
        .current_dir(cwd)
        .output()
        .expect("the binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// Runs `report YEAR --format FORMAT` on the sample data into a fresh folder; returns the run
/// and the folder.
pub fn sample_report(year: &str, format: &str) -> (Run, tempfile::TempDir) {
    sample_report_env(year, format, &[])
}

/// [`sample_report`] with the environment variables `env` set.
pub fn sample_report_env(
    year: &str,
    format: &str,
    env: &[(&str, &str)],
) -> (Run, tempfile::TempDir) {
    report_into_temp(&sample_data(), year, format, env)
}

/// Runs `report YEAR --format FORMAT` on `dir` into a fresh folder, with `env` set; the run
/// must succeed. Returns the run and the folder.
pub fn report_into_temp(
    dir: &Path,
    year: &str,
    format: &str,
    env: &[(&str, &str)],
) -> (Run, tempfile::TempDir) {
    let out = tempfile::tempdir().unwrap();
    let run = report_into(dir, out.path(), year, format, env);
    assert_eq!(run.code, 0, "{}", run.stderr);
    (run, out)
}

/// Runs `report YEAR --out OUT --format FORMAT` on `dir`.
pub fn report_into(dir: &Path, out: &Path, year: &str, format: &str, env: &[(&str, &str)]) -> Run {
    let out = out.to_str().unwrap();
    kvalitet_env(
        dir,
        &["report", year, "--out", out, "--format", format],
        env,
    )
}

pub fn sample_data() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-data")
}

/// A copy of `sample-data/` whose `kvalitet.toml` also says `toml` (whole sections).
pub fn sample_data_with(toml: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let from = sample_data();
    std::fs::create_dir(dir.path().join("text")).unwrap();
    for entry in std::fs::read_dir(&from)
        .unwrap()
        .chain(std::fs::read_dir(from.join("text")).unwrap())
    {
        let path = entry.unwrap().path();
        if path.is_file() {
            let rel = path.strip_prefix(&from).unwrap();
            std::fs::copy(&path, dir.path().join(rel)).unwrap();
        }
    }
    let settings = dir.path().join("kvalitet.toml");
    let mut text = std::fs::read_to_string(&settings).unwrap();
    text.push('\n');
    text.push_str(toml);
    std::fs::write(settings, text).unwrap();
    dir
}

/// The stricter survey protection: every answer count below the threshold is hidden.
pub const CELL_PROTECTION: &str = "[brukarundersokning]\nskydd = \"cell\"\n";

/// The register's canonical header, `;`-separated.
pub const HEADER: &str = "Id;Typ;Händelsedatum;Rapporterad;Förvaltning;Enhet;Händelsetyp;Bedömning;Lex Sarah;Anmäld IVO;Anmäld IMY;Bakomliggande orsak;Åtgärd;Status;Avslutad;Beskrivning";

/// A temporary data folder holding `rapporter.csv` with `header` and `rows`.
pub fn csv_folder(header: &str, rows: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from(header);
    text.push('\n');
    for r in rows {
        text.push_str(r);
        text.push('\n');
    }
    std::fs::write(dir.path().join("rapporter.csv"), text).unwrap();
    dir
}

/// A few valid rows over two years.
pub const VALID: &[&str] = &[
    "AV-1;Avvikelse;2021-03-02;2021-03-03;Socialförvaltningen;Enhet A;Lång handläggningstid;Missförhållande;Ja;Nej;Nej;Processer och rutiner;Översyn av rutin eller process;Avslutad;2021-04-01;fritext",
    "AV-2;Avvikelse;2022-03-02;2022-03-05;Socialförvaltningen;Enhet A;Sekretessbrott;Avvikelse;Nej;Nej;Nej;\"Processer och rutiner; Utbildning och kompetens\";Översyn av rutin eller process;Avslutad;2022-03-20;fritext",
    "AV-3;Avvikelse;2022-05-02;2022-05-05;Socialförvaltningen;Enhet B;Sekretessbrott;Allvarligt missförhållande;Ja;Ja;Nej;Utbildning och kompetens;Utbildning och kompetensutveckling;Pågående;;fritext",
    "KL-1;Klagomål;2022-06-02;2022-06-02;Socialförvaltningen;Enhet B;Bemötande;;Nej;Nej;Nej;;;Avslutad;2022-06-30;fritext",
    "PU-1;Personuppgiftsincident;2022-12-02;2022-12-05;Socialförvaltningen;Enhet B;Sekretessbrott;;Nej;Nej;Ja;;;Avslutad;2023-01-10;fritext",
];

/// Every file below `dir`, read as bytes.
/// Runs `kvalitet export . --år 2022 --per enhet` in `dir` with Markdown reports and returns
/// each report's path (as text, `/` between folders) and Markdown: the whole and one per enhet.
pub fn exported_reports_per_unit(dir: &Path) -> Vec<(String, String)> {
    let out = tempfile::tempdir().unwrap();
    let run = kvalitet(
        dir,
        &[
            "export",
            ".",
            "--år",
            "2022",
            "--format",
            "json",
            "--rapport",
            "md",
            "--per",
            "enhet",
            "--out",
            out.path().to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    all_files(out.path())
        .into_iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "md"))
        .map(|(p, b)| {
            let path = p.to_string_lossy().into_owned();
            (path, String::from_utf8(b).unwrap())
        })
        .collect()
}

pub fn all_files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(all_files(&path));
        } else {
            out.push((path.clone(), std::fs::read(&path).unwrap()));
        }
    }
    out
}

/// Whether `path` is a chart the Markdown report links (`…-bilder/diagram-N.svg`).
pub fn is_chart_file(path: &Path) -> bool {
    let parent = path.parent().and_then(Path::file_name);
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    parent.is_some_and(|p| p.to_string_lossy().ends_with("-bilder"))
        && name.is_some_and(|n| n.starts_with("diagram-") && n.ends_with(".svg"))
}

/// A fixture folder under `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Rows of a tab-separated expectation file (the seed transcriptions), keyed by its header.
pub fn expectations(path: &Path) -> Vec<std::collections::BTreeMap<String, String>> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            header
                .iter()
                .map(|h| h.to_string())
                .zip(l.split('\t').map(String::from))
                .collect()
        })
        .collect()
}

/// Runs `report YEAR --format md` on `dir` (which must succeed) and returns the Markdown.
pub fn report_markdown(dir: &Path, year: &str) -> String {
    report_text(dir, year, "md")
}

/// Runs `report YEAR --format FORMAT` on `dir` (which must succeed) and returns that file.
pub fn report_text(dir: &Path, year: &str, format: &str) -> String {
    let (_, out) = report_into_temp(dir, year, format, &[]);
    std::fs::read_to_string(
        out.path()
            .join(format!("kvalitetsberattelse-{year}.{format}")),
    )
    .unwrap()
}

/// The text of XML or HTML without its tags (entities left as written).
pub fn strip_tags(s: &str) -> String {
    let mut out = String::new();
    let mut tag = false;
    for c in s.chars() {
        match c {
            '<' => tag = true,
            '>' => tag = false,
            c if !tag => out.push(c),
            _ => {}
        }
    }
    out
}
