//! `kvalitet kolada hämta` against the real v3 API's habits, through the local stand-in:
//! group ids refused in data requests, 404 for a KPI without data, empty last pages, a
//! `next_url` on another host, slow answers, proxies from the environment and the cache's age.

use super::kolada::{
    CITIES_AND_GROUP, fetch_2019, fetch_args, fetched, json, kolada, kolada_env, redact, values,
};
use super::kolada_server::{Kolada, LOCAL_GROUP, LOCAL_GROUP_MEMBERS};

fn dirs() -> (tempfile::TempDir, tempfile::TempDir) {
    (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap())
}

#[test]
fn a_group_kolada_refuses_in_data_requests_is_fetched_as_its_members() {
    let server = Kolada::start();
    server.refuse_groups(400);
    let (dir, _cache, run) = fetch_2019(&server, "N03702", &format!("0180,{LOCAL_GROUP}"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "Kolada tar inte emot kommungruppen G99001 i datafrågor; hämtar i stället värdena för \
         gruppens 8 medlemmar, och rapporten räknar gruppens ovägda medel själv (egen bearbetning av Koladas värden)\n"
    );
    let data = server.data_requests();
    assert_eq!(data.len(), 3, "{data:#?}");
    assert!(data[0].contains("/municipality/0180/"), "{data:#?}");
    assert!(
        data[1].contains("/municipality/G99001/"),
        "groups alone: {data:#?}"
    );
    assert!(
        data[2].contains(&format!("/municipality/{}/", LOCAL_GROUP_MEMBERS.join(","))),
        "{data:#?}"
    );
    let places: Vec<String> = values(dir.path()).into_iter().map(|v| v.1).collect();
    assert_eq!(places.len(), 9, "0180 and the eight members: {places:?}");
    assert!(!places.contains(&LOCAL_GROUP.to_string()));
    let info = kvalitet::kolada::fetch_info(dir.path()).unwrap();
    assert_eq!(info.computed_groups, vec![LOCAL_GROUP]);
    assert_eq!(
        json(dir.path(), "kommungrupper.json")["values"][0]["id"],
        LOCAL_GROUP
    );
    assert_eq!(json(dir.path(), "kommuner.json")["count"], 9);
}

#[test]
fn groups_kolada_accepts_are_fetched_in_their_own_request() {
    let server = Kolada::start();
    let (dir, _cache, run) = fetch_2019(&server, "N03702", &format!("0180,{LOCAL_GROUP}"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    let data = server.data_requests();
    assert_eq!(data.len(), 2, "{data:#?}");
    let places: Vec<String> = values(dir.path()).into_iter().map(|v| v.1).collect();
    assert_eq!(places, vec!["0180", LOCAL_GROUP]);
    let info = kvalitet::kolada::fetch_info(dir.path()).unwrap();
    assert!(info.computed_groups.is_empty());
}

#[test]
fn two_refused_groups_are_told_apart_by_halving() {
    let server = Kolada::start();
    server.refuse_groups(404);
    let (dir, _cache, run) = fetch_2019(&server, "N03702", &format!("0180,G36526,{LOCAL_GROUP}"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("kommungruppen G36526"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("kommungruppen G99001"),
        "{}",
        run.stderr
    );
    let info = kvalitet::kolada::fetch_info(dir.path()).unwrap();
    assert_eq!(info.computed_groups, vec!["G36526", LOCAL_GROUP]);
}

#[test]
fn a_kpi_without_data_is_a_warning_naming_it_and_the_others_are_kept() {
    let server = Kolada::start();
    server.missing_kpi("N03703");
    let (dir, _cache, run) = fetch_2019(&server, "N03702,N03703", "0180,1480");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "varning: Kolada hittade inget för nyckeltal N03703, kommun 0180, 1480, år 2019 (404, \
         Kolada säger: \"No data found\"); de hoppas över\n\
         varning: Kolada hittade inget för nyckeltal N03703 (404, Kolada säger: \"Not found\"); \
         de hoppas över\n"
    );
    let kpis: Vec<String> = values(dir.path()).into_iter().map(|v| v.0).collect();
    assert_eq!(kpis, vec!["N03702", "N03702"]);
    let meta = json(dir.path(), "nyckeltal.json");
    assert_eq!(meta["count"], 1);
    assert_eq!(meta["values"][0]["id"], "N03702");
}

#[test]
fn a_base_url_where_everything_is_404_is_an_error_not_empty_files() {
    let server = Kolada::start();
    let (dir, cache) = dirs();
    let base = format!("{}saknas/", server.base);
    let run = kolada(dir.path(), &base, cache.path(), &fetch_args("2019"));
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.ends_with(&format!(
            "fel: Kolada svarade 404 på varje fråga: kontrollera --bas-url ({base}) och id:na; \
             inget skrevs\n"
        )),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn an_empty_page_ends_the_paging_even_with_a_next_url() {
    let server = Kolada::start();
    server.endless_pages();
    let (dir, _cache, run) = fetched(&server, "2012-2019");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let plain: Vec<String> = server
        .data_requests()
        .into_iter()
        .filter(|r| !r.contains("G36526"))
        .collect();
    assert_eq!(plain.len(), 5, "four full pages and one empty: {plain:#?}");
    assert_eq!(values(dir.path()).len(), 176);
}

#[test]
fn a_next_url_on_another_host_is_not_followed() {
    let server = Kolada::start();
    server.foreign_next();
    let (dir, _cache, run) = fetched(&server, "2012-2019");
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "fel: Kolada skickade en adress till nästa sida på en annan värd \
         (kolada.example.invalid); den följs inte och hämtningen avbröts: kontrollera --bas-url \
         och proxyn\n"
    );
    assert_eq!(server.requests().len(), 1);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn a_request_slower_than_the_time_limit_fails_at_once_and_says_what_to_do() {
    let server = Kolada::start();
    server.delay(std::time::Duration::from_millis(2500));
    let (dir, cache) = dirs();
    let mut args = fetch_args("2019");
    args.extend(["--tidsgräns", "1"]);
    let run = kolada(dir.path(), &server.base, cache.path(), &args);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!("timeout_stderr", redact(&run.stderr, &server));
    assert_eq!(server.requests().len(), 1, "a timeout is not tried again");
}

#[test]
fn the_proxy_comes_from_the_environment_and_no_proxy_is_honoured() {
    let server = Kolada::start();
    let proxy = server.base.trim_end_matches("/v3/").to_string();
    let (dir, cache) = dirs();
    let base = "http://kolada.invalid/v3/";
    let args = [
        "hämta", "--kpi", "N03702", "--kommun", "0180", "--år", "2019",
    ];
    let run = kolada_env(
        dir.path(),
        base,
        cache.path(),
        &args,
        &[("HTTPS_PROXY", &proxy)],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let requests = server.requests();
    assert!(
        requests[0] == "PROXY kolada.invalid" || requests[0].starts_with("CONNECT kolada.invalid"),
        "{requests:#?}"
    );
    assert_eq!(values(dir.path()).len(), 1);

    let (dir, cache) = dirs();
    let asked = server.requests().len();
    let run = kolada_env(
        dir.path(),
        base,
        cache.path(),
        &args,
        &[("HTTPS_PROXY", &proxy), ("NO_PROXY", "kolada.invalid")],
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .starts_with("fel: Kunde inte nå Kolada (http://kolada.invalid: "),
        "{}",
        run.stderr
    );
    assert_eq!(server.requests().len(), asked, "the proxy was not asked");
}

#[test]
fn values_from_the_cache_say_how_old_they_are_and_old_pages_are_fetched_again() {
    let server = Kolada::start();
    let (dir, cache, first) = fetched(&server, "2019");
    assert_eq!(first.code, 0, "{}", first.stderr);
    let asked = server.requests().len();
    let second = kolada(dir.path(), &server.base, cache.path(), &fetch_args("2019"));
    assert_eq!(
        redact(second.stdout.lines().next().unwrap(), &server),
        "Kolada ([kolada]/): 0 anrop; 5 sidor, varav 5 ur cachen (den äldsta hämtad [idag], i \
         dag; --uppdatera hämtar på nytt)"
    );
    assert_eq!(server.requests().len(), asked);

    let mut args = fetch_args("2019");
    args.extend(["--cache-dagar", "0"]);
    let third = kolada(dir.path(), &server.base, cache.path(), &args);
    assert_eq!(third.code, 0, "{}", third.stderr);
    assert_eq!(
        server.requests().len(),
        2 * asked,
        "pages older than 0 days are asked again"
    );
    assert!(
        third.stdout.contains("varav 0 ur cachen\n"),
        "{}",
        third.stdout
    );
}

#[test]
fn every_request_asks_for_5000_a_page() {
    let server = Kolada::start();
    let (_dir, _cache, run) = fetched(&server, "2019");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let requests = server.requests();
    assert!(
        requests.iter().all(|r| r.contains("per_page=5000")),
        "{requests:#?}"
    );
    assert!(CITIES_AND_GROUP.contains("G36526"));
}
