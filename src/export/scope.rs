//! The parts of a register exported on their own: the whole register, each *förvaltning* and
//! each *enhet* that has reports in the year. A part's tables are computed from its rows only;
//! surveys and indicators describe the whole organisation and are left out of the parts.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::Result;

use crate::compute::register_tables::across::{Counts, complements};
use crate::compute::register_tables::part::Measure;
use crate::compute::{self, Part, Report};
use crate::model::{Inputs, Record, Symbols};
use crate::settings::Settings;
use crate::text::fold;

/// Which parts to export besides the whole register.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Per {
    pub department: bool,
    pub unit: bool,
}

/// What part of the register is exported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    Whole,
    /// A *förvaltning*, by name.
    Department(String),
    /// An *enhet*, by name.
    Unit(String),
    /// A verksamhet of the report: the enheter and förvaltningar it covers (names as the
    /// register has them).
    Group {
        name: String,
        units: Vec<String>,
        departments: Vec<String>,
    },
}

impl Scope {
    /// The kind as the JSON and the folder names say it.
    pub fn kind(&self) -> &'static str {
        match self {
            Scope::Whole => "helhet",
            Scope::Department(_) => "forvaltning",
            Scope::Unit(_) => "enhet",
            Scope::Group { .. } => "verksamhet",
        }
    }

    pub fn name(&self) -> Option<&str> {
        match self {
            Scope::Whole => None,
            Scope::Department(n) | Scope::Unit(n) | Scope::Group { name: n, .. } => Some(n),
        }
    }

    /// Whether `record` belongs to this part. A register with no *Förvaltning* at all
    /// belongs wholly to the förvaltning of kvalitet.toml.
    fn holds(&self, record: &Record, names: &Symbols, any_department: bool) -> bool {
        match self {
            Scope::Whole => true,
            Scope::Department(n) => match record.department {
                Some(d) => names.name(d) == n,
                None => !any_department,
            },
            Scope::Unit(n) => record.unit.is_some_and(|u| names.name(u) == n),
            Scope::Group {
                units, departments, ..
            } => {
                record
                    .unit
                    .is_some_and(|u| units.iter().any(|n| names.name(u) == n))
                    || record
                        .department
                        .is_some_and(|d| departments.iter().any(|n| names.name(d) == n))
            }
        }
    }

    /// The settings the part's report is written with: its förvaltning, or its enhet in the
    /// title.
    pub fn settings(&self, base: &Settings) -> Settings {
        let mut s = base.clone();
        match self {
            Scope::Whole | Scope::Group { .. } => {}
            Scope::Department(n) => s.organisation.forvaltning = n.clone(),
            Scope::Unit(n) => s.rapport.titel = format!("{} – {n}", s.rapport.titel),
        }
        s
    }
}

/// The parts to export for `year`, each with the folder it is written to (relative to the
/// year's folder): the whole register first, then förvaltningar and enheter by name. Names
/// that fold to the same folder get a number.
pub fn scopes(inputs: &Inputs, settings: &Settings, year: i32, per: Per) -> Vec<(Scope, String)> {
    let mut out = vec![(Scope::Whole, String::new())];
    let names = &inputs.register.symbols;
    let in_year = || inputs.register.records.iter().filter(|r| r.year == year);
    if per.department {
        let mut departments: Vec<String> = in_year()
            .filter_map(|r| r.department.map(|d| names.name(d).to_string()))
            .collect();
        if departments.is_empty() && !settings.organisation.forvaltning.trim().is_empty() {
            departments.push(settings.organisation.forvaltning.clone());
        }
        out.extend(folders("forvaltning", departments, Scope::Department));
    }
    if per.unit {
        let units = in_year()
            .filter_map(|r| r.unit.map(|u| names.name(u).to_string()))
            .collect();
        out.extend(folders("enhet", units, Scope::Unit));
    }
    out
}

/// Distinct names, sorted, each with a folder `KIND/slug` unique among them.
fn folders(kind: &str, names: Vec<String>, scope: fn(String) -> Scope) -> Vec<(Scope, String)> {
    let mut by_slug: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut distinct = names;
    distinct.sort();
    distinct.dedup();
    for name in distinct {
        let mut slug = fold(&name).replace(' ', "-");
        if slug.is_empty() {
            slug = "namnlos".to_string();
        }
        by_slug.entry(slug).or_default().push(name);
    }
    let mut out = Vec::new();
    for (slug, names) in by_slug {
        for (i, name) in names.into_iter().enumerate() {
            let folder = if i == 0 {
                format!("{kind}/{slug}")
            } else {
                format!("{kind}/{slug}-{}", i + 1)
            };
            out.push((scope(name), folder));
        }
    }
    out
}

/// Runs `f` on the inputs restricted to `scope`: the register's rows of the part, without
/// surveys and indicators. The inputs are restored afterwards.
pub fn with_scope<R>(inputs: &mut Inputs, scope: &Scope, f: impl FnOnce(&Inputs) -> R) -> R {
    if *scope == Scope::Whole {
        return f(inputs);
    }
    let all: Vec<Record> = std::mem::take(&mut inputs.register.records);
    let any_department = all.iter().any(|r| r.department.is_some());
    let names = &inputs.register.symbols;
    let part: Vec<Record> = all
        .iter()
        .filter(|r| scope.holds(r, names, any_department))
        .cloned()
        .collect();
    inputs.register.records = part;
    let surveys = inputs.surveys.take();
    let indicators = inputs.indicators.take();
    let result = f(inputs);
    inputs.register.records = all;
    inputs.surveys = surveys;
    inputs.indicators = indicators;
    result
}

/// Computes every part of `year` (`scopes` starts with the whole): the whole first; then the
/// parts, each hiding what the whole's per-unit tables hide and what keeps the parts from
/// being added up (the förvaltningar or the enheter against the whole, the enheter inside a
/// förvaltning against it), again until no part has more to hide.
pub fn compute_all(
    inputs: &mut Inputs,
    settings: &Settings,
    year: i32,
    scopes: &[(Scope, String)],
) -> Vec<Result<Report>> {
    let whole = compute::build(inputs, settings, year);
    let (base, whole_counts) = match &whole {
        Ok(w) => (
            Part::hiding(&w.tables),
            Counts::of(&w.tables, &inputs.register.records),
        ),
        Err(_) => Default::default(),
    };
    let of_kind = |kind: &str| -> Vec<usize> {
        (1..scopes.len())
            .filter(|&i| scopes[i].0.kind() == kind)
            .collect()
    };
    let (departments, units) = (of_kind("forvaltning"), of_kind("enhet"));
    let groups = of_kind("verksamhet");
    // The enheter wholly inside each förvaltning.
    let within: Vec<(usize, Vec<usize>)> = departments
        .iter()
        .map(|&d| {
            let inner = units
                .iter()
                .copied()
                .filter(|&u| inside(inputs, &scopes[u].0, &scopes[d].0))
                .collect();
            (d, inner)
        })
        .collect();
    let mut more: Vec<BTreeSet<Measure>> = vec![BTreeSet::new(); scopes.len()];
    loop {
        let mut reports = Vec::new();
        let mut counts = Vec::new();
        for (i, (scope, _)) in scopes.iter().enumerate().skip(1) {
            let part = Part {
                hidden: base.hidden.union(&more[i]).cloned().collect(),
            };
            let (report, c) = with_scope(inputs, scope, |inputs| {
                let r = compute::build_part(inputs, &scope.settings(settings), year, &part);
                let c = r
                    .as_ref()
                    .ok()
                    .map(|r| Counts::of(&r.tables, &inputs.register.records));
                (r, c.unwrap_or_default())
            });
            reports.push(report);
            counts.push(c);
        }
        let mut changed = false;
        let mut add_up = |total: &Counts, group: &[usize]| {
            let refs: Vec<&Counts> = group.iter().map(|&i| &counts[i - 1]).collect();
            for (&i, hide) in group.iter().zip(complements(total, &refs, settings.rule())) {
                let before = more[i].len();
                more[i].extend(hide);
                changed |= more[i].len() != before;
            }
        };
        add_up(&whole_counts, &departments);
        add_up(&whole_counts, &units);
        add_up(&whole_counts, &groups);
        for (d, inner) in &within {
            add_up(&counts[d - 1], inner);
        }
        if !changed {
            return std::iter::once(whole).chain(reports).collect();
        }
    }
}

/// Whether every row of `part` belongs to `outer`.
fn inside(inputs: &Inputs, part: &Scope, outer: &Scope) -> bool {
    let names = &inputs.register.symbols;
    let any_department = inputs
        .register
        .records
        .iter()
        .any(|r| r.department.is_some());
    inputs
        .register
        .records
        .iter()
        .filter(|r| part.holds(r, names, any_department))
        .all(|r| outer.holds(r, names, any_department))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_names_itself_in_its_report_settings() {
        let base = Settings::default();
        assert_eq!(
            Scope::Whole.settings(&base).rapport.titel,
            base.rapport.titel
        );
        let unit = Scope::Unit("Familjeenheten".into()).settings(&base);
        assert_eq!(unit.rapport.titel, "Kvalitetsberättelse – Familjeenheten");
        let department = Scope::Department("Socialförvaltningen".into()).settings(&base);
        assert_eq!(department.organisation.forvaltning, "Socialförvaltningen");
        assert_eq!(department.rapport.titel, base.rapport.titel);
    }

    #[test]
    fn names_that_fold_alike_get_distinct_folders() {
        let got = folders(
            "enhet",
            vec![
                "Enhet B".into(),
                "Enhet A".into(),
                "enhet a".into(),
                "Enhet B".into(),
                "???".into(),
            ],
            Scope::Unit,
        );
        let folders: Vec<&str> = got.iter().map(|(_, f)| f.as_str()).collect();
        assert_eq!(
            folders,
            [
                "enhet/enhet-a",
                "enhet/enhet-a-2",
                "enhet/enhet-b",
                "enhet/namnlos"
            ]
        );
        assert_eq!(got[2].0, Scope::Unit("Enhet B".into()));
    }
}
