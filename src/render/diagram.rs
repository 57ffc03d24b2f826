//! Charts chosen by the templates: the `diagram` function picks rows or columns of a computed
//! table and leaves a marker; in the HTML pass the marker becomes a numbered `<figure>` whose
//! caption points to the table with the same figures, and in the Markdown pass a numbered image
//! (an SVG file beside the Markdown) with the same caption. Each pass keeps its own list, so
//! each document numbers its charts in its own order of appearance.

use std::sync::{Arc, Mutex};

use tera::{Kwargs, State, Tera, Value as TeraValue};

use super::chart::{self, Bar, Chart, Group, Layout};
use super::markdown;
use super::markers::{chart_marker, escape, table_anchor};
use crate::base::format;
use crate::compute::indicator_tables::{IndicatorFigures, KpiFigure};
use crate::compute::{Table, Value};
use crate::text::suggest;

/// What a `diagram(...)` call asks for.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// Rows as series over the table's year columns (upright bars).
    pub rows: Option<Vec<String>>,
    /// Columns as series over the table's rows (horizontal bars).
    pub columns: Option<Vec<String>>,
    /// Series names replacing the row or column titles.
    pub names: Option<Vec<String>>,
    pub title: Option<String>,
}

/// A chart made in the HTML pass, waiting for its place (and so its number) in the page.
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    pub chart: Chart,
    /// The number of the table holding the same figures.
    pub table: usize,
    /// Whether the table holds only some of the figures (a KPI's trend: the table has riket
    /// and the comparison group for the report year only).
    pub partly: bool,
}

impl Pending {
    /// The figure as chart number `n` of the page.
    pub fn place(&self, n: usize) -> String {
        let chart = Chart {
            id: format!("diagram-{n}"),
            ..self.chart.clone()
        };
        figure(&chart, n, self.table, self.partly)
    }
}

/// A chart of one bar (3 in 2022) titled `title`, whose figures are in table `table`: the
/// figure the render tests place.
#[cfg(test)]
pub fn one_bar(title: &str, table: usize) -> Pending {
    Pending {
        chart: Chart {
            id: "d".into(),
            title: title.into(),
            layout: Layout::Columns,
            series: vec!["A".into()],
            groups: vec![Group {
                label: "2022".into(),
                bars: vec![Bar {
                    value: Some(3.0),
                    text: "3".into(),
                }],
            }],
            shared_scale: true,
            full_scale: None,
        },
        table,
        partly: false,
    }
}

/// The charts the templates made, one list per pass: marker K of a pass stands for the K-th
/// chart of its list.
#[derive(Debug, Clone, Default)]
pub struct Figures {
    /// The HTML pass's (context variable `html` true), the document model's charts.
    pub html: Arc<Mutex<Vec<Pending>>>,
    /// The plain Markdown pass's.
    pub markdown: Arc<Mutex<Vec<Pending>>>,
}

impl Figures {
    /// Adds `pending` to the list of the pass `state` renders; returns its marker.
    fn push(&self, state: &State, pending: Pending) -> tera::TeraResult<String> {
        let html = state.get::<bool>("html")?.unwrap_or(false);
        let mut list = if html { &self.html } else { &self.markdown }
            .lock()
            .expect("chart list lock");
        list.push(pending);
        Ok(format!("\n\n{}\n\n", chart_marker(list.len())))
    }
}

/// Registers `diagram(tabell=…, rader=[…] | kolumner=[…], namn=[…], titel=…)`. The charts it
/// makes are collected in the returned lists, and charts are numbered in the order they
/// appear in the document.
pub fn register(
    tera: &mut Tera,
    tables: Arc<Vec<Table>>,
    indicators: Arc<IndicatorFigures>,
) -> Figures {
    let figures = Figures::default();
    let out = figures.clone();
    register_trend(tera, &tables, indicators, figures.clone());
    tera.register_function(
        "diagram",
        move |kwargs: Kwargs, state: &State| -> tera::TeraResult<String> {
            let key: &str = kwargs.must_get("tabell")?;
            let Some(table) = tables.iter().find(|t| t.key == key) else {
                let hint = suggest(key, tables.iter().map(|t| t.key.as_str()))
                    .map(|s| format!("; menade du \"{s}\"?"))
                    .unwrap_or_default();
                return Err(tera::Error::message(format!(
                    "okänd tabellnyckel \"{key}\" i diagram(){hint}"
                )));
            };
            let request = Request {
                rows: strings(kwargs.get("rader")?),
                columns: strings(kwargs.get("kolumner")?),
                names: strings(kwargs.get("namn")?),
                title: kwargs.get("titel")?,
            };
            if request.rows.is_some() == request.columns.is_some() {
                return Err(tera::Error::message(
                    "diagram() behöver antingen rader=[…] eller kolumner=[…]",
                ));
            }
            match build(table, &request, "diagram") {
                Some(chart) => figures.push(
                    state,
                    Pending {
                        chart,
                        table: table.number,
                        partly: false,
                    },
                ),
                None => Ok(String::new()),
            }
        },
    );
    out
}

/// Registers `trenddiagram(tabell=…, kpi=…, titel=…)`: a KPI's values over the years beside
/// riket's and the comparison group's, drawn like `diagram`.
fn register_trend(
    tera: &mut Tera,
    tables: &Arc<Vec<Table>>,
    indicators: Arc<IndicatorFigures>,
    figures: Figures,
) {
    let tables = tables.clone();
    tera.register_function(
        "trenddiagram",
        move |kwargs: Kwargs, state: &State| -> tera::TeraResult<String> {
            let key: &str = kwargs.must_get("tabell")?;
            let kpi: &str = kwargs.must_get("kpi")?;
            let title: Option<String> = kwargs.get("titel")?;
            let Some(table) = tables.iter().find(|t| t.key == key) else {
                return Err(tera::Error::message(format!(
                    "okänd tabellnyckel \"{key}\" i trenddiagram()"
                )));
            };
            let Some(figure) = indicators
                .tabeller
                .iter()
                .filter(|t| t.tabell == key)
                .flat_map(|t| &t.nyckeltal)
                .find(|k| k.id == kpi)
            else {
                return Err(tera::Error::message(format!(
                    "nyckeltalet \"{kpi}\" finns inte i tabellen \"{key}\" (trenddiagram)"
                )));
            };
            let Some(chart) = trend(figure, &indicators, title, "diagram") else {
                return Ok(String::new());
            };
            figures.push(
                state,
                Pending {
                    chart,
                    table: table.number,
                    partly: true,
                },
            )
        },
    );
}

/// A KPI's trend: upright bars, one group per year, with the municipality, riket and the
/// comparison group as series (those without any value left out); `None` with fewer than two years of the
/// municipality's own values.
pub fn trend(
    k: &KpiFigure,
    names: &IndicatorFigures,
    title: Option<String>,
    id: &str,
) -> Option<Chart> {
    if k.trend.iter().filter(|p| p.kommun.is_some()).count() < 2 {
        return None;
    }
    type Pick = fn(&crate::compute::indicator_tables::TrendPoint) -> Option<f64>;
    let all: [(String, Pick); 3] = [
        (
            names.kommun.clone().unwrap_or_else(|| "Kommunen".into()),
            |p| p.kommun,
        ),
        ("Riket".into(), |p| p.riket),
        (
            names
                .jamforelsegrupp
                .clone()
                .unwrap_or_else(|| "Jämförelsegruppen".into()),
            |p| p.grupp,
        ),
    ];
    let shown: Vec<&(String, Pick)> = all
        .iter()
        .filter(|(_, pick)| k.trend.iter().any(|p| pick(p).is_some()))
        .collect();
    let groups = k
        .trend
        .iter()
        .map(|p| Group {
            label: p.ar.to_string(),
            bars: shown
                .iter()
                .map(|(_, pick)| Bar {
                    value: pick(p),
                    text: pick(p).map_or_else(
                        || format::MISSING.to_string(),
                        |v| format::number(v, k.decimaler),
                    ),
                })
                .collect(),
        })
        .collect();
    Some(Chart {
        id: id.to_string(),
        title: title.unwrap_or_else(|| k.namn.clone()),
        layout: Layout::Columns,
        series: shown.iter().map(|(n, _)| n.clone()).collect(),
        groups,
        shared_scale: true,
        full_scale: None,
    })
}

fn strings(v: Option<TeraValue>) -> Option<Vec<String>> {
    let v = v?;
    let items = v.as_array()?;
    Some(
        items
            .iter()
            .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_string))
            .collect(),
    )
}

/// The chart for `request` from `table`; `None` when nothing of it is in the table (a column
/// the register lacks, a survey without national figures).
pub fn build(table: &Table, request: &Request, id: &str) -> Option<Chart> {
    let (layout, series, groups, shares) = if let Some(wanted) = &request.rows {
        let rows: Vec<_> = wanted
            .iter()
            .filter_map(|w| table.rows.iter().find(|r| !r.heading && &r.label == w))
            .collect();
        let cols: Vec<usize> = (0..table.columns.len())
            .filter(|&i| is_year(&table.columns[i].title))
            .collect();
        let groups: Vec<Group> = cols
            .iter()
            .map(|&ci| Group {
                label: table.columns[ci].title.clone(),
                bars: rows.iter().map(|r| bar(r.values.get(ci))).collect(),
            })
            .collect();
        let names: Vec<String> = rows.iter().map(|r| series_name(&r.label)).collect();
        let shares = all_shares(
            rows.iter()
                .flat_map(|r| cols.iter().map(|&ci| r.values.get(ci))),
        );
        (Layout::Columns, names, groups, shares)
    } else {
        let wanted = request.columns.as_ref()?;
        let cols: Vec<usize> = wanted
            .iter()
            .filter_map(|w| {
                table
                    .columns
                    .iter()
                    .position(|c| c.numeric && &c.title == w)
            })
            .collect();
        let groups: Vec<Group> = table
            .rows
            .iter()
            .filter(|r| !r.heading)
            .map(|r| Group {
                label: r.label.clone(),
                bars: cols.iter().map(|&ci| bar(r.values.get(ci))).collect(),
            })
            .collect();
        let names = cols
            .iter()
            .map(|&ci| table.columns[ci].title.clone())
            .collect();
        let shares = all_shares(
            table
                .rows
                .iter()
                .flat_map(|r| cols.iter().map(|&ci| r.values.get(ci))),
        );
        (Layout::Rows, names, groups, shares)
    };
    let series: Vec<String> = match &request.names {
        Some(names) if names.len() == series.len() => names.clone(),
        _ => series,
    };
    if series.is_empty() || groups.is_empty() {
        return None;
    }
    // A chart whose first series (the municipality's own figures) has nothing to draw, as when
    // every value is suppressed, says nothing its table does not.
    if groups
        .iter()
        .all(|g| g.bars.first().is_none_or(|b| b.value.is_none()))
    {
        return None;
    }
    // Nor does one where nothing stands above the base line: every figure nought or missing.
    if groups
        .iter()
        .flat_map(|g| &g.bars)
        .all(|b| b.value.is_none_or(|v| v == 0.0))
    {
        return None;
    }
    Some(Chart {
        id: id.to_string(),
        title: request.title.clone().unwrap_or_else(|| table.title.clone()),
        layout,
        series,
        groups,
        shared_scale: layout == Layout::Columns || shares,
        full_scale: shares.then_some(1.0),
    })
}

/// Whether the values are shares (with some known): shares are drawn on one scale, 0–100 %.
fn all_shares<'a>(values: impl Iterator<Item = Option<&'a Value>>) -> bool {
    let mut any = false;
    for v in values {
        match v {
            Some(Value::Share { .. }) => any = true,
            Some(Value::Missing | Value::Suppressed) | None => {}
            Some(_) => return false,
        }
    }
    any
}

fn is_year(title: &str) -> bool {
    title.len() == 4 && title.bytes().all(|b| b.is_ascii_digit())
}

/// "varav lex Sarah" → "Lex Sarah".
fn series_name(label: &str) -> String {
    let s = label.strip_prefix("varav ").unwrap_or(label);
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn bar(v: Option<&Value>) -> Bar {
    match v {
        Some(v) => Bar {
            value: v.as_f64(),
            text: format::value(v),
        },
        None => Bar {
            value: None,
            text: format::MISSING.to_string(),
        },
    }
}

/// What a chart's caption says after its title: where its figures are (`table`, with whether
/// the table holds only some of them), and the scale note, if any: (before the table's
/// name, after it).
fn caption_parts(c: &Chart, partly: bool) -> (&'static str, String) {
    let note = chart::scale_note(c)
        .map(|n| format!(" {n}"))
        .unwrap_or_default();
    let which = if partly {
        "Kommunens värden och rapportårets jämförelser finns i"
    } else {
        "Siffrorna finns i"
    };
    (which, note)
}

/// The numbered figure: caption first (with a link to the table holding the same figures),
/// then the chart.
pub fn figure(c: &Chart, n: usize, table: usize, partly: bool) -> String {
    let (which, note) = caption_parts(c, partly);
    format!(
        "<figure class=\"diagram\" id=\"{}\">\n<figcaption>Diagram {n}. {}. {which} <a href=\"#{}\">tabell {table}</a>.{note}</figcaption>\n{}</figure>\n",
        c.id,
        escape(&c.title),
        table_anchor(table),
        chart::svg(c)
    )
}

impl Pending {
    /// The figure as chart number `n` of the Markdown file, whose image is the SVG file at
    /// `path`: the caption as in the HTML (without the link), then the image, with the chart's
    /// text alternative as its alt text.
    pub fn markdown(&self, n: usize, path: &str) -> String {
        let c = &self.chart;
        let (which, note) = caption_parts(c, self.partly);
        format!(
            "*Diagram {n}.* {}. {which} tabell {}.{}\n\n![{}]({path})",
            markdown::escape(&c.title),
            self.table,
            markdown::escape(&note),
            markdown::escape(&chart::description(c)),
        )
    }

    /// The chart as numbered `n`, as an SVG file of its own.
    pub fn svg(&self, n: usize) -> String {
        chart::svg_file(&Chart {
            id: format!("diagram-{n}"),
            ..self.chart.clone()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compute::Row;

    fn per_year() -> Table {
        let mut t = Table::new("typ", "Rapporter per typ", "Typ")
            .column("2021")
            .column("2022")
            .column("Förändring");
        t.number = 1;
        t.rows.push(Row::new(
            "Avvikelser",
            vec![Value::count(10), Value::count(20), Value::Change { n: 10 }],
        ));
        t.rows.push(
            Row::new(
                "varav lex Sarah",
                vec![Value::count(4), Value::Suppressed, Value::Missing],
            )
            .sub(),
        );
        t
    }

    fn rows(r: &[&str]) -> Request {
        Request {
            rows: Some(r.iter().map(|s| s.to_string()).collect()),
            ..Request::default()
        }
    }

    #[test]
    fn rows_become_series_over_the_year_columns() {
        let c = build(&per_year(), &rows(&["varav lex Sarah", "saknas"]), "d1").unwrap();
        assert_eq!(c.layout, Layout::Columns);
        assert_eq!(c.series, vec!["Lex Sarah"]);
        let labels: Vec<_> = c.groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(labels, ["2021", "2022"]);
        assert_eq!(c.groups[0].bars[0].value, Some(4.0));
        assert_eq!(c.groups[1].bars[0].value, None);
        assert_eq!(c.groups[1].bars[0].text, "..");
    }

    #[test]
    fn a_first_series_with_nothing_to_draw_gives_no_chart() {
        let mut t = Table::new("k", "Titel", "Fråga")
            .column("Andel 2022")
            .column("Nationellt 2022");
        for q in ["A", "B"] {
            t.rows
                .push(Row::new(q, vec![Value::Suppressed, Value::share(9, 10, 0)]));
        }
        let cols = Request {
            columns: Some(vec!["Andel 2022".into(), "Nationellt 2022".into()]),
            ..Request::default()
        };
        assert!(build(&t, &cols, "d1").is_none());
        t.rows[1].values[0] = Value::share(1, 2, 0);
        assert!(build(&t, &cols, "d1").is_some());
    }

    #[test]
    fn a_chart_of_noughts_is_no_chart() {
        let mut t = per_year();
        for r in &mut t.rows {
            for v in &mut r.values {
                if v.as_f64().is_some() {
                    *v = Value::count(0);
                }
            }
        }
        let wanted = rows(&["Avvikelser", "varav lex Sarah"]);
        assert!(build(&t, &wanted, "d1").is_none());
        // One figure above nought draws the whole chart, noughts and all.
        let at = t
            .rows
            .iter()
            .position(|r| r.label == "varav lex Sarah")
            .unwrap();
        t.rows[at].values[1] = Value::count(1);
        let c = build(&t, &wanted, "d1").expect("a chart");
        assert_eq!(c.groups.len(), 2);
        assert_eq!(c.groups[0].bars[0].text, "0");
    }

    #[test]
    fn nothing_found_gives_no_chart() {
        assert!(build(&per_year(), &rows(&["saknas"]), "d1").is_none());
        let cols = Request {
            columns: Some(vec!["Nationellt 2022".into()]),
            ..Request::default()
        };
        assert!(build(&per_year(), &cols, "d1").is_none());
    }

    #[test]
    fn columns_become_series_over_the_rows_with_their_own_scale_when_not_shares() {
        let cols = Request {
            columns: Some(vec!["2021".into(), "2022".into()]),
            names: Some(vec!["I fjol".into(), "I år".into()]),
            ..Request::default()
        };
        let c = build(&per_year(), &cols, "d1").unwrap();
        assert_eq!(c.layout, Layout::Rows);
        assert_eq!(c.series, vec!["I fjol", "I år"]);
        assert_eq!(c.groups.len(), 2);
        assert!(!c.shared_scale);
        assert_eq!(c.full_scale, None);
    }

    #[test]
    fn shares_get_a_full_scale_of_one_hundred_percent() {
        let mut t = per_year();
        t.rows[0].values[1] = Value::share(1, 4, 0);
        t.rows[0].values[0] = Value::Suppressed;
        let c = build(&t, &rows(&["Avvikelser"]), "d1").unwrap();
        assert_eq!(c.full_scale, Some(1.0));
        let c = build(&per_year(), &rows(&["Avvikelser"]), "d1").unwrap();
        assert_eq!(c.full_scale, None);
    }

    /// A year: the municipality's, riket's and the group's value.
    type Year = (i32, Option<f64>, Option<f64>, Option<f64>);

    fn kpi(points: &[Year]) -> KpiFigure {
        KpiFigure {
            id: "U1".into(),
            namn: "Väntetid".into(),
            varde: None,
            fg_varde: None,
            utveckling: None,
            placering: None,
            riket: None,
            grupp: None,
            mal: None,
            mal_uppnatt: None,
            mal_text: None,
            trend: points
                .iter()
                .map(
                    |&(ar, kommun, riket, grupp)| crate::compute::indicator_tables::TrendPoint {
                        ar,
                        kommun,
                        riket,
                        grupp,
                    },
                )
                .collect(),
            decimaler: 1,
        }
    }

    #[test]
    fn a_kpi_trend_has_the_years_with_riket_and_the_group_beside_the_municipality() {
        let names = IndicatorFigures {
            kommun: Some("Norrviks kommun".into()),
            jamforelsegrupp: Some("Alla kommuner".into()),
            ..IndicatorFigures::default()
        };
        let k = kpi(&[
            (2021, Some(14.0), Some(15.0), Some(16.25)),
            (2022, Some(12.0), Some(14.0), None),
        ]);
        let c = trend(&k, &names, None, "d").unwrap();
        assert_eq!(c.layout, Layout::Columns);
        assert_eq!(c.title, "Väntetid");
        assert_eq!(c.series, ["Norrviks kommun", "Riket", "Alla kommuner"]);
        let labels: Vec<&str> = c.groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(labels, ["2021", "2022"]);
        let texts: Vec<&str> = c.groups[1].bars.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["12,0", "14,0", "–"]);
        assert_eq!(c.groups[0].bars[2].text, "16,3");
        // Without riket or a group, only the municipality; with one year, no trend.
        let alone = kpi(&[(2021, Some(1.0), None, None), (2022, Some(2.0), None, None)]);
        assert_eq!(
            trend(&alone, &names, None, "d").unwrap().series,
            ["Norrviks kommun"]
        );
        let one_year = kpi(&[
            (2021, None, Some(1.0), None),
            (2022, Some(2.0), Some(1.0), None),
        ]);
        assert!(trend(&one_year, &names, None, "d").is_none());
    }

    #[test]
    fn the_figure_is_numbered_and_points_to_its_table() {
        let chart = build(&per_year(), &rows(&["Avvikelser"]), "x").unwrap();
        let html = Pending {
            chart,
            table: 1,
            partly: false,
        }
        .place(2);
        assert!(html.starts_with("<figure class=\"diagram\" id=\"diagram-2\">\n<figcaption>Diagram 2. Rapporter per typ. Siffrorna finns i <a href=\"#tabell-1\">tabell 1</a>.</figcaption>\n<svg"), "{html}");
    }
}
