//! `cargo bench --bench docx`: times rendering the sample report (`sample-data/`, 2022) as a
//! Word document, in-process, against the HTML from the same computed report, with and without
//! the template fixture. Reading and computing happen once, outside the timing.
//!
//! Environment: `KVALITET_BENCH_RUNS` (default 20). Without `--bench` (e.g. under
//! `cargo test --all-targets`) it does nothing.

#[path = "support/measure.rs"]
mod measure;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use kvalitet::plan::{self, Format};
use kvalitet::render::{self, Assets, WordTemplate};
use kvalitet::{compute, model};

fn main() -> ExitCode {
    measure::bench_main("docx", bench)
}

fn bench() -> anyhow::Result<()> {
    let runs = measure::env_number("KVALITET_BENCH_RUNS", 20) as usize;
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let data = plan::data_plan(&root.join("sample-data"))?;
    let inputs = model::Inputs::load(&data)?;
    let report = compute::build(&inputs, &data.settings, 2022)?;
    let mut sources = plan::texts::template_sources(None)?;
    plan::texts::add_texts(&mut sources, &data)?;
    let plain = plan::word_template::assets(&data, &[Format::Docx])?;
    let template = Assets {
        word_template: Some(WordTemplate {
            name: "mall.docx".into(),
            bytes: std::fs::read(root.join("tests/fixtures/word/mall.docx"))?,
        }),
        ..plain.clone()
    };
    let cases = [
        ("html", Format::Html, plain.clone()),
        ("docx", Format::Docx, plain),
        ("docx with template", Format::Docx, template),
    ];
    println!("docx: the sample report (2022), {runs} runs each, median and slowest");
    for (name, format, assets) in cases {
        let mut times = Vec::with_capacity(runs);
        let mut size = 0;
        for _ in 0..runs {
            let start = Instant::now();
            let out = render::render(&report, &data.settings, &sources, assets.clone(), &[format])?;
            times.push(start.elapsed());
            size = out[0].bytes.len();
        }
        times.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "  {name:<20} {:>8.1} ms median {:>8.1} ms max  {:>9} bytes",
            ms(times[runs / 2]),
            ms(times[runs - 1]),
            size
        );
    }
    Ok(())
}
