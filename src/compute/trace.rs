//! Provenance of a figure: which register records a cell counts (as a filter, never as a list
//! of ids, so tables stay small), what it measures, or which survey counts and imported values
//! it comes from. `kvalitet spåra` re-runs a filter over the register to list the ids.

use chrono::NaiveDate;

use crate::base::Ratio;
use crate::base::Value;
use crate::model::{Assessment, CommentKind, Dim, Kind, LabelSet, Record, Register, Sym};

/// One condition a record must meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Cond {
    Kind(Kind),
    /// Any of the kinds.
    KindIn(&'static [Kind]),
    /// The kind of synpunkt the Typ column names (`None`: a synpunkt of no named kind).
    CommentKind(Option<CommentKind>),
    /// The value of Regi, Lagrum or Verksamhetsområde.
    Dim(Dim, Option<Sym>),
    LexSarah,
    /// *Anmäld IVO* is Ja.
    Ivo,
    /// *Anmäld IMY* is Ja.
    Imy,
    Unit(Option<Sym>),
    /// *Förvaltning*.
    Department(Option<Sym>),
    Year(i32),
    /// Counted in a year before this one.
    YearBefore(i32),
    Month(u32),
    Assessment(Option<Assessment>),
    /// A category of *bakomliggande orsak* (`causes`) or *åtgärd*.
    Label {
        causes: bool,
        pick: LabelPick,
    },
    EventType(Option<Sym>),
    /// Closed on or before 31 December of the year.
    ClosedBy(i32),
    /// Received by 31 December of the year, counted in it or earlier, and not closed then.
    OpenAt(i32),
}

/// Which labels of a multi-label column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LabelPick {
    /// The category at this index of the configured list.
    Category(usize),
    /// A value in no configured list.
    Unknown,
    /// No value at all.
    Empty,
}

fn end_of(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 12, 31).expect("31 December exists")
}

impl Cond {
    pub fn matches(self, r: &Record) -> bool {
        match self {
            Cond::Kind(k) => r.kind == k,
            Cond::KindIn(ks) => ks.contains(&r.kind),
            Cond::CommentKind(c) => r.comment_kind == c,
            Cond::Dim(d, v) => r.dims[d.index()] == v,
            Cond::LexSarah => r.lex_sarah,
            Cond::Ivo => r.ivo == Some(true),
            Cond::Imy => r.imy == Some(true),
            Cond::Unit(u) => r.unit == u,
            Cond::Department(d) => r.department == d,
            Cond::Year(y) => r.year == y,
            Cond::YearBefore(y) => r.year < y,
            Cond::Month(m) => r.month == m,
            Cond::Assessment(a) => r.assessment == a,
            Cond::Label { causes, pick } => {
                let set = if causes { r.causes } else { r.actions };
                match pick {
                    LabelPick::Category(i) => set.contains(i),
                    LabelPick::Unknown => set.contains(LabelSet::UNKNOWN_BIT),
                    LabelPick::Empty => set.is_empty(),
                }
            }
            Cond::EventType(t) => r.event_type == t,
            Cond::ClosedBy(y) => r.closed_by(end_of(y)),
            Cond::OpenAt(y) => {
                let end = end_of(y);
                r.year <= y && r.reported.is_none_or(|d| d <= end) && !r.closed_by(end)
            }
        }
    }

    /// The register value a condition on one (unit, förvaltning, händelsetyp, dimension) holds.
    pub fn sym(self) -> Option<Option<Sym>> {
        match self {
            Cond::Unit(s) | Cond::Department(s) | Cond::EventType(s) | Cond::Dim(_, s) => Some(s),
            _ => None,
        }
    }

    /// The condition in Swedish, for `spåra`.
    pub fn describe(self, reg: &Register) -> String {
        let sym = |s: Option<Sym>, none: &str| {
            s.map_or_else(|| none.to_string(), |s| reg.symbols.name(s).to_string())
        };
        match self {
            Cond::Kind(k) => format!("Typ = {}", k.name()),
            Cond::KindIn(ks) => format!(
                "Typ = {}",
                ks.iter()
                    .map(|k| k.name())
                    .collect::<Vec<_>>()
                    .join(" eller ")
            ),
            Cond::CommentKind(c) => match c {
                Some(c) => format!("Typ = {}", c.name()),
                None => "Typ = Synpunkt (utan slag)".into(),
            },
            Cond::Dim(d, v) => format!("{} = {}", d.name(), sym(v, "(saknas)")),
            Cond::LexSarah => "omfattas av lex Sarah".into(),
            Cond::Ivo => "Anmäld IVO = Ja".into(),
            Cond::Imy => "Anmäld IMY = Ja".into(),
            Cond::Unit(u) => format!("Enhet = {}", sym(u, "(saknas)")),
            Cond::Department(d) => format!("Förvaltning = {}", sym(d, "(saknas)")),
            Cond::Year(y) => format!("år = {y}"),
            Cond::YearBefore(y) => format!("år före {y}"),
            Cond::Month(m) => format!("månad = {m}"),
            Cond::Assessment(a) => {
                format!("Bedömning = {}", a.map_or("(saknas)", |a| a.name()))
            }
            Cond::Label { causes, pick } => {
                let (col, list) = if causes {
                    ("Bakomliggande orsak", &reg.causes)
                } else {
                    ("Åtgärd", &reg.actions)
                };
                match pick {
                    LabelPick::Category(i) => format!(
                        "{col} innehåller {}",
                        list.get(i).map_or("?", String::as_str)
                    ),
                    LabelPick::Unknown => format!("{col} innehåller en kategori utanför listan"),
                    LabelPick::Empty => format!("{col} är tom"),
                }
            }
            Cond::EventType(t) => format!("Händelsetyp = {}", sym(t, "(saknas)")),
            Cond::ClosedBy(y) => format!("avslutad senast 31 december {y}"),
            Cond::OpenAt(y) => {
                format!("inkommen senast och inte avslutad 31 december {y}")
            }
        }
    }
}

/// Records meeting every condition.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Filter(pub Vec<Cond>);

impl Filter {
    pub fn new(conds: &[Cond]) -> Filter {
        Filter(conds.to_vec())
    }

    pub fn matches(&self, r: &Record) -> bool {
        self.0.iter().all(|c| c.matches(r))
    }

    /// This filter and one more condition.
    pub fn and(&self, c: Cond) -> Filter {
        let mut f = self.clone();
        f.0.push(c);
        f
    }

    pub fn select<'a>(&self, reg: &'a Register) -> Vec<&'a Record> {
        reg.records.iter().filter(|r| self.matches(r)).collect()
    }

    pub fn describe(&self, reg: &Register) -> String {
        if self.0.is_empty() {
            return "alla rapporter".into();
        }
        self.0
            .iter()
            .map(|c| c.describe(reg))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Where a figure comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The number of records.
    Count(Filter),
    /// `part` records of `whole` records.
    Share { part: Filter, whole: Filter },
    /// The median handling time of the records that have one.
    MedianDays(Filter),
    /// The count of `new` minus the count of `old`.
    Change { old: Filter, new: Filter },
    /// The change relative to the count of `old`.
    RelativeChange { old: Filter, new: Filter },
    /// Answer counts of a survey: `part` answers, of `whole` when a share; what they are.
    Answers {
        part: i64,
        whole: Option<i64>,
        what: String,
    },
    /// A value read from a file or from Kolada, as it stands there.
    Imported(String),
}

/// The records behind a figure, by role, and the figure recomputed from them.
#[derive(Debug)]
pub struct Evidence<'a> {
    /// E.g. ("Täljare", records), in the order the explanation lists them.
    pub sets: Vec<(&'static str, Vec<&'a Record>)>,
    /// The value recomputed from the sets (with the decimals of the value shown); `None` for an
    /// imported value, which is taken as it stands.
    pub value: Option<Value>,
}

impl Source {
    /// Re-runs the filters over `reg` and recomputes the figure; `shown` gives the decimals.
    pub fn recompute<'a>(&self, reg: &'a Register, shown: &Value) -> Evidence<'a> {
        let decimals = match shown {
            Value::Share { decimals, .. }
            | Value::RelativeChange { decimals, .. }
            | Value::Days { decimals, .. } => *decimals,
            _ => 0,
        };
        let n = |v: &[&Record]| v.len() as i64;
        match self {
            Source::Count(f) => {
                let v = f.select(reg);
                let value = Some(Value::count(n(&v)));
                Evidence {
                    sets: vec![("Rapporter", v)],
                    value,
                }
            }
            Source::Share { part, whole } => {
                let (p, w) = (part.select(reg), whole.select(reg));
                let value = Some(Value::share(n(&p), n(&w), decimals));
                let rest = w.iter().copied().filter(|r| !part.matches(r)).collect();
                Evidence {
                    sets: vec![("Täljare", p), ("Övriga i nämnaren", rest)],
                    value,
                }
            }
            Source::MedianDays(f) => {
                let all = f.select(reg);
                let (with, without): (Vec<&Record>, Vec<&Record>) =
                    all.into_iter().partition(|r| r.handling_days().is_some());
                let mut days: Vec<i64> = with.iter().filter_map(|r| r.handling_days()).collect();
                days.sort_unstable();
                let value = Some(
                    Ratio::median(&days).map_or(Value::Missing, |r| Value::Days { r, decimals }),
                );
                Evidence {
                    sets: vec![
                        ("Med handläggningstid", with),
                        (
                            "Utan handläggningstid (inte avslutade eller utan datum)",
                            without,
                        ),
                    ],
                    value,
                }
            }
            Source::Change { old, new } | Source::RelativeChange { old, new } => {
                let (o, nw) = (old.select(reg), new.select(reg));
                let value = Some(match self {
                    Source::Change { .. } => Value::change(Some(n(&o)), Some(n(&nw))),
                    _ => Value::relative_change(Some(n(&o)), Some(n(&nw))),
                });
                Evidence {
                    sets: vec![("Senare året", nw), ("Tidigare året", o)],
                    value,
                }
            }
            Source::Answers { part, whole, .. } => Evidence {
                sets: Vec::new(),
                value: Some(match whole {
                    Some(w) => Value::share(*part, *w, decimals),
                    None => Value::count(*part),
                }),
            },
            Source::Imported(_) => Evidence {
                sets: Vec::new(),
                value: None,
            },
        }
    }
}
