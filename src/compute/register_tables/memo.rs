//! Counts per year of the register's records, each computed once per report: a filter asked
//! again is looked up, and a filter that ends in a per-value condition (unit, event type,
//! assessment) is answered from one pass over the register that counts every value of the
//! filter before it at once. The tables ask for hundreds of counts; the register is read a
//! few times instead of once per count.

use std::cell::RefCell;
use std::collections::BTreeMap;

use crate::compute::trace::{Cond, Filter};
use crate::model::Record;

/// Counts already computed, by filter; raw counts per year of the window.
#[derive(Default)]
pub struct Memo {
    counts: RefCell<BTreeMap<Filter, Vec<i64>>>,
    /// By base filter and kind of condition: the counts of every value of the condition.
    groups: RefCell<BTreeMap<(Filter, u8), PerValue>>,
}

/// Counts per year by the value of one condition.
type PerValue = BTreeMap<Cond, Vec<i64>>;

/// The kind of a per-value condition: one that holds exactly when the record's value is the
/// condition's.
fn per_value(c: Cond) -> Option<u8> {
    match c {
        Cond::Unit(_) => Some(0),
        Cond::EventType(_) => Some(1),
        Cond::Assessment(_) => Some(2),
        _ => None,
    }
}

/// The condition of `kind` that the record's own value meets.
fn value_of(kind: u8, r: &Record) -> Cond {
    match kind {
        0 => Cond::Unit(r.unit),
        1 => Cond::EventType(r.event_type),
        _ => Cond::Assessment(r.assessment),
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
                let key = (Filter(base.to_vec()), kind);
                let mut groups = self.groups.borrow_mut();
                let group = groups.entry(key).or_insert_with(|| {
                    let base = Filter(base.to_vec());
                    let mut group = PerValue::new();
                    for r in records() {
                        if let Some(i) = window.slot(r)
                            && base.matches(r)
                        {
                            group
                                .entry(value_of(kind, r))
                                .or_insert_with(|| vec![0; window.len])[i] += 1;
                        }
                    }
                    group
                });
                group
                    .get(&last)
                    .cloned()
                    .unwrap_or_else(|| vec![0; window.len])
            }
            _ => {
                let mut counts = vec![0i64; window.len];
                for r in records() {
                    if let Some(i) = window.slot(r)
                        && f.matches(r)
                    {
                        counts[i] += 1;
                    }
                }
                counts
            }
        };
        self.counts.borrow_mut().insert(f.clone(), counts.clone());
        counts
    }
}
