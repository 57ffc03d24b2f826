//! Municipalities and groups from the data folder's `kommuner.json` and `kommungrupper.json`
//! (Kolada's own JSON, as `kvalitet kolada` writes it), consulted before the embedded catalog:
//! a group Kolada has and this binary does not know yet is still a known place, with its name
//! and members. Only reads; a missing file is simply no places. The indicator store keeps the
//! places it has values for in the same shape.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Result, anyhow};
use serde_json::Value;

/// The file names, as `kvalitet kolada` writes them.
pub const MUNICIPALITIES_FILE: &str = "kommuner.json";
pub const GROUPS_FILE: &str = "kommungrupper.json";

/// One place of a local catalog.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LocalPlace {
    pub title: String,
    /// Member municipality ids (groups only).
    pub members: Vec<String>,
}

/// The places of a data folder, by id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LocalPlaces {
    places: BTreeMap<String, LocalPlace>,
}

impl LocalPlaces {
    /// Both files of `dir`; a file that exists and is not Kolada's JSON is an error naming it.
    pub fn read(dir: &Path) -> Result<LocalPlaces> {
        let mut out = LocalPlaces::default();
        for name in [MUNICIPALITIES_FILE, GROUPS_FILE] {
            let path = dir.join(name);
            let text = match std::fs::read_to_string(&path) {
                Ok(text) => text,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => {
                    return Err(anyhow!(
                        "{name} kan inte läsas: {}",
                        crate::ingest::io_reason(&e)
                    ));
                }
            };
            out.add_json(&text)
                .map_err(|why| anyhow!("{name} är inte Koladas JSON ({why})"))?;
        }
        Ok(out)
    }

    /// Adds the objects of Kolada's envelope `{"values": [{id, title, members?}]}` or a list.
    fn add_json(&mut self, text: &str) -> Result<(), String> {
        let value: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let list = match &value {
            Value::Object(o) => o.get("values").unwrap_or(&Value::Null),
            other => other,
        };
        let items = list.as_array().ok_or("listan \"values\" saknas")?;
        for item in items {
            let Some(id) = item.get("id").and_then(Value::as_str) else {
                continue;
            };
            let members = item
                .get("members")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|m| m.get("member_id").and_then(Value::as_str))
                .map(str::to_string)
                .collect();
            let title = item.get("title").and_then(Value::as_str).unwrap_or(id);
            let place = LocalPlace {
                title: title.to_string(),
                members,
            };
            self.places.insert(id.to_ascii_uppercase(), place);
        }
        Ok(())
    }

    /// The place with this id (case-insensitive).
    pub fn get(&self, id: &str) -> Option<&LocalPlace> {
        self.places.get(&id.trim().to_ascii_uppercase())
    }

    /// Adds or replaces the place with this id.
    pub fn insert(&mut self, id: &str, place: LocalPlace) {
        self.places.insert(id.trim().to_ascii_uppercase(), place);
    }

    /// Adds the places of `other` that these lack (these win).
    pub fn add_missing(&mut self, other: &LocalPlaces) {
        for (id, p) in &other.places {
            self.places.entry(id.clone()).or_insert_with(|| p.clone());
        }
    }

    /// Every place, by id (upper case).
    pub fn iter(&self) -> impl Iterator<Item = (&str, &LocalPlace)> {
        self.places.iter().map(|(id, p)| (id.as_str(), p))
    }

    /// Every id, upper case.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.places.keys().map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_files_are_read_and_groups_keep_their_members() {
        let dir = tempfile::tempdir().unwrap();
        assert!(LocalPlaces::read(dir.path()).unwrap().is_empty());
        std::fs::write(
            dir.path().join(GROUPS_FILE),
            r#"{"values": [{"id": "G99001", "title": "Egen grupp", "members": [{"member_id": "0180", "member_title": "Stockholm"}]}], "count": 1}"#,
        )
        .unwrap();
        std::fs::write(
            dir.path().join(MUNICIPALITIES_FILE),
            r#"[{"id": "0180", "title": "Stockholm", "type": "K"}]"#,
        )
        .unwrap();
        let places = LocalPlaces::read(dir.path()).unwrap();
        let g = places.get("g99001").unwrap();
        assert_eq!(g.title, "Egen grupp");
        assert_eq!(g.members, vec!["0180"]);
        assert_eq!(places.get("0180").unwrap().title, "Stockholm");
        assert!(places.get("G1").is_none());
    }

    #[test]
    fn a_broken_file_is_named() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(GROUPS_FILE), "{\"values\": 3}").unwrap();
        let err = LocalPlaces::read(dir.path()).unwrap_err().to_string();
        assert!(
            err.starts_with("kommungrupper.json är inte Koladas JSON"),
            "{err}"
        );
    }
}
