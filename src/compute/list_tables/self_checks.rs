//! Egenkontroller of a year per area: planned, done (and the share of planned), with
//! shortcomings and with åtgärder, and a total.

use serde::Serialize;

use super::{from_row, from_rows};
use crate::base::Value;
use crate::compute::table::{Row, Table};
use crate::model::lists::self_checks::COLUMNS;
use crate::model::lists::{List, SelfCheck};

/// The year's totals for the prose; `None` where no area gave the count.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SelfCheckFigures {
    pub omraden: i64,
    pub planerade: Option<i64>,
    pub genomforda: Option<i64>,
    pub med_brister: Option<i64>,
    pub med_atgarder: Option<i64>,
}

fn sum(rows: &[&SelfCheck], i: usize) -> Option<i64> {
    rows.iter().filter_map(|r| r.counts[i]).reduce(|a, b| a + b)
}

pub(super) fn build(list: &List<SelfCheck>, year: i32) -> Option<(Table, SelfCheckFigures)> {
    let mut rows: Vec<&SelfCheck> = list.rows.iter().filter(|r| r.year == year).collect();
    if rows.is_empty() {
        return None;
    }
    rows.sort_by_key(|r| crate::text::swedish_sort_key(&r.area));
    let file = list.file.as_str();
    let mut t = Table::new(
        "egenkontroll",
        format!("Egenkontroller per område {year}"),
        "Område",
    )
    .column("Planerade")
    .column("Genomförda")
    .column("Andel genomförda")
    .column("Med brister")
    .column("Med åtgärder");
    let share = |done: Option<i64>, planned: Option<i64>| match (done, planned) {
        (Some(d), Some(p)) => Value::share(d, p, 0),
        _ => Value::Missing,
    };
    for r in &rows {
        let [planned, done, findings, actions] = r.counts;
        let values = vec![
            Value::count_or_missing(planned),
            Value::count_or_missing(done),
            share(done, planned),
            Value::count_or_missing(findings),
            Value::count_or_missing(actions),
        ];
        let sources = vec![
            from_row(file, COLUMNS[0], r.row),
            from_row(file, COLUMNS[1], r.row),
            from_rows(file, "Genomförda delat med Planerade", &[r.row]),
            from_row(file, COLUMNS[2], r.row),
            from_row(file, COLUMNS[3], r.row),
        ];
        t.rows
            .push(Row::new(r.area.clone(), values).sourced(sources));
    }
    let totals: Vec<Option<i64>> = (0..4).map(|i| sum(&rows, i)).collect();
    let lines: Vec<u32> = rows.iter().map(|r| r.row).collect();
    let both: Vec<u32> = rows
        .iter()
        .filter(|r| r.counts[0].is_some() && r.counts[1].is_some())
        .map(|r| r.row)
        .collect();
    let planned_of_both = rows
        .iter()
        .filter(|r| r.counts[1].is_some())
        .filter_map(|r| r.counts[0])
        .reduce(|a, b| a + b);
    let done_of_both = rows
        .iter()
        .filter(|r| r.counts[0].is_some())
        .filter_map(|r| r.counts[1])
        .reduce(|a, b| a + b);
    let total_sum = |i: usize| {
        from_rows(
            file,
            &format!("summan av {} för {year}", COLUMNS[i]),
            &lines,
        )
    };
    t.rows.push(
        Row::new(
            "Totalt",
            vec![
                Value::count_or_missing(totals[0]),
                Value::count_or_missing(totals[1]),
                share(done_of_both, planned_of_both),
                Value::count_or_missing(totals[2]),
                Value::count_or_missing(totals[3]),
            ],
        )
        .sourced(vec![
            total_sum(0),
            total_sum(1),
            from_rows(
                file,
                "summan av Genomförda delat med summan av Planerade, för områden som har båda",
                &both,
            ),
            total_sum(2),
            total_sum(3),
        ])
        .total(),
    );
    t.notes.push("Med brister: egenkontroller som visade brister eller avvikelser. Med åtgärder: egenkontroller som ledde till åtgärder. Tom cell (–): uppgiften finns inte i underlaget.".into());
    t.source = format!("Verksamhetens egenkontroller ({file})");
    let figures = SelfCheckFigures {
        omraden: rows.len() as i64,
        planerade: totals[0],
        genomforda: totals[1],
        med_brister: totals[2],
        med_atgarder: totals[3],
    };
    Some((t, figures))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(row: u32, area: &str, year: i32, counts: [Option<i64>; 4]) -> SelfCheck {
        SelfCheck {
            row,
            area: area.into(),
            year,
            counts,
        }
    }

    #[test]
    fn areas_of_the_year_with_a_total_and_the_share_done() {
        let list = List {
            rows: vec![
                check(2, "Läkemedel", 2025, [Some(4), Some(3), Some(1), Some(1)]),
                check(
                    3,
                    "Dokumentation",
                    2025,
                    [Some(10), Some(10), Some(4), None],
                ),
                check(4, "Dokumentation", 2024, [Some(8), Some(2), None, None]),
                check(5, "Hygien", 2025, [None, Some(2), Some(0), Some(0)]),
            ],
            file: "egenkontroll.xlsx".into(),
            ..List::default()
        };
        let (t, f) = build(&list, 2025).unwrap();
        let labels: Vec<&str> = t.rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(labels, ["Dokumentation", "Hygien", "Läkemedel", "Totalt"]);
        let total = t.rows.last().unwrap();
        assert_eq!(total.values[0], Value::count(14));
        assert_eq!(total.values[1], Value::count(15));
        // 13 of 14 planned among the areas that have both.
        assert_eq!(total.values[2], Value::share(13, 14, 0));
        assert_eq!(total.values[4], Value::count(1));
        assert_eq!(t.rows[1].values[2], Value::Missing);
        assert_eq!(f.genomforda, Some(15));
        assert_eq!(f.omraden, 3);
        assert!(build(&list, 2023).is_none());
    }
}
