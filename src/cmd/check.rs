//! `kvalitet check`: validate the data folder (and its texts and templates), write nothing,
//! exit 1 when anything was found (personal data included, unless `--tillåt-personuppgifter`
//! allows it).

use std::collections::BTreeMap;

use anyhow::Result;

use super::{Outcome, print_findings};
use crate::cli::CheckArgs;
use crate::plan::texts;
use crate::render::templates;
use crate::{compute, export, model, output, plan, render};

pub fn run(args: &CheckArgs) -> Result<Outcome> {
    let data = plan::data_plan(&args.data.data)?;
    // Texts and templates first: a misnamed file or a syntax error is found without the year.
    let mut sources = texts::template_sources(args.templates.as_deref())?;
    let added = texts::add_texts(&mut sources, &data)?;
    for notice in &added.notices {
        eprintln!("{notice}");
    }
    let assets = plan::assets::read(&data.dir, &data.settings, &sources, added.pictures)?;
    templates::environment(&sources, BTreeMap::new())?;
    let mut inputs = model::Inputs::load(&data)?;
    let groups = export::verksamheter::groups(&inputs, &data.settings, &sources)?;
    for findings in inputs.findings() {
        print_findings(findings)?;
    }
    // What goes wrong in practice around the data: the default name, an open workbook, the
    // assessment not written, an image that will not reach the report.
    let warnings = plan::warnings::folder_warnings(&data, &sources, &assets.images);
    print_findings(&warnings)?;
    for r in inputs.reconciliation() {
        output::println(&r.to_string())?;
    }
    // With a year, the report is computed and rendered in memory, so a wrong table key in a
    // text is found before the report is due.
    if let Some(year) = args.year
        && let Some(warning) = law_warning(year)
    {
        output::println(&warning)?;
    }
    if let Some(year) = args.year
        && inputs.unusable().is_empty()
    {
        let report = if groups.is_empty() {
            compute::build(&inputs, &data.settings, year)?
        } else {
            export::verksamheter::build(&mut inputs, &data.settings, year, &groups)?
        };
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
    let problems = inputs.problems() + warnings.problems() - allowed_findings;
    if problems == 0 {
        output::println("inga problem hittades")?;
        Ok(Outcome::Ok)
    } else {
        output::println(&format!("{problems} problem hittades"))?;
        Ok(Outcome::Problems)
    }
}

/// A warning when `year` is later than the year the table of legal references was verified:
/// a law may have changed since, and the report would cite it as it was.
pub fn law_warning(year: i32) -> Option<String> {
    use chrono::Datelike;
    let verified = crate::base::law::verified();
    (year > verified.year()).then(|| {
        format!(
            "varning: hänvisningarna till lagrum verifierades senast {verified}; kontrollera att de \
             gäller för {year} innan berättelsen skrivs under"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_after_the_verification_gets_a_warning() {
        assert_eq!(law_warning(2026), None);
        assert_eq!(
            law_warning(2027).unwrap(),
            "varning: hänvisningarna till lagrum verifierades senast 2026-12-05; kontrollera att \
             de gäller för 2027 innan berättelsen skrivs under"
        );
    }
}
