//! `kvalitet kolada …`: the flags of fetching from the Kolada API.

use std::path::PathBuf;

use clap::{Args, Subcommand};

#[derive(Debug, Args)]
pub struct KoladaArgs {
    #[command(subcommand)]
    pub command: KoladaCommand,
}

#[derive(Debug, Subcommand)]
pub enum KoladaCommand {
    /// Hämta värden för nyckeltal och kommuner, med nyckeltalens och kommunernas namn.
    ///
    /// Skriver indikatorer.json, nyckeltal.json, kommuner.json, kommungrupper.json och
    /// kolada-hamtning.json i datamappen. Svaren sparas i en cache, så samma hämtning en gång
    /// till frågar inte Kolada igen (utom med --uppdatera).
    #[command(name = "hämta")]
    Fetch(KoladaFetchArgs),
    /// Hämta Koladas hela kataloger: alla nyckeltal, kommuner och kommungrupper.
    #[command(name = "hämta-metadata")]
    Metadata(KoladaMetadataArgs),
}

#[derive(Debug, Args)]
pub struct KoladaFetchArgs {
    /// Nyckeltal, kommaseparerade, till exempel U31462,U31402
    #[arg(long, value_name = "ID", required = true)]
    pub kpi: Vec<String>,
    /// Kommuner, regioner och kommungrupper, kommaseparerade: 0305 (kommun), 0000 (riket), G2328 (grupp)
    #[arg(long, value_name = "ID", required = true)]
    pub kommun: Vec<String>,
    /// År: 2022, 2019-2022 eller 2015,2019-2022 [standard: alla år]
    #[arg(long = "år", value_name = "ÅR")]
    pub years: Vec<String>,
    /// Hämta bara värden som ändrats sedan DATUM (ÅÅÅÅ-MM-DD) och lägg dem i indikatorer.json
    #[arg(long = "från-datum", value_name = "DATUM")]
    pub from_date: Option<String>,
    #[command(flatten)]
    pub source: KoladaSourceArgs,
}

#[derive(Debug, Args)]
pub struct KoladaMetadataArgs {
    /// Bara dessa kataloger, kommaseparerade: nyckeltal, kommuner, kommungrupper [standard: alla]
    #[arg(long, value_name = "KATALOG")]
    pub bara: Vec<String>,
    #[command(flatten)]
    pub source: KoladaSourceArgs,
}

/// Flags every `kvalitet kolada` command takes.
#[derive(Debug, Args)]
pub struct KoladaSourceArgs {
    /// Datamappen som filerna skrivs till [standard: .]
    #[arg(
        long,
        value_name = "MAPP",
        default_value = ".",
        hide_default_value = true
    )]
    pub mapp: PathBuf,
    /// Adressen till Koladas API [standard: https://api.kolada.se/v3/]
    #[arg(long = "bas-url", value_name = "URL")]
    pub base_url: Option<String>,
    /// Mappen där svaren sparas [standard: användarens cachemapp, till exempel ~/.cache/kvalitet/kolada]
    #[arg(long, value_name = "MAPP")]
    pub cache: Option<PathBuf>,
    /// Fråga Kolada även när svaret redan finns i cachen
    #[arg(long)]
    pub uppdatera: bool,
    /// Svar i cachen som är äldre än så många dagar hämtas på nytt [standard: 7]
    #[arg(
        long = "cache-dagar",
        value_name = "DAGAR",
        default_value_t = 7,
        hide_default_value = true
    )]
    pub cache_days: u32,
    /// Längsta tid för ett anrop till Kolada, i sekunder [standard: 180]
    #[arg(
        long = "tidsgräns",
        visible_alias = "tidsgrans",
        value_name = "SEKUNDER",
        default_value_t = 180,
        hide_default_value = true
    )]
    pub timeout: u64,
}
