//! One *rapport* (report received) in the register, with the meaning of each field typed.

use chrono::NaiveDate;

use super::Sym;

/// *Typ*: what kind of report it is. A lex Sarah report is an `Avvikelse` judged to fall
/// under lex Sarah.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// *Avvikelse* (deviation).
    Deviation,
    /// *Klagomål* (complaint).
    Complaint,
    /// *Synpunkt* (comment or suggestion).
    Comment,
    /// *Personuppgiftsincident* (personal data breach).
    DataBreach,
    /// *Lex Maria*: an event in health care (HSL) investigated for an anmälan till IVO.
    LexMaria,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Deviation,
        Kind::Complaint,
        Kind::Comment,
        Kind::DataBreach,
        Kind::LexMaria,
    ];

    /// The canonical Swedish value.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Deviation => "Avvikelse",
            Kind::Complaint => "Klagomål",
            Kind::Comment => "Synpunkt",
            Kind::DataBreach => "Personuppgiftsincident",
            Kind::LexMaria => "Lex Maria",
        }
    }

    /// Reads a *Typ* value (folded); `Some((kind, lex_sarah))`, where a value such as
    /// "Lex Sarah" means an avvikelse under lex Sarah.
    pub fn parse(folded: &str) -> Option<(Kind, bool)> {
        Some(match folded {
            "avvikelse" | "avvikelser" | "avvikelserapport" => (Kind::Deviation, false),
            "lex sarah" | "lex sarah rapport" | "missforhallande" => (Kind::Deviation, true),
            "klagomal" => (Kind::Complaint, false),
            "synpunkt" | "synpunkter" => (Kind::Comment, false),
            "personuppgiftsincident" | "personuppgiftsincidenter" | "pui" => {
                (Kind::DataBreach, false)
            }
            "lex maria" | "lex maria anmalan" | "lex maria rapport" | "lex maria arende" => {
                (Kind::LexMaria, false)
            }
            _ => return None,
        })
    }

    /// Names accepted in a *Typ* cell, for suggestions.
    pub const ACCEPTED: [&'static str; 6] = [
        "Avvikelse",
        "Klagomål",
        "Synpunkt",
        "Personuppgiftsincident",
        "Lex Sarah",
        "Lex Maria",
    ];
}

/// The kind of a *synpunkt*, as some systems export it in the Typ column (a *klagomål* is a
/// [`Kind::Complaint`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CommentKind {
    /// *Beröm* (praise).
    Praise,
    /// *Förslag* (suggestion).
    Suggestion,
    /// *Fråga* (question).
    Question,
}

impl CommentKind {
    pub const ALL: [CommentKind; 3] = [
        CommentKind::Praise,
        CommentKind::Suggestion,
        CommentKind::Question,
    ];

    pub fn name(self) -> &'static str {
        match self {
            CommentKind::Praise => "Beröm",
            CommentKind::Suggestion => "Förslag",
            CommentKind::Question => "Fråga",
        }
    }

    /// Reads a *Typ* value (folded) that names a kind of synpunkt.
    pub fn parse(folded: &str) -> Option<CommentKind> {
        Some(match folded {
            "berom" | "positiv synpunkt" | "positiva synpunkter" | "tack" => CommentKind::Praise,
            "forslag" | "forbattringsforslag" | "ide" | "synpunkt forslag" => {
                CommentKind::Suggestion
            }
            "fraga" | "fragor" => CommentKind::Question,
            _ => return None,
        })
    }
}

/// *Bedömning*: the outcome of the investigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Assessment {
    NoDeviation,
    Deviation,
    Impropriety,
    RiskOfImpropriety,
    SeriousImpropriety,
    RiskOfSeriousImpropriety,
}

impl Assessment {
    pub const ALL: [Assessment; 6] = [
        Assessment::NoDeviation,
        Assessment::Deviation,
        Assessment::Impropriety,
        Assessment::RiskOfImpropriety,
        Assessment::SeriousImpropriety,
        Assessment::RiskOfSeriousImpropriety,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Assessment::NoDeviation => "Ingen avvikelse",
            Assessment::Deviation => "Avvikelse",
            Assessment::Impropriety => "Missförhållande",
            Assessment::RiskOfImpropriety => "Påtaglig risk för missförhållande",
            Assessment::SeriousImpropriety => "Allvarligt missförhållande",
            Assessment::RiskOfSeriousImpropriety => "Påtaglig risk för allvarligt missförhållande",
        }
    }

    pub fn parse(folded: &str) -> Option<Assessment> {
        Assessment::ALL
            .into_iter()
            .find(|a| crate::text::fold(a.name()) == folded)
    }

    /// Whether this outcome is a *missförhållande* under lex Sarah.
    pub fn is_lex_sarah(self) -> bool {
        !matches!(self, Assessment::NoDeviation | Assessment::Deviation)
    }

    /// Whether this outcome is serious enough that an *anmälan till IVO* is required.
    pub fn is_serious(self) -> bool {
        matches!(
            self,
            Assessment::SeriousImpropriety | Assessment::RiskOfSeriousImpropriety
        )
    }
}

/// *Status*.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Open,
    Closed,
    /// No status column or an empty cell: decided by whether *Avslutad* has a date.
    Unknown,
}

/// A set of labels from a configured category list (bit i = category i); the last bit
/// marks labels that are in no list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LabelSet(pub u64);

impl LabelSet {
    pub const UNKNOWN_BIT: usize = 63;
    pub const MAX_CATEGORIES: usize = 63;

    pub fn insert(&mut self, i: usize) {
        self.0 |= 1 << i.min(Self::UNKNOWN_BIT);
    }

    pub fn contains(self, i: usize) -> bool {
        self.0 & (1 << i) != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

/// A column that divides the reports into groups beyond Enhet: who runs the service, under
/// which law, in which area of the organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dim {
    /// *Regi*: egen regi, enskild verksamhet, annan kommun.
    Regi,
    /// *Lagrum*: SoL, LSS, HSL, LVU, LVM …
    Lagrum,
    /// *Verksamhetsområde*.
    Area,
}

impl Dim {
    pub const ALL: [Dim; 3] = [Dim::Regi, Dim::Lagrum, Dim::Area];

    /// The column's canonical header.
    pub fn name(self) -> &'static str {
        match self {
            Dim::Regi => "Regi",
            Dim::Lagrum => "Lagrum",
            Dim::Area => "Verksamhetsområde",
        }
    }

    /// The key of a table by this dimension ("regi").
    pub fn key(self) -> &'static str {
        match self {
            Dim::Regi => "regi",
            Dim::Lagrum => "lagrum",
            Dim::Area => "verksamhetsomrade",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// One row of the register that was accepted.
#[derive(Debug, Clone)]
pub struct Record {
    /// *Id*.
    pub id: Box<str>,
    /// The row it came from (1-based, as the spreadsheet shows it), for tracing.
    pub row: u32,
    pub kind: Kind,
    /// The year the report counts in (from *Händelsedatum* or *Rapporterad*, per settings).
    pub year: i32,
    /// The month (1–12) of the date that decides the year.
    pub month: u32,
    /// *Händelsedatum*.
    pub event: Option<NaiveDate>,
    /// *Rapporterad*.
    pub reported: Option<NaiveDate>,
    /// *Avslutad*.
    pub closed: Option<NaiveDate>,
    pub status: Status,
    /// *Förvaltning*.
    pub department: Option<Sym>,
    /// *Enhet*.
    pub unit: Option<Sym>,
    /// *Händelsetyp*.
    pub event_type: Option<Sym>,
    /// The kind of a synpunkt, when the Typ column names one (Beröm, Förslag, Fråga).
    pub comment_kind: Option<CommentKind>,
    /// *Regi*, *Lagrum* and *Verksamhetsområde*, indexed by [`Dim`].
    pub dims: [Option<Sym>; 3],
    pub assessment: Option<Assessment>,
    /// Falls under lex Sarah (from the *Lex Sarah* column, or else from *Bedömning*).
    pub lex_sarah: bool,
    /// *Anmäld IVO*; `None` when the cell or column is empty.
    pub ivo: Option<bool>,
    /// *Anmäld IMY*.
    pub imy: Option<bool>,
    /// *Bakomliggande orsak*.
    pub causes: LabelSet,
    /// *Åtgärd*.
    pub actions: LabelSet,
}

impl Record {
    /// Whether the report was closed on or before `day`.
    /// A report whose status is *Avslutad* but has no closing date counts as closed.
    pub fn closed_by(&self, day: NaiveDate) -> bool {
        match self.closed {
            Some(c) => c <= day,
            None => self.status == Status::Closed,
        }
    }

    /// Handling time in days, from *Rapporterad* to *Avslutad*, when both are known and in order.
    pub fn handling_days(&self) -> Option<i64> {
        let (r, c) = (self.reported?, self.closed?);
        let days = (c - r).num_days();
        (days >= 0).then_some(days)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lex_maria_is_a_type_of_its_own() {
        for spelling in ["lex maria", "lex maria anmalan", "lex maria rapport"] {
            assert_eq!(Kind::parse(spelling), Some((Kind::LexMaria, false)));
        }
        assert_eq!(Kind::LexMaria.name(), "Lex Maria");
        assert!(Kind::ACCEPTED.contains(&"Lex Maria"));
        assert_eq!(Kind::parse("lex sarah"), Some((Kind::Deviation, true)));
    }
}
