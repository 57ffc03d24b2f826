//! `kvalitet indikator importera FIL|MAPP…`: read indikatorer and nyckeltal files into the
//! store in one import; report rows read, used and rejected, time taken and store size. The
//! store also keeps Kolada's title and members of each place with values that the embedded
//! catalog lacks, from the file's folder (`kommuner.json`, `kommungrupper.json`).

use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow};

use crate::base::UsageError;
use crate::base::format::{int, number};
use crate::cli::ImporteraArgs;
use crate::cmd::{Outcome, print_findings};
use crate::diagnostics::Findings;
use crate::ingest::{display_name, find_input};
use crate::model::indicators::local_places::{LocalPlace, LocalPlaces};
use crate::model::indicators::{
    META_STEM, VALUE_EXTENSIONS, VALUES_STEM, catalog, kolada_json, metadata, values,
};
use crate::output;
use crate::settings::Settings;
use crate::store::{self, Store};

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Values,
    Meta,
}

/// A file's kind from its name: `nyckeltal…` or `kpi…` is metadata, anything else values.
fn kind_of(path: &Path) -> Kind {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if stem.starts_with(META_STEM) || stem.starts_with("kpi") {
        Kind::Meta
    } else {
        Kind::Values
    }
}

/// The files to import: files as given, folders by their `indikatorer` and `nyckeltal` files.
fn inputs(paths: &[PathBuf]) -> Result<Vec<(PathBuf, Kind)>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let found: Vec<(PathBuf, Kind)> =
                [(VALUES_STEM, Kind::Values), (META_STEM, Kind::Meta)]
                    .into_iter()
                    .map(|(stem, kind)| {
                        Ok(find_input(p, stem, VALUE_EXTENSIONS)?.map(|f| (f, kind)))
                    })
                    .collect::<Result<Vec<_>>>()?
                    .into_iter()
                    .flatten()
                    .collect();
            if found.is_empty() {
                return Err(anyhow!(
                    "hittar varken indikatorer eller nyckeltal (.csv, .xlsx, .json) i {}",
                    p.display()
                ));
            }
            out.extend(found);
        } else if p.is_file() {
            out.push((p.clone(), kind_of(p)));
        } else {
            return Err(UsageError(format!("{} finns inte", p.display())).into());
        }
    }
    Ok(out)
}

pub fn run(args: &ImporteraArgs) -> Result<Outcome> {
    let files = inputs(&args.paths)?;
    let path = store::default_path(args.store.lager.as_deref())?;
    let mut store = Store::create(&path)?;
    let stored = store.places()?;
    let settings = Settings::default();
    let mut importer = store.importer()?;
    let mut findings = Findings::default();
    let mut lines = Vec::new();
    let (mut read, mut rejected) = (0, 0);
    for (file, kind) in &files {
        let (reconciliation, found) = match kind {
            Kind::Values => {
                let dir = file.parent().unwrap_or(Path::new("."));
                let folder = folder_places(dir);
                // Places an earlier import named are known too; the folder's names win.
                let mut local = folder.places.clone();
                local.add_missing(&stored);
                let mut seen = std::collections::BTreeSet::new();
                let r = values::read_with(file, &settings, &local, &mut |v| {
                    if !seen.contains(&v.municipality) {
                        seen.insert(v.municipality.clone());
                    }
                    importer.add(&v);
                })?;
                for (id, place) in places_to_keep(&seen, &folder) {
                    importer.add_place(&id, &place);
                }
                (r.reconciliation, r.findings)
            }
            Kind::Meta => {
                let r = metadata::read(file, &settings)?;
                for m in &r.kpis {
                    importer.add_meta(m);
                }
                (r.reconciliation, r.findings)
            }
        };
        read += reconciliation.read;
        rejected += reconciliation.rejected;
        lines.push(reconciliation.to_string());
        findings.extend(found);
    }
    let all_json = files.iter().all(|(f, _)| kolada_json::is_json(f));
    let names: Vec<String> = files.iter().map(|(f, _)| display_name(f)).collect();
    let source = if all_json { "Kolada (JSON)" } else { "fil" };
    print_findings(&findings)?;
    // Nothing is stored (the import is dropped uncommitted) while cells look like personal data.
    crate::model::inputs::guard(
        findings.count(crate::ingest::pii::KIND),
        args.privacy.allow_personal_data,
    )?;
    let summary = importer.finish(source, &names.join(", "), read, rejected)?;
    for line in lines {
        output::println(&line)?;
    }
    let rate = summary.imported as f64 / summary.seconds.max(1e-9);
    output::println(&format!(
        "importerade {} värden och {} nyckeltalsbeskrivningar på {} s ({} värden/s)",
        int(summary.imported as i64),
        int(summary.kpis as i64),
        number(summary.seconds, 1),
        int(rate.round() as i64)
    ))?;
    output::println(&format!(
        "lagret är {} MB: {}",
        number(summary.size_bytes as f64 / 1e6, 1),
        path.display()
    ))?;
    Ok(if findings.has_fatal() {
        Outcome::Problems
    } else {
        Outcome::Ok
    })
}

/// What a values file's folder says about places: Kolada's catalogs and the groups
/// `kvalitet kolada hämta` fetched as their members' values.
struct Folder {
    places: LocalPlaces,
    computed_groups: Vec<String>,
}

/// The folder's places; an unreadable catalog or info file is no places (as for reading the
/// values themselves).
fn folder_places(dir: &Path) -> Folder {
    Folder {
        places: LocalPlaces::read(dir).unwrap_or_default(),
        computed_groups: crate::kolada::info::read(dir)
            .ok()
            .flatten()
            .map(|info| info.computed_groups)
            .unwrap_or_default(),
    }
}

/// The places of `folder` the store should name: those with values (`seen`) and the groups
/// whose members' values were fetched in their place, when the embedded catalog lacks them.
fn places_to_keep(
    seen: &std::collections::BTreeSet<String>,
    folder: &Folder,
) -> Vec<(String, LocalPlace)> {
    let ids = seen.iter().chain(&folder.computed_groups);
    let mut out: Vec<(String, LocalPlace)> = ids
        .filter(|id| catalog::municipality(id).is_none() && catalog::group(id).is_none())
        .filter_map(|id| Some((id.clone(), folder.places.get(id)?.clone())))
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out.dedup_by(|a, b| a.0 == b.0);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(title: &str, members: &[&str]) -> LocalPlace {
        LocalPlace {
            title: title.into(),
            members: members.iter().map(|m| m.to_string()).collect(),
        }
    }

    #[test]
    fn only_places_with_values_or_fetched_members_that_the_catalog_lacks_are_kept() {
        let mut places = LocalPlaces::default();
        places.insert("G99001", place("Egen grupp", &["0180", "0319"]));
        places.insert("G99002", place("Beräknad grupp", &["0180"]));
        places.insert("G99003", place("Grupp utan värden", &["0180"]));
        places.insert("G36526", place("Liknande kommuner IFO", &["0305"]));
        places.insert("0180", place("Stockholm", &[]));
        let folder = Folder {
            places,
            computed_groups: vec!["G99002".into()],
        };
        let seen = ["0180", "G99001", "G36526", "G99999"]
            .into_iter()
            .map(str::to_string)
            .collect();
        let kept: Vec<(String, String)> = places_to_keep(&seen, &folder)
            .into_iter()
            .map(|(id, p)| (id, p.title))
            .collect();
        assert_eq!(
            kept,
            vec![
                ("G99001".to_string(), "Egen grupp".to_string()),
                ("G99002".to_string(), "Beräknad grupp".to_string()),
            ]
        );
    }
}
