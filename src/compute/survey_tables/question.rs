//! One table per question with every answer option's count and share, as in Håbo's report, and
//! the note saying which answers make up the base.

use super::{answers, imported, share};
use crate::base::Ratio;
use crate::base::Rule;
use crate::base::Value;
use crate::compute::survey::{QuestionResult, SurveyResult};
use crate::compute::table::{Row, Table};
use crate::settings::{BaseRule, SurveyProtection};

/// One question of a survey that is not suppressed: every option with the national share, our
/// share and our count, the total of the base, and options outside the base on their own lines
/// below it. Counts the rule hides are "..", with their shares; a base below the minimum hides
/// the shares.
pub(super) fn question_table(key: &str, r: &SurveyResult, q: &QuestionResult, rule: Rule) -> Table {
    let has_national = q.options.iter().any(|o| o.national.is_some());
    let mut t = Table::new(
        key,
        format!("{} {}: {}", r.name, r.year, q.text),
        "Svarsalternativ",
    );
    if has_national {
        t = t.column(format!("Nationellt {}", r.year));
    }
    t = t
        .column(format!("Andel {}", r.year))
        .column(format!("Antal {}", r.year));
    let what = |label: &str| {
        format!(
            "svar ”{label}” på frågan ”{}” i brukarundersökningen {} {}",
            q.text, r.name, r.year
        )
    };
    // national, (share shown, share), (count shown, count), (whole shown, whole of the share)
    let row = |label: &str,
               national: Option<Ratio>,
               s: (bool, Option<Ratio>),
               n: (bool, i64),
               whole: (bool, i64)| {
        let mut values = Vec::new();
        let mut sources = Vec::new();
        if has_national {
            values.push(share(national, r.decimals));
            sources.push(imported(format!(
                "nationell andel för {} enligt underlaget",
                what(label)
            )));
        }
        values.push(if s.0 {
            share(s.1, r.decimals)
        } else {
            Value::Suppressed
        });
        // A base the table hides is not told by `spåra` either: a share of 0 is shown without it.
        sources.push(if s.0 && !whole.0 {
            imported(format!(
                "andelen är 0 % eftersom inget {} finns; basen visas inte",
                what(label)
            ))
        } else {
            answers(n.1, Some(whole.1), what(label))
        });
        values.push(if n.0 {
            Value::count(n.1)
        } else {
            Value::Suppressed
        });
        sources.push(answers(n.1, None, what(label)));
        Row::new(label, values).sourced(sources)
    };
    let option_row = |i: usize| {
        let o = &q.options[i];
        let (whole, whole_shown) = if o.in_base {
            (q.base, !q.hidden.base)
        } else {
            (q.total, !q.hidden.total)
        };
        row(
            &o.label,
            o.national,
            (q.share_shown(i, rule), o.share),
            (!q.hidden.options[i], o.count),
            (whole_shown, whole),
        )
    };
    let (inside, outside): (Vec<usize>, Vec<usize>) =
        (0..q.options.len()).partition(|&i| q.options[i].in_base);
    for &i in &inside {
        t.rows.push(option_row(i));
    }
    let all_national = inside.iter().all(|&i| q.options[i].national.is_some());
    let base_shown = !q.hidden.base;
    t.rows.push(
        row(
            "Totalt",
            Ratio::new(1, 1).filter(|_| all_national),
            (base_shown && !q.suppressed, Ratio::new(1, 1)),
            (base_shown, q.base),
            (base_shown, q.base),
        )
        .total(),
    );
    for &i in &outside {
        t.rows.push(option_row(i));
    }
    t.source = format!("Brukarundersökningen {} {}", r.name, r.year);
    t.notes.push(base_note(r, q));
    if q.suppressed || q.hidden.options.iter().any(|h| *h) {
        let min = r.min_answers;
        t.notes.push(match r.protection {
            SurveyProtection::Question => format!(
                "..: visas inte för att skydda de svarandes integritet: färre än {min} har svarat på frågan."
            ),
            SurveyProtection::Cell => format!(
                "..: visas inte för att skydda de svarandes integritet: antal under {min} svar, andelar av en bas under {min} svar, och de antal och andelar som annars skulle göra det möjligt att räkna fram dem."
            ),
        });
    }
    t
}

/// How the shares are computed. The sentence names no count (the table's Totalt row shows the
/// base), so it reads the same under every question table and the report states it once.
pub(super) fn base_note(r: &SurveyResult, q: &QuestionResult) -> String {
    let excluded: Vec<&str> = q.excluded().map(|o| o.label.as_str()).collect();
    match (r.base_rule, excluded.is_empty()) {
        (BaseRule::AllAnswers, _) => {
            "Alla svar på frågan ingår i basen för andelarna, även svar som vet inte.".to_string()
        }
        (BaseRule::WithoutDontKnow, true) => "Andelarna räknas på alla svar på frågan.".to_string(),
        (BaseRule::WithoutDontKnow, false) => format!(
            "Andelarna räknas på dem som valt något av alternativen ovanför Totalt; {} ingår inte i basen och dess andel räknas på alla svar på frågan.",
            excluded
                .iter()
                .map(|l| format!("\"{l}\""))
                .collect::<Vec<_>>()
                .join(" och "),
        ),
    }
}
