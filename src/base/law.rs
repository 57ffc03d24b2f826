//! The legal references the report cites, in one dated table: which law and provision says what,
//! from and to which day it applies, when the entry was verified and against what. A report
//! year cites every entry in force during that year, with the date boundary when a law changed.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::format::long_date;

/// A law the table cites, always with its SFS number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Law {
    /// Socialtjänstlagen (2001:453), repealed by 2025:400 from 1 July 2025.
    Sol2001,
    /// Socialtjänstlagen (2025:400), in force from 1 July 2025.
    Sol2025,
    /// Lagen (1993:387) om stöd och service till vissa funktionshindrade.
    Lss,
}

impl Law {
    /// The law as cited after a provision: "socialtjänstlagen (2025:400)".
    pub fn citation(self) -> &'static str {
        match self {
            Law::Sol2001 => "socialtjänstlagen (2001:453)",
            Law::Sol2025 => "socialtjänstlagen (2025:400)",
            Law::Lss => "lagen (1993:387) om stöd och service till vissa funktionshindrade (LSS)",
        }
    }
}

/// What a provision is about, as the templates name it (`lag.<key>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Topic {
    Quality,
    Routines,
    Report,
    Inform,
    PrivateProvider,
    Investigate,
    NotifyIvo,
    LssLexSarah,
    Documentation,
    NotCarriedOut,
    LssNotCarriedOut,
}

impl Topic {
    pub const ALL: [Topic; 11] = [
        Topic::Quality,
        Topic::Routines,
        Topic::Report,
        Topic::Inform,
        Topic::PrivateProvider,
        Topic::Investigate,
        Topic::NotifyIvo,
        Topic::LssLexSarah,
        Topic::Documentation,
        Topic::NotCarriedOut,
        Topic::LssNotCarriedOut,
    ];

    /// The key templates use: `{{ lag.rapportera }}`.
    pub fn key(self) -> &'static str {
        match self {
            Topic::Quality => "kvalitet",
            Topic::Routines => "rutiner",
            Topic::Report => "rapportera",
            Topic::Inform => "informera",
            Topic::PrivateProvider => "enskild_verksamhet",
            Topic::Investigate => "utreda",
            Topic::NotifyIvo => "anmala_ivo",
            Topic::LssLexSarah => "lex_sarah_lss",
            Topic::Documentation => "dokumentation",
            Topic::NotCarriedOut => "ej_verkstallda",
            Topic::LssNotCarriedOut => "ej_verkstallda_lss",
        }
    }

    /// Which part of the report rests on the provision.
    pub fn scope(self) -> Scope {
        match self {
            Topic::Quality => Scope::General,
            Topic::Documentation
            | Topic::Routines
            | Topic::Report
            | Topic::Inform
            | Topic::PrivateProvider
            | Topic::Investigate
            | Topic::NotifyIvo
            | Topic::LssLexSarah => Scope::Register,
            Topic::NotCarriedOut | Topic::LssNotCarriedOut => Scope::NotCarriedOut,
        }
    }

    /// What the provision says, in the report's words.
    pub fn name(self) -> &'static str {
        match self {
            Topic::Quality => "Kvalitet i verksamheten, grunden för ledningssystemet",
            Topic::Routines => "Rutiner för att förebygga och avhjälpa missförhållanden",
            Topic::Report => "Skyldighet att rapportera missförhållanden (lex Sarah)",
            Topic::Inform => "Information till personalen om rapporteringsskyldigheten",
            Topic::PrivateProvider => "Enskild verksamhet informerar nämnden",
            Topic::Investigate => "Dokumentera, utreda och avhjälpa missförhållanden",
            Topic::NotifyIvo => "Anmälan till IVO om allvarliga missförhållanden",
            Topic::LssLexSarah => "Lex Sarah inom LSS",
            Topic::Documentation => "Dokumentation",
            Topic::NotCarriedOut => "Rapportering av ej verkställda beslut (SoL)",
            Topic::LssNotCarriedOut => "Rapportering av ej verkställda beslut (LSS)",
        }
    }
}

/// The part of the report a provision belongs to: the report's list of provisions names a
/// part's provisions only when the report has that part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The quality system: every report.
    General,
    /// Lex Sarah and the documentation of cases: reports with a register of avvikelser.
    Register,
    /// Decisions not carried out: reports with that section.
    NotCarriedOut,
}

/// One dated entry of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Provision {
    pub topic: Topic,
    pub law: Law,
    /// The provision without the law: "27 kap. 2 §".
    pub section: &'static str,
    /// First day it applies; `None`: before any report year.
    pub from: Option<NaiveDate>,
    /// Last day it applies; `None`: still in force.
    pub to: Option<NaiveDate>,
    /// When the entry was last checked against `source`.
    pub verified: NaiveDate,
    pub source: &'static str,
}

impl Provision {
    /// "27 kap. 2 § socialtjänstlagen (2025:400)".
    pub fn cite(&self) -> String {
        format!("{} {}", self.section, self.law.citation())
    }

    /// Whether it applies on at least one day of `year`.
    pub fn applies_in(&self, year: i32) -> bool {
        let first = date(year, 1, 1);
        let last = date(year, 12, 31);
        self.from.is_none_or(|f| f <= last) && self.to.is_none_or(|t| t >= first)
    }
}

const fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(d) => d,
        None => panic!("a valid date"),
    }
}

/// The last day of SoL (2001:453).
const OLD_UNTIL: NaiveDate = date(2025, 6, 30);
/// The first day of SoL (2025:400).
const NEW_FROM: NaiveDate = date(2025, 7, 1);
/// When the pairs were verified against the consolidated texts (issue 26).
pub const VERIFIED: NaiveDate = date(2026, 12, 5);

const SOURCE_OLD: &str = "SFS 2001:453, konsoliderad text i lydelsen till och med 30 juni 2025 (jämförd med SFS 2025:400)";
const SOURCE_NEW: &str = "SFS 2025:400, konsoliderad text";
const SOURCE_LSS: &str = "SFS 1993:387, konsoliderad text";

const fn old(topic: Topic, section: &'static str) -> Provision {
    Provision {
        topic,
        law: Law::Sol2001,
        section,
        from: None,
        to: Some(OLD_UNTIL),
        verified: VERIFIED,
        source: SOURCE_OLD,
    }
}

const fn new(topic: Topic, section: &'static str) -> Provision {
    Provision {
        topic,
        law: Law::Sol2025,
        section,
        from: Some(NEW_FROM),
        to: None,
        verified: VERIFIED,
        source: SOURCE_NEW,
    }
}

const fn lss(topic: Topic, section: &'static str) -> Provision {
    Provision {
        topic,
        law: Law::Lss,
        section,
        from: None,
        to: None,
        verified: VERIFIED,
        source: SOURCE_LSS,
    }
}

/// Every legal reference of the report. Pairs (SoL 2001:453 → SoL 2025:400) as verified in
/// issue 26; add an entry here, never a section number in a template.
pub const TABLE: &[Provision] = &[
    old(Topic::Quality, "3 kap. 3 §"),
    new(Topic::Quality, "5 kap. 1–2 §§"),
    old(Topic::Routines, "3 kap. 3 a §"),
    new(Topic::Routines, "27 kap. 1 §"),
    old(Topic::Report, "14 kap. 3 §"),
    new(Topic::Report, "27 kap. 2 §"),
    old(Topic::Inform, "14 kap. 4 §"),
    new(Topic::Inform, "27 kap. 3 §"),
    old(Topic::PrivateProvider, "14 kap. 5 §"),
    new(Topic::PrivateProvider, "27 kap. 4 §"),
    old(Topic::Investigate, "14 kap. 6 §"),
    new(Topic::Investigate, "27 kap. 5 §"),
    old(Topic::NotifyIvo, "14 kap. 7 §"),
    new(Topic::NotifyIvo, "27 kap. 6 §"),
    lss(Topic::LssLexSarah, "24 b–24 f §§"),
    old(Topic::Documentation, "11 kap. 5 §"),
    new(Topic::Documentation, "14 kap. 3 §"),
    old(Topic::NotCarriedOut, "16 kap. 6 f–i §§"),
    new(Topic::NotCarriedOut, "34 kap. 1–4 §§"),
    lss(Topic::LssNotCarriedOut, "28 f–h §§"),
];

/// The last day any entry was verified: a report for a later year may cite a law that changed.
pub fn verified() -> NaiveDate {
    TABLE.iter().map(|p| p.verified).min().unwrap_or(VERIFIED)
}

/// The entries in force during `year`, in table order.
pub fn in_force(year: i32) -> Vec<&'static Provision> {
    TABLE.iter().filter(|p| p.applies_in(year)).collect()
}

/// When an entry applies within `year`, in words, or `None` when it applies all year.
pub fn period_in(p: &Provision, year: i32) -> Option<String> {
    let from = p.from.filter(|f| *f > date(year, 1, 1));
    let to = p.to.filter(|t| *t < date(year, 12, 31));
    match (from, to) {
        (None, None) => None,
        (Some(f), None) => Some(format!("från och med den {}", long_date(f))),
        (None, Some(t)) => Some(format!("till och med den {}", long_date(t))),
        (Some(f), Some(t)) => Some(format!(
            "från och med den {} till och med den {}",
            long_date(f),
            long_date(t)
        )),
    }
}

/// The citation of `topic` for `year`: one provision, or each in force with its date boundary
/// ("14 kap. 3 § socialtjänstlagen (2001:453) till och med den 30 juni 2025 och 27 kap. 2 §
/// socialtjänstlagen (2025:400) från och med den 1 juli 2025"). `None` when none applies.
pub fn cite(topic: Topic, year: i32) -> Option<String> {
    let parts: Vec<String> = TABLE
        .iter()
        .filter(|p| p.topic == topic && p.applies_in(year))
        .map(|p| match period_in(p, year) {
            Some(period) => format!("{} {period}", p.cite()),
            None => p.cite(),
        })
        .collect();
    match parts.as_slice() {
        [] => None,
        [one] => Some(one.clone()),
        [init @ .., last] => Some(format!("{} och {last}", init.join(", "))),
    }
}

/// One line of the report's list of provisions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    /// What it is about.
    pub amne: &'static str,
    /// The citation.
    pub bestammelse: String,
    /// When it applies within the year, if not all year.
    pub period: Option<String>,
}

/// What the report cites for `year`: each topic's citation by key, and the entries in force.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct YearLaw {
    pub citat: BTreeMap<&'static str, String>,
    pub lista: Vec<Entry>,
}

impl YearLaw {
    /// Every citation for `year`, and in the list the provisions of the parts `has` says the
    /// report has.
    pub fn of(year: i32, has: impl Fn(Scope) -> bool) -> YearLaw {
        let citat = Topic::ALL
            .iter()
            .filter_map(|t| cite(*t, year).map(|c| (t.key(), c)))
            .collect();
        let lista = in_force(year)
            .into_iter()
            .filter(|p| has(p.topic.scope()))
            .map(|p| Entry {
                amne: p.topic.name(),
                bestammelse: p.cite(),
                period: period_in(p, year),
            })
            .collect();
        YearLaw { citat, lista }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_old_law_applies_to_2024_only() {
        assert_eq!(
            cite(Topic::Report, 2024).unwrap(),
            "14 kap. 3 § socialtjänstlagen (2001:453)"
        );
        assert!(in_force(2024).iter().all(|p| p.law != Law::Sol2025));
    }

    #[test]
    fn both_laws_apply_to_2025_with_the_boundary() {
        assert_eq!(
            cite(Topic::Report, 2025).unwrap(),
            "14 kap. 3 § socialtjänstlagen (2001:453) till och med den 30 juni 2025 och \
             27 kap. 2 § socialtjänstlagen (2025:400) från och med den 1 juli 2025"
        );
        let laws: Vec<Law> = in_force(2025).iter().map(|p| p.law).collect();
        assert!(laws.contains(&Law::Sol2001) && laws.contains(&Law::Sol2025));
    }

    #[test]
    fn the_new_law_applies_to_2026() {
        assert_eq!(
            cite(Topic::NotCarriedOut, 2026).unwrap(),
            "34 kap. 1–4 §§ socialtjänstlagen (2025:400)"
        );
        assert!(in_force(2026).iter().all(|p| p.law != Law::Sol2001));
        assert_eq!(
            cite(Topic::LssLexSarah, 2026).unwrap(),
            "24 b–24 f §§ lagen (1993:387) om stöd och service till vissa funktionshindrade (LSS)"
        );
    }

    #[test]
    fn every_topic_has_a_provision_every_year_and_the_laws_meet_without_gap() {
        for year in 2000..=2040 {
            for t in Topic::ALL {
                assert!(cite(t, year).is_some(), "{t:?} {year}");
            }
        }
        assert_eq!(OLD_UNTIL.succ_opt(), Some(NEW_FROM));
    }

    #[test]
    fn every_sol_topic_has_exactly_one_pair() {
        for t in Topic::ALL {
            let entries: Vec<&Provision> = TABLE.iter().filter(|p| p.topic == t).collect();
            let laws: Vec<Law> = entries.iter().map(|p| p.law).collect();
            assert!(
                laws == [Law::Sol2001, Law::Sol2025] || laws == [Law::Lss],
                "{t:?}: {laws:?}"
            );
        }
    }

    #[test]
    fn every_citation_names_its_sfs_number() {
        for year in [2024, 2025, 2026] {
            for entry in YearLaw::of(year, |_| true).lista {
                let sfs = ["(2001:453)", "(2025:400)", "(1993:387)"];
                assert!(
                    sfs.iter().any(|s| entry.bestammelse.contains(s)),
                    "{}",
                    entry.bestammelse
                );
            }
        }
    }

    #[test]
    fn the_list_names_a_part_s_provisions_only_when_the_report_has_the_part() {
        let all = YearLaw::of(2026, |_| true);
        let general = YearLaw::of(2026, |s| s == Scope::General);
        let topics = |law: &YearLaw| -> Vec<&str> { law.lista.iter().map(|e| e.amne).collect() };
        assert_eq!(topics(&general), [Topic::Quality.name()]);
        assert_eq!(all.lista.len(), Topic::ALL.len());
        let without_lex_sarah = YearLaw::of(2026, |s| s != Scope::Register);
        assert!(
            topics(&without_lex_sarah)
                .iter()
                .all(|t| !t.contains("lex Sarah") && !t.contains("IVO"))
        );
        assert!(topics(&without_lex_sarah).contains(&Topic::NotCarriedOut.name()));
        // Every citation stays, whatever the list names: a template may cite any of them.
        assert_eq!(general.citat, all.citat);
        assert_eq!(general.citat.len(), Topic::ALL.len());
    }

    #[test]
    fn verified_is_the_oldest_verification() {
        assert_eq!(verified(), VERIFIED);
    }
}
