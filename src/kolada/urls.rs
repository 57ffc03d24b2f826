//! Request URLs for Kolada v3, pure: id lists split into chunks of at most 25 (Kolada refuses
//! longer lists), one data URL per combination of chunks, and `next_url` resolution.

use chrono::NaiveDate;

use super::plan::Catalog;

/// The most ids Kolada accepts in one list of a request.
pub const MAX_IDS: usize = 25;

/// `items` in chunks of at most [`MAX_IDS`]; an empty list is one empty chunk, so that a
/// missing dimension still yields one request.
pub fn chunks<T: ToString>(items: &[T]) -> Vec<String> {
    if items.is_empty() {
        return vec![String::new()];
    }
    items
        .chunks(MAX_IDS)
        .map(|c| c.iter().map(T::to_string).collect::<Vec<_>>().join(","))
        .collect()
}

/// One URL per combination of KPI, municipality and year chunks:
/// `{base}data/kpi/{ids}/municipality/{ids}/year/{years}[?from_date=YYYY-MM-DD]`.
/// Groups (`G…`) go in the municipality list like municipalities. Kolada answers the query
/// form (`data?kpi=…`) with an empty list, so this uses the path form.
pub fn data_urls(
    base: &str,
    kpis: &[String],
    municipalities: &[String],
    years: &[i32],
    from_date: Option<NaiveDate>,
) -> Vec<String> {
    let query = from_date.map_or(String::new(), |d| format!("?from_date={d}"));
    let mut urls = Vec::new();
    for k in chunks(kpis) {
        for m in chunks(municipalities) {
            for y in chunks(years) {
                let year = if y.is_empty() {
                    String::new()
                } else {
                    format!("/year/{y}")
                };
                urls.push(format!("{base}data/kpi/{k}/municipality/{m}{year}{query}"));
            }
        }
    }
    urls
}

/// Metadata of the given KPIs: `{base}kpi/{ids}`, chunked.
pub fn kpi_urls(base: &str, ids: &[String]) -> Vec<String> {
    by_id(base, "kpi", ids)
}

/// Municipalities and regions by id: `{base}municipality/{ids}`, chunked.
pub fn municipality_urls(base: &str, ids: &[String]) -> Vec<String> {
    by_id(base, "municipality", ids)
}

/// Municipality groups by id: `{base}municipality_groups/{ids}`, chunked.
pub fn group_urls(base: &str, ids: &[String]) -> Vec<String> {
    by_id(base, "municipality_groups", ids)
}

fn by_id(base: &str, entity: &str, ids: &[String]) -> Vec<String> {
    if ids.is_empty() {
        return Vec::new();
    }
    chunks(ids)
        .into_iter()
        .map(|c| format!("{base}{entity}/{c}"))
        .collect()
}

/// A whole catalog: `{base}kpi`, `{base}municipality` or `{base}municipality_groups`.
pub fn catalog_url(base: &str, catalog: Catalog) -> String {
    let entity = match catalog {
        Catalog::Kpis => "kpi",
        Catalog::Municipalities => "municipality",
        Catalog::Groups => "municipality_groups",
    };
    format!("{base}{entity}")
}

/// `next_url` as an absolute URL: Kolada sends absolute URLs; a path is taken relative to the
/// origin of `current`, anything else relative to its folder.
pub fn resolve(current: &str, next: &str) -> String {
    if next.starts_with("http://") || next.starts_with("https://") {
        return next.to_string();
    }
    let after_scheme = current.find("://").map_or(0, |i| i + 3);
    let origin_end = current[after_scheme..]
        .find('/')
        .map_or(current.len(), |i| after_scheme + i);
    if next.starts_with('/') {
        return format!("{}{next}", &current[..origin_end]);
    }
    let path = current.split(['?', '#']).next().unwrap_or(current);
    let folder_end = path
        .rfind('/')
        .filter(|&i| i >= origin_end)
        .map_or(path.len(), |i| i + 1);
    format!("{}{next}", &path[..folder_end])
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "https://api.kolada.se/v3/";

    fn ids(prefix: &str, n: usize) -> Vec<String> {
        (0..n).map(|i| format!("{prefix}{i:04}")).collect()
    }

    #[test]
    fn lists_are_split_at_25_ids() {
        let c = chunks(&ids("", 51));
        assert_eq!(c.len(), 3);
        assert_eq!(c[0].split(',').count(), 25);
        assert_eq!(c[2], "0050");
        assert_eq!(chunks::<String>(&[]), vec![String::new()]);
    }

    #[test]
    fn one_data_url_per_combination_of_chunks() {
        let urls = data_urls(BASE, &ids("N", 26), &ids("", 30), &[2019, 2020], None);
        assert_eq!(urls.len(), 4);
        assert!(urls[0].starts_with("https://api.kolada.se/v3/data/kpi/N0000,N0001,"));
        assert!(urls[0].ends_with("/year/2019,2020"));
        assert!(urls[3].contains("/kpi/N0025/municipality/0025,0026,0027,0028,0029/year/"));
    }

    #[test]
    fn data_url_without_years_and_with_from_date() {
        let d = NaiveDate::from_ymd_opt(2024, 1, 1);
        assert_eq!(
            data_urls(BASE, &["U31462".into()], &["G2328".into()], &[], d),
            vec![
                "https://api.kolada.se/v3/data/kpi/U31462/municipality/G2328?from_date=2024-01-01"
            ]
        );
    }

    #[test]
    fn metadata_urls() {
        assert_eq!(
            kpi_urls(BASE, &["U31402".into(), "U31462".into()]),
            vec!["https://api.kolada.se/v3/kpi/U31402,U31462"]
        );
        assert!(group_urls(BASE, &[]).is_empty());
        assert_eq!(
            catalog_url(BASE, Catalog::Groups),
            "https://api.kolada.se/v3/municipality_groups"
        );
    }

    #[test]
    fn next_url_is_resolved_against_the_current_url() {
        let cur = "http://127.0.0.1:9/v3/data/kpi/N1/municipality/0180?page=1";
        assert_eq!(resolve(cur, "http://x/y"), "http://x/y");
        assert_eq!(
            resolve(cur, "/v3/p?page=2"),
            "http://127.0.0.1:9/v3/p?page=2"
        );
        assert_eq!(
            resolve(cur, "0180?page=2"),
            "http://127.0.0.1:9/v3/data/kpi/N1/municipality/0180?page=2"
        );
    }
}
