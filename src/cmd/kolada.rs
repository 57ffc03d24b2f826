//! `kvalitet kolada hämta` and `hämta-metadata`: fetch from Kolada, merge with what the data
//! folder already holds, write the files atomically and print a Swedish summary.

use std::path::{Path, PathBuf};

use anyhow::Result;
use chrono::{DateTime, Utc};

use super::Outcome;
use crate::base::format::{count, int};
use crate::cli::{KoladaArgs, KoladaCommand};
use crate::kolada::Catalog;
use crate::kolada::cache::{self, Cache};
use crate::kolada::client::Client;
use crate::kolada::http::{Http, RetryPolicy};
use crate::kolada::metadata::Objects;
use crate::kolada::values::Values;
use crate::kolada::{self as k, FetchInfo, urls};
use crate::output;
use crate::plan::kolada::{self as plan, FetchPlan, MetadataPlan, Source};

pub fn run(args: &KoladaArgs) -> Result<Outcome> {
    match &args.command {
        KoladaCommand::Fetch(a) => fetch(&plan::fetch_plan(a)?),
        KoladaCommand::Metadata(a) => metadata(&plan::metadata_plan(a)?),
    }
}

fn client(source: &Source) -> Client {
    Client::new(
        Http::new(RetryPolicy::default()).with_timeout(source.timeout),
        Cache::new(source.cache.clone(), source.refresh).max_age(source.max_age),
    )
}

/// A file to write: its path, its bytes and the summary line after "skrev".
struct Write {
    path: PathBuf,
    bytes: String,
    what: String,
}

fn fetch(plan: &FetchPlan) -> Result<Outcome> {
    let dir = &plan.dir;
    // Read what is there first: a broken file stops the run before any request.
    let before = Values::read(&dir.join(k::VALUES_FILE))?;
    let mut kpis = Objects::read(&dir.join(k::KPI_FILE))?;
    let mut municipalities = Objects::read(&dir.join(k::MUNICIPALITIES_FILE))?;
    let mut groups = Objects::read(&dir.join(k::GROUPS_FILE))?;
    let previous = k::info::read(dir)?;

    let mut client = client(&plan.source);
    let base = &plan.source.base_url;
    // A refresh since a date always asks Kolada: the answer changes from day to day.
    let use_cache = plan.from_date.is_none();
    let (grouped, plain): (Vec<String>, Vec<String>) = plan
        .municipalities
        .iter()
        .cloned()
        .partition(|id| id.starts_with('G'));
    let mut rows = Vec::new();
    for query in urls::data_queries(&plan.kpis, &plain, &plan.years) {
        rows.extend(client.fetch_data(&query, base, plan.from_date, use_cache)?);
    }
    kpis.upsert(by_ids(&mut client, base, Catalog::Kpis, &plan.kpis)?);
    groups.upsert(by_ids(&mut client, base, Catalog::Groups, &grouped)?);

    // Groups in their own requests: Kolada may refuse group ids in data requests.
    let mut refused = Vec::new();
    for query in urls::data_queries(&plan.kpis, &grouped, &plan.years) {
        let got = client.fetch_group_data(&query, base, plan.from_date, use_cache)?;
        rows.extend(got.rows);
        refused.extend(got.refused);
    }
    let mut scope = plan.municipalities.clone();
    let mut members_fetched = Vec::new();
    for group in &refused {
        let members = group_members(&groups, group);
        if members.is_empty() {
            client.http.notice(&format!(
                "varning: Kolada tar inte emot kommungruppen {group} i datafrågor och gruppens \
                 medlemmar är okända; gruppen får inga värden (hämta-metadata hämtar gruppernas \
                 medlemmar)"
            ));
            continue;
        }
        client.http.notice(&format!(
            "Kolada tar inte emot kommungruppen {group} i datafrågor; hämtar i stället värdena \
             för gruppens {} medlemmar, och rapporten räknar gruppens ovägda medel själv \
             (egen bearbetning av Koladas värden)",
            int(members.len() as i64)
        ));
        let missing: Vec<String> = members
            .into_iter()
            .filter(|m| !plain.contains(m) && !members_fetched.contains(m))
            .collect();
        members_fetched.extend(missing);
    }
    members_fetched.sort();
    for query in urls::data_queries(&plan.kpis, &members_fetched, &plan.years) {
        rows.extend(client.fetch_data(&query, base, plan.from_date, use_cache)?);
    }
    scope.extend(members_fetched.iter().cloned());
    if client.stats.pages == 0 && client.not_found > 0 {
        anyhow::bail!(
            "Kolada svarade 404 på varje fråga: kontrollera --bas-url ({base}) och id:na; \
             inget skrevs"
        );
    }
    let fetched_rows = Values::rows_from_json(rows)?;
    let fetched_values: usize = fetched_rows.iter().map(|r| r.values.len()).sum();
    let oldest = client.stats.oldest;

    let mut place_ids = plain.clone();
    place_ids.extend(members_fetched.iter().cloned());
    place_ids.sort();
    place_ids.dedup();
    municipalities.upsert(by_ids(
        &mut client,
        base,
        Catalog::Municipalities,
        &place_ids,
    )?);

    let mut values = before.clone();
    if plan.from_date.is_none() {
        values.remove_scope(&plan.kpis, &scope, &plan.years);
    }
    values.upsert(fetched_rows);
    let diff = values.diff(&before);
    let mut info = merged_info(plan, previous, oldest);
    info.computed_groups.retain(|g| !grouped.contains(g));
    info.computed_groups.extend(refused);
    info.computed_groups.sort();
    info.computed_groups.dedup();

    let mut writes = vec![Write {
        path: dir.join(k::VALUES_FILE),
        bytes: values.to_json(),
        what: format!(
            "{} (hämtade {}: {}, {} och {})",
            count(values.len(), "värde", "värden"),
            int(fetched_values as i64),
            count(diff.added, "nytt", "nya"),
            count(diff.changed, "ändrat", "ändrade"),
            count(diff.removed, "borttaget", "borttagna")
        ),
    }];
    writes.push(catalog_write(dir, Catalog::Kpis, &kpis));
    if !municipalities.is_empty() {
        writes.push(catalog_write(dir, Catalog::Municipalities, &municipalities));
    }
    if !groups.is_empty() {
        writes.push(catalog_write(dir, Catalog::Groups, &groups));
    }
    writes.push(Write {
        path: dir.join(k::INFO_FILE),
        bytes: info.to_json(),
        what: info.source_line(),
    });
    finish(&client, base, &writes)
}

/// The member ids of `group`: from Kolada's group object (`members: [{member_id}]`), else from
/// the embedded catalog.
fn group_members(groups: &Objects, group: &str) -> Vec<String> {
    let from_kolada: Vec<String> = groups
        .get(group)
        .and_then(|g| g.get("members"))
        .and_then(serde_json::Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|m| m.get("member_id").and_then(serde_json::Value::as_str))
        .map(str::to_string)
        .collect();
    if !from_kolada.is_empty() {
        return from_kolada;
    }
    crate::model::indicators::catalog::group(group)
        .map(|g| g.members().map(str::to_string).collect())
        .unwrap_or_default()
}

/// The catalog objects with these ids (none when there are no ids).
fn by_ids(client: &mut Client, base: &str, catalog: Catalog, ids: &[String]) -> Result<Objects> {
    Objects::from_json(client.fetch_by_ids(base, catalog, ids)?)
}

fn metadata(plan: &MetadataPlan) -> Result<Outcome> {
    let mut client = client(&plan.source);
    let mut writes = Vec::new();
    for &catalog in &plan.catalogs {
        let url = urls::catalog_url(&plan.source.base_url, catalog);
        let objects = Objects::from_json(client.fetch_all(&url, true)?)?;
        writes.push(catalog_write(&plan.dir, catalog, &objects));
    }
    finish(&client, &plan.source.base_url, &writes)
}

fn catalog_write(dir: &Path, catalog: Catalog, objects: &Objects) -> Write {
    let (file, what) = match catalog {
        Catalog::Kpis => (k::KPI_FILE, count(objects.len(), "nyckeltal", "nyckeltal")),
        Catalog::Municipalities => (
            k::MUNICIPALITIES_FILE,
            count(
                objects.len(),
                "kommun eller region",
                "kommuner och regioner",
            ),
        ),
        Catalog::Groups => (
            k::GROUPS_FILE,
            count(objects.len(), "kommungrupp", "kommungrupper"),
        ),
    };
    Write {
        path: dir.join(file),
        bytes: objects.to_json(),
        what,
    }
}

/// Writes every file (only after everything was fetched) and prints the summary.
fn finish(client: &Client, base: &str, writes: &[Write]) -> Result<Outcome> {
    let http = &client.http;
    let stats = &client.stats;
    let retries = if http.retries > 0 {
        format!(", varav {} nya försök", int(http.retries as i64))
    } else {
        String::new()
    };
    output::println(&format!(
        "Kolada ({base}): {}{retries}; {}, varav {} ur cachen{}",
        count(http.requests, "anrop", "anrop"),
        count(stats.pages, "sida", "sidor"),
        int(stats.from_cache as i64),
        cache_age(stats.oldest_cached)
    ))?;
    if let Some(warning) = &client.cache_warning {
        eprintln!("{warning}");
    }
    for w in writes {
        output::write_atomic(&w.path, w.bytes.as_bytes())?;
        output::println(&format!("skrev {}: {}", shown(&w.path), w.what))?;
    }
    Ok(Outcome::Ok)
}

/// `indikatorer.json` for files in the current folder, the path otherwise.
fn shown(path: &Path) -> String {
    match path.parent() {
        Some(p) if p == Path::new(".") => path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
        _ => path.display().to_string(),
    }
}

/// ` (den äldsta hämtad 2026-11-30, för 3 dagar sedan)` when pages came from the cache.
fn cache_age(oldest: Option<DateTime<Utc>>) -> String {
    let Some(oldest) = oldest else {
        return String::new();
    };
    let days = (cache::now() - oldest).num_days().max(0);
    let ago = match days {
        0 => "i dag".to_string(),
        1 => "för 1 dag sedan".to_string(),
        n => format!("för {} dagar sedan", int(n)),
    };
    format!(
        " (den äldsta hämtad {}, {ago}; --uppdatera hämtar på nytt)",
        oldest.date_naive()
    )
}

/// The info for this fetch, with the id and year lists of earlier fetches into the folder.
fn merged_info(
    plan: &FetchPlan,
    previous: Option<FetchInfo>,
    oldest: Option<DateTime<Utc>>,
) -> FetchInfo {
    let mut info = FetchInfo {
        fetched: oldest.unwrap_or_else(cache::now).date_naive(),
        base_url: plan.source.base_url.clone(),
        kpis: plan.kpis.clone(),
        municipalities: plan.municipalities.clone(),
        years: plan.years.clone(),
        from_date: plan.from_date,
        computed_groups: Vec::new(),
    };
    if let Some(prev) = previous {
        info.computed_groups = prev.computed_groups;
        info.kpis.extend(prev.kpis);
        info.municipalities.extend(prev.municipalities);
        // An empty list means all years, so it stays empty when either fetch had no years.
        if info.years.is_empty() || prev.years.is_empty() {
            info.years.clear();
        } else {
            info.years.extend(prev.years);
        }
        info.kpis.sort();
        info.kpis.dedup();
        info.municipalities.sort();
        info.municipalities.dedup();
        info.years.sort_unstable();
        info.years.dedup();
    }
    info
}
