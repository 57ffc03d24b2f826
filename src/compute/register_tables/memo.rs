//! Counts per year of the register's records, each computed once per report: a filter asked
//! again is looked up, and a filter that ends in a per-value condition (unit, event type,
//! assessment) is answered from one pass over the register that counts every value of the
//! filter before it at once. The tables ask for hundreds of counts; the register is read a
//! few times instead of once per count.

use std::cell::{OnceCell, RefCell};
use std::collections::BTreeMap;

use crate::compute::trace::LabelPick;
use crate::compute::trace::{Cond, Filter};
use crate::model::{LabelSet, Record};

/// Counts already computed, by filter; raw counts per year of the window.
#[derive(Default)]
pub struct Memo {
    counts: RefCell<BTreeMap<Filter, Vec<i64>>>,
    /// By base filter and kind of condition: the counts of every value of the condition.
    groups: RefCell<BTreeMap<(Filter, u8), PerValue>>,
    /// The records' places in the register by their year, in register order.
    by_year: OnceCell<BTreeMap<i32, Vec<u32>>>,
}

impl Memo {
    /// The places of the records of `year` among `records`, indexed on first use.
    pub fn of_year(&self, records: &[Record], year: i32) -> &[u32] {
        let by_year = self.by_year.get_or_init(|| {
            let mut by_year: BTreeMap<i32, Vec<u32>> = BTreeMap::new();
            for (i, r) in records.iter().enumerate() {
                by_year.entry(r.year).or_default().push(i as u32);
            }
            by_year
        });
        by_year.get(&year).map_or(&[], Vec::as_slice)
    }
}

/// Counts per year by the value of one condition.
type PerValue = rustc_hash::FxHashMap<Cond, Vec<i64>>;

/// The kind of a per-value condition: one that holds exactly when the record's value is the
/// condition's, or (labels) when the record's set holds it.
fn per_value(c: Cond) -> Option<u8> {
    match c {
        Cond::Unit(_) => Some(0),
        Cond::EventType(_) => Some(1),
        Cond::Assessment(_) => Some(2),
        Cond::Label { causes, pick } if pick_bit(pick).is_some() => Some(3 + causes as u8),
        Cond::CommentKind(_) => Some(5),
        Cond::Dim(d, _) => Some(6 + d.index() as u8),
        Cond::Month(_) => Some(9),
        Cond::Department(_) => Some(10),
        Cond::Kind(_) => Some(11),
        _ => None,
    }
}

/// The bit of a label set a pick looks at; `None` for `Empty`, and for a category beyond the
/// set's bits (never built).
fn pick_bit(pick: LabelPick) -> Option<Option<usize>> {
    match pick {
        LabelPick::Category(i) if i <= LabelSet::UNKNOWN_BIT => Some(Some(i)),
        LabelPick::Category(_) => None,
        LabelPick::Unknown => Some(Some(LabelSet::UNKNOWN_BIT)),
        LabelPick::Empty => Some(None),
    }
}

/// The conditions of `kind` that the record's own values meet, passed to `each`.
fn values_of(kind: u8, r: &Record, mut each: impl FnMut(Cond)) {
    match kind {
        0 => each(Cond::Unit(r.unit)),
        1 => each(Cond::EventType(r.event_type)),
        2 => each(Cond::Assessment(r.assessment)),
        5 => each(Cond::CommentKind(r.comment_kind)),
        6..=8 => {
            let d = crate::model::Dim::ALL[usize::from(kind - 6)];
            each(Cond::Dim(d, r.dims[d.index()]));
        }
        9 => each(Cond::Month(r.month)),
        10 => each(Cond::Department(r.department)),
        11 => each(Cond::Kind(r.kind)),
        _ => {
            let causes = kind == 4;
            let set = if causes { r.causes } else { r.actions };
            if set.is_empty() {
                each(Cond::Label {
                    causes,
                    pick: LabelPick::Empty,
                });
            }
            for bit in (0..=LabelSet::UNKNOWN_BIT).filter(|&b| set.contains(b)) {
                each(Cond::Label {
                    causes,
                    pick: LabelPick::Category(bit),
                });
            }
        }
    }
}

/// The condition a group holds the counts of `c` under: a label pick by its bit.
fn group_key(c: Cond) -> Cond {
    match c {
        Cond::Label { causes, pick } => match pick_bit(pick) {
            Some(Some(bit)) => Cond::Label {
                causes,
                pick: LabelPick::Category(bit),
            },
            _ => c,
        },
        _ => c,
    }
}

/// The window of years counts are made for: the first year and how many.
#[derive(Clone, Copy)]
pub struct Window {
    pub first: i32,
    pub len: usize,
}

impl Window {
    fn slot(self, r: &Record) -> Option<usize> {
        let i = (r.year - self.first) as usize;
        (r.year >= self.first && i < self.len).then_some(i)
    }
}

impl Memo {
    /// The number of records `f` selects in each year of `window`.
    pub fn counts<'r>(
        &self,
        records: impl Fn() -> std::slice::Iter<'r, Record>,
        window: Window,
        f: &Filter,
    ) -> Vec<i64> {
        if let Some(c) = self.counts.borrow().get(f) {
            return c.clone();
        }
        let counts = match f.0.split_last() {
            Some((&last, base)) if per_value(last).is_some() => {
                let kind = per_value(last).expect("per-value");
                self.group(records, window, base, kind)
                    .get(&group_key(last))
                    .cloned()
                    .unwrap_or_else(|| vec![0; window.len])
            }
            _ => {
                let count = |part: &[Record]| {
                    let mut counts = vec![0i64; window.len];
                    for r in part {
                        if let Some(i) = window.slot(r)
                            && f.matches(r)
                        {
                            counts[i] += 1;
                        }
                    }
                    counts
                };
                let (mut counts, other) = in_halves(records().as_slice(), count);
                counts.iter_mut().zip(other).for_each(|(s, n)| *s += n);
                counts
            }
        };
        self.counts.borrow_mut().insert(f.clone(), counts.clone());
        counts
    }

    /// Every value of the per-value condition `probe` (its value itself does not matter) among
    /// the records `base` selects in `window`, with its counts per year; from the same pass
    /// that answers the counts of `base` and one value, so asking both costs one pass.
    pub fn per_value<'r>(
        &self,
        records: impl Fn() -> std::slice::Iter<'r, Record>,
        window: Window,
        base: &Filter,
        probe: Cond,
    ) -> Vec<(Cond, Vec<i64>)> {
        let Some(kind) = per_value(probe) else {
            return Vec::new();
        };
        let group = self.group(records, window, &base.0, kind);
        group.iter().map(|(c, n)| (*c, n.clone())).collect()
    }

    /// The group of `base` and `kind`, counted if it was not yet.
    fn group<'r>(
        &self,
        records: impl Fn() -> std::slice::Iter<'r, Record>,
        window: Window,
        base: &[Cond],
        kind: u8,
    ) -> std::cell::RefMut<'_, PerValue> {
        std::cell::RefMut::map(self.groups.borrow_mut(), |groups| {
            groups
                .entry((Filter(base.to_vec()), kind))
                .or_insert_with(|| {
                    let base = Filter(base.to_vec());
                    let count = |part: &[Record]| {
                        let mut group = PerValue::default();
                        for r in part {
                            if let Some(i) = window.slot(r)
                                && base.matches(r)
                            {
                                values_of(kind, r, |value| {
                                    group.entry(value).or_insert_with(|| vec![0; window.len])[i] +=
                                        1;
                                });
                            }
                        }
                        group
                    };
                    let (mut group, other) = in_halves(records().as_slice(), count);
                    for (value, counts) in other {
                        let sum = group.entry(value).or_insert_with(|| vec![0; window.len]);
                        sum.iter_mut().zip(counts).for_each(|(s, n)| *s += n);
                    }
                    group
                })
        })
    }
}

/// Registers at least this long are counted on two cores, half each.
const HALVES_FROM: usize = 50_000;

/// `count` of each half of `records`, the second half on another thread when the register is
/// long enough to be worth it (else the second is `count` of nothing).
fn in_halves<T: Send>(records: &[Record], count: impl Fn(&[Record]) -> T + Sync) -> (T, T) {
    if records.len() < HALVES_FROM {
        return (count(records), count(&[]));
    }
    let (first, second) = records.split_at(records.len() / 2);
    std::thread::scope(|s| {
        let other = s.spawn(|| count(second));
        let mine = count(first);
        (
            mine,
            other
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p)),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Kind, Status};

    /// A register of `n` records whose labels, units and years vary with the index.
    fn records(n: usize) -> Vec<Record> {
        (0..n)
            .map(|i| {
                let mut causes = LabelSet::default();
                for bit in [i % 5, i % 7, 63 * (i % 11 == 0) as usize] {
                    if i % 3 != 0 {
                        causes.insert(bit);
                    }
                }
                Record {
                    id: i.to_string().into(),
                    row: i as u32 + 2,
                    kind: if i % 5 == 0 {
                        Kind::DataBreach
                    } else {
                        Kind::Deviation
                    },
                    year: 2020 + (i % 4) as i32,
                    month: 1 + (i % 12) as u32,
                    event: None,
                    reported: None,
                    closed: None,
                    status: Status::Unknown,
                    department: None,
                    unit: None,
                    event_type: None,
                    comment_kind: None,
                    dims: [None; 3],
                    assessment: None,
                    lex_sarah: i % 2 == 0,
                    ivo: None,
                    imy: None,
                    causes,
                    actions: LabelSet::default(),
                }
            })
            .collect()
    }

    fn direct(records: &[Record], window: Window, f: &Filter) -> Vec<i64> {
        let mut counts = vec![0; window.len];
        for r in records.iter().filter(|r| f.matches(r)) {
            if let Some(i) = window.slot(r) {
                counts[i] += 1;
            }
        }
        counts
    }

    #[test]
    fn the_records_of_a_year_are_its_own_in_register_order() {
        let records = records(1_000);
        let memo = Memo::default();
        for year in 2019..=2024 {
            let expected: Vec<u32> = (0..records.len() as u32)
                .filter(|&i| records[i as usize].year == year)
                .collect();
            assert_eq!(memo.of_year(&records, year), expected.as_slice(), "{year}");
        }
        assert_eq!(memo.of_year(&records, 2021).len(), 250);
        assert!(memo.of_year(&records, 2019).is_empty());
    }

    #[test]
    fn label_counts_from_one_pass_equal_each_filter_counted_alone() {
        // Below and above the length that is counted in halves.
        for n in [1_000, HALVES_FROM + 17] {
            let records = records(n);
            let memo = Memo::default();
            let window = Window {
                first: 2021,
                len: 3,
            };
            let base = [Cond::Kind(Kind::Deviation), Cond::LexSarah];
            let mut picks: Vec<LabelPick> = (0..8).map(LabelPick::Category).collect();
            picks.extend([
                LabelPick::Category(63),
                LabelPick::Unknown,
                LabelPick::Empty,
            ]);
            for pick in picks {
                let f = Filter::new(&base).and(Cond::Label { causes: true, pick });
                let counted = memo.counts(|| records.iter(), window, &f);
                assert_eq!(
                    counted,
                    direct(&records, window, &f),
                    "{n} records, {pick:?}"
                );
            }
            let f = Filter::new(&[Cond::Kind(Kind::DataBreach)]);
            let counted = memo.counts(|| records.iter(), window, &f);
            assert_eq!(counted, direct(&records, window, &f));
            assert!(counted.iter().all(|&c| c > 0));
        }
    }
}
