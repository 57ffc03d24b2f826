//! `cargo bench --bench indicator_store`: builds indicator stores of Kolada-shaped data and
//! times the whole `kvalitet indikator visa` command against them.
//!
//! The generator walks Kolada's real KPI ids (the embedded catalog, 6 099 KPIs) × the 312
//! municipalities, regions and riket × years from 2024 backwards × T/K/M (for KPIs divided by
//! gender), about 8 % of the values missing, until the requested number of values is reached.
//! For each size it reports the import speed (values/s) and the store size on disk, then
//! spawns the release binary repeatedly and reports median and max wall time (process start
//! to exit) for two queries: a municipality against riket and its "liknande kommuner" group
//! (stored values), and against G2328 "Alla kommuner" (a mean over 290 members computed per
//! query). It also imports a generated CSV through `kvalitet indikator importera`.
//!
//! Environment: `KVALITET_BENCH_SIZES` (values, comma-separated; default 5000000,30000000),
//! `KVALITET_BENCH_RUNS` (default 30), `KVALITET_BENCH_CSV_ROWS` (default 1000000),
//! `KVALITET_BENCH_DIR` (default a folder in the system temp dir). Without `--bench` (under
//! `cargo test --all-targets`) it does nothing.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use kvalitet::model::indicators::Gender;
use kvalitet::model::indicators::catalog;
use kvalitet::store::Store;

fn env_list(name: &str, default: &str) -> Vec<u64> {
    std::env::var(name)
        .unwrap_or_else(|_| default.to_string())
        .split(',')
        .filter_map(|s| s.trim().replace('_', "").parse().ok())
        .collect()
}

fn env_number(name: &str, default: u64) -> u64 {
    env_list(name, &default.to_string())
        .first()
        .copied()
        .unwrap_or(default)
}

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Kolada-shaped values, in the order a Kolada bulk download has them (year, KPI, place,
/// gender), `n` in all.
fn generate(n: u64, mut emit: impl FnMut(&str, &str, i32, Gender, Option<f64>)) {
    let kpis = catalog::kpis();
    let places = catalog::municipalities();
    let mut rng = Rng(0x5EED_0305);
    let mut count = 0;
    for year in (1990..=2024).rev() {
        for k in kpis {
            let genders: &[Gender] = if k.by_gender {
                &Gender::ALL
            } else {
                &[Gender::Total]
            };
            let base = 10.0 + (rng.unit() * 500.0).round();
            for p in places {
                for &g in genders {
                    if count == n {
                        return;
                    }
                    let value = (rng.unit() > 0.08)
                        .then(|| ((base * (0.5 + rng.unit())) * 10.0).round() / 10.0);
                    emit(k.id, p.id, year, g, value);
                    count += 1;
                }
            }
        }
    }
}

fn median_max(mut times: Vec<Duration>) -> (f64, f64) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    (ms(times[times.len() / 2]), ms(*times.last().unwrap()))
}

fn time_command(args: &[&str], runs: u64) -> Result<(f64, f64), String> {
    let mut times = Vec::new();
    for _ in 0..runs {
        let start = Instant::now();
        let status = Command::new(env!("CARGO_BIN_EXE_kvalitet"))
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map_err(|e| e.to_string())?;
        times.push(start.elapsed());
        if !status.success() {
            return Err(format!("kvalitet {} failed: {status}", args.join(" ")));
        }
    }
    Ok(median_max(times))
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

fn store_size(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len())
}

fn bench_size(dir: &Path, n: u64, runs: u64) -> Result<(), String> {
    let path = dir.join(format!("lager-{n}.sqlite"));
    let _ = std::fs::remove_file(&path);
    let started = Instant::now();
    let mut store = Store::create(&path).map_err(|e| format!("{e:#}"))?;
    let mut imp = store.importer().map_err(|e| format!("{e:#}"))?;
    generate(n, |k, a, y, g, v| imp.add_parts(k, a, y, g, v));
    let generated = started.elapsed().as_secs_f64();
    let summary = imp
        .finish("benchmark", "generated", n, 0)
        .map_err(|e| format!("{e:#}"))?;
    let total = started.elapsed().as_secs_f64();
    drop(store);
    println!(
        "{n} values: imported in {total:.1} s ({:.0} values/s; generating {generated:.1} s, writing {:.1} s), store {:.0} MB ({:.1} bytes/value)",
        n as f64 / total,
        summary.seconds - generated.min(summary.seconds),
        mb(store_size(&path)),
        store_size(&path) as f64 / n as f64
    );
    let lager = path.to_str().unwrap();
    let queries: [(&str, Vec<&str>); 2] = [
        (
            "U31402 Håbo vs riket and G36526 (liknande kommuner IFO), all years",
            vec![
                "indikator",
                "visa",
                "U31402",
                "--kommun",
                "0305",
                "--jämför",
                "riket,G36526",
                "--lager",
                lager,
            ],
        ),
        (
            "U31402 Håbo vs G2328 (mean of 290 members), 2019-2024, with K/M",
            vec![
                "indikator",
                "visa",
                "U31402",
                "--kommun",
                "Håbo",
                "--jämför",
                "G2328",
                "--år",
                "2019-2024",
                "--kön",
                "--lager",
                lager,
            ],
        ),
    ];
    for (what, args) in &queries {
        let (median, max) = time_command(args, runs)?;
        println!("  visa {what}: median {median:.1} ms, max {max:.1} ms over {runs} runs");
    }
    Ok(())
}

fn bench_csv_import(dir: &Path, rows: u64) -> Result<(), String> {
    let csv = dir.join("indikatorer.csv");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&csv).map_err(|e| e.to_string())?);
    writeln!(out, "KPI;Kommun;Period;Kön;Värde").unwrap();
    generate(rows, |k, a, y, g, v| {
        let v = v
            .map(|v| format!("{v}").replace('.', ","))
            .unwrap_or_default();
        writeln!(out, "{k};{a};{y};{};{v}", g.code()).unwrap();
    });
    out.flush().map_err(|e| e.to_string())?;
    drop(out);
    let lager = dir.join("lager-csv.sqlite");
    let _ = std::fs::remove_file(&lager);
    let start = Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_kvalitet"))
        .args([
            "indikator",
            "importera",
            csv.to_str().unwrap(),
            "--lager",
            lager.to_str().unwrap(),
        ])
        .stdout(Stdio::null())
        .status()
        .map_err(|e| e.to_string())?;
    let secs = start.elapsed().as_secs_f64();
    if !status.success() {
        return Err(format!("importera failed: {status}"));
    }
    println!(
        "kvalitet indikator importera of a {rows}-row CSV ({:.0} MB): {secs:.1} s wall ({:.0} rows/s), store {:.0} MB",
        mb(store_size(&csv)),
        rows as f64 / secs,
        mb(store_size(&lager))
    );
    Ok(())
}

fn main() -> ExitCode {
    if !std::env::args().any(|a| a == "--bench") {
        println!("indicator_store: skipped (run it with `cargo bench --bench indicator_store`)");
        return ExitCode::SUCCESS;
    }
    let dir: PathBuf = std::env::var_os("KVALITET_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("kvalitet-indicator-bench"));
    std::fs::create_dir_all(&dir).expect("bench folder");
    let runs = env_number("KVALITET_BENCH_RUNS", 30);
    let result = (|| {
        bench_csv_import(&dir, env_number("KVALITET_BENCH_CSV_ROWS", 1_000_000))?;
        for n in env_list("KVALITET_BENCH_SIZES", "5000000,30000000") {
            bench_size(&dir, n, runs)?;
        }
        Ok::<(), String>(())
    })();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("indicator_store: {e}");
            ExitCode::FAILURE
        }
    }
}
