//! Entry point: parse the command line, run, map the outcome to an exit code (0 ok, 1 failed or
//! problems found, 2 usage error). Everything else lives in the library.

use std::process::ExitCode;

use clap::Parser;
use kvalitet::cli::Cli;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            // clap prints help/version to stdout with exit 0 and usage errors to stderr with 2.
            let code = err.exit_code();
            let _ = err.print();
            return ExitCode::from(code as u8);
        }
    };
    match kvalitet::cmd::run(cli) {
        Ok(outcome) => outcome.exit_code(),
        Err(err) => {
            if kvalitet::output::is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("fel: {err:#}");
            ExitCode::from(1)
        }
    }
}
