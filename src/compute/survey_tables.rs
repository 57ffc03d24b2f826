//! The survey tables of the annex and the survey figures of the prose: per survey area its
//! response rate, andel positiva per question and year against the national share, and one
//! table per question with every option, as in Håbo's report.

use serde::Serialize;

use super::survey::{self, QuestionResult, SurveyResult};
use super::table::{Row, Table};
use super::trace::Source;
use crate::base::Ratio;
use crate::base::Rule;
use crate::base::Value;
use crate::model::survey::Surveys;
use crate::settings::{BaseRule, SurveyProtection, SurveySettings};
use crate::text::{fold, slug};

/// A question's andel positiva for the prose.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionFigure {
    pub fraga: String,
    pub andel: Ratio,
    pub nationellt: Option<Ratio>,
}

/// One survey area's figures for the prose. Field names are Swedish because templates are.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SurveyFigure {
    pub namn: String,
    /// The year shown: the latest year of the survey up to the report year.
    pub ar: i32,
    pub urval: Option<i64>,
    pub svar: Option<i64>,
    pub svarsfrekvens: Option<Ratio>,
    pub undertryckt: bool,
    pub minsta_antal_svar: i64,
    pub decimaler: u32,
    pub antal_fragor: usize,
    /// The question with the highest and lowest andel positiva (not suppressed).
    pub hogst: Option<QuestionFigure>,
    pub lagst: Option<QuestionFigure>,
    /// Table keys: andel positiva per question, and the first and last question table.
    pub tabell_positiva: String,
    pub tabell_forsta_fraga: Option<String>,
    pub tabell_sista_fraga: Option<String>,
}

/// The survey tables and figures for the report year `year` over the window `years`.
pub fn build(
    surveys: &Surveys,
    settings: &SurveySettings,
    rule: Rule,
    years: &[i32],
    year: i32,
) -> (Vec<Table>, Vec<SurveyFigure>) {
    let first = years.first().copied().unwrap_or(year);
    let mut names: Vec<&str> = Vec::new();
    for s in &surveys.surveys {
        if !names.iter().any(|n| fold(n) == fold(&s.name)) {
            names.push(&s.name);
        }
    }
    let mut areas: Vec<Vec<SurveyResult>> = Vec::new();
    for name in names {
        let results: Vec<SurveyResult> = surveys
            .surveys
            .iter()
            .filter(|s| fold(&s.name) == fold(name) && (first..=year).contains(&s.year))
            .map(|s| survey::compute(s, settings, rule))
            .collect();
        if !results.is_empty() {
            areas.push(results);
        }
    }
    let mut tables = Vec::new();
    if areas.is_empty() {
        return (tables, Vec::new());
    }
    tables.push(response_table(&areas, year));
    if let Some(t) = summary_table(&areas, year) {
        tables.push(t);
    }
    let mut figures = Vec::new();
    for area in &areas {
        let current = area.last().expect("non-empty");
        let slug = slug(&current.name);
        let positive_key = format!("brukar_{slug}_positiva");
        tables.push(positive_table(&positive_key, area));
        // A suppressed survey gets no question tables: they would only repeat "..".
        let question_keys: Vec<String> = if current.suppressed {
            Vec::new()
        } else {
            current
                .questions
                .iter()
                .map(|q| format!("brukar_{slug}_{}", q.number))
                .collect()
        };
        for (q, key) in current.questions.iter().zip(&question_keys) {
            tables.push(question_table(key, current, q, rule));
        }
        figures.push(figure(current, positive_key, &question_keys));
    }
    (tables, figures)
}

fn figure(r: &SurveyResult, positive_key: String, keys: &[String]) -> SurveyFigure {
    let shown: Vec<(&QuestionResult, Ratio)> = if r.suppressed {
        Vec::new()
    } else {
        r.questions
            .iter()
            .filter_map(|q| q.shown_positive().map(|p| (q, p)))
            .collect()
    };
    let pick = |best: bool| {
        let mut it = shown.iter();
        let first = it.next()?;
        let chosen = it.fold(first, |acc, cur| {
            let ord = cur.1.cmp_value(&acc.1);
            let better = if best { ord.is_gt() } else { ord.is_lt() };
            if better { cur } else { acc }
        });
        Some(QuestionFigure {
            fraga: chosen.0.text.clone(),
            andel: chosen.1,
            nationellt: chosen.0.national_positive,
        })
    };
    SurveyFigure {
        namn: r.name.clone(),
        ar: r.year,
        urval: r.sample,
        svar: r.respondents,
        svarsfrekvens: r.rate,
        undertryckt: r.suppressed,
        minsta_antal_svar: r.min_answers,
        decimaler: r.decimals,
        antal_fragor: r.questions.len(),
        hogst: pick(true),
        lagst: pick(false)
            .filter(|l| pick(true).is_some_and(|h| h.andel.cmp_value(&l.andel).is_gt())),
        tabell_positiva: positive_key,
        tabell_forsta_fraga: keys.first().cloned(),
        tabell_sista_fraga: keys.last().cloned(),
    }
}

fn response_table(areas: &[Vec<SurveyResult>], year: i32) -> Table {
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
fn summary_table(areas: &[Vec<SurveyResult>], year: i32) -> Option<Table> {
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

fn imported(text: String) -> Option<Source> {
    Some(Source::Imported(text))
}

fn answers(part: i64, whole: Option<i64>, what: String) -> Option<Source> {
    Some(Source::Answers { part, whole, what })
}

/// Andel positiva of question `q` in survey `r`: positive answers of the base.
fn positive_source(r: &SurveyResult, q: &QuestionResult) -> Source {
    Source::Answers {
        part: q.positive_count(),
        whole: Some(q.base),
        what: format!(
            "svar {} på frågan ”{}” i brukarundersökningen {} {}, av dem i basen",
            q.positive_labels()
                .iter()
                .map(|l| format!("”{l}”"))
                .collect::<Vec<_>>()
                .join(" eller "),
            q.text,
            r.name,
            r.year
        ),
    }
}

fn rate(r: &SurveyResult) -> Value {
    r.rate
        .map_or(Value::Missing, |r| Value::Share { r, decimals: 0 })
}

fn share(r: Option<Ratio>, decimals: u32) -> Value {
    r.map_or(Value::Missing, |r| Value::Share { r, decimals })
}

/// Andel positiva per question and year, the change since the survey's previous year, and the
/// national share beside it.
fn positive_table(key: &str, area: &[SurveyResult]) -> Table {
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
                "beräknat: andel positiva {} minus andel positiva {} för samma fråga, i procentenheter, av de oavrundade andelarna",
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
                "beräknat: andel positiva minus den nationella andelen, i procentenheter".into(),
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

/// `a − b` in procentenheter; ".." when either is not shown.
fn points(a: Result<Option<Ratio>, ()>, b: Result<Option<Ratio>, ()>, decimals: u32) -> Value {
    match (a, b) {
        (Err(()), _) | (_, Err(())) => Value::Suppressed,
        (Ok(Some(a)), Ok(Some(b))) => Value::PointChange { r: a - b, decimals },
        _ => Value::Missing,
    }
}

fn positive_note(r: &SurveyResult) -> String {
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

fn suppression_note(area: &[SurveyResult]) -> Option<String> {
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

/// One question of a survey that is not suppressed: every option with the national share, our
/// share and our count, the total of the base, and options outside the base on their own lines
/// below it. Counts the rule hides are "..", with their shares; a base below the minimum hides
/// the shares.
fn question_table(key: &str, r: &SurveyResult, q: &QuestionResult, rule: Rule) -> Table {
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

/// How the shares are computed; a number the rule hides is left out of the sentence.
fn base_note(r: &SurveyResult, q: &QuestionResult) -> String {
    let excluded: Vec<&str> = q.excluded().map(|o| o.label.as_str()).collect();
    let total = if q.hidden.total {
        String::new()
    } else {
        format!("{} ", q.total)
    };
    let base = if q.hidden.base {
        String::new()
    } else {
        format!("{} ", q.base)
    };
    match (r.base_rule, excluded.is_empty()) {
        (BaseRule::AllAnswers, _) => format!(
            "Alla {total}svar på frågan ingår i basen för andelarna, även svar som vet inte."
        ),
        (BaseRule::WithoutDontKnow, true) => {
            format!("Andelarna räknas på alla {total}svar på frågan.")
        }
        (BaseRule::WithoutDontKnow, false) => format!(
            "Andelarna räknas på de {base}som valt något av alternativen ovanför Totalt; {} ingår inte i basen och dess andel räknas på alla {total}svar på frågan.",
            excluded
                .iter()
                .map(|l| format!("\"{l}\""))
                .collect::<Vec<_>>()
                .join(" och "),
        ),
    }
}
