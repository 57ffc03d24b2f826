//! Tests of the survey rules: base, shares, andel positiva, svarsfrekvens and protection.

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
