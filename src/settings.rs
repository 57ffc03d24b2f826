//! `kvalitet.toml`: the organisation's settings, with the defaults used when the file or a key is
//! missing. Only parsing and defaults live here; checking them against data is `plan`'s job.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The default categories of *bakomliggande orsak* (root cause), from the seed reports.
pub const DEFAULT_CAUSES: &[&str] = &[
    "Kommunikation och information",
    "Omgivning och organisation",
    "Processer och rutiner",
    "Teknisk utrustning",
    "Utbildning och kompetens",
    "Annat",
    "Ingen avvikelse / missförhållande",
];

/// The default categories of *åtgärd* (action taken).
pub const DEFAULT_ACTIONS: &[&str] = &[
    "Översyn av rutin eller process",
    "Utbildning och kompetensutveckling",
    "Information och kommunikation",
    "Förändrad organisation eller bemanning",
    "Teknisk åtgärd",
    "Diskussion i arbetsgrupp",
    "Ingen åtgärd",
];

/// The default of `[indikatorer] forandring_procent`: a KPI that moved by at most 5 % of its
/// value the year before is "i stort sett oförändrat".
pub const CHANGE_THRESHOLD_PERCENT: u32 = 5;

/// The whole settings file.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    pub organisation: Organisation,
    pub rapport: ReportSettings,
    pub kategorier: Categories,
    /// Extra header aliases: canonical column name → headers that mean it.
    pub kolumner: BTreeMap<String, Vec<String>>,
    /// Own words of the Typ column: built-in type word (Synpunkt, Beröm, Klagomål …) → the
    /// words the organisation's system exports for it.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub typer: BTreeMap<String, Vec<String>>,
    /// User surveys (*brukarundersökningar*).
    pub brukarundersokning: SurveySettings,
    /// Indicators (Kolada) and own statistics.
    pub indikatorer: IndicatorSettings,
    /// Which sections the report has and what an empty text section shows.
    pub avsnitt: SectionSettings,
    /// Confidentiality of counts that describe people (*sekretess*).
    pub sekretess: Confidentiality,
    /// Verksamheter with a section of their own (`[[verksamhet]]`), in order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub verksamhet: Vec<UnitSection>,
    /// The organisation's own tables of the register (`[[tabeller]]`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tabeller: Vec<OwnRegisterTable>,
    /// The document's identity: title as written, cover fields, logo and colours.
    pub dokument: DocumentSettings,
}

/// `[[verksamhet]]`: a verksamhet that gets its own section, with its key figures computed from
/// the rows of the enheter and förvaltningar it covers.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct UnitSection {
    /// The heading, and the name its text file in `text/verksamheter/` has.
    pub namn: String,
    /// Enheter it covers, as the register names them.
    pub enheter: Vec<String>,
    /// Förvaltningar it covers, as the register names them.
    pub forvaltningar: Vec<String>,
    /// The survey area (*område*) of its brukarundersökning, if any.
    pub undersokning: Option<String>,
    /// The title of its indicator table (a verksamhetsområde, or a `[[indikatorer.tabell]]`).
    pub nyckeltal: Option<String>,
}

/// One own table of the register: counts of the reports `filter` selects, by the values of
/// one recognised column (or år, månad) in the rows and another in the columns.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OwnRegisterTable {
    pub titel: String,
    /// The column whose values are the rows: a register column's name or alias, "år" or "månad".
    pub rader: String,
    /// The column whose values are the columns; "år" (with change) when not given.
    #[serde(default = "default_own_columns")]
    pub kolumner: String,
    /// Only reports whose column (key) holds the value (Ja for Lex Sarah, Anmäld IVO and IMY).
    #[serde(default)]
    pub filter: BTreeMap<String, String>,
    /// A note under the table.
    #[serde(default)]
    pub anmarkning: Option<String>,
}

fn default_own_columns() -> String {
    "år".into()
}

/// `[dokument]`: how the municipality's documents look and what their cover says. Every key is
/// optional; without them the report is titled "`[rapport] titel` ÅR" in the default colours.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct DocumentSettings {
    /// The title as the municipality writes it; `{år}` is replaced by the report's year
    /// ("Kvalitetsberättelse {år}"). Default: `[rapport] titel` followed by the year.
    pub titel: Option<String>,
    /// A line under the title ("Arbete och försörjning").
    pub undertitel: Option<String>,
    /// The logo: a PNG, JPEG or SVG file, relative to the data folder.
    pub logotyp: Option<String>,
    pub diarienummer: Option<String>,
    /// When the committee decided on the report, as written ("2023-03-28").
    pub beslutsdatum: Option<String>,
    /// The administration or staff unit on the cover; default `[organisation] forvaltning`.
    #[serde(alias = "förvaltning")]
    pub forvaltning: Option<String>,
    pub kontakt: Option<ContactSettings>,
    #[serde(alias = "färger")]
    pub farger: ColourSettings,
}

/// `[dokument.kontakt]`: the author or contact on the cover.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ContactSettings {
    /// Without a name, no contact is shown.
    #[serde(default)]
    pub namn: String,
    /// Their title ("Verksamhetscontroller").
    #[serde(default)]
    pub titel: Option<String>,
    #[serde(default, alias = "e-post")]
    pub epost: Option<String>,
}

/// `[dokument.farger]`: colours as `#rrggbb`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct ColourSettings {
    /// Headings, rules and the cover.
    #[serde(alias = "primär")]
    pub primar: Option<String>,
    /// Table header fills.
    pub accent: Option<String>,
}

/// What a text-only section shows when its file in `text/` is missing or empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
pub enum EmptySections {
    /// A short neutral default text.
    #[serde(rename = "standardtext")]
    Standardtext,
    /// The section is left out (the default): a report never carries filler a controller
    /// did not write, and `check` names the sections without text.
    #[default]
    #[serde(rename = "utelämna", alias = "utelamna")]
    Utelamna,
}

/// `[avsnitt]`: sections left out, and what empty text sections show.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct SectionSettings {
    /// Sections left out of the report, by their file name in `text/` without `.md`.
    pub utelamna: Vec<String>,
    /// What a text-only section shows without text.
    pub tomma: EmptySections,
    /// Own sections (files in `text/` that are no known section), in order, by file name
    /// without extension or number prefix; those not listed follow by number and name.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub egna: Vec<String>,
}

/// Which counts are too small to publish (OSL 26 kap.): one threshold for the register's
/// breakdowns by unit and for the surveys.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Confidentiality {
    /// Counts `n` with `0 < n < minsta_antal` that describe people are shown as "..", and no
    /// share is shown of a base below it; 1 turns suppression off.
    pub minsta_antal: i64,
}

impl Default for Confidentiality {
    fn default() -> Self {
        Confidentiality { minsta_antal: 5 }
    }
}

/// Which indicators the report shows and what they are compared with.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct IndicatorSettings {
    /// Kolada id of the comparison group, e.g. "G2328" (Alla kommuner, ovägt medel).
    pub jamforelsegrupp: Option<String>,
    /// Show riket (Kolada `0000`) beside the municipality.
    pub riket: bool,
    /// Indicator tables; default: one table per verksamhetsområde with every KPI present.
    pub tabell: Vec<IndicatorTableRule>,
    /// Own-statistics tables; default: one table of yearly and one of monthly series.
    pub statistik: Vec<OwnTableRule>,
    /// How large a change of a KPI must be, in percent of the year before's value, before the
    /// report calls it "förbättrats" or "försämrats"; a smaller change is "i stort sett
    /// oförändrat".
    pub forandring_procent: u32,
    /// How one own-statistics series is shown, keyed by its id (`[indikatorer.serie.<id>]`;
    /// a map of ids, so nothing to write when empty).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub serie: BTreeMap<String, OwnSeriesRule>,
    /// Targets (*målvärden*) by KPI id (`[indikatorer.mal]`, `U21468 = 83`); they replace the
    /// column Målvärde of the KPI descriptions.
    #[serde(skip_serializing_if = "BTreeMap::is_empty", alias = "mål")]
    pub mal: BTreeMap<String, f64>,
}

impl Default for IndicatorSettings {
    fn default() -> Self {
        IndicatorSettings {
            jamforelsegrupp: None,
            riket: true,
            tabell: Vec::new(),
            statistik: Vec::new(),
            forandring_procent: CHANGE_THRESHOLD_PERCENT,
            serie: BTreeMap::new(),
            mal: BTreeMap::new(),
        }
    }
}

/// One indicator table: a title and its KPIs, in order.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorTableRule {
    pub titel: String,
    pub kpi: Vec<String>,
    /// Key for templates (`tabell(id=…)`); default: derived from the title.
    #[serde(default)]
    pub nyckel: Option<String>,
}

/// One own-statistics table: a title and its series ids, in order.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OwnTableRule {
    pub titel: String,
    pub id: Vec<String>,
    #[serde(default)]
    pub nyckel: Option<String>,
}

/// How one own-statistics series is shown: an amount in another unit (`enhet`: "kr", "tkr" or
/// "mnkr"; 5 060 123 kr as "5 060 tkr") and the decimals (default: those the data has, none
/// after a change of unit).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct OwnSeriesRule {
    pub enhet: Option<String>,
    pub decimaler: Option<u32>,
}

/// Who the report is for; shown in the title block.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Organisation {
    /// *Kommun* or organisation, e.g. "Norrviks kommun".
    pub namn: String,
    /// *Nämnd*, e.g. "Socialnämnden".
    pub namnd: String,
    /// *Förvaltning*, e.g. "Socialförvaltningen".
    pub forvaltning: String,
    /// Kolada id of the municipality (four digits), used by the indicator section.
    pub kolada_id: Option<String>,
}

impl Default for Organisation {
    fn default() -> Self {
        Organisation {
            namn: "Kommunen".into(),
            namnd: "Socialnämnden".into(),
            forvaltning: String::new(),
            kolada_id: None,
        }
    }
}

/// Which date decides the year a report belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum YearBasis {
    /// *Händelsedatum*: when it happened (the default).
    #[default]
    #[serde(alias = "händelsedatum")]
    Handelsedatum,
    /// *Rapporterad*: when it was reported.
    Rapporterad,
}

/// Settings of the report itself.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReportSettings {
    /// Report title; the year is appended.
    pub titel: String,
    /// How many years before the report year to compare with.
    pub jamforelsear: u32,
    /// Which date decides the year.
    pub ar_styrs_av: YearBasis,
    /// Date stated in the report as its date (YYYY-MM-DD); default: no date is printed.
    pub datum: Option<String>,
    /// The municipality's Word template for `--format docx`, relative to the data folder;
    /// default: `mall.docx` or `mall.dotx` there, else the built-in look.
    pub wordmall: Option<String>,
}

impl Default for ReportSettings {
    fn default() -> Self {
        ReportSettings {
            titel: "Kvalitetsberättelse".into(),
            jamforelsear: 4,
            ar_styrs_av: YearBasis::default(),
            datum: None,
            wordmall: None,
        }
    }
}

/// Category lists that multi-label and category columns are checked against.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Categories {
    pub bakomliggande_orsak: Vec<String>,
    pub atgard: Vec<String>,
    /// *Händelsetyp*: empty means any value is accepted.
    pub handelsetyp: Vec<String>,
}

impl Default for Categories {
    fn default() -> Self {
        Categories {
            bakomliggande_orsak: DEFAULT_CAUSES.iter().map(|s| s.to_string()).collect(),
            atgard: DEFAULT_ACTIONS.iter().map(|s| s.to_string()).collect(),
            handelsetyp: Vec::new(),
        }
    }
}

/// Answer options kept out of the base of the percentages by default (matched folded, as a
/// part of the option's text).
pub const DEFAULT_OUTSIDE_BASE: &[&str] = &["Vet inte", "Vet ej", "Ingen åsikt", "Ej aktuellt"];

/// How user surveys are computed and shown.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct SurveySettings {
    /// Decimals of shares, unless a survey says otherwise.
    pub decimaler: u32,
    /// Options kept out of the base: an option whose text contains one of these (folded).
    pub utanfor_basen: Vec<String>,
    /// Per-survey rules.
    pub undersokning: Vec<SurveyRule>,
    /// Which options count as positive for a question.
    pub positiva: Vec<PositiveRule>,
    /// How small numbers of answers are protected (`skydd`).
    pub skydd: SurveyProtection,
}

impl Default for SurveySettings {
    fn default() -> Self {
        SurveySettings {
            decimaler: 0,
            utanfor_basen: DEFAULT_OUTSIDE_BASE.iter().map(|s| s.to_string()).collect(),
            undersokning: Vec::new(),
            positiva: Vec::new(),
            skydd: SurveyProtection::default(),
        }
    }
}

/// How a survey's small numbers are protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
pub enum SurveyProtection {
    /// SKR's and Kolada's practice: a question (or a survey) with fewer answers than
    /// `minsta_antal` is not shown; otherwise every option's count and share is, as
    /// municipalities publish them.
    #[default]
    #[serde(rename = "fråga")]
    Question,
    /// Stricter: every answer count below `minsta_antal` is hidden too, with the counts and
    /// shares that would let it be recomputed (primary and secondary suppression per cell).
    #[serde(rename = "cell")]
    Cell,
}

/// Which answers make up the base of a question's percentages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
pub enum BaseRule {
    /// Options such as "Vet inte" are kept out of the base and shown on their own line.
    #[default]
    #[serde(rename = "utan vet inte")]
    WithoutDontKnow,
    /// Every answer is in the base (as in Huddinge's report).
    #[serde(rename = "alla svar")]
    AllAnswers,
}

/// Rules for one survey (all years, or the years listed).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SurveyRule {
    /// The survey's name as in the data (*Undersökning*).
    pub namn: String,
    /// Only these years; empty means every year.
    #[serde(default)]
    pub ar: Vec<i32>,
    pub decimaler: Option<u32>,
    pub bas: Option<BaseRule>,
}

/// The options that count as positive for a question (default: the top two, or the top one
/// when the question has three options or fewer in its base).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PositiveRule {
    /// The question's text as in the data (*Fråga*).
    pub fraga: String,
    /// Only in this survey; default: every survey that asks the question.
    #[serde(default)]
    pub undersokning: Option<String>,
    /// The positive options, by text.
    #[serde(default)]
    pub alternativ: Vec<String>,
    /// Or: the first N options are positive.
    #[serde(default)]
    pub antal: Option<usize>,
}

impl Settings {
    /// Parses the text of a `kvalitet.toml`.
    pub fn parse(text: &str) -> Result<Settings, toml::de::Error> {
        toml::from_str(text)
    }

    /// The confidentiality rule of `[sekretess]`.
    pub fn rule(&self) -> crate::base::Rule {
        crate::base::Rule {
            min: self.sekretess.minsta_antal,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_file_gives_defaults() {
        let s = Settings::parse("").unwrap();
        assert_eq!(s.rapport.jamforelsear, 4);
        assert_eq!(s.rapport.ar_styrs_av, YearBasis::Handelsedatum);
        assert_eq!(s.kategorier.bakomliggande_orsak.len(), 7);
        assert_eq!(s.rule().min, 5);
    }

    #[test]
    fn the_suppression_threshold_is_one_setting() {
        let s = Settings::parse("[sekretess]\nminsta_antal = 3\n").unwrap();
        assert_eq!(s.rule().min, 3);
        assert!(Settings::parse("[brukarundersokning]\nminsta_antal_svar = 3\n").is_err());
    }

    #[test]
    fn year_basis_and_aliases_are_read() {
        let s = Settings::parse(
            "[rapport]\nar_styrs_av = \"rapporterad\"\njamforelsear = 2\n[kolumner]\n\"Händelsedatum\" = [\"Datum då det hände\"]\n",
        )
        .unwrap();
        assert_eq!(s.rapport.ar_styrs_av, YearBasis::Rapporterad);
        assert_eq!(s.rapport.jamforelsear, 2);
        assert_eq!(s.kolumner["Händelsedatum"], vec!["Datum då det hände"]);
    }

    #[test]
    fn the_document_section_is_optional_and_read_with_swedish_spellings() {
        assert!(Settings::parse("").unwrap().dokument.titel.is_none());
        let s = Settings::parse(
            "[dokument]\ntitel = \"Kvalitetsberättelse {år}\"\nlogotyp = \"logga.svg\"\n[dokument.kontakt]\nnamn = \"A B\"\n\"e-post\" = \"a@b.se\"\n[dokument.\"färger\"]\n\"primär\" = \"#112233\"\n",
        )
        .unwrap();
        assert_eq!(
            s.dokument.titel.as_deref(),
            Some("Kvalitetsberättelse {år}")
        );
        assert_eq!(s.dokument.kontakt.unwrap().epost.as_deref(), Some("a@b.se"));
        assert_eq!(s.dokument.farger.primar.as_deref(), Some("#112233"));
        assert!(Settings::parse("[dokument]\nlogo = \"x.png\"\n").is_err());
    }

    #[test]
    fn unknown_keys_are_rejected() {
        assert!(Settings::parse("[rapport]\njamforelsar = 3\n").is_err());
    }
}
