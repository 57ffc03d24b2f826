//! Kolada's catalogs (KPIs, municipalities, municipality groups) as lists of JSON objects keyed
//! by `id`: read from the data folder, updated by id or replaced whole, written sorted by id.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Result, anyhow};
use serde_json::Value;

use super::values::envelope;

/// Catalog objects by id, kept as Kolada sent them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Objects {
    map: BTreeMap<String, Value>,
}

impl Objects {
    /// Objects Kolada sent; each must have a text `id`.
    pub fn from_json(objects: Vec<Value>) -> Result<Objects> {
        let mut out = Objects::default();
        for o in objects {
            let id = o
                .get("id")
                .and_then(Value::as_str)
                .ok_or_else(|| anyhow!("Kolada skickade ett objekt utan id"))?
                .to_string();
            out.map.insert(id, o);
        }
        Ok(out)
    }

    /// The catalog file at `path`: Kolada's envelope or a bare list; missing is empty.
    pub fn read(path: &Path) -> Result<Objects> {
        let name = crate::ingest::display_name(path);
        let Some(text) = super::read_optional(path)? else {
            return Ok(Objects::default());
        };
        let broken = |why: String| {
            anyhow!(
                "{name} finns men är inte en Kolada-katalog ({why}); flytta eller ta bort filen och hämta igen"
            )
        };
        let value: Value = serde_json::from_str(&text).map_err(|e| broken(e.to_string()))?;
        let list = match value {
            Value::Object(mut o) => o.remove("values").unwrap_or(Value::Null),
            other => other,
        };
        match list {
            Value::Array(objects) => Objects::from_json(objects).map_err(|e| broken(e.to_string())),
            _ => Err(broken("listan \"values\" saknas".into())),
        }
    }

    /// Adds `other`'s objects, replacing those with the same id.
    pub fn upsert(&mut self, other: Objects) {
        self.map.extend(other.map);
    }

    /// The object with this id.
    pub fn get(&self, id: &str) -> Option<&Value> {
        self.map.get(id)
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The file's bytes: Kolada's envelope sorted by id, pretty, with a final newline.
    pub fn to_json(&self) -> String {
        let list: Vec<Value> = self.map.values().cloned().collect();
        envelope(Value::Array(list), self.map.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn objects_are_replaced_by_id_and_written_sorted() {
        let mut a = Objects::from_json(vec![
            json!({"id": "U2", "title": "gammal"}),
            json!({"id": "U1", "title": "ett"}),
        ])
        .unwrap();
        a.upsert(Objects::from_json(vec![json!({"id": "U2", "title": "ny"})]).unwrap());
        let text = a.to_json();
        assert!(text.find("\"U1\"").unwrap() < text.find("\"U2\"").unwrap());
        assert!(text.contains("\"ny\"") && !text.contains("gammal"));
        assert!(text.contains("\"count\": 2"));
    }

    #[test]
    fn an_object_without_id_is_an_error() {
        assert!(Objects::from_json(vec![json!({"title": "x"})]).is_err());
    }

    #[test]
    fn a_catalog_file_round_trips_and_a_broken_one_is_explained() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nyckeltal.json");
        assert!(Objects::read(&path).unwrap().is_empty());
        let a = Objects::from_json(vec![json!({"id": "U1", "title": "ett"})]).unwrap();
        std::fs::write(&path, a.to_json()).unwrap();
        assert_eq!(Objects::read(&path).unwrap(), a);
        std::fs::write(&path, "{\"values\": {}}").unwrap();
        let err = Objects::read(&path).unwrap_err().to_string();
        assert!(
            err.starts_with("nyckeltal.json finns men är inte en Kolada-katalog"),
            "{err}"
        );
    }
}
