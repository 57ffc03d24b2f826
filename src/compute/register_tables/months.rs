//! The table of reports per month of the report year, by type, with the date that decides the
//! month named in its note.

use super::{Ctx, SOURCE, basis_words};
use crate::base::Value;
use crate::compute::table::{Row, Table};
use crate::compute::trace::{Cond, Filter, Source};
use crate::model::Kind;
use crate::model::register::Column as Col;

pub(super) fn per_month(ctx: &Ctx<'_>) -> Table {
    let y = ctx.year;
    let mut t = Table::new(
        "rapporter_per_manad",
        format!("Inkomna rapporter per månad {y}"),
        "Månad",
    );
    let dev = Cond::Kind(Kind::Deviation);
    let mut cols: Vec<(&str, Option<Col>, Filter)> = vec![
        ("Avvikelser", None, Filter::new(&[dev])),
        (
            "varav lex Sarah",
            Some(Col::LexSarah),
            Filter::new(&[dev, Cond::LexSarah]),
        ),
        (
            "Klagomål",
            None,
            Filter::new(&[Cond::Kind(Kind::Complaint)]),
        ),
        (
            "Synpunkter",
            None,
            Filter::new(&[Cond::Kind(Kind::Comment)]),
        ),
        (
            "Personuppgiftsincidenter",
            None,
            Filter::new(&[Cond::Kind(Kind::DataBreach)]),
        ),
        ("Totalt", None, Filter::default()),
    ];
    if ctx.records().any(|r| r.kind == Kind::LexMaria) {
        let at = cols.len() - 1;
        cols.insert(
            at,
            (
                super::LEX_MARIA,
                None,
                Filter::new(&[Cond::Kind(Kind::LexMaria)]),
            ),
        );
    }
    let n = cols.len();
    for (title, _, _) in &cols {
        t = t.column(*title);
    }
    let mut grid = vec![vec![0i64; n]; 12];
    for r in ctx.records_of(y) {
        for (j, (_, _, f)) in cols.iter().enumerate() {
            if f.matches(r) {
                grid[(r.month - 1) as usize][j] += 1;
            }
        }
    }
    let cell = |j: usize, n: i64| match cols[j].1 {
        Some(c) if !ctx.reg.has(c) => Value::Missing,
        _ => Value::count(n),
    };
    let sources = |month: Option<u32>| {
        cols.iter()
            .map(|(_, _, f)| {
                let f = f.and(Cond::Year(y));
                Some(Source::Count(
                    month.map_or(f.clone(), |m| f.and(Cond::Month(m))),
                ))
            })
            .collect()
    };
    for (m, counts) in grid.iter().enumerate() {
        let row = Row::new(
            crate::base::format::month_label(m + 1),
            (0..n).map(|j| cell(j, counts[j])).collect(),
        );
        t.rows.push(row.sourced(sources(Some(m as u32 + 1))));
    }
    let totals = (0..n)
        .map(|j| cell(j, grid.iter().map(|row| row[j]).sum()))
        .collect();
    t.rows
        .push(Row::new("Totalt", totals).total().sourced(sources(None)));
    t.notes.push(format!(
        "Rapporterna förs till månad efter {}.",
        basis_words(ctx)
    ));
    t.source = SOURCE.into();
    t
}
