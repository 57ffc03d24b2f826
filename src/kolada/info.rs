//! `kolada-hamtning.json`: when the Kolada data in a data folder was fetched, from where and
//! what it covers, so the report can say "Källa: Kolada, hämtad 2026-11-23".

use std::path::Path;

use anyhow::{Result, anyhow};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::INFO_FILE;

/// What `kvalitet kolada hämta` fetched into a data folder. The id and year lists are the union
/// over all fetches into the folder, like the values file they describe.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FetchInfo {
    /// The day the values were fetched from Kolada (for values served from the cache, the day
    /// the oldest cached page was fetched).
    #[serde(rename = "hamtad")]
    pub fetched: NaiveDate,
    /// The API the values came from.
    #[serde(rename = "bas_url")]
    pub base_url: String,
    /// KPI ids (*nyckeltal*).
    #[serde(rename = "nyckeltal")]
    pub kpis: Vec<String>,
    /// Municipality, region and group ids.
    #[serde(rename = "kommuner")]
    pub municipalities: Vec<String>,
    /// Years asked for; empty when all years were fetched.
    #[serde(rename = "ar")]
    pub years: Vec<i32>,
    /// `from_date` of the latest fetch, when it only fetched values changed since then.
    #[serde(
        rename = "fran_datum",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub from_date: Option<NaiveDate>,
    /// Groups Kolada refused in data requests: the folder has their members' values, and the
    /// report computes the groups' unweighted means itself.
    #[serde(
        rename = "beraknade_grupper",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    pub computed_groups: Vec<String>,
}

impl FetchInfo {
    /// The source line for tables with Kolada values: `Källa: Kolada, hämtad 2026-11-23`.
    pub fn source_line(&self) -> String {
        format!("Källa: Kolada, hämtad {}", self.fetched)
    }

    /// The file's bytes: pretty JSON with a final newline, the same for the same info.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("plain data serialises");
        text.push('\n');
        text
    }
}

/// The fetch info of the data folder `dir`, if `kolada-hamtning.json` is there and readable.
/// A report calls this to print the source; a missing or broken file is simply `None`.
pub fn fetch_info(dir: &Path) -> Option<FetchInfo> {
    read(dir).ok().flatten()
}

/// Like [`fetch_info`], but a file that exists and cannot be read is an error.
pub fn read(dir: &Path) -> Result<Option<FetchInfo>> {
    let path = dir.join(INFO_FILE);
    let Some(text) = super::read_optional(&path)? else {
        return Ok(None);
    };
    serde_json::from_str(&text)
        .map(Some)
        .map_err(|e| anyhow!("{INFO_FILE} är inte en giltig hämtningsfil: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info() -> FetchInfo {
        FetchInfo {
            fetched: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            base_url: "https://api.kolada.se/v3/".into(),
            kpis: vec!["U31402".into(), "U31462".into()],
            municipalities: vec!["0000".into(), "0305".into(), "G2328".into()],
            years: vec![2019, 2020],
            from_date: None,
            computed_groups: Vec::new(),
        }
    }

    #[test]
    fn source_line_names_kolada_and_the_date() {
        assert_eq!(info().source_line(), "Källa: Kolada, hämtad 2026-11-23");
    }

    #[test]
    fn fetch_info_reads_what_was_written_and_ignores_a_missing_file() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(fetch_info(dir.path()), None);
        std::fs::write(dir.path().join(INFO_FILE), info().to_json()).unwrap();
        assert_eq!(fetch_info(dir.path()), Some(info()));
        assert!(info().to_json().contains("\"hamtad\": \"2026-11-23\""));
    }

    #[test]
    fn a_broken_file_is_none_for_the_report_and_an_error_for_the_fetch() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(INFO_FILE), "{").unwrap();
        assert_eq!(fetch_info(dir.path()), None);
        assert!(read(dir.path()).is_err());
    }
}
