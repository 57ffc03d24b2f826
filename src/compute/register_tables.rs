//! The annex tables computed from the register (the Huddinge seed's "Avvikelsearbetet" is the
//! model): reports per type and year, per unit, per month, assessments, causes and actions,
//! lex Sarah event types, handling times and reports still open at year end.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::table::{Row, Table};
use super::trace::{Cond, Filter, Source};
use crate::base::Rule;
use crate::base::Value;
use crate::model::register::Column as Col;
use crate::model::{Kind, Record, Register, Sym};
use categories::{assessments, labels, lex_sarah_event_types};
use months::per_month;

pub mod across;
mod categories;
mod handling;
pub mod memo;
mod months;
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

/// The row of lex Maria reports, shown only when the register has any (a nämnd with health care).
pub const LEX_MARIA: &str = "Lex Maria";
/// The lex Maria reports notified to IVO.
pub const LEX_MARIA_IVO: &str = "varav lex Maria anmälda till IVO";

/// The report types as rows: label, whether a "varav" row, which column it needs, filter.
pub fn type_rows() -> Vec<(&'static str, bool, Option<Col>, Filter)> {
    let dev = Cond::Kind(Kind::Deviation);
    let pui = Cond::Kind(Kind::DataBreach);
    let maria = Cond::Kind(Kind::LexMaria);
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
        (LEX_MARIA, false, None, Filter::new(&[maria])),
        (
            LEX_MARIA_IVO,
            true,
            Some(Col::Ivo),
            Filter::new(&[maria, Cond::Ivo]),
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
    /// The report types shown: without the lex Maria rows when the register has no lex Maria
    /// report in any year.
    pub fn shown_type_rows(&self) -> Vec<(&'static str, bool, Option<Col>, Filter)> {
        let maria = self.records().any(|r| r.kind == Kind::LexMaria);
        type_rows()
            .into_iter()
            .filter(|(label, ..)| maria || (*label != LEX_MARIA && *label != LEX_MARIA_IVO))
            .collect()
    }

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
    for (label, sub, needs, f) in ctx.shown_type_rows() {
        let row = ctx.year_row(label, needs, &f, true);
        t.rows.push(row.sub_if(sub));
    }
    t.rows.push(
        ctx.year_row("Totalt", None, &Filter::default(), true)
            .total(),
    );
    t.notes.push(format!(
        "Rapporterna förs till år efter {}. Rapporter enligt lex Sarah är avvikelser som efter utredning bedömts som missförhållanden eller påtaglig risk för missförhållanden; de ingår i antalet avvikelser.{}",
        basis_words(ctx),
        if t.rows.iter().any(|r| r.label == LEX_MARIA) {
            " Lex Maria avser händelser i hälso- och sjukvården som har utretts för anmälan till IVO."
        } else {
            ""
        }
    ));
    t.source = SOURCE.into();
    t
}

pub(super) fn basis_words(ctx: &Ctx<'_>) -> &'static str {
    ctx.basis
}
