//! Exact rational numbers for shares, changes and medians, so that rounding for display
//! (half away from zero) is exact and never depends on binary floating point.

use std::cmp::Ordering;

/// `num / den` with `den > 0`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Ratio {
    pub num: i128,
    pub den: i128,
}

impl Ratio {
    /// `None` when `den` is zero: a share of nothing is not a number.
    pub fn new(num: i128, den: i128) -> Option<Ratio> {
        match den.cmp(&0) {
            Ordering::Equal => None,
            Ordering::Greater => Some(Ratio { num, den }),
            Ordering::Less => Some(Ratio {
                num: -num,
                den: -den,
            }),
        }
    }

    pub fn int(n: i64) -> Ratio {
        Ratio {
            num: n as i128,
            den: 1,
        }
    }

    /// Multiplies by an integer (e.g. 100 to turn a share into percent).
    pub fn scale(self, k: i128) -> Ratio {
        Ratio {
            num: self.num * k,
            den: self.den,
        }
    }

    /// A decimal number read from a file, exact to six decimals; `None` when not finite.
    pub fn from_f64(x: f64) -> Option<Ratio> {
        Ratio::from_percent(x * 100.0)
    }

    /// A percentage read from a file (e.g. 75.9) as a fraction of 1, exact to six decimals of
    /// the percentage; `None` for a value that is not finite.
    pub fn from_percent(p: f64) -> Option<Ratio> {
        const SCALE: f64 = 1e6;
        let scaled = (p * SCALE).round();
        if !scaled.is_finite() || scaled.abs() > 1e30 {
            return None;
        }
        Ratio::new(scaled as i128, 100 * SCALE as i128)
    }

    /// Compares the values (not the representations) of two ratios.
    pub fn cmp_value(&self, other: &Ratio) -> Ordering {
        (self.num * other.den).cmp(&(other.num * self.den))
    }

    pub fn to_f64(self) -> f64 {
        self.num as f64 / self.den as f64
    }

    /// Rounds to `decimals` places, half away from zero, returning the scaled integer
    /// (e.g. 42,86 with 1 decimal → 429).
    pub fn round_scaled(self, decimals: u32) -> i128 {
        let scaled = self.num * 10i128.pow(decimals);
        let q = (2 * scaled.abs() + self.den) / (2 * self.den);
        if scaled < 0 { -q } else { q }
    }

    /// `self − other` as the reader sees it: both rounded to `decimals` places of `self × scale`
    /// first (`scale` 100 for shares shown in percent, 1 for plain values), so a change column
    /// agrees with the figures printed beside it: 79 % → 90 % is +11 even when the unrounded
    /// shares (78,6 % and 90,4 %) differ by 11,8.
    pub fn shown_difference(self, other: Ratio, scale: i128, decimals: u32) -> Ratio {
        let a = self.scale(scale).round_scaled(decimals);
        let b = other.scale(scale).round_scaled(decimals);
        Ratio {
            num: a - b,
            den: scale * 10i128.pow(decimals),
        }
    }

    /// The relative change from `old` to `new` as a fraction; `None` when `old` is zero.
    pub fn change(old: i64, new: i64) -> Option<Ratio> {
        Ratio::new((new - old) as i128, old as i128)
    }

    /// The median of sorted integers; `None` for an empty slice.
    pub fn median(sorted: &[i64]) -> Option<Ratio> {
        let n = sorted.len();
        if n == 0 {
            return None;
        }
        if n % 2 == 1 {
            Some(Ratio::int(sorted[n / 2]))
        } else {
            Ratio::new(sorted[n / 2 - 1] as i128 + sorted[n / 2] as i128, 2)
        }
    }
}

impl std::ops::Add for Ratio {
    type Output = Ratio;

    fn add(self, other: Ratio) -> Ratio {
        Ratio {
            num: self.num * other.den + other.num * self.den,
            den: self.den * other.den,
        }
    }
}

impl std::ops::Sub for Ratio {
    type Output = Ratio;

    fn sub(self, other: Ratio) -> Ratio {
        self + Ratio {
            num: -other.num,
            den: other.den,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn percentages_from_files_are_exact_fractions() {
        let r = Ratio::from_percent(75.9).unwrap();
        assert_eq!(r.round_scaled(3), 759);
        assert_eq!(Ratio::from_percent(48.0).unwrap().round_scaled(2), 48);
        assert_eq!(Ratio::from_percent(f64::NAN), None);
    }

    #[test]
    fn a_shown_difference_is_the_difference_of_the_rounded_figures() {
        // 78,6 % and 90,4 % are shown as 79 % and 90 %: the change shown is +11, not +12.
        let before = Ratio::new(786, 1000).unwrap();
        let now = Ratio::new(904, 1000).unwrap();
        let d = now.shown_difference(before, 100, 0);
        assert_eq!(d.scale(100).round_scaled(0), 11);
        assert_eq!((now - before).scale(100).round_scaled(0), 12);
        // With one decimal: 78,6 → 90,4 is +11,8.
        assert_eq!(
            now.shown_difference(before, 100, 1)
                .scale(100)
                .round_scaled(1),
            118
        );
        // Plain values (scale 1): 12,46 and 10,04 shown as 12,5 and 10,0 differ by 2,5.
        let a = Ratio::new(1246, 100).unwrap();
        let b = Ratio::new(1004, 100).unwrap();
        assert_eq!(a.shown_difference(b, 1, 1).round_scaled(1), 25);
        assert_eq!(b.shown_difference(a, 1, 1).round_scaled(1), -25);
    }

    proptest! {
        #[test]
        fn a_shown_change_equals_the_shown_figures_subtracted(
            a in 0i128..=10_000, b in 0i128..=10_000, den in 1i128..=10_000, decimals in 0u32..=2,
        ) {
            let (a, b) = (Ratio::new(a, den).unwrap(), Ratio::new(b, den).unwrap());
            let d = a.shown_difference(b, 100, decimals);
            prop_assert_eq!(
                d.scale(100).round_scaled(decimals),
                a.scale(100).round_scaled(decimals) - b.scale(100).round_scaled(decimals)
            );
        }
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(Ratio::new(5, 2).unwrap().round_scaled(0), 3);
        assert_eq!(Ratio::new(-5, 2).unwrap().round_scaled(0), -3);
        assert_eq!(Ratio::new(3, 7).unwrap().scale(100).round_scaled(1), 429); // 42,857… → 42,9
        assert_eq!(Ratio::new(1, 7).unwrap().scale(100).round_scaled(1), 143); // 14,285… → 14,3
        assert_eq!(Ratio::new(2, 7).unwrap().scale(100).round_scaled(1), 286); // 28,571… → 28,6
        assert_eq!(Ratio::new(1, 8).unwrap().scale(100).round_scaled(0), 13); // 12,5 → 13
        assert_eq!(Ratio::new(-1, 8).unwrap().scale(100).round_scaled(0), -13);
    }

    #[test]
    fn seed_survey_shares_round_as_published() {
        // Håbo, ekonomiskt bistånd: 4/13 → 31 %, 7/13 → 54 %, 2/13 → 15 %.
        let pct = |n, d| Ratio::new(n, d).unwrap().scale(100).round_scaled(0);
        assert_eq!((pct(4, 13), pct(7, 13), pct(2, 13)), (31, 54, 15));
        assert_eq!(pct(16, 42), 38);
        assert_eq!(pct(15, 25), 60);
        assert_eq!(pct(7, 20), 35);
    }

    #[test]
    fn change_and_median() {
        assert_eq!(Ratio::change(0, 5), None);
        assert_eq!(
            Ratio::change(138, 155).unwrap().scale(100).round_scaled(0),
            12
        );
        assert_eq!(Ratio::median(&[]), None);
        assert_eq!(Ratio::median(&[1, 4, 9]), Some(Ratio::int(4)));
        assert_eq!(Ratio::median(&[1, 4, 9, 10]), Ratio::new(13, 2));
        assert_eq!(Ratio::new(1, 0), None);
        assert_eq!(Ratio::new(1, -2), Some(Ratio { num: -1, den: 2 }));
    }

    proptest! {
        #[test]
        fn rounding_is_within_half_a_unit(num in -1_000_000i128..1_000_000, den in 1i128..10_000, d in 0u32..4) {
            let r = Ratio::new(num, den).unwrap();
            let rounded = r.round_scaled(d);
            let exact = num * 10i128.pow(d);
            // |rounded*den - exact| <= den/2, i.e. the error is at most half a unit.
            prop_assert!((rounded * den - exact).abs() * 2 <= den);
        }

        #[test]
        fn rounding_is_symmetric(num in 0i128..1_000_000, den in 1i128..10_000, d in 0u32..4) {
            prop_assert_eq!(Ratio::new(-num, den).unwrap().round_scaled(d), -Ratio::new(num, den).unwrap().round_scaled(d));
        }
    }
}
