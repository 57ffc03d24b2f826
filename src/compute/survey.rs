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
mod tests {
    use super::*;
    use crate::model::survey::AnswerOption;
    use crate::settings::{PositiveRule, SurveyRule};

    fn opt(label: &str, count: i64, national: Option<f64>) -> AnswerOption {
        AnswerOption {
            label: label.into(),
            count,
            national: national.and_then(Ratio::from_percent),
        }
    }

    fn survey(options: Vec<AnswerOption>, respondents: Option<i64>) -> Survey {
        Survey {
            name: "Ekonomiskt bistånd".into(),
            year: 2022,
            sample: Some(42),
            respondents,
            questions: vec![Question {
                text: "Hur lätt eller svårt är det att få kontakt?".into(),
                options,
            }],
            from_raw: false,
        }
    }

    fn pct(r: Option<Ratio>, decimals: u32) -> i128 {
        r.unwrap().scale(100).round_scaled(decimals)
    }

    fn habo_contact() -> Survey {
        survey(
            vec![
                opt("Mycket lätt", 4, Some(48.0)),
                opt("Ganska lätt", 7, Some(41.0)),
                opt("Ganska svårt", 2, Some(8.0)),
                opt("Mycket svårt", 0, Some(3.0)),
                opt("Vet inte/Ingen åsikt", 1, Some(2.0)),
            ],
            Some(16),
        )
    }

    #[test]
    fn dont_know_is_kept_out_of_the_base_and_shares_over_all_answers() {
        let r = compute(&habo_contact(), &SurveySettings::default(), Rule::default());
        let q = &r.questions[0];
        assert_eq!((q.base, q.total), (13, 14));
        let shares: Vec<i128> = q.options.iter().map(|o| pct(o.share, 0)).collect();
        assert_eq!(shares, vec![31, 54, 15, 0, 7]);
        assert!(!q.options[4].in_base);
    }

    #[test]
    fn response_rate_is_answers_over_sample() {
        let r = compute(&habo_contact(), &SurveySettings::default(), Rule::default());
        assert_eq!(pct(r.rate, 0), 38);
        assert!(!r.suppressed);
    }

    #[test]
    fn positive_share_is_the_top_two_options_of_the_base() {
        let r = compute(&habo_contact(), &SurveySettings::default(), Rule::default());
        let q = &r.questions[0];
        assert_eq!(q.positive_labels(), vec!["Mycket lätt", "Ganska lätt"]);
        assert_eq!(pct(q.positive, 0), 85);
        assert_eq!(pct(q.national_positive, 0), 89);
    }

    #[test]
    fn a_yes_no_question_has_one_positive_option() {
        let s = survey(vec![opt("Ja", 6, None), opt("Nej", 6, None)], Some(16));
        let r = compute(&s, &SurveySettings::default(), Rule::default());
        assert_eq!(r.questions[0].positive_labels(), vec!["Ja"]);
        assert_eq!(pct(r.questions[0].positive, 0), 50);
        assert_eq!(r.questions[0].national_positive, None);
    }

    #[test]
    fn the_all_answers_rule_puts_dont_know_in_the_base_with_one_decimal() {
        // Huddinge's KAA question: 3/1/1/2 of 7 → 42,9 / 14,3 / 14,3 / 28,6.
        let s = survey(
            vec![
                opt("Mycket bra", 3, None),
                opt("Ganska bra", 1, None),
                opt("Ganska dåligt", 1, None),
                opt("Vet ej", 2, None),
            ],
            Some(7),
        );
        let settings = SurveySettings {
            undersokning: vec![SurveyRule {
                namn: "ekonomiskt bistand".into(),
                ar: vec![2022],
                decimaler: Some(1),
                bas: Some(BaseRule::AllAnswers),
            }],
            ..SurveySettings::default()
        };
        let r = compute(&s, &settings, Rule::default());
        assert_eq!(r.decimals, 1);
        let shares: Vec<i128> = r.questions[0]
            .options
            .iter()
            .map(|o| pct(o.share, 1))
            .collect();
        assert_eq!(shares, vec![429, 143, 143, 286]);
        // A rule for another year does not apply.
        let other = Survey {
            year: 2021,
            ..s.clone()
        };
        assert_eq!(compute(&other, &settings, Rule::default()).decimals, 0);
    }

    #[test]
    fn configured_positive_options_win_over_the_default() {
        let settings = SurveySettings {
            positiva: vec![PositiveRule {
                fraga: "hur latt eller svart ar det att fa kontakt".into(),
                undersokning: None,
                alternativ: vec!["Mycket lätt".into()],
                antal: None,
            }],
            ..SurveySettings::default()
        };
        let r = compute(&habo_contact(), &settings, Rule::default());
        assert_eq!(r.questions[0].positive_labels(), vec!["Mycket lätt"]);
        let settings = SurveySettings {
            positiva: vec![PositiveRule {
                fraga: "Hur lätt eller svårt är det att få kontakt?".into(),
                undersokning: Some("Annan enkät".into()),
                alternativ: vec![],
                antal: Some(3),
            }],
            ..SurveySettings::default()
        };
        let r = compute(&habo_contact(), &settings, Rule::default());
        assert_eq!(r.questions[0].positive_labels().len(), 2);
    }

    #[test]
    fn fewer_answers_than_the_minimum_suppress_the_survey_and_the_question() {
        let s = survey(
            vec![
                opt("Ja", 2, None),
                opt("Nej", 1, None),
                opt("Vet inte", 3, None),
            ],
            Some(4),
        );
        let r = compute(&s, &SurveySettings::default(), Rule::default());
        assert!(r.suppressed);
        assert!(r.questions[0].suppressed);
        let s = survey(vec![opt("Ja", 2, None), opt("Vet inte", 9, None)], Some(11));
        let r = compute(&s, &SurveySettings::default(), Rule::default());
        assert!(!r.suppressed);
        assert!(r.questions[0].suppressed, "a base of 2 is too small");
    }

    #[test]
    fn without_antal_svar_the_largest_question_total_counts() {
        let s = survey(vec![opt("Ja", 4, None), opt("Nej", 3, None)], None);
        let r = compute(&s, &SurveySettings::default(), Rule::default());
        assert_eq!(r.respondents, Some(7));
        assert_eq!(pct(r.rate, 0), 17);
    }

    /// Options with `counts`, the last `outside` of them outside the base and the first two in
    /// the base positive.
    fn options_of(counts: &[i64], outside: usize) -> Vec<OptionResult> {
        let n = counts.len();
        counts
            .iter()
            .enumerate()
            .map(|(i, &count)| OptionResult {
                label: format!("{i}"),
                count,
                share: None,
                national: None,
                in_base: i + outside < n,
                positive: i < 2 && i + outside < n,
            })
            .collect()
    }

    #[test]
    fn a_lone_answer_is_not_given_away_by_andel_positiva_of_zero() {
        // Regression: 0, 0, 1 with the first two positive and everyone answering. Andel
        // positiva 0 % of a known base would give the 1 away: it must be hidden too.
        let options = options_of(&[0, 0, 1], 0);
        let hidden = protect(&options, 1, 1, Some(1), Rule::default());
        assert!(hidden.options[2] && hidden.positive, "{hidden:?}");
    }

    proptest::proptest! {
        #[test]
        fn no_hidden_answer_count_can_be_recovered(
            counts in proptest::collection::vec(0i64..9, 2..6),
            outside in 0usize..2,
            everyone_answered in proptest::bool::ANY,
        ) {
            let n = counts.len();
            let options = options_of(&counts, outside);
            let base: i64 = options.iter().filter(|o| o.in_base).map(|o| o.count).sum();
            let total: i64 = counts.iter().sum();
            let respondents = everyone_answered.then_some(total);
            let (g, _) = question_grid(&options, base, total, respondents);
            let hidden = g.protect(Rule::default());
            for (cell, has_other) in crate::compute::suppress::tests::alternatives(&g, &hidden) {
                let primary = cell < n && Rule::default().hides(counts[cell]);
                proptest::prop_assert!(has_other || !primary, "{counts:?} outside {outside}: option {cell} is determined");
            }
            for (i, &c) in counts.iter().enumerate() {
                proptest::prop_assert!(!Rule::default().hides(c) || hidden[i]);
            }
        }
    }

    #[test]
    fn default_positive_counts() {
        assert_eq!(
            (0..7).map(default_positive_count).collect::<Vec<_>>(),
            vec![0, 1, 1, 1, 2, 2, 2]
        );
    }

    #[test]
    fn outside_base_matches_parts_of_labels_folded() {
        let s = SurveySettings::default();
        assert!(outside_base(&s, "Vet inte/Ingen åsikt"));
        assert!(outside_base(&s, "VET EJ"));
        assert!(outside_base(&s, "Ej aktuellt för mig"));
        assert!(!outside_base(&s, "Mycket nöjd"));
    }
}
