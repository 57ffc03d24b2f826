//! The indicator values of a data folder indexed by KPI, place and year (gender total), so a
//! table cell is one lookup.

use rustc_hash::FxHashMap as HashMap;

use crate::model::indicators::{Gender, IndicatorData};

type Key<'a> = (&'a str, &'a str, i32);

/// Values of gender T by (kpi, municipality, year).
pub(super) struct Index<'a> {
    values: HashMap<Key<'a>, Option<f64>>,
}

impl<'a> Index<'a> {
    pub(super) fn new(data: &'a IndicatorData) -> Index<'a> {
        let values = data
            .values
            .iter()
            .filter(|v| v.gender == Gender::Total)
            .map(|v| ((v.kpi.as_str(), v.municipality.as_str(), v.year), v.value))
            .collect();
        Index { values }
    }

    pub(super) fn get(&self, kpi: &str, municipality: &str, year: i32) -> Option<f64> {
        self.values
            .get(&(kpi, municipality, year))
            .copied()
            .flatten()
    }

    pub(super) fn has(&self, kpi: &str, municipality: &str, year: i32) -> bool {
        self.values.contains_key(&(kpi, municipality, year))
    }
}
