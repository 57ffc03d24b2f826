//! Telling national shares typed as fractions from shares in percent, per table. Excel shows
//! the fraction 0,40 formatted as "40 %", and a file read cell by cell gets 0,4: read as
//! percent it would be 0,4 %. A column of national shares where every value is at most 1 and
//! some value lies strictly between 0 and 1 (a distribution in percent cannot look like that)
//! is fractions, and is converted to percent with a notice; a column with any value above 1,
//! or written with a percent sign, is percent as it stands.

use crate::base::Loc;
use crate::base::Ratio;
use crate::ingest::RawCell;

/// Which option a national share was stored on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Key {
    pub name: String,
    pub year: i32,
    pub question: String,
    pub label: String,
}

/// The national shares of one table, as read.
#[derive(Debug, Default)]
pub(super) struct Shares {
    pub keys: Vec<Key>,
    /// The location of the first share, for the notice.
    pub first: Option<Loc>,
    percent: bool,
    fraction: bool,
}

/// The finding kind of the notice.
pub const NOTICE: &str = "andel-som-brak";

impl Shares {
    /// Notes a share read from `cell` (`value` as read, in percent) and stored under `key`.
    pub fn see(&mut self, cell: &RawCell, value: Ratio, key: Key, loc: impl FnOnce() -> Loc) {
        let written_as_percent = matches!(cell, RawCell::Text(t) if t.contains('%'));
        let p = value.to_f64() * 100.0;
        self.percent |= written_as_percent || p > 1.0;
        self.fraction |= p > 0.0 && p < 1.0;
        if self.first.is_none() {
            self.first = Some(loc());
        }
        self.keys.push(key);
    }

    /// Whether the shares are fractions of 1, to be multiplied by 100.
    pub fn are_fractions(&self) -> bool {
        self.fraction && !self.percent
    }

    /// The notice, located at the first share.
    pub fn notice() -> String {
        "alla nationella andelar i kolumnen är högst 1 (till exempel 0,40); de läses som andelar av 1 (så som Excel lagrar \"40 %\") och räknas om till procent (40 %). Skriv andelarna i procent (40) om det inte stämmer".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> Key {
        Key {
            name: "Hemtjänst".into(),
            year: 2022,
            question: "Trivs du?".into(),
            label: "Ja".into(),
        }
    }

    fn seen(values: &[(&str, f64)]) -> Shares {
        let mut s = Shares::default();
        for &(text, p) in values {
            let cell = RawCell::text(text);
            s.see(&cell, Ratio::from_percent(p).unwrap(), key(), || {
                Loc::file("a.csv")
            });
        }
        s
    }

    #[test]
    fn a_column_of_values_at_most_one_is_fractions() {
        assert!(seen(&[("0,4", 0.4), ("0,6", 0.6)]).are_fractions());
        assert!(seen(&[("0,4", 0.4), ("1", 1.0), ("0", 0.0)]).are_fractions());
    }

    #[test]
    fn percent_above_one_or_with_a_percent_sign_is_kept() {
        assert!(!seen(&[("0,4", 0.4), ("40", 40.0)]).are_fractions());
        assert!(!seen(&[("0,4 %", 0.4), ("0,6 %", 0.6)]).are_fractions());
        // Whole zeros and ones alone say nothing.
        assert!(!seen(&[("1", 1.0), ("0", 0.0)]).are_fractions());
    }
}
