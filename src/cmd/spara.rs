//! `kvalitet spåra ÅR TABELL RAD KOLUMN`: computes the report as `report` does, finds the cell
//! and prints how its value was computed and from which rows (see `spara::explain`).

mod explain;

use anyhow::Result;

use super::Outcome;
use crate::base::UsageError;
use crate::cli::SparaArgs;
use crate::compute::{Report, Table};
use crate::plan;
use crate::text::{fold, suggest};
use crate::{compute, model, output};

pub use explain::explain;

pub fn run(args: &SparaArgs) -> Result<Outcome> {
    let data = plan::data_plan(&args.data.data)?;
    let inputs = model::Inputs::load(&data)?;
    // The Ids listed could themselves be personal data: the same guard as for a report, with
    // the findings (locations only) printed first.
    if let Err(refusal) = inputs.guard(args.data.privacy.allow_personal_data) {
        for findings in inputs.findings() {
            super::print_findings(findings)?;
        }
        return Err(refusal);
    }
    inputs.ensure_usable(
        "rapporten kan inte räknas",
        "kör kvalitet check",
        args.data.incomplete.allow_incomplete,
    )?;
    let report = compute::build(&inputs, &data.settings, args.year)?;
    let (t, row, col) = locate(&report, &args.table, &args.row, &args.column)?;
    let text = explain(
        &report,
        &inputs.register,
        data.settings.rule(),
        t,
        row,
        col,
        args.show_protected,
    );
    output::println(&text)?;
    Ok(Outcome::Ok)
}

/// The table (by number or key), row (by text or 1-based number) and value column (by title
/// or 1-based number) named on the command line.
pub fn locate<'a>(
    report: &'a Report,
    table: &str,
    row: &str,
    column: &str,
) -> Result<(&'a Table, usize, usize)> {
    let t = find_table(report, table)?;
    let r = find(
        t.rows.iter().map(|r| r.label.as_str()),
        row,
        &format!("raden \"{row}\" finns inte i tabell {}", t.number),
        "raderna",
    )?;
    if t.rows[r].heading {
        return Err(UsageError(format!(
            "raden \"{}\" i tabell {} är en rubrik utan siffror",
            t.rows[r].label, t.number
        ))
        .into());
    }
    let c = find(
        t.columns.iter().map(|c| c.title.as_str()),
        column,
        &format!("kolumnen \"{column}\" finns inte i tabell {}", t.number),
        "kolumnerna",
    )?;
    Ok((t, r, c))
}

fn find_table<'a>(report: &'a Report, name: &str) -> Result<&'a Table> {
    let n = report.tables.len();
    if let Ok(k) = name.trim().parse::<usize>() {
        return report.tables.iter().find(|t| t.number == k).ok_or_else(|| {
            UsageError(format!(
                "tabell {k} finns inte: rapporten för {} har tabell 1–{n}",
                report.year
            ))
            .into()
        });
    }
    if let Some(t) = report.tables.iter().find(|t| fold(&t.key) == fold(name)) {
        return Ok(t);
    }
    let hint = suggest(name, report.tables.iter().map(|t| t.key.as_str()))
        .map(|s| format!(" (menade du \"{s}\"?)"))
        .unwrap_or_default();
    Err(UsageError(format!(
        "tabellen \"{name}\" finns inte{hint}: ange numret (1–{n}) eller nyckeln"
    ))
    .into())
}

/// The index of `wanted` among `names`: the text (folded), else a 1-based number.
fn find<'a>(
    names: impl Iterator<Item = &'a str> + Clone,
    wanted: &str,
    missing: &str,
    what: &str,
) -> Result<usize> {
    if let Some(i) = names.clone().position(|n| fold(n) == fold(wanted)) {
        return Ok(i);
    }
    let count = names.clone().count();
    if let Ok(k) = wanted.trim().parse::<usize>()
        && (1..=count).contains(&k)
    {
        return Ok(k - 1);
    }
    let hint = suggest(wanted, names.clone())
        .map(|s| format!(" (menade du \"{s}\"?)"))
        .unwrap_or_default();
    Err(UsageError(format!(
        "{missing}{hint}; ange texten eller ett nummer 1–{count} ({what} räknas från 1)"
    ))
    .into())
}
