//! Indicators: Kolada-style KPI values, KPI metadata and the organisation's own statistics.
//! Owns the data types and [`load`], which reads a data folder's `indikatorer`, `nyckeltal`
//! and `statistik` files into validated values plus located findings. Nothing here formats
//! output or writes files.

pub mod catalog;
pub(crate) mod columns;
mod fractions;
pub mod keys;
pub mod kolada_json;
pub mod kpi;
pub mod local_places;
pub mod metadata;
pub mod own_stats;
pub mod place;
pub mod quartile;
pub mod search;
mod title;
pub mod values;

use std::path::Path;

use anyhow::Result;

use crate::diagnostics::{Findings, Reconciliation};
use crate::ingest::find_input;
use crate::settings::Settings;

pub use kpi::{Direction, KpiMeta, clean_title};
pub use own_stats::{OwnPeriod, OwnPoint, OwnSeries};
pub use quartile::{Quartile, quartile_position};

/// The file stems looked for in a data folder.
pub const VALUES_STEM: &str = "indikatorer";
pub const META_STEM: &str = "nyckeltal";
pub const OWN_STEM: &str = "statistik";

/// Extensions accepted for `indikatorer` and `nyckeltal` (tables or Kolada JSON).
pub const VALUE_EXTENSIONS: &[&str] = &["xlsx", "xls", "ods", "csv", "json"];
/// Extensions accepted for `statistik`.
pub const OWN_EXTENSIONS: &[&str] = crate::ingest::TABLE_EXTENSIONS;

/// *Kön* (gender) of a Kolada value: T (totalt), K (kvinnor), M (män).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub enum Gender {
    Total,
    Women,
    Men,
}

impl Gender {
    pub const ALL: [Gender; 3] = [Gender::Total, Gender::Women, Gender::Men];

    /// Kolada's letter: T, K or M.
    pub fn code(self) -> &'static str {
        match self {
            Gender::Total => "T",
            Gender::Women => "K",
            Gender::Men => "M",
        }
    }

    /// The Swedish word shown in tables.
    pub fn label(self) -> &'static str {
        match self {
            Gender::Total => "Totalt",
            Gender::Women => "Kvinnor",
            Gender::Men => "Män",
        }
    }

    /// Reads T/K/M (also Totalt, Alla, Kvinnor, Kvinna, Män, Man; case and accents ignored).
    pub fn parse(s: &str) -> Option<Gender> {
        match crate::text::fold(s).as_str() {
            "t" | "totalt" | "total" | "alla" | "samtliga" => Some(Gender::Total),
            "k" | "kvinnor" | "kvinna" | "w" | "women" | "female" => Some(Gender::Women),
            "m" | "man" | "men" | "male" => Some(Gender::Men),
            _ => None,
        }
    }

    pub fn index(self) -> u8 {
        self as u8
    }

    pub fn from_index(i: u8) -> Option<Gender> {
        Gender::ALL.get(i as usize).copied()
    }
}

/// One KPI value: *nyckeltal* `kpi` for `municipality` (a Kolada id: `0305`, `0000` for
/// riket, `G…` for a group) in `year`. `value` is `None` when the source says the value is
/// missing; a missing value is never 0.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct KpiValue {
    pub kpi: String,
    pub municipality: String,
    pub year: i32,
    pub gender: Gender,
    pub value: Option<f64>,
}

/// Everything a data folder holds about indicators.
#[derive(Debug, Default)]
pub struct IndicatorData {
    /// Values in file order; each (kpi, municipality, year, gender) at most once.
    pub values: Vec<KpiValue>,
    /// KPI metadata from `nyckeltal`, in file order, each id at most once.
    pub kpis: Vec<KpiMeta>,
    /// Own statistics from `statistik`, one series per id, in order of first appearance.
    pub own: Vec<OwnSeries>,
    /// Rows read, used and rejected, one entry per file read.
    pub reconciliations: Vec<Reconciliation>,
    pub findings: Findings,
    /// The name of the values file (`indikatorer`), as shown in messages.
    pub values_file: Option<String>,
    /// Municipalities and groups from the folder's `kommuner.json` and `kommungrupper.json`,
    /// which come before the embedded catalog.
    pub places: local_places::LocalPlaces,
}

impl IndicatorData {
    /// The metadata of `kpi` from `nyckeltal`, if the folder has it.
    pub fn kpi(&self, id: &str) -> Option<&KpiMeta> {
        self.kpis.iter().find(|k| k.id.eq_ignore_ascii_case(id))
    }

    /// The metadata of `kpi`: from `nyckeltal` if present, else from the embedded Kolada
    /// catalog (title, operating area and description; no direction or unit).
    pub fn kpi_or_catalog(&self, id: &str) -> Option<KpiMeta> {
        self.kpi(id)
            .cloned()
            .or_else(|| catalog::kpi(id).map(|k| k.to_meta()))
    }

    /// The position of `municipality` among all municipalities in the folder's values of
    /// `kpi` for `year` (total, T), given the KPI's direction from `nyckeltal`; see
    /// [`quartile_position`] for the rule. `None` without a direction, a value or enough
    /// municipalities.
    pub fn position(&self, kpi: &str, municipality: &str, year: i32) -> Option<Quartile> {
        let all: Vec<(&str, Option<f64>)> = self
            .values
            .iter()
            .filter(|v| v.year == year && v.gender == Gender::Total && v.kpi == kpi)
            .map(|v| (v.municipality.as_str(), v.value))
            .collect();
        let direction = self.kpi(kpi).and_then(|k| k.direction);
        quartile_position(
            self.value(kpi, municipality, year, Gender::Total),
            &all,
            direction,
        )
    }

    /// The unweighted mean (*ovägt medel*) of a group's members' values, with how many
    /// members had one: the group's own value if the folder has it (count 0), else the mean
    /// over members from the embedded group list. `None` when no member has a value.
    pub fn group_mean(
        &self,
        kpi: &str,
        group: &str,
        year: i32,
        gender: Gender,
    ) -> Option<(f64, u32)> {
        if let Some(v) = self.value(kpi, group, year, gender) {
            return Some((v, 0));
        }
        let members = self.members(group);
        if members.is_empty() {
            return None;
        }
        let found: Vec<f64> = self
            .values
            .iter()
            .filter(|v| v.year == year && v.gender == gender && v.kpi == kpi)
            .filter(|v| members.contains(&v.municipality.as_str()))
            .filter_map(|v| v.value)
            .collect();
        (!found.is_empty()).then(|| {
            (
                found.iter().sum::<f64>() / found.len() as f64,
                found.len() as u32,
            )
        })
    }

    /// A group's member ids: from the folder's `kommungrupper.json`, else the embedded catalog.
    pub fn members(&self, group: &str) -> Vec<&str> {
        match self.places.get(group) {
            Some(p) if !p.members.is_empty() => p.members.iter().map(String::as_str).collect(),
            _ => catalog::group(group).map_or_else(Vec::new, |g| g.members().collect()),
        }
    }

    /// The name of a municipality, riket or group: from the folder's `kommuner.json` or
    /// `kommungrupper.json`, else Kolada's name in the embedded catalog; `None` when neither
    /// knows the id.
    pub fn place_title(&self, id: &str) -> Option<String> {
        match self.places.get(id) {
            Some(p) => Some(p.title.clone()),
            None => place::resolve(id).ok().map(|p| p.title().to_string()),
        }
    }

    /// The distinct ids in the values, sorted, that `keep` accepts.
    fn places(&self, keep: impl Fn(&str) -> bool) -> Vec<&str> {
        let mut ids: Vec<&str> = self
            .values
            .iter()
            .map(|v| v.municipality.as_str())
            .filter(|m| keep(m))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// The municipality the report is about: `kolada_id` in the settings, else the only
    /// municipality (neither riket nor a `G…` group) in the values.
    pub fn own_municipality(&self, settings: &Settings) -> Option<String> {
        if let Some(id) = &settings.organisation.kolada_id {
            return Some(id.clone());
        }
        self.inferred_municipality().map(str::to_string)
    }

    /// The comparison group: `jamforelsegrupp` in the settings, else the only `G…` group in
    /// the values.
    pub fn comparison_group(&self, settings: &Settings) -> Option<String> {
        if let Some(id) = &settings.indikatorer.jamforelsegrupp {
            return Some(id.clone());
        }
        self.inferred_group().map(str::to_string)
    }

    fn inferred_municipality(&self) -> Option<&str> {
        match self
            .places(|m| m != place::RIKET && !is_group(m))
            .as_slice()
        {
            [one] => Some(one),
            _ => None,
        }
    }

    fn inferred_group(&self) -> Option<&str> {
        match self.places(is_group).as_slice() {
            [one] => Some(one),
            _ => None,
        }
    }

    /// The value for one cell, `None` when absent or missing.
    pub fn value(&self, kpi: &str, municipality: &str, year: i32, gender: Gender) -> Option<f64> {
        self.values
            .iter()
            .find(|v| {
                v.year == year
                    && v.gender == gender
                    && v.kpi == kpi
                    && v.municipality == municipality
            })
            .and_then(|v| v.value)
    }
}

/// Reads the indicator files of a data folder. `Ok(None)` when the folder has none of
/// `indikatorer`, `nyckeltal` and `statistik`. Bad rows become findings; only an unreadable
/// file or an ambiguous file name is an `Err`.
pub fn load(dir: &Path, settings: &Settings) -> Result<Option<IndicatorData>> {
    let values = find_input(dir, VALUES_STEM, VALUE_EXTENSIONS)?;
    let meta = find_input(dir, META_STEM, VALUE_EXTENSIONS)?;
    let own = find_input(dir, OWN_STEM, OWN_EXTENSIONS)?;
    if values.is_none() && meta.is_none() && own.is_none() {
        return Ok(None);
    }
    let mut data = IndicatorData::default();
    match local_places::LocalPlaces::read(dir) {
        Ok(places) => data.places = places,
        Err(e) => data.findings.push(
            "lokal-katalog",
            crate::diagnostics::Severity::Warning,
            crate::base::Loc::file(local_places::GROUPS_FILE),
            format!("{e:#}; kommunernas och gruppernas namn tas ur den inbyggda katalogen"),
        ),
    }
    if let Some(path) = &values {
        let places = std::mem::take(&mut data.places);
        let mut sink = |v: KpiValue| data.values.push(v);
        let read = values::read_with(path, settings, &places, &mut sink)?;
        data.places = places;
        data.reconciliations.push(read.reconciliation);
        data.findings.extend(read.findings);
        data.values_file = Some(crate::ingest::display_name(path));
    }
    if let Some(path) = &meta {
        let read = metadata::read(path, settings)?;
        data.kpis = read.kpis;
        data.reconciliations.push(read.reconciliation);
        data.findings.extend(read.findings);
    }
    if let Some(path) = &own {
        let mut read = own_stats::read(path, settings)?;
        fractions::check(&read.series, &read.reconciliation.file, &mut read.findings);
        data.own = read.series;
        data.reconciliations.push(read.reconciliation);
        data.findings.extend(read.findings);
    }
    Ok(Some(data))
}

/// A Kolada group id (`G2328`): a `G` followed by digits.
fn is_group(id: &str) -> bool {
    id.strip_prefix(['G', 'g'])
        .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
}

/// One notice for each place the settings leave out and the values decide alone: the
/// municipality and the comparison group. Kept apart from [`load`], which only reads.
pub fn inference_notices(data: &IndicatorData, settings: &Settings) -> Findings {
    let mut findings = Findings::default();
    let Some(file) = &data.values_file else {
        return findings;
    };
    let loc = crate::base::Loc::file(file.as_str());
    if settings.organisation.kolada_id.is_none()
        && let Some(id) = data.inferred_municipality()
    {
        findings.push(
            "harledd-plats",
            crate::diagnostics::Severity::Notice,
            loc.clone(),
            format!(
                "nyckeltalen gäller {} ({id}), den enda kommunen i filen; ange kolada_id under \
                 [organisation] för att välja en annan",
                data.place_title(id).unwrap_or_else(|| id.to_string())
            ),
        );
    }
    if settings.indikatorer.jamforelsegrupp.is_none()
        && let Some(id) = data.inferred_group()
    {
        findings.push(
            "harledd-plats",
            crate::diagnostics::Severity::Notice,
            loc,
            format!(
                "jämförelsegruppen är {} ({id}), den enda kommungruppen i filen; ange \
                 jamforelsegrupp under [indikatorer] för att välja en annan",
                data.place_title(id).unwrap_or_else(|| id.to_string())
            ),
        );
    }
    findings
}

#[cfg(test)]
mod load_tests;
#[cfg(test)]
mod own_shapes_tests;

/// What reading one file gave besides its data.
#[derive(Debug, Default)]
pub struct FileRead {
    pub reconciliation: Reconciliation,
    pub findings: Findings,
}
