//! `kvalitet report ÅR`: read, validate, compute, render and write the report.

use anyhow::Result;

use super::{Outcome, print_findings};
use crate::cli::ReportArgs;
use crate::plan;
use crate::{compute, model, output, render};

pub fn run(args: &ReportArgs) -> Result<Outcome> {
    let plan = plan::report_plan(args)?;
    let settings = &plan.data.settings;
    let inputs = model::Inputs::load(&plan.data)?;
    for findings in inputs.findings() {
        print_findings(findings)?;
    }
    for r in inputs.reconciliation() {
        eprintln!("{r}");
    }
    inputs.guard(args.privacy.allow_personal_data)?;
    inputs.ensure_usable(
        "rapporten skrivs inte",
        "se ovan",
        args.incomplete.allow_incomplete,
    )?;
    let report = compute::build(&inputs, settings, plan.year)?;
    let outputs = render::render(
        &report,
        settings,
        &plan.templates,
        plan.assets.clone(),
        &plan.formats,
    )?;
    for (format, bytes) in outputs {
        let path = plan.out.join(format!(
            "kvalitetsberattelse-{}.{}",
            plan.year,
            format.extension()
        ));
        output::write_atomic(&path, &bytes)?;
        output::println(&format!("skrev {}", path.display()))?;
    }
    Ok(Outcome::Ok)
}
