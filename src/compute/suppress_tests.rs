//! Tests of the confidentiality rule: its edges, and properties proving that no hidden count
//! can be recovered from what a table shows.

use super::*;
use proptest::prelude::*;

#[test]
fn zero_is_shown_one_to_four_are_hidden_five_is_shown() {
    let rule = Rule::default();
    let hidden: Vec<bool> = (0..7).map(|n| rule.hides(n)).collect();
    assert_eq!(hidden, vec![false, true, true, true, true, false, false]);
}

#[test]
fn the_threshold_is_configurable() {
    let rule = Rule { min: 3 };
    assert!(rule.hides(2));
    assert!(!rule.hides(3));
    assert!(!Rule { min: 1 }.hides(1), "1 turns suppression off");
    assert!(rule.base_too_small(2));
    assert!(!rule.base_too_small(3));
}

#[test]
fn a_single_small_cell_in_a_column_with_a_total_gets_a_complement() {
    // A column 12, 3, 7 with total 22: 3 is hidden, and the next smallest (7) with it.
    let mut g = Grid::default();
    let cells: Vec<usize> = [12, 3, 7]
        .iter()
        .map(|&v| g.push(Cell::sensitive(v)))
        .collect();
    let total = g.push(Cell::fixed(22));
    g.line(cells, total);
    assert_eq!(g.protect(Rule::default()), vec![false, true, true, false]);
}

#[test]
fn a_fixed_total_forces_the_complement_among_the_parts_and_a_lone_part_stays_exposed() {
    let mut g = Grid::default();
    let a = g.push(Cell::sensitive(3));
    let b = g.push(Cell::sensitive(0));
    let t = g.push(Cell::sum(3, 1));
    g.line(vec![a, b], t);
    // The zero would not protect 3 (3 + x = 3): the total is hidden instead.
    assert_eq!(g.protect(Rule::default()), vec![true, false, true]);
}

#[test]
fn nothing_small_hides_nothing() {
    let m = Margins::new(&[vec![5, 0, 9], vec![12, 7, 0]]);
    assert!(m.grid.protect(Rule::default()).iter().all(|h| !h));
}

#[test]
fn a_small_cell_in_a_table_with_margins_hides_a_rectangle() {
    let m = Margins::new(&[vec![2, 10, 9], vec![12, 7, 8], vec![6, 6, 20]]);
    let hidden = m.grid.protect(Rule::default());
    let shown: Vec<Vec<bool>> = m
        .interior
        .iter()
        .map(|row| row.iter().map(|&i| hidden[i]).collect())
        .collect();
    // 2 is hidden with complements in its row and column and a cell closing the rectangle.
    assert!(shown[0][0]);
    assert!(
        shown.iter().flatten().filter(|h| **h).count() >= 4,
        "{shown:?}"
    );
    assert!(exposed(&m.grid, &hidden).is_empty());
}

/// The primary cells (hidden for their own sake) that the shown sums determine.
fn exposed(grid: &Grid, hidden: &[bool]) -> Vec<usize> {
    grid.determined(hidden)
        .into_iter()
        .filter(|&i| is_primary(grid, i))
        .collect()
}

fn is_primary(grid: &Grid, i: usize) -> bool {
    grid.cells[i].sensitive && Rule::default().hides(grid.cells[i].value)
}

/// Every assignment of nonnegative integers to the hidden cells that agrees with every shown
/// sum; for each hidden cell, whether a value other than the true one is possible.
pub(crate) fn alternatives(grid: &Grid, hidden: &[bool]) -> Vec<(usize, bool)> {
    let vars: Vec<usize> = (0..grid.cells.len()).filter(|&i| hidden[i]).collect();
    let bound: i64 = grid.cells.iter().map(|c| c.value).max().unwrap_or(0).max(1) * 2;
    let mut value: Vec<i64> = grid.cells.iter().map(|c| c.value).collect();
    let mut other = vec![false; vars.len()];
    fn consistent(grid: &Grid, value: &[i64], assigned: &dyn Fn(usize) -> bool) -> bool {
        grid.lines.iter().all(|l| {
            let all = l.parts.iter().chain([&l.total]).all(|&m| assigned(m));
            !all || l.parts.iter().map(|&p| value[p]).sum::<i64>() == value[l.total]
        })
    }
    fn search(
        k: usize,
        vars: &[usize],
        grid: &Grid,
        hidden: &[bool],
        bound: i64,
        value: &mut Vec<i64>,
        other: &mut Vec<bool>,
    ) {
        if other.iter().all(|o| *o) {
            return;
        }
        let assigned = |m: usize| !hidden[m] || vars[..k].contains(&m);
        if !consistent(grid, value, &assigned) {
            return;
        }
        if k == vars.len() {
            for (j, &v) in vars.iter().enumerate() {
                if value[v] != grid.cells[v].value {
                    other[j] = true;
                }
            }
            return;
        }
        for x in 0..=bound {
            value[vars[k]] = x;
            search(k + 1, vars, grid, hidden, bound, value, other);
        }
        value[vars[k]] = grid.cells[vars[k]].value;
    }
    search(0, &vars, grid, hidden, bound, &mut value, &mut other);
    vars.into_iter().zip(other).collect()
}

fn small_table() -> impl Strategy<Value = Vec<Vec<i64>>> {
    (1usize..=3, 2usize..=3)
        .prop_flat_map(|(r, c)| proptest::collection::vec(proptest::collection::vec(0i64..9, c), r))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn every_line_hides_none_or_at_least_two_and_no_cell_is_determined(
        values in proptest::collection::vec(proptest::collection::vec(0i64..30, 4), 1..6)
    ) {
        let m = Margins::new(&values);
        let hidden = m.grid.protect(Rule::default());
        for line in &m.grid.lines {
            let n = line.members().filter(|&i| hidden[i]).count();
            prop_assert!(n != 1, "a line hides exactly one cell");
        }
        prop_assert!(exposed(&m.grid, &hidden).is_empty());
        for (i, c) in m.grid.cells.iter().enumerate() {
            if c.sensitive && Rule::default().hides(c.value) {
                prop_assert!(hidden[i]);
            }
        }
    }

    #[test]
    fn no_hidden_count_can_be_recovered_from_the_shown_cells(values in small_table()) {
        let m = Margins::new(&values);
        let hidden = m.grid.protect(Rule::default());
        for (cell, has_other) in alternatives(&m.grid, &hidden) {
            let primary = is_primary(&m.grid, cell);
            prop_assert!(has_other || !primary, "cell {cell} of {values:?} is determined: {hidden:?}");
        }
    }

    #[test]
    fn a_column_with_a_fixed_total_never_exposes_a_hidden_part(
        values in proptest::collection::vec(0i64..12, 2..6)
    ) {
        let mut g = Grid::default();
        let cells: Vec<usize> = values.iter().map(|&v| g.push(Cell::sensitive(v))).collect();
        let total = g.push(Cell::fixed(values.iter().sum()));
        g.line(cells, total);
        let hidden = g.protect(Rule::default());
        let exposed = hidden.iter().filter(|h| **h).count() == 1;
        // Only when the small count is the only nonzero part does the fixed total give it away.
        let nonzero = values.iter().filter(|v| **v > 0).count();
        prop_assert!(!exposed || nonzero == 1);
        if !exposed {
            for (cell, has_other) in alternatives(&g, &hidden) {
                let primary = is_primary(&g, cell);
                prop_assert!(has_other || !primary, "cell {cell} of {values:?}");
            }
        }
    }
}
