//! `kvalitet indikator visa KPI… --kommun … --jämför …`: values from the store as a table,
//! CSV, JSON or Markdown. Places are the embedded catalog's or, for one it lacks, the store's.

use anyhow::{Result, anyhow};

use super::{format, grid_text, print};
use crate::base::UsageError;
use crate::cli::VisaArgs;
use crate::cmd::Outcome;
use crate::model::indicators::local_places::LocalPlaces;
use crate::model::indicators::place::{self, Place};
use crate::model::indicators::{catalog, kpi::normalise_kpi};
use crate::render::grid::{Cell, Grid, GridFormat};
use crate::render::series_table::{self, KpiTable, Request, parse_years};
use crate::store::{self, Store};

fn usage(msg: String) -> anyhow::Error {
    UsageError(msg).into()
}

/// The places of a list: the embedded catalog's, else those the store names (`known`).
fn places(list: &[String], known: &LocalPlaces) -> Result<Vec<Place>> {
    list.iter()
        .filter(|s| !s.trim().is_empty())
        .map(|s| place::resolve_among(s, known).map_err(usage))
        .collect()
}

/// `--kommun`, else `kolada_id` in `kvalitet.toml` in the current folder.
fn own_places(list: &[String], known: &LocalPlaces) -> Result<Vec<Place>> {
    if !list.is_empty() {
        return places(list, known);
    }
    let settings = crate::plan::read_settings(std::path::Path::new("."))?;
    match settings.organisation.kolada_id {
        Some(id) => places(&[id], known),
        None => Err(usage(
            "ange --kommun (id eller namn), eller kolada_id under [organisation] i kvalitet.toml"
                .into(),
        )),
    }
}

/// Checks that each KPI is known to the store or the catalog; suggests one when not.
fn check_kpis(store: &Store, kpis: &[String]) -> Result<()> {
    for kpi in kpis {
        if store.has_kpi(kpi)? || catalog::kpi(kpi).is_some() {
            continue;
        }
        let stored = store.kpi_codes()?;
        let hint = catalog::suggest_kpi(kpi, stored.iter().map(String::as_str))
            .map(|s| format!(" (menade du \"{s}\"?)"))
            .unwrap_or_default();
        return Err(usage(format!(
            "okänt nyckeltal \"{kpi}\"{hint}; sök med kvalitet indikator sök ORD"
        )));
    }
    Ok(())
}

pub fn run(args: &VisaArgs) -> Result<Outcome> {
    let format = format(&args.output.format)?;
    let years = args
        .years
        .as_deref()
        .map(parse_years)
        .transpose()
        .map_err(usage)?;
    // The store is opened first for the places it names, but a missing store is reported
    // after the places, as before it named any.
    let path = store::default_path(args.store.lager.as_deref());
    let opened = path.as_ref().ok().map(|p| Store::open(p));
    let known = match &opened {
        Some(Ok(Some(store))) => store.places()?,
        _ => LocalPlaces::default(),
    };
    let req = Request {
        kpis: args.kpis.iter().map(|k| normalise_kpi(k)).collect(),
        places: own_places(&args.kommun, &known)?,
        compare: places(&args.compare, &known)?,
        years,
        genders: args.gender,
    };
    let path = path?;
    let store = opened.expect("a store path")?.ok_or_else(|| {
        anyhow!(
            "indikatorlagret {} finns inte än; läs in värden med \"kvalitet indikator importera FIL\"",
            path.display()
        )
    })?;
    check_kpis(&store, &req.kpis)?;
    let tables = series_table::build(&store, &req)?;
    for t in tables.iter().filter(|t| !t.has_values) {
        eprintln!(
            "obs: lagret har inga värden för {} för de valda kommunerna och åren",
            t.meta.id
        );
    }
    let source = source_line(&store)?;
    let text = match format {
        GridFormat::Table | GridFormat::Markdown => readable(&tables, format, &source)?,
        GridFormat::Csv => flat(&tables).to_csv(),
        GridFormat::Json => json(&tables, &source)?,
    };
    print(&text)?;
    Ok(Outcome::Ok)
}

/// "Källa: …" with the latest import.
fn source_line(store: &Store) -> Result<String> {
    let imports = store.imports()?;
    Ok(match imports.first() {
        Some(i) => format!(
            "Källa: {}; indikatorlagret, senast importerat {} ({})",
            catalog::SOURCE,
            i.at,
            i.files
        ),
        None => format!("Källa: {}", catalog::SOURCE),
    })
}

/// The line under a KPI's title: operating area, unit, direction.
fn subtitle(t: &KpiTable) -> String {
    let m = &t.meta;
    [
        m.operating_area.clone(),
        m.unit.clone(),
        m.direction.map(|d| d.label().to_string()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ")
}

fn readable(tables: &[KpiTable], format: GridFormat, source: &str) -> Result<String> {
    let md = format == GridFormat::Markdown;
    let mut out = String::new();
    for t in tables {
        let title = format!("{} {}", t.meta.id, t.meta.name());
        let sub = subtitle(t);
        if md {
            out.push_str(&format!("### {title}\n\n"));
            if !sub.is_empty() {
                out.push_str(&format!("*{sub}*\n\n"));
            }
        } else {
            out.push_str(&format!("{title}\n"));
            if !sub.is_empty() {
                out.push_str(&format!("{sub}\n"));
            }
        }
        out.push_str(&grid_text(&t.grid, format)?);
        for note in &t.notes {
            out.push_str(&format!("{}Anm. {note}\n", if md { "\n" } else { "" }));
        }
        out.push('\n');
    }
    out.push_str(source);
    out.push('\n');
    Ok(out)
}

/// All tables in one grid (for CSV): KPI and title first, the union of the columns after.
fn flat(tables: &[KpiTable]) -> Grid {
    let mut headers: Vec<String> = vec!["KPI".into(), "Nyckeltal".into()];
    for t in tables {
        for h in &t.grid.headers {
            if !headers.contains(h) {
                headers.push(h.clone());
            }
        }
    }
    let mut grid = Grid::new(headers.clone());
    for t in tables {
        for row in &t.grid.rows {
            let mut cells = vec![Cell::text(&t.meta.id), Cell::text(t.meta.name())];
            for h in &headers[2..] {
                let i = t.grid.headers.iter().position(|x| x == h);
                cells.push(i.map_or(Cell::text(""), |i| row[i].clone()));
            }
            grid.rows.push(cells);
        }
    }
    grid
}

fn json(tables: &[KpiTable], source: &str) -> Result<String> {
    let kpis: Vec<serde_json::Value> = tables
        .iter()
        .map(|t| {
            serde_json::json!({
                "id": t.meta.id,
                "titel": t.meta.name(),
                "verksamhetsområde": t.meta.operating_area,
                "enhet": t.meta.unit,
                "riktning": t.meta.direction.map(|d| d.label()),
                "rader": t.grid.to_json_rows(),
                "anmärkningar": t.notes,
            })
        })
        .collect();
    let doc = serde_json::json!({ "nyckeltal": kpis, "källa": source });
    Ok(format!("{}\n", serde_json::to_string_pretty(&doc)?))
}
