//! The tables by Regi, Lagrum and Verksamhetsområde, when the register has the column: per
//! value and year (avvikelser, lex Sarah and anmälda till IVO, each with its total), and
//! avvikelser of the report year per händelsetyp and value, with totals both ways. The values
//! describe few people as units do, so small counts are hidden the same way.

use super::event_types::{Crossed, event_type_name, values_by_count};
use super::units::{TableLine, hide_small_units, protect_row, push_lines, unit_note};
use super::{Ctx, SOURCE};

/// A row of a crossed table as built: label, each cell (filter, count, grid cell), total row.
use crate::compute::suppress::{Cell, Grid};
use crate::compute::table::{Row, Table};
use crate::compute::trace::{Cond, Filter};
use crate::model::register::Column as Col;
use crate::model::{Dim, Kind, Sym};

/// The name a value of `dim` is shown under ("Regi saknas" for none).
pub(super) fn value_name(ctx: &Ctx<'_>, dim: Dim, v: Option<Sym>) -> String {
    v.map_or_else(
        || format!("{} saknas", dim.name()),
        |s| ctx.reg.symbols.name(s).to_string(),
    )
}

/// The values of `dim` among the records `base` selects, most common in the report year first.
fn values(ctx: &Ctx<'_>, dim: Dim, base: &Filter) -> Vec<Option<Sym>> {
    values_by_count(
        ctx,
        base,
        |v| Cond::Dim(dim, v),
        |v| value_name(ctx, dim, v),
    )
}

/// The lowercase word of the dimension in a title ("regi", "lagrum", "verksamhetsområde").
fn word(dim: Dim) -> String {
    dim.name().to_lowercase()
}

/// Avvikelser, lex Sarah reports and those anmälda till IVO per value of `dim` and year.
pub(super) fn per_value(ctx: &Ctx<'_>, dim: Dim) -> Table {
    let dev = Filter::new(&[Cond::Kind(Kind::Deviation)]);
    let mut groups = vec![("Avvikelser", None, dev.clone())];
    if ctx.reg.has(Col::LexSarah) {
        let lex = dev.and(Cond::LexSarah);
        groups.push((
            "Rapporter enligt lex Sarah",
            Some(Col::LexSarah),
            lex.clone(),
        ));
        if ctx.reg.has(Col::Ivo) {
            groups.push(("varav anmälda till IVO", Some(Col::Ivo), lex.and(Cond::Ivo)));
        }
    }
    let what = match groups.len() {
        1 => "Avvikelser",
        2 => "Avvikelser och rapporter enligt lex Sarah",
        _ => "Avvikelser, rapporter enligt lex Sarah och anmälningar till IVO",
    };
    let mut t = ctx.year_table(
        &format!("avvikelser_per_{}", dim.key()),
        format!("{what} per {} {}", word(dim), ctx.span()),
        dim.name(),
        true,
    );
    let values = values(ctx, dim, &dev);
    for (heading, needs, base) in groups {
        t.rows.push(Row::heading(heading));
        let filters: Vec<Filter> = values
            .iter()
            .map(|&v| base.and(Cond::Dim(dim, v)))
            .collect();
        let counts: Vec<Vec<Option<i64>>> = filters.iter().map(|f| ctx.counts(needs, f)).collect();
        let totals = ctx.counts(needs, &base);
        let hidden = hide_small_units(ctx.rule, &counts, &totals);
        for ((&v, f), hidden) in values.iter().zip(&filters).zip(hidden) {
            let mut row = ctx.year_row(&value_name(ctx, dim, v), needs, f, true);
            protect_row(&mut row, &hidden);
            t.rows.push(row);
        }
        t.rows
            .push(ctx.year_row("Totalt", needs, &base, true).total());
    }
    t.notes.push(format!(
        "{} är ordnade efter antal avvikelser {}. Varje grupp av rader summerar till sitt Totalt.",
        dim.name(),
        ctx.year
    ));
    if let Some(note) = unit_note(ctx.rule, &t) {
        t.notes
            .push(note.replace("för enheten", &format!("per {}", word(dim))));
    }
    t.source = SOURCE.into();
    t
}

/// Avvikelser of the report year per händelsetyp (rows) and value of `dim` (columns), with a
/// Totalt column and row; `None` when no avvikelse of the year has a händelsetyp.
pub(super) fn by_event_type(ctx: &Ctx<'_>, dim: Dim) -> Option<Table> {
    let y = ctx.year;
    let dev = Filter::new(&[Cond::Kind(Kind::Deviation)]);
    let year_dev = dev.and(Cond::Year(y));
    let none = "Händelsetyp saknas";
    let types: Vec<Option<Sym>> = values_by_count(ctx, &year_dev, Cond::EventType, |s| {
        event_type_name(ctx, s, none)
    });
    if !types.iter().any(Option::is_some) {
        return None;
    }
    let values = values(ctx, dim, &year_dev);
    let mut t = Table::new(
        &format!("avvikelser_handelsetyp_{}", dim.key()),
        format!("Avvikelser per händelsetyp och {} {y}", word(dim)),
        "Händelsetyp",
    );
    for &v in &values {
        t = t.column(value_name(ctx, dim, v));
    }
    t = t.column("Totalt");
    // Cells: one per händelsetyp and value, then the row totals, the column totals and the
    // grand total, all counted from the register.
    let counts = Crossed::count(
        ctx,
        &year_dev,
        |r| Cond::EventType(r.event_type),
        |r| Cond::Dim(dim, r.dims[dim.index()]),
    );
    let cell = |ty: Option<Option<Sym>>, v: Option<Option<Sym>>| {
        let (ty, v) = (ty.map(Cond::EventType), v.map(|v| Cond::Dim(dim, v)));
        let f = Filter(year_dev.0.iter().copied().chain(ty).chain(v).collect());
        (f, counts.get(ty, v))
    };
    let mut g = Grid::default();
    let mut rows: Vec<TableLine> = Vec::new();
    let col_totals: Vec<(Filter, i64, usize)> = values
        .iter()
        .map(|&v| {
            let (f, n) = cell(None, Some(v));
            (f, n, g.push(Cell::sensitive(n)))
        })
        .collect();
    let (gf, gn) = cell(None, None);
    let grand = g.push(Cell::fixed(gn));
    g.line(col_totals.iter().map(|c| c.2).collect(), grand);
    let mut columns: Vec<Vec<usize>> = vec![Vec::new(); values.len()];
    for &ty in &types {
        let mut cells = Vec::new();
        for (k, &v) in values.iter().enumerate() {
            let (f, n) = cell(Some(ty), Some(v));
            let c = g.push(Cell::sensitive(n));
            columns[k].push(c);
            cells.push((f, n, c));
        }
        // The row total is the whole organisation's count per händelsetyp, shown in its own
        // table, so it stays.
        let (f, n) = cell(Some(ty), None);
        let total = g.push(Cell::fixed(n));
        g.line(cells.iter().map(|c| c.2).collect(), total);
        cells.push((f, n, total));
        rows.push((event_type_name(ctx, ty, none), cells, false));
    }
    for (k, c) in col_totals.iter().enumerate() {
        g.line(columns[k].clone(), c.2);
    }
    let mut last = col_totals;
    last.push((gf, gn, grand));
    rows.push(("Totalt".to_string(), last, true));
    let hidden = g.protect(ctx.rule);
    push_lines(&mut t, rows, &hidden);
    t.notes.push(format!(
        "Raderna summerar till Totalt i varje kolumn och kolumnerna till Totalt i varje rad. Händelsetyper och {} är ordnade efter antal {y}.",
        word(dim)
    ));
    if let Some(note) = unit_note(ctx.rule, &t) {
        t.notes.push(note.replace("för enheten", "i cellen"));
    }
    t.source = SOURCE.into();
    Some(t)
}
