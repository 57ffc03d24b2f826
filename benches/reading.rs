//! `cargo bench --bench reading`: the three speed goals of issue 27.
//!
//! - Inline strings: a register written as streaming writers write it (`t="inlineStr"`, as
//!   POI's SXSSF, ExcelJS streaming and XlsxWriter's constant memory do), 5 years ×
//!   `KVALITET_BENCH_ROWS` rows (default 100 000, so 500 000). The whole `kvalitet report`
//!   (release binary, a child process) against only inflating the sheet part (in process).
//!   Goal: at most 1.25×. For scale, also calamine reading every cell of the same sheet
//!   (`worksheet_range`, in process), which inflates, parses and keeps the cells and nothing
//!   more. And, for the floor under any reader, only finding each cell's value in the sheet
//!   already inflated into memory (`memchr`; nothing decoded, checked or kept), and the same
//!   while the sheet is inflated on another thread: the floor under any reader on two cores.
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
    measure::bench_main("reading", || {
        inline_strings()
            .and_then(|()| rejected_rows())
            .and_then(|()| search())
    })
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

/// The median wall time of `runs` runs of the child `command`, in seconds, and the median
/// CPU time (user and system, all threads): on a busy machine the wall time waits for a core.
fn timed_child(runs: usize, command: impl Fn() -> Command) -> Result<(f64, f64)> {
    let (mut walls, mut cpus) = (Vec::with_capacity(runs), Vec::with_capacity(runs));
    for _ in 0..runs {
        let sample = measure(&mut command())?;
        walls.push(sample.wall.as_secs_f64());
        cpus.push(sample.cpu.as_secs_f64());
    }
    walls.sort_by(f64::total_cmp);
    cpus.sort_by(f64::total_cmp);
    Ok((median(&walls), median(&cpus)))
}

// ---------------------------------------------------------------------------
// Inline strings
// ---------------------------------------------------------------------------

/// Escapes text for XML.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// `rows` as a streaming writer (POI's SXSSF, XlsxWriter's constant memory) writes them:
/// every text an inline string, dates as numbers in a date format.
fn write_inline(path: &Path, rows: &[synth::Row]) -> Result<()> {
    use std::io::Write;
    const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path)?);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let small = [
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#.to_string()),
        ("_rels/.rels", format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#)),
        ("xl/workbook.xml", format!(r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>"#)),
        ("xl/_rels/workbook.xml.rels", format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{REL}/styles" Target="styles.xml"/></Relationships>"#)),
        ("xl/styles.xml", format!(r#"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{MAIN}"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>"#)),
    ];
    for (name, text) in small {
        zip.start_file(name, options)?;
        zip.write_all(text.as_bytes())?;
    }
    zip.start_file("xl/worksheets/sheet1.xml", options)?;
    let mut out = std::io::BufWriter::new(&mut zip);
    write!(
        out,
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>"#
    )?;
    let letters = |c: usize| ((b'A' + c as u8) as char).to_string();
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).expect("epoch");
    write!(out, r#"<row r="1">"#)?;
    for (c, name) in synth::HEADERS.iter().enumerate() {
        write!(
            out,
            r#"<c r="{}1" t="inlineStr"><is><t>{}</t></is></c>"#,
            letters(c),
            escape(name)
        )?;
    }
    write!(out, "</row>")?;
    for (i, row) in rows.iter().enumerate() {
        let r = i + 2;
        write!(out, r#"<row r="{r}">"#)?;
        for (c, cell) in row.cells().iter().enumerate() {
            match cell {
                synth::Cell::Text(s) => write!(
                    out,
                    r#"<c r="{}{r}" t="inlineStr"><is><t>{}</t></is></c>"#,
                    letters(c),
                    escape(s)
                )?,
                synth::Cell::Date(d) => {
                    let day =
                        chrono::NaiveDate::from_ymd_opt(d.year, d.month, d.day).expect("date");
                    write!(
                        out,
                        r#"<c r="{}{r}" s="1"><v>{}</v></c>"#,
                        letters(c),
                        (day - epoch).num_days()
                    )?;
                }
                synth::Cell::Empty => {}
            }
        }
        write!(out, "</row>")?;
    }
    write!(out, "</sheetData></worksheet>")?;
    out.flush()?;
    drop(out);
    zip.finish()?;
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
    measure::sample_settings(&dir, "")?;
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
    let sheet = {
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&xlsx)?)?;
        let mut part = zip.by_name("xl/worksheets/sheet1.xml")?;
        let mut sheet = Vec::new();
        part.read_to_end(&mut sheet)?;
        sheet
    };
    let mut walked = (0, 0);
    let walk = timed(runs(5), || {
        walked = cell_values(&sheet);
        Ok(())
    })?;
    drop(sheet);
    let mut overlapped = (0, 0);
    let both = timed(runs(5), || {
        overlapped = inflate_and_walk(&xlsx)?;
        Ok(())
    })?;
    assert_eq!(
        overlapped, walked,
        "the pieces hold the same cells as the whole"
    );
    let calamine = timed(runs(5), || {
        use calamine::Reader;
        let mut book = calamine::open_workbook_auto(&xlsx)?;
        let range = book.worksheet_range("Blad1")?;
        std::hint::black_box(range.used_cells().count());
        Ok(())
    })?;
    let bin = kvalitet_binary()?;
    let (report, report_cpu) = timed_child(runs(5), || {
        let out = std::env::temp_dir().join("kvalitet-bench-reading");
        let mut c = Command::new(&bin);
        c.args(["report", "2022", "--format", "md", "--data"])
            .arg(&dir)
            .arg("--out")
            .arg(out);
        c
    })?;
    println!(
        "inline strings: inflate {inflate:.3} s, kvalitet report {report:.3} s (CPU {report_cpu:.3} s): {:.2}× (goal ≤ 1.25×)",
        report / inflate
    );
    println!(
        "inline strings: only finding the {} cells' values ({:.1} MiB) in the inflated sheet, on one core: {walk:.3} s",
        walked.0,
        walked.1 as f64 / measure::MIB
    );
    println!(
        "inline strings: inflating and finding the values at once, on two threads: {both:.3} s ({:.2}× the inflate)",
        both / inflate
    );
    println!(
        "inline strings: calamine worksheet_range {calamine:.3} s: the report is {:.2}× a bare calamine read",
        report / calamine
    );
    Ok(())
}

/// The cells of a worksheet as this bench writes it, and the bytes of their values: each
/// `<c …>`'s value (`<v>` or `<is><t>`) found with `memchr`, and nothing more. The least
/// any reader of the sheet has to do.
fn cell_values(sheet: &[u8]) -> (usize, usize) {
    let (cells, bytes, _) = cell_values_upto(sheet);
    (cells, bytes)
}

/// [`cell_values`] over a part of the sheet, and how far it got: the cells wholly inside
/// `sheet`, and the offset of the first one that is not.
fn cell_values_upto(sheet: &[u8]) -> (usize, usize, usize) {
    let cell = memchr::memmem::Finder::new(b"<c ");
    let (mut cells, mut bytes, mut at) = (0, 0, 0);
    while let Some(found) = cell.find(&sheet[at..]) {
        let start = at + found;
        let attributes = start + 3;
        let Some(close) = memchr::memchr(b'>', &sheet[attributes..]) else {
            return (cells, bytes, start);
        };
        let tag = attributes + close + 1;
        if sheet.len() < tag + 7 {
            return (cells, bytes, start);
        }
        let value = tag
            + if sheet[tag..].starts_with(b"<is><t>") {
                7
            } else {
                3
            };
        let Some(len) = sheet.get(value..).and_then(|v| memchr::memchr(b'<', v)) else {
            return (cells, bytes, start);
        };
        cells += 1;
        bytes += len;
        at = value + len;
    }
    (cells, bytes, sheet.len().saturating_sub(2).max(at))
}

/// Inflating the sheet on one thread while another finds its cells' values in each piece as
/// it comes ([`cell_values_upto`]): the floor under any reader that overlaps the two, on
/// two cores. The pieces' buffers go back to be filled again, and only the few bytes around
/// the seam between two pieces are copied.
fn inflate_and_walk(xlsx: &Path) -> Result<(usize, usize)> {
    const PIECE: usize = 256 << 10;
    const SEAM: usize = 4 << 10;
    let (send, receive) = std::sync::mpsc::sync_channel::<(Vec<u8>, usize)>(8);
    let (give_back, take_back) = std::sync::mpsc::channel::<Vec<u8>>();
    std::thread::scope(|scope| {
        let walker = scope.spawn(move || {
            let (mut cells, mut bytes) = (0, 0);
            let mut seam: Vec<u8> = Vec::new();
            for (buffer, n) in receive {
                let piece = &buffer[..n];
                let before = seam.len();
                seam.extend_from_slice(&piece[..n.min(SEAM)]);
                let (c, b, consumed) = cell_values_upto(&seam);
                assert!(consumed >= before, "no cell is longer than the seam");
                let from = consumed - before;
                let (c2, b2, consumed2) = cell_values_upto(&piece[from..]);
                cells += c + c2;
                bytes += b + b2;
                seam.clear();
                seam.extend_from_slice(&piece[from + consumed2..]);
                let _ = give_back.send(buffer);
            }
            (cells, bytes)
        });
        let mut zip = zip::ZipArchive::new(std::fs::File::open(xlsx)?)?;
        let mut part = zip.by_name("xl/worksheets/sheet1.xml")?;
        loop {
            let mut buffer = take_back.try_recv().unwrap_or_else(|_| vec![0u8; PIECE]);
            let n = part.read(&mut buffer)?;
            if n == 0 || send.send((buffer, n)).is_err() {
                break;
            }
        }
        drop(send);
        Ok(walker.join().expect("walker"))
    })
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

/// The Typ of row `i`.
type TypeOf = Box<dyn Fn(u64) -> String>;

fn rejected_rows() -> Result<()> {
    let n = env_number("KVALITET_BENCH_REJECTED", 400_000);
    let dir = tempfile::tempdir()?;
    let settings = kvalitet::settings::Settings::default();
    let cases: [(&str, TypeOf); 3] = [
        ("accepted (Avvikelse)", Box::new(|_| "Avvikelse".into())),
        ("rejected (Avvikelsee)", Box::new(|_| "Avvikelsee".into())),
        (
            "rejected (a type per row)",
            Box::new(|i| format!("Typ {i}")),
        ),
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
    let (t, t_cpu) = timed_child(runs(30), || {
        let mut c = Command::new(&bin);
        c.args(["indikator", "sök", "ekonomiskt", "bistånd"])
            .current_dir(dir.path());
        c
    })?;
    let (version, version_cpu) = timed_child(runs(30), || {
        let mut c = Command::new(&bin);
        c.arg("--version");
        c
    })?;
    println!();
    println!(
        "kvalitet indikator sök ekonomiskt bistånd: {:.1} ms, CPU {:.1} ms (`--version`: {:.1} ms, CPU {:.1} ms; goal ≤ 20 ms)",
        t * 1e3,
        t_cpu * 1e3,
        version * 1e3,
        version_cpu * 1e3
    );
    Ok(())
}
