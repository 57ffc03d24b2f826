//! The confidentiality rule (*röjandekontroll*): which counts that describe people are not shown
//! (primary suppression, 0 < n < the threshold) and which further cells are hidden so that no
//! hidden count can be recomputed from what is shown (secondary suppression). The rule lives only
//! here; table builders describe their cells and sums as a [`Grid`] and ask which to hide.

use crate::base::Rule;

/// One cell of a grid: its count and how it may be treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    pub value: i64,
    /// Describes people: hidden when the rule says the count is too small.
    pub sensitive: bool,
    /// Published elsewhere (or required): never chosen as a complement.
    pub fixed: bool,
    /// What hiding the cell costs the reader; complements are chosen cheapest first, then
    /// smallest.
    pub cost: u8,
}

impl Cell {
    /// A count describing people, cost 1.
    pub fn sensitive(value: i64) -> Cell {
        Cell {
            value,
            sensitive: true,
            fixed: false,
            cost: 1,
        }
    }

    /// A sum that may be hidden as a complement, never for its own sake.
    pub fn sum(value: i64, cost: u8) -> Cell {
        Cell {
            value,
            sensitive: false,
            fixed: false,
            cost,
        }
    }

    /// A sum shown whatever happens (e.g. published in another table).
    pub fn fixed(value: i64) -> Cell {
        Cell {
            value,
            sensitive: false,
            fixed: true,
            cost: u8::MAX,
        }
    }
}

/// An additive relation a reader can use: the parts sum to the total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub parts: Vec<usize>,
    pub total: usize,
}

impl Line {
    fn members(&self) -> impl Iterator<Item = usize> + '_ {
        self.parts
            .iter()
            .copied()
            .chain(std::iter::once(self.total))
    }
}

/// Cells tied together by the sums a table shows.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    pub cells: Vec<Cell>,
    pub lines: Vec<Line>,
}

impl Grid {
    /// Adds a cell and returns its index.
    pub fn push(&mut self, cell: Cell) -> usize {
        self.cells.push(cell);
        self.cells.len() - 1
    }

    pub fn line(&mut self, parts: Vec<usize>, total: usize) {
        self.lines.push(Line { parts, total });
    }

    /// Which cells to hide: the primary cells, then complements until no line shows all but one
    /// of its cells and no hidden cell is determined by the shown sums (checked by elimination
    /// over the lines, so a chain of sums through several lines is caught too).
    pub fn protect(&self, rule: Rule) -> Vec<bool> {
        self.protect_with(rule, &vec![false; self.cells.len()])
    }

    /// As [`Grid::protect`], with the `forced` cells hidden whatever their value (hidden in
    /// another output, e.g. the whole organisation's table) and kept as undetermined as the
    /// primary cells.
    pub fn protect_with(&self, rule: Rule, forced: &[bool]) -> Vec<bool> {
        let mut hidden: Vec<bool> = self
            .cells
            .iter()
            .zip(forced)
            .map(|(c, f)| *f || (c.sensitive && rule.hides(c.value)))
            .collect();
        if !hidden.iter().any(|h| *h) {
            return hidden;
        }
        let primary: Vec<bool> = hidden.clone();
        loop {
            self.complete_lines(&mut hidden);
            // A complement that can be recomputed is as good as shown; only the primary cells
            // must stay unknown.
            let Some(exposed) = self.determined(&hidden).into_iter().find(|&i| primary[i]) else {
                return hidden;
            };
            match self.next_complement(&hidden, exposed) {
                Some(i) => hidden[i] = true,
                // Nothing left to hide: every cell around it is fixed.
                None => return hidden,
            }
        }
    }

    /// One more cell to hide for `exposed`: the cheapest that leaves it undetermined, else the
    /// cheapest on a line through it, else the cheapest on any line with a hidden cell.
    fn next_complement(&self, hidden: &[bool], exposed: usize) -> Option<usize> {
        let mut candidates: Vec<usize> = (0..self.cells.len())
            .filter(|&i| !hidden[i] && !self.cells[i].fixed)
            .filter(|&i| {
                self.lines
                    .iter()
                    .any(|l| l.members().any(|m| m == i) && l.members().any(|m| hidden[m]))
            })
            .collect();
        candidates.sort_by_key(|&i| self.order(i));
        let frees = |c: usize| {
            let mut h = hidden.to_vec();
            h[c] = true;
            self.complete_lines(&mut h);
            !self.determined(&h).contains(&exposed)
        };
        let through = |c: usize| {
            self.lines
                .iter()
                .any(|l| l.members().any(|m| m == exposed) && l.members().any(|m| m == c))
        };
        candidates
            .iter()
            .copied()
            .find(|&c| frees(c))
            .or_else(|| candidates.iter().copied().find(|&c| through(c)))
            .or_else(|| candidates.first().copied())
    }

    /// Sort key of a candidate complement: nonzero before zero (a hidden zero protects nothing
    /// when a shown sum of zero pins it), then cheapest, then smallest, then first.
    fn order(&self, i: usize) -> (bool, u8, i64, usize) {
        let c = &self.cells[i];
        (c.value == 0, c.cost, c.value, i)
    }

    fn complement(&self, line: &Line, hidden: &[bool]) -> Option<usize> {
        line.members()
            .filter(|&m| !hidden[m] && !self.cells[m].fixed)
            .min_by_key(|&m| self.order(m))
    }

    /// Until every line hides none or at least two of its cells.
    fn complete_lines(&self, hidden: &mut [bool]) {
        loop {
            let mut changed = false;
            for line in &self.lines {
                let n = line.members().filter(|&m| hidden[m]).count();
                if n == 1
                    && let Some(c) = self.complement(line, hidden)
                {
                    hidden[c] = true;
                    changed = true;
                }
            }
            if !changed {
                return;
            }
        }
    }

    /// Hidden cells whose value follows from the shown cells through the lines (the unit vector
    /// of the cell lies in the row space of the lines restricted to hidden cells).
    pub fn determined(&self, hidden: &[bool]) -> Vec<usize> {
        let vars: Vec<usize> = (0..self.cells.len()).filter(|&i| hidden[i]).collect();
        let col = |cell: usize| vars.iter().position(|&v| v == cell);
        let mut rows: Vec<Vec<i128>> = self
            .lines
            .iter()
            .map(|l| {
                let mut row = vec![0i128; vars.len()];
                for &p in &l.parts {
                    if let Some(j) = col(p) {
                        row[j] += 1;
                    }
                }
                if let Some(j) = col(l.total) {
                    row[j] -= 1;
                }
                row
            })
            .filter(|r| r.iter().any(|x| *x != 0))
            .collect();
        let pivots = reduce(&mut rows, vars.len());
        pivots
            .into_iter()
            .enumerate()
            .filter(|(r, p)| rows[*r].iter().enumerate().all(|(j, x)| j == *p || *x == 0))
            .map(|(_, p)| vars[p])
            .collect()
    }
}

/// Reduced row echelon form in integers (each row kept primitive); returns the pivot column of
/// each leading row, in row order.
fn reduce(rows: &mut Vec<Vec<i128>>, width: usize) -> Vec<usize> {
    let mut pivots = Vec::new();
    let mut r = 0;
    for c in 0..width {
        let Some(p) = (r..rows.len()).find(|&i| rows[i][c] != 0) else {
            continue;
        };
        rows.swap(r, p);
        let pivot = rows[r].clone();
        for (i, row) in rows.iter_mut().enumerate() {
            if i != r && row[c] != 0 {
                let (a, b) = (pivot[c], row[c]);
                for (x, p) in row.iter_mut().zip(&pivot) {
                    *x = *x * a - p * b;
                }
                primitive(row);
            }
        }
        pivots.push(c);
        r += 1;
    }
    rows.truncate(r);
    pivots
}

fn primitive(row: &mut [i128]) {
    let g = row.iter().fold(0i128, |g, x| gcd(g, x.abs()));
    if g > 1 {
        for x in row.iter_mut() {
            *x /= g;
        }
    }
}

fn gcd(a: i128, b: i128) -> i128 {
    if b == 0 { a } else { gcd(b, a % b) }
}

/// A table of counts with a total per row and per column and a grand total: the grid and the
/// index of every cell (`interior[r][c]`, `row_totals[r]`, `col_totals[c]`, `grand`).
#[derive(Debug, Clone)]
pub struct Margins {
    pub grid: Grid,
    pub interior: Vec<Vec<usize>>,
    pub row_totals: Vec<usize>,
    pub col_totals: Vec<usize>,
    pub grand: usize,
}

impl Margins {
    /// Builds the grid of `values` (rows of equal length) with every margin shown.
    pub fn new(values: &[Vec<i64>]) -> Margins {
        let mut grid = Grid::default();
        let interior: Vec<Vec<usize>> = values
            .iter()
            .map(|row| row.iter().map(|&v| grid.push(Cell::sensitive(v))).collect())
            .collect();
        let width = values.first().map_or(0, Vec::len);
        let row_totals: Vec<usize> = values
            .iter()
            .map(|row| grid.push(Cell::sum(row.iter().sum(), 2)))
            .collect();
        let col_totals: Vec<usize> = (0..width)
            .map(|c| grid.push(Cell::sum(values.iter().map(|r| r[c]).sum(), 2)))
            .collect();
        let grand = grid.push(Cell::sum(values.iter().flatten().sum(), 3));
        for (r, cells) in interior.iter().enumerate() {
            grid.line(cells.clone(), row_totals[r]);
        }
        for (c, &total) in col_totals.iter().enumerate() {
            grid.line(interior.iter().map(|row| row[c]).collect(), total);
        }
        grid.line(row_totals.clone(), grand);
        grid.line(col_totals.clone(), grand);
        Margins {
            grid,
            interior,
            row_totals,
            col_totals,
            grand,
        }
    }
}

#[cfg(test)]
#[path = "suppress_tests.rs"]
pub(crate) mod tests;
