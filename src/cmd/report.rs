//! `kvalitet report ÅR`: read, validate, compute, render and write the report.

use anyhow::{Result, bail};

use super::{Outcome, print_findings};
use crate::cli::ReportArgs;
use crate::plan::{self, Format};
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
    let unusable = inputs.unusable();
    if !unusable.is_empty() {
        bail!(
            "rapporten skrivs inte eftersom {} inte kan användas (se ovan)",
            unusable.join(" och ")
        );
    }
    let report = compute::build(&inputs, settings, plan.year)?;
    let rendered = render::render(&report, settings, &plan.templates)?;
    for format in &plan.formats {
        let path = plan.out.join(format!(
            "kvalitetsberattelse-{}.{}",
            plan.year,
            format.extension()
        ));
        let contents = match format {
            Format::Markdown => &rendered.markdown,
            Format::Html => &rendered.html,
        };
        output::write_atomic(&path, contents.as_bytes())?;
        output::println(&format!("skrev {}", path.display()))?;
    }
    Ok(Outcome::Ok)
}
