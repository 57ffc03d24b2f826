//! Searching the embedded KPI catalog by words (`kvalitet indikator sök`): every word must be
//! found (case and accents ignored) in the id, title or description; hits are ranked by where
//! the words were found. Titles and descriptions are folded at build time (`src/build.rs`), so
//! a search only compares bytes.

use std::sync::OnceLock;

use memchr::memmem::Finder;

use super::catalog::{self, CatalogKpi};
use crate::text::fold;

/// The folded title and description of every KPI, in the catalog's order.
const FOLDED: &str = include_str!(concat!(env!("OUT_DIR"), "/kpi_sok.tsv"));

/// A KPI's title and description, folded.
struct Folded {
    title: &'static str,
    description: &'static str,
}

fn folded() -> &'static [Folded] {
    static ALL: OnceLock<Vec<Folded>> = OnceLock::new();
    ALL.get_or_init(|| {
        FOLDED
            .lines()
            .map(|line| {
                let (title, description) = line.split_once('\t').unwrap_or((line, ""));
                Folded { title, description }
            })
            .collect()
    })
}

/// A folded query word and its searcher.
struct Word {
    text: String,
    finder: Finder<'static>,
}

/// How well a KPI matches, for ranking (higher first).
///
/// Per word: an exact id 100; a whole word of the title 4; the start of a title word 3;
/// elsewhere in the title 2; only in the description 1. Ties: shorter title first, then id.
fn score(words: &[Word], id: &str, text: &Folded) -> Option<u32> {
    let mut total = 0;
    for w in words {
        total += if id.eq_ignore_ascii_case(&w.text) {
            100
        } else if w.finder.find(text.title.as_bytes()).is_some() {
            let mut title_words = text.title.split(' ');
            if title_words.clone().any(|t| t == w.text) {
                4
            } else if title_words.any(|t| t.starts_with(w.text.as_str())) {
                3
            } else {
                2
            }
        } else if w.finder.find(text.description.as_bytes()).is_some() {
            1
        } else {
            return None;
        };
    }
    Some(total)
}

/// The KPIs matching every word of `query`, best first.
pub fn search(query: &[String]) -> Vec<&'static CatalogKpi> {
    let words: Vec<Word> = query
        .iter()
        .flat_map(|q| fold(q).split(' ').map(str::to_string).collect::<Vec<_>>())
        .filter(|w| !w.is_empty())
        .map(|text| Word {
            finder: Finder::new(text.as_bytes()).into_owned(),
            text,
        })
        .collect();
    if words.is_empty() {
        return Vec::new();
    }
    let mut hits: Vec<(u32, usize, &CatalogKpi)> = catalog::kpis()
        .iter()
        .zip(folded())
        .filter_map(|(k, text)| score(&words, k.id, text).map(|s| (s, text.title.len(), k)))
        .collect();
    hits.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.id.cmp(b.2.id)));
    hits.into_iter().map(|(_, _, k)| k).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(q: &str) -> Vec<&'static str> {
        search(&[q.to_string()]).iter().map(|k| k.id).collect()
    }

    #[test]
    fn all_words_must_match_accents_and_case_ignored() {
        let hits = ids("VÄNTETID forsorjningsstod");
        assert!(hits.contains(&"U31402"), "{hits:?}");
        for id in &hits {
            let k = catalog::kpi(id).unwrap();
            let text = fold(&format!("{} {}", k.title(), k.description));
            assert!(
                text.contains("vantetid") && text.contains("forsorjningsstod"),
                "{id}"
            );
        }
    }

    #[test]
    fn title_hits_rank_above_description_hits() {
        let hits = search(&["väntetid".into(), "försörjningsstöd".into()]);
        let first_description_only = hits
            .iter()
            .position(|k| !fold(&k.title()).contains("vantetid"));
        let last_title = hits.iter().rposition(|k| {
            fold(&k.title()).contains("vantetid") && fold(&k.title()).contains("forsorjningsstod")
        });
        if let (Some(d), Some(t)) = (first_description_only, last_title) {
            assert!(t < d, "title hits first");
        }
        assert!(fold(&hits[0].title()).contains("vantetid"));
    }

    #[test]
    fn the_build_time_index_is_the_catalog_folded() {
        let kpis = catalog::kpis();
        assert_eq!(folded().len(), kpis.len());
        for (k, f) in kpis.iter().zip(folded()) {
            assert_eq!(f.title, fold(&k.title()), "{}", k.id);
            assert_eq!(f.description, fold(k.description), "{}", k.id);
        }
    }

    #[test]
    fn an_exact_id_comes_first() {
        assert_eq!(ids("u31402")[0], "U31402");
    }

    #[test]
    fn no_words_or_nonsense_give_nothing() {
        assert!(search(&[]).is_empty());
        assert!(ids("qqqxxyz").is_empty());
    }
}
