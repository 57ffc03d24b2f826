//! `kvalitet check`: validate the data folder, write nothing, exit 1 when anything was found
//! (personal data included, unless `--tillåt-personuppgifter` allows it).

use anyhow::Result;

use super::{Outcome, print_findings};
use crate::cli::CheckArgs;
use crate::{model, output, plan};

pub fn run(args: &CheckArgs) -> Result<Outcome> {
    let data = plan::data_plan(&args.data)?;
    let inputs = model::Inputs::load(&data)?;
    for findings in inputs.findings() {
        print_findings(findings)?;
    }
    for r in inputs.reconciliation() {
        output::println(&r.to_string())?;
    }
    let allowed = args.privacy.allow_personal_data;
    if let Err(refusal) = inputs.guard(allowed) {
        output::println(&refusal.to_string())?;
    }
    let allowed_findings = if allowed { inputs.personal_data() } else { 0 };
    let problems = inputs.problems() - allowed_findings;
    if problems == 0 {
        output::println("inga problem hittades")?;
        Ok(Outcome::Ok)
    } else {
        output::println(&format!("{problems} problem hittades"))?;
        Ok(Outcome::Problems)
    }
}
