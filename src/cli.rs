//! The command line: clap derive types whose doc comments are the (Swedish) help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Skriver socialtjänstens kvalitetsberättelse ur registret över rapporter.
///
/// Avvikelser, lex Sarah, klagomål och synpunkter och personuppgiftsincidenter läses från
/// datamappen och blir en färdig rapport i Markdown och HTML med bilagan
/// "Verksamheten i siffror".
#[derive(Debug, Parser)]
#[command(
    name = "kvalitet",
    version,
    disable_help_subcommand = true,
    after_help = "Slutkoder: 0 = klart, 1 = körningen misslyckades eller problem hittades, 2 = felaktigt anrop.",
    help_template = "{about}\n\n{usage-heading} {usage}\n\n{all-args}{after-help}"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Skriv kvalitetsberättelsen för ett år.
    Report(ReportArgs),
    /// Kontrollera datamappen utan att skriva något (slutkod 1 om problem hittas).
    Check(CheckArgs),
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Året som berättelsen gäller, till exempel 2022.
    #[arg(value_name = "ÅR")]
    pub year: i32,
    /// Mappen med underlaget (rapporter.xlsx m.fl. och kvalitet.toml).
    #[arg(long, value_name = "MAPP", default_value = ".")]
    pub data: PathBuf,
    /// Mappen som rapporten skrivs till.
    #[arg(long, value_name = "MAPP", default_value = "ut")]
    pub out: PathBuf,
    /// Format att skriva, kommaseparerat: md, html.
    #[arg(long, value_name = "FORMAT", default_value = "md,html", value_delimiter = ',')]
    pub format: Vec<String>,
    /// Mapp med egna mallar som ersätter standardmallarna fil för fil.
    #[arg(long, value_name = "MAPP")]
    pub templates: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Mappen med underlaget.
    #[arg(long, value_name = "MAPP", default_value = ".")]
    pub data: PathBuf,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
