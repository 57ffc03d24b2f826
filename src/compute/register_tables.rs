//! The annex tables computed from the register (the Huddinge seed's "Avvikelsearbetet" is the
//! model): reports per type and year, per unit, per month, assessments, causes and actions,
//! lex Sarah event types, handling times and reports still open at year end.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::table::{Row, Table};
use super::trace::{Cond, Filter, LabelPick, Source};
use crate::base::Rule;
use crate::base::Value;
use crate::model::register::Column as Col;
use crate::model::{Kind, Record, Register, Sym};
use crate::text::swedish_sort_key;

pub mod across;
mod handling;
pub mod memo;
pub mod part;
mod units;

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
    /// Counts already made for this context.
    pub memo: memo::Memo,
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

/// The report types as rows: label, whether a "varav" row, which column it needs, filter.
pub fn type_rows() -> Vec<(&'static str, bool, Option<Col>, Filter)> {
    let dev = Cond::Kind(Kind::Deviation);
    let pui = Cond::Kind(Kind::DataBreach);
    vec![
        (
            "Klagomål",
            false,
            None,
            Filter::new(&[Cond::Kind(Kind::Complaint)]),
        ),
        (
            "Synpunkter",
            false,
            None,
            Filter::new(&[Cond::Kind(Kind::Comment)]),
        ),
        ("Avvikelser", false, None, Filter::new(&[dev])),
        (
            "varav lex Sarah",
            true,
            Some(Col::LexSarah),
            Filter::new(&[dev, Cond::LexSarah]),
        ),
        (
            "varav anmälda till IVO",
            true,
            Some(Col::Ivo),
            Filter::new(&[dev, Cond::LexSarah, Cond::Ivo]),
        ),
        ("Personuppgiftsincidenter", false, None, Filter::new(&[pui])),
        (
            "varav anmälda till IMY",
            true,
            Some(Col::Imy),
            Filter::new(&[pui, Cond::Imy]),
        ),
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

    /// Counts of the records `f` selects per year of the window.
    pub fn counts(&self, needs: Option<Col>, f: &Filter) -> Vec<Option<i64>> {
        if needs.is_some_and(|c| !self.reg.has(c)) {
            return vec![None; self.years.len()];
        }
        let window = memo::Window {
            first: self.years.first().copied().unwrap_or(self.year),
            len: self.years.len(),
        };
        let counts = self.memo.counts(|| self.reg.records.iter(), window, f);
        self.years
            .iter()
            .zip(counts)
            .map(|(y, n)| self.data_years.contains(y).then_some(n))
            .collect()
    }

    /// A row of yearly counts of the records `f` selects, with change columns when the table
    /// has them.
    fn year_row(&self, label: &str, needs: Option<Col>, f: &Filter, with_change: bool) -> Row {
        let counts = self.counts(needs, f);
        let mut values: Vec<Value> = counts.iter().map(|c| Value::count_or_missing(*c)).collect();
        let mut sources: Vec<Option<Source>> = self
            .years
            .iter()
            .map(|&y| Some(Source::Count(f.and(Cond::Year(y)))))
            .collect();
        if with_change && self.has_previous() {
            let (old, new) = (counts[counts.len() - 2], counts[counts.len() - 1]);
            values.push(Value::change(old, new));
            values.push(Value::relative_change(old, new));
            let (old, new) = (f.and(Cond::Year(self.prev())), f.and(Cond::Year(self.year)));
            sources.push(Some(Source::Change {
                old: old.clone(),
                new: new.clone(),
            }));
            sources.push(Some(Source::RelativeChange { old, new }));
        }
        Row::new(label, values).sourced(sources)
    }

    pub(crate) fn span(&self) -> String {
        match self.years.first() {
            Some(&first) if first != self.year => format!("{first}–{}", self.year),
            _ => self.year.to_string(),
        }
    }

    pub(crate) fn end_of(&self, year: i32) -> NaiveDate {
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
    let dev = Filter::new(&[Cond::Kind(Kind::Deviation)]);
    vec![
        per_type(ctx),
        units::per_unit(
            ctx,
            "avvikelser_per_enhet",
            "Avvikelser per enhet",
            None,
            dev.clone(),
        ),
        units::per_unit(
            ctx,
            "lex_sarah_per_enhet",
            "Rapporter enligt lex Sarah per enhet",
            Some(Col::LexSarah),
            dev.and(Cond::LexSarah),
        ),
        per_month(ctx),
        assessments(ctx),
        labels(
            ctx,
            "bakomliggande_orsak",
            "Bakomliggande orsaker till avvikelser",
            "Bakomliggande orsak",
            Col::Causes,
        ),
        labels(
            ctx,
            "atgarder",
            "Åtgärder efter avvikelser",
            "Åtgärd",
            Col::Actions,
        ),
        lex_sarah_event_types(ctx),
        handling::per_year(ctx),
        handling::per_type(ctx),
        handling::open_at_year_end(ctx),
    ]
}

fn per_type(ctx: &Ctx<'_>) -> Table {
    let mut t = ctx.year_table(
        "rapporter_per_typ",
        format!("Inkomna rapporter per typ {}", ctx.span()),
        "Typ av rapport",
        true,
    );
    for (label, sub, needs, f) in type_rows() {
        let row = ctx.year_row(label, needs, &f, true);
        t.rows.push(row.sub_if(sub));
    }
    t.rows.push(
        ctx.year_row("Totalt", None, &Filter::default(), true)
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

fn per_month(ctx: &Ctx<'_>) -> Table {
    let y = ctx.year;
    let mut t = Table::new(
        "rapporter_per_manad",
        format!("Inkomna rapporter per månad {y}"),
        "Månad",
    );
    let dev = Cond::Kind(Kind::Deviation);
    let cols: Vec<(&str, Option<Col>, Filter)> = vec![
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
    for (title, _, _) in &cols {
        t = t.column(*title);
    }
    let mut grid = [[0i64; 6]; 12];
    for r in ctx.records().filter(|r| r.year == y) {
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
    for (m, name) in MONTHS.iter().enumerate() {
        let row = Row::new(*name, (0..6).map(|j| cell(j, grid[m][j])).collect());
        t.rows.push(row.sourced(sources(Some(m as u32 + 1))));
    }
    let totals = (0..6)
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

fn assessments(ctx: &Ctx<'_>) -> Table {
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

fn labels(ctx: &Ctx<'_>, key: &str, title: &str, label: &str, col: Col) -> Table {
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
