//! The rules of a survey question: which answers make up the base, each option's share,
//! "andel positiva", svarsfrekvens, and when a result is too small to show. Pure functions of
//! a [`Survey`] and the settings; tables are built from these in `survey_tables`.

use serde::Serialize;

use super::suppress::{Cell, Grid};
use crate::base::Ratio;
use crate::base::Rule;
use crate::model::survey::{Question, Survey};
use crate::settings::{BaseRule, SurveyProtection, SurveySettings};
use crate::text::fold;

/// One answer option, computed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OptionResult {
    pub label: String,
    pub count: i64,
    /// Share of the base for options in the base, of all answers for the others.
    pub share: Option<Ratio>,
    pub national: Option<Ratio>,
    pub in_base: bool,
    pub positive: bool,
}

/// One question, computed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionResult {
    /// 1-based, in the survey's order.
    pub number: usize,
    pub text: String,
    pub options: Vec<OptionResult>,
    /// Answers in the base.
    pub base: i64,
    /// All answers to the question.
    pub total: i64,
    /// Share of the base choosing a positive option.
    pub positive: Option<Ratio>,
    /// The national share of the positive options (sum of their national shares).
    pub national_positive: Option<Ratio>,
    /// The base is below the minimum: no shares are shown.
    pub suppressed: bool,
    /// Which of the question's counts are not shown (see [`Hidden`]).
    pub hidden: Hidden,
}

/// The counts of a question that are not shown, so that no answer count below the threshold
/// can be read or recomputed: from the other counts and the Totalt row, from the number of
/// answers, or from andel positiva times the base.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Hidden {
    /// Per option, in the question's order.
    pub options: Vec<bool>,
    /// The base (the Totalt row); hiding it hides every share of the base.
    pub base: bool,
    /// All answers to the question (stated in the table's note).
    pub total: bool,
    /// The number of positive answers (andel positiva).
    pub positive: bool,
}

impl QuestionResult {
    pub fn positive_labels(&self) -> Vec<&str> {
        self.options
            .iter()
            .filter(|o| o.positive)
            .map(|o| o.label.as_str())
            .collect()
    }

    pub fn excluded(&self) -> impl Iterator<Item = &OptionResult> {
        self.options.iter().filter(|o| !o.in_base)
    }

    /// The number of answers choosing a positive option.
    pub fn positive_count(&self) -> i64 {
        self.options
            .iter()
            .filter(|o| o.positive)
            .map(|o| o.count)
            .sum()
    }

    /// Andel positiva when it may be shown.
    pub fn shown_positive(&self) -> Option<Ratio> {
        if self.suppressed || self.hidden.base || self.hidden.positive {
            None
        } else {
            self.positive
        }
    }

    /// Whether option `i`'s share may be shown: its count is shown and so is its base (0 % of
    /// any base tells no more than the count 0 does).
    pub fn share_shown(&self, i: usize, rule: Rule) -> bool {
        let o = &self.options[i];
        let base_shown = if o.in_base {
            !self.suppressed && !self.hidden.base
        } else {
            !rule.base_too_small(self.total) && !self.hidden.total
        };
        !self.hidden.options[i] && (base_shown || o.count == 0)
    }
}

/// Secondary suppression of one question. The lines a reader can use: the options in the base
/// sum to the Totalt row; the base and the options outside it sum to the number of answers
/// (stated in the note; published as the survey's antal svar when everyone answered); the
/// positive options sum to andel positiva times the base, and the other options in the base
/// to the rest of the base.
fn protect(
    options: &[OptionResult],
    base: i64,
    total: i64,
    respondents: Option<i64>,
    rule: Rule,
) -> Hidden {
    let (g, [b, t, p]) = question_grid(options, base, total, respondents);
    let hidden = g.protect(rule);
    Hidden {
        options: (0..options.len()).map(|c| hidden[c]).collect(),
        base: hidden[b],
        total: hidden[t],
        positive: p != usize::MAX && hidden[p],
    }
}

/// The grid of a question: one cell per option (cells `0..options.len()`), then the base, the
/// number of answers and andel positiva's numerator (`usize::MAX` without positive options).
fn question_grid(
    options: &[OptionResult],
    base: i64,
    total: i64,
    respondents: Option<i64>,
) -> (Grid, [usize; 3]) {
    let mut g = Grid::default();
    let cells: Vec<usize> = options
        .iter()
        .map(|o| g.push(Cell::sensitive(o.count)))
        .collect();
    let b = g.push(Cell::sum(base, 3));
    let t = if respondents == Some(total) {
        g.push(Cell::fixed(total))
    } else {
        g.push(Cell::sum(total, 0))
    };
    let pick = |f: &dyn Fn(&OptionResult) -> bool| -> Vec<usize> {
        options
            .iter()
            .zip(&cells)
            .filter(|(o, _)| f(o))
            .map(|(_, &c)| c)
            .collect()
    };
    g.line(pick(&|o| o.in_base), b);
    let mut outside = pick(&|o| !o.in_base);
    outside.push(b);
    g.line(outside, t);
    let positive = options.iter().any(|o| o.positive);
    let p = positive.then(|| {
        let n: i64 = options.iter().filter(|o| o.positive).map(|o| o.count).sum();
        let p = g.push(Cell::sum(n, 2));
        let rest = g.push(Cell::sum(base - n, 0));
        g.line(pick(&|o| o.positive), p);
        g.line(pick(&|o| o.in_base && !o.positive), rest);
        g.line(vec![p, rest], b);
        p
    });
    (g, [b, t, p.unwrap_or(usize::MAX)])
}

/// One survey in one year, computed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SurveyResult {
    pub name: String,
    pub year: i32,
    pub sample: Option<i64>,
    pub respondents: Option<i64>,
    /// Svarsfrekvens: antal svar / urval.
    pub rate: Option<Ratio>,
    /// Fewer respondents than the minimum: nothing but urval and antal svar is shown.
    pub suppressed: bool,
    pub decimals: u32,
    pub base_rule: BaseRule,
    pub min_answers: i64,
    /// Whether small counts are hidden per question or per cell.
    pub protection: SurveyProtection,
    pub questions: Vec<QuestionResult>,
}

/// The decimals and base rule that apply to survey `name` in `year`.
pub fn rules_for(settings: &SurveySettings, name: &str, year: i32) -> (u32, BaseRule) {
    let key = fold(name);
    let rule = settings
        .undersokning
        .iter()
        .find(|r| fold(&r.namn) == key && (r.ar.is_empty() || r.ar.contains(&year)));
    (
        rule.and_then(|r| r.decimaler).unwrap_or(settings.decimaler),
        rule.and_then(|r| r.bas).unwrap_or_default(),
    )
}

/// Whether `label` is an option such as "Vet inte/Ingen åsikt" kept out of the base.
pub fn outside_base(settings: &SurveySettings, label: &str) -> bool {
    let folded = fold(label);
    settings.utanfor_basen.iter().any(|p| {
        let p = fold(p);
        !p.is_empty() && folded.contains(&p)
    })
}

/// How many of the first options in the base count as positive by default: the top two, or
/// the top one when the base has three options or fewer (Ja/Nej).
pub fn default_positive_count(in_base: usize) -> usize {
    match in_base {
        0 => 0,
        1..=3 => 1,
        _ => 2,
    }
}

/// Computes `survey` under `settings`.
pub fn compute(survey: &Survey, settings: &SurveySettings, rule: Rule) -> SurveyResult {
    let (decimals, base_rule) = rules_for(settings, &survey.name, survey.year);
    let min = rule.min;
    let mut questions: Vec<QuestionResult> = survey
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| question(i + 1, q, &survey.name, base_rule, settings, rule))
        .collect();
    let respondents = survey
        .respondents
        .or_else(|| questions.iter().map(|q| q.total).max());
    for q in &mut questions {
        q.hidden = match settings.skydd {
            SurveyProtection::Cell => protect(&q.options, q.base, q.total, respondents, rule),
            SurveyProtection::Question => Hidden {
                options: vec![false; q.options.len()],
                ..Hidden::default()
            },
        };
    }
    SurveyResult {
        name: survey.name.clone(),
        year: survey.year,
        sample: survey.sample,
        respondents,
        rate: match (respondents, survey.sample) {
            (Some(r), Some(s)) => Ratio::new(r as i128, s as i128),
            _ => None,
        },
        suppressed: respondents.is_none_or(|r| r < min),
        decimals,
        base_rule,
        min_answers: min,
        protection: settings.skydd,
        questions,
    }
}

fn question(
    number: usize,
    q: &Question,
    survey: &str,
    base_rule: BaseRule,
    settings: &SurveySettings,
    rule: Rule,
) -> QuestionResult {
    let in_base: Vec<bool> = q
        .options
        .iter()
        .map(|o| base_rule == BaseRule::AllAnswers || !outside_base(settings, &o.label))
        .collect();
    let total: i64 = q.options.iter().map(|o| o.count).sum();
    let base: i64 = q
        .options
        .iter()
        .zip(&in_base)
        .filter(|(_, b)| **b)
        .map(|(o, _)| o.count)
        .sum();
    let positive = positive_flags(q, survey, &in_base, settings);
    let options: Vec<OptionResult> = q
        .options
        .iter()
        .zip(&in_base)
        .zip(&positive)
        .map(|((o, &b), &p)| OptionResult {
            label: o.label.clone(),
            count: o.count,
            share: Ratio::new(o.count as i128, if b { base } else { total } as i128),
            national: o.national,
            in_base: b,
            positive: p,
        })
        .collect();
    let positive_count: i64 = options.iter().filter(|o| o.positive).map(|o| o.count).sum();
    let any_positive = options.iter().any(|o| o.positive);
    let national_positive = if any_positive {
        options
            .iter()
            .filter(|o| o.positive)
            .try_fold(Ratio::int(0), |acc, o| o.national.map(|n| acc + n))
    } else {
        None
    };
    QuestionResult {
        number,
        text: q.text.clone(),
        options,
        base,
        total,
        positive: if any_positive {
            Ratio::new(positive_count as i128, base as i128)
        } else {
            None
        },
        national_positive,
        suppressed: rule.base_too_small(base),
        hidden: Hidden::default(),
    }
}

/// Which options count as positive: a `[[brukarundersokning.positiva]]` rule for the question,
/// else the default count of the first options in the base.
fn positive_flags(
    q: &Question,
    survey: &str,
    in_base: &[bool],
    settings: &SurveySettings,
) -> Vec<bool> {
    let key = fold(&q.text);
    let rule = settings.positiva.iter().find(|r| {
        fold(&r.fraga) == key
            && r.undersokning
                .as_deref()
                .is_none_or(|s| fold(s) == fold(survey))
    });
    if let Some(rule) = rule
        && !rule.alternativ.is_empty()
    {
        let wanted: Vec<String> = rule.alternativ.iter().map(|a| fold(a)).collect();
        return q
            .options
            .iter()
            .zip(in_base)
            .map(|(o, &b)| b && wanted.contains(&fold(&o.label)))
            .collect();
    }
    let n_in_base = in_base.iter().filter(|b| **b).count();
    let n = rule
        .and_then(|r| r.antal)
        .unwrap_or_else(|| default_positive_count(n_in_base));
    let mut seen = 0;
    in_base
        .iter()
        .map(|&b| {
            let positive = b && seen < n;
            if b {
                seen += 1;
            }
            positive
        })
        .collect()
}

#[cfg(test)]
#[path = "survey_tests.rs"]
mod tests;
