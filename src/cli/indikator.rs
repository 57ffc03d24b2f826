//! `kvalitet indikator …`: the flags of the terminal queries against the indicator store.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::PrivacyArg;

#[derive(Debug, Args)]
pub struct IndikatorArgs {
    #[command(subcommand)]
    pub command: IndikatorCommand,
}

#[derive(Debug, Subcommand)]
pub enum IndikatorCommand {
    /// Sök nyckeltal i Koladas katalog på ord i titel eller beskrivning.
    #[command(name = "sök", visible_alias = "sok")]
    Sok(SokArgs),
    /// Visa nyckeltal för kommuner och grupper ur indikatorlagret.
    ///
    /// Exempel: kvalitet indikator visa U31402 --kommun Håbo --jämför riket,G36526 --år 2019-2022
    Visa(VisaArgs),
    /// Läs in indikatorer och nyckeltal (CSV, Excel eller Koladas JSON) i indikatorlagret.
    Importera(ImporteraArgs),
    /// Hitta kommuners, regioners och kommungruppers id på namn.
    Kommuner(KommunerArgs),
}

/// `--format` of the indicator commands.
#[derive(Debug, Args)]
pub struct OutputArg {
    /// Utdataformat: tabell, csv, json eller md [standard: tabell]
    #[arg(
        long,
        value_name = "FORMAT",
        default_value = "tabell",
        hide_default_value = true
    )]
    pub format: String,
}

/// `--lager` of the indicator commands.
#[derive(Debug, Args)]
pub struct StoreArg {
    /// Indikatorlagret [standard: $KVALITET_LAGER, annars ~/.local/share/kvalitet/indikatorer.sqlite]
    #[arg(long, value_name = "FIL")]
    pub lager: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct SokArgs {
    /// Ord som ska finnas i nyckeltalets titel eller beskrivning (alla måste finnas).
    #[arg(value_name = "ORD", required = true)]
    pub words: Vec<String>,
    /// Högst så många träffar [standard: 25]
    #[arg(
        long = "antal",
        value_name = "N",
        default_value_t = 25,
        hide_default_value = true
    )]
    pub limit: usize,
    #[command(flatten)]
    pub output: OutputArg,
}

#[derive(Debug, Args)]
pub struct VisaArgs {
    /// Nyckeltalens id, till exempel U31402 (flera går bra).
    #[arg(value_name = "KPI", required = true)]
    pub kpis: Vec<String>,
    /// Kommuner eller grupper: id eller namn, kommaseparerade (0305,Håbo,G2328,riket) [standard: kolada_id i kvalitet.toml]
    #[arg(long, value_name = "LISTA", value_delimiter = ',')]
    pub kommun: Vec<String>,
    /// År eller intervall: 2022, 2019-2022, 2019- [standard: alla år i lagret]
    #[arg(long = "år", visible_alias = "ar", value_name = "ÅR")]
    pub years: Option<String>,
    /// Visa kvinnor och män (K, M) utöver totalt (T).
    #[arg(long = "kön", visible_alias = "kon")]
    pub gender: bool,
    /// Jämförelser som egna kolumner: riket, grupper eller kommuner, kommaseparerade.
    #[arg(
        long = "jämför",
        visible_alias = "jamfor",
        value_name = "LISTA",
        value_delimiter = ','
    )]
    pub compare: Vec<String>,
    #[command(flatten)]
    pub output: OutputArg,
    #[command(flatten)]
    pub store: StoreArg,
}

#[derive(Debug, Args)]
pub struct ImporteraArgs {
    /// Filer (indikatorer eller nyckeltal som .csv, .xlsx eller Koladas .json) eller mappar som har dem.
    #[arg(value_name = "FIL|MAPP", required = true)]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub store: StoreArg,
    #[command(flatten)]
    pub privacy: PrivacyArg,
}

#[derive(Debug, Args)]
pub struct KommunerArgs {
    /// Ord i namnet eller id:t, till exempel "håbo" eller "liknande ifo".
    #[arg(value_name = "SÖK", required = true)]
    pub words: Vec<String>,
    #[command(flatten)]
    pub output: OutputArg,
    #[command(flatten)]
    pub store: StoreArg,
}
