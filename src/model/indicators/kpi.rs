//! What a KPI is, whatever file it came from: its metadata ([`KpiMeta`]), which way is better
//! ([`Direction`]), how a Kolada title is cleaned for display and how ids are compared. Pure
//! types; reads no file.

pub use super::title::clean_title;
use crate::diagnostics::{Findings, Reconciliation};

/// KPI ids are compared upper-cased and trimmed.
pub fn normalise_kpi(s: &str) -> String {
    s.trim().to_ascii_uppercase()
}

/// Which way a KPI is better (*riktning*).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Direction {
    /// *Högre är bättre*.
    HigherIsBetter,
    /// *Lägre är bättre*.
    LowerIsBetter,
}

impl Direction {
    /// Reads "Högre är bättre" / "Lägre är bättre", also "högre", "lägre", "hög", "låg", "+"
    /// and "-". Empty is `Ok(None)` (no direction); anything else is `Err`.
    pub fn parse(s: &str) -> Result<Option<Direction>, UnknownDirection> {
        let t = s.trim();
        match t {
            "" => return Ok(None),
            "+" => return Ok(Some(Direction::HigherIsBetter)),
            "-" | "\u{2212}" | "\u{2013}" => return Ok(Some(Direction::LowerIsBetter)),
            _ => {}
        }
        match crate::text::fold(t).as_str() {
            "hogre ar battre" | "hogre" | "hog" | "hogt" | "higher" | "higher is better" => {
                Ok(Some(Direction::HigherIsBetter))
            }
            "lagre ar battre" | "lagre" | "lag" | "lagt" | "lower" | "lower is better" => {
                Ok(Some(Direction::LowerIsBetter))
            }
            _ => Err(UnknownDirection),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Direction::HigherIsBetter => "Högre är bättre",
            Direction::LowerIsBetter => "Lägre är bättre",
        }
    }
}

/// A *riktning* that is none of the accepted spellings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownDirection;

/// What is known about one KPI.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct KpiMeta {
    /// Kolada id (e.g. `U31402`) or the organisation's own id; the key, never the title.
    pub id: String,
    /// Title cleaned for display.
    pub title: String,
    /// *Enhet*, e.g. "dagar", "%", "kr/inv".
    pub unit: Option<String>,
    /// *Verksamhetsområde*, e.g. "Individ- och familjeomsorg".
    pub operating_area: Option<String>,
    pub direction: Option<Direction>,
    /// *Visningsnamn*: a shorter title chosen by the organisation.
    pub display_name: Option<String>,
    /// *Decimaler*: how many decimals to show.
    pub decimals: Option<u32>,
    pub description: Option<String>,
    /// *Målvärde*: the organisation's target for the KPI (`[indikatorer.mal]` overrides it).
    pub target: Option<f64>,
}

impl KpiMeta {
    pub fn new(id: &str) -> KpiMeta {
        KpiMeta {
            id: id.to_string(),
            title: String::new(),
            unit: None,
            operating_area: None,
            direction: None,
            display_name: None,
            decimals: None,
            description: None,
            target: None,
        }
    }

    /// The name to show: the display name if set, else the title, else the id.
    pub fn name(&self) -> &str {
        self.display_name
            .as_deref()
            .filter(|s| !s.is_empty())
            .or(Some(self.title.as_str()).filter(|s| !s.is_empty()))
            .unwrap_or(&self.id)
    }
}

/// The `nyckeltal` file read.
#[derive(Debug, Default)]
pub struct MetaRead {
    pub kpis: Vec<KpiMeta>,
    pub reconciliation: Reconciliation,
    pub findings: Findings,
}
