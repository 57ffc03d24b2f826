//! One figure of a table as computed: a typed value (never pre-formatted text), shared by
//! compute, render and export. Formatting it in Swedish is [`super::format`]'s job.

use serde::Serialize;

use super::ratio::Ratio;

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
