//! The annex tables computed from the register (the Huddinge seed's "Avvikelsearbetet" is the
//! model): reports per type and year, per unit, per month, assessments, causes and actions,
//! lex Sarah event types, handling times and reports still open at year end.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::ratio::Ratio;
use super::suppress::{Cell, Grid, Rule};
use super::table::{Row, Table, Value};
use crate::model::register::Column as Col;
use crate::model::{Kind, LabelSet, Record, Register, Sym};
use crate::text::swedish_sort_key;

/// What every table builder needs.
pub struct Ctx<'a> {
    pub reg: &'a Register,
    pub years: &'a [i32],
    pub data_years: &'a BTreeSet<i32>,
    pub year: i32,
    /// The date that decides year and month, in words ("händelsedatum").
    pub basis: &'static str,
    /// Which counts describing people are too small to show.
    pub rule: Rule,
}

pub const SOURCE: &str = "Registret över rapporter (avvikelser, lex Sarah, klagomål, synpunkter och personuppgiftsincidenter)";

const MONTHS: [&str; 12] = [
    "Januari",
    "Februari",
    "Mars",
    "April",
    "Maj",
    "Juni",
    "Juli",
    "Augusti",
    "September",
    "Oktober",
    "November",
    "December",
];

/// The report types as rows: label, whether a "varav" row, which column it needs, predicate.
type Pred = fn(&Record) -> bool;

pub fn type_rows() -> Vec<(&'static str, bool, Option<Col>, Pred)> {
    vec![
        ("Klagomål", false, None, |r| r.kind == Kind::Complaint),
        ("Synpunkter", false, None, |r| r.kind == Kind::Comment),
        ("Avvikelser", false, None, |r| r.kind == Kind::Deviation),
        ("varav lex Sarah", true, Some(Col::LexSarah), |r| {
            r.kind == Kind::Deviation && r.lex_sarah
        }),
        ("varav anmälda till IVO", true, Some(Col::Ivo), |r| {
            r.kind == Kind::Deviation && r.lex_sarah && r.ivo == Some(true)
        }),
        ("Personuppgiftsincidenter", false, None, |r| {
            r.kind == Kind::DataBreach
        }),
        ("varav anmälda till IMY", true, Some(Col::Imy), |r| {
            r.kind == Kind::DataBreach && r.imy == Some(true)
        }),
    ]
}

impl Ctx<'_> {
    pub fn records(&self) -> impl Iterator<Item = &Record> {
        self.reg.records.iter()
    }

    /// Count per year of the window; `None` for a year without data or a missing column.
    pub fn per_year(&self, needs: Option<Col>, pred: impl Fn(&Record) -> bool) -> Vec<Option<i64>> {
        if needs.is_some_and(|c| !self.reg.has(c)) {
            return vec![None; self.years.len()];
        }
        let first = self.years.first().copied().unwrap_or(self.year);
        let mut counts = vec![0i64; self.years.len()];
        for r in self.records() {
            let i = (r.year - first) as usize;
            if r.year >= first && i < counts.len() && pred(r) {
                counts[i] += 1;
            }
        }
        self.years
            .iter()
            .zip(counts)
            .map(|(y, n)| self.data_years.contains(y).then_some(n))
            .collect()
    }

    fn year_titles(&self) -> Vec<String> {
        self.years.iter().map(|y| y.to_string()).collect()
    }

    fn has_previous(&self) -> bool {
        self.years.len() >= 2
    }

    fn prev(&self) -> i32 {
        self.year - 1
    }

    /// A table with one column per year (and change columns when there is a previous year).
    fn year_table(&self, key: &str, title: String, label: &str, with_change: bool) -> Table {
        let mut t = Table::new(key, title, label);
        for y in self.year_titles() {
            t = t.column(y);
        }
        if with_change && self.has_previous() {
            t = t
                .column(format!("Förändring {}–{}", self.prev(), self.year))
                .column("Förändring (%)");
        }
        t
    }

    /// A row of yearly counts, with change columns when the table has them.
    fn year_row(&self, label: &str, counts: Vec<Option<i64>>, with_change: bool) -> Row {
        let mut values: Vec<Value> = counts.iter().map(|c| Value::count_or_missing(*c)).collect();
        if with_change && self.has_previous() {
            let (old, new) = (counts[counts.len() - 2], counts[counts.len() - 1]);
            values.push(Value::change(old, new));
            values.push(Value::relative_change(old, new));
        }
        Row::new(label, values)
    }

    fn span(&self) -> String {
        match self.years.first() {
            Some(&first) if first != self.year => format!("{first}–{}", self.year),
            _ => self.year.to_string(),
        }
    }

    fn end_of(&self, year: i32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, 12, 31).expect("31 December exists")
    }

    fn unit_name(&self, unit: Option<Sym>) -> String {
        unit.map_or_else(
            || "Enhet saknas".to_string(),
            |u| self.reg.symbols.name(u).to_string(),
        )
    }
}

/// All register tables in annex order.
pub fn all(ctx: &Ctx<'_>) -> Vec<Table> {
    vec![
        per_type(ctx),
        per_unit(
            ctx,
            "avvikelser_per_enhet",
            "Avvikelser per enhet",
            None,
            |r| r.kind == Kind::Deviation,
        ),
        per_unit(
            ctx,
            "lex_sarah_per_enhet",
            "Rapporter enligt lex Sarah per enhet",
            Some(Col::LexSarah),
            |r| r.kind == Kind::Deviation && r.lex_sarah,
        ),
        per_month(ctx),
        assessments(ctx),
        labels(
            ctx,
            "bakomliggande_orsak",
            "Bakomliggande orsaker till avvikelser",
            "Bakomliggande orsak",
            Col::Causes,
            &ctx.reg.causes,
            |r| r.causes,
        ),
        labels(
            ctx,
            "atgarder",
            "Åtgärder efter avvikelser",
            "Åtgärd",
            Col::Actions,
            &ctx.reg.actions,
            |r| r.actions,
        ),
        lex_sarah_event_types(ctx),
        handling_per_year(ctx),
        handling_per_type(ctx),
        open_at_year_end(ctx),
    ]
}

fn per_type(ctx: &Ctx<'_>) -> Table {
    let mut t = ctx.year_table(
        "rapporter_per_typ",
        format!("Inkomna rapporter per typ {}", ctx.span()),
        "Typ av rapport",
        true,
    );
    for (label, sub, needs, pred) in type_rows() {
        let row = ctx.year_row(label, ctx.per_year(needs, pred), true);
        t.rows.push(row.sub_if(sub));
    }
    t.rows.push(
        ctx.year_row("Totalt", ctx.per_year(None, |_| true), true)
            .total(),
    );
    t.notes.push(format!(
        "Rapporterna förs till år efter {}. Lex Sarah-rapporter är avvikelser som bedömts omfattas av lex Sarah (enligt kolumnen Lex Sarah, och annars enligt bedömningen); de ingår i antalet avvikelser.",
        basis_words(ctx)
    ));
    t.source = SOURCE.into();
    t
}

fn basis_words(ctx: &Ctx<'_>) -> &'static str {
    ctx.basis
}

fn per_unit(
    ctx: &Ctx<'_>,
    key: &str,
    what: &str,
    needs: Option<Col>,
    pred: fn(&Record) -> bool,
) -> Table {
    let mut t = ctx.year_table(key, format!("{what} {}", ctx.span()), "Enhet", true);
    let in_window = |r: &&Record| ctx.years.contains(&r.year);
    let mut units: Vec<Option<Sym>> = ctx
        .records()
        .filter(|r| pred(r))
        .filter(in_window)
        .map(|r| r.unit)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    units.sort_by_key(|u| (u.is_none(), swedish_sort_key(&ctx.unit_name(*u))));
    let counts: Vec<Vec<Option<i64>>> = units
        .iter()
        .map(|&unit| ctx.per_year(needs, |r| pred(r) && r.unit == unit))
        .collect();
    let totals = ctx.per_year(needs, pred);
    let hidden = hide_small_units(ctx.rule, &counts, &totals);
    for ((unit, counts), hidden) in units.iter().zip(counts).zip(hidden) {
        let mut row = ctx.year_row(&ctx.unit_name(*unit), counts, true);
        protect_row(&mut row, &hidden);
        t.rows.push(row);
    }
    t.rows.push(ctx.year_row("Totalt", totals, true).total());
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
fn protect_row(row: &mut Row, hidden: &[bool]) {
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

fn unit_note(rule: Rule, t: &Table) -> Option<String> {
    let any = t.rows.iter().any(|r| r.values.contains(&Value::Suppressed));
    any.then(|| {
        format!(
            "..: visas inte för att skydda enskilda: färre än {} rapporter för enheten, eller ett antal som annars skulle göra det möjligt att räkna fram ett sådant antal ur totalen.",
            rule.min
        )
    })
}

fn per_month(ctx: &Ctx<'_>) -> Table {
    let y = ctx.year;
    let mut t = Table::new(
        "rapporter_per_manad",
        format!("Inkomna rapporter per månad {y}"),
        "Månad",
    );
    let cols: Vec<(&str, Option<Col>, Pred)> = vec![
        ("Avvikelser", None, |r| r.kind == Kind::Deviation),
        ("varav lex Sarah", Some(Col::LexSarah), |r| {
            r.kind == Kind::Deviation && r.lex_sarah
        }),
        ("Klagomål", None, |r| r.kind == Kind::Complaint),
        ("Synpunkter", None, |r| r.kind == Kind::Comment),
        ("Personuppgiftsincidenter", None, |r| {
            r.kind == Kind::DataBreach
        }),
        ("Totalt", None, |_| true),
    ];
    for (title, _, _) in &cols {
        t = t.column(*title);
    }
    let mut grid = [[0i64; 6]; 12];
    for r in ctx.records().filter(|r| r.year == y) {
        for (j, (_, _, pred)) in cols.iter().enumerate() {
            if pred(r) {
                grid[(r.month - 1) as usize][j] += 1;
            }
        }
    }
    let cell = |j: usize, n: i64| match cols[j].1 {
        Some(c) if !ctx.reg.has(c) => Value::Missing,
        _ => Value::count(n),
    };
    for (m, name) in MONTHS.iter().enumerate() {
        t.rows.push(Row::new(
            *name,
            (0..6).map(|j| cell(j, grid[m][j])).collect(),
        ));
    }
    let totals = (0..6)
        .map(|j| cell(j, grid.iter().map(|row| row[j]).sum()))
        .collect();
    t.rows.push(Row::new("Totalt", totals).total());
    t.notes.push(format!(
        "Rapporterna förs till månad efter {}.",
        basis_words(ctx)
    ));
    t.source = SOURCE.into();
    t
}

fn assessments(ctx: &Ctx<'_>) -> Table {
    let mut t = ctx.year_table(
        "bedomning",
        format!("Avvikelser efter bedömning {}", ctx.span()),
        "Bedömning",
        false,
    );
    t = t.column(format!("Andel {}", ctx.year));
    let needs = Some(Col::Assessment);
    let dev = |r: &Record| r.kind == Kind::Deviation;
    let total_y = ctx
        .per_year(None, dev)
        .last()
        .copied()
        .flatten()
        .unwrap_or(0);
    let mut push = |label: &str, counts: Vec<Option<i64>>| {
        let mut row = ctx.year_row(label, counts.clone(), false);
        row.values.push(match counts.last().copied().flatten() {
            Some(n) => Value::share(n, total_y, 0),
            None => Value::Missing,
        });
        t.rows.push(row);
    };
    for a in crate::model::Assessment::ALL {
        push(
            a.name(),
            ctx.per_year(needs, |r| dev(r) && r.assessment == Some(a)),
        );
    }
    push(
        "Ej bedömd",
        ctx.per_year(needs, |r| dev(r) && r.assessment.is_none()),
    );
    let mut total = ctx
        .year_row("Totalt", ctx.per_year(None, dev), false)
        .total();
    total.values.push(Value::share(total_y, total_y, 0));
    t.rows.push(total);
    t.notes.push("Missförhållande och påtaglig risk för missförhållande (även allvarliga) omfattas av lex Sarah.".into());
    t.source = SOURCE.into();
    t
}

#[allow(clippy::too_many_arguments)]
fn labels(
    ctx: &Ctx<'_>,
    key: &str,
    title: &str,
    label: &str,
    col: Col,
    names: &[String],
    get: fn(&Record) -> LabelSet,
) -> Table {
    let mut t = ctx.year_table(key, format!("{title} {}", ctx.span()), label, false);
    let dev = |r: &Record| r.kind == Kind::Deviation;
    let needs = Some(col);
    for (i, name) in names.iter().enumerate() {
        t.rows.push(ctx.year_row(
            name,
            ctx.per_year(needs, |r| dev(r) && get(r).contains(i)),
            false,
        ));
    }
    let unknown = ctx.per_year(needs, |r| dev(r) && get(r).contains(LabelSet::UNKNOWN_BIT));
    if unknown.iter().any(|c| c.is_some_and(|n| n > 0)) {
        t.rows.push(ctx.year_row("Annan kategori", unknown, false));
    }
    t.rows.push(ctx.year_row(
        "Ej angiven",
        ctx.per_year(needs, |r| dev(r) && get(r).is_empty()),
        false,
    ));
    t.rows.push(
        ctx.year_row("Antal avvikelser", ctx.per_year(None, dev), false)
            .total(),
    );
    t.notes.push(format!(
        "En avvikelse kan ha flera kategorier av {}. Kolumnerna summerar därför inte till antalet avvikelser.",
        label.to_lowercase()
    ));
    t.source = SOURCE.into();
    t
}

fn lex_sarah_event_types(ctx: &Ctx<'_>) -> Table {
    let mut t = ctx.year_table(
        "lex_sarah_handelsetyp",
        format!(
            "Rapporter enligt lex Sarah efter händelsetyp {}",
            ctx.span()
        ),
        "Händelsetyp",
        false,
    );
    let lex = |r: &Record| r.kind == Kind::Deviation && r.lex_sarah;
    let needs = Some(Col::LexSarah);
    let mut types: BTreeMap<Option<Sym>, i64> = BTreeMap::new();
    for r in ctx
        .records()
        .filter(|r| lex(r) && ctx.years.contains(&r.year))
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
        t.rows.push(ctx.year_row(
            &name(sym),
            ctx.per_year(needs, |r| lex(r) && r.event_type == sym),
            false,
        ));
    }
    t.rows.push(
        ctx.year_row("Totalt", ctx.per_year(needs, lex), false)
            .total(),
    );
    t.notes.push(format!(
        "Händelsetyperna är ordnade efter antal {}.",
        ctx.year
    ));
    t.source = SOURCE.into();
    t
}

/// Received, closed by year end, share closed and median handling time of `records`.
fn handling_values(ctx: &Ctx<'_>, records: &[&Record], year: i32) -> Vec<Value> {
    let received = records.len() as i64;
    if !ctx.reg.has(Col::Closed) {
        return vec![
            Value::count(received),
            Value::Missing,
            Value::Missing,
            Value::Missing,
        ];
    }
    let end = ctx.end_of(year);
    let closed = records.iter().filter(|r| r.closed_by(end)).count() as i64;
    let mut days: Vec<i64> = records.iter().filter_map(|r| r.handling_days()).collect();
    days.sort_unstable();
    let median = Ratio::median(&days).map_or(Value::Missing, |r| Value::Days { r, decimals: 0 });
    vec![
        Value::count(received),
        Value::count(closed),
        Value::share(closed, received, 0),
        median,
    ]
}

fn handling_columns(t: Table) -> Table {
    t.column("Inkomna")
        .column("Avslutade vid årets slut")
        .column("Andel avslutade")
        .column("Median handläggningstid (dagar)")
}

fn handling_per_year(ctx: &Ctx<'_>) -> Table {
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
        let recs: Vec<&Record> = ctx.records().filter(|r| r.year == y).collect();
        t.rows
            .push(Row::new(y.to_string(), handling_values(ctx, &recs, y)));
    }
    t.notes.push("Handläggningstid är antalet dagar från rapportering till avslut. Medianen gäller de rapporter som har avslutats, oavsett när. Andelen avslutade gäller den 31 december samma år.".into());
    t.source = SOURCE.into();
    t
}

fn handling_per_type(ctx: &Ctx<'_>) -> Table {
    let y = ctx.year;
    let mut t = handling_columns(Table::new(
        "handlaggningstid_per_typ",
        format!("Handläggningstid per typ av rapport {y}"),
        "Typ av rapport",
    ));
    for (label, sub, needs, pred) in type_rows() {
        if needs.is_some_and(|c| !ctx.reg.has(c)) {
            let row = Row::new(label, vec![Value::Missing; 4]);
            t.rows.push(row.sub_if(sub));
            continue;
        }
        let recs: Vec<&Record> = ctx.records().filter(|r| r.year == y && pred(r)).collect();
        let row = Row::new(label, handling_values(ctx, &recs, y));
        t.rows.push(row.sub_if(sub));
    }
    let all: Vec<&Record> = ctx.records().filter(|r| r.year == y).collect();
    t.rows
        .push(Row::new("Totalt", handling_values(ctx, &all, y)).total());
    t.notes
        .push(format!("Andelen avslutade gäller den 31 december {y}."));
    t.source = SOURCE.into();
    t
}

fn open_at_year_end(ctx: &Ctx<'_>) -> Table {
    let y = ctx.year;
    let end = ctx.end_of(y);
    let mut t = Table::new(
        "oppna_vid_arets_slut",
        format!("Rapporter som inte var avslutade den 31 december {y}"),
        "Typ av rapport",
    )
    .column(format!("Inkomna {y}"))
    .column("Inkomna tidigare år")
    .column("Totalt");
    let open = |r: &Record| r.year <= y && r.reported.is_none_or(|d| d <= end) && !r.closed_by(end);
    let counts = |pred: &dyn Fn(&Record) -> bool| -> Vec<Value> {
        if !ctx.reg.has(Col::Closed) {
            return vec![Value::Missing; 3];
        }
        let this = ctx
            .records()
            .filter(|r| open(r) && pred(r) && r.year == y)
            .count() as i64;
        let earlier = ctx
            .records()
            .filter(|r| open(r) && pred(r) && r.year < y)
            .count() as i64;
        vec![
            Value::count(this),
            Value::count(earlier),
            Value::count(this + earlier),
        ]
    };
    for (label, sub, needs, pred) in type_rows() {
        let values = if needs.is_some_and(|c| !ctx.reg.has(c)) {
            vec![Value::Missing; 3]
        } else {
            counts(&pred)
        };
        let row = Row::new(label, values);
        t.rows.push(row.sub_if(sub));
    }
    t.rows.push(Row::new("Totalt", counts(&|_| true)).total());
    t.notes.push(format!(
        "Rapporter som kommit in senast den 31 december {y} och inte var avslutade då."
    ));
    t.source = SOURCE.into();
    t
}
