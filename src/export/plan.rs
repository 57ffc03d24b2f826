//! `kvalitet export`'s arguments resolved into a plan before any work: the data folders (from
//! arguments, patterns and a list file), the years, formats, parts and worker count. Every
//! mistake here is a usage error (exit 2); a folder that turns out bad later only fails itself.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Result;

use super::scope::Per;
use crate::base::UsageError;
use crate::base::names;
use crate::cli::ExportArgs;
use crate::plan::Format;

/// Which table formats to write.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TableFormats {
    pub csv: bool,
    pub xlsx: bool,
    pub json: bool,
}

/// A data folder to export, and the name of its output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folder {
    pub path: PathBuf,
    pub name: String,
}

/// The validated plan of `kvalitet export`.
#[derive(Debug)]
pub struct ExportPlan {
    pub folders: Vec<Folder>,
    pub years: Vec<i32>,
    pub out: PathBuf,
    pub tables: TableFormats,
    pub reports: Vec<Format>,
    pub per: Per,
    /// Validate only; write nothing.
    pub check: bool,
    /// Export even when cells look like personal data (`--tillåt-personuppgifter`).
    pub allow_personal_data: bool,
    /// `--tillåt-ofullständig`: export a folder even though one of its files gives no row.
    pub allow_incomplete: bool,
    pub jobs: usize,
    /// The date the reports state, replacing `rapport.datum`.
    pub datum: Option<String>,
    pub templates: Vec<(String, String)>,
}

fn usage(msg: String) -> anyhow::Error {
    UsageError(msg).into()
}

pub fn export_plan(args: &ExportArgs) -> Result<ExportPlan> {
    let years = crate::plan::kolada::years(&[args.years.replace("..", "-")])?;
    if years.is_empty() {
        return Err(usage("ange ett år med --år, till exempel 2022".into()));
    }
    let mut tables = TableFormats::default();
    for f in args.format.iter().map(|f| f.trim().to_lowercase()) {
        match f.as_str() {
            "csv" => tables.csv = true,
            "xlsx" | "excel" => tables.xlsx = true,
            "json" => tables.json = true,
            "" => {}
            other => {
                return Err(usage(format!(
                    "okänt tabellformat \"{other}\" (tillåtna: csv, xlsx, json)"
                )));
            }
        }
    }
    let reports = crate::plan::parse_formats(&args.reports, "rapportformat")?;
    let mut per = Per::default();
    for p in &args.per {
        match crate::text::fold(p).as_str() {
            "forvaltning" | "forvaltningar" => per.department = true,
            "enhet" | "enheter" => per.unit = true,
            _ => {
                return Err(usage(format!(
                    "okänd nivå \"{}\" för --per (tillåtna: forvaltning, enhet)",
                    p.trim()
                )));
            }
        }
    }
    if let Some(d) = &args.datum
        && chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_err()
    {
        return Err(usage(format!(
            "datumet \"{d}\" ska skrivas ÅÅÅÅ-MM-DD, till exempel 2023-02-15"
        )));
    }
    let jobs = match args.jobs {
        Some(0) => return Err(usage("--jobb måste vara minst 1".into())),
        Some(n) => n,
        // Two per core: a worker spends much of its time waiting for the disk to confirm a
        // file (measured in benches/export.rs).
        None => 2 * std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    if args.out.exists() && !args.out.is_dir() {
        return Err(usage(format!(
            "utmappen {} är en fil, inte en mapp",
            args.out.display()
        )));
    }
    let mut paths = Vec::new();
    for arg in &args.folders {
        paths.extend(expand(arg, Path::new(""))?);
    }
    if let Some(list) = &args.lista {
        paths.extend(read_list(list)?);
    }
    let folders = name_folders(paths)?;
    if folders.is_empty() {
        return Err(usage(
            "ange minst en datamapp (som argument, mönster eller med --lista)".into(),
        ));
    }
    let templates = if reports.is_empty() {
        Vec::new()
    } else {
        crate::plan::texts::template_sources(args.templates.as_deref())?
    };
    Ok(ExportPlan {
        jobs: jobs.min(folders.len()),
        folders,
        years,
        out: args.out.clone(),
        tables,
        reports,
        per,
        check: args.check,
        allow_personal_data: args.privacy.allow_personal_data,
        allow_incomplete: args.incomplete.allow_incomplete,
        datum: args.datum.clone(),
        templates,
    })
}

/// A folder argument: a pattern (`*`, `?`, `[`) expands to the folders it matches, sorted; a
/// plain path is taken as it is (a missing folder fails when it is exported). Relative paths
/// are taken from `base`.
fn expand(arg: &str, base: &Path) -> Result<Vec<PathBuf>> {
    let arg = arg.trim();
    if !arg.contains(['*', '?', '[']) {
        return Ok(vec![base.join(arg)]);
    }
    let pattern = base.join(arg);
    let pattern = pattern.to_string_lossy();
    let matches = glob::glob(&pattern)
        .map_err(|e| usage(format!("mönstret \"{arg}\" är felaktigt: {}", e.msg)))?;
    let mut dirs: Vec<PathBuf> = matches
        .filter_map(|m| m.ok())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    if dirs.is_empty() {
        return Err(usage(format!("mönstret \"{arg}\" matchar ingen mapp")));
    }
    Ok(dirs)
}

/// The folders in a list file: one per line, `#` starts a comment, blank lines are skipped,
/// relative paths are taken from the list file's own folder.
fn read_list(list: &Path) -> Result<Vec<PathBuf>> {
    let text = std::fs::read_to_string(list).map_err(|e| {
        usage(format!(
            "listan {} kan inte läsas: {}",
            list.display(),
            crate::ingest::io_reason(&e)
        ))
    })?;
    let base = list.parent().unwrap_or(Path::new(""));
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if !line.is_empty() {
            out.extend(expand(line, base)?);
        }
    }
    Ok(out)
}

/// Names each folder by its last path component; the same folder twice is exported once, two
/// folders with the same name are a usage error (they would write to the same place).
fn name_folders(paths: Vec<PathBuf>) -> Result<Vec<Folder>> {
    let mut seen: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut folders = Vec::new();
    for path in paths {
        let name = folder_name(&path);
        match seen.get(&name) {
            Some(p) if same_folder(p, &path) => continue,
            Some(p) => {
                return Err(usage(format!(
                    "mapparna {} och {} har samma namn \"{name}\" och skulle skrivas till samma utmapp; byt namn på den ena",
                    names::path(p),
                    names::path(&path)
                )));
            }
            None => {
                seen.insert(name.clone(), path.clone());
                folders.push(Folder { path, name });
            }
        }
    }
    Ok(folders)
}

fn same_folder(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// The output folder's name for a data folder: its last component (`.` and `..` resolved),
/// through the name guard: a folder named after a person is written as "dolt namn".
fn folder_name(path: &Path) -> String {
    let named = |p: &Path| {
        p.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .filter(|n| !n.is_empty())
    };
    named(path)
        .or_else(|| path.canonicalize().ok().as_deref().and_then(named))
        .map(|n| names::shown(&n).into_owned())
        .unwrap_or_else(|| "data".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_files_skip_comments_and_resolve_from_their_folder() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a", "b", "c"] {
            std::fs::create_dir(dir.path().join(name)).unwrap();
        }
        let list = dir.path().join("mappar.txt");
        std::fs::write(&list, "# kommuner\na\n\n  b  # nattlig\n[c]\n").unwrap();
        let got = read_list(&list).unwrap();
        assert_eq!(
            got,
            vec![
                dir.path().join("a"),
                dir.path().join("b"),
                dir.path().join("c")
            ]
        );
    }

    #[test]
    fn patterns_that_match_nothing_are_usage_errors() {
        let dir = tempfile::tempdir().unwrap();
        let err = expand("x*", dir.path()).unwrap_err();
        assert!(err.downcast_ref::<UsageError>().is_some());
        assert_eq!(err.to_string(), "mönstret \"x*\" matchar ingen mapp");
    }

    #[test]
    fn folders_are_named_by_their_last_component_and_must_differ() {
        let folders = name_folders(vec!["a/norrvik".into(), "a/norrvik/".into()]).unwrap();
        assert_eq!(folders.len(), 1);
        assert_eq!(folders[0].name, "norrvik");
        let err = name_folders(vec!["a/norrvik".into(), "b/norrvik".into()]).unwrap_err();
        assert!(err.to_string().contains("samma namn \"norrvik\""), "{err}");
    }
}
