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
use crate::model::register::own_tables::{Axis, OwnTable};
use crate::model::{Dim, Kind, Record, Register, Sym};
use categories::{assessments, labels, lex_sarah_event_types};
use months::per_month;

pub mod across;
mod categories;
mod dims;
mod event_types;
mod handling;
pub mod memo;
mod months;
mod own;
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
        let maria = self.has_lex_maria();
        type_rows()
            .into_iter()
            .filter(|(label, ..)| maria || (*label != LEX_MARIA && *label != LEX_MARIA_IVO))
            .collect()
    }

    /// Whether the register has a lex Maria report in any year: its rows and figures are
    /// shown only then.
    pub fn has_lex_maria(&self) -> bool {
        self.records().any(|r| r.kind == Kind::LexMaria)
    }

    pub fn records(&self) -> impl Iterator<Item = &Record> {
        self.reg.records.iter()
    }

    /// The records of `year`, in register order: what every filter on that year looks at.
    pub fn records_of(&self, year: i32) -> impl Iterator<Item = &Record> {
        let records = &self.reg.records;
        self.memo
            .of_year(records, year)
            .iter()
            .map(move |&i| &records[i as usize])
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
        let counts = self
            .memo
            .counts(|| self.reg.records.iter(), self.window(), f);
        self.years
            .iter()
            .zip(counts)
            .map(|(y, n)| self.data_years.contains(y).then_some(n))
            .collect()
    }

    /// Every value of the per-value condition `probe` among the records `base` selects, with
    /// its raw counts per year of the window.
    pub fn per_value(&self, base: &Filter, probe: Cond) -> Vec<(Cond, Vec<i64>)> {
        self.memo
            .per_value(|| self.reg.records.iter(), self.window(), base, probe)
    }

    fn window(&self) -> memo::Window {
        memo::Window {
            first: self.years.first().copied().unwrap_or(self.year),
            len: self.years.len(),
        }
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

/// The tables built so far, and a sentence for each left out for a missing column.
#[derive(Default)]
struct Built {
    tables: Vec<Table>,
    left_out: Vec<String>,
}

impl Built {
    /// Adds the table `build` makes when the register has every column in `needs`; else, when
    /// `title` is given, says in one sentence that the table is left out and why.
    fn add(
        &mut self,
        ctx: &Ctx<'_>,
        needs: &[Col],
        title: Option<&str>,
        build: impl FnOnce() -> Option<Table>,
    ) {
        let missing: Vec<&str> = needs
            .iter()
            .filter(|c| !ctx.reg.has(**c))
            .map(|c| c.name())
            .collect();
        if missing.is_empty() {
            self.tables.extend(build());
        } else if let Some(title) = title {
            let columns = match missing.as_slice() {
                [one] => format!("kolumnen {one}"),
                [rest @ .., last] => format!("kolumnerna {} och {last}", rest.join(", ")),
                [] => unreachable!("missing is not empty"),
            };
            self.left_out.push(format!(
                "{title} redovisas inte, eftersom registret saknar {columns}."
            ));
        }
    }
}

/// All register tables in annex order, and one sentence for each table left out because the
/// register lacks a column it needs.
pub fn all(ctx: &Ctx<'_>, own: &[OwnTable]) -> (Vec<Table>, Vec<String>) {
    let dev = Filter::new(&[Cond::Kind(Kind::Deviation)]);
    let mut b = Built::default();
    let (unit, lex, event) = (Col::Unit, Col::LexSarah, Col::EventType);
    b.add(ctx, &[], None, || Some(per_type(ctx)));
    let title = "Avvikelser per händelsetyp";
    b.add(ctx, &[event], Some(title), || {
        event_types::per_event_type(
            ctx,
            "avvikelser_per_handelsetyp",
            title,
            "Händelsetyp",
            Kind::Deviation,
        )
    });
    let title = "Avvikelser per enhet";
    b.add(ctx, &[unit], Some(title), || {
        Some(units::per_unit(
            ctx,
            "avvikelser_per_enhet",
            title,
            None,
            dev.clone(),
        ))
    });
    let title = "Rapporter enligt lex Sarah per enhet";
    b.add(ctx, &[unit, lex], Some(title), || {
        let f = dev.and(Cond::LexSarah);
        Some(units::per_unit(
            ctx,
            "lex_sarah_per_enhet",
            title,
            Some(lex),
            f,
        ))
    });
    for d in Dim::ALL {
        b.add(ctx, &[Col::Dim(d)], None, || Some(dims::per_value(ctx, d)));
        b.add(ctx, &[Col::Dim(d), event], None, || {
            dims::by_event_type(ctx, d)
        });
    }
    b.add(ctx, &[], None, || Some(per_month(ctx)));
    b.add(
        ctx,
        &[Col::Assessment],
        Some("Avvikelser efter bedömning"),
        || Some(assessments(ctx)),
    );
    let title = "Bakomliggande orsaker till avvikelser";
    b.add(ctx, &[Col::Causes], Some(title), || {
        Some(labels(
            ctx,
            "bakomliggande_orsak",
            title,
            "Bakomliggande orsak",
            Col::Causes,
        ))
    });
    let title = "Åtgärder efter avvikelser";
    b.add(ctx, &[Col::Actions], Some(title), || {
        Some(labels(ctx, "atgarder", title, "Åtgärd", Col::Actions))
    });
    b.add(
        ctx,
        &[lex, event],
        Some("Rapporter enligt lex Sarah efter händelsetyp"),
        || Some(lex_sarah_event_types(ctx)),
    );
    let closed = [Col::Closed];
    b.add(ctx, &closed, Some("Handläggningstid per år"), || {
        Some(handling::per_year(ctx))
    });
    b.add(
        ctx,
        &closed,
        Some("Handläggningstid per typ av rapport"),
        || Some(handling::per_type(ctx)),
    );
    b.add(
        ctx,
        &closed,
        Some("Rapporter som inte var avslutade vid årets slut"),
        || Some(handling::open_at_year_end(ctx)),
    );
    b.add(ctx, &[event], None, || {
        event_types::per_event_type(
            ctx,
            "klagomal_per_kategori",
            "Klagomål per kategori",
            "Kategori",
            Kind::Complaint,
        )
    });
    b.add(ctx, &[event], None, || {
        event_types::per_event_type(
            ctx,
            "synpunkter_per_kategori",
            "Synpunkter per kategori",
            "Kategori",
            Kind::Comment,
        )
    });
    b.add(ctx, &[], None, || event_types::comment_kinds(ctx));
    for def in own {
        let mut axes = vec![def.rows, def.columns];
        axes.extend(def.filter.iter().map(|(a, _)| *a));
        let needs: Vec<Col> = axes.into_iter().filter_map(axis_column).collect();
        let mut why = None;
        b.add(ctx, &needs, Some(&def.title), || {
            match own::own_table(ctx, def) {
                Ok(t) => Some(t),
                Err(sentence) => {
                    why = Some(sentence);
                    None
                }
            }
        });
        b.left_out.extend(why);
    }
    (b.tables, b.left_out)
}

/// The register column an own table's axis needs, if any.
fn axis_column(a: Axis) -> Option<Col> {
    Some(match a {
        Axis::Year | Axis::Month | Axis::Kind => return None,
        Axis::Department => Col::Department,
        Axis::Unit => Col::Unit,
        Axis::EventType => Col::EventType,
        Axis::Assessment => Col::Assessment,
        Axis::Dim(d) => Col::Dim(d),
        Axis::LexSarah => Col::LexSarah,
        Axis::Ivo => Col::Ivo,
        Axis::Imy => Col::Imy,
    })
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
