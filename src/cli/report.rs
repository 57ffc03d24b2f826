//! `kvalitet report`, `check` and `spåra`: the flags of the commands that read the data
//! folder, and the flags they share (`--data`, `--tillåt-personuppgifter`, `--tillåt-ofullständig`).

use std::path::PathBuf;

use clap::Args;

#[derive(Debug, Args)]
pub struct SparaArgs {
    /// Året som rapporten gäller, till exempel 2022.
    #[arg(value_name = "ÅR", display_order = 1)]
    pub year: i32,
    /// Tabellens nummer i bilagan (3) eller nyckel (lex_sarah_per_enhet).
    #[arg(value_name = "TABELL", display_order = 2)]
    pub table: String,
    /// Radens text (Klagomål) eller nummer, räknat från 1.
    #[arg(value_name = "RAD", display_order = 3)]
    pub row: String,
    /// Kolumnens rubrik (2022) eller nummer bland sifferkolumnerna, räknat från 1.
    #[arg(value_name = "KOLUMN", display_order = 4)]
    pub column: String,
    #[command(flatten)]
    pub data: DataArg,
    /// Visa Id och antal även för uppgifter som inte visas (..) i rapporten. Bara för granskning:
    /// utskriften röjer skyddade uppgifter och får inte publiceras.
    #[arg(long = "visa-skyddade")]
    pub show_protected: bool,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Året som berättelsen gäller, till exempel 2022.
    #[arg(value_name = "ÅR")]
    pub year: i32,
    /// Mappen med underlaget: rapporter.xlsx (eller .xls, .ods, .csv) och kvalitet.toml [standard: .]
    #[arg(
        long,
        value_name = "MAPP",
        default_value = ".",
        hide_default_value = true
    )]
    pub data: PathBuf,
    /// Mappen som rapporten skrivs till [standard: ut]
    #[arg(
        long,
        value_name = "MAPP",
        default_value = "ut",
        hide_default_value = true
    )]
    pub out: PathBuf,
    /// Format att skriva, kommaseparerade: md, html, pdf, docx (Word; mall.docx i datamappen ger kommunens mall) [standard: md,html]
    #[arg(
        long,
        value_name = "FORMAT",
        default_value = "md,html",
        value_delimiter = ',',
        hide_default_value = true
    )]
    pub format: Vec<String>,
    /// Mapp med egna mallar som ersätter standardmallarna fil för fil.
    #[arg(long, value_name = "MAPP")]
    pub templates: Option<PathBuf>,
    #[command(flatten)]
    pub privacy: PrivacyArg,
    #[command(flatten)]
    pub incomplete: IncompleteArg,
}

/// `--tillåt-personuppgifter`: every command that reads the data folder takes it.
#[derive(Debug, Clone, Copy, Args)]
pub struct PrivacyArg {
    /// Fortsätt ändå, fast celler ser ut att innehålla personnummer, e-postadresser eller telefonnummer
    #[arg(
        long = "tillåt-personuppgifter",
        visible_alias = "tillat-personuppgifter"
    )]
    pub allow_personal_data: bool,
}

/// `--tillåt-ofullständig`: write even though an input file contributes nothing, or more than
/// 1 % of a file's rows were rejected (the report then says so at its top).
#[derive(Debug, Clone, Copy, Args)]
pub struct IncompleteArg {
    /// Fortsätt ändå, fast en fil i datamappen inte har en enda rad som kan användas (berättelsen blir utan dess tabeller) eller mer än 1 % av en fils rader avvisades (bortfallet står då överst i berättelsen)
    #[arg(long = "tillåt-ofullständig", visible_alias = "tillat-ofullstandig")]
    pub allow_incomplete: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub data: DataArg,
    /// Fyll också i berättelsen för ÅR utan att skriva den, så att fel i texter och mallar syns.
    #[arg(long = "år", visible_alias = "ar", value_name = "ÅR")]
    pub year: Option<i32>,
    /// Mapp med egna mallar att kontrollera tillsammans med texterna.
    #[arg(long, value_name = "MAPP")]
    pub templates: Option<PathBuf>,
}

/// `--data` of the commands that only read the data folder.
#[derive(Debug, Args)]
pub struct DataArg {
    /// Mappen med underlaget [standard: .]
    #[arg(
        long,
        value_name = "MAPP",
        default_value = ".",
        hide_default_value = true
    )]
    pub data: PathBuf,
    #[command(flatten)]
    pub privacy: PrivacyArg,
    #[command(flatten)]
    pub incomplete: IncompleteArg,
}
