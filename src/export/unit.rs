//! Exporting one data folder: load and validate it once, then for every year and every part
//! compute the tables and write each format (and the reports when asked). One folder's failure
//! is returned as its report, never thrown past the others.

use std::path::{Path, PathBuf};

use anyhow::Result;

use super::plan::{ExportPlan, Folder};
use super::scope::{self, Scope};
use super::{JSON_NAME, SCHEMA, XLSX_NAME, csv as csv_out, csv_name, json, xlsx};
use crate::compute::Report;
use crate::settings::Settings;
use crate::{model, output, render};

/// What exporting one data folder gave.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct UnitReport {
    /// The folder's name (its output folder).
    pub name: String,
    /// Files written (or, with `--check`, that would have been written).
    pub files: usize,
    /// Table rows exported, over all tables, parts and years.
    pub rows: usize,
    /// Parts exported (whole register, förvaltningar, enheter), over all years.
    pub parts: usize,
    /// Input rows read and rejected.
    pub read: u64,
    pub rejected: u64,
    /// Findings in the inputs (warnings and rejections).
    pub problems: usize,
    /// Why the folder failed, as the whole error chain.
    pub error: Option<String>,
}

/// Exports `folder` as `plan` says. Files written before a failure stay (each one complete).
pub fn run(plan: &ExportPlan, folder: &Folder) -> UnitReport {
    let mut report = UnitReport {
        name: folder.name.clone(),
        ..UnitReport::default()
    };
    if let Err(e) = export(plan, folder, &mut report) {
        report.error = Some(format!("{e:#}"));
    }
    report
}

fn export(plan: &ExportPlan, folder: &Folder, report: &mut UnitReport) -> Result<()> {
    let data = crate::plan::data_plan(&folder.path)?;
    // The folder's own texts (text/) go into the whole organisation's report, as with
    // `kvalitet report`; they describe the whole, so the reports of its parts go without them.
    let mut templates = plan.templates.clone();
    let mut assets = crate::render::Assets::default();
    if !plan.reports.is_empty() {
        let added = crate::plan::texts::add_texts(&mut templates, &data)?;
        for notice in &added.notices {
            eprintln!("{}: {notice}", folder.name);
        }
        assets = crate::plan::read_assets(&data, &plan.reports, &templates, added.pictures)?;
    }
    let mut settings = data.settings.clone();
    if plan.datum.is_some() {
        settings.rapport.datum = plan.datum.clone();
    }
    let mut inputs = model::Inputs::load(&data)?;
    for r in inputs.reconciliation() {
        report.read += r.read;
        report.rejected += r.rejected;
    }
    report.problems = inputs.problems();
    let personal = inputs.personal_data();
    if personal > 0 && !plan.allow_personal_data {
        anyhow::bail!(
            "{} i underlaget ser ut att innehålla personuppgifter; mappen exporteras inte \
             (se var med kvalitet check --data {}; kör med --tillåt-personuppgifter om det inte är personuppgifter)",
            crate::base::format::count(personal, "cell", "celler"),
            crate::base::names::path(&folder.path)
        );
    }
    inputs.ensure_usable(
        "mappen exporteras inte",
        &format!(
            "se kvalitet check --data {}",
            crate::base::names::path(&folder.path)
        ),
        plan.allow_incomplete,
    )?;
    // A part that fails (a year without reports, a file that cannot be written) does not stop
    // the folder's other parts; the folder fails with every reason.
    let mut failures = Vec::new();
    // The whole organisation's report has the verksamheter's sections, as with `kvalitet
    // report`; they are computed with the parts, so the confidentiality rule sees them all.
    let groups = if plan.reports.is_empty() {
        Vec::new()
    } else {
        super::verksamheter::groups(&inputs, &settings, &templates)?
    };
    for &year in &plan.years {
        let mut scopes = scope::scopes(&inputs, &settings, year, plan.per);
        let parts = scopes.len();
        scopes.extend(groups.iter().map(|g| (g.clone(), String::new())));
        let mut computed = scope::compute_all(&mut inputs, &settings, year, &scopes);
        let group_results = computed.split_off(parts);
        scopes.truncate(parts);
        if let Some(Ok(whole)) = computed.first_mut()
            && let Err(e) = super::verksamheter::attach(whole, &groups, group_results)
        {
            computed[0] = Err(e);
        }
        for ((part, sub), result) in scopes.iter().zip(computed) {
            let part_settings = part.settings(&settings);
            let result = result.and_then(|computed| {
                let target = Target {
                    dir: part_dir(&plan.out, &folder.name, year, sub),
                    scope: part,
                    settings: &part_settings,
                    templates: if *part == Scope::Whole {
                        &templates
                    } else {
                        &plan.templates
                    },
                    assets: &assets,
                };
                write_part(plan, folder, &target, &computed, report)
            });
            match result {
                Ok(()) => report.parts += 1,
                Err(e) => failures.push(format!("{}: {e:#}", describe(year, part))),
            }
        }
    }
    if !failures.is_empty() {
        anyhow::bail!("{}", failures.join("; "));
    }
    Ok(())
}

/// "2022" or "2022, enhet Enhet A": where in the folder an error happened.
fn describe(year: i32, part: &Scope) -> String {
    match part.name() {
        Some(name) => format!("{year}, {} {name}", part.kind()),
        None => year.to_string(),
    }
}

/// Where one part of a folder goes and what it is rendered with.
struct Target<'a> {
    dir: PathBuf,
    scope: &'a Scope,
    settings: &'a Settings,
    templates: &'a [(String, String)],
    /// The folder's logo and its texts' images (only the whole's report has the texts).
    assets: &'a crate::render::Assets,
}

/// Writes one part's files into its folder.
fn write_part(
    plan: &ExportPlan,
    folder: &Folder,
    target: &Target<'_>,
    computed: &Report,
    report: &mut UnitReport,
) -> Result<()> {
    let (dir, part, settings) = (&target.dir, target.scope, target.settings);
    if !plan.check {
        output::remove_stale_temps(dir);
    }
    let mut emit = |name: String, bytes: &[u8]| -> Result<()> {
        if !plan.check {
            output::write_atomic(&dir.join(name), bytes)?;
        }
        report.files += 1;
        Ok(())
    };
    let tables = &computed.tables;
    if plan.tables.csv {
        for t in tables {
            emit(csv_name(t), &csv_out::table(t)?)?;
        }
    }
    if plan.tables.xlsx {
        emit(XLSX_NAME.to_string(), &xlsx::workbook(tables)?)?;
    }
    if plan.tables.json {
        let doc = json::Document {
            schema: SCHEMA.to_string(),
            organisation: settings.organisation.namn.clone(),
            unit: folder.name.clone(),
            scope: json::Scope {
                kind: part.kind().to_string(),
                name: part.name().map(str::to_string),
            },
            year: computed.year,
            years: computed.years.clone(),
            tables: tables.iter().map(json::table).collect(),
        };
        emit(JSON_NAME.to_string(), &json::document(&doc)?)?;
    }
    if !plan.reports.is_empty() {
        let outputs = render::render(
            computed,
            settings,
            target.templates,
            target.assets.clone(),
            &plan.reports,
        )?;
        let mut written = Vec::with_capacity(outputs.len());
        for file in outputs {
            emit(file.name.clone(), &file.bytes)?;
            written.push(file.name);
        }
        if !plan.check && plan.reports.contains(&render::Format::Markdown) {
            let folder = render::document::media_folder(computed.year);
            output::remove_stale_images(dir, &folder, &written);
        }
    }
    report.rows += tables.iter().map(|t| t.rows.len()).sum::<usize>();
    Ok(())
}

/// The folder a part of a data folder is written to.
pub fn part_dir(out: &Path, folder: &str, year: i32, sub: &str) -> PathBuf {
    out.join(folder).join(year.to_string()).join(sub)
}
