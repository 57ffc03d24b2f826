//! The response cache: one file per fetched page, named by a hash of its URL and holding the
//! URL, the fetch time and the body as received. A second identical fetch is answered from
//! here unless `--uppdatera` is given or the page is older than `--cache-dagar`.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use anyhow::Result;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A page as it was fetched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub body: String,
    pub fetched: DateTime<Utc>,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    url: String,
    #[serde(rename = "hamtad")]
    fetched: String,
    body: String,
}

/// The cache folder, if any, whether reads are skipped and how old a page may be.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: Option<PathBuf>,
    refresh: bool,
    max_age: chrono::Duration,
}

/// How long a cached page is used unless `--cache-dagar` says otherwise.
pub const DEFAULT_MAX_AGE_DAYS: i64 = 7;

impl Cache {
    /// A cache in `dir` (none when `None`); `refresh` skips reads but still writes. Pages older
    /// than seven days are not used.
    pub fn new(dir: Option<PathBuf>, refresh: bool) -> Cache {
        Cache {
            dir,
            refresh,
            max_age: chrono::Duration::days(DEFAULT_MAX_AGE_DAYS),
        }
    }

    /// The same cache with pages older than `max_age` not used.
    pub fn max_age(mut self, max_age: chrono::Duration) -> Cache {
        self.max_age = max_age;
        self
    }

    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// The cached page of `url`, unless refreshing, missing, unreadable or for another URL.
    pub fn get(&self, url: &str) -> Option<Page> {
        if self.refresh {
            return None;
        }
        let text = std::fs::read_to_string(self.path(url)?).ok()?;
        let entry: Entry = serde_json::from_str(&text).ok()?;
        if entry.url != url {
            return None;
        }
        let fetched = DateTime::parse_from_rfc3339(&entry.fetched)
            .ok()?
            .with_timezone(&Utc);
        if now() - fetched > self.max_age {
            return None;
        }
        Some(Page {
            body: entry.body,
            fetched,
        })
    }

    /// Stores the page of `url`; without a cache folder this does nothing.
    pub fn put(&self, url: &str, page: &Page) -> Result<()> {
        let Some(path) = self.path(url) else {
            return Ok(());
        };
        let entry = Entry {
            url: url.to_string(),
            fetched: page.fetched.to_rfc3339(),
            body: page.body.clone(),
        };
        let text = serde_json::to_string(&entry).expect("plain data serialises");
        crate::output::write_atomic(&path, text.as_bytes())
    }

    fn path(&self, url: &str) -> Option<PathBuf> {
        self.dir
            .as_ref()
            .map(|d| d.join(format!("{:016x}.json", fnv1a(url.as_bytes()))))
    }
}

/// The current time.
pub fn now() -> DateTime<Utc> {
    DateTime::<Utc>::from(SystemTime::now())
}

/// 64-bit FNV-1a: a stable file name for a URL (the URL in the file settles collisions).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page() -> Page {
        Page {
            body: "{\"values\":[]}".into(),
            // Midnight today: the same in every call, and never older than the age limit.
            fetched: now().date_naive().and_hms_opt(0, 0, 0).unwrap().and_utc(),
        }
    }

    #[test]
    fn a_stored_page_comes_back_with_its_fetch_time() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(Some(dir.path().to_path_buf()), false);
        assert_eq!(cache.get("http://x/a"), None);
        cache.put("http://x/a", &page()).unwrap();
        assert_eq!(cache.get("http://x/a"), Some(page()));
        assert_eq!(cache.get("http://x/b"), None);
    }

    #[test]
    fn a_page_older_than_the_age_limit_is_not_used() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(Some(dir.path().to_path_buf()), false);
        let old = Page {
            fetched: now() - chrono::Duration::days(8),
            ..page()
        };
        cache.put("http://x/a", &old).unwrap();
        assert_eq!(cache.get("http://x/a"), None, "older than 7 days");
        let lenient = cache.clone().max_age(chrono::Duration::days(30));
        assert_eq!(lenient.get("http://x/a"), Some(old));
    }

    #[test]
    fn refresh_skips_reads_but_still_writes() {
        let dir = tempfile::tempdir().unwrap();
        let refreshing = Cache::new(Some(dir.path().to_path_buf()), true);
        refreshing.put("http://x/a", &page()).unwrap();
        assert_eq!(refreshing.get("http://x/a"), None);
        let normal = Cache::new(Some(dir.path().to_path_buf()), false);
        assert_eq!(normal.get("http://x/a"), Some(page()));
    }

    #[test]
    fn file_names_are_stable() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
