//! The register's handling-time tables: received, closed by year end, share closed and median
//! handling time per year and per type, and the reports still open at year end.

use super::{Ctx, SOURCE};
use crate::base::Ratio;
use crate::base::Value;
use crate::compute::table::{Row, Table};
use crate::compute::trace::{Cond, Filter, Source};
use crate::model::Record;
use crate::model::register::Column as Col;

/// Received, closed by year end, share closed and median handling time of the records `f`
/// selects in `year`, with where each comes from.
fn handling_row(ctx: &Ctx<'_>, label: &str, f: &Filter, year: i32) -> Row {
    let received_f = f.and(Cond::Year(year));
    let closed_f = received_f.and(Cond::ClosedBy(year));
    let records: Vec<&Record> = ctx
        .records_of(year)
        .filter(|r| received_f.matches(r))
        .collect();
    let received = records.len() as i64;
    let sources = vec![
        Some(Source::Count(received_f.clone())),
        Some(Source::Count(closed_f.clone())),
        Some(Source::Share {
            part: closed_f,
            whole: received_f.clone(),
        }),
        Some(Source::MedianDays(received_f)),
    ];
    if !ctx.reg.has(Col::Closed) {
        let values = vec![
            Value::count(received),
            Value::Missing,
            Value::Missing,
            Value::Missing,
        ];
        return Row::new(label, values).sourced(sources);
    }
    let closed = records
        .iter()
        .filter(|r| r.closed_by(ctx.end_of(year)))
        .count() as i64;
    let mut days: Vec<i64> = records.iter().filter_map(|r| r.handling_days()).collect();
    days.sort_unstable();
    let median = Ratio::median(&days).map_or(Value::Missing, |r| Value::Days { r, decimals: 0 });
    let values = vec![
        Value::count(received),
        Value::count(closed),
        Value::share(closed, received, 0),
        median,
    ];
    Row::new(label, values).sourced(sources)
}

fn handling_columns(t: Table) -> Table {
    t.column("Inkomna")
        .column("Avslutade vid årets slut")
        .column("Andel avslutade")
        .column("Median handläggningstid (dagar)")
}

pub fn per_year(ctx: &Ctx<'_>) -> Table {
    let mut t = handling_columns(Table::new(
        "handlaggningstid",
        format!("Handläggningstid per år {}", ctx.span()),
        "År",
    ));
    for &y in ctx.years {
        if !ctx.data_years.contains(&y) {
            t.rows
                .push(Row::new(y.to_string(), vec![Value::Missing; 4]));
            continue;
        }
        t.rows
            .push(handling_row(ctx, &y.to_string(), &Filter::default(), y));
    }
    t.notes.push("Handläggningstid är antalet dagar från rapportering till avslut. Medianen gäller de rapporter som har avslutats, oavsett när. Andelen avslutade gäller den 31 december samma år.".into());
    t.source = SOURCE.into();
    t
}

pub fn per_type(ctx: &Ctx<'_>) -> Table {
    let y = ctx.year;
    let mut t = handling_columns(Table::new(
        "handlaggningstid_per_typ",
        format!("Handläggningstid per typ av rapport {y}"),
        "Typ av rapport",
    ));
    for (label, sub, needs, f) in ctx.shown_type_rows() {
        if needs.is_some_and(|c| !ctx.reg.has(c)) {
            let row = Row::new(label, vec![Value::Missing; 4]);
            t.rows.push(row.sub_if(sub));
            continue;
        }
        t.rows.push(handling_row(ctx, label, &f, y).sub_if(sub));
    }
    t.rows
        .push(handling_row(ctx, "Totalt", &Filter::default(), y).total());
    t.notes
        .push(format!("Andelen avslutade gäller den 31 december {y}."));
    t.source = SOURCE.into();
    t
}

pub fn open_at_year_end(ctx: &Ctx<'_>) -> Table {
    let y = ctx.year;
    let mut t = Table::new(
        "oppna_vid_arets_slut",
        format!("Rapporter som inte var avslutade den 31 december {y}"),
        "Typ av rapport",
    )
    .column(format!("Inkomna {y}"))
    .column("Inkomna tidigare år")
    .column("Totalt");
    // The few records still open, found once; each row counts its own among them.
    let open_at_end: Vec<&Record> = ctx
        .records()
        .filter(|r| Cond::OpenAt(y).matches(r))
        .collect();
    let row = |label: &str, needs: Option<Col>, f: &Filter| {
        let open = f.and(Cond::OpenAt(y));
        let filters = [open.and(Cond::Year(y)), open.and(Cond::YearBefore(y)), open];
        let missing = !ctx.reg.has(Col::Closed) || needs.is_some_and(|c| !ctx.reg.has(c));
        // One pass: an open record was received in the year or before it (OpenAt says so).
        let (mut this_year, mut before) = (0i64, 0i64);
        if !missing {
            for r in open_at_end.iter().filter(|r| filters[2].matches(r)) {
                if r.year == y {
                    this_year += 1;
                } else if r.year < y {
                    before += 1;
                }
            }
        }
        let values = [this_year, before, this_year + before]
            .into_iter()
            .map(|n| {
                if missing {
                    Value::Missing
                } else {
                    Value::count(n)
                }
            })
            .collect();
        Row::new(label, values).sourced(
            filters
                .into_iter()
                .map(|f| Some(Source::Count(f)))
                .collect(),
        )
    };
    for (label, sub, needs, f) in ctx.shown_type_rows() {
        t.rows.push(row(label, needs, &f).sub_if(sub));
    }
    t.rows.push(row("Totalt", None, &Filter::default()).total());
    t.notes.push(format!(
        "Rapporter som kommit in senast den 31 december {y} och inte var avslutade då."
    ));
    t.source = SOURCE.into();
    t
}
