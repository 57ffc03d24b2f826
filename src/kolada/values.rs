//! KPI values in Kolada's data shape, keyed by (kpi, municipality, period, gender): reading
//! `indikatorer.json`, merging fetched rows into it and writing it back sorted, so the same
//! values always give the same bytes.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Result, anyhow};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// One object of Kolada's data list: a KPI for a municipality (or group) and period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    pub kpi: String,
    pub municipality: String,
    /// A year; Kolada sends a number, kept as sent.
    pub period: Value,
    pub values: Vec<GenderValue>,
}

/// One value of a row: total (`T`), women (`K`) or men (`M`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GenderValue {
    pub gender: String,
    #[serde(default)]
    pub count: Value,
    #[serde(default)]
    pub status: Value,
    /// The value; `null` when Kolada has none.
    #[serde(default)]
    pub value: Value,
    /// Fields Kolada adds (such as `isdeleted`), kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl GenderValue {
    /// Whether Kolada marks the value as removed.
    fn is_deleted(&self) -> bool {
        match self.extra.get("isdeleted") {
            Some(Value::Bool(b)) => *b,
            Some(Value::Number(n)) => n.as_i64() != Some(0),
            _ => false,
        }
    }
}

type Key = (String, String, String, String);

/// The period as text, for keys and sorting (`2019` and `"2019"` are the same period).
fn period_key(period: &Value) -> String {
    match period {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// All values of a data folder, one entry per (kpi, municipality, period, gender).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Values {
    map: BTreeMap<Key, (Value, GenderValue)>,
}

/// How a merge changed the values.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Diff {
    pub added: usize,
    pub changed: usize,
    pub removed: usize,
}

impl Values {
    /// Rows as Kolada sent them (JSON objects of its data list).
    pub fn rows_from_json(objects: Vec<Value>) -> Result<Vec<Row>> {
        objects
            .into_iter()
            .map(|o| {
                serde_json::from_value(o)
                    .map_err(|e| anyhow!("Kolada skickade en datarad som inte går att läsa: {e}"))
            })
            .collect()
    }

    /// `indikatorer.json` in `path`; a missing file is no values.
    pub fn read(path: &Path) -> Result<Values> {
        let name = crate::ingest::display_name(path);
        let Some(text) = super::read_optional(path)? else {
            return Ok(Values::default());
        };
        Values::parse(&text).map_err(|e| {
            anyhow!("{name} finns men är inte Kolada-data ({e}); flytta eller ta bort filen och hämta igen")
        })
    }

    /// Kolada's data envelope `{"values": [...]}` or a bare list of rows.
    pub fn parse(text: &str) -> Result<Values> {
        let value: Value = serde_json::from_str(text)?;
        let list = match value {
            Value::Object(mut o) => o.remove("values").unwrap_or(Value::Null),
            other => other,
        };
        let rows: Vec<Row> = serde_json::from_value(list)?;
        let mut values = Values::default();
        values.upsert(rows);
        Ok(values)
    }

    /// The number of values (one per gender).
    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Removes the values a full fetch of these ids and years answers for (all years when
    /// `years` is empty), so values Kolada no longer has disappear too.
    pub fn remove_scope(&mut self, kpis: &[String], municipalities: &[String], years: &[i32]) {
        let years: Vec<String> = years.iter().map(i32::to_string).collect();
        self.map.retain(|(k, m, p, _), _| {
            !(kpis.contains(k)
                && municipalities.contains(m)
                && (years.is_empty() || years.contains(p)))
        });
    }

    /// Adds rows; a value replaces the one with the same kpi, municipality, period and gender,
    /// and a value Kolada marks `isdeleted` removes it.
    pub fn upsert(&mut self, rows: Vec<Row>) {
        for row in rows {
            let period = period_key(&row.period);
            for v in row.values {
                let key = (
                    row.kpi.clone(),
                    row.municipality.clone(),
                    period.clone(),
                    v.gender.clone(),
                );
                if v.is_deleted() {
                    self.map.remove(&key);
                } else {
                    self.map.insert(key, (row.period.clone(), v));
                }
            }
        }
    }

    /// What changed from `before` to `self`.
    pub fn diff(&self, before: &Values) -> Diff {
        let mut diff = Diff::default();
        for (key, value) in &self.map {
            match before.map.get(key) {
                None => diff.added += 1,
                Some(old) if old != value => diff.changed += 1,
                Some(_) => {}
            }
        }
        diff.removed = before
            .map
            .keys()
            .filter(|k| !self.map.contains_key(*k))
            .count();
        diff
    }

    /// Rows sorted by kpi, municipality, period and gender.
    pub fn rows(&self) -> Vec<Row> {
        let mut rows: Vec<Row> = Vec::new();
        for ((kpi, municipality, period, _), (period_value, value)) in &self.map {
            match rows.last_mut() {
                Some(last)
                    if &last.kpi == kpi
                        && &last.municipality == municipality
                        && &period_key(&last.period) == period =>
                {
                    last.values.push(value.clone());
                }
                _ => rows.push(Row {
                    kpi: kpi.clone(),
                    municipality: municipality.clone(),
                    period: period_value.clone(),
                    values: vec![value.clone()],
                }),
            }
        }
        rows
    }

    /// The file's bytes: Kolada's envelope `{"values", "count", "next_url": null}`, pretty, with
    /// a final newline.
    pub fn to_json(&self) -> String {
        let rows = self.rows();
        envelope(
            serde_json::to_value(&rows).expect("plain data serialises"),
            rows.len(),
        )
    }
}

/// `{"values": list, "count": n, "next_url": null}` as pretty JSON with a final newline.
pub fn envelope(list: Value, count: usize) -> String {
    #[derive(Serialize)]
    struct Envelope {
        values: Value,
        count: usize,
        next_url: Option<String>,
    }
    let mut text = serde_json::to_string_pretty(&Envelope {
        values: list,
        count,
        next_url: None,
    })
    .expect("plain data serialises");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn row(kpi: &str, m: &str, period: i32, values: Value) -> Value {
        json!({"kpi": kpi, "municipality": m, "period": period, "values": values})
    }

    fn v(gender: &str, value: f64) -> Value {
        json!({"gender": gender, "count": 1, "status": "", "value": value})
    }

    fn values(objects: Vec<Value>) -> Values {
        let mut out = Values::default();
        out.upsert(Values::rows_from_json(objects).unwrap());
        out
    }

    #[test]
    fn rows_come_out_sorted_and_grouped_whatever_the_input_order() {
        let a = values(vec![
            row("U2", "0305", 2020, json!([v("T", 1.0)])),
            row("U1", "0305", 2020, json!([v("T", 2.0), v("K", 3.0)])),
            row("U1", "0000", 2019, json!([v("T", 4.0)])),
        ]);
        let b = values(vec![
            row("U1", "0000", 2019, json!([v("T", 4.0)])),
            row("U1", "0305", 2020, json!([v("K", 3.0), v("T", 2.0)])),
            row("U2", "0305", 2020, json!([v("T", 1.0)])),
        ]);
        assert_eq!(a.to_json(), b.to_json());
        let rows = a.rows();
        let order: Vec<_> = rows
            .iter()
            .map(|r| format!("{} {} {}", r.kpi, r.municipality, r.values.len()))
            .collect();
        assert_eq!(order, vec!["U1 0000 1", "U1 0305 2", "U2 0305 1"]);
        assert_eq!(rows[1].values[0].gender, "K");
    }

    #[test]
    fn the_file_keeps_kolada_shape_numbers_and_nulls() {
        let vals = values(vec![row(
            "N00945",
            "0180",
            2014,
            json!([{"gender": "T", "count": 1, "status": "", "value": 38.61051404}, {"gender": "K", "count": 0, "status": "", "value": null}]),
        )]);
        let text = vals.to_json();
        assert!(text.contains("\"value\": 38.61051404"), "{text}");
        assert!(text.contains("\"value\": null"));
        assert!(text.contains("\"period\": 2014"));
        assert!(
            text.ends_with("\"count\": 1,\n  \"next_url\": null\n}\n"),
            "{text}"
        );
        assert_eq!(Values::parse(&text).unwrap(), vals);
    }

    #[test]
    fn new_values_replace_old_ones_and_deleted_ones_go() {
        let mut vals = values(vec![row(
            "U1",
            "0305",
            2020,
            json!([v("T", 1.0), v("K", 2.0)]),
        )]);
        let before = vals.clone();
        vals.upsert(
            Values::rows_from_json(vec![
                row("U1", "0305", 2020, json!([v("T", 9.0)])),
                row(
                    "U1",
                    "0305",
                    2020,
                    json!([{"gender": "K", "value": 2.0, "isdeleted": true}]),
                ),
                row("U1", "0305", 2021, json!([v("T", 5.0)])),
            ])
            .unwrap(),
        );
        assert_eq!(
            vals.diff(&before),
            Diff {
                added: 1,
                changed: 1,
                removed: 1
            }
        );
        assert_eq!(vals.len(), 2);
    }

    #[test]
    fn a_full_fetch_clears_only_its_own_scope() {
        let mut vals = values(vec![
            row("U1", "0305", 2020, json!([v("T", 1.0)])),
            row("U1", "0305", 2018, json!([v("T", 1.0)])),
            row("U1", "0000", 2020, json!([v("T", 1.0)])),
            row("U2", "0305", 2020, json!([v("T", 1.0)])),
        ]);
        vals.remove_scope(&["U1".into()], &["0305".into()], &[2019, 2020]);
        assert_eq!(vals.len(), 3);
        vals.remove_scope(&["U1".into()], &["0305".into()], &[]);
        assert_eq!(vals.len(), 2);
    }

    #[test]
    fn a_bare_list_is_read_like_the_envelope() {
        let text = "[{\"kpi\":\"N1\",\"municipality\":\"0180\",\"period\":2014,\"values\":[{\"gender\":\"T\",\"count\":1,\"status\":\"\",\"value\":1.5}]}]";
        assert_eq!(Values::parse(text).unwrap().len(), 1);
        assert!(Values::parse("{\"values\": 3}").is_err());
    }
}
