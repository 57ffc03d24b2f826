//! Request URLs for Kolada v3, pure: id lists split into chunks of at most 25 (Kolada refuses
//! longer lists), one data query per combination of chunks (split further when Kolada still
//! refuses it), and `next_url` resolution.

use chrono::NaiveDate;

use super::catalog::Catalog;

/// The most ids Kolada accepts in one list of a request.
pub const MAX_IDS: usize = 25;

/// Objects per page, asked for explicitly (Kolada's own default is smaller and may change).
pub const PER_PAGE: usize = 5000;

/// One data request: lists of at most [`MAX_IDS`] KPIs, municipalities (groups `G…` among
/// them) and years (empty: all years).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataQuery {
    pub kpis: Vec<String>,
    pub municipalities: Vec<String>,
    pub years: Vec<i32>,
}

impl DataQuery {
    /// `{base}data/kpi/{ids}/municipality/{ids}[/year/{years}]?per_page=5000[&from_date=YYYY-MM-DD]`.
    /// Kolada answers the query form (`data?kpi=…`) with an empty list, so this uses the path
    /// form.
    pub fn url(&self, base: &str, from_date: Option<NaiveDate>) -> String {
        let years = if self.years.is_empty() {
            String::new()
        } else {
            format!("/year/{}", join(&self.years))
        };
        let query = from_date.map_or(String::new(), |d| format!("&from_date={d}"));
        format!(
            "{base}data/kpi/{}/municipality/{}{years}?per_page={PER_PAGE}{query}",
            join(&self.kpis),
            join(&self.municipalities)
        )
    }

    /// The ids in the request.
    pub fn len(&self) -> usize {
        self.kpis.len() + self.municipalities.len() + self.years.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// "nyckeltal N1, N2, kommun 0180, 1480, år 2019": the ids, for warnings.
    pub fn describe(&self) -> String {
        let mut out = format!(
            "nyckeltal {}, kommun {}",
            self.kpis.join(", "),
            self.municipalities.join(", ")
        );
        if !self.years.is_empty() {
            out.push_str(&format!(", år {}", join(&self.years).replace(',', ", ")));
        }
        out
    }

    /// The query in two halves of its municipality list (at least two ids).
    pub fn split_municipalities(&self) -> (DataQuery, DataQuery) {
        let (mut a, mut b) = (self.clone(), self.clone());
        b.municipalities = a.municipalities.split_off(a.municipalities.len() / 2);
        (a, b)
    }

    /// The query in two halves along its longest list, for when Kolada refuses it as too
    /// large; `None` when every list has one id.
    pub fn split(&self) -> Option<(DataQuery, DataQuery)> {
        let longest = [self.kpis.len(), self.municipalities.len(), self.years.len()]
            .into_iter()
            .enumerate()
            .max_by_key(|&(i, n)| (n, std::cmp::Reverse(i)))?;
        if longest.1 < 2 {
            return None;
        }
        let (mut a, mut b) = (self.clone(), self.clone());
        match longest.0 {
            0 => b.kpis = a.kpis.split_off(a.kpis.len() / 2),
            1 => b.municipalities = a.municipalities.split_off(a.municipalities.len() / 2),
            _ => b.years = a.years.split_off(a.years.len() / 2),
        }
        Some((a, b))
    }
}

fn join<T: ToString>(items: &[T]) -> String {
    items.iter().map(T::to_string).collect::<Vec<_>>().join(",")
}

/// One query per combination of KPI, municipality and year chunks of at most [`MAX_IDS`]; none
/// without KPIs or municipalities (no years means all years).
pub fn data_queries(kpis: &[String], municipalities: &[String], years: &[i32]) -> Vec<DataQuery> {
    let mut out = Vec::new();
    if kpis.is_empty() || municipalities.is_empty() {
        return out;
    }
    for k in pieces(kpis) {
        for m in pieces(municipalities) {
            for y in pieces(years) {
                out.push(DataQuery {
                    kpis: k.to_vec(),
                    municipalities: m.to_vec(),
                    years: y.to_vec(),
                });
            }
        }
    }
    out
}

/// `items` in slices of at most [`MAX_IDS`]; an empty list is one empty slice.
fn pieces<T>(items: &[T]) -> Vec<&[T]> {
    if items.is_empty() {
        vec![items]
    } else {
        items.chunks(MAX_IDS).collect()
    }
}

/// Catalog objects by id: `{base}kpi/{ids}`, `{base}municipality/{ids}` or
/// `{base}municipality_groups/{ids}`, for at most [`MAX_IDS`] ids.
pub fn ids_url(base: &str, catalog: Catalog, ids: &[String]) -> String {
    format!(
        "{base}{}/{}?per_page={PER_PAGE}",
        entity(catalog),
        join(ids)
    )
}

/// A whole catalog: `{base}kpi`, `{base}municipality` or `{base}municipality_groups`.
pub fn catalog_url(base: &str, catalog: Catalog) -> String {
    format!("{base}{}?per_page={PER_PAGE}", entity(catalog))
}

fn entity(catalog: Catalog) -> &'static str {
    match catalog {
        Catalog::Kpis => "kpi",
        Catalog::Municipalities => "municipality",
        Catalog::Groups => "municipality_groups",
    }
}

/// `next_url` as a URL on `current`'s scheme and host: the same host with another scheme
/// (a proxy in front of Kolada that says `http`) keeps `current`'s scheme; another host is
/// `Err` with that host, never followed.
pub fn next_on_same_host(current: &str, next: &str) -> Result<String, String> {
    let next = resolve(current, next);
    let split = |url: &str| -> (String, String) {
        let (scheme, rest) = url.split_once("://").unwrap_or(("", url));
        let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        (
            scheme.to_ascii_lowercase(),
            rest[..host_end].to_ascii_lowercase(),
        )
    };
    let ((scheme, host), (next_scheme, next_host)) = (split(current), split(&next));
    if host != next_host {
        return Err(next_host);
    }
    if scheme == next_scheme {
        return Ok(next);
    }
    let after = next.find("://").map_or(0, |i| i + 3);
    Ok(format!("{scheme}://{}", &next[after..]))
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

    fn urls(queries: &[DataQuery]) -> Vec<String> {
        queries.iter().map(|q| q.url(BASE, None)).collect()
    }

    #[test]
    fn one_data_query_per_combination_of_chunks_of_25() {
        let urls = urls(&data_queries(&ids("N", 26), &ids("", 30), &[2019, 2020]));
        assert_eq!(urls.len(), 4);
        assert!(urls[0].starts_with("https://api.kolada.se/v3/data/kpi/N0000,N0001,"));
        assert_eq!(urls[0].split('/').nth(6).unwrap().split(',').count(), 25);
        assert!(urls[0].ends_with("/year/2019,2020?per_page=5000"));
        assert!(urls[3].contains("/kpi/N0025/municipality/0025,0026,0027,0028,0029/year/"));
    }

    #[test]
    fn data_url_without_years_and_with_from_date() {
        let d = NaiveDate::from_ymd_opt(2024, 1, 1);
        let q = &data_queries(&["U31462".into()], &["G2328".into()], &[])[0];
        assert_eq!(
            q.url(BASE, d),
            "https://api.kolada.se/v3/data/kpi/U31462/municipality/G2328?per_page=5000&from_date=2024-01-01"
        );
    }

    #[test]
    fn a_query_splits_along_its_longest_list_until_single_ids() {
        let q = &data_queries(&ids("N", 2), &ids("", 5), &[2019])[0];
        let (a, b) = q.split().unwrap();
        assert_eq!((a.municipalities.len(), b.municipalities.len()), (2, 3));
        assert_eq!((a.kpis.len(), b.years.len()), (2, 1));
        let single = &data_queries(&ids("N", 1), &ids("", 1), &[])[0];
        assert_eq!(single.split(), None);
        assert!(data_queries(&ids("N", 1), &[], &[2019]).is_empty());
    }

    #[test]
    fn metadata_urls() {
        assert_eq!(
            ids_url(BASE, Catalog::Kpis, &["U31402".into(), "U31462".into()]),
            "https://api.kolada.se/v3/kpi/U31402,U31462?per_page=5000"
        );
        assert_eq!(
            catalog_url(BASE, Catalog::Groups),
            "https://api.kolada.se/v3/municipality_groups?per_page=5000"
        );
    }

    #[test]
    fn next_url_is_followed_only_on_the_same_host() {
        let cur = "https://api.kolada.se/v3/kpi?per_page=5000";
        assert_eq!(
            next_on_same_host(cur, "https://api.kolada.se/v3/kpi?page=2"),
            Ok("https://api.kolada.se/v3/kpi?page=2".into())
        );
        assert_eq!(
            next_on_same_host(cur, "http://API.kolada.se/v3/kpi?page=2"),
            Ok("https://API.kolada.se/v3/kpi?page=2".into()),
            "the scheme of the base is kept"
        );
        assert_eq!(
            next_on_same_host(cur, "https://evil.example/v3/kpi?page=2"),
            Err("evil.example".into())
        );
        assert_eq!(
            next_on_same_host(cur, "/v3/kpi?page=2"),
            Ok("https://api.kolada.se/v3/kpi?page=2".into())
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
