//! Ej verkställda beslut of a year: per reporting quarter, per insats and law, how many days
//! have passed since the decision, and which were carried out or ended during the year.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::{from_rows, rows_text};
use crate::base::{Ratio, Value};
use crate::compute::figures::Named;
use crate::compute::table::{Row, Table};
use crate::compute::trace::Source;
use crate::model::lists::{Decision, Law, List};

/// The figures the section's prose uses.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DecisionFigures {
    /// Distinct decisions reported during the year, and per law.
    pub beslut: i64,
    pub sol: i64,
    pub lss: i64,
    /// Reports (a decision once per quarter it was reported in).
    pub rapporteringar: i64,
    pub verkstallda: i64,
    pub avslutade: i64,
    /// Not carried out or ended by 31 December.
    pub ej_verkstallda: i64,
    pub sarskild_avgift: i64,
    /// Median days from the decision to it being carried out or ended, or to 31 December.
    pub median_dagar: Option<Ratio>,
    /// Insatser, most decisions first.
    pub insatser: Vec<Named>,
}

/// One decision over the quarters it was reported in during the year.
struct Merged<'a> {
    first: &'a Decision,
    rows: Vec<u32>,
    done: Option<NaiveDate>,
    ended: Option<NaiveDate>,
    fee: bool,
    reason: Option<&'a str>,
}

fn merge<'a>(rows: &[&'a Decision]) -> Vec<Merged<'a>> {
    let mut by_key: BTreeMap<_, Merged<'a>> = BTreeMap::new();
    for d in rows {
        let m = by_key.entry(d.key()).or_insert_with(|| Merged {
            first: d,
            rows: Vec::new(),
            done: None,
            ended: None,
            fee: false,
            reason: None,
        });
        m.rows.push(d.row);
        m.done = earliest(m.done, d.done);
        m.ended = earliest(m.ended, d.ended);
        m.fee |= d.fee.is_some();
        if d.reason.is_some() {
            m.reason = d.reason.as_deref();
        }
    }
    by_key.into_values().collect()
}

fn earliest(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

impl Merged<'_> {
    fn law(&self) -> Law {
        self.first.law
    }

    /// The day it was carried out or ended, when by `end`.
    fn closed_by(&self, end: NaiveDate) -> Option<NaiveDate> {
        earliest(self.done, self.ended).filter(|d| *d <= end)
    }

    fn done_in(&self, start: NaiveDate, end: NaiveDate) -> bool {
        self.done.is_some_and(|d| d >= start && d <= end)
    }

    /// Ended without being carried out, during the year.
    fn ended_in(&self, start: NaiveDate, end: NaiveDate) -> bool {
        self.ended.is_some_and(|d| d >= start && d <= end)
            && self
                .done
                .is_none_or(|d| d > end || d > self.ended.unwrap_or(d))
    }

    fn days(&self, end: NaiveDate) -> i64 {
        (self.closed_by(end).unwrap_or(end) - self.first.decided).num_days()
    }
}

const LAW_COLUMNS: [&str; 3] = ["SoL", "LSS", "Totalt"];

fn law_table(key: &str, title: String, label: &str) -> Table {
    let mut t = Table::new(key, title, label);
    for c in LAW_COLUMNS {
        t = t.column(c);
    }
    t
}

/// A row of counts per law and in total of `items`, each with the rows it stands for.
fn law_row<T>(
    label: &str,
    items: &[T],
    law: impl Fn(&T) -> Law,
    rows: impl Fn(&T) -> Vec<u32>,
    file: &str,
    what: &str,
) -> Row {
    let mut values = Vec::new();
    let mut sources = Vec::new();
    for pick in [Some(Law::Sol), Some(Law::Lss), None] {
        let chosen: Vec<&T> = items
            .iter()
            .filter(|i| pick.is_none_or(|p| law(i) == p))
            .collect();
        values.push(Value::count(chosen.len() as i64));
        let all_rows: Vec<u32> = chosen.iter().flat_map(|i| rows(i)).collect();
        let law_words = pick.map_or(String::new(), |p| format!(" enligt {}", p.name()));
        sources.push(from_rows(file, &format!("{what}{law_words}"), &all_rows));
    }
    Row::new(label, values).sourced(sources)
}

pub(super) fn build(list: &List<Decision>, year: i32) -> Option<(Vec<Table>, DecisionFigures)> {
    let of_year: Vec<&Decision> = list.rows.iter().filter(|d| d.quarter.0 == year).collect();
    if of_year.is_empty() {
        return None;
    }
    let file = list.file.as_str();
    let start = NaiveDate::from_ymd_opt(year, 1, 1).expect("1 January exists");
    let end = NaiveDate::from_ymd_opt(year, 12, 31).expect("31 December exists");
    let source = format!("Verksamhetens rapportering av ej verkställda beslut till IVO ({file})");

    // Per quarter: a decision once per quarter it was reported in.
    let mut per_quarter = law_table(
        "ej_verkstallda_per_kvartal",
        format!("Ej verkställda beslut per rapporteringskvartal {year}"),
        "Kvartal",
    );
    for q in 1..=4 {
        let items: Vec<&Decision> = of_year
            .iter()
            .copied()
            .filter(|d| d.quarter.1 == q)
            .collect();
        per_quarter.rows.push(law_row(
            &format!("Kvartal {q}"),
            &items,
            |d| d.law,
            |d| vec![d.row],
            file,
            &format!("antalet rader med kvartal {year} K{q}"),
        ));
    }
    per_quarter.rows.push(
        law_row(
            "Totalt",
            &of_year,
            |d| d.law,
            |d| vec![d.row],
            file,
            &format!("antalet rader med kvartal under {year}"),
        )
        .total(),
    );
    per_quarter.notes.push("Ett beslut som inte har verkställts inom tre månader rapporteras varje kvartal tills det har verkställts eller avslutats, och räknas här en gång per kvartal.".into());
    per_quarter.source = source.clone();

    let merged = merge(&of_year);
    let rows_of = |m: &&Merged<'_>| m.rows.clone();
    let law_of = |m: &&Merged<'_>| m.law();

    // Per insats: each decision once.
    let mut by_service: BTreeMap<&str, Vec<&Merged<'_>>> = BTreeMap::new();
    for m in &merged {
        by_service
            .entry(m.first.service.as_str())
            .or_default()
            .push(m);
    }
    let mut services: Vec<(&str, Vec<&Merged<'_>>)> = by_service.into_iter().collect();
    services.sort_by(|a, b| {
        b.1.len().cmp(&a.1.len()).then_with(|| {
            crate::text::swedish_sort_key(a.0).cmp(&crate::text::swedish_sort_key(b.0))
        })
    });
    let mut per_service = law_table(
        "ej_verkstallda_per_insats",
        format!("Ej verkställda beslut per insats {year}"),
        "Insats",
    );
    for (service, items) in &services {
        per_service.rows.push(law_row(
            service,
            items,
            law_of,
            rows_of,
            file,
            &format!("antalet beslut om {service} som rapporterades under {year}"),
        ));
    }
    let all: Vec<&Merged<'_>> = merged.iter().collect();
    per_service.rows.push(
        law_row(
            "Totalt",
            &all,
            law_of,
            rows_of,
            file,
            &format!("antalet beslut som rapporterades under {year}"),
        )
        .total(),
    );
    per_service.notes.push("Varje beslut räknas en gång, även om det har rapporterats flera kvartal. Beslut utan Id känns igen på beslutsdatum, lag och insats.".into());
    per_service.source = source.clone();

    // Outcome: carried out, ended, still waiting; särskild avgift; days since the decision.
    let pick = |f: &dyn Fn(&Merged<'_>) -> bool| -> Vec<&Merged<'_>> {
        merged.iter().filter(|m| f(m)).collect()
    };
    let done = pick(&|m| m.done_in(start, end));
    let ended = pick(&|m| m.ended_in(start, end));
    let waiting = pick(&|m| m.closed_by(end).is_none());
    let fee = pick(&|m| m.fee);
    let mut outcome = law_table(
        "ej_verkstallda_utfall",
        format!("Ej verkställda beslut {year}: utfall och dagar sedan beslutet"),
        "Beslut",
    );
    outcome.rows.push(law_row(
        "Rapporterade under året",
        &all,
        law_of,
        rows_of,
        file,
        &format!("antalet beslut som rapporterades under {year}"),
    ));
    for (label, items, what) in [
        (
            "varav verkställda under året",
            &done,
            "som har ett datum i Verkställt under året",
        ),
        (
            "varav avslutade utan verkställighet under året",
            &ended,
            "som har ett datum i Avslutat under året och inte verkställdes före det",
        ),
        (
            "varav inte verkställda den 31 december",
            &waiting,
            "utan datum i Verkställt eller Avslutat till och med 31 december",
        ),
        (
            "varav med särskild avgift",
            &fee,
            "där Särskild avgift är Ja eller ett belopp",
        ),
    ] {
        outcome.rows.push(
            law_row(
                label,
                items,
                law_of,
                rows_of,
                file,
                &format!("antalet beslut {what}"),
            )
            .sub(),
        );
    }
    let mut median_values = Vec::new();
    let mut median_sources = Vec::new();
    let mut median_all = None;
    for pick in [Some(Law::Sol), Some(Law::Lss), None] {
        let chosen: Vec<&Merged<'_>> = merged
            .iter()
            .filter(|m| pick.is_none_or(|p| m.law() == p))
            .collect();
        let mut days: Vec<i64> = chosen.iter().map(|m| m.days(end)).collect();
        days.sort_unstable();
        let median = Ratio::median(&days);
        if pick.is_none() {
            median_all = median;
        }
        median_values.push(median.map_or(Value::Missing, |r| Value::Days { r, decimals: 0 }));
        let rows: Vec<u32> = chosen.iter().flat_map(|m| m.rows.clone()).collect();
        median_sources.push(Some(Source::Imported(format!(
            "beräknat ur {file}: medianen av antalet dagar från Beslutsdatum till Verkställt eller Avslutat, eller till 31 december {year} om inget av dem finns{} ({})",
            pick.map_or(String::new(), |p| format!(", beslut enligt {}", p.name())),
            rows_text(&rows)
        ))));
    }
    outcome
        .rows
        .push(Row::new("Dagar från beslut (median)", median_values).sourced(median_sources));
    outcome.notes.push(format!("Dagar från beslut räknas till dagen då beslutet verkställdes eller avslutades, eller till den 31 december {year} för beslut som då ännu inte hade verkställts."));
    outcome.source = source.clone();

    let mut tables = vec![per_quarter, per_service, outcome];
    let mut by_reason: BTreeMap<&str, Vec<&Merged<'_>>> = BTreeMap::new();
    for m in &merged {
        if let Some(r) = m.reason {
            by_reason.entry(r).or_default().push(m);
        }
    }
    if !by_reason.is_empty() {
        let mut reasons = law_table(
            "ej_verkstallda_orsak",
            format!("Ej verkställda beslut per orsak till dröjsmålet {year}"),
            "Orsak",
        );
        let mut ordered: Vec<(&str, Vec<&Merged<'_>>)> = by_reason.into_iter().collect();
        ordered.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(b.0)));
        for (reason, items) in &ordered {
            reasons.rows.push(law_row(
                reason,
                items,
                law_of,
                rows_of,
                file,
                &format!("antalet beslut med orsaken {reason}"),
            ));
        }
        let without: Vec<&Merged<'_>> = merged.iter().filter(|m| m.reason.is_none()).collect();
        if !without.is_empty() {
            reasons.rows.push(law_row(
                "Orsak saknas",
                &without,
                law_of,
                rows_of,
                file,
                "antalet beslut utan orsak",
            ));
        }
        reasons.source = source;
        tables.push(reasons);
    }
    let count_law = |l: Law| merged.iter().filter(|m| m.law() == l).count() as i64;
    let figures = DecisionFigures {
        beslut: merged.len() as i64,
        sol: count_law(Law::Sol),
        lss: count_law(Law::Lss),
        rapporteringar: of_year.len() as i64,
        verkstallda: done.len() as i64,
        avslutade: ended.len() as i64,
        ej_verkstallda: waiting.len() as i64,
        sarskild_avgift: fee.len() as i64,
        median_dagar: median_all,
        insatser: services
            .iter()
            .map(|(s, items)| Named {
                namn: s.to_string(),
                antal: items.len() as i64,
            })
            .collect(),
    };
    Some((tables, figures))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::lists::List;

    fn d(row: u32, id: &str, law: Law, service: &str, quarter: (i32, u32)) -> Decision {
        Decision {
            row,
            id: Some(id.into()),
            decided: NaiveDate::from_ymd_opt(2024, 11, 1).unwrap(),
            law,
            service: service.into(),
            quarter,
            done: None,
            ended: None,
            reason: None,
            fee: None,
        }
    }

    fn list(rows: Vec<Decision>) -> List<Decision> {
        List {
            rows,
            file: "ej_verkstallda.csv".into(),
            ..List::default()
        }
    }

    fn cell<'t>(tables: &'t [Table], key: &str, row: &str, col: usize) -> &'t Value {
        let t = tables.iter().find(|t| t.key == key).unwrap();
        &t.rows.iter().find(|r| r.label == row).unwrap().values[col]
    }

    #[test]
    fn a_decision_counts_once_per_quarter_and_once_per_insats() {
        let mut a2 = d(3, "A", Law::Sol, "Kontaktfamilj", (2025, 2));
        a2.done = NaiveDate::from_ymd_opt(2025, 5, 20);
        let mut c = d(5, "C", Law::Lss, "Ledsagarservice", (2025, 1));
        c.ended = NaiveDate::from_ymd_opt(2025, 2, 1);
        c.fee = Some(Some(20_000.0));
        let rows = vec![
            d(2, "A", Law::Sol, "Kontaktfamilj", (2025, 1)),
            a2,
            d(4, "B", Law::Sol, "Kontaktperson", (2025, 1)),
            c,
            d(6, "D", Law::Sol, "Kontaktfamilj", (2024, 4)),
        ];
        let (t, f) = build(&list(rows), 2025).unwrap();
        assert_eq!(
            *cell(&t, "ej_verkstallda_per_kvartal", "Kvartal 1", 0),
            Value::count(2)
        );
        assert_eq!(
            *cell(&t, "ej_verkstallda_per_kvartal", "Kvartal 1", 1),
            Value::count(1)
        );
        assert_eq!(
            *cell(&t, "ej_verkstallda_per_kvartal", "Kvartal 2", 2),
            Value::count(1)
        );
        assert_eq!(
            *cell(&t, "ej_verkstallda_per_kvartal", "Totalt", 2),
            Value::count(4)
        );
        assert_eq!(
            *cell(&t, "ej_verkstallda_per_insats", "Kontaktfamilj", 2),
            Value::count(1)
        );
        assert_eq!(
            *cell(&t, "ej_verkstallda_per_insats", "Totalt", 2),
            Value::count(3)
        );
        assert_eq!(f.beslut, 3);
        assert_eq!((f.sol, f.lss), (2, 1));
        assert_eq!(f.verkstallda, 1);
        assert_eq!(f.avslutade, 1);
        assert_eq!(f.ej_verkstallda, 1);
        assert_eq!(f.sarskild_avgift, 1);
        // Days: A 2024-11-01 → 2025-05-20 = 200, B → 2025-12-31 = 425, C → 2025-02-01 = 92.
        assert_eq!(f.median_dagar, Ratio::new(200, 1));
        let t_quarter = t
            .iter()
            .find(|t| t.key == "ej_verkstallda_per_kvartal")
            .unwrap();
        let Some(Source::Imported(s)) = t_quarter.rows[0].source(0) else {
            panic!("a source")
        };
        assert_eq!(
            s,
            "beräknat ur ej_verkstallda.csv: antalet rader med kvartal 2025 K1 enligt SoL (raderna 2 och 4)"
        );
        assert!(build(&list(vec![d(2, "A", Law::Sol, "X", (2023, 1))]), 2025).is_none());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 48,
            failure_persistence: None,
            ..proptest::prelude::ProptestConfig::default()
        })]

        /// Per quarter counts rows and per insats counts decisions: the quarters sum to the
        /// rows of the year, the insatser to the distinct decisions, and SoL plus LSS to the total.
        #[test]
        fn the_totals_add_up(rows in proptest::collection::vec((0u8..6, 0u8..2, 0u8..3, 1u32..=4), 1..30)) {
            let decisions: Vec<Decision> = rows
                .iter()
                .enumerate()
                .map(|(i, &(id, law, service, q))| {
                    let law = if law == 0 { Law::Sol } else { Law::Lss };
                    d(i as u32 + 2, &format!("{id}-{law:?}"), law, ["A", "B", "C"][service as usize], (2025, q))
                })
                .collect();
            let distinct: std::collections::BTreeSet<(u8, u8)> = rows.iter().map(|r| (r.0, r.1)).collect();
            let (t, f) = build(&list(decisions), 2025).unwrap();
            let total = |key: &str, col: usize| cell(&t, key, "Totalt", col).as_f64().unwrap() as usize;
            let quarter_sum: usize = (1..=4)
                .map(|q| cell(&t, "ej_verkstallda_per_kvartal", &format!("Kvartal {q}"), 2).as_f64().unwrap() as usize)
                .sum();
            proptest::prop_assert_eq!(quarter_sum, rows.len());
            proptest::prop_assert_eq!(total("ej_verkstallda_per_kvartal", 2), rows.len());
            proptest::prop_assert_eq!(total("ej_verkstallda_per_insats", 2), f.beslut as usize);
            for key in ["ej_verkstallda_per_kvartal", "ej_verkstallda_per_insats"] {
                proptest::prop_assert_eq!(total(key, 0) + total(key, 1), total(key, 2));
            }
            // A decision with one Id keeps the insats of its first row; distinct Ids are decisions.
            proptest::prop_assert_eq!(f.beslut as usize, distinct.len());
            proptest::prop_assert_eq!(f.sol + f.lss, f.beslut);
        }
    }
}
