//! Turning what a user or a file says about a place ("0305", "305", "Håbo", "riket",
//! "G2328") into a Kolada id, with "menade du …?" for near misses. Uses the embedded
//! catalog, and where a caller has them the places Kolada named that the catalog lacks (from a
//! data folder or the indicator store); knows nothing of values.

use super::catalog::{self, Group, Municipality};
use super::local_places::{LocalPlace, LocalPlaces};
use unicode_normalization::UnicodeNormalization;

use crate::text::{fold, suggest};

/// Kolada's id for riket (the whole country).
pub const RIKET: &str = "0000";

/// A resolved place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A municipality, a region or riket.
    Municipality(&'static Municipality),
    Group(&'static Group),
    /// A municipality or group the embedded catalog lacks, as Kolada names it.
    Kolada(KoladaPlace),
}

/// A place known from Kolada's metadata (a data folder's `kommungrupper.json` or
/// `kommuner.json`, or the indicator store) and not from the embedded catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KoladaPlace {
    pub id: String,
    pub title: String,
    /// Member municipality ids (groups only).
    pub members: Vec<String>,
}

impl Place {
    pub fn id(&self) -> &str {
        match self {
            Place::Municipality(m) => m.id,
            Place::Group(g) => g.id,
            Place::Kolada(p) => &p.id,
        }
    }

    pub fn title(&self) -> &str {
        match self {
            Place::Municipality(m) => m.title,
            Place::Group(g) => g.title,
            Place::Kolada(p) => &p.title,
        }
    }

    /// A group's member ids; `None` for a municipality, a region or riket.
    pub fn members(&self) -> Option<Vec<&str>> {
        match self {
            Place::Municipality(_) => None,
            Place::Group(g) => Some(g.members().collect()),
            Place::Kolada(p) if is_group_id(&p.id) => {
                Some(p.members.iter().map(String::as_str).collect())
            }
            Place::Kolada(_) => None,
        }
    }
}

/// Whether `id` has the shape of a group id (`G` and digits).
fn is_group_id(id: &str) -> bool {
    id.strip_prefix('G')
        .is_some_and(|rest| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()))
}

/// Pads an id typed as a number that lost its leading zeros ("305" → "0305"); other text
/// is returned trimmed, groups upper-cased.
pub fn normalise_id(s: &str) -> String {
    let t = s.trim();
    if !t.is_empty() && t.len() < 4 && t.bytes().all(|b| b.is_ascii_digit()) {
        return format!("{t:0>4}");
    }
    if let Some(rest) = t.strip_prefix(['g', 'G'])
        && !rest.is_empty()
        && rest.bytes().all(|b| b.is_ascii_digit())
    {
        return format!("G{rest}");
    }
    t.to_string()
}

/// Resolves an id or a name. The error is a Swedish reason, with a suggestion when a name is
/// close to a known one.
pub fn resolve(input: &str) -> Result<Place, String> {
    resolve_quoting(input, true)
}

/// [`resolve`] for a cell of an input file: the reason never repeats the cell's text (it could
/// be anything, a personnummer too), only a suggestion from the catalog.
pub fn resolve_cell(input: &str) -> Result<Place, String> {
    resolve_quoting(input, false)
}

/// [`resolve`], also knowing `known` (places Kolada named that the embedded catalog lacks) by
/// id and by name. The catalog comes first; an input neither knows fails as in [`resolve`].
pub fn resolve_among(input: &str, known: &LocalPlaces) -> Result<Place, String> {
    let err = match resolve(input) {
        Ok(place) => return Ok(place),
        Err(err) => err,
    };
    let id = normalise_id(input);
    if let Some(p) = known.get(&id) {
        return Ok(kolada_place(&id.to_ascii_uppercase(), p));
    }
    let places = known.iter().map(|(id, p)| kolada_place(id, p));
    match by_name(&id, places)? {
        Some(place) => Ok(place),
        None => Err(err),
    }
}

fn kolada_place(id: &str, p: &LocalPlace) -> Place {
    Place::Kolada(KoladaPlace {
        id: id.to_string(),
        title: p.title.clone(),
        members: p.members.clone(),
    })
}

fn resolve_quoting(input: &str, quote: bool) -> Result<Place, String> {
    let id = normalise_id(input);
    let quoted = |what: &str| {
        if quote {
            format!("{what} \"{id}\"")
        } else {
            what.to_string()
        }
    };
    if id.is_empty() {
        return Err("kommun saknas".into());
    }
    if id.bytes().all(|b| b.is_ascii_digit()) {
        return catalog::municipality(&id)
            .map(Place::Municipality)
            .ok_or_else(|| quoted("okänd kommunkod"));
    }
    if id.starts_with('G') && id[1..].bytes().all(|b| b.is_ascii_digit()) {
        return catalog::group(&id)
            .map(Place::Group)
            .ok_or_else(|| quoted("okänd kommungrupp"));
    }
    let municipalities = catalog::municipalities().iter().map(Place::Municipality);
    if let Some(place) = by_name(&id, municipalities)? {
        return Ok(place);
    }
    if let Some(place) = by_name(&id, catalog::groups().iter().map(Place::Group))? {
        return Ok(place);
    }
    let hint = suggest(&id, catalog::municipalities().iter().map(|m| m.title))
        .map(|s| format!(" (menade du \"{s}\"?)"))
        .unwrap_or_default();
    Err(format!("{}{hint}", quoted("okänd kommun")))
}

/// The place named `name`: the one spelled exactly so (case and spacing aside) wins, so
/// "Habo" is Habo (0643) and not Håbo (0305); otherwise the only one whose name matches
/// without accents. Several accent-free matches and no exact one is an error naming them all.
fn by_name(name: &str, places: impl Iterator<Item = Place>) -> Result<Option<Place>, String> {
    let spelled = |s: &str| s.nfc().collect::<String>().to_lowercase();
    let spelled = |s: &str| spelled(&s.split_whitespace().collect::<Vec<_>>().join(" "));
    let (exact, wanted) = (spelled(name), fold(name));
    let matches: Vec<Place> = places.filter(|p| fold(p.title()) == wanted).collect();
    if let Some(p) = matches.iter().find(|p| spelled(p.title()) == exact) {
        return Ok(Some(p.clone()));
    }
    match matches.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(one.clone())),
        many => {
            let listed: Vec<String> = many
                .iter()
                .map(|p| format!("{} ({})", p.title(), p.id()))
                .collect();
            Err(format!(
                "tvetydigt kommunnamn: kan vara {}; ange kommunkoden",
                listed.join(" eller ")
            ))
        }
    }
}

/// Municipalities and groups whose id or name contains every word of `query` (folded):
/// those that also match with their accents (Håbo, not Habo) first, then municipalities
/// before groups, each in id order.
pub fn find(query: &str) -> Vec<Place> {
    find_among(query, &LocalPlaces::default())
}

/// [`find`], also among `known` (places Kolada named that the embedded catalog lacks), each
/// after the catalog's municipalities or groups.
pub fn find_among(query: &str, known: &LocalPlaces) -> Vec<Place> {
    let words: Vec<String> = fold(query).split(' ').map(str::to_string).collect();
    let hit = |id: &str, title: &str| {
        let text = fold(&format!("{id} {title}"));
        words.iter().all(|w| text.contains(w.as_str()))
    };
    let extra = |groups: bool| {
        known
            .iter()
            .filter(move |(id, p)| {
                is_group_id(id) == groups
                    && catalog::municipality(id).is_none()
                    && catalog::group(id).is_none()
                    && hit(id, &p.title)
            })
            .map(|(id, p)| kolada_place(id, p))
    };
    let mut out: Vec<Place> = catalog::municipalities()
        .iter()
        .filter(|m| hit(m.id, m.title))
        .map(Place::Municipality)
        .collect();
    out.extend(extra(false));
    out.extend(
        catalog::groups()
            .iter()
            .filter(|g| hit(g.id, g.title))
            .map(Place::Group),
    );
    out.extend(extra(true));
    let exact: Vec<String> = query
        .to_lowercase()
        .split_whitespace()
        .map(str::to_string)
        .collect();
    out.sort_by_key(|p| {
        let text = format!("{} {}", p.id(), p.title()).to_lowercase();
        !exact.iter().all(|w| text.contains(w.as_str()))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_resolve_from_ids_names_and_riket() {
        assert_eq!(resolve("0305").unwrap().title(), "Håbo");
        assert_eq!(resolve("305").unwrap().id(), "0305");
        assert_eq!(resolve("håbo").unwrap().id(), "0305");
        assert_eq!(resolve("HUDDINGE").unwrap().id(), "0126");
        assert_eq!(resolve("riket").unwrap().id(), RIKET);
        assert_eq!(
            resolve("g2328").unwrap().title(),
            "Alla kommuner (ovägt medel)"
        );
    }

    #[test]
    fn habo_is_not_taken_for_haabo() {
        assert_eq!(resolve("Habo").unwrap().id(), "0643");
        assert_eq!(resolve("HABO").unwrap().id(), "0643");
        assert_eq!(resolve_cell(" habo ").unwrap().id(), "0643");
        assert_eq!(resolve("Håbo").unwrap().id(), "0305");
        assert_eq!(resolve("Ha\u{30a}bo").unwrap().id(), "0305", "decomposed å");
        // Unaccented names with a single spelling still resolve without accents.
        assert_eq!(resolve("Gnosjo").unwrap().id(), "0617");
        // Neither spelling: both candidates, with their ids.
        assert_eq!(
            resolve_cell("Hàbo").unwrap_err(),
            "tvetydigt kommunnamn: kan vara Håbo (0305) eller Habo (0643); ange kommunkoden"
        );
    }

    #[test]
    fn unknown_places_get_a_suggestion() {
        assert_eq!(
            resolve("Håbå").unwrap_err(),
            "okänd kommun \"Håbå\" (menade du \"Håbo\"?)"
        );
        assert_eq!(resolve("9999").unwrap_err(), "okänd kommunkod \"9999\"");
        assert_eq!(resolve("G1").unwrap_err(), "okänd kommungrupp \"G1\"");
        // A cell's text is never repeated, whatever it holds.
        assert_eq!(
            resolve_cell("Håbå").unwrap_err(),
            "okänd kommun (menade du \"Håbo\"?)"
        );
        assert_eq!(resolve_cell("191212121212").unwrap_err(), "okänd kommunkod");
        assert_eq!(resolve_cell("G1").unwrap_err(), "okänd kommungrupp");
    }

    #[test]
    fn known_places_resolve_after_the_catalog_and_unknown_ones_still_fail() {
        let mut known = LocalPlaces::default();
        known.insert(
            "G99999",
            LocalPlace {
                title: "Ny jämförelsegrupp".into(),
                members: vec!["0180".into(), "0305".into()],
            },
        );
        let g = resolve_among("g99999", &known).unwrap();
        assert_eq!((g.id(), g.title()), ("G99999", "Ny jämförelsegrupp"));
        assert_eq!(g.members(), Some(vec!["0180", "0305"]));
        assert_eq!(
            resolve_among("ny jämförelsegrupp", &known).unwrap().id(),
            "G99999"
        );
        assert_eq!(resolve_among("0305", &known).unwrap().title(), "Håbo");
        assert_eq!(
            resolve_among("G1", &known).unwrap_err(),
            "okänd kommungrupp \"G1\""
        );
        assert_eq!(
            resolve_among("Håbå", &known).unwrap_err(),
            "okänd kommun \"Håbå\" (menade du \"Håbo\"?)"
        );
        let found: Vec<String> = find_among("jämförelsegrupp", &known)
            .iter()
            .map(|p| p.id().to_string())
            .collect();
        assert_eq!(found.last().map(String::as_str), Some("G99999"));
    }

    #[test]
    fn find_matches_all_words_in_ids_and_names() {
        let hits = find("liknande ifo håbo");
        let ids: Vec<&str> = hits.iter().map(Place::id).collect();
        assert!(ids.contains(&"G36526"), "{ids:?}");
        assert_eq!(find("huddinge")[0].id(), "0126");
    }
}
