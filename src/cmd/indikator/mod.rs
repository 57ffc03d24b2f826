//! `kvalitet indikator …`: one file per subcommand (sök, visa, importera, kommuner); this file
//! dispatches and holds what they share (output format, writing to stdout).

mod importera;
mod kommuner;
mod sok;
mod visa;

use std::io::Write;

use anyhow::{Context, Result};

use super::Outcome;
use crate::base::UsageError;
use crate::cli::{IndikatorArgs, IndikatorCommand};
use crate::render::grid::GridFormat;

pub fn run(args: IndikatorArgs) -> Result<Outcome> {
    match args.command {
        IndikatorCommand::Sok(a) => sok::run(&a),
        IndikatorCommand::Visa(a) => visa::run(&a),
        IndikatorCommand::Importera(a) => importera::run(&a),
        IndikatorCommand::Kommuner(a) => kommuner::run(&a),
    }
}

/// `--format`, as a usage error when unknown.
fn format(s: &str) -> Result<GridFormat> {
    GridFormat::parse(s).map_err(|e| UsageError(e).into())
}

/// Writes `text` to stdout at once (a closed pipe is left to `main`).
fn print(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes()).context("stdout")?;
    out.flush().context("stdout")?;
    Ok(())
}

/// Renders a single grid in `format`.
fn grid_text(grid: &crate::render::grid::Grid, format: GridFormat) -> Result<String> {
    Ok(match format {
        GridFormat::Table => grid.to_table(),
        GridFormat::Csv => grid.to_csv(),
        GridFormat::Markdown => grid.to_markdown(),
        GridFormat::Json => format!("{}\n", serde_json::to_string_pretty(&grid.to_json_rows())?),
    })
}
