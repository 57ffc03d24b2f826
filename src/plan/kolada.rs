//! Resolving `kvalitet kolada …` flags into a validated plan before any request: ids, years,
//! dates, the base URL and the cache folder, with Swedish messages for what is wrong. Sends
//! nothing; the client in `kolada` only ever sees a checked plan.

use std::path::PathBuf;

use anyhow::Result;
use chrono::NaiveDate;

use crate::base::UsageError;
use crate::cli::{KoladaFetchArgs, KoladaMetadataArgs, KoladaSourceArgs};
use crate::kolada::Catalog;
use crate::kolada::DEFAULT_BASE_URL;

/// Where requests go and whether the cache may answer them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// Always ends in `/`.
    pub base_url: String,
    /// `None` when no cache folder could be found (no home folder); then nothing is cached.
    pub cache: Option<PathBuf>,
    /// `--uppdatera`: ask Kolada even when the cache has the page.
    pub refresh: bool,
    /// `--cache-dagar`: cached pages older than this are fetched again.
    pub max_age: chrono::Duration,
    /// `--tidsgräns`: the longest one request may take.
    pub timeout: std::time::Duration,
}

/// The validated plan of `kvalitet kolada hämta`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchPlan {
    pub dir: PathBuf,
    /// KPI ids, upper case, sorted, without duplicates.
    pub kpis: Vec<String>,
    /// Municipality, region (`0000` is riket) and group (`G…`) ids, sorted, without duplicates.
    pub municipalities: Vec<String>,
    /// Sorted years; empty means all years.
    pub years: Vec<i32>,
    pub from_date: Option<NaiveDate>,
    pub source: Source,
}

/// The validated plan of `kvalitet kolada hämta-metadata`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetadataPlan {
    pub dir: PathBuf,
    pub catalogs: Vec<Catalog>,
    pub source: Source,
}

/// The plan of `kvalitet kolada hämta`.
pub fn fetch_plan(args: &KoladaFetchArgs) -> Result<FetchPlan> {
    Ok(FetchPlan {
        dir: args.source.mapp.clone(),
        kpis: kpi_ids(&args.kpi)?,
        municipalities: municipality_ids(&args.kommun)?,
        years: years(&args.years)?,
        from_date: from_date(args.from_date.as_deref())?,
        source: source(&args.source)?,
    })
}

/// The plan of `kvalitet kolada hämta-metadata`.
pub fn metadata_plan(args: &KoladaMetadataArgs) -> Result<MetadataPlan> {
    Ok(MetadataPlan {
        dir: args.source.mapp.clone(),
        catalogs: catalogs(&args.bara)?,
        source: source(&args.source)?,
    })
}

/// Base URL, cache folder and `--uppdatera`.
pub fn source(args: &KoladaSourceArgs) -> Result<Source> {
    if args.mapp.exists() && !args.mapp.is_dir() {
        return Err(usage(format!(
            "{} är ingen mapp (ange datamappen med --mapp)",
            args.mapp.display()
        )));
    }
    Ok(Source {
        base_url: base_url(args.base_url.as_deref())?,
        cache: args.cache.clone().or_else(default_cache_dir),
        refresh: args.uppdatera,
        max_age: chrono::Duration::days(i64::from(args.cache_days)),
        timeout: std::time::Duration::from_secs(args.timeout.max(1)),
    })
}

fn usage(msg: String) -> anyhow::Error {
    UsageError(msg).into()
}

/// Splits comma-separated flag values, trims them and drops empty pieces.
fn pieces(values: &[String]) -> impl Iterator<Item = &str> {
    values
        .iter()
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter(|p| !p.is_empty())
}

/// KPI ids such as `U31462` or `N00945`: letters then digits, upper-cased.
pub fn kpi_ids(values: &[String]) -> Result<Vec<String>> {
    let mut ids = Vec::new();
    for piece in pieces(values) {
        let id = piece.to_uppercase();
        let letters = id.chars().take_while(char::is_ascii_alphabetic).count();
        let rest = &id[letters..];
        if letters == 0 || rest.is_empty() || !rest.chars().all(|c| c.is_ascii_digit()) {
            return Err(usage(format!(
                "\"{piece}\" är inget nyckeltals-id (till exempel U31462 eller N00945)"
            )));
        }
        ids.push(id);
    }
    if ids.is_empty() {
        return Err(usage("ange minst ett nyckeltal med --kpi".into()));
    }
    ids.sort();
    ids.dedup();
    Ok(ids)
}

/// Municipality ids (four digits, `0000` is riket) and group ids (`G` and digits).
pub fn municipality_ids(values: &[String]) -> Result<Vec<String>> {
    let mut ids = Vec::new();
    for piece in pieces(values) {
        let id = piece.to_uppercase();
        let digits = id.strip_prefix('G').unwrap_or(&id);
        let is_group = digits.len() < id.len();
        let ok = !digits.is_empty()
            && digits.chars().all(|c| c.is_ascii_digit())
            && (is_group || digits.len() == 4);
        if !ok {
            return Err(usage(format!(
                "\"{piece}\" är inget kommun-id: ange fyra siffror (0305, 0000 för riket) eller en kommungrupp (G2328)"
            )));
        }
        ids.push(id);
    }
    if ids.is_empty() {
        return Err(usage("ange minst en kommun med --kommun".into()));
    }
    ids.sort();
    ids.dedup();
    Ok(ids)
}

/// Years as `2022`, `2019-2022` (or with an en dash) and lists of both: `2015,2019-2022`.
pub fn years(values: &[String]) -> Result<Vec<i32>> {
    let mut years = Vec::new();
    for piece in pieces(values) {
        let bad = || {
            usage(format!(
                "\"{piece}\" är inget år eller intervall (till exempel 2022 eller 2019-2022)"
            ))
        };
        let year = |s: &str| -> Result<i32> {
            let y: i32 = s.trim().parse().map_err(|_| bad())?;
            if (1900..=2100).contains(&y) {
                Ok(y)
            } else {
                Err(bad())
            }
        };
        match piece.split_once(['-', '–']) {
            Some((from, to)) => {
                let (from, to) = (year(from)?, year(to)?);
                if from > to {
                    return Err(usage(format!(
                        "intervallet \"{piece}\" går baklänges; skriv det första året först"
                    )));
                }
                years.extend(from..=to);
            }
            None => years.push(year(piece)?),
        }
    }
    years.sort_unstable();
    years.dedup();
    Ok(years)
}

/// `--från-datum` as an ISO date.
pub fn from_date(value: Option<&str>) -> Result<Option<NaiveDate>> {
    value
        .map(|v| {
            NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d").map_err(|_| {
                usage(format!(
                    "\"{v}\" är inget datum för --från-datum (skriv till exempel 2024-01-01)"
                ))
            })
        })
        .transpose()
}

/// `--bas-url`, defaulting to Kolada's v3 API; always ends in `/`.
pub fn base_url(value: Option<&str>) -> Result<String> {
    let url = value.map(str::trim).unwrap_or(DEFAULT_BASE_URL);
    if !(url.starts_with("http://") || url.starts_with("https://")) || url.len() < 10 {
        return Err(usage(format!(
            "\"{url}\" är ingen adress för --bas-url (till exempel {DEFAULT_BASE_URL})"
        )));
    }
    Ok(if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    })
}

/// The per-user cache folder for Kolada responses: `$XDG_CACHE_HOME/kvalitet/kolada`,
/// `~/.cache/kvalitet/kolada`, `~/Library/Caches/kvalitet/kolada` on macOS and
/// `%LOCALAPPDATA%\kvalitet\cache\kolada` on Windows.
pub fn default_cache_dir() -> Option<PathBuf> {
    let env = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if cfg!(windows) {
        return env("LOCALAPPDATA").map(|d| d.join("kvalitet").join("cache").join("kolada"));
    }
    let base = if cfg!(target_os = "macos") {
        env("HOME").map(|h| h.join("Library").join("Caches"))
    } else {
        env("XDG_CACHE_HOME").or_else(|| env("HOME").map(|h| h.join(".cache")))
    };
    base.map(|b| b.join("kvalitet").join("kolada"))
}

/// `--bara` for `hämta-metadata`: which catalogs, all when not given.
pub fn catalogs(values: &[String]) -> Result<Vec<Catalog>> {
    let mut out = Vec::new();
    for piece in pieces(values) {
        let folded = crate::text::fold(piece);
        let catalog = Catalog::ALL
            .into_iter()
            .find(|c| c.name() == folded)
            .ok_or_else(|| {
                let names = Catalog::ALL.map(Catalog::name);
                let hint = match crate::text::suggest(piece, names) {
                    Some(s) => format!("menade du \"{s}\"?"),
                    None => format!("tillåtna: {}", names.join(", ")),
                };
                usage(format!("okänd katalog \"{piece}\" för --bara ({hint})"))
            })?;
        out.push(catalog);
    }
    if out.is_empty() {
        out = Catalog::ALL.to_vec();
    }
    out.sort();
    out.dedup();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn ids_are_split_upper_cased_sorted_and_deduplicated() {
        assert_eq!(
            kpi_ids(&s(&["u31462, U31402", "U31462"])).unwrap(),
            s(&["U31402", "U31462"])
        );
        assert_eq!(
            municipality_ids(&s(&["0305,0000,g2328"])).unwrap(),
            s(&["0000", "0305", "G2328"])
        );
    }

    #[test]
    fn malformed_ids_are_usage_errors_that_say_what_is_expected() {
        let err = municipality_ids(&s(&["305"])).unwrap_err();
        assert!(err.downcast_ref::<UsageError>().is_some());
        assert!(err.to_string().starts_with("\"305\" är inget kommun-id"));
        assert!(kpi_ids(&s(&["31462"])).is_err());
        assert!(kpi_ids(&s(&[","])).is_err());
    }

    #[test]
    fn years_take_ranges_lists_and_en_dashes() {
        assert_eq!(
            years(&s(&["2019-2021,2015", "2022–2022"])).unwrap(),
            vec![2015, 2019, 2020, 2021, 2022]
        );
        assert!(years(&s(&["2022-2019"])).is_err());
        assert!(years(&s(&["tjugo"])).is_err());
        assert_eq!(years(&[]).unwrap(), Vec::<i32>::new());
    }

    #[test]
    fn base_url_gets_a_trailing_slash_and_must_be_http() {
        assert_eq!(base_url(None).unwrap(), DEFAULT_BASE_URL);
        assert_eq!(
            base_url(Some("http://127.0.0.1:8080/v3")).unwrap(),
            "http://127.0.0.1:8080/v3/"
        );
        assert!(base_url(Some("api.kolada.se")).is_err());
    }

    #[test]
    fn from_date_is_iso() {
        assert_eq!(
            from_date(Some("2024-01-01")).unwrap(),
            NaiveDate::from_ymd_opt(2024, 1, 1)
        );
        assert!(from_date(Some("1/1 2024")).is_err());
    }

    #[test]
    fn catalogs_default_to_all_and_suggest_near_misses() {
        assert_eq!(catalogs(&[]).unwrap(), Catalog::ALL.to_vec());
        assert_eq!(
            catalogs(&s(&["kommungrupper,Kommuner"])).unwrap(),
            vec![Catalog::Municipalities, Catalog::Groups]
        );
        let err = catalogs(&s(&["komuner"])).unwrap_err().to_string();
        assert!(err.contains("menade du \"kommuner\"?"), "{err}");
    }
}
