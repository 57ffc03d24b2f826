//! `kvalitet check`: validate the data folder (and its texts and templates), write nothing,
//! exit 1 when anything was found (personal data included, unless `--tillåt-personuppgifter`
//! allows it).

use std::collections::BTreeMap;

use anyhow::Result;

use super::{Outcome, print_findings};
use crate::cli::CheckArgs;
use crate::render::{narrative, templates};
use crate::{compute, model, output, plan, render};

pub fn run(args: &CheckArgs) -> Result<Outcome> {
    let data = plan::data_plan(&args.data.data)?;
    // Texts and templates first: a misnamed file or a syntax error is found without the year.
    let mut sources = templates::sources(args.templates.as_deref())?;
    narrative::add_texts(&mut sources, &data)?;
    let assets = plan::assets::read(&data.dir, &data.settings, &sources)?;
    templates::environment(&sources, BTreeMap::new())?;
    let inputs = model::Inputs::load(&data)?;
    for findings in inputs.findings() {
        print_findings(findings)?;
    }
    for r in inputs.reconciliation() {
        output::println(&r.to_string())?;
    }
    // With a year, the report is computed and rendered in memory, so a wrong table key in a
    // text is found before the report is due.
    if let Some(year) = args.year
        && inputs.unusable().is_empty()
    {
        let report = compute::build(&inputs, &data.settings, year)?;
        render::render(
            &report,
            &data.settings,
            &sources,
            assets,
            &[render::Format::Html],
        )?;
        output::println(&format!("berättelsen för {year} kan skrivas"))?;
    }
    let allowed = args.data.privacy.allow_personal_data;
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
