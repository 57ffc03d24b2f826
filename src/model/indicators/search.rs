//! Searching the embedded KPI catalog by words (`kvalitet indikator sök`): every word must be
//! found (case and accents ignored) in the id, title or description; hits are ranked by where
//! the words were found.

use super::catalog::{self, CatalogKpi};
use crate::text::fold;

/// How well a KPI matches, for ranking (higher first).
///
/// Per word: an exact id 100; a whole word of the title 4; the start of a title word 3;
/// elsewhere in the title 2; only in the description 1. Ties: shorter title first, then id.
fn score(words: &[String], id: &str, title: &str, description: &str) -> Option<u32> {
    let title_words: Vec<&str> = title.split(' ').collect();
    let mut total = 0;
    for w in words {
        total += if fold(id) == *w {
            100
        } else if title_words.iter().any(|t| t == w) {
            4
        } else if title_words.iter().any(|t| t.starts_with(w.as_str())) {
            3
        } else if title.contains(w.as_str()) {
            2
        } else if description.contains(w.as_str()) {
            1
        } else {
            return None;
        };
    }
    Some(total)
}

/// The KPIs matching every word of `query`, best first.
pub fn search(query: &[String]) -> Vec<&'static CatalogKpi> {
    let words: Vec<String> = query
        .iter()
        .flat_map(|q| fold(q).split(' ').map(str::to_string).collect::<Vec<_>>())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return Vec::new();
    }
    let mut hits: Vec<(u32, usize, &CatalogKpi)> = catalog::kpis()
        .iter()
        .filter_map(|k| {
            let title = fold(&k.title());
            score(&words, k.id, &title, &fold(k.description)).map(|s| (s, title.len(), k))
        })
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
    fn an_exact_id_comes_first() {
        assert_eq!(ids("u31402")[0], "U31402");
    }

    #[test]
    fn no_words_or_nonsense_give_nothing() {
        assert!(search(&[]).is_empty());
        assert!(ids("qqqxxyz").is_empty());
    }
}
