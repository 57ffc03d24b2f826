//! The tables per category with year columns and change: avvikelser per händelsetyp (every
//! vård- och omsorg report's main table), klagomål and synpunkter per category where the
//! register has one, and synpunkter per kind (beröm, förslag, fråga) where the Typ column says.

use rustc_hash::FxHashMap;

use super::{Ctx, SOURCE};
use crate::compute::table::Table;
use crate::compute::trace::{Cond, Filter};
use crate::model::{CommentKind, Kind, Sym};
use crate::text::swedish_sort_key;

/// The name a händelsetyp is shown under ("Händelsetyp saknas" for none).
pub(super) fn event_type_name(ctx: &Ctx<'_>, s: Option<Sym>, none: &str) -> String {
    s.map_or_else(|| none.to_string(), |s| ctx.reg.symbols.name(s).to_string())
}

/// The values of the condition `probe` makes (`probe(None)` names its kind) among the
/// records `base` selects in the window, most common in the report year first, then by name,
/// the record without a value last. Counted by the memo, in the pass that also answers the
/// counts per value the table asks next.
pub(super) fn values_by_count(
    ctx: &Ctx<'_>,
    base: &Filter,
    probe: impl Fn(Option<Sym>) -> Cond,
    name: impl Fn(Option<Sym>) -> String,
) -> Vec<Option<Sym>> {
    let year = ctx.years.iter().position(|&y| y == ctx.year);
    let mut order: Vec<(Option<Sym>, i64)> = ctx
        .per_value(base, probe(None))
        .into_iter()
        .filter_map(|(cond, counts)| Some((cond.sym()?, year.map_or(0, |i| counts[i]))))
        .collect();
    order.sort_by_cached_key(|(v, n)| (v.is_none(), -n, swedish_sort_key(&name(*v))));
    order.into_iter().map(|(v, _)| v).collect()
}

/// Reports of `kind` per händelsetyp and year, with change; `None` when no report of the kind
/// in the window has a händelsetyp (a register that keeps none for the kind).
pub(super) fn per_event_type(
    ctx: &Ctx<'_>,
    key: &str,
    title: &str,
    label: &str,
    kind: Kind,
) -> Option<Table> {
    let base = Filter::new(&[Cond::Kind(kind)]);
    let none = format!("{label} saknas");
    let types = values_by_count(ctx, &base, Cond::EventType, |s| {
        event_type_name(ctx, s, &none)
    });
    // `types` holds None for records without a händelsetyp.
    if !types.iter().any(Option::is_some) {
        return None;
    }
    let mut t = ctx.year_table(key, format!("{title} {}", ctx.span()), label, true);
    for sym in types {
        let f = base.and(Cond::EventType(sym));
        t.rows
            .push(ctx.year_row(&event_type_name(ctx, sym, &none), None, &f, true));
    }
    t.rows
        .push(ctx.year_row("Totalt", None, &base, true).total());
    t.notes.push(format!(
        "{} är ordnade efter antal {}.",
        plural(label),
        ctx.year
    ));
    t.source = SOURCE.into();
    Some(t)
}

fn plural(label: &str) -> String {
    match label {
        "Händelsetyp" => "Händelsetyperna".into(),
        "Kategori" => "Kategorierna".into(),
        other => other.to_string(),
    }
}

/// Synpunkter per kind (beröm, förslag, fråga, other synpunkter) and klagomål, per year with
/// change; `None` unless the Typ column names a kind of synpunkt in the window.
pub(super) fn comment_kinds(ctx: &Ctx<'_>) -> Option<Table> {
    let any = ctx.records().any(|r| {
        ctx.years.contains(&r.year) && r.kind == Kind::Comment && r.comment_kind.is_some()
    });
    if !any {
        return None;
    }
    let mut t = ctx.year_table(
        "synpunkter_per_slag",
        format!("Synpunkter och klagomål per slag {}", ctx.span()),
        "Slag",
        true,
    );
    let comment = Filter::new(&[Cond::Kind(Kind::Comment)]);
    for k in CommentKind::ALL {
        let f = comment.and(Cond::CommentKind(Some(k)));
        t.rows.push(ctx.year_row(k.name(), None, &f, true));
    }
    let other = comment.and(Cond::CommentKind(None));
    if ctx
        .counts(None, &other)
        .iter()
        .any(|c| c.is_some_and(|n| n > 0))
    {
        t.rows
            .push(ctx.year_row("Övriga synpunkter", None, &other, true));
    }
    let complaint = Filter::new(&[Cond::Kind(Kind::Complaint)]);
    t.rows
        .push(ctx.year_row("Klagomål", None, &complaint, true));
    let both = Filter::new(&[Cond::KindIn(&[Kind::Comment, Kind::Complaint])]);
    t.rows
        .push(ctx.year_row("Totalt", None, &both, true).total());
    t.notes.push(
        "Slaget är det som står i kolumnen Typ (till exempel Beröm, Förslag, Fråga eller Klagomål); synpunkter utan slag redovisas som övriga synpunkter.".into(),
    );
    t.source = SOURCE.into();
    Some(t)
}

/// Counts of the records `base` selects in the window by a row value and a column value, from
/// one pass over the register (a crossed table asks for every pair), with the totals of every
/// row and column and the grand total summed once.
pub(super) struct Crossed {
    cells: FxHashMap<(Cond, Cond), i64>,
    rows: FxHashMap<Cond, i64>,
    columns: FxHashMap<Cond, i64>,
    total: i64,
}

impl Crossed {
    pub(super) fn count(
        ctx: &Ctx<'_>,
        base: &Filter,
        row: impl Fn(&crate::model::Record) -> Cond,
        column: impl Fn(&crate::model::Record) -> Cond,
    ) -> Crossed {
        let mut cells: FxHashMap<(Cond, Cond), i64> = FxHashMap::default();
        for r in ctx
            .records()
            .filter(|r| ctx.years.contains(&r.year) && base.matches(r))
        {
            *cells.entry((row(r), column(r))).or_default() += 1;
        }
        let (mut rows, mut columns) = (FxHashMap::default(), FxHashMap::default());
        for (&(r, c), &n) in &cells {
            *rows.entry(r).or_default() += n;
            *columns.entry(c).or_default() += n;
        }
        let total = cells.values().sum();
        Crossed {
            cells,
            rows,
            columns,
            total,
        }
    }

    /// The count of a row and a column; `None` for either means all of them.
    pub(super) fn get(&self, row: Option<Cond>, column: Option<Cond>) -> i64 {
        let found = match (row, column) {
            (Some(r), Some(c)) => self.cells.get(&(r, c)),
            (Some(r), None) => self.rows.get(&r),
            (None, Some(c)) => self.columns.get(&c),
            (None, None) => Some(&self.total),
        };
        found.copied().unwrap_or(0)
    }
}
