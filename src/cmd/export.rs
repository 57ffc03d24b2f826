//! `kvalitet export`: the unattended batch run. Resolves the plan, exports the folders on a
//! bounded pool of workers (one folder at a time each, so memory does not grow with the number
//! of folders), logs one line per folder (a progress bar on a terminal), prints a summary and
//! exits 0 when every folder succeeded, 1 when any failed (2 for a wrong call, from the plan).

use std::io::IsTerminal;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use anyhow::Result;
use indicatif::{ProgressBar, ProgressStyle};

use super::Outcome;
use crate::base::format::int;
use crate::cli::ExportArgs;
use crate::export::plan::{ExportPlan, export_plan};
use crate::export::unit::{self, UnitReport};
use crate::output;

pub fn run(args: &ExportArgs) -> Result<Outcome> {
    let plan = export_plan(args)?;
    let progress = Progress::new(plan.folders.len());
    let mut summary = Summary::default();
    let next = AtomicUsize::new(0);
    std::thread::scope(|s| {
        let (tx, rx) = mpsc::channel();
        for _ in 0..plan.jobs {
            let (tx, plan, next) = (tx.clone(), &plan, &next);
            s.spawn(move || {
                while let Some(folder) = plan.folders.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let report = catch_unwind(AssertUnwindSafe(|| unit::run(plan, folder)))
                        .unwrap_or_else(|_| UnitReport {
                            name: folder.name.clone(),
                            error: Some("internt fel i kvalitet (rapportera gärna)".into()),
                            ..UnitReport::default()
                        });
                    if tx.send(report).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        for report in rx {
            summary.add(&report);
            progress.log(&line(&plan, summary.units, &report));
        }
    });
    progress.finish();
    for l in summary.lines(&plan) {
        output::println(&l)?;
    }
    Ok(if summary.failed.is_empty() {
        Outcome::Ok
    } else {
        Outcome::Problems
    })
}

/// The log line of one finished folder: `[3/300] norrvik: 42 filer, 1 190 rader lästa`.
fn line(plan: &ExportPlan, done: usize, r: &UnitReport) -> String {
    let total = plan.folders.len();
    let head = format!(
        "[{done:>w$}/{total}] {}",
        r.name,
        w = total.to_string().len()
    );
    if let Some(err) = &r.error {
        return format!("{head}: misslyckades: {err}");
    }
    let files = if plan.check {
        format!("godkänd, {} filer skulle skrivas", int(r.files as i64))
    } else {
        format!("{} filer", int(r.files as i64))
    };
    let mut text = format!("{head}: {files}, {} rader lästa", int(r.read as i64));
    if r.rejected > 0 {
        text.push_str(&format!(", {} avvisade", int(r.rejected as i64)));
    }
    if r.problems > 0 {
        text.push_str(&format!(
            ", {} problem i indata (se kvalitet check)",
            int(r.problems as i64)
        ));
    }
    text
}

/// Totals over all folders.
#[derive(Debug, Default)]
struct Summary {
    units: usize,
    files: usize,
    rows: usize,
    parts: usize,
    read: u64,
    rejected: u64,
    failed: Vec<String>,
}

impl Summary {
    fn add(&mut self, r: &UnitReport) {
        self.units += 1;
        self.files += r.files;
        self.rows += r.rows;
        self.parts += r.parts;
        self.read += r.read;
        self.rejected += r.rejected;
        if r.error.is_some() {
            self.failed.push(r.name.clone());
        }
    }

    /// The summary printed at the end, on stdout.
    fn lines(&self, plan: &ExportPlan) -> Vec<String> {
        let n = |k: usize| int(k as i64);
        let years = match (plan.years.first(), plan.years.last()) {
            (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
            (Some(a), _) => a.to_string(),
            _ => String::new(),
        };
        let (what, ok_word) = if plan.check {
            ("kontroll", "godkända")
        } else {
            ("export", "klara")
        };
        let folders = if self.units == 1 { "mapp" } else { "mappar" };
        let mut out = vec![format!(
            "{what} {years}: {} {folders}, {} {ok_word}, {} misslyckades",
            n(self.units),
            n(self.units - self.failed.len()),
            n(self.failed.len())
        )];
        let files = if plan.check {
            format!("filer som skulle skrivas: {} (inga skrevs)", n(self.files))
        } else {
            format!("filer skrivna: {}", n(self.files))
        };
        out.push(format!("  {files}"));
        out.push(format!(
            "  delar (helhet, förvaltningar, enheter): {}, tabellrader: {}",
            n(self.parts),
            n(self.rows)
        ));
        out.push(format!(
            "  indata: {} rader lästa, {} avvisade",
            int(self.read as i64),
            int(self.rejected as i64)
        ));
        if !self.failed.is_empty() {
            let mut failed = self.failed.clone();
            failed.sort();
            out.push(format!("misslyckades: {}", failed.join(", ")));
        }
        out
    }
}

/// Progress on stderr: a bar on a terminal (log lines above it), plain lines otherwise.
struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    fn new(total: usize) -> Progress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::new(total as u64);
            if let Ok(style) =
                ProgressStyle::with_template("{bar:40} {pos}/{len} mappar, {elapsed} (kvar {eta})")
            {
                bar.set_style(style);
            }
            bar
        });
        Progress { bar }
    }

    fn log(&self, line: &str) {
        match &self.bar {
            Some(bar) => {
                bar.println(line);
                bar.inc(1);
            }
            None => eprintln!("{line}"),
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
