//! `kvalitet check`: validate the data folder, write nothing, exit 1 when anything was found.

use anyhow::Result;

use super::{Outcome, print_findings};
use crate::cli::CheckArgs;
use crate::{model, output, plan};

pub fn run(args: &CheckArgs) -> Result<Outcome> {
    let data = plan::data_plan(&args.data)?;
    let register = model::load_register(&data.register, &data.settings)?;
    print_findings(&register.findings)?;
    output::println(&register.reconciliation.to_string())?;
    if register.findings.problems() == 0 {
        output::println("inga problem hittades")?;
        Ok(Outcome::Ok)
    } else {
        output::println(&format!(
            "{} problem hittades",
            register.findings.problems()
        ))?;
        Ok(Outcome::Problems)
    }
}
