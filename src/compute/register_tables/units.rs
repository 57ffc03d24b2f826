//! The register's tables per unit (*enhet*): counts that describe the people behind a unit's
//! reports, so small counts are hidden with complements (see `compute::suppress`).

use std::collections::BTreeSet;

use super::{Ctx, SOURCE};
use crate::base::Rule;
use crate::base::Value;
use crate::compute::suppress::{Cell, Grid};
use crate::compute::table::{Row, Table};
use crate::compute::trace::{Cond, Filter, Source};
use crate::model::register::Column as Col;
use crate::model::{Record, Sym};
use crate::text::swedish_sort_key;

pub fn per_unit(ctx: &Ctx<'_>, key: &str, what: &str, needs: Option<Col>, pred: Filter) -> Table {
    let mut t = ctx.year_table(key, format!("{what} {}", ctx.span()), "Enhet", true);
    let in_window = |r: &&Record| ctx.years.contains(&r.year);
    let mut units: Vec<Option<Sym>> = ctx
        .records()
        .filter(|r| pred.matches(r))
        .filter(in_window)
        .map(|r| r.unit)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    units.sort_by_key(|u| (u.is_none(), swedish_sort_key(&ctx.unit_name(*u))));
    let filters: Vec<Filter> = units.iter().map(|&u| pred.and(Cond::Unit(u))).collect();
    let counts: Vec<Vec<Option<i64>>> = filters.iter().map(|f| ctx.counts(needs, f)).collect();
    let totals = ctx.counts(needs, &pred);
    let hidden = hide_small_units(ctx.rule, &counts, &totals);
    for ((unit, f), hidden) in units.iter().zip(&filters).zip(hidden) {
        let mut row = ctx.year_row(&ctx.unit_name(*unit), needs, f, true);
        protect_row(&mut row, &hidden);
        t.rows.push(row);
    }
    t.rows
        .push(ctx.year_row("Totalt", needs, &pred, true).total());
    t.source = SOURCE.into();
    if let Some(note) = unit_note(ctx.rule, &t) {
        t.notes.push(note);
    }
    t
}

/// Per unit and year, whether the count is hidden: counts below the threshold describe the
/// people behind a unit's reports, and each year's Totalt is shown (it is the whole
/// organisation's count, in table 1 too), so a hidden count gets a complement in its year.
pub fn hide_small_units(
    rule: Rule,
    counts: &[Vec<Option<i64>>],
    totals: &[Option<i64>],
) -> Vec<Vec<bool>> {
    let mut hidden = vec![vec![false; totals.len()]; counts.len()];
    for (j, total) in totals.iter().enumerate() {
        let Some(total) = *total else { continue };
        let mut g = Grid::default();
        let cells: Vec<usize> = counts
            .iter()
            .map(|row| g.push(Cell::sensitive(row[j].unwrap_or(0))))
            .collect();
        let t = g.push(Cell::fixed(total));
        g.line(cells.clone(), t);
        let h = g.protect(rule);
        for (i, c) in cells.into_iter().enumerate() {
            hidden[i][j] = h[c];
        }
    }
    hidden
}

/// Replaces hidden counts with "..", and the change columns too when either year is hidden.
pub(super) fn protect_row(row: &mut Row, hidden: &[bool]) {
    let years = hidden.len();
    for (v, h) in row.values.iter_mut().zip(hidden) {
        if *h {
            *v = Value::Suppressed;
        }
    }
    if row.values.len() > years && years >= 2 && (hidden[years - 2] || hidden[years - 1]) {
        for v in &mut row.values[years..] {
            *v = Value::Suppressed;
        }
    }
}

pub(super) fn unit_note(rule: Rule, t: &Table) -> Option<String> {
    let any = t.rows.iter().any(|r| r.values.contains(&Value::Suppressed));
    any.then(|| {
        format!(
            "..: visas inte för att skydda enskilda: färre än {} rapporter för enheten, eller ett antal som annars skulle göra det möjligt att räkna fram ett sådant antal ur totalen.",
            rule.min
        )
    })
}

/// One line of a crossed table before suppression: its label, each cell's filter, count and
/// place in the suppression grid, and whether it is the Totalt line.
pub(super) type TableLine = (String, Vec<(Filter, i64, usize)>, bool);

/// Adds `lines` to `t`, each cell shown as its count or as suppressed where `hidden` says, and
/// traced to the rows its filter selects.
pub(super) fn push_lines(t: &mut Table, lines: Vec<TableLine>, hidden: &[bool]) {
    for (label, cells, total) in lines {
        let values = cells
            .iter()
            .map(|&(_, n, c)| {
                if hidden[c] {
                    Value::Suppressed
                } else {
                    Value::count(n)
                }
            })
            .collect();
        let sources = cells
            .into_iter()
            .map(|(f, ..)| Some(Source::Count(f)))
            .collect();
        let row = Row::new(label, values).sourced(sources);
        t.rows.push(if total { row.total() } else { row });
    }
}
