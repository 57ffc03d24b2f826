//! `cargo bench --bench export`: times `kvalitet export` over many municipality folders (300 by
//! default, the size of Sweden), each a copy of `sample-data/` under its own name and Kolada id.
//!
//! Runs the release binary as a child process and measures wall time, CPU time and peak RSS
//! (`wait4`): all folders with one, two and four workers, and a tenth of the folders with two
//! workers, to show whether memory stays flat as the number of folders grows.
//!
//! Environment: `KVALITET_BENCH_RUNS` (default 3), `KVALITET_BENCH_FOLDERS` (default 300).
//! Without `--bench` (e.g. under `cargo test --all-targets`) it does nothing.

#[path = "support/measure.rs"]
mod measure;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use measure::{Result, Sample, env_number, kvalitet_binary, measure, median, target_dir};

fn main() -> ExitCode {
    measure::bench_main("export", bench)
}

fn bench() -> Result<()> {
    let runs = env_number("KVALITET_BENCH_RUNS", 3) as usize;
    let count = env_number("KVALITET_BENCH_FOLDERS", 300) as usize;
    let root = target_dir().join("bench-data/export");
    let folders = generate(&root, count)?;
    let tenth = (count / 10).max(1);
    let list = root.join(format!("forsta-{tenth}.txt"));
    let names: Vec<String> = folders[..tenth]
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    std::fs::write(
        &list,
        format!("# de första {tenth} mapparna\n{}\n", names.join("\n")),
    )?;
    let bin = kvalitet_binary()?;
    println!(
        "export: {count} folders (copies of sample-data) in {}, {runs} runs each",
        root.display()
    );

    let variants: Vec<(String, Vec<String>)> = vec![
        (format!("{count} folders, 1 worker"), args_all("1")),
        (format!("{count} folders, 2 workers"), args_all("2")),
        (format!("{count} folders, 4 workers"), args_all("4")),
        (
            format!("{tenth} folders, 2 workers"),
            vec![
                "--lista".into(),
                list.to_string_lossy().into_owned(),
                "--jobb".into(),
                "2".into(),
            ],
        ),
    ];
    let mut samples: Vec<Vec<Sample>> = variants.iter().map(|_| Vec::new()).collect();
    for run in 1..=runs {
        for (i, (name, extra)) in variants.iter().enumerate() {
            let out = tempfile::tempdir()?;
            let mut cmd = Command::new(&bin);
            cmd.current_dir(&root)
                .args(["export", "--år", "2022", "--out"])
                .arg(out.path())
                .args(extra);
            let s = measure(&mut cmd)?;
            let files = count_files(out.path());
            println!(
                "  run {run}/{runs} {name:<24} {:>7.2} s {:>7.2} s CPU {:>6.0} MiB peak RSS, {files} files",
                s.wall.as_secs_f64(),
                s.cpu.as_secs_f64(),
                s.max_rss_mib()
            );
            samples[i].push(s);
        }
    }
    println!();
    println!(
        "{:<24} {:>9} {:>8} {:>8} {:>8} {:>12}",
        "variant", "median s", "min s", "max s", "CPU s", "peak RSS MiB"
    );
    let mut medians = Vec::new();
    for ((name, _), s) in variants.iter().zip(&samples) {
        let mut walls: Vec<f64> = s.iter().map(|s| s.wall.as_secs_f64()).collect();
        walls.sort_by(f64::total_cmp);
        let mut cpu: Vec<f64> = s.iter().map(|s| s.cpu.as_secs_f64()).collect();
        cpu.sort_by(f64::total_cmp);
        let rss = s.iter().map(Sample::max_rss_mib).fold(0.0, f64::max);
        println!(
            "{name:<24} {:>9.2} {:>8.2} {:>8.2} {:>8.2} {:>12.0}",
            median(&walls),
            walls[0],
            walls[walls.len() - 1],
            median(&cpu),
            rss
        );
        medians.push((median(&walls), rss));
    }
    println!(
        "wall time against 1 worker: {:.2}× with 2, {:.2}× with 4; peak RSS with 2 workers, {tenth} vs {count} folders: {:.0} vs {:.0} MiB",
        medians[1].0 / medians[0].0,
        medians[2].0 / medians[0].0,
        medians[3].1,
        medians[1].1
    );
    Ok(())
}

fn args_all(jobs: &str) -> Vec<String> {
    ["kommun-*", "--jobb", jobs].map(String::from).to_vec()
}

/// `count` folders `kommun-000`… under `root`, each a copy of `sample-data/` whose settings
/// name the municipality and give it its own Kolada id; reused when already there.
fn generate(root: &Path, count: usize) -> Result<Vec<PathBuf>> {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    let settings = std::fs::read_to_string(sample.join("kvalitet.toml"))?;
    let indicators = std::fs::read_to_string(sample.join("indikatorer.csv"))?;
    let mut folders = Vec::new();
    for i in 0..count {
        let dir = root.join(format!("kommun-{i:03}"));
        // The folder's own Kolada id, in its settings and in its indicator rows (rows of
        // another municipality would be rejected, and the folder refused as incomplete).
        let id = format!("{:04}", 1000 + i);
        let toml = settings
            .replace("Norrviks kommun", &format!("Kommun {i:03}"))
            .replace("kolada_id = \"9999\"", &format!("kolada_id = \"{id}\""));
        let own = indicators.replace(";9999;", &format!(";{id};"));
        let is = |name: &str, text: &str| {
            std::fs::read_to_string(dir.join(name)).ok().as_deref() == Some(text)
        };
        if !(is("kvalitet.toml", &toml) && is("indikatorer.csv", &own)) {
            std::fs::create_dir_all(&dir)?;
            for entry in std::fs::read_dir(&sample)? {
                let path = entry?.path();
                let name = path.file_name().unwrap();
                if path.is_file() && name != "kvalitet.toml" && name != "README.md" {
                    std::fs::copy(&path, dir.join(name))?;
                }
            }
            std::fs::write(dir.join("kvalitet.toml"), &toml)?;
            std::fs::write(dir.join("indikatorer.csv"), &own)?;
        }
        folders.push(dir);
    }
    // Folders of an earlier run with more folders would be exported too.
    for entry in std::fs::read_dir(root)? {
        let path = entry?.path();
        if path.is_dir() && !folders.contains(&path) {
            std::fs::remove_dir_all(&path)?;
        }
    }
    Ok(folders)
}

fn count_files(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| {
                    let p = e.path();
                    if p.is_dir() { count_files(&p) } else { 1 }
                })
                .sum()
        })
        .unwrap_or(0)
}
