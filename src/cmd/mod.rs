//! One file per subcommand; `run` dispatches and says which exit code the outcome deserves.

pub mod check;
pub mod export;
pub mod indikator;
pub mod init;
pub mod kolada;
pub mod mallar;
pub mod report;
pub mod spara;

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use crate::cli::{Cli, Command};
use crate::diagnostics::Findings;

/// How a command that did not fail ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    /// It ran, but found problems the user must look at (exit 1).
    Problems,
}

impl Outcome {
    pub fn exit_code(self) -> ExitCode {
        match self {
            Outcome::Ok => ExitCode::SUCCESS,
            Outcome::Problems => ExitCode::from(1),
        }
    }
}

pub fn run(cli: Cli) -> Result<Outcome> {
    match cli.command {
        Command::Report(args) => report::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Kolada(args) => kolada::run(&args),
        Command::Indikator(args) => indikator::run(args),
        Command::Init(args) => init::run(&args),
        Command::Mallar(args) => mallar::run(&args),
        Command::Spara(args) => spara::run(&args),
        Command::Export(args) => export::run(&args),
    }
}

/// Fails when an input cannot be used at all: "`what` eftersom … inte kan användas (`hint`)",
/// where `hint` says where the findings are. A file whose every row was rejected fails too,
/// unless `allow_incomplete` (`--tillåt-ofullständig`).
pub fn ensure_usable(
    inputs: &crate::model::Inputs,
    what: &str,
    hint: &str,
    allow_incomplete: bool,
) -> Result<()> {
    let unusable = inputs.unusable();
    if !unusable.is_empty() {
        anyhow::bail!(
            "{what} eftersom {} inte kan användas ({hint})",
            unusable.join(" och ")
        );
    }
    let empty = inputs.contributing_nothing();
    if !empty.is_empty() && !allow_incomplete {
        anyhow::bail!(
            "{what} eftersom ingen rad i {} kan användas ({hint}; rätta filen, ta bort den ur \
             datamappen eller kör med --tillåt-ofullständig för att skriva utan den)",
            empty.join(" och ")
        );
    }
    Ok(())
}

/// Prints findings to stderr.
pub fn print_findings(findings: &Findings) -> Result<()> {
    let mut err = std::io::stderr().lock();
    findings.write_to(&mut err)?;
    err.flush()?;
    Ok(())
}
