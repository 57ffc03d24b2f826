//! The Swedish dressing clap lacks: headings, help and version flags, usage lines, and usage
//! errors in Swedish with exit code 2.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{CommandFactory, FromArgMatches};

use super::Cli;

const TEMPLATE: &str = "{about-with-newline}\nAnvändning: {usage}\n\n{all-args}{after-help}";
const EXIT_CODES: &str =
    "Slutkoder: 0 = klart, 1 = körningen misslyckades eller problem hittades, 2 = felaktigt anrop.";

/// Applies the Swedish headings and help texts to a command and its arguments.
fn swedish(cmd: clap::Command) -> clap::Command {
    let ids: Vec<(String, bool)> = cmd
        .get_arguments()
        .map(|a| (a.get_id().to_string(), a.is_positional()))
        .collect();
    let mut cmd = cmd
        .help_template(TEMPLATE)
        .after_help(EXIT_CODES)
        .subcommand_help_heading("Kommandon")
        .disable_help_flag(true)
        .arg(
            clap::Arg::new("help")
                .short('h')
                .long("help")
                .help("Visa den här hjälpen")
                .action(clap::ArgAction::Help)
                .help_heading("Flaggor"),
        );
    for (id, positional) in ids {
        cmd = cmd.mut_arg(id, |a| {
            a.help_heading(if positional { "Argument" } else { "Flaggor" })
        });
    }
    cmd
}

/// The full command definition, in Swedish.
pub fn command() -> clap::Command {
    let mut cmd = swedish(Cli::command()).disable_version_flag(true).arg(
        clap::Arg::new("version")
            .short('V')
            .long("version")
            .help("Visa versionen")
            .action(clap::ArgAction::Version)
            .help_heading("Flaggor"),
    );
    cmd = cmd.override_usage("kvalitet <KOMMANDO> [FLAGGOR]");
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(&name, |sub| dress(sub, &format!("kvalitet {name}")));
    }
    cmd
}

/// Swedish help and a usage line for subcommand `sub` called as `path`, and the same for its
/// own subcommands (`kvalitet kolada hämta`).
fn dress(sub: clap::Command, path: &str) -> clap::Command {
    let positionals: Vec<String> = sub
        .get_positionals()
        .map(|a| {
            format!(
                "<{}>",
                a.get_value_names()
                    .and_then(|v| v.first())
                    .map_or("ARG", |v| v.as_str())
            )
        })
        .collect();
    let names: Vec<String> = sub
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    if !names.is_empty() {
        let mut sub = swedish(sub)
            .override_usage(format!("{path} <KOMMANDO> [FLAGGOR]"))
            .arg_required_else_help(false);
        for name in names {
            sub = sub.mut_subcommand(&name, |s| dress(s, &format!("{path} {name}")));
        }
        return sub;
    }
    let usage = format!(
        "{path} {}[FLAGGOR]",
        positionals
            .iter()
            .map(|p| format!("{p} "))
            .collect::<String>()
    );
    swedish(sub).override_usage(usage)
}

/// Parses `args`; help and version come back as `Err(text, 0)`, usage errors as
/// `Err(Swedish message, 2)`.
pub fn parse<I, T>(args: I) -> Result<Cli, (String, i32)>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let mut cmd = command();
    let matches = cmd
        .try_get_matches_from_mut(args)
        .map_err(|e| match e.kind() {
            ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => (e.render().to_string(), 0),
            _ => (usage_error(&e, &mut cmd), 2),
        })?;
    Cli::from_arg_matches(&matches).map_err(|e| (usage_error(&e, &mut cmd), 2))
}

fn usage_error(e: &clap::Error, cmd: &mut clap::Command) -> String {
    let ctx = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    // Clap lists suggestions from the least to the most likely: offer the most likely one.
    let best = |kind| match e.get(kind) {
        Some(ContextValue::Strings(v)) => v.last().cloned().unwrap_or_default(),
        _ => ctx(kind),
    };
    let suggestion = match (
        best(ContextKind::SuggestedSubcommand),
        best(ContextKind::SuggestedArg),
    ) {
        (s, _) if !s.is_empty() => format!(" (menade du \"{s}\"?)"),
        (_, a) if !a.is_empty() => format!(" (menade du \"{a}\"?)"),
        _ => String::new(),
    };
    let what = match e.kind() {
        ErrorKind::InvalidSubcommand => format!(
            "okänt kommando \"{}\"{suggestion}",
            ctx(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::UnknownArgument => format!(
            "okänd flagga eller argument \"{}\"{suggestion}",
            ctx(ContextKind::InvalidArg)
        ),
        ErrorKind::MissingRequiredArgument => format!(
            "obligatoriskt argument saknas: {}",
            ctx(ContextKind::InvalidArg)
        ),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            format!(
                "ogiltigt värde \"{}\" för {}",
                ctx(ContextKind::InvalidValue),
                ctx(ContextKind::InvalidArg)
            )
        }
        ErrorKind::MissingSubcommand if !ctx(ContextKind::ValidSubcommand).is_empty() => {
            format!(
                "ange ett kommando: {}",
                or_list(&ctx(ContextKind::ValidSubcommand))
            )
        }
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let names: Vec<String> = Cli::command()
                .get_subcommands()
                .map(|s| s.get_name().to_string())
                .collect();
            format!("ange ett kommando: {}", or_list(&names.join(", ")))
        }
        ErrorKind::ArgumentConflict => format!(
            "{} kan inte användas tillsammans med {}",
            ctx(ContextKind::InvalidArg),
            ctx(ContextKind::PriorArg)
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            format!("fel antal värden för {}", ctx(ContextKind::InvalidArg))
        }
        _ => "felaktigt anrop".to_string(),
    };
    // The failing subcommand's own usage when clap gives it (`kvalitet indikator …`).
    let usage = match e.get(ContextKind::Usage) {
        Some(clap::error::ContextValue::StyledStr(u)) => u.to_string(),
        _ => cmd.render_usage().to_string(),
    };
    let usage = usage.trim().trim_start_matches("Usage:").trim();
    format!("fel: {what}\n\nAnvändning: {usage}\n\nKör \"kvalitet --help\" för hjälp.")
}

/// "a, b, c" as Swedish prose: "a, b eller c".
fn or_list(items: &str) -> String {
    // Aliases such as "sok" for "sök" are listed once.
    let mut seen: Vec<String> = Vec::new();
    let mut kept: Vec<&str> = Vec::new();
    for item in items.split(", ") {
        let key = crate::text::fold(item);
        if !seen.contains(&key) {
            seen.push(key);
            kept.push(item);
        }
    }
    let items = kept.join(", ");
    match items.rsplit_once(", ") {
        Some((head, last)) => format!("{head} eller {last}"),
        None => items.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_definition_is_consistent() {
        command().debug_assert();
    }

    #[test]
    fn usage_errors_are_swedish() {
        let (msg, code) = parse(["kvalitet", "raport"]).unwrap_err();
        assert_eq!(code, 2);
        assert!(
            msg.starts_with("fel: okänt kommando \"raport\" (menade du \"rapport\"?)"),
            "{msg}"
        );
        let (msg, _) = parse(["kvalitet", "report", "tjugo"]).unwrap_err();
        assert!(
            msg.starts_with("fel: ogiltigt värde \"tjugo\" för <ÅR>"),
            "{msg}"
        );
        let (msg, code) = parse(["kvalitet"]).unwrap_err();
        assert_eq!(code, 2);
        assert!(
            msg.starts_with("fel: ange ett kommando: report, check, export, spåra, init, mallar, kolada, indikator eller hjälp"),
            "{msg}"
        );
        let (msg, code) = parse(["kvalitet", "indikator"]).unwrap_err();
        assert_eq!(code, 2);
        assert!(
            msg.starts_with("fel: ange ett kommando: sök, visa, importera eller kommuner\n\nAnvändning: kvalitet indikator <KOMMANDO> [FLAGGOR]"),
            "{msg}"
        );
        let (msg, _) =
            parse(["kvalitet", "indikator", "visa", "U31402", "--kommn", "0305"]).unwrap_err();
        assert!(
            msg.starts_with("fel: okänd flagga eller argument \"--kommn\" (menade du \"--kommun\"?)\n\nAnvändning: kvalitet indikator visa <KPI> [FLAGGOR]"),
            "{msg}"
        );
        let (msg, _) = parse(["kvalitet", "report", "2022", "--dta", "x"]).unwrap_err();
        assert!(
            msg.starts_with("fel: okänd flagga eller argument \"--dta\" (menade du \"--data\"?)"),
            "{msg}"
        );
    }

    #[test]
    fn help_is_swedish() {
        let (help, code) = parse(["kvalitet", "report", "--help"]).unwrap_err();
        assert_eq!(code, 0);
        for word in [
            "Användning:",
            "Argument",
            "Flaggor",
            "Visa den här hjälpen",
            "Slutkoder",
        ] {
            assert!(help.contains(word), "{word} saknas i:\n{help}");
        }
        for english in ["Usage:", "Options:", "Print help", "[default"] {
            assert!(!help.contains(english), "{english} i:\n{help}");
        }
    }
}
