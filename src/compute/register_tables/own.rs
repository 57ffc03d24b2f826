//! The organisation's own tables of the register (`[[tabeller]]`): the reports a filter
//! selects, counted by the values of one column in the rows and another (or the years, with
//! change) in the columns, with totals both ways. Tables by Enhet, Förvaltning, Regi, Lagrum or
//! Verksamhetsområde hide small counts as the tables per enhet do.

use super::event_types::{Crossed, values_by_count};
use super::units::{TableLine, hide_small_units, protect_row, push_lines, unit_note};
use super::{Ctx, SOURCE};
use crate::base::format::month_label;

/// A row of a crossed table as built: label, each cell (filter, count, grid cell), total row.
use crate::compute::suppress::{Cell, Grid};
use crate::compute::table::Table;
use crate::compute::trace::{Cond, Filter};
use crate::model::register::own_tables::{Axis, OwnTable, Pick};
use crate::model::{Assessment, Kind, Record, Sym};
use crate::text::fold;

/// The register value of a text axis for a record.
fn sym_of(axis: Axis, r: &Record) -> Option<Sym> {
    match axis {
        Axis::Unit => r.unit,
        Axis::Department => r.department,
        Axis::EventType => r.event_type,
        Axis::Dim(d) => r.dims[d.index()],
        _ => None,
    }
}

/// The condition that a record's text axis holds `v`.
fn sym_cond(axis: Axis, v: Option<Sym>) -> Cond {
    match axis {
        Axis::Unit => Cond::Unit(v),
        Axis::Department => Cond::Department(v),
        Axis::EventType => Cond::EventType(v),
        Axis::Dim(d) => Cond::Dim(d, v),
        _ => unreachable!("a text axis"),
    }
}

/// The condition of `axis` that the record meets.
fn axis_cond(axis: Axis, r: &Record) -> Cond {
    match axis {
        Axis::Year => Cond::Year(r.year),
        Axis::Month => Cond::Month(r.month),
        Axis::Kind => Cond::Kind(r.kind),
        Axis::Assessment => Cond::Assessment(r.assessment),
        Axis::LexSarah | Axis::Ivo | Axis::Imy => Cond::LexSarah,
        a => sym_cond(a, sym_of(a, r)),
    }
}

/// The conditions of the filter; `Err` names a value no report has.
fn base(ctx: &Ctx<'_>, def: &OwnTable) -> Result<Filter, String> {
    let mut f = Filter::default();
    for (axis, pick) in &def.filter {
        match (axis, pick) {
            (_, Pick::Kind(k, c, lex)) => {
                f = f.and(Cond::Kind(*k));
                if c.is_some() {
                    f = f.and(Cond::CommentKind(*c));
                }
                if *lex {
                    f = f.and(Cond::LexSarah);
                }
            }
            (_, Pick::Assessment(a)) => f = f.and(Cond::Assessment(Some(*a))),
            (Axis::LexSarah, Pick::Yes) => f = f.and(Cond::LexSarah),
            (Axis::Ivo, Pick::Yes) => f = f.and(Cond::Ivo),
            (_, Pick::Yes) => f = f.and(Cond::Imy),
            (_, Pick::Month(m)) => f = f.and(Cond::Month(*m)),
            (_, Pick::Year(y)) => f = f.and(Cond::Year(*y)),
            (axis, Pick::Text(v)) => {
                let wanted = fold(v);
                let sym = ctx
                    .records()
                    .filter_map(|r| sym_of(*axis, r))
                    .find(|s| fold(ctx.reg.symbols.name(*s)) == wanted);
                match sym {
                    Some(s) => f = f.and(sym_cond(*axis, Some(s))),
                    None => {
                        return Err(format!(
                            "{} redovisas inte, eftersom ingen rapport i registret har {} = {v}.",
                            def.title,
                            axis.name()
                        ));
                    }
                }
            }
        }
    }
    Ok(f)
}

/// The values of `axis` among the records `base` selects: label and condition.
fn values(ctx: &Ctx<'_>, axis: Axis, base: &Filter) -> Vec<(String, Cond)> {
    match axis {
        Axis::Year => ctx
            .years
            .iter()
            .map(|y| (y.to_string(), Cond::Year(*y)))
            .collect(),
        Axis::Month => (1..=12)
            .map(|m| (month_label(m as usize), Cond::Month(m)))
            .collect(),
        // Lex Maria is a column only where the register has any, as in the built-in tables.
        Axis::Kind => Kind::ALL
            .iter()
            .filter(|&&k| {
                k != Kind::LexMaria || ctx.reg.records.iter().any(|r| r.kind == Kind::LexMaria)
            })
            .map(|k| (k.name().to_string(), Cond::Kind(*k)))
            .collect(),
        Axis::Assessment => Assessment::ALL
            .iter()
            .map(|a| (a.name().to_string(), Cond::Assessment(Some(*a))))
            .chain([("Ej bedömd".to_string(), Cond::Assessment(None))])
            .collect(),
        Axis::LexSarah | Axis::Ivo | Axis::Imy => Vec::new(),
        _ => {
            let none = format!("{} saknas", axis.name());
            let name = |v: Option<Sym>| {
                v.map_or_else(|| none.clone(), |s| ctx.reg.symbols.name(s).to_string())
            };
            values_by_count(ctx, base, |v| sym_cond(axis, v), name)
                .into_iter()
                .map(|v| (name(v), sym_cond(axis, v)))
                .collect()
        }
    }
}

/// The own table `def`, or the sentence saying why it is left out.
pub(super) fn own_table(ctx: &Ctx<'_>, def: &OwnTable) -> Result<Table, String> {
    let selected = base(ctx, def)?;
    let mut base = selected.clone();
    let by_year = def.rows == Axis::Year || def.columns == Axis::Year;
    let people = def.rows.describes_people()
        || def.columns.describes_people()
        || def.filter.iter().any(|(a, _)| a.describes_people());
    let title = if by_year {
        format!("{} {}", def.title, ctx.span())
    } else {
        base = base.and(Cond::Year(ctx.year));
        format!("{} {}", def.title, ctx.year)
    };
    let rows = values(ctx, def.rows, &base);
    let mut t = if def.columns == Axis::Year {
        by_years(ctx, def, &base, &rows, title, people)
    } else {
        let columns = values(ctx, def.columns, &base);
        crossed(ctx, def, &base, &rows, &columns, title, people)
    };
    if !def.filter.is_empty() {
        t.notes
            .push(format!("Urval: {}.", selected.describe(ctx.reg)));
    }
    if let Some(note) = &def.note {
        t.notes.push(note.clone());
    }
    if people && let Some(note) = unit_note(ctx.rule, &t) {
        t.notes.push(note.replace("för enheten", "i cellen"));
    }
    t.source = SOURCE.into();
    Ok(t)
}

/// Rows by `rows`, one column per year with change.
fn by_years(
    ctx: &Ctx<'_>,
    def: &OwnTable,
    base: &Filter,
    rows: &[(String, Cond)],
    title: String,
    people: bool,
) -> Table {
    let mut t = ctx.year_table(&def.key, title, def.rows.name(), true);
    let filters: Vec<Filter> = rows.iter().map(|(_, c)| base.and(*c)).collect();
    let hidden = people.then(|| {
        let counts: Vec<Vec<Option<i64>>> = filters.iter().map(|f| ctx.counts(None, f)).collect();
        hide_small_units(ctx.rule, &counts, &ctx.counts(None, base))
    });
    for (k, ((label, _), f)) in rows.iter().zip(&filters).enumerate() {
        let mut row = ctx.year_row(label, None, f, true);
        if let Some(h) = &hidden {
            protect_row(&mut row, &h[k]);
        }
        t.rows.push(row);
    }
    t.rows
        .push(ctx.year_row("Totalt", None, base, true).total());
    t
}

/// Rows by `rows` and columns by `columns` (not years), with a Totalt column and row.
fn crossed(
    ctx: &Ctx<'_>,
    def: &OwnTable,
    base: &Filter,
    rows: &[(String, Cond)],
    columns: &[(String, Cond)],
    title: String,
    people: bool,
) -> Table {
    let mut t = Table::new(&def.key, title, def.rows.name());
    for (label, _) in columns {
        t = t.column(label.clone());
    }
    t = t.column("Totalt");
    let counts = Crossed::count(
        ctx,
        base,
        |r| axis_cond(def.rows, r),
        |r| axis_cond(def.columns, r),
    );
    // A cell's filter ends with its row's and its column's condition.
    let count = |f: &Filter| {
        let n = f.0.len() - base.0.len();
        let extra = &f.0[base.0.len()..];
        match n {
            2 => counts.get(Some(extra[0]), Some(extra[1])),
            1 if rows.iter().any(|(_, c)| *c == extra[0]) => counts.get(Some(extra[0]), None),
            1 => counts.get(None, Some(extra[0])),
            _ => counts.get(None, None),
        }
    };
    let mut g = Grid::default();
    let push = |g: &mut Grid, f: Filter, fixed: bool| {
        let n = count(&f);
        let cell = if fixed || !people {
            Cell::fixed(n)
        } else {
            Cell::sensitive(n)
        };
        (f, n, g.push(cell))
    };
    let mut lines: Vec<TableLine> = Vec::new();
    for (label, rc) in rows {
        let row_base = base.and(*rc);
        let mut cells: Vec<(Filter, i64, usize)> = columns
            .iter()
            .map(|(_, cc)| push(&mut g, row_base.and(*cc), false))
            .collect();
        cells.push(push(&mut g, row_base, false));
        lines.push((label.clone(), cells, false));
    }
    let mut totals: Vec<(Filter, i64, usize)> = columns
        .iter()
        .map(|(_, cc)| push(&mut g, base.and(*cc), false))
        .collect();
    totals.push(push(&mut g, base.clone(), true));
    lines.push(("Totalt".into(), totals, true));
    // Every row sums to its Totalt, and every column to the Totalt row.
    for (_, cells, _) in &lines {
        let (last, parts) = cells.split_last().expect("a Totalt column");
        g.line(parts.iter().map(|c| c.2).collect(), last.2);
    }
    let (last, parts) = lines.split_last().expect("a Totalt row");
    for c in 0..=columns.len() {
        g.line(parts.iter().map(|l| l.1[c].2).collect(), last.1[c].2);
    }
    let hidden = g.protect(ctx.rule);
    push_lines(&mut t, lines, &hidden);
    t
}
