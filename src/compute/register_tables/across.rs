//! Parts that add up to the whole (the enheter, or the förvaltningar): for every count the
//! whole organisation shows, the parts' counts and the rows in no part sum to it. A count one
//! part hides must not follow from the others' by subtraction, so it gets a complement in
//! another part.

use std::collections::{BTreeMap, BTreeSet};

use super::part::Measure;
use crate::base::Rule;
use crate::base::Value;
use crate::compute::suppress::{Cell, Grid};
use crate::compute::table::Table;
use crate::compute::trace::{Cond, Source};
use crate::model::Record;

/// One part's counts by measure: the count and whether the part hides it. Counts per enhet are
/// left out: the per-unit rule and the whole's hidden cells cover them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts(BTreeMap<Measure, (i64, bool)>);

impl Counts {
    /// The counts of `tables`, recounted from `records` (so a hidden count has its value too).
    pub fn of(tables: &[Table], records: &[Record]) -> Counts {
        let mut out: BTreeMap<Measure, (i64, bool)> = BTreeMap::new();
        for t in tables {
            for row in &t.rows {
                for (i, v) in row.values.iter().enumerate() {
                    let Some(Source::Count(f)) = row.source(i) else {
                        continue;
                    };
                    let hidden = match v {
                        Value::Count { .. } => false,
                        Value::Suppressed => true,
                        _ => continue,
                    };
                    if f.0.iter().any(|c| matches!(c, Cond::Unit(_))) {
                        continue;
                    }
                    let m: Measure = f.0.iter().copied().collect();
                    let n = || records.iter().filter(|r| f.matches(r)).count() as i64;
                    out.entry(m).or_insert_with(|| (n(), false)).1 |= hidden;
                }
            }
        }
        Counts(out)
    }
}

/// For each of `parts` (which together with the rows in no part make up `whole`), the measures
/// it must hide besides those it hides already, so that no hidden count follows from the
/// whole's count minus the other parts' shown counts. A part that does not show a measure
/// counts as known (its "–" or missing row says none), as do the rows in no part.
pub fn complements(whole: &Counts, parts: &[&Counts], rule: Rule) -> Vec<BTreeSet<Measure>> {
    let mut out = vec![BTreeSet::new(); parts.len()];
    for (m, &(total, whole_hidden)) in &whole.0 {
        let members: Vec<(usize, i64, bool)> = parts
            .iter()
            .enumerate()
            .filter_map(|(p, c)| c.0.get(m).map(|&(n, h)| (p, n, h)))
            .collect();
        if whole_hidden || !members.iter().any(|(_, _, h)| *h) {
            continue;
        }
        let mut g = Grid::default();
        let mut forced = Vec::new();
        let mut cells = Vec::new();
        for &(_, n, h) in &members {
            cells.push(g.push(Cell::sensitive(n)));
            forced.push(h);
        }
        let shown_sum: i64 = members.iter().map(|(_, n, _)| n).sum();
        let rest = g.push(Cell::fixed(total - shown_sum));
        let t = g.push(Cell::fixed(total));
        forced.extend([false, false]);
        let mut parts_line = cells.clone();
        parts_line.push(rest);
        g.line(parts_line, t);
        let hidden = g.protect_with(rule, &forced);
        for (k, &(p, _, _)) in members.iter().enumerate() {
            if hidden[cells[k]] && !forced[k] {
                out[p].insert(m.clone());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;

    fn counts(n: i64, hidden: bool) -> Counts {
        let m: Measure = [Cond::Kind(Kind::Complaint), Cond::Year(2022)]
            .into_iter()
            .collect();
        Counts(BTreeMap::from([(m, (n, hidden))]))
    }

    /// How many more measures each part must hide, of parts (count, hidden) adding up to 21.
    fn more(parts: &[(i64, bool)]) -> Vec<usize> {
        let parts: Vec<Counts> = parts.iter().map(|&(n, h)| counts(n, h)).collect();
        let refs: Vec<&Counts> = parts.iter().collect();
        let more = complements(&counts(21, false), &refs, Rule::default());
        more.iter().map(BTreeSet::len).collect()
    }

    #[test]
    fn one_part_hiding_a_count_makes_another_hide_its_own() {
        // 3 = 21 - 6 - 12: the smallest other part is hidden too.
        assert_eq!(more(&[(3, true), (6, false), (12, false)]), [0, 1, 0]);
    }

    #[test]
    fn two_parts_hiding_already_need_nothing_more() {
        assert_eq!(more(&[(3, true), (6, true), (12, false)]), [0, 0, 0]);
    }
}
