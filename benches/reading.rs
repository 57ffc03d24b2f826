//! `cargo bench --bench reading`: the three speed goals of issue 27.
//!
//! - Inline strings: a register written as streaming writers write it (`t="inlineStr"`, as
//!   rust_xlsxwriter's constant-memory mode, POI's SXSSF and XlsxWriter's do), 5 years ×
//!   `KVALITET_BENCH_ROWS` rows (default 100 000, so 500 000). The whole `kvalitet report`
//!   (release binary, a child process) against only inflating the sheet part (in process).
//!   Goal: at most 1.25×.
//! - Rejected rows: the register read (`load_register`, in process) from a CSV of
//!   `KVALITET_BENCH_REJECTED` rows (default 400 000) that are all rejected for an unknown
//!   type (one misspelling, and every row a type of its own), against the same rows with a
//!   good type; time per row. Goal: at most 5 µs per rejected row.
//! - `kvalitet indikator sök ekonomiskt bistånd` over the embedded catalogue (6 099 KPIs): the
//!   whole command, a child process. Goal: at most 20 ms.
//!
//! Each figure is the median of `KVALITET_BENCH_RUNS` runs (default 5; 30 for `sök`). Without
//! `--bench` (under `cargo test --all-targets`) it does nothing.

#[path = "support/measure.rs"]
mod measure;
#[path = "../tests/support/synth.rs"]
mod synth;

use std::io::Read;
use std::path::Path;
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use measure::{Result, env_number, kvalitet_binary, measure, median, target_dir};

fn main() -> ExitCode {
    if !std::env::args().any(|a| a == "--bench") {
        println!("reading: skipped (run it with `cargo bench --bench reading`)");
        return ExitCode::SUCCESS;
    }
    let result = inline_strings().and_then(|()| rejected_rows()).and_then(|()| search());
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("reading: {e}");
            ExitCode::FAILURE
        }
    }
}

fn runs(default: u64) -> usize {
    env_number("KVALITET_BENCH_RUNS", default) as usize
}

/// The median of `runs` timings of `f`, in seconds.
fn timed(runs: usize, mut f: impl FnMut() -> Result<()>) -> Result<f64> {
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        f()?;
        times.push(start.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    Ok(median(&times))
}

/// The median wall time of `runs` runs of the child `command`, in seconds.
fn timed_child(runs: usize, command: impl Fn() -> Command) -> Result<f64> {
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let sample = measure(&mut command())?;
        times.push(sample.wall.as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    Ok(median(&times))
}

// ---------------------------------------------------------------------------
// Inline strings
// ---------------------------------------------------------------------------

/// `rows` as rust_xlsxwriter's constant-memory mode writes them: inline strings.
fn write_inline(path: &Path, rows: &[synth::Row]) -> Result<()> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut workbook = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let sheet = workbook.add_worksheet_with_constant_memory();
    for (col, name) in synth::HEADERS.iter().enumerate() {
        sheet.write_string(0, col as u16, *name)?;
    }
    for (i, row) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        for (col, cell) in row.cells().iter().enumerate() {
            match cell {
                synth::Cell::Text(s) => {
                    sheet.write_string(r, col as u16, s.as_ref())?;
                }
                synth::Cell::Date(d) => {
                    let day = ExcelDateTime::from_ymd(d.year as u16, d.month as u8, d.day as u8)?;
                    sheet.write_datetime_with_format(r, col as u16, &day, &date)?;
                }
                synth::Cell::Empty => {}
            }
        }
    }
    workbook.save(path)?;
    Ok(())
}

fn inline_strings() -> Result<()> {
    let per_year = env_number("KVALITET_BENCH_ROWS", 100_000) as u32;
    let spec = synth::Spec::uniform(0x5EED_2022, 2018, 5, per_year);
    let dir = target_dir().join(format!("bench-data/reading-inline-{per_year}"));
    let xlsx = dir.join("rapporter.xlsx");
    if !xlsx.is_file() {
        std::fs::create_dir_all(&dir)?;
        let partial = dir.with_extension("xlsx.partial");
        write_inline(&partial, &synth::generate(&spec))?;
        std::fs::rename(&partial, &xlsx)?;
    }
    let settings = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/kvalitet.toml");
    std::fs::copy(&settings, dir.join("kvalitet.toml"))?;
    println!(
        "inline strings: {} rows, {:.1} MiB, {}",
        spec.total_rows(),
        std::fs::metadata(&xlsx)?.len() as f64 / measure::MIB,
        xlsx.display()
    );
    let inflate = timed(runs(5), || {
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&xlsx)?)?;
        let mut part = zip.by_name("xl/worksheets/sheet1.xml")?;
        let mut buf = vec![0u8; 256 << 10];
        while part.read(&mut buf)? > 0 {}
        Ok(())
    })?;
    let bin = kvalitet_binary()?;
    let report = timed_child(runs(5), || {
        let out = std::env::temp_dir().join("kvalitet-bench-reading");
        let mut c = Command::new(&bin);
        c.args(["report", "2022", "--format", "md", "--data"])
            .arg(&dir)
            .arg("--out")
            .arg(out);
        c
    })?;
    println!(
        "inline strings: inflate {inflate:.3} s, kvalitet report {report:.3} s: {:.2}× (goal ≤ 1.25×)",
        report / inflate
    );
    Ok(())
}

// ---------------------------------------------------------------------------
// Rejected rows
// ---------------------------------------------------------------------------

/// A CSV register of `n` rows whose Typ is `typ(i)`.
fn write_register(path: &Path, n: u64, typ: impl Fn(u64) -> String) -> Result<()> {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    writeln!(out, "{}", synth::HEADERS.join(";"))?;
    for i in 0..n {
        writeln!(
            out,
            "AV-{i};{};2022-03-02;2022-03-03;Socialförvaltningen;Enhet A;Sekretessbrott;Avvikelse;Nej;Nej;Nej;;;Avslutad;2022-04-01;fritext",
            typ(i)
        )?;
    }
    Ok(())
}

fn rejected_rows() -> Result<()> {
    let n = env_number("KVALITET_BENCH_REJECTED", 400_000);
    let dir = tempfile::tempdir()?;
    let settings = kvalitet::settings::Settings::default();
    let cases: [(&str, Box<dyn Fn(u64) -> String>); 3] = [
        ("accepted (Avvikelse)", Box::new(|_| "Avvikelse".into())),
        ("rejected (Avvikelsee)", Box::new(|_| "Avvikelsee".into())),
        ("rejected (a type per row)", Box::new(|i| format!("Typ {i}"))),
    ];
    println!();
    for (name, typ) in cases {
        let path = dir.path().join("rapporter.csv");
        write_register(&path, n, typ)?;
        let mut read = 0;
        let t = timed(runs(5), || {
            let reg = kvalitet::model::register::load_register(&path, &settings)?;
            read = reg.reconciliation.read;
            Ok(())
        })?;
        let per_row = Duration::from_secs_f64(t / n as f64);
        println!(
            "rows {name:<28} {n} rows in {t:.3} s: {:.2} µs a row (goal for rejected ≤ 5 µs)",
            per_row.as_secs_f64() * 1e6
        );
        assert_eq!(read, n, "every row read");
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// sök
// ---------------------------------------------------------------------------

fn search() -> Result<()> {
    let bin = kvalitet_binary()?;
    let dir = tempfile::tempdir()?;
    let t = timed_child(runs(30), || {
        let mut c = Command::new(&bin);
        c.args(["indikator", "sök", "ekonomiskt", "bistånd"])
            .current_dir(dir.path());
        c
    })?;
    let version = timed_child(runs(30), || {
        let mut c = Command::new(&bin);
        c.arg("--version");
        c
    })?;
    println!();
    println!(
        "kvalitet indikator sök ekonomiskt bistånd: {:.1} ms (process start and exit, `--version`: {:.1} ms; goal ≤ 20 ms)",
        t * 1e3,
        version * 1e3
    );
    Ok(())
}
