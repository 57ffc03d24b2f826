//! A municipality's position among all municipalities for one KPI and year: among the best
//! 25 %, the middle 50 % or the worst 25 %, respecting the KPI's direction. Pure.

use super::Direction;
use super::catalog::is_kommun;

/// Fewer municipalities with a value than this give no position: a quarter of a handful is
/// not a statement about the country.
pub const MIN_VALUES: usize = 20;

/// A position among all municipalities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Quartile {
    /// *Bland de bästa 25 %*.
    Best,
    /// *Mittersta 50 %*.
    Middle,
    /// *Bland de sämsta 25 %*.
    Worst,
}

impl Quartile {
    /// The Swedish text, e.g. "bland de bästa 25 %" (with a non-breaking space before %).
    pub fn text(self) -> &'static str {
        match self {
            Quartile::Best => "bland de bästa 25\u{a0}%",
            Quartile::Middle => "mittersta 50\u{a0}%",
            Quartile::Worst => "bland de sämsta 25\u{a0}%",
        }
    }
}

/// The position of `own` among `all` (Kolada id and value; the municipality itself may be
/// among them or not).
///
/// Only municipalities count: four-digit ids that are neither riket (`0000`) nor a region
/// (`00xx`, type L), so groups (`G…`), regions and riket in `all` are ignored, and so are
/// missing values. Returns `None` when `own` is missing, when `direction` is `None`, or when
/// fewer than [`MIN_VALUES`] municipalities have a value.
///
/// The rule, with `n` the number of municipalities with a value (the own one included):
/// - `better` = how many have a value strictly better than `own` (higher when higher is
///   better), `worse` = how many have one strictly worse. Ties are neither, so tied
///   municipalities share the best rank of their tie (competition ranking: 1, 2, 2, 4).
/// - Best 25 % when its rank `better + 1` is at most `n / 4`, i.e. `4 × (better + 1) ≤ n`.
/// - Worst 25 % when its rank from below `worse + 1` is at most `n / 4`.
/// - When both hold (a tie so large that the value is both among the best and the worst
///   quarter, e.g. every municipality has the same value) no extreme is claimed: middle 50 %.
/// - Otherwise middle 50 %.
pub fn quartile_position(
    own: Option<f64>,
    all: &[(&str, Option<f64>)],
    direction: Option<Direction>,
) -> Option<Quartile> {
    let own = own.filter(|v| v.is_finite())?;
    let direction = direction?;
    let values: Vec<f64> = all
        .iter()
        .filter(|(id, _)| is_kommun(id))
        .filter_map(|(_, v)| v.filter(|v| v.is_finite()))
        .collect();
    let mut n = values.len();
    if !values.contains(&own) {
        n += 1;
    }
    if n < MIN_VALUES {
        return None;
    }
    let higher = values.iter().filter(|&&v| v > own).count();
    let lower = values.iter().filter(|&&v| v < own).count();
    let (better, worse) = match direction {
        Direction::HigherIsBetter => (higher, lower),
        Direction::LowerIsBetter => (lower, higher),
    };
    let best = 4 * (better + 1) <= n;
    let worst = 4 * (worse + 1) <= n;
    Some(match (best, worst) {
        (true, false) => Quartile::Best,
        (false, true) => Quartile::Worst,
        _ => Quartile::Middle,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use Direction::{HigherIsBetter, LowerIsBetter};

    /// Municipalities 1001… with the given values.
    fn ids(values: &[f64]) -> Vec<(String, Option<f64>)> {
        values
            .iter()
            .enumerate()
            .map(|(i, v)| (format!("{}", 1001 + i), Some(*v)))
            .collect()
    }

    fn pos(own: f64, values: &[f64], d: Direction) -> Option<Quartile> {
        let all = ids(values);
        let refs: Vec<(&str, Option<f64>)> = all.iter().map(|(i, v)| (i.as_str(), *v)).collect();
        quartile_position(Some(own), &refs, Some(d))
    }

    fn one_to(n: usize) -> Vec<f64> {
        (1..=n).map(|i| i as f64).collect()
    }

    #[test]
    fn higher_is_better_puts_the_top_quarter_first() {
        let v = one_to(40); // n = 40, a quarter is 10 municipalities
        assert_eq!(pos(40.0, &v, HigherIsBetter), Some(Quartile::Best));
        assert_eq!(
            pos(31.0, &v, HigherIsBetter),
            Some(Quartile::Best),
            "rank 10"
        );
        assert_eq!(
            pos(30.0, &v, HigherIsBetter),
            Some(Quartile::Middle),
            "rank 11"
        );
        assert_eq!(pos(11.0, &v, HigherIsBetter), Some(Quartile::Middle));
        assert_eq!(
            pos(10.0, &v, HigherIsBetter),
            Some(Quartile::Worst),
            "rank 10 from below"
        );
        assert_eq!(pos(1.0, &v, HigherIsBetter), Some(Quartile::Worst));
    }

    #[test]
    fn lower_is_better_turns_it_round() {
        let v = one_to(40);
        assert_eq!(pos(1.0, &v, LowerIsBetter), Some(Quartile::Best));
        assert_eq!(pos(10.0, &v, LowerIsBetter), Some(Quartile::Best));
        assert_eq!(pos(11.0, &v, LowerIsBetter), Some(Quartile::Middle));
        assert_eq!(pos(31.0, &v, LowerIsBetter), Some(Quartile::Worst));
        assert_eq!(pos(40.0, &v, LowerIsBetter), Some(Quartile::Worst));
    }

    #[test]
    fn ties_share_the_best_rank_of_their_tie() {
        // Nine above, then twelve tied at 50, then the rest: the tie's best rank is 10 ≤ 40/4.
        let mut v: Vec<f64> = (0..9).map(|i| 100.0 - i as f64).collect();
        v.extend(std::iter::repeat_n(50.0, 12));
        v.extend((0..19).map(|i| i as f64));
        assert_eq!(v.len(), 40);
        assert_eq!(pos(50.0, &v, HigherIsBetter), Some(Quartile::Best));
        // Ten above: rank 11, no longer among the best.
        v[20] = 99.5;
        assert_eq!(pos(50.0, &v, HigherIsBetter), Some(Quartile::Middle));
    }

    #[test]
    fn a_tie_of_everyone_claims_no_extreme() {
        let v = vec![100.0; 30];
        assert_eq!(pos(100.0, &v, HigherIsBetter), Some(Quartile::Middle));
        assert_eq!(pos(100.0, &v, LowerIsBetter), Some(Quartile::Middle));
    }

    #[test]
    fn the_own_value_counts_even_when_not_in_the_list() {
        let v = one_to(39);
        assert_eq!(pos(100.0, &v, HigherIsBetter), Some(Quartile::Best));
        assert_eq!(pos(0.0, &v, HigherIsBetter), Some(Quartile::Worst));
    }

    #[test]
    fn riket_regions_groups_and_missing_values_do_not_count() {
        let mut all: Vec<(&str, Option<f64>)> = vec![
            ("0000", Some(1000.0)),
            ("0001", Some(1000.0)),
            ("G2328", Some(1000.0)),
            ("1002", None),
        ];
        let own_ids = ids(&one_to(19));
        all.extend(own_ids.iter().map(|(i, v)| (i.as_str(), *v)));
        // 19 municipalities and the own one: 20, exactly enough; 19.5 is the best.
        assert_eq!(
            quartile_position(Some(19.5), &all, Some(HigherIsBetter)),
            Some(Quartile::Best)
        );
        all.pop();
        assert_eq!(
            quartile_position(Some(19.5), &all, Some(HigherIsBetter)),
            None,
            "too few"
        );
    }

    #[test]
    fn no_direction_or_no_value_gives_no_position() {
        let all = ids(&one_to(40));
        let refs: Vec<(&str, Option<f64>)> = all.iter().map(|(i, v)| (i.as_str(), *v)).collect();
        assert_eq!(quartile_position(Some(5.0), &refs, None), None);
        assert_eq!(quartile_position(None, &refs, Some(HigherIsBetter)), None);
    }

    #[test]
    fn texts_are_swedish() {
        assert_eq!(Quartile::Best.text(), "bland de bästa 25\u{a0}%");
        assert_eq!(Quartile::Middle.text(), "mittersta 50\u{a0}%");
        assert_eq!(Quartile::Worst.text(), "bland de sämsta 25\u{a0}%");
    }
}
