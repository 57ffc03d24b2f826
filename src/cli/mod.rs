//! The command line: clap derive types whose doc comments are the help text, one file per
//! command family beside `cmd/` (the flags of `kvalitet report` in [`report`], and so on), and the
//! Swedish dressing clap lacks ([`swedish`]). Only describes arguments; never runs anything.

mod export;
mod indikator;
mod init;
mod kolada;
mod report;
mod swedish;

use clap::{Parser, Subcommand};

pub use export::*;
pub use indikator::*;
pub use init::*;
pub use kolada::*;
pub use report::*;
pub use swedish::{command, parse};

/// Skriver socialtjänstens kvalitetsberättelse ur registret över rapporter.
///
/// Avvikelser, lex Sarah, klagomål och synpunkter och personuppgiftsincidenter,
/// brukarundersökningar, nyckeltal ur Kolada och verksamhetens egen text läses från datamappen
/// och blir en färdig rapport i Markdown, HTML, PDF och Word med bilagan "Verksamheten i siffror".
/// Tabellerna kan också exporteras schemalagt, och varje siffra kan spåras till sina rader.
#[derive(Debug, Parser)]
#[command(name = "kvalitet", version, disable_help_subcommand = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Skriv kvalitetsberättelsen för ett år.
    #[command(visible_alias = "rapport")]
    Report(ReportArgs),
    /// Kontrollera datamappen utan att skriva något (slutkod 1 om problem hittas).
    Check(CheckArgs),
    /// Exportera bilagans tabeller (CSV, XLSX, JSON) för en eller flera datamappar, utan frågor.
    ///
    /// Exempel: kvalitet export kommuner/* --år 2020-2022 --out /srv/kvalitet --per enhet
    Export(ExportArgs),
    /// Visa hur en siffra i rapporten räknades och vilka rader i registret som ligger bakom den.
    ///
    /// Exempel: kvalitet spåra 2022 1 Klagomål 2022 (tabell 1, raden Klagomål, kolumnen 2022)
    #[command(name = "spåra", visible_alias = "spara")]
    Spara(SparaArgs),
    /// Skapa en ny datamapp: kvalitet.toml, textfiler för varje avsnitt och importmallar.
    Init(InitArgs),
    /// Lista rapportens mallar, eller skriv ut dem för att göra en egen layout.
    Mallar(MallarArgs),
    /// Hämta nyckeltal, kommuner och värden från Kolada till datamappen.
    Kolada(KoladaArgs),
    /// Sök, visa och importera nyckeltal (Kolada) i terminalen.
    Indikator(IndikatorArgs),
    /// Läs guiden: kvalitet hjälp listar ämnena, kvalitet hjälp <ämne> visar ett.
    ///
    /// Exempel: kvalitet hjälp inställningar (alla nycklar i kvalitet.toml)
    #[command(name = "hjälp", visible_alias = "hjalp")]
    Hjalp(HjalpArgs),
}

#[derive(Debug, clap::Args)]
pub struct HjalpArgs {
    /// Ämnet, till exempel register, tabeller eller inställningar; utan ämne listas alla.
    #[arg(value_name = "ÄMNE")]
    pub topic: Option<String>,
}
