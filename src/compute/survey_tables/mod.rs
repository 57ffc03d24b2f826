//! The survey tables of the annex and the survey figures of the prose: per survey area its
//! response rate, andel positiva per question and year against the national share, and one
//! table per question with every option, as in Håbo's report.

mod positive;
mod question;
mod response;

use super::survey::{self, QuestionResult, SurveyResult};
use super::table::Table;
use super::trace::Source;
use crate::base::Ratio;
use crate::base::Rule;
use crate::base::Value;
use crate::model::survey::Surveys;
use crate::settings::SurveySettings;
use crate::text::{fold, slug};
use positive::positive_table;
use question::question_table;
use response::{response_table, summary_table};
use serde::Serialize;

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
