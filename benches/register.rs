//! `cargo bench --bench register`: times `kvalitet report` against a bare calamine read of the same large register.
//!
//! The parent stays small and measures child processes only (wall time, CPU time and peak RSS
//! from `wait4`), so that a large parent cannot leak into the children's `ru_maxrss`:
//! - `--generate PATH`: writes the synthetic register (5 years × 100 000 rows) unless an
//!   identical one is already there;
//! - `--bare-read range|range-ref|cells PATH`: reads every cell of every sheet with calamine,
//!   through `worksheet_range`, `worksheet_range_ref` or the streaming `worksheet_cells_reader`;
//! - the release binary: `kvalitet report 2022 --data DIR --out TMP`.
//!
//! - `--generate-small ods|xls PATH`: writes a smaller register as ods (with the zip crate) or
//!   xls (with `scripts/make-bench-xls.py`, which needs Python and xlwt), since calamine reads
//!   those densely; the report and `worksheet_range` are timed on it too.
//!
//! Environment: `KVALITET_BENCH_RUNS` (default 5), `KVALITET_BENCH_ROWS` (rows per year,
//! default 100 000), `KVALITET_BENCH_SMALL_ROWS` (rows per year of the ods and xls registers,
//! default 4 000, so 20 000 in all), `KVALITET_BENCH_FORMATS` (default `xlsx,ods,xls`).
//! Without `--bench` (e.g. under `cargo test --all-targets`) it does nothing.

#[path = "support/measure.rs"]
mod measure;
#[path = "../tests/support/synth.rs"]
mod synth;

use std::io::{self, Write};
use std::path::Path;
use std::process::{Command, ExitCode};

use calamine::{Data, DataRef, Reader, ReaderRef, Sheets, open_workbook_auto};
use measure::{MIB, Result, Sample, env_number, kvalitet_binary, measure, median, target_dir};

const YEAR: &str = "2022";

fn spec() -> synth::Spec {
    let rows = env_number("KVALITET_BENCH_ROWS", 100_000);
    synth::Spec::uniform(0x5EED_2022, 2018, 5, rows as u32)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["--generate", path] => generate(Path::new(path)),
        ["--generate-wide", path] => generate_wide(Path::new(path)),
        ["--bare-read", variant, path] => bare_read(variant, Path::new(path)),
        ["--generate-small", format, path] => generate_small(format, Path::new(path)),
        _ if args.contains(&"--bench") => bench(),
        _ => {
            println!("register: skipped (run it with `cargo bench --bench register`)");
            Ok(())
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("register: {e}");
            ExitCode::FAILURE
        }
    }
}

// ---------------------------------------------------------------------------
// Parent: run and measure the children
// ---------------------------------------------------------------------------

struct Variant {
    name: String,
    /// Builds the command, given an empty scratch directory.
    command: Box<dyn Fn(&Path) -> Command>,
    samples: Vec<Sample>,
    failed: bool,
}

fn bench() -> Result<()> {
    let formats = std::env::var("KVALITET_BENCH_FORMATS").unwrap_or("xlsx,ods,xls".into());
    let formats: Vec<&str> = formats.split(',').map(str::trim).collect();
    if formats.contains(&"xlsx") {
        bench_xlsx()?;
    }
    for format in ["ods", "xls"] {
        if formats.contains(&format) {
            bench_small(format)?;
        }
    }
    Ok(())
}

fn bench_xlsx() -> Result<()> {
    let runs = env_number("KVALITET_BENCH_RUNS", 5) as usize;
    let target = target_dir();
    let data_dir = target.join("bench-data/register");
    let xlsx = data_dir.join("rapporter.xlsx");
    std::fs::create_dir_all(&data_dir)?;
    let me = std::env::current_exe()?;

    let spec = spec();
    println!(
        "register: {} rows ({} years from {}), {}",
        spec.total_rows(),
        spec.years,
        spec.first_year,
        xlsx.display()
    );
    let generation = measure(Command::new(&me).arg("--generate").arg(&xlsx))
        .map_err(|e| format!("generating the register failed: {e}"))?;
    println!(
        "register: {} in {:.1} s (peak RSS {:.0} MiB), {:.1} MiB on disk",
        generation.stdout.trim(),
        generation.wall.as_secs_f64(),
        generation.max_rss_mib(),
        std::fs::metadata(&xlsx)?.len() as f64 / MIB,
    );

    // The report reads its settings from the data directory too: use the sample's.
    measure::sample_settings(&data_dir, "")?;

    // The same register with Regi and Lagrum columns, and three own tables in its settings.
    let wide_dir = target.join("bench-data/register-wide");
    std::fs::create_dir_all(&wide_dir)?;
    let wide = measure(
        Command::new(&me)
            .arg("--generate-wide")
            .arg(wide_dir.join("rapporter.xlsx")),
    )
    .map_err(|e| format!("generating the wide register failed: {e}"))?;
    println!("register with Regi and Lagrum: {}", wide.stdout.trim());
    measure::sample_settings(&wide_dir, OWN_TABLES)?;

    let kvalitet = kvalitet_binary();
    let mut variants = Vec::new();
    match kvalitet {
        Ok(bin) => {
            let wide_bin = bin.clone();
            variants.push(Variant {
                name: "kvalitet report, Regi + Lagrum + 3 egna tabeller".into(),
                command: Box::new(move |scratch| {
                    let mut c = Command::new(&wide_bin);
                    c.args(["report", YEAR, "--data"])
                        .arg(&wide_dir)
                        .arg("--out")
                        .arg(scratch);
                    c
                }),
                samples: Vec::new(),
                failed: false,
            });
            let data_dir = data_dir.clone();
            variants.push(Variant {
                name: "kvalitet report".into(),
                command: Box::new(move |scratch| {
                    let mut c = Command::new(&bin);
                    c.args(["report", YEAR, "--data"])
                        .arg(&data_dir)
                        .arg("--out")
                        .arg(scratch);
                    c
                }),
                samples: Vec::new(),
                failed: false,
            });
        }
        Err(e) => println!("kvalitet report: skipped, no release binary: {e}"),
    }
    for (name, arg) in [
        ("calamine worksheet_range", "range"),
        ("calamine range_ref", "range-ref"),
        ("calamine cells_reader", "cells"),
    ] {
        let (me, xlsx) = (me.clone(), xlsx.clone());
        variants.push(Variant {
            name: name.into(),
            command: Box::new(move |_| {
                let mut c = Command::new(&me);
                c.args(["--bare-read", arg]).arg(&xlsx);
                c
            }),
            samples: Vec::new(),
            failed: false,
        });
    }

    // pandas reading every sheet through python-calamine, when both are installed.
    let pandas = "import sys, pandas\n\
frames = pandas.read_excel(sys.argv[1], sheet_name=None, engine='calamine')\n\
print('sheets=%d rows=%d' % (len(frames), sum(len(f) for f in frames.values())))\n";
    let probe = Command::new("python3")
        .args(["-c", "import pandas, python_calamine"])
        .output();
    match probe {
        Ok(out) if out.status.success() => {
            let xlsx = xlsx.clone();
            variants.push(Variant {
                name: "pandas + python-calamine".into(),
                command: Box::new(move |_| {
                    let mut c = Command::new("python3");
                    c.args(["-c", pandas]).arg(&xlsx);
                    c
                }),
                samples: Vec::new(),
                failed: false,
            });
        }
        _ => println!(
            "pandas + python-calamine: skipped (`python3 -c 'import pandas, python_calamine'` fails; `pip install pandas python-calamine`)"
        ),
    }

    run_interleaved(&mut variants, runs)?;

    let reads: Vec<&str> = variants
        .iter()
        .filter(|v| v.name.starts_with("calamine"))
        .filter_map(|v| v.samples.first().map(|s| s.stdout.trim()))
        .collect();
    if reads.windows(2).any(|w| w[0] != w[1]) {
        println!("WARNING: the two calamine reads disagree: {reads:?}");
    } else if let Some(r) = reads.first() {
        println!("bare read: {r}");
    }
    print_table(&variants, "kvalitet report");
    Ok(())
}

/// The ods or xls register (smaller: calamine reads these densely, and xls holds at most
/// 65 536 rows): the report against calamine's `worksheet_range`, the only read they have.
fn bench_small(format: &'static str) -> Result<()> {
    let runs = env_number("KVALITET_BENCH_RUNS", 5) as usize;
    let data_dir = target_dir().join(format!("bench-data/register-{format}"));
    let file = data_dir.join(format!("rapporter.{format}"));
    std::fs::create_dir_all(&data_dir)?;
    let me = std::env::current_exe()?;
    println!();
    println!(
        "register {format}: {} rows, {}",
        small_spec().total_rows(),
        file.display()
    );
    match measure(
        Command::new(&me)
            .args(["--generate-small", format])
            .arg(&file),
    ) {
        Ok(g) => println!(
            "register {format}: generated in {:.1} s, {:.1} MiB on disk",
            g.wall.as_secs_f64(),
            std::fs::metadata(&file)?.len() as f64 / MIB
        ),
        Err(e) => {
            println!("register {format}: skipped, the register could not be written: {e}");
            return Ok(());
        }
    }
    measure::sample_settings(&data_dir, "")?;
    let report = format!("kvalitet report ({format})");
    let mut variants = Vec::new();
    match kvalitet_binary() {
        Ok(bin) => {
            let data_dir = data_dir.clone();
            variants.push(Variant {
                name: report.clone(),
                command: Box::new(move |scratch| {
                    let mut c = Command::new(&bin);
                    c.args(["report", YEAR, "--data"])
                        .arg(&data_dir)
                        .arg("--out")
                        .arg(scratch);
                    c
                }),
                samples: Vec::new(),
                failed: false,
            });
        }
        Err(e) => println!("{report}: skipped, no release binary: {e}"),
    }
    variants.push(Variant {
        name: format!("calamine worksheet_range ({format})"),
        command: Box::new(move |_| {
            let mut c = Command::new(&me);
            c.args(["--bare-read", "range"]).arg(&file);
            c
        }),
        samples: Vec::new(),
        failed: false,
    });
    run_interleaved(&mut variants, runs)?;
    if let Some(r) = variants
        .last()
        .and_then(|v| v.samples.first())
        .map(|s| s.stdout.trim().to_string())
    {
        println!("bare read: {r}");
    }
    print_table(&variants, &report);
    Ok(())
}

/// Runs every variant `runs` times, interleaved, so that a slow patch of the machine hits
/// every variant alike; a variant that fails is not run again.
fn run_interleaved(variants: &mut [Variant], runs: usize) -> Result<()> {
    for run in 1..=runs {
        for v in variants.iter_mut().filter(|v| !v.failed) {
            let scratch = tempfile::tempdir()?;
            match measure(&mut (v.command)(scratch.path())) {
                Ok(s) => {
                    println!(
                        "  run {run}/{runs} {:<26} {:>7.2} s {:>7.0} MiB",
                        v.name,
                        s.wall.as_secs_f64(),
                        s.max_rss_mib()
                    );
                    v.samples.push(s);
                }
                Err(e) => {
                    println!(
                        "  run {run}/{runs} {:<26} FAILED, not run again: {e}",
                        v.name
                    );
                    v.failed = true;
                }
            }
        }
    }
    Ok(())
}

/// The table of `variants`, with the ratio of the variant named `report` to each other one.
fn print_table(variants: &[Variant], report: &str) {
    println!();
    println!(
        "{:<26} {:>4} {:>9} {:>8} {:>8} {:>8} {:>12}",
        "variant", "runs", "median s", "min s", "max s", "CPU s", "peak RSS MiB"
    );
    let mut medians = Vec::new();
    for v in variants {
        if v.samples.is_empty() {
            println!("{:<26} {:>4} {:>9}", v.name, 0, "failed");
            continue;
        }
        let mut walls: Vec<f64> = v.samples.iter().map(|s| s.wall.as_secs_f64()).collect();
        walls.sort_by(f64::total_cmp);
        let wall = median(&walls);
        let mut cpu: Vec<f64> = v.samples.iter().map(|s| s.cpu.as_secs_f64()).collect();
        cpu.sort_by(f64::total_cmp);
        let rss = v
            .samples
            .iter()
            .map(Sample::max_rss_mib)
            .fold(0.0, f64::max);
        println!(
            "{:<26} {:>4} {:>9.2} {:>8.2} {:>8.2} {:>8.2} {:>12.0}{}",
            v.name,
            walls.len(),
            wall,
            walls[0],
            walls[walls.len() - 1],
            median(&cpu),
            rss,
            if v.failed { "  (failed later)" } else { "" },
        );
        medians.push((v.name.as_str(), wall, rss));
    }
    if let Some(&(_, wall, rss)) = medians.iter().find(|m| m.0 == report) {
        for &(name, bare, bare_rss) in medians.iter().filter(|m| m.0 != report) {
            println!(
                "report / {name}: {:.2}× wall time, {:.2}× peak RSS",
                wall / bare,
                rss / bare_rss
            );
        }
    }
}

// ---------------------------------------------------------------------------
// Child: generate the register
// ---------------------------------------------------------------------------

/// Writes the register to `path` unless the file there was written from identical rows
/// (fingerprint of spec and rows kept next to the data directory, not inside it).
fn generate(path: &Path) -> Result<()> {
    let spec = spec();
    let rows = synth::generate(&spec);
    let mut hasher = Fnv(0xcbf2_9ce4_8422_2325);
    synth::write_csv_to(&mut hasher, &rows, b',')?;
    let fingerprint = format!("{spec:?} rows={:016x}\n", hasher.0);
    let stamp = path
        .parent()
        .expect("data dir")
        .with_extension("fingerprint");
    if path.is_file() && std::fs::read_to_string(&stamp).ok().as_deref() == Some(&fingerprint) {
        println!("reused");
        return Ok(());
    }
    let _ = std::fs::remove_file(&stamp);
    // Written beside the data directory, so that a half-written file is never read as data.
    let partial = path
        .parent()
        .expect("data dir")
        .with_extension("xlsx.partial");
    synth::write_xlsx(&partial, &rows)?;
    std::fs::rename(&partial, path)?;
    std::fs::write(&stamp, fingerprint)?;
    println!("generated");
    Ok(())
}

/// The register with two more columns, Regi (by enhet) and Lagrum (by row), as a municipality
/// that keeps them exports it; written every time (it is only read by the wide variant).
fn generate_wide(path: &Path) -> Result<()> {
    let rows = synth::generate(&spec());
    const REGI: [&str; 3] = ["Egen regi", "Enskild verksamhet", "Annan kommun"];
    synth::write_xlsx_extra(path, &rows, &["Regi", "Lagrum"], |i, row| {
        let lag = match i % 10 {
            0..=5 => "SoL",
            6..=8 => "LSS",
            _ => "HSL",
        };
        vec![REGI[row.enhet.len() % 3], lag]
    })?;
    println!("generated");
    Ok(())
}

/// Three own tables of the wide variant: crossed, by year with a filter, and by enhet and month.
const OWN_TABLES: &str = r#"
[[tabeller]]
titel = "Avvikelser per lagrum och regi"
rader = "Lagrum"
kolumner = "Regi"
filter = { Typ = "Avvikelse" }

[[tabeller]]
titel = "Lex Sarah per regi"
rader = "Regi"
filter = { "Lex Sarah" = "Ja" }

[[tabeller]]
titel = "Rapporter per enhet och månad"
rader = "Enhet"
kolumner = "månad"
"#;

/// FNV-1a over everything written to it.
struct Fnv(u64);

impl Write for Fnv {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        for &b in buf {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The smaller register of the ods and xls variants: the same years, fewer rows.
fn small_spec() -> synth::Spec {
    let rows = env_number("KVALITET_BENCH_SMALL_ROWS", 4_000);
    synth::Spec::uniform(0x5EED_2022, 2018, 5, rows as u32)
}

/// Writes the smaller register to `path` as `format` (ods or xls), beside the data directory
/// first so that a half-written file is never read as data.
fn generate_small(format: &str, path: &Path) -> Result<()> {
    let rows = synth::generate(&small_spec());
    let partial = path
        .parent()
        .expect("data dir")
        .with_extension(format!("{format}.partial"));
    match format {
        "ods" => write_ods(&partial, &rows)?,
        "xls" => {
            let csv = partial.with_extension("csv");
            synth::write_csv(&csv, &rows, b',')?;
            let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/make-bench-xls.py");
            let out = Command::new("python3")
                .arg(&script)
                .arg(&csv)
                .arg(&partial)
                .output()
                .map_err(|e| format!("python3 {}: {e}", script.display()))?;
            let _ = std::fs::remove_file(&csv);
            if !out.status.success() {
                return Err(format!(
                    "{} failed (it needs xlwt: pip install xlwt): {}",
                    script.display(),
                    String::from_utf8_lossy(&out.stderr).trim()
                )
                .into());
            }
        }
        other => return Err(format!("unknown format {other:?}").into()),
    }
    std::fs::rename(&partial, path)?;
    println!("generated");
    Ok(())
}

/// Writes `rows` as an OpenDocument spreadsheet with one sheet, as LibreOffice would: text
/// cells, date cells with their ISO value, empty cells as (repeated) empty cells.
fn write_ods(path: &Path, rows: &[synth::Row]) -> Result<()> {
    fn escape(s: &str, out: &mut String) {
        for c in s.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                c => out.push(c),
            }
        }
    }
    fn text(s: &str, out: &mut String) {
        out.push_str(r#"<table:table-cell office:value-type="string"><text:p>"#);
        escape(s, out);
        out.push_str("</text:p></table:table-cell>");
    }
    let mut xml = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8"?>"#,
        r#"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" "#,
        r#"xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" "#,
        r#"xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">"#,
        r#"<office:body><office:spreadsheet><table:table table:name="Rapporter"><table:table-row>"#,
    ));
    for h in synth::HEADERS {
        text(h, &mut xml);
    }
    xml.push_str("</table:table-row>");
    for row in rows {
        xml.push_str("<table:table-row>");
        for cell in row.cells() {
            match cell {
                synth::Cell::Text(s) => text(&s, &mut xml),
                synth::Cell::Date(d) => xml.push_str(&format!(
                    r#"<table:table-cell office:value-type="date" office:date-value="{d}"><text:p>{d}</text:p></table:table-cell>"#
                )),
                synth::Cell::Empty => xml.push_str("<table:table-cell/>"),
            }
        }
        xml.push_str("</table:table-row>");
    }
    xml.push_str("</table:table></office:spreadsheet></office:body></office:document-content>");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path)?);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = zip::write::SimpleFileOptions::default();
    zip.start_file("mimetype", stored)?;
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")?;
    zip.start_file("META-INF/manifest.xml", deflated)?;
    zip.write_all(concat!(
        r#"<?xml version="1.0" encoding="UTF-8"?>"#,
        r#"<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">"#,
        r#"<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>"#,
        r#"<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>"#,
        "</manifest:manifest>"
    ).as_bytes())?;
    zip.start_file("content.xml", deflated)?;
    zip.write_all(xml.as_bytes())?;
    zip.finish()?;
    Ok(())
}

// ---------------------------------------------------------------------------
// Child: bare calamine read
// ---------------------------------------------------------------------------

/// What a read saw; both variants must agree on it.
#[derive(Default)]
struct Touched {
    sheets: usize,
    cells: u64,
    non_empty: u64,
    checksum: u64,
}

impl Touched {
    fn add(&mut self, kind: u64, value: u64) {
        self.cells += 1;
        if kind != 0 {
            self.non_empty += 1;
            // Order-independent, so both readers' checksums compare.
            self.checksum = self
                .checksum
                .wrapping_add(mix(kind.wrapping_mul(0x9E37_79B9) ^ value));
        }
    }
}

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn str_value(s: &str) -> u64 {
    s.len() as u64 | u64::from(s.as_bytes().first().copied().unwrap_or(0)) << 32
}

fn touch(t: &mut Touched, cell: &Data) {
    match cell {
        Data::Empty => t.add(0, 0),
        Data::String(s) => t.add(1, str_value(s)),
        Data::Float(f) => t.add(2, f.to_bits()),
        Data::Int(i) => t.add(3, *i as u64),
        Data::Bool(b) => t.add(4, u64::from(*b)),
        Data::DateTime(d) => t.add(5, d.as_f64().to_bits()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => t.add(6, str_value(s)),
        Data::Error(_) => t.add(7, 0),
    }
}

fn touch_ref(t: &mut Touched, cell: &DataRef<'_>) {
    match cell {
        DataRef::Empty => t.add(0, 0),
        DataRef::String(s) => t.add(1, str_value(s)),
        DataRef::SharedString(s) => t.add(1, str_value(s)),
        DataRef::Float(f) => t.add(2, f.to_bits()),
        DataRef::Int(i) => t.add(3, *i as u64),
        DataRef::Bool(b) => t.add(4, u64::from(*b)),
        DataRef::DateTime(d) => t.add(5, d.as_f64().to_bits()),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => t.add(6, str_value(s)),
        DataRef::Error(_) => t.add(7, 0),
    }
}

fn bare_read(variant: &str, path: &Path) -> Result<()> {
    let mut workbook = open_workbook_auto(path)?;
    let mut t = Touched::default();
    for name in workbook.sheet_names() {
        t.sheets += 1;
        match variant {
            "range" => {
                let range = workbook.worksheet_range(&name)?;
                for row in range.rows() {
                    for cell in row {
                        touch(&mut t, cell);
                    }
                }
            }
            "range-ref" => {
                // Like `worksheet_range`, but cells borrow the shared strings instead of
                // each owning a copy.
                let range = workbook.worksheet_range_ref(&name)?;
                for row in range.rows() {
                    for cell in row {
                        touch_ref(&mut t, cell);
                    }
                }
            }
            "cells" => {
                // The streaming reader exists only on the concrete Xlsx/Xlsb types, not on
                // `Sheets` nor the `Reader` trait.
                let Sheets::Xlsx(xlsx) = &mut workbook else {
                    return Err("the streaming read supports xlsx only".into());
                };
                let mut cells = xlsx.worksheet_cells_reader(&name)?;
                while let Some(cell) = cells.next_cell()? {
                    touch_ref(&mut t, cell.get_value());
                }
            }
            other => return Err(format!("unknown read variant {other:?}").into()),
        }
    }
    // Cells in a range include the blanks of its bounding box; the stream yields stored cells
    // only. So only the non-empty figures are compared between the variants.
    println!(
        "sheets={} non_empty_cells={} checksum={:016x}",
        t.sheets, t.non_empty, t.checksum
    );
    Ok(())
}
