//! The survey tables of the response: urval, antal svar and svarsfrekvens per survey area and
//! year, and the summary of andel positiva per area.

use super::{answers, imported, positive_source, rate, share};
use crate::base::Value;
use crate::compute::survey::SurveyResult;
use crate::compute::table::{Row, Table};
use crate::text::fold;

pub(super) fn response_table(areas: &[Vec<SurveyResult>], year: i32) -> Table {
    let mut t = Table::new(
        "brukar_svarsfrekvens",
        format!("Brukarundersökningar {year}: urval, antal svar och svarsfrekvens"),
        "Undersökning",
    )
    .column("Urval")
    .column("Antal svar")
    .column("Svarsfrekvens");
    let mut sum = (Some(0i64), Some(0i64));
    for area in areas {
        let r = area.last().expect("non-empty");
        let label = if r.year == year {
            r.name.clone()
        } else {
            format!("{} ({})", r.name, r.year)
        };
        let what = format!("brukarundersökningen {} {}", r.name, r.year);
        let sources = vec![
            imported(format!("urvalet i {what}, enligt underlaget")),
            imported(format!(
                "antal svar i {what}, enligt underlaget (eller det största antalet svar på någon fråga)"
            )),
            r.respondents
                .and_then(|n| answers(n, r.sample, format!("antal svar av urvalet i {what}"))),
        ];
        t.rows.push(
            Row::new(
                label,
                vec![
                    Value::count_or_missing(r.sample),
                    Value::count_or_missing(r.respondents),
                    rate(r),
                ],
            )
            .sourced(sources),
        );
        sum.0 = sum.0.zip(r.sample).map(|(a, b)| a + b);
        sum.1 = sum.1.zip(r.respondents).map(|(a, b)| a + b);
    }
    if areas.len() > 1 {
        let total_rate = match sum {
            (Some(s), Some(n)) => Value::share(n, s, 0),
            _ => Value::Missing,
        };
        t.rows.push(
            Row::new(
                "Summa",
                vec![
                    Value::count_or_missing(sum.0),
                    Value::count_or_missing(sum.1),
                    total_rate,
                ],
            )
            .total()
            .sourced(vec![
                imported("summan av urvalen i raderna ovanför".into()),
                imported("summan av antalet svar i raderna ovanför".into()),
                sum.1.and_then(|n| {
                    answers(
                        n,
                        sum.0,
                        "antal svar av urvalet, alla undersökningar".into(),
                    )
                }),
            ]),
        );
    }
    t.source = "Brukarundersökningarna (urval och antal svar)".into();
    t.note("Svarsfrekvens är antal svar delat med antalet personer i urvalet.")
}

/// Andel positiva for the questions asked in more than one area, per area and pooled over all
/// areas (positive answers over the summed bases, as Kolada's brukarbedömning totals are), for
/// the areas surveyed in `year` and not suppressed.
pub(super) fn summary_table(areas: &[Vec<SurveyResult>], year: i32) -> Option<Table> {
    let shown: Vec<&SurveyResult> = areas
        .iter()
        .filter_map(|a| a.last())
        .filter(|r| r.year == year && !r.suppressed)
        .collect();
    if shown.len() < 2 {
        return None;
    }
    let decimals = shown[0].decimals;
    let mut questions: Vec<(String, String)> = Vec::new();
    for r in &shown {
        for q in &r.questions {
            let key = fold(&q.text);
            let asked = shown
                .iter()
                .filter(|o| o.questions.iter().any(|oq| fold(&oq.text) == key))
                .count();
            if asked > 1 && !questions.iter().any(|(k, _)| *k == key) {
                questions.push((key, q.text.clone()));
            }
        }
    }
    if questions.is_empty() {
        return None;
    }
    let mut t = Table::new(
        "brukar_sammanstallning",
        format!("Brukarundersökningar {year}: andel positiva svar per område och sammantaget"),
        "Fråga",
    );
    for r in &shown {
        t = t.column(r.name.clone());
    }
    t = t.column("Alla områden");
    for (key, text) in &questions {
        let mut values = Vec::new();
        let mut sources = Vec::new();
        let (mut positive, mut base) = (0i64, 0i64);
        let (mut pooled, mut left_out) = (0, false);
        // Over every area that asked, hidden ones too: what a hidden pool would have shown.
        let (mut positive_all, mut base_all) = (0i64, 0i64);
        for r in &shown {
            let q = r.questions.iter().find(|q| fold(&q.text) == *key);
            sources.push(q.map(|q| positive_source(r, q)));
            if let Some(q) = q {
                positive_all += q.positive_count();
                base_all += q.base;
            }
            match q {
                Some(q) if q.positive.is_some() && q.shown_positive().is_none() => {
                    values.push(Value::Suppressed);
                    left_out = true;
                }
                Some(q) => {
                    values.push(share(q.positive, decimals));
                    positive += q.positive_count();
                    base += q.base;
                    pooled += 1;
                }
                None => values.push(Value::Missing),
            }
        }
        // With areas left out, fewer than two left is no pooled figure: it would only repeat
        // one area's share (or none) under the name of all of them.
        if left_out && pooled < 2 {
            values.push(Value::Suppressed);
            sources.push(answers(
                positive_all,
                Some(base_all),
                "positiva svar i alla områden som ställde frågan, av summan av deras baser".into(),
            ));
        } else {
            values.push(Value::share(positive, base, decimals));
            sources.push(answers(
                positive,
                Some(base),
                "positiva svar i de områden som visas, av summan av deras baser".into(),
            ));
        }
        t.rows.push(Row::new(text.clone(), values).sourced(sources));
    }
    t.source = "Brukarundersökningarna".into();
    t.notes.push("Alla områden: de positiva svaren i alla områden delade med summan av områdenas baser, inte ett medel av områdenas andelar.".into());
    t.notes.push(
        "Frågor som ställdes i minst två områden; ett område där andelen inte visas (..) ingår inte i Alla områden, och Alla områden visas bara när minst två områden ingår.".into(),
    );
    Some(t)
}
