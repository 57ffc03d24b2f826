//! Fetching every page of a Kolada list: follows `next_url` on the same host until a page is
//! empty or has no `next_url`, answers from the cache when it can, turns a 404 on data or ids
//! into "no values" with a warning, and counts what it did for the summary.

use std::collections::HashSet;

use anyhow::{Result, anyhow, bail};
use chrono::{DateTime, Utc};
use serde_json::Value;

use super::cache::{self, Cache, Page};
use super::catalog::Catalog;
use super::http::{Http, NotFound, Rejected, said};
use super::urls::{self, DataQuery, MAX_IDS};

/// Pages read, how many came from the cache, and when the oldest was fetched.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Stats {
    pub pages: usize,
    pub from_cache: usize,
    pub oldest: Option<DateTime<Utc>>,
    /// When the oldest page served from the cache was fetched.
    pub oldest_cached: Option<DateTime<Utc>>,
}

/// Paging over HTTP and the cache.
pub struct Client {
    pub http: Http,
    pub cache: Cache,
    pub stats: Stats,
    /// Set when a page could not be stored in the cache (said once).
    pub cache_warning: Option<String>,
    /// Requests Kolada answered 404 and that were skipped with a warning.
    pub not_found: usize,
}

impl Client {
    pub fn new(http: Http, cache: Cache) -> Client {
        Client {
            http,
            cache,
            stats: Stats::default(),
            cache_warning: None,
            not_found: 0,
        }
    }

    /// Every object in the `values` of `url` and the pages after it; `use_cache` false asks
    /// Kolada even when the cache has the pages.
    pub fn fetch_all(&mut self, url: &str, use_cache: bool) -> Result<Vec<Value>> {
        let mut url = url.to_string();
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        loop {
            if !seen.insert(url.clone()) {
                bail!("Kolada skickade samma sida två gånger ({url}); hämtningen avbröts");
            }
            let (envelope, fetched) = self.page(&url, use_cache)?;
            self.stats.pages += 1;
            self.stats.oldest = Some(self.stats.oldest.map_or(fetched, |o| o.min(fetched)));
            if envelope.values.is_empty() {
                return Ok(out);
            }
            out.extend(envelope.values);
            match envelope.next_url {
                Some(next) if !next.trim().is_empty() => {
                    url = urls::next_on_same_host(&url, next.trim()).map_err(|host| {
                        anyhow!(
                            "Kolada skickade en adress till nästa sida på en annan värd ({host}); \
                             den följs inte och hämtningen avbröts: kontrollera --bas-url och proxyn"
                        )
                    })?;
                }
                _ => return Ok(out),
            }
        }
    }

    /// The data rows of `query`. When Kolada refuses it as too large, the query is split in
    /// two along its longest list and each half is asked for, down to single ids. A 404 is
    /// split along the KPIs and, for one KPI, is no values with a warning naming the ids.
    pub fn fetch_data(
        &mut self,
        query: &DataQuery,
        base: &str,
        from_date: Option<chrono::NaiveDate>,
        use_cache: bool,
    ) -> Result<Vec<Value>> {
        match self.fetch_all(&query.url(base, from_date), use_cache) {
            Err(err) if err.downcast_ref::<Rejected>().is_some() => {
                let Some((a, b)) = query.split() else {
                    return Err(err);
                };
                self.refused(query.len());
                let mut rows = self.fetch_data(&a, base, from_date, use_cache)?;
                rows.extend(self.fetch_data(&b, base, from_date, use_cache)?);
                Ok(rows)
            }
            Err(err) if err.is::<NotFound>() && query.kpis.len() > 1 => {
                // One KPI without data must not cost the others theirs.
                let (mut a, mut b) = (query.clone(), query.clone());
                b.kpis = a.kpis.split_off(a.kpis.len() / 2);
                let mut rows = self.fetch_data(&a, base, from_date, use_cache)?;
                rows.extend(self.fetch_data(&b, base, from_date, use_cache)?);
                Ok(rows)
            }
            Err(err) => match err.downcast::<NotFound>() {
                Ok(nf) => {
                    self.not_found(&nf, &query.describe());
                    Ok(Vec::new())
                }
                Err(err) => Err(err),
            },
            ok => ok,
        }
    }

    /// The data rows of a query for groups only. A group Kolada refuses in data requests (400,
    /// 414, 422 or 404 for the group alone) is not an error: it comes back among the refused
    /// ids, for the caller to fetch its members instead.
    pub fn fetch_group_data(
        &mut self,
        query: &DataQuery,
        base: &str,
        from_date: Option<chrono::NaiveDate>,
        use_cache: bool,
    ) -> Result<GroupRows> {
        match self.fetch_all(&query.url(base, from_date), use_cache) {
            Ok(rows) => Ok(GroupRows {
                rows,
                refused: Vec::new(),
            }),
            Err(err) if err.is::<Rejected>() || err.is::<NotFound>() => {
                if query.municipalities.len() < 2 {
                    return Ok(GroupRows {
                        rows: Vec::new(),
                        refused: query.municipalities.clone(),
                    });
                }
                let (a, b) = query.split_municipalities();
                let mut out = self.fetch_group_data(&a, base, from_date, use_cache)?;
                let second = self.fetch_group_data(&b, base, from_date, use_cache)?;
                out.rows.extend(second.rows);
                out.refused.extend(second.refused);
                Ok(out)
            }
            Err(err) => Err(err),
        }
    }

    /// The warning for a 404 on data or ids: the run goes on without them.
    fn not_found(&mut self, nf: &NotFound, what: &str) {
        self.not_found += 1;
        self.http.notice(&format!(
            "varning: Kolada hittade inget för {what} (404{}); de hoppas över",
            said(nf.detail.as_deref())
        ));
    }

    /// The objects of `catalog` with these ids, in requests of at most 25 ids, halved when
    /// Kolada refuses one as too large or answers 404 (one unknown id must not hide the
    /// others); a single id Kolada does not know is a warning.
    pub fn fetch_by_ids(
        &mut self,
        base: &str,
        catalog: Catalog,
        ids: &[String],
    ) -> Result<Vec<Value>> {
        let mut out = Vec::new();
        for chunk in ids.chunks(MAX_IDS) {
            out.extend(self.fetch_ids_chunk(base, catalog, chunk)?);
        }
        Ok(out)
    }

    fn fetch_ids_chunk(
        &mut self,
        base: &str,
        catalog: Catalog,
        ids: &[String],
    ) -> Result<Vec<Value>> {
        match self.fetch_all(&urls::ids_url(base, catalog, ids), true) {
            Err(err) if (err.is::<Rejected>() || err.is::<NotFound>()) && ids.len() > 1 => {
                if err.is::<Rejected>() {
                    self.refused(ids.len());
                }
                let (a, b) = ids.split_at(ids.len() / 2);
                let mut out = self.fetch_ids_chunk(base, catalog, a)?;
                out.extend(self.fetch_ids_chunk(base, catalog, b)?);
                Ok(out)
            }
            Err(err) => match err.downcast::<NotFound>() {
                Ok(nf) => {
                    self.not_found(&nf, &format!("{} {}", catalog.name(), ids.join(", ")));
                    Ok(Vec::new())
                }
                Err(err) => Err(err),
            },
            ok => ok,
        }
    }

    fn refused(&mut self, ids: usize) {
        self.http.notice(&format!(
            "Kolada avvisade en fråga med {ids} id:n; frågar i två delar"
        ));
    }

    fn page(&mut self, url: &str, use_cache: bool) -> Result<(Envelope, DateTime<Utc>)> {
        if use_cache
            && let Some(page) = self.cache.get(url)
            && let Ok(envelope) = parse(url, &page.body)
        {
            self.stats.from_cache += 1;
            let oldest = self
                .stats
                .oldest_cached
                .map_or(page.fetched, |o| o.min(page.fetched));
            self.stats.oldest_cached = Some(oldest);
            return Ok((envelope, page.fetched));
        }
        let body = self.http.get(url)?;
        let envelope = parse(url, &body)?;
        let page = Page {
            body,
            fetched: cache::now(),
        };
        if let Err(e) = self.cache.put(url, &page)
            && self.cache_warning.is_none()
        {
            self.cache_warning = Some(format!("varning: svaren sparas inte i cachen: {e:#}"));
        }
        Ok((envelope, page.fetched))
    }
}

/// What a group query gave: rows, and the groups Kolada refused in data requests.
#[derive(Debug, Default)]
pub struct GroupRows {
    pub rows: Vec<Value>,
    pub refused: Vec<String>,
}

/// One page of a Kolada list.
#[derive(Debug)]
pub struct Envelope {
    pub values: Vec<Value>,
    pub next_url: Option<String>,
}

/// Reads `{"values": [...], "next_url": ...}`; Kolada's `{"error": ...}` becomes its message.
pub fn parse(url: &str, body: &str) -> Result<Envelope> {
    let not_kolada = |why: String| anyhow!("svaret från {url} är inte Kolada-data: {why}");
    let mut value: Value = serde_json::from_str(body).map_err(|e| not_kolada(e.to_string()))?;
    if let Some(err) = value.get("error").and_then(Value::as_str) {
        bail!("Kolada svarade med ett fel på {url}: {err}");
    }
    let values = match value.get_mut("values").map(Value::take) {
        Some(Value::Array(values)) => values,
        _ => return Err(not_kolada("listan \"values\" saknas".into())),
    };
    let next_url = value
        .get("next_url")
        .and_then(Value::as_str)
        .map(str::to_string);
    Ok(Envelope { values, next_url })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_envelope_gives_values_and_next_url() {
        let e = parse(
            "u",
            r#"{"values":[{"id":"1"}],"count":1,"next_url":"n","previous_url":null}"#,
        )
        .unwrap();
        assert_eq!(e.values.len(), 1);
        assert_eq!(e.next_url.as_deref(), Some("n"));
        let e = parse("u", r#"{"values":[],"next_url":null}"#).unwrap();
        assert_eq!(e.next_url, None);
    }

    #[test]
    fn kolada_errors_and_other_json_are_explained() {
        let err = parse("u", r#"{"error":"This endpoint is deprecated."}"#).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Kolada svarade med ett fel på u: This endpoint is deprecated."
        );
        let err = parse("u", "<html>").unwrap_err().to_string();
        assert!(
            err.starts_with("svaret från u är inte Kolada-data"),
            "{err}"
        );
        assert!(parse("u", "{}").is_err());
    }
}
