//! The tables by category of the report year: bedömning, bakomliggande orsak and åtgärd (one
//! row per configured label), and lex Sarah per händelsetyp.

use super::{Ctx, SOURCE};
use crate::base::Value;
use crate::compute::table::Table;
use crate::compute::trace::{Cond, Filter, LabelPick, Source};
use crate::model::register::Column as Col;
use crate::model::{Kind, Sym};
use crate::text::swedish_sort_key;
use std::collections::BTreeMap;

pub(super) fn assessments(ctx: &Ctx<'_>) -> Table {
    let mut t = ctx.year_table(
        "bedomning",
        format!("Avvikelser efter bedömning {}", ctx.span()),
        "Bedömning",
        false,
    );
    t = t.column(format!("Andel {}", ctx.year));
    let needs = Some(Col::Assessment);
    let dev = Filter::new(&[Cond::Kind(Kind::Deviation)]);
    let this_year = dev.and(Cond::Year(ctx.year));
    let total_y = ctx
        .counts(None, &dev)
        .last()
        .copied()
        .flatten()
        .unwrap_or(0);
    let push = |label: &str, needs: Option<Col>, f: Filter| {
        let counts = ctx.counts(needs, &f);
        let mut row = ctx.year_row(label, needs, &f, false);
        row.values.push(match counts.last().copied().flatten() {
            Some(n) => Value::share(n, total_y, 0),
            None => Value::Missing,
        });
        row.sources.push(Some(Source::Share {
            part: f.and(Cond::Year(ctx.year)),
            whole: this_year.clone(),
        }));
        row
    };
    for a in crate::model::Assessment::ALL {
        let row = push(a.name(), needs, dev.and(Cond::Assessment(Some(a))));
        t.rows.push(row);
    }
    let row = push("Ej bedömd", needs, dev.and(Cond::Assessment(None)));
    t.rows.push(row);
    let total = push("Totalt", None, dev.clone()).total();
    t.rows.push(total);
    t.notes.push("Missförhållande och påtaglig risk för missförhållande (även allvarliga) omfattas av lex Sarah.".into());
    t.source = SOURCE.into();
    t
}

pub(super) fn labels(ctx: &Ctx<'_>, key: &str, title: &str, label: &str, col: Col) -> Table {
    let mut t = ctx.year_table(key, format!("{title} {}", ctx.span()), label, false);
    let causes = matches!(col, Col::Causes);
    let names = if causes {
        &ctx.reg.causes
    } else {
        &ctx.reg.actions
    };
    let dev = Filter::new(&[Cond::Kind(Kind::Deviation)]);
    let with = |pick| dev.and(Cond::Label { causes, pick });
    let needs = Some(col);
    for (i, name) in names.iter().enumerate() {
        t.rows
            .push(ctx.year_row(name, needs, &with(LabelPick::Category(i)), false));
    }
    let unknown = with(LabelPick::Unknown);
    if ctx
        .counts(needs, &unknown)
        .iter()
        .any(|c| c.is_some_and(|n| n > 0))
    {
        t.rows
            .push(ctx.year_row("Annan kategori", needs, &unknown, false));
    }
    t.rows
        .push(ctx.year_row("Ej angiven", needs, &with(LabelPick::Empty), false));
    t.rows
        .push(ctx.year_row("Antal avvikelser", None, &dev, false).total());
    t.notes.push(format!(
        "En avvikelse kan ha flera kategorier av {}. Kolumnerna summerar därför inte till antalet avvikelser.",
        label.to_lowercase()
    ));
    t.source = SOURCE.into();
    t
}

pub(super) fn lex_sarah_event_types(ctx: &Ctx<'_>) -> Table {
    let mut t = ctx.year_table(
        "lex_sarah_handelsetyp",
        format!(
            "Rapporter enligt lex Sarah efter händelsetyp {}",
            ctx.span()
        ),
        "Händelsetyp",
        false,
    );
    let lex = Filter::new(&[Cond::Kind(Kind::Deviation), Cond::LexSarah]);
    let needs = Some(Col::LexSarah);
    let mut types: BTreeMap<Option<Sym>, i64> = BTreeMap::new();
    for r in ctx
        .records()
        .filter(|r| lex.matches(r) && ctx.years.contains(&r.year))
    {
        *types.entry(r.event_type).or_default() += i64::from(r.year == ctx.year);
    }
    let name = |s: Option<Sym>| {
        s.map_or_else(
            || "Händelsetyp saknas".to_string(),
            |s| ctx.reg.symbols.name(s).to_string(),
        )
    };
    let mut order: Vec<(Option<Sym>, i64)> = types.into_iter().collect();
    order.sort_by_key(|(s, n)| (s.is_none(), -n, swedish_sort_key(&name(*s))));
    for (sym, _) in order {
        let f = lex.and(Cond::EventType(sym));
        t.rows.push(ctx.year_row(&name(sym), needs, &f, false));
    }
    t.rows
        .push(ctx.year_row("Totalt", needs, &lex, false).total());
    t.notes.push(format!(
        "Händelsetyperna är ordnade efter antal {}.",
        ctx.year
    ));
    t.source = SOURCE.into();
    t
}
