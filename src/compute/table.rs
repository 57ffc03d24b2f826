//! The statistical table as computed: typed values (never pre-formatted text), with title,
//! columns, notes and source. Rendering and export format it; compute only fills it.

use serde::Serialize;

use super::ratio::Ratio;
use super::trace::Source;

/// One figure in a table.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "typ", rename_all = "snake_case")]
pub enum Value {
    /// A count (*antal*).
    Count { n: i64 },
    /// A share, as a fraction (0.38 shows as "38 %").
    Share { r: Ratio, decimals: u32 },
    /// A change in count against the year before.
    Change { n: i64 },
    /// A relative change, as a fraction (0.12 shows as "+12 %").
    RelativeChange { r: Ratio, decimals: u32 },
    /// A change between two shares in *procentenheter* (as a fraction of 1).
    PointChange { r: Ratio, decimals: u32 },
    /// A number of days (median handling time).
    Days { r: Ratio, decimals: u32 },
    /// No data (a year without data, a column the register lacks, a share of zero): "–".
    Missing,
    /// Not shown because the base is too small to protect the people behind it: "..".
    Suppressed,
    /// A measured number (an indicator value, an amount), with its unit when the unit is
    /// shown after the number ("kr", "tkr").
    Number {
        r: Ratio,
        decimals: u32,
        unit: Option<String>,
    },
    /// A change of a measured number against the year before.
    NumberChange { r: Ratio, decimals: u32 },
    /// Words, in a text column (e.g. a quartile position).
    Text { text: String },
}

/// A column: its header and whether it holds figures (right-aligned) or labels.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Column {
    pub title: String,
    pub numeric: bool,
}

/// A row: a label (from data or fixed) and one value per numeric column.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub label: String,
    /// Indented as a "varav" (of which) row.
    pub sub: bool,
    /// A heading row grouping the rows below it (no values).
    pub heading: bool,
    /// A total row (shown in bold).
    pub total: bool,
    pub values: Vec<Value>,
    /// Where each value comes from (same order as `values`; may be empty), for `spåra`.
    #[serde(skip)]
    pub sources: Vec<Option<Source>>,
}

impl Row {
    pub fn new(label: impl Into<String>, values: Vec<Value>) -> Row {
        Row {
            label: label.into(),
            sub: false,
            heading: false,
            total: false,
            values,
            sources: Vec::new(),
        }
    }

    /// The row with the provenance of its values.
    pub fn sourced(mut self, sources: Vec<Option<Source>>) -> Row {
        self.sources = sources;
        self
    }

    /// The provenance of value `i`, when recorded.
    pub fn source(&self, i: usize) -> Option<&Source> {
        self.sources.get(i).and_then(Option::as_ref)
    }

    /// A heading row: a bold label over the rows it groups, no values.
    pub fn heading(label: impl Into<String>) -> Row {
        Row {
            heading: true,
            ..Row::new(label, Vec::new())
        }
    }

    pub fn sub(self) -> Row {
        self.sub_if(true)
    }

    /// Marks the row as a "varav" row when `sub` holds.
    pub fn sub_if(mut self, sub: bool) -> Row {
        self.sub |= sub;
        self
    }

    pub fn total(mut self) -> Row {
        self.total = true;
        self
    }
}

/// A numbered table of the annex.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    /// Stable key that templates use to refer to the table.
    pub key: String,
    /// "Tabell N": assigned in annex order.
    pub number: usize,
    pub title: String,
    /// The header of the label column.
    pub label_title: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    pub notes: Vec<String>,
    pub source: String,
}

impl Table {
    pub fn new(key: &str, title: impl Into<String>, label_title: impl Into<String>) -> Table {
        Table {
            key: key.into(),
            number: 0,
            title: title.into(),
            label_title: label_title.into(),
            columns: Vec::new(),
            rows: Vec::new(),
            notes: Vec::new(),
            source: String::new(),
        }
    }

    pub fn column(mut self, title: impl Into<String>) -> Table {
        self.columns.push(Column {
            title: title.into(),
            numeric: true,
        });
        self
    }

    /// A column of words (left-aligned).
    pub fn text_column(mut self, title: impl Into<String>) -> Table {
        self.columns.push(Column {
            title: title.into(),
            numeric: false,
        });
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Table {
        self.notes.push(note.into());
        self
    }
}

/// Helpers to build values.
impl Value {
    pub fn count(n: i64) -> Value {
        Value::Count { n }
    }

    /// `part / whole` as a share; "–" when the whole is zero.
    pub fn share(part: i64, whole: i64, decimals: u32) -> Value {
        Ratio::new(part as i128, whole as i128)
            .map_or(Value::Missing, |r| Value::Share { r, decimals })
    }

    /// The count, or "–" when there is no data.
    pub fn count_or_missing(n: Option<i64>) -> Value {
        n.map_or(Value::Missing, Value::count)
    }

    /// The change from `old` to `new` (both known), else "–".
    pub fn change(old: Option<i64>, new: Option<i64>) -> Value {
        match (old, new) {
            (Some(o), Some(n)) => Value::Change { n: n - o },
            _ => Value::Missing,
        }
    }

    /// The relative change from `old` to `new`; "–" when unknown or `old` is zero.
    pub fn relative_change(old: Option<i64>, new: Option<i64>) -> Value {
        match (old, new) {
            (Some(o), Some(n)) => Ratio::change(o, n)
                .map_or(Value::Missing, |r| Value::RelativeChange { r, decimals: 0 }),
            _ => Value::Missing,
        }
    }

    /// The plain number behind the value, for exports and tests.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Count { n } | Value::Change { n } => Some(*n as f64),
            Value::Share { r, .. }
            | Value::RelativeChange { r, .. }
            | Value::PointChange { r, .. }
            | Value::Days { r, .. }
            | Value::Number { r, .. }
            | Value::NumberChange { r, .. } => Some(r.to_f64()),
            Value::Missing | Value::Suppressed | Value::Text { .. } => None,
        }
    }
}
