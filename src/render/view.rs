//! The view model handed to templates: report meta, key figures (raw, formatted by filters),
//! and each table with its Markdown already built. Templates decide layout, not numbers.

use serde::Serialize;
use tera::Context;

use super::document::{Colours, Contact, Meta};
use super::{markdown, markers};
use crate::base::format;
use crate::compute::{Report, Table};
use crate::settings::Settings;

#[derive(Serialize)]
struct Org<'a> {
    namn: &'a str,
    namnd: &'a str,
    forvaltning: &'a str,
}

#[derive(Serialize)]
struct TableView<'a> {
    nyckel: &'a str,
    nummer: usize,
    titel: &'a str,
    markdown: String,
    anmarkningar: &'a [String],
    kalla: &'a str,
}

#[derive(Serialize)]
struct Source {
    fil: String,
    lasta: String,
    anvanda: String,
    avvisade: String,
    avvisade_antal: u64,
    /// The share rejected ("32 %"), and whether it is more than the report may leave out
    /// without saying so at its top ([`crate::diagnostics::MAX_REJECTED_PERCENT`]).
    andel: String,
    ofullstandig: bool,
}

/// Where the report's figures come from, as running text: "ur verksamhetens register över
/// inkomna rapporter, ur brukarundersökningarna och ur Kolada".
fn sources_phrase(report: &Report) -> String {
    let mut parts = Vec::new();
    if report.register {
        parts.push("ur verksamhetens register över inkomna rapporter".to_string());
    }
    if !report.surveys.is_empty() {
        parts.push("ur brukarundersökningarna".into());
    }
    if !report.indicators.tabeller.is_empty() {
        parts.push("ur Kolada".into());
    }
    if !report.indicators.egen_statistik.is_empty() {
        parts.push("ur verksamhetens egen statistik".into());
    }
    if report.lists.ej_verkstallda.is_some() {
        parts.push("ur rapporteringen av ej verkställda beslut".into());
    }
    if report.lists.egenkontroll.is_some() {
        parts.push("ur förteckningen över egenkontroller".into());
    }
    if report.lists.ivo_tillsyn.is_some() {
        parts.push("ur förteckningen över IVO:s beslut".into());
    }
    super::phrases::and_list(&parts)
}

/// What the cover and the document properties say, from the settings (`[organisation]`,
/// `[rapport]` and `[dokument]`). The logo is read by the edge and set by the caller.
pub fn meta(report: &Report, settings: &Settings) -> Meta {
    let org = &settings.organisation;
    let d = &settings.dokument;
    let defaults = Colours::default();
    Meta {
        title: title(settings, report.year),
        subtitle: given(&d.undertitel),
        organisation: org.namn.clone(),
        namnd: org.namnd.clone(),
        forvaltning: given(&d.forvaltning).unwrap_or_else(|| org.forvaltning.clone()),
        year: report.year,
        date: settings.rapport.datum.clone(),
        diarienummer: given(&d.diarienummer),
        beslutsdatum: given(&d.beslutsdatum),
        contact: d
            .kontakt
            .as_ref()
            .filter(|c| !c.namn.trim().is_empty())
            .map(|c| Contact {
                name: c.namn.trim().to_string(),
                title: given(&c.titel),
                email: given(&c.epost),
            }),
        logo: None,
        colours: Colours {
            primary: given(&d.farger.primar).unwrap_or(defaults.primary),
            accent: given(&d.farger.accent).unwrap_or(defaults.accent),
        },
    }
}

/// The report's title: `[dokument] titel` as written (with `{år}` replaced by the year), else
/// `[rapport] titel` followed by the year.
pub fn title(settings: &Settings, year: i32) -> String {
    match given(&settings.dokument.titel) {
        Some(t) => t.replace("{år}", &year.to_string()),
        None => format!("{} {}", settings.rapport.titel, year),
    }
}

/// A setting's text, trimmed; none when missing or blank.
fn given(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

/// The cover fields as the templates see them (`dokument.*`).
#[derive(Serialize)]
struct Cover {
    undertitel: Option<String>,
    forvaltning: String,
    diarienummer: Option<String>,
    beslutsdatum: Option<String>,
    /// "Namn, titel".
    kontakt: Option<String>,
    epost: Option<String>,
    /// The date and the case fields as lines ("Diarienummer: SN 2023/45").
    rader: Vec<String>,
    primar: String,
    accent: String,
}

/// The date and the case fields of the title block, label and value, in the order the seed
/// reports print them; the same lines every format shows.
pub fn cover_fields(meta: &Meta) -> Vec<(&'static str, String)> {
    let mut rows = Vec::new();
    let mut add = |k: &'static str, v: Option<&String>| {
        if let Some(v) = v.filter(|v| !v.is_empty()) {
            rows.push((k, v.clone()));
        }
    };
    add("Datum", meta.date.as_ref());
    add("Diarienummer", meta.diarienummer.as_ref());
    add("Beslutsdatum", meta.beslutsdatum.as_ref());
    if let Some(c) = &meta.contact {
        let name = match &c.title {
            Some(t) => format!("{}, {t}", c.name),
            None => c.name.clone(),
        };
        add("Kontakt", Some(&name));
        add("E-post", c.email.as_ref());
    }
    rows
}

fn cover_lines(meta: &Meta) -> Vec<String> {
    cover_fields(meta)
        .into_iter()
        .map(|(k, v)| format!("{k}: {v}"))
        .collect()
}

fn cover(meta: &Meta) -> Cover {
    Cover {
        undertitel: meta.subtitle.clone(),
        forvaltning: meta.forvaltning.clone(),
        diarienummer: meta.diarienummer.clone(),
        beslutsdatum: meta.beslutsdatum.clone(),
        kontakt: meta.contact.as_ref().map(|c| match &c.title {
            Some(t) => format!("{}, {t}", c.name),
            None => c.name.clone(),
        }),
        epost: meta.contact.as_ref().and_then(|c| c.email.clone()),
        rader: cover_lines(meta),
        primar: meta.colours.primary.clone(),
        accent: meta.colours.accent.clone(),
    }
}

/// A table by Regi, Lagrum or Verksamhetsområde, for the text: the word, the table per value
/// and year, and the table of the year per händelsetyp when there is one.
#[derive(Serialize)]
struct DimensionView {
    ord: String,
    tabell: String,
    korstabell: Option<String>,
}

fn dimensions(report: &Report) -> Vec<DimensionView> {
    crate::model::Dim::ALL
        .iter()
        .filter_map(|d| {
            let tabell = format!("avvikelser_per_{}", d.key());
            report.table(&tabell)?;
            let cross = format!("avvikelser_handelsetyp_{}", d.key());
            Some(DimensionView {
                ord: d.name().to_lowercase(),
                tabell,
                korstabell: report.table(&cross).is_some().then_some(cross),
            })
        })
        .collect()
}

/// The earliest year before `year` that a table shows a figure for: a column titled with a
/// year ("2018", "Andel 2021") with a value in some row, or a row labelled with a year with a
/// value. `None` when no table shows an earlier year.
pub fn earliest_year(tables: &[crate::compute::Table], year: i32) -> Option<i32> {
    use crate::base::value::Value;
    // The first four-digit number in `text` that is a year before `year` (since 1990).
    let year_in = |text: &str| -> Option<i32> {
        let b = text.as_bytes();
        (0..b.len().saturating_sub(3))
            .filter(|&i| {
                b[i..i + 4].iter().all(u8::is_ascii_digit)
                    && (i == 0 || !b[i - 1].is_ascii_digit())
                    && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
            })
            .filter_map(|i| text[i..i + 4].parse::<i32>().ok())
            .find(|y| (1990..year).contains(y))
    };
    let shown = |v: &Value| !matches!(v, Value::Missing);
    let mut earliest: Option<i32> = None;
    let mut see = |y: i32| earliest = Some(earliest.map_or(y, |e| e.min(y)));
    for t in tables {
        for (c, column) in t.columns.iter().enumerate() {
            if let Some(y) = year_in(&column.title)
                && t.rows.iter().any(|r| r.values.get(c).is_some_and(shown))
            {
                see(y);
            }
        }
        for row in &t.rows {
            if let Some(y) = year_in(&row.label).filter(|_| row.label.trim().len() == 4)
                && row.values.iter().any(shown)
            {
                see(y);
            }
        }
    }
    earliest
}

/// The Tera context for `report`.
pub fn context(report: &Report, settings: &Settings) -> Context {
    let org = &settings.organisation;
    let mut ctx = Context::new();
    ctx.insert(
        "org",
        &Org {
            namn: &org.namn,
            namnd: &org.namnd,
            forvaltning: &org.forvaltning,
        },
    );
    let meta = meta(report, settings);
    ctx.insert("titel", &meta.title);
    ctx.insert("dokument", &cover(&meta));
    ctx.insert("ar", &report.year);
    // Without a register the annex's years are each survey's and indicator's own, so the
    // report names no first year (the text then says "tidigare år när sådana finns"). With one,
    // the first year any table shows a figure for: Kolada's tables may go further back.
    let first = if report.register {
        let register = report.years.first().copied().unwrap_or(report.year);
        earliest_year(&report.tables, report.year).map_or(register, |y| y.min(register))
    } else {
        report.year
    };
    ctx.insert("forsta_ar", &first);
    ctx.insert("fg_ar", &report.figures.fg_ar);
    ctx.insert("arsgrund", report.year_basis);
    ctx.insert("datum", &settings.rapport.datum);
    ctx.insert("minsta_antal", &settings.sekretess.minsta_antal);
    ctx.insert("enkatskydd", &settings.brukarundersokning.skydd);
    ctx.insert("del", &report.part);
    ctx.insert("f", &report.figures);
    ctx.insert("enkater", &report.surveys);
    ctx.insert(
        "enkater_sammanstallning",
        &report.table("brukar_sammanstallning").is_some(),
    );
    ctx.insert("ind", &report.indicators);
    ctx.insert("listor", &report.lists);
    ctx.insert("utelamnade_avsnitt", &settings.avsnitt.utelamna);
    ctx.insert("lag", &report.law.citat);
    ctx.insert("lagrum", &report.law.lista);
    ctx.insert("kallor", &sources_phrase(report));
    ctx.insert("tabeller", &table_views(report, markdown::table));
    // Which tables the report has, by key: a sentence names a table only when it is there.
    let present: std::collections::BTreeMap<&str, bool> = report
        .tables
        .iter()
        .map(|t| (t.key.as_str(), true))
        .collect();
    ctx.insert("finns", &present);
    ctx.insert("dimensioner", &dimensions(report));
    let own: Vec<&str> = report
        .tables
        .iter()
        .map(|t| t.key.as_str())
        .filter(|k| k.starts_with("egen_"))
        .collect();
    ctx.insert("egna_tabeller", &own);
    ctx.insert("register", &report.register);
    let left_out: Vec<String> = report
        .left_out
        .iter()
        .map(|s| markdown::escape(s))
        .collect();
    ctx.insert("utelamnade", &left_out);
    ctx.insert("html", &false);
    let sources: Vec<Source> = report
        .reconciliation
        .iter()
        .map(|r| Source {
            fil: markdown::escape(&r.file),
            lasta: format::int(r.read as i64),
            anvanda: format::int(r.used as i64),
            avvisade: format::int(r.rejected as i64),
            avvisade_antal: r.rejected,
            andel: r.rejected_share(),
            ofullstandig: r.used > 0 && r.incomplete(),
        })
        .collect();
    ctx.insert(
        "ofullstandigt",
        &sources
            .iter()
            .filter(|s| s.ofullstandig)
            .collect::<Vec<_>>(),
    );
    ctx.insert("underlag", &sources);
    let sum = |f: fn(&crate::diagnostics::Reconciliation) -> u64| -> u64 {
        report.reconciliation.iter().map(f).sum()
    };
    let (read, used, rejected) = (sum(|r| r.read), sum(|r| r.used), sum(|r| r.rejected));
    ctx.insert(
        "underlag_summa",
        &Source {
            fil: String::new(),
            lasta: format::int(read as i64),
            anvanda: format::int(used as i64),
            avvisade: format::int(rejected as i64),
            avvisade_antal: rejected,
            andel: String::new(),
            ofullstandig: false,
        },
    );
    ctx
}

/// The context of the HTML pass: `html` is true and each table's Markdown is the marker that
/// the accessible HTML table replaces after comrak.
pub fn html_context(ctx: &Context, report: &Report) -> Context {
    let mut ctx = ctx.clone();
    ctx.insert("html", &true);
    ctx.insert(
        "tabeller",
        &table_views(report, |t| markers::table_marker(&t.key)),
    );
    ctx
}

/// The tables with every note that an earlier table (by number) already has left out, so a
/// note common to 28 question tables is stated once, at the first of them.
pub fn notes_once(tables: &[Table]) -> Vec<Table> {
    let mut order: Vec<usize> = (0..tables.len()).collect();
    order.sort_by_key(|&i| tables[i].number);
    let mut seen = std::collections::HashSet::new();
    let mut out = tables.to_vec();
    for i in order {
        out[i].notes.retain(|n| seen.insert(n.clone()));
    }
    out
}

fn table_views(report: &Report, body: impl Fn(&Table) -> String) -> Vec<TableView<'_>> {
    report
        .tables
        .iter()
        .map(|t| TableView {
            nyckel: &t.key,
            nummer: t.number,
            titel: &t.title,
            markdown: body(t),
            anmarkningar: &t.notes,
            kalla: &t.source,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_earliest_year_is_the_first_a_table_shows_a_figure_for() {
        use crate::base::value::Value;
        use crate::compute::Row;
        // Years as columns: 2018 has no figure, 2019 has.
        let mut by_column = Table::new("a", "A", "Rad")
            .column("2018")
            .column("2019")
            .column("Förändring 2021–2022");
        by_column.rows.push(Row::new(
            "x",
            vec![Value::Missing, Value::count(3), Value::Missing],
        ));
        assert_eq!(
            earliest_year(std::slice::from_ref(&by_column), 2022),
            Some(2019)
        );
        // Years as rows, and a year inside a column title.
        let mut by_row = Table::new("b", "B", "År").column("Antal");
        by_row.rows.push(Row::new("2016", vec![Value::count(1)]));
        by_row.rows.push(Row::new("2015", vec![Value::Missing]));
        by_row
            .rows
            .push(Row::new("LSS 2014", vec![Value::count(1)]));
        let mut survey = Table::new("c", "C", "Fråga").column("Andel 2017");
        survey.rows.push(Row::new("Fråga", vec![Value::count(1)]));
        assert_eq!(
            earliest_year(&[by_column.clone(), by_row], 2022),
            Some(2016)
        );
        assert_eq!(earliest_year(&[survey], 2022), Some(2017));
        // The report's year and later, and numbers that are no year, do not count.
        let mut late = Table::new("d", "D", "Rad").column("2022").column("12345");
        late.rows
            .push(Row::new("x", vec![Value::count(1), Value::count(1)]));
        assert_eq!(earliest_year(&[late], 2022), None);
    }

    fn table(key: &str, number: usize, notes: &[&str]) -> Table {
        let mut t = Table::new(key, key, "Rad");
        t.number = number;
        t.notes = notes.iter().map(|n| n.to_string()).collect();
        t
    }

    #[test]
    fn a_note_is_stated_once_at_the_first_table_that_has_it() {
        let tables = vec![
            table("c", 3, &["Gemensam.", "Egen för c."]),
            table("a", 1, &["Gemensam."]),
            table("b", 2, &["Gemensam.", "Egen för b."]),
        ];
        let once = notes_once(&tables);
        let notes: Vec<(&str, Vec<&str>)> = once
            .iter()
            .map(|t| (t.key.as_str(), t.notes.iter().map(String::as_str).collect()))
            .collect();
        assert_eq!(
            notes,
            [
                ("c", vec!["Egen för c."]),
                ("a", vec!["Gemensam."]),
                ("b", vec!["Egen för b."]),
            ]
        );
    }
}
