//! The embedded Kolada catalogs (KPIs, municipalities and regions, municipality groups), so
//! that search, names and suggestions work offline. The tab-separated files in `data/` are
//! trimmed from Kolada's v3 catalogs by `scripts/trim-kolada.py`; each is parsed on first use.

use std::sync::OnceLock;

use super::kpi::{KpiMeta, clean_title};

const KPI_TSV: &str = include_str!("data/kpi.tsv");
const MUNICIPALITY_TSV: &str = include_str!("data/kommuner.tsv");
const GROUP_TSV: &str = include_str!("data/grupper.tsv");

/// Attribution to show wherever Kolada data or metadata is shown.
pub const SOURCE: &str = "Kolada (RKA)";

/// One KPI of Kolada's catalog.
#[derive(Debug, Clone, Copy)]
pub struct CatalogKpi {
    pub id: &'static str,
    /// The title as Kolada has it (see [`CatalogKpi::title`] for display).
    pub raw_title: &'static str,
    pub operating_area: &'static str,
    /// K (kommun), L (region) or A (andra).
    pub municipality_type: &'static str,
    pub by_gender: bool,
    pub description: &'static str,
}

impl CatalogKpi {
    /// The title cleaned for display.
    pub fn title(&self) -> String {
        clean_title(self.raw_title)
    }

    pub fn to_meta(&self) -> KpiMeta {
        KpiMeta {
            id: self.id.to_string(),
            title: self.title(),
            operating_area: non_empty(self.operating_area),
            description: non_empty(self.description),
            ..KpiMeta::new(self.id)
        }
    }
}

fn non_empty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

/// A municipality, a region or riket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Municipality {
    pub id: &'static str,
    pub title: &'static str,
    /// K (kommun) or L (region, and riket `0000`).
    pub kind: &'static str,
}

/// A municipality group (`G…`), e.g. G2328 "Alla kommuner (ovägt medel)".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Group {
    pub id: &'static str,
    pub title: &'static str,
    members: &'static str,
}

impl Group {
    /// Member municipality ids.
    pub fn members(&self) -> impl Iterator<Item = &'static str> {
        self.members.split(',').filter(|m| !m.is_empty())
    }
}

fn fields(line: &'static str) -> impl Iterator<Item = &'static str> {
    line.split('\t')
}

/// Every KPI, sorted by id.
pub fn kpis() -> &'static [CatalogKpi] {
    static KPIS: OnceLock<Vec<CatalogKpi>> = OnceLock::new();
    KPIS.get_or_init(|| {
        KPI_TSV
            .lines()
            .map(|line| {
                let mut f = fields(line);
                let mut next = || f.next().unwrap_or("");
                CatalogKpi {
                    id: next(),
                    raw_title: next(),
                    operating_area: next(),
                    municipality_type: next(),
                    by_gender: next() == "1",
                    description: next(),
                }
            })
            .collect()
    })
}

/// The item of `all` (sorted by id) whose id is `id`, compared upper-cased.
fn by_id<T>(all: &'static [T], id: &str, key: impl Fn(&T) -> &str) -> Option<&'static T> {
    let id = id.trim().to_ascii_uppercase();
    all.binary_search_by(|x| key(x).cmp(id.as_str()))
        .ok()
        .map(|i| &all[i])
}

/// The KPI with `id` (case-insensitive).
pub fn kpi(id: &str) -> Option<&'static CatalogKpi> {
    by_id(kpis(), id, |k| k.id)
}

/// The KPI id most like `id` among the catalog's and `extra` ids (e.g. ids only the store
/// has), for "menade du …?"; `None` when nothing is close.
pub fn suggest_kpi<'a>(id: &str, extra: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    crate::text::suggest(id, kpis().iter().map(|k| k.id).chain(extra))
}

/// Every municipality and region, and riket, sorted by id.
pub fn municipalities() -> &'static [Municipality] {
    static ALL: OnceLock<Vec<Municipality>> = OnceLock::new();
    ALL.get_or_init(|| {
        MUNICIPALITY_TSV
            .lines()
            .map(|line| {
                let mut f = fields(line);
                let mut next = || f.next().unwrap_or("");
                Municipality {
                    id: next(),
                    title: next(),
                    kind: next(),
                }
            })
            .collect()
    })
}

pub fn municipality(id: &str) -> Option<&'static Municipality> {
    by_id(municipalities(), id, |m| m.id)
}

/// Whether `id` is a municipality (kommun): four digits, not riket (`0000`), not a region.
pub fn is_kommun(id: &str) -> bool {
    match municipality(id) {
        Some(m) => m.kind == "K",
        None => id.len() == 4 && id.bytes().all(|b| b.is_ascii_digit()) && !id.starts_with("00"),
    }
}

/// Every municipality group, sorted by id.
pub fn groups() -> &'static [Group] {
    static ALL: OnceLock<Vec<Group>> = OnceLock::new();
    ALL.get_or_init(|| {
        GROUP_TSV
            .lines()
            .map(|line| {
                let mut f = fields(line);
                let mut next = || f.next().unwrap_or("");
                Group {
                    id: next(),
                    title: next(),
                    members: next(),
                }
            })
            .collect()
    })
}

pub fn group(id: &str) -> Option<&'static Group> {
    by_id(groups(), id, |g| g.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_whole_catalog_is_embedded() {
        assert_eq!(kpis().len(), 6099);
        assert_eq!(municipalities().len(), 312);
        assert_eq!(groups().len(), 3630);
        assert!(kpis().windows(2).all(|w| w[0].id < w[1].id), "sorted by id");
        assert!(
            groups().windows(2).all(|w| w[0].id < w[1].id),
            "sorted by id"
        );
    }

    #[test]
    fn kpis_municipalities_and_groups_are_found_by_id() {
        let k = kpi("u31402").unwrap();
        assert_eq!(k.id, "U31402");
        assert_eq!(k.operating_area, "Individ- och familjeomsorg");
        assert!(k.by_gender);
        assert_eq!(municipality("0305").unwrap().title, "Håbo");
        assert_eq!(municipality("0000").unwrap().title, "Riket");
        let g = group("G2328").unwrap();
        assert_eq!(g.title, "Alla kommuner (ovägt medel)");
        assert_eq!(g.members().count(), 290);
        assert!(kpi("X99999").is_none());
    }

    #[test]
    fn unknown_kpi_ids_get_the_nearest_known_id() {
        assert_eq!(suggest_kpi("U3142", std::iter::empty()), Some("U31402"));
        assert_eq!(suggest_kpi("u31463x", std::iter::empty()), Some("U31463"));
        assert_eq!(suggest_kpi("EGEN01", ["EGEN1"].into_iter()), Some("EGEN1"));
        assert_eq!(suggest_kpi("väntetid", std::iter::empty()), None);
    }

    #[test]
    fn only_kommuner_count_as_kommun() {
        assert!(is_kommun("0305"));
        assert!(!is_kommun("0000"), "riket");
        assert!(!is_kommun("0001"), "Region Stockholm");
        assert!(!is_kommun("G2328"));
    }
}
