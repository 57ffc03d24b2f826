//! `kvalitet report ÅR`: read, validate, compute, render and write the report.

use anyhow::Result;

use super::{Outcome, print_findings};
use crate::cli::ReportArgs;
use crate::plan;
use crate::{compute, export, model, output, render};

pub fn run(args: &ReportArgs) -> Result<Outcome> {
    let plan = plan::report_plan(args)?;
    let settings = &plan.data.settings;
    for notice in &plan.notices {
        eprintln!("{notice}");
    }
    let mut inputs = model::Inputs::load(&plan.data)?;
    let mut log = format!("Underlag för kvalitetsberättelse {}\n", plan.year).into_bytes();
    for findings in inputs.findings() {
        print_findings(findings)?;
        findings.write_to(&mut log)?;
    }
    for r in inputs.reconciliation() {
        eprintln!("{r}");
        log.extend_from_slice(format!("{r}\n").as_bytes());
    }
    inputs.guard(args.privacy.allow_personal_data)?;
    inputs.ensure_usable(
        "rapporten skrivs inte",
        "se ovan",
        args.incomplete.allow_incomplete,
    )?;
    let groups = export::verksamheter::groups(&inputs, settings, &plan.templates)?;
    let report = if groups.is_empty() {
        compute::build(&inputs, settings, plan.year)?
    } else {
        export::verksamheter::build(&mut inputs, settings, plan.year, &groups)?
    };
    let outputs = render::render(
        &report,
        settings,
        &plan.templates,
        plan.assets.clone(),
        &plan.formats,
    )?;
    for file in &outputs {
        output::write_atomic(&plan.out.join(&file.name), &file.bytes)?;
    }
    let written: Vec<String> = outputs.into_iter().map(|f| f.name).collect();
    let media = render::document::media_folder(plan.year);
    for line in output::written_lines(&plan.out, &media, &written) {
        output::println(&line)?;
    }
    if plan.formats.contains(&render::Format::Markdown) {
        output::remove_stale_images(&plan.out, &media, &written);
    }
    // The row counts of every file, beside the report: what "Om underlaget" sums up.
    let path = plan
        .out
        .join(format!("kvalitetsberattelse-{}.log", plan.year));
    output::write_atomic(&path, &log)?;
    output::println(&format!("skrev {}", path.display()))?;
    Ok(Outcome::Ok)
}
