//! `cargo bench --bench pdf`: times `kvalitet report 2022 --format pdf` on `sample-data/` (the
//! typeset PDF, made in-process with typst) against `--format md` on the same data, so the
//! difference is what typesetting costs. The target is a PDF in under 1 s (Chromium took 3.6 s).
//!
//! Runs the release binary as a child process and measures wall time, CPU time and peak RSS.
//! Environment: `KVALITET_BENCH_RUNS` (default 5). Without `--bench` (e.g. under
//! `cargo test --all-targets`) it does nothing.

#[path = "support/measure.rs"]
mod measure;

use std::path::Path;
use std::process::{Command, ExitCode};

use measure::{Result, Sample, env_number, kvalitet_binary, measure, median};

fn main() -> ExitCode {
    measure::bench_main("pdf", bench)
}

fn bench() -> Result<()> {
    let runs = env_number("KVALITET_BENCH_RUNS", 5) as usize;
    let bin = kvalitet_binary()?;
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    println!("pdf: the sample report for 2022, {runs} runs each");
    let variants = ["md", "pdf"];
    let mut samples: Vec<Vec<Sample>> = variants.iter().map(|_| Vec::new()).collect();
    let mut size = 0;
    for run in 1..=runs {
        for (i, format) in variants.iter().enumerate() {
            let out = tempfile::tempdir()?;
            let mut cmd = Command::new(&bin);
            cmd.args(["report", "2022", "--data"])
                .arg(&sample)
                .arg("--out")
                .arg(out.path())
                .args(["--format", format]);
            let s = measure(&mut cmd)?;
            if *format == "pdf" {
                size = std::fs::metadata(out.path().join("kvalitetsberattelse-2022.pdf"))?.len();
            }
            println!(
                "  run {run}/{runs} --format {format:<4} {:>6.3} s {:>6.3} s CPU {:>5.0} MiB peak RSS",
                s.wall.as_secs_f64(),
                s.cpu.as_secs_f64(),
                s.max_rss_mib()
            );
            samples[i].push(s);
        }
    }
    println!();
    println!(
        "{:<14} {:>9} {:>8} {:>8} {:>8} {:>12}",
        "format", "median s", "min s", "max s", "CPU s", "peak RSS MiB"
    );
    let mut medians = Vec::new();
    for (format, s) in variants.iter().zip(&samples) {
        let mut walls: Vec<f64> = s.iter().map(|s| s.wall.as_secs_f64()).collect();
        walls.sort_by(f64::total_cmp);
        let mut cpu: Vec<f64> = s.iter().map(|s| s.cpu.as_secs_f64()).collect();
        cpu.sort_by(f64::total_cmp);
        let rss = s.iter().map(Sample::max_rss_mib).fold(0.0, f64::max);
        println!(
            "{format:<14} {:>9.3} {:>8.3} {:>8.3} {:>8.3} {:>12.0}",
            median(&walls),
            walls[0],
            walls[walls.len() - 1],
            median(&cpu),
            rss
        );
        medians.push(median(&walls));
    }
    println!(
        "typesetting the PDF adds {:.3} s (median); the PDF is {:.0} KiB",
        medians[1] - medians[0],
        size as f64 / 1024.0
    );
    Ok(())
}
