//! Key figures for the report's prose: this year's and last year's counts, the most common
//! causes and event types, handling time. Raw numbers only; wording lives in `render`.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::register_tables::{Ctx, LEX_MARIA, LEX_MARIA_IVO, type_rows};
use crate::base::Ratio;
use crate::model::register::Column as Col;
use crate::model::{Kind, Record};
use crate::text::swedish_sort_key;

/// A count this year and the year before (`None`: no data).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Pair {
    pub ar: Option<i64>,
    pub fg: Option<i64>,
}

/// A named count, e.g. a cause and how many reports named it.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Named {
    pub namn: String,
    pub antal: i64,
}

/// The figures templates may use. Field names are Swedish because templates are.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    pub ar: i32,
    /// The year before, when it is in the data.
    pub fg_ar: Option<i32>,
    pub klagomal: Pair,
    pub synpunkter: Pair,
    pub avvikelser: Pair,
    pub lex_sarah: Pair,
    pub ivo: Pair,
    pub personuppgiftsincidenter: Pair,
    pub imy: Pair,
    /// Lex Maria reports and those notified to IVO; `None` when the register has none.
    pub lex_maria: Option<Pair>,
    pub ivo_lex_maria: Option<Pair>,
    pub totalt: Pair,
    /// Lex Sarah reports this year judged serious (allvarligt missförhållande or påtaglig risk for it).
    pub allvarliga: Option<i64>,
    /// Causes named this year, most common first.
    pub orsaker: Vec<Named>,
    /// Actions taken this year, most common first.
    pub atgarder: Vec<Named>,
    /// Event types of this year's lex Sarah reports, most common first.
    pub handelsetyper_lex_sarah: Vec<Named>,
    /// Units with the most avvikelser this year.
    pub enheter: Vec<Named>,
    /// Median handling time in days of this year's reports.
    pub median_dagar: Option<Ratio>,
    /// Share of this year's reports closed by 31 December.
    pub andel_avslutade: Option<Ratio>,
    /// Reports not closed on 31 December.
    pub oppna_vid_arets_slut: Option<i64>,
    /// The median handling time is known but hidden: a part with too few reports.
    pub handlaggningstid_dold: bool,
}

pub fn compute(ctx: &Ctx<'_>) -> Figures {
    let pair_of = |v: Vec<Option<i64>>| {
        let n = v.len();
        Pair {
            ar: v[n - 1],
            fg: if n >= 2 { v[n - 2] } else { None },
        }
    };
    let rows = type_rows();
    let get = |label: &str| {
        let (_, _, needs, f) = rows.iter().find(|(l, ..)| *l == label).expect("known row");
        pair_of(ctx.counts(*needs, f))
    };
    let maria = ctx.has_lex_maria();
    let y = ctx.year;
    let this_year: Vec<&Record> = ctx.records_of(y).collect();
    let dev: Vec<&Record> = this_year
        .iter()
        .copied()
        .filter(|r| r.kind == Kind::Deviation)
        .collect();
    let end = NaiveDate::from_ymd_opt(y, 12, 31).expect("valid date");
    let has_closed = ctx.reg.has(Col::Closed);
    let mut days: Vec<i64> = this_year.iter().filter_map(|r| r.handling_days()).collect();
    days.sort_unstable();
    Figures {
        ar: y,
        fg_ar: ctx.data_years.contains(&(y - 1)).then_some(y - 1),
        klagomal: get("Klagomål"),
        synpunkter: get("Synpunkter"),
        avvikelser: get("Avvikelser"),
        lex_sarah: get("varav lex Sarah"),
        ivo: get("varav anmälda till IVO"),
        personuppgiftsincidenter: get("Personuppgiftsincidenter"),
        imy: get("varav anmälda till IMY"),
        lex_maria: maria.then(|| get(LEX_MARIA)),
        ivo_lex_maria: maria.then(|| get(LEX_MARIA_IVO)),
        totalt: pair_of(ctx.per_year(None, |_| true)),
        allvarliga: ctx.reg.has(Col::Assessment).then(|| {
            dev.iter()
                .filter(|r| r.lex_sarah && r.assessment.is_some_and(|a| a.is_serious()))
                .count() as i64
        }),
        orsaker: if ctx.reg.has(Col::Causes) {
            label_counts(&dev, &ctx.reg.causes, |r| r.causes)
        } else {
            Vec::new()
        },
        atgarder: if ctx.reg.has(Col::Actions) {
            label_counts(&dev, &ctx.reg.actions, |r| r.actions)
        } else {
            Vec::new()
        },
        handelsetyper_lex_sarah: ranked(
            dev.iter()
                .filter(|r| r.lex_sarah)
                .filter_map(|r| r.event_type.map(|s| ctx.reg.symbols.name(s))),
        ),
        enheter: ranked(
            dev.iter()
                .filter_map(|r| r.unit.map(|s| ctx.reg.symbols.name(s))),
        ),
        median_dagar: if has_closed {
            Ratio::median(&days)
        } else {
            None
        },
        andel_avslutade: if has_closed {
            Ratio::new(
                this_year.iter().filter(|r| r.closed_by(end)).count() as i128,
                this_year.len() as i128,
            )
        } else {
            None
        },
        oppna_vid_arets_slut: has_closed.then(|| {
            ctx.records()
                .filter(|r| r.year <= y && r.reported.is_none_or(|d| d <= end) && !r.closed_by(end))
                .count() as i64
        }),
        handlaggningstid_dold: false,
    }
}

fn label_counts(
    records: &[&Record],
    names: &[String],
    get: fn(&Record) -> crate::model::LabelSet,
) -> Vec<Named> {
    let mut out: Vec<Named> = names
        .iter()
        .enumerate()
        .map(|(i, n)| Named {
            namn: n.clone(),
            antal: records.iter().filter(|r| get(r).contains(i)).count() as i64,
        })
        .filter(|n| n.antal > 0)
        .collect();
    out.sort_by_key(|n| (-n.antal, swedish_sort_key(&n.namn)));
    out
}

fn ranked<'a>(names: impl Iterator<Item = &'a str>) -> Vec<Named> {
    let mut counts: BTreeMap<&str, i64> = BTreeMap::new();
    for n in names {
        *counts.entry(n).or_default() += 1;
    }
    let mut out: Vec<Named> = counts
        .into_iter()
        .map(|(n, c)| Named {
            namn: n.to_string(),
            antal: c,
        })
        .collect();
    out.sort_by_key(|n| (-n.antal, swedish_sort_key(&n.namn)));
    out
}
