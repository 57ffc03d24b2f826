//! One file per subcommand; `run` dispatches and says which exit code the outcome deserves.
//! The only room that joins the others: nothing below may import from it, and it holds no
//! rule of its own beyond the order of the steps and the exit code.

pub mod check;
pub mod export;
pub mod hjalp;
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
        Command::Hjalp(args) => hjalp::run(&args),
    }
}

/// Prints findings to stderr.
pub fn print_findings(findings: &Findings) -> Result<()> {
    let mut err = std::io::stderr().lock();
    findings.write_to(&mut err)?;
    err.flush()?;
    Ok(())
}
