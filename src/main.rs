//! Entry point: parse the command line, run, map the outcome to an exit code (0 ok, 1 failed or
//! problems found, 2 usage error); a bug ends with a Swedish message and exit code 1, never a
//! raw panic. Everything else lives in the library.

use std::io::Write;
use std::process::ExitCode;

use kvalitet::base::UsageError;

fn main() -> ExitCode {
    quiet_panics();
    match std::panic::catch_unwind(run) {
        Ok(code) => code,
        Err(_) => ExitCode::FAILURE,
    }
}

/// A bug must not look like a crash, nor echo what it was handling: the message names where
/// in the code it happened, never the panic's text (which could hold a cell's value).
fn quiet_panics() {
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!(" ({}:{})", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "fel: ett internt fel i kvalitet avbröt körningen{at}. Det är ett programfel: rapportera det gärna med kommandot du körde, men skicka inga datafiler (de kan innehålla personuppgifter)."
        );
    }));
}

fn run() -> ExitCode {
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
