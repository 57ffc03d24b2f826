//! Entry point: parse the command line, run, map the outcome to an exit code (0 ok, 1 failed or
//! problems found, 2 usage error). Everything else lives in the library.

use std::io::Write;
use std::process::ExitCode;

use kvalitet::plan::UsageError;

fn main() -> ExitCode {
    let cli = match kvalitet::cli::parse(std::env::args_os()) {
        Ok(cli) => cli,
        Err((text, 0)) => {
            let _ = write!(std::io::stdout(), "{text}");
            return ExitCode::SUCCESS;
        }
        Err((text, code)) => {
            eprintln!("{text}");
            return ExitCode::from(code as u8);
        }
    };
    match kvalitet::cmd::run(cli) {
        Ok(outcome) => outcome.exit_code(),
        Err(err) if kvalitet::output::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("fel: {err:#}");
            let usage = err
                .chain()
                .any(|e| e.downcast_ref::<UsageError>().is_some());
            ExitCode::from(if usage { 2 } else { 1 })
        }
    }
}
