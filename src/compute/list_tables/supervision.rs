//! IVO:s tillsyn and decisions of a year, one row each in date order, as the file has them.

use serde::Serialize;

use super::from_row;
use crate::base::Value;
use crate::compute::table::{Row, Table};
use crate::model::lists::{List, Supervision};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SupervisionFigures {
    pub antal: i64,
}

pub(super) fn build(list: &List<Supervision>, year: i32) -> Option<(Table, SupervisionFigures)> {
    use chrono::Datelike;
    let mut rows: Vec<&Supervision> = list.rows.iter().filter(|r| r.date.year() == year).collect();
    if rows.is_empty() {
        return None;
    }
    rows.sort_by_key(|r| (r.date, r.row));
    let file = list.file.as_str();
    let mut t = Table::new(
        "ivo_tillsyn",
        format!("IVO:s tillsyn och beslut {year}"),
        "Datum",
    )
    .text_column("Område")
    .text_column("Beslut")
    .text_column("Status");
    for r in &rows {
        let text = |t: &str| Value::Text {
            text: t.to_string(),
        };
        t.rows.push(
            Row::new(
                r.date.format("%Y-%m-%d").to_string(),
                vec![
                    text(&r.area),
                    text(&r.decision),
                    r.status.as_deref().map_or(Value::Missing, text),
                ],
            )
            .sourced(vec![
                from_row(file, "Område", r.row),
                from_row(file, "Beslut", r.row),
                from_row(file, "Status", r.row),
            ]),
        );
    }
    t.source = format!(
        "Inspektionen för vård och omsorg (IVO), beslut som verksamheten har fått ({file})"
    );
    Some((
        t,
        SupervisionFigures {
            antal: rows.len() as i64,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn the_year_in_date_order() {
        let s = |row, m, area: &str| Supervision {
            row,
            date: NaiveDate::from_ymd_opt(2025, m, 1).unwrap(),
            area: area.into(),
            decision: "Kritik".into(),
            status: None,
        };
        let list = List {
            rows: vec![
                s(2, 9, "Hemtjänst"),
                s(3, 3, "LSS-boende"),
                Supervision {
                    date: NaiveDate::from_ymd_opt(2024, 5, 1).unwrap(),
                    ..s(4, 1, "X")
                },
            ],
            file: "ivo_tillsyn.csv".into(),
            ..List::default()
        };
        let (t, f) = build(&list, 2025).unwrap();
        assert_eq!(f.antal, 2);
        assert_eq!(t.rows[0].label, "2025-03-01");
        assert_eq!(
            t.rows[0].values[0],
            Value::Text {
                text: "LSS-boende".into()
            }
        );
        assert_eq!(t.rows[1].values[2], Value::Missing);
    }
}
