//! The verksamheter of a report: from `[[verksamhet]]` in kvalitet.toml and the files of
//! `text/verksamheter/`, checked against the register's enheter and förvaltningar, each then
//! computed from its own rows with the confidentiality rule of a part ([`scope::compute_all`]).

use anyhow::{Context as _, Result};

use super::scope::{self, Scope};
use crate::base::UsageError;
use crate::compute::{Report, UnitReport};
use crate::model::Inputs;
use crate::render::narrative::{FOLDER, UNITS_FOLDER};
use crate::settings::Settings;
use crate::text::{fold, suggest};

/// The register's names of enheter and förvaltningar, over all years, sorted.
fn register_names(inputs: &Inputs) -> (Vec<String>, Vec<String>) {
    let names = &inputs.register.symbols;
    // The symbols first (a register of half a million rows has a few hundred names).
    let mut units = rustc_hash::FxHashSet::default();
    let mut departments = rustc_hash::FxHashSet::default();
    for r in &inputs.register.records {
        units.extend(r.unit);
        departments.extend(r.department);
    }
    let sorted = |syms: rustc_hash::FxHashSet<_>| {
        let mut list: Vec<String> = syms
            .into_iter()
            .map(|s| names.name(s).to_string())
            .collect();
        list.sort();
        list.dedup();
        list
    };
    (sorted(units), sorted(departments))
}

/// The register's spelling of `wanted` among `names`, compared folded.
fn spelled<'a>(names: &'a [String], wanted: &str) -> Option<&'a String> {
    names.iter().find(|n| fold(n) == fold(wanted))
}

fn hint(wanted: &str, names: &[String]) -> String {
    suggest(wanted, names.iter().map(String::as_str))
        .map(|s| format!("; menade du \"{s}\"?"))
        .unwrap_or_default()
}

/// The verksamheter in report order: those of kvalitet.toml first, then those that only a file
/// in `text/verksamheter/` names (an enhet or a förvaltning of the register, by the file
/// name). A name that matches nothing is an error naming where it was written.
pub fn groups(
    inputs: &Inputs,
    settings: &Settings,
    sources: &[(String, String)],
) -> Result<Vec<Scope>> {
    let (all_units, all_departments) = register_names(inputs);
    let mut out = Vec::new();
    for v in &settings.verksamhet {
        let mut units = Vec::new();
        let mut departments = Vec::new();
        for u in &v.enheter {
            let found = spelled(&all_units, u).ok_or_else(|| {
                UsageError(format!(
                    "kvalitet.toml: [[verksamhet]] \"{}\" nämner enheten \"{u}\", som inte finns i registret{}",
                    v.namn,
                    hint(u, &all_units)
                ))
            })?;
            units.push(found.clone());
        }
        for d in &v.forvaltningar {
            let found = spelled(&all_departments, d).ok_or_else(|| {
                UsageError(format!(
                    "kvalitet.toml: [[verksamhet]] \"{}\" nämner förvaltningen \"{d}\", som inte finns i registret{}",
                    v.namn,
                    hint(d, &all_departments)
                ))
            })?;
            departments.push(found.clone());
        }
        if units.is_empty() && departments.is_empty() {
            // A verksamhet named like an enhet or förvaltning covers it.
            match (
                spelled(&all_units, &v.namn),
                spelled(&all_departments, &v.namn),
            ) {
                (Some(u), _) => units.push(u.clone()),
                (None, Some(d)) => departments.push(d.clone()),
                (None, None) => {
                    return Err(UsageError(format!(
                        "kvalitet.toml: [[verksamhet]] \"{}\" nämner inga enheter eller förvaltningar \
                         (ange enheter = [...] eller forvaltningar = [...])",
                        v.namn
                    ))
                    .into());
                }
            }
        }
        out.push(Scope::Group {
            name: v.namn.clone(),
            units,
            departments,
        });
    }
    let prefix = format!("{FOLDER}/{UNITS_FOLDER}/");
    for (source, _) in sources {
        let Some(file) = source.strip_prefix(&prefix) else {
            continue;
        };
        let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
        if settings
            .verksamhet
            .iter()
            .any(|v| fold(&v.namn) == fold(stem))
        {
            continue;
        }
        let group = match (spelled(&all_units, stem), spelled(&all_departments, stem)) {
            (Some(u), _) => Scope::Group {
                name: u.clone(),
                units: vec![u.clone()],
                departments: Vec::new(),
            },
            (None, Some(d)) => Scope::Group {
                name: d.clone(),
                units: Vec::new(),
                departments: vec![d.clone()],
            },
            (None, None) => {
                let known: Vec<String> = settings
                    .verksamhet
                    .iter()
                    .map(|v| v.namn.clone())
                    .chain(all_units.iter().cloned())
                    .chain(all_departments.iter().cloned())
                    .collect();
                return Err(UsageError(format!(
                    "{source}: ingen verksamhet i kvalitet.toml och ingen enhet eller förvaltning \
                     i registret heter \"{stem}\"{}",
                    hint(stem, &known)
                ))
                .into());
            }
        };
        out.push(group);
    }
    Ok(out)
}

/// Computes the whole report of `year` and each of `groups` as a part of it, the parts in
/// the whole's `verksamheter`.
pub fn build(
    inputs: &mut Inputs,
    settings: &Settings,
    year: i32,
    groups: &[Scope],
) -> Result<Report> {
    let scopes: Vec<(Scope, String)> = std::iter::once(Scope::Whole)
        .chain(groups.iter().cloned())
        .map(|s| (s, String::new()))
        .collect();
    let mut results = scope::compute_all(inputs, settings, year, &scopes).into_iter();
    let mut whole = results.next().expect("the whole comes first")?;
    attach(&mut whole, groups, results.collect())?;
    Ok(whole)
}

/// Puts the computed `results` of `groups` (in the same order) into `whole.verksamheter`.
pub fn attach(whole: &mut Report, groups: &[Scope], results: Vec<Result<Report>>) -> Result<()> {
    for (group, result) in groups.iter().zip(results) {
        let Scope::Group {
            name,
            units,
            departments,
        } = group
        else {
            unreachable!("only groups are passed")
        };
        let report = result.with_context(|| format!("verksamheten {name}"))?;
        let mut omfattar: Vec<String> = units.iter().chain(departments).cloned().collect();
        if omfattar.len() == 1 && omfattar[0] == *name {
            omfattar.clear();
        }
        whole.verksamheter.push(UnitReport {
            namn: name.clone(),
            omfattar,
            report,
        });
    }
    Ok(())
}
