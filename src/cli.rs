//! The command line: clap derive types whose doc comments are the help text, plus the Swedish
//! dressing clap lacks (headings, help flags, error messages).

use std::path::PathBuf;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};

/// Skriver socialtjänstens kvalitetsberättelse ur registret över rapporter.
///
/// Avvikelser, lex Sarah, klagomål och synpunkter och personuppgiftsincidenter,
/// brukarundersökningar, nyckeltal ur Kolada och verksamhetens egen text läses från datamappen
/// och blir en färdig rapport i Markdown, HTML och PDF med bilagan "Verksamheten i siffror".
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
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Mappen som skapas (finns den redan läggs bara de filer till som saknas).
    #[arg(value_name = "MAPP")]
    pub dir: PathBuf,
    /// Året som mallarnas exempelrader gäller [standard: innevarande år]
    #[arg(long = "år", visible_alias = "ar", value_name = "ÅR")]
    pub year: Option<i32>,
}

#[derive(Debug, Args)]
pub struct MallarArgs {
    /// Skriv standardmallarna till MAPP; ändra dem där och använd dem med report --templates MAPP.
    #[arg(long, value_name = "MAPP")]
    pub exportera: Option<PathBuf>,
}

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
    /// Format att skriva, kommaseparerade: md, html, pdf (pdf kräver Chromium) [standard: md,html]
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
    /// Skriv ändå, fast celler ser ut att innehålla personnummer, e-postadresser eller telefonnummer
    #[arg(
        long = "tillåt-personuppgifter",
        visible_alias = "tillat-personuppgifter"
    )]
    pub allow_personal_data: bool,
}

/// `--tillåt-ofullständig`: write even though an input file contributes nothing.
#[derive(Debug, Clone, Copy, Args)]
pub struct IncompleteArg {
    /// Skriv ändå, fast en fil i datamappen inte har en enda rad som kan användas (berättelsen blir utan dess tabeller)
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
    /// Skriv även berättelsen, kommaseparerade format: md, html, pdf
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

// ---------------------------------------------------------------------------------------
// `kvalitet indikator …`: terminal queries against the indicator store.
// ---------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------

// ---- `kvalitet kolada …`: fetching from the Kolada API ----

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
            msg.starts_with("fel: okänt kommando \"raport\" (menade du \"report\"?)"),
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
            msg.starts_with("fel: ange ett kommando: report, check, export, spåra, init, mallar, kolada eller indikator"),
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
