//! Fetching from the Kolada API v3: KPI values, KPI metadata, municipalities and municipality
//! groups, written into the data folder in Kolada's own JSON shapes.
//!
//! The stages mirror the rest of the tool: `crate::plan::kolada` (validated ids, years and
//! paths, from the flags) → `urls` (chunked request URLs, pure) → `client` (paging over `http`
//! with retries, and `cache`) → `values` / `metadata` (merging, pure) → files through
//! `crate::output`. Nothing here is read by the report except `fetch_info`, which says when and
//! from where the data came. Must not read the data folder's registers or know the model.

pub mod cache;
pub mod catalog;
pub mod client;
pub mod http;
pub mod info;
pub mod metadata;

pub mod refusal;
pub mod urls;
pub mod values;

pub use catalog::Catalog;
pub use info::{FetchInfo, fetch_info};

/// Kolada's public API, version 3.
pub const DEFAULT_BASE_URL: &str = "https://api.kolada.se/v3/";

/// KPI values in Kolada's data envelope.
pub const VALUES_FILE: &str = "indikatorer.json";
/// KPI metadata in Kolada's kpi envelope.
pub const KPI_FILE: &str = "nyckeltal.json";
/// Municipalities and regions in Kolada's municipality envelope.
pub const MUNICIPALITIES_FILE: &str = "kommuner.json";
/// Municipality groups in Kolada's municipality_groups envelope.
pub const GROUPS_FILE: &str = "kommungrupper.json";
/// When, from where and what was fetched.
pub const INFO_FILE: &str = "kolada-hamtning.json";

/// The text of `path`, `None` when the file does not exist, a Swedish error when it cannot be
/// read.
fn read_optional(path: &std::path::Path) -> anyhow::Result<Option<String>> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(anyhow::anyhow!(
            "{} kan inte läsas: {}",
            crate::ingest::display_name(path),
            crate::ingest::io_reason(&e)
        )),
    }
}
