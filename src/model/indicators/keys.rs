//! Keys of KPI values shared by the table and the JSON reader: a municipality given as id or
//! name resolved once per distinct text, and duplicate rows found over packed keys.

use rustc_hash::FxHashMap as HashMap;

use super::KpiValue;
use super::local_places::LocalPlaces;
use super::place;
use crate::settings::Settings;

/// Municipality resolution (memoised per distinct text) and duplicate detection over packed
/// keys, shared by the table and the JSON reader.
#[derive(Default)]
pub(crate) struct Keys {
    municipalities: HashMap<String, Result<String, String>>,
    ids: HashMap<String, u32>,
    seen: HashMap<u64, u32>,
    /// The organisation's own Kolada id, accepted even when the catalog lacks it (a new
    /// municipality, or the fictional sample's 9999).
    own: Option<String>,
    /// Ids of the data folder's own `kommuner.json` and `kommungrupper.json`.
    local: std::collections::HashSet<String>,
}

impl Keys {
    pub(crate) fn new(settings: &Settings) -> Keys {
        Keys {
            own: settings.organisation.kolada_id.clone(),
            ..Keys::default()
        }
    }

    /// These keys, also accepting the ids of `local`.
    pub(crate) fn knowing(mut self, local: &LocalPlaces) -> Keys {
        self.local = local.ids().map(str::to_string).collect();
        self
    }

    /// The Kolada id of a municipality given as id or name.
    pub(crate) fn municipality(&mut self, text: &str) -> Result<String, String> {
        if let Some(r) = self.municipalities.get(text) {
            return r.clone();
        }
        let id = place::normalise_id(text);
        let r = match &self.own {
            Some(own) if id == *own => Ok(own.clone()),
            _ if self.local.contains(&id) => Ok(id),
            _ => place::resolve_cell(text).map(|p| p.id().to_string()),
        };
        self.municipalities.insert(text.to_string(), r.clone());
        r
    }

    fn intern(&mut self, s: &str) -> u32 {
        let n = self.ids.len() as u32;
        *self.ids.entry(s.to_string()).or_insert(n)
    }

    /// `Err(first location)` when the same key was seen before (at `first`).
    pub(crate) fn first_time(&mut self, v: &KpiValue, at: u32) -> Result<(), u32> {
        let k = self.intern(&v.kpi) as u64;
        let m = self.intern(&v.municipality) as u64;
        let key = (k << 40) | (m << 16) | ((v.year as u64 - 1900) << 2) | v.gender.index() as u64;
        match self.seen.get(&key) {
            Some(&first) => Err(first),
            None => {
                self.seen.insert(key, at);
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::indicators::Gender;

    #[test]
    fn duplicate_keys_are_found() {
        let mut keys = Keys::default();
        let v = KpiValue {
            kpi: "U31402".into(),
            municipality: "0305".into(),
            year: 2022,
            gender: Gender::Total,
            value: Some(13.0),
        };
        assert_eq!(keys.first_time(&v, 2), Ok(()));
        let women = KpiValue {
            gender: Gender::Women,
            ..v.clone()
        };
        assert_eq!(keys.first_time(&women, 3), Ok(()));
        assert_eq!(keys.first_time(&v, 4), Err(2));
    }
}
