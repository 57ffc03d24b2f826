//! Fetching every page of a Kolada list: follows `next_url`, answers from the cache when it
//! can, and counts what it did for the summary.

use std::collections::HashSet;

use anyhow::{Result, anyhow, bail};
use chrono::{DateTime, Utc};
use serde_json::Value;

use super::cache::{self, Cache, Page};
use super::http::{Http, Rejected};
use super::plan::Catalog;
use super::urls::{self, DataQuery, MAX_IDS};

/// Pages read, how many came from the cache, and when the oldest was fetched.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Stats {
    pub pages: usize,
    pub from_cache: usize,
    pub oldest: Option<DateTime<Utc>>,
}

/// Paging over HTTP and the cache.
pub struct Client {
    pub http: Http,
    pub cache: Cache,
    pub stats: Stats,
    /// Set when a page could not be stored in the cache (said once).
    pub cache_warning: Option<String>,
}

impl Client {
    pub fn new(http: Http, cache: Cache) -> Client {
        Client {
            http,
            cache,
            stats: Stats::default(),
            cache_warning: None,
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
            out.extend(envelope.values);
            match envelope.next_url {
                Some(next) if !next.trim().is_empty() => url = urls::resolve(&url, next.trim()),
                _ => return Ok(out),
            }
        }
    }

    /// The data rows of `query`. When Kolada refuses it as too large, the query is split in
    /// two along its longest list and each half is asked for, down to single ids.
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
            other => other,
        }
    }

    /// The objects of `catalog` with these ids, in requests of at most 25 ids, halved when
    /// Kolada refuses one as too large.
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
            Err(err) if err.downcast_ref::<Rejected>().is_some() && ids.len() > 1 => {
                self.refused(ids.len());
                let (a, b) = ids.split_at(ids.len() / 2);
                let mut out = self.fetch_ids_chunk(base, catalog, a)?;
                out.extend(self.fetch_ids_chunk(base, catalog, b)?);
                Ok(out)
            }
            other => other,
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
