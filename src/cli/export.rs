//! `kvalitet export`: the flags of the unattended batch export.

use std::path::PathBuf;

use clap::Args;

use super::{IncompleteArg, PrivacyArg};

/// `kvalitet export`: unattended batch export (see `cmd::export`).
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Datamappar eller mönster som "kommuner/*" (mönster tolkas av kvalitet, även i Windows).
    #[arg(value_name = "MAPP")]
    pub folders: Vec<String>,
    /// Fil med en datamapp (eller ett mönster) per rad; # inleder en kommentar.
    #[arg(long, value_name = "FIL")]
    pub lista: Option<PathBuf>,
    /// År eller intervall: 2022, 2020-2022 eller 2020..2022
    #[arg(long = "år", visible_alias = "ar", value_name = "ÅR", required = true)]
    pub years: String,
    /// Mappen som exporten skrivs till [standard: ut]
    #[arg(
        long,
        value_name = "MAPP",
        default_value = "ut",
        hide_default_value = true
    )]
    pub out: PathBuf,
    /// Tabellformat, kommaseparerade: csv, xlsx, json [standard: csv,xlsx,json]
    #[arg(
        long,
        value_name = "FORMAT",
        default_value = "csv,xlsx,json",
        value_delimiter = ',',
        hide_default_value = true
    )]
    pub format: Vec<String>,
    /// Skriv även berättelsen, kommaseparerade format: md, html, pdf, docx (Word)
    #[arg(long = "rapport", value_name = "FORMAT", value_delimiter = ',')]
    pub reports: Vec<String>,
    /// Exportera även per förvaltning och/eller enhet: forvaltning, enhet
    #[arg(long, value_name = "NIVÅ", value_delimiter = ',')]
    pub per: Vec<String>,
    /// Kontrollera alla mappar och skriv ingenting
    #[arg(long, visible_alias = "kontroll")]
    pub check: bool,
    #[command(flatten)]
    pub privacy: PrivacyArg,
    #[command(flatten)]
    pub incomplete: IncompleteArg,
    /// Så många mappar bearbetas samtidigt [standard: två per kärna]
    #[arg(long = "jobb", value_name = "N")]
    pub jobs: Option<usize>,
    /// Datum som berättelserna anger (ÅÅÅÅ-MM-DD); ersätter datum i kvalitet.toml
    #[arg(long, value_name = "DATUM")]
    pub datum: Option<String>,
    /// Mapp med egna mallar för berättelsen (--rapport).
    #[arg(long, value_name = "MAPP")]
    pub templates: Option<PathBuf>,
}
