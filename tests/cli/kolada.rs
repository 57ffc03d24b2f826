//! `kvalitet kolada …` against a local stand-in for Kolada: files written in Kolada's shapes,
//! chunking at 25 ids, paging, retries, the cache, `--från-datum` merging, and the messages a
//! user sees when something is wrong.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use super::harness::Run;
use super::kolada_server::{Kolada, data_rows};

pub(super) const CITIES_AND_GROUP: &str =
    "0180,1280,1480,0319,0562,0687,1082,1083,1885,1984,2084,G36526";

/// Runs `kvalitet kolada ARGS --bas-url SERVER --cache CACHE` in `dir`, without proxies.
pub(super) fn kolada(dir: &Path, base: &str, cache: &Path, args: &[&str]) -> Run {
    kolada_env(dir, base, cache, args, &[])
}

/// [`kolada`] with the environment variables `env` set after the proxies are removed.
pub(super) fn kolada_env(
    dir: &Path,
    base: &str,
    cache: &Path,
    args: &[&str],
    env: &[(&str, &str)],
) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kvalitet"));
    cmd.arg("kolada")
        .args(args)
        .args(["--bas-url", base, "--cache", cache.to_str().unwrap()])
        .current_dir(dir);
    for var in [
        "HTTP_PROXY",
        "http_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "ALL_PROXY",
        "all_proxy",
        "NO_PROXY",
        "no_proxy",
    ] {
        cmd.env_remove(var);
    }
    let out = cmd
        .envs(env.iter().copied())
        .output()
        .expect("the binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// Output with the server's address and today's date replaced, so snapshots are stable.
pub(super) fn redact(text: &str, server: &Kolada) -> String {
    let today = chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now())
        .date_naive()
        .to_string();
    text.replace(&server.base, "[kolada]/")
        .replace(server.base.trim_end_matches("/v3/"), "[kolada]")
        .replace(&today, "[idag]")
}

pub(super) fn json(dir: &Path, name: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join(name)).unwrap()).unwrap()
}

/// (kpi, municipality, period, value) of every value in `indikatorer.json`.
pub(super) fn values(dir: &Path) -> Vec<(String, String, i64, Value)> {
    json(dir, "indikatorer.json")["values"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| {
            r["values"].as_array().unwrap().iter().map(move |v| {
                (
                    r["kpi"].as_str().unwrap().to_string(),
                    r["municipality"].as_str().unwrap().to_string(),
                    r["period"].as_i64().unwrap(),
                    v["value"].clone(),
                )
            })
        })
        .collect()
}

pub(super) fn fetch_args(years: &str) -> Vec<&str> {
    vec![
        "hämta",
        "--kpi",
        "N03703,n03702",
        "--kommun",
        CITIES_AND_GROUP,
        "--år",
        years,
    ]
}

/// A fresh data folder and cache after `hämta` of both KPIs for the cities and the group.
pub(super) fn fetched(server: &Kolada, years: &str) -> (tempfile::TempDir, tempfile::TempDir, Run) {
    let (dir, cache) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let run = kolada(dir.path(), &server.base, cache.path(), &fetch_args(years));
    (dir, cache, run)
}

#[test]
fn fetch_writes_kolada_files_follows_pages_and_says_what_it_did() {
    let server = Kolada::start();
    let (dir, _cache, run) = fetched(&server, "2012-2019");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    insta::assert_snapshot!("fetch_stdout", redact(&run.stdout, &server));

    // 176 values in 4 pages of 50 (asked for 5000 a page; the server gives 50), the KPIs and
    // the group by id, the group's values in a request of its own, the municipalities by id.
    let requests = server.requests();
    assert_eq!(requests.len(), 8, "{requests:#?}");
    assert!(requests[0].starts_with(
        "/v3/data/kpi/N03702,N03703/municipality/0180,0319,0562,0687,1082,1083,1280,1480,1885,1984,2084/year/2012,2013,"
    ));
    assert!(requests[0].ends_with("?per_page=5000"), "{requests:#?}");
    assert!(
        requests[3].ends_with("per_page=5000&page=4"),
        "{requests:#?}"
    );
    assert_eq!(requests[4], "/v3/kpi/N03702,N03703?per_page=5000");
    assert_eq!(requests[5], "/v3/municipality_groups/G36526?per_page=5000");
    assert!(
        requests[6].starts_with("/v3/data/kpi/N03702,N03703/municipality/G36526/year/2012,"),
        "{requests:#?}"
    );
    assert_eq!(
        requests[7],
        "/v3/municipality/0180,0319,0562,0687,1082,1083,1280,1480,1885,1984,2084?per_page=5000"
    );

    let vals = values(dir.path());
    assert_eq!(vals.len(), 176);
    let mut sorted = vals.clone();
    sorted.sort_by(|a, b| (&a.0, &a.1, a.2).cmp(&(&b.0, &b.1, b.2)));
    assert_eq!(vals, sorted, "sorted by kpi, municipality, period");
    assert_eq!(
        vals[0],
        (
            "N03702".into(),
            "0180".into(),
            2012,
            data_rows()
                .iter()
                .find(|r| r["kpi"] == "N03702"
                    && r["municipality"] == "0180"
                    && r["period"] == 2012)
                .unwrap()["values"][0]["value"]
                .clone()
        ),
        "numbers are kept as Kolada sent them"
    );
    assert_eq!(
        json(dir.path(), "indikatorer.json")["count"],
        176,
        "one row per gender here"
    );
    assert_eq!(
        json(dir.path(), "nyckeltal.json")["values"][1]["id"],
        "N03703"
    );
    assert_eq!(json(dir.path(), "kommuner.json")["count"], 11);
    assert_eq!(
        json(dir.path(), "kommungrupper.json")["values"][0]["id"],
        "G36526"
    );
    let info = kvalitet::kolada::fetch_info(dir.path()).expect("fetch info written");
    assert_eq!(info.base_url, server.base, "--bas-url is honoured");
    assert_eq!(info.kpis, vec!["N03702", "N03703"]);
    assert_eq!(info.years, (2012..=2019).collect::<Vec<_>>());
    assert_eq!(
        info.source_line(),
        format!("Källa: Kolada, hämtad {}", info.fetched)
    );
}

#[test]
fn a_second_identical_fetch_is_served_from_the_cache_unless_refreshed() {
    let server = Kolada::start();
    let (dir, cache, first) = fetched(&server, "2019");
    assert_eq!(first.code, 0, "{}", first.stderr);
    let bytes = std::fs::read(dir.path().join("indikatorer.json")).unwrap();
    let asked = server.requests().len();

    let second = kolada(dir.path(), &server.base, cache.path(), &fetch_args("2019"));
    assert_eq!(second.code, 0, "{}", second.stderr);
    assert_eq!(server.requests().len(), asked, "Kolada was not asked again");
    assert!(
        second.stdout.starts_with(&format!(
            "Kolada ({}): 0 anrop; 5 sidor, varav 5 ur cachen",
            server.base
        )),
        "{}",
        second.stdout
    );
    assert_eq!(
        std::fs::read(dir.path().join("indikatorer.json")).unwrap(),
        bytes,
        "same data, same bytes"
    );

    let mut args = fetch_args("2019");
    args.push("--uppdatera");
    let third = kolada(dir.path(), &server.base, cache.path(), &args);
    assert_eq!(third.code, 0, "{}", third.stderr);
    assert_eq!(server.requests().len(), 2 * asked, "--uppdatera asks again");
}

/// A fresh data folder and cache after `hämta --kpi KPIS --kommun PLACES --år 2019`.
pub(super) fn fetch_2019(
    server: &Kolada,
    kpis: &str,
    places: &str,
) -> (tempfile::TempDir, tempfile::TempDir, Run) {
    let (dir, cache) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let args = ["hämta", "--kpi", kpis, "--kommun", places, "--år", "2019"];
    let run = kolada(dir.path(), &server.base, cache.path(), &args);
    (dir, cache, run)
}

#[test]
fn more_than_25_municipalities_are_split_into_requests_of_at_most_25() {
    let server = Kolada::start();
    // The 11 municipalities with data and 19 more (Kolada answers 422 above 25 ids).
    let mut ids: Vec<String> = CITIES_AND_GROUP
        .split(',')
        .filter(|id| !id.starts_with('G'))
        .map(str::to_string)
        .collect();
    ids.extend((1..=19).map(|i| format!("{:04}", 2500 + i)));
    let (dir, _cache, run) = fetch_2019(&server, "N03702", &ids.join(","));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let data = server.data_requests();
    assert_eq!(data.len(), 2, "{data:#?}");
    let sizes: Vec<usize> = data
        .iter()
        .map(|r| r.split('/').nth(6).unwrap().split(',').count())
        .collect();
    assert_eq!(sizes, vec![25, 5]);
    assert_eq!(values(dir.path()).len(), 11, "both chunks are combined");
    let municipality_requests = server
        .requests()
        .into_iter()
        .filter(|r| r.starts_with("/v3/municipality/"))
        .count();
    assert_eq!(municipality_requests, 2);
}

#[test]
fn a_query_kolada_refuses_as_too_large_is_asked_in_halves() {
    let server = Kolada::start();
    server.max_ids(8);
    let (dir, _cache, run) = fetched(&server, "2019");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "Kolada avvisade en fråga med 14 id:n; frågar i två delar\n\
         Kolada avvisade en fråga med 11 id:n; frågar i två delar\n"
    );
    assert_eq!(values(dir.path()).len(), 22, "all halves are combined");
}

#[test]
fn rate_limits_and_server_errors_are_tried_again() {
    let server = Kolada::start();
    server.fail_first(&[(429, Some(0)), (503, Some(0)), (502, Some(0))]);
    let (dir, _cache, run) = fetched(&server, "2019");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "Kolada svarade 429 (för många anrop); försöker igen om 0 s (försök 2 av 5)\n\
         Kolada svarade 503 (tjänsten är inte tillgänglig); försöker igen om 0 s (försök 3 av 5)\n\
         Kolada svarade 502 (felaktig gateway); försöker igen om 0 s (försök 4 av 5)\n"
    );
    assert!(
        run.stdout.starts_with(&format!(
            "Kolada ({}): 8 anrop, varav 3 nya försök;",
            server.base
        )),
        "{}",
        run.stdout
    );
    assert_eq!(values(dir.path()).len(), 22);
}

#[test]
fn a_server_that_keeps_failing_is_given_up_after_five_tries_and_nothing_is_written() {
    let server = Kolada::start();
    server.always_fail(503);
    let (dir, _cache, run) = fetched(&server, "2019");
    assert_eq!(run.code, 1);
    insta::assert_snapshot!("gives_up_stderr", redact(&run.stderr, &server));
    assert_eq!(server.requests().len(), 5);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn from_date_is_passed_on_and_merged_into_the_values() {
    let server = Kolada::start();
    let (dir, cache, full) = fetched(&server, "2012-2019");
    assert_eq!(full.code, 0, "{}", full.stderr);
    let before = values(dir.path());

    let mut args = fetch_args("2012-2019");
    args.extend(["--från-datum", "2024-01-01"]);
    let run = kolada(dir.path(), &server.base, cache.path(), &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("from_date_stdout", redact(&run.stdout, &server));
    let data = server.data_requests();
    assert!(
        data.last().unwrap().contains("from_date=2024-01-01"),
        "{data:#?}"
    );

    let after = values(dir.path());
    assert_eq!(after.len(), before.len() - 1, "Stockholm 2018 was deleted");
    for (kpi, m, period, value) in &before {
        let now = after
            .iter()
            .find(|(k2, m2, p2, _)| k2 == kpi && m2 == m && p2 == period);
        match (kpi.as_str(), *period, m.as_str()) {
            ("N03702", 2019, _) => assert_eq!(
                now.unwrap().3.as_f64().unwrap(),
                value.as_f64().unwrap() + 1000.0
            ),
            ("N03702", 2018, "0180") => assert!(now.is_none()),
            _ => assert_eq!(&now.unwrap().3, value, "{kpi} {m} {period} untouched"),
        }
    }
    let info = kvalitet::kolada::fetch_info(dir.path()).unwrap();
    assert_eq!(info.from_date.unwrap().to_string(), "2024-01-01");
}

#[test]
fn without_network_the_message_says_the_report_still_works() {
    // A port that was free a moment ago: connecting to it is refused.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let base = format!("http://127.0.0.1:{port}/v3/");
    let (dir, cache) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let run = kolada(dir.path(), &base, cache.path(), &fetch_args("2019"));
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr.replace(&port.to_string(), "PORT"),
        "fel: Kunde inte nå Kolada (http://127.0.0.1:PORT: anslutningen nekades): kontrollera \
         nätverket eller använd --bas-url. Rapporten kan fortfarande skapas från lokala data.\n"
    );
    assert_eq!(run.stdout, "");
}

#[test]
fn fetch_metadata_writes_the_whole_catalogs() {
    let server = Kolada::start();
    server.page_size(100);
    let (dir, cache) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let run = kolada(
        dir.path(),
        &server.base,
        cache.path(),
        &["hämta-metadata", "--mapp", "data"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("metadata_stdout", redact(&run.stdout, &server));
    let data = dir.path().join("data");
    assert_eq!(json(&data, "kommuner.json")["count"], 312);
    assert_eq!(json(&data, "kommuner.json")["values"][0]["title"], "Riket");
    assert_eq!(json(&data, "kommungrupper.json")["count"], 5);
    assert_eq!(json(&data, "nyckeltal.json")["count"], 2);
    assert!(!data.join("kolada-hamtning.json").exists());
}

#[test]
fn bad_ids_are_usage_errors() {
    let server = Kolada::start();
    let (dir, cache) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let run = kolada(
        dir.path(),
        &server.base,
        cache.path(),
        &[
            "hämta", "--kpi", "U31462", "--kommun", "305", "--år", "2019",
        ],
    );
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "fel: \"305\" är inget kommun-id: ange fyra siffror (0305, 0000 för riket) eller en kommungrupp (G2328)\n"
    );
    assert!(server.requests().is_empty());
}

/// An `Http` whose pauses are recorded instead of slept.
fn recording_http() -> (
    kvalitet::kolada::http::Http,
    std::rc::Rc<std::cell::RefCell<Vec<std::time::Duration>>>,
) {
    use kvalitet::kolada::http::{Http, RetryPolicy};
    let slept = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let record = std::rc::Rc::clone(&slept);
    let http = Http::with_hooks(
        RetryPolicy::default(),
        Box::new(move |d| record.borrow_mut().push(d)),
        Box::new(|_| {}),
    );
    (http, slept)
}

#[test]
fn pauses_double_from_half_a_second_and_retry_after_is_honoured() {
    let server = Kolada::start();
    server.fail_first(&[(503, None), (500, None), (429, Some(3)), (504, None)]);
    let (mut http, slept) = recording_http();
    let body = http.get(&format!("{}kpi/N03702", server.base)).unwrap();
    assert!(body.contains("\"N03702\""));
    let ms: Vec<u128> = slept.borrow().iter().map(|d| d.as_millis()).collect();
    assert_eq!(ms, vec![500, 1000, 3000, 4000]);
    assert_eq!((http.requests, http.retries), (5, 4));
}

#[test]
fn a_missing_page_fails_at_once_without_pausing() {
    let server = Kolada::start();
    let (mut http, slept) = recording_http();
    let err = http
        .get(&format!("{}okand", server.base))
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        format!(
            "Kolada hittade inte {}okand (404, Kolada säger: \"not found\"): kontrollera --bas-url och id:na",
            server.base
        )
    );
    assert!(slept.borrow().is_empty());
}

#[test]
fn help_for_fetching_is_swedish() {
    let dir = tempfile::tempdir().unwrap();
    let run = super::harness::kvalitet(dir.path(), &["kolada", "hämta", "--help"]);
    assert_eq!(run.code, 0);
    insta::assert_snapshot!("fetch_help", run.stdout);
    let run = super::harness::kvalitet(dir.path(), &["kolada"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("fel: ange ett kommando: hämta eller hämta-metadata\n"),
        "{}",
        run.stderr
    );
}
