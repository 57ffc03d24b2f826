//! The JSON document of one scope (schema `kvalitet-export/1`, described in `kvalitet hjälp export`): every
//! table with its rows, each value as its exact ratio, as a float and as the text the report
//! shows. The same structs read it back, so the format is checked both ways in tests.

use anyhow::Result;
use serde::{Deserialize, Serialize};

use crate::base::format;
use crate::compute::{Table, Value};

/// One exported document: the tables of one scope of one data folder for one year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Always [`super::SCHEMA`].
    pub schema: String,
    /// The organisation (`organisation.namn` in kvalitet.toml).
    pub organisation: String,
    /// The data folder's name, as used for the output folder.
    pub unit: String,
    pub scope: Scope,
    /// The report year.
    pub year: i32,
    /// The years compared, ascending, ending with `year`.
    pub years: Vec<i32>,
    pub tables: Vec<JsonTable>,
}

/// What part of the register the tables describe.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scope {
    /// `helhet` (the whole register), `forvaltning` or `enhet`.
    pub kind: String,
    /// The förvaltning's or enhet's name; `null` for the whole register.
    pub name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonTable {
    /// Stable id (the key templates use).
    pub id: String,
    /// "Tabell N".
    pub number: usize,
    pub title: String,
    pub label_title: String,
    pub columns: Vec<JsonColumn>,
    pub rows: Vec<JsonRow>,
    pub notes: Vec<String>,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonColumn {
    pub title: String,
    /// Whether the column holds figures (else words).
    pub numeric: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonRow {
    pub label: String,
    /// A heading over the rows below it (no cells).
    pub heading: bool,
    /// A "varav" row.
    pub sub: bool,
    /// A total row.
    pub total: bool,
    pub cells: Vec<JsonCell>,
}

/// One value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonCell {
    /// count, change, share, relative_change, point_change, days, number, number_change,
    /// text, missing or suppressed.
    #[serde(rename = "type")]
    pub kind: String,
    /// The exact unrounded value as "numerator/denominator" ("8/21", or "12" when whole);
    /// shares and changes between shares as fractions of 1. `null` for text, missing and
    /// suppressed.
    pub exact: Option<String>,
    /// The same value as the nearest float.
    pub value: Option<f64>,
    /// Decimals shown in `text`.
    pub decimals: Option<u32>,
    /// The unit of a number ("kr"), if it has one.
    pub unit: Option<String>,
    /// The value as the report shows it ("38 %", "–", "..").
    pub text: String,
}

/// The document bytes (pretty-printed, ending with a newline).
pub fn document(doc: &Document) -> Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec_pretty(doc)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// The JSON form of a computed table.
pub fn table(t: &Table) -> JsonTable {
    JsonTable {
        id: t.key.clone(),
        number: t.number,
        title: t.title.clone(),
        label_title: t.label_title.clone(),
        columns: t
            .columns
            .iter()
            .map(|c| JsonColumn {
                title: c.title.clone(),
                numeric: c.numeric,
            })
            .collect(),
        rows: t
            .rows
            .iter()
            .map(|r| JsonRow {
                label: r.label.clone(),
                heading: r.heading,
                sub: r.sub,
                total: r.total,
                cells: r.values.iter().map(json_cell).collect(),
            })
            .collect(),
        notes: t.notes.clone(),
        source: t.source.clone(),
    }
}

/// The JSON form of a value. A suppressed value carries nothing but its marker.
pub fn json_cell(v: &Value) -> JsonCell {
    let text = format::value(v);
    let plain = |kind: &str| JsonCell {
        kind: kind.to_string(),
        exact: None,
        value: None,
        decimals: None,
        unit: None,
        text: text.clone(),
    };
    let (kind, r, decimals, unit) = match v {
        Value::Count { n } => ("count", crate::compute::Ratio::int(*n), 0, None),
        Value::Change { n } => ("change", crate::compute::Ratio::int(*n), 0, None),
        Value::Share { r, decimals } => ("share", *r, *decimals, None),
        Value::RelativeChange { r, decimals } => ("relative_change", *r, *decimals, None),
        Value::PointChange { r, decimals } => ("point_change", *r, *decimals, None),
        Value::Days { r, decimals } => ("days", *r, *decimals, None),
        Value::Number { r, decimals, unit } => ("number", *r, *decimals, unit.clone()),
        Value::NumberChange { r, decimals } => ("number_change", *r, *decimals, None),
        Value::Text { .. } => return plain("text"),
        Value::Missing => return plain("missing"),
        Value::Suppressed => return plain("suppressed"),
    };
    let exact = if r.den == 1 {
        r.num.to_string()
    } else {
        format!("{}/{}", r.num, r.den)
    };
    JsonCell {
        kind: kind.to_string(),
        exact: Some(exact),
        value: Some(r.to_f64()),
        decimals: Some(decimals),
        unit,
        text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compute::{Ratio, Row};
    use crate::export::SCHEMA;

    #[test]
    fn values_carry_exact_float_and_text() {
        let c = json_cell(&Value::Share {
            r: Ratio::new(16, 42).unwrap(),
            decimals: 0,
        });
        assert_eq!(c.kind, "share");
        assert_eq!(c.exact.as_deref(), Some("16/42"));
        assert_eq!(c.value, Some(16.0 / 42.0));
        assert_eq!(c.text, "38\u{a0}%");
        let c = json_cell(&Value::count(12));
        assert_eq!((c.exact.as_deref(), c.value), (Some("12"), Some(12.0)));
    }

    #[test]
    fn suppressed_values_carry_only_their_marker() {
        let c = json_cell(&Value::Suppressed);
        assert_eq!(
            (c.kind.as_str(), c.exact, c.value, c.text.as_str()),
            ("suppressed", None, None, "..")
        );
    }

    #[test]
    fn a_document_reads_back_equal() {
        let mut t = Table::new("k", "Titel", "Etikett").column("2022");
        t.number = 4;
        t.rows
            .push(Row::new("a", vec![Value::share(1, 3, 1)]).total());
        let doc = Document {
            schema: SCHEMA.into(),
            organisation: "Norrviks kommun".into(),
            unit: "norrvik".into(),
            scope: Scope {
                kind: "enhet".into(),
                name: Some("Enhet A".into()),
            },
            year: 2022,
            years: vec![2021, 2022],
            tables: vec![table(&t)],
        };
        let bytes = document(&doc).unwrap();
        let back: Document = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(back, doc);
    }
}
