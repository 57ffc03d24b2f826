//! The table of andel positiva per question and year against the national share, with its
//! notes on what counts as positive and what is not shown.

use super::{imported, positive_source, share};
use crate::base::Ratio;
use crate::base::Value;
use crate::compute::survey::{QuestionResult, SurveyResult};
use crate::compute::table::{Row, Table};
use crate::settings::{BaseRule, SurveyProtection};
use crate::text::fold;

/// Andel positiva per question and year, the change since the survey's previous year, and the
/// national share beside it.
pub(super) fn positive_table(key: &str, area: &[SurveyResult]) -> Table {
    let current = area.last().expect("non-empty");
    let decimals = current.decimals;
    let mut t = Table::new(
        key,
        format!("{}: andel positiva svar per fråga", current.name),
        "Fråga",
    );
    for r in area {
        t = t.column(format!("Andel {}", r.year));
    }
    let previous = area.len().checked_sub(2).map(|i| &area[i]);
    if let Some(p) = previous {
        t = t.column(format!("Förändring {}–{}", p.year, current.year));
    }
    let has_national = current
        .questions
        .iter()
        .any(|q| q.national_positive.is_some());
    if has_national {
        t = t
            .column(format!("Nationellt {}", current.year))
            .column("Skillnad mot nationellt");
    }
    // A share that is not shown is "..", and so is every difference computed from it.
    let shown = |r: &SurveyResult, q: &QuestionResult| -> Result<Option<Ratio>, ()> {
        if r.suppressed || (q.positive.is_some() && q.shown_positive().is_none()) {
            Err(())
        } else {
            Ok(q.positive)
        }
    };
    for q in &current.questions {
        let mut values = Vec::new();
        let mut sources = Vec::new();
        for r in area {
            let same = r.questions.iter().find(|o| fold(&o.text) == fold(&q.text));
            sources.push(same.map(|o| positive_source(r, o)));
            values.push(match same.map(|o| shown(r, o)) {
                Some(Err(())) => Value::Suppressed,
                Some(Ok(p)) => share(p, decimals),
                None => Value::Missing,
            });
        }
        let now = shown(current, q);
        if let Some(p) = previous {
            let before = p
                .questions
                .iter()
                .find(|o| fold(&o.text) == fold(&q.text))
                .map_or(Ok(None), |o| shown(p, o));
            values.push(points(now, before, decimals));
            sources.push(imported(format!(
                "beräknat: andel positiva {} minus andel positiva {} för samma fråga, i procentenheter, av andelarna avrundade som de visas",
                current.year, p.year
            )));
        }
        if has_national {
            values.push(share(q.national_positive, decimals));
            values.push(points(now, Ok(q.national_positive), decimals));
            sources.push(imported(format!(
                "summan av de nationella andelarna för {} enligt underlaget",
                q.positive_labels().join(", ")
            )));
            sources.push(imported(
                "beräknat: andel positiva minus den nationella andelen, i procentenheter, av andelarna avrundade som de visas".into(),
            ));
        }
        t.rows
            .push(Row::new(q.text.clone(), values).sourced(sources));
    }
    t.source = format!("Brukarundersökningen {}", current.name);
    t.notes.push(positive_note(current));
    if previous.is_some() || has_national {
        t.notes
            .push("Förändring och skillnad anges i procentenheter.".into());
    }
    if previous.is_some() {
        t.notes
            .push("Förändringen jämför med samma fråga i föregående undersökning; – om frågan inte ställdes då.".into());
    }
    if has_national {
        t.notes.push("Nationellt: summan av de nationella andelarna för de positiva svarsalternativen, som de anges i underlaget.".into());
    }
    if let Some(note) = suppression_note(area) {
        t.notes.push(note);
    }
    t
}

/// `a − b` in procentenheter, of the shares as shown (rounded to `decimals`), so the change
/// agrees with the shares printed beside it; ".." when either is not shown.
pub(super) fn points(
    a: Result<Option<Ratio>, ()>,
    b: Result<Option<Ratio>, ()>,
    decimals: u32,
) -> Value {
    match (a, b) {
        (Err(()), _) | (_, Err(())) => Value::Suppressed,
        (Ok(Some(a)), Ok(Some(b))) => Value::PointChange {
            r: a.shown_difference(b, 100, decimals),
            decimals,
        },
        _ => Value::Missing,
    }
}

pub(super) fn positive_note(r: &SurveyResult) -> String {
    let mut rules: Vec<String> = Vec::new();
    for q in &r.questions {
        let labels = q.positive_labels();
        let rule = match labels.as_slice() {
            [] => continue,
            [one] => format!("\"{one}\""),
            [init @ .., last] => format!(
                "{} och \"{last}\"",
                init.iter()
                    .map(|l| format!("\"{l}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        if !rules.contains(&rule) {
            rules.push(rule);
        }
    }
    let base = match r.base_rule {
        BaseRule::WithoutDontKnow => "av dem som svarat något annat än vet inte eller ingen åsikt",
        BaseRule::AllAnswers => "av alla som besvarat frågan",
    };
    format!(
        "Andel positiva är andelen {base} som valt de positiva svarsalternativen: {}.",
        rules.join("; ")
    )
}

pub(super) fn suppression_note(area: &[SurveyResult]) -> Option<String> {
    let any = area.iter().any(|r| {
        r.suppressed
            || r.questions
                .iter()
                .any(|q| q.positive.is_some() && q.shown_positive().is_none())
    });
    let last = area.last()?;
    let min = last.min_answers;
    any.then(|| match last.protection {
        SurveyProtection::Question => format!(
            "..: visas inte för att skydda de svarandes integritet: färre än {min} svar i basen."
        ),
        SurveyProtection::Cell => format!(
            "..: visas inte för att skydda de svarandes integritet: färre än {min} svar i basen, eller så skulle ett antal svar under {min} gå att räkna fram."
        ),
    })
}
