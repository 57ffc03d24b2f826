//! The confidentiality rule for a part of the organisation (an enhet's or a förvaltning's rows
//! exported on their own): every count of the part describes few people, so all of them go
//! through `compute::suppress`, the same count is hidden in every table that shows it, and what
//! the whole organisation's report hides for the part stays hidden in the part.

use std::collections::BTreeSet;

use super::Ctx;
use crate::base::Rule;
use crate::base::Value;
use crate::compute::figures::Figures;
use crate::compute::suppress::{Cell, Grid};
use crate::compute::table::{Row, Table};
use crate::compute::trace::{Cond, Filter, Source};
use crate::model::Sym;

/// What a count counts: the conditions its records meet, year included. Two cells with the
/// same measure show the same number, in whatever table.
pub type Measure = BTreeSet<Cond>;

/// Computing a part: the counts the whole organisation's report hides (by measure), which the
/// part must hide too.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Part {
    pub hidden: BTreeSet<Measure>,
}

/// Tables whose rows may share a record (one avvikelse, several causes): their rows do not
/// sum to the total, so a reader has no equation and each cell is protected on its own.
const MULTI_LABEL: [&str; 2] = ["bakomliggande_orsak", "atgarder"];

/// The tables of the whole organisation whose hidden cells a part must hide too: per enhet,
/// and per Regi, Lagrum or Verksamhetsområde (whose key starts `avvikelser_per_` or
/// `avvikelser_handelsetyp_` and names the dimension).
fn per_unit(key: &str) -> bool {
    ["avvikelser_per_enhet", "lex_sarah_per_enhet"].contains(&key)
        || crate::model::Dim::ALL.iter().any(|d| {
            key == format!("avvikelser_per_{}", d.key())
                || key == format!("avvikelser_handelsetyp_{}", d.key())
        })
}

impl Part {
    /// A part that hides what the whole organisation's per-unit `tables` hide (primary or
    /// complement).
    pub fn hiding(tables: &[Table]) -> Part {
        Part {
            hidden: hidden_in(tables),
        }
    }
}

fn hidden_in(tables: &[Table]) -> BTreeSet<Measure> {
    let mut out = BTreeSet::new();
    for t in tables.iter().filter(|t| per_unit(&t.key)) {
        for row in &t.rows {
            for (i, v) in row.values.iter().enumerate() {
                if let (Value::Suppressed, Some(Source::Count(f))) = (v, row.source(i)) {
                    out.insert(f.0.iter().copied().collect());
                }
            }
        }
    }
    out
}

/// Hides in `tables` (the register's tables of a part) every count the rule or `part` hides,
/// the complements that keep them from being recomputed, and every share, change and median
/// computed from a hidden count or from fewer reports than the threshold.
pub fn protect(ctx: &Ctx<'_>, tables: &mut [Table], part: &Part) {
    let measures = Measures::of(ctx);
    let mut grids: Vec<TableGrid> = tables
        .iter()
        .map(|t| TableGrid::of(ctx, t, &measures))
        .collect();
    grids.push(TableGrid::received_closed_open(ctx, tables, &measures));
    // Each table's complements may hide a count another table shows: repeat until no table
    // hides a measure the others show (the set only grows, so this ends).
    let mut hidden: BTreeSet<Measure> = part.hidden.iter().map(|m| measures.strip(m)).collect();
    hidden.extend(grids.iter().flat_map(|g| g.suppressed.iter().cloned()));
    loop {
        let mut next = hidden.clone();
        for g in &grids {
            next.extend(g.hidden(ctx, &hidden));
        }
        if next == hidden {
            break;
        }
        hidden = next;
    }
    for t in tables.iter_mut() {
        for row in &mut t.rows {
            for i in 0..row.values.len() {
                let hide = match row.source(i) {
                    Some(source) => measures.hides(ctx, source, &hidden),
                    None => matches!(row.values[i], Value::Count { n } if ctx.rule.hides(n)),
                };
                // "–" (no data, or a share of nothing) gives nothing away and stays.
                if hide && row.values[i] != Value::Missing {
                    row.values[i] = Value::Suppressed;
                }
            }
        }
        note(ctx, t);
    }
}

/// Turns filters into measures. A condition every record of the part meets (its one enhet)
/// says nothing, so the whole organisation's "enhet E in 2022" is the part's "2022".
struct Measures {
    sole_unit: Option<Option<Sym>>,
}

impl Measures {
    fn of(ctx: &Ctx<'_>) -> Measures {
        let units: BTreeSet<Option<Sym>> = ctx.records().map(|r| r.unit).collect();
        Measures {
            sole_unit: (units.len() == 1).then(|| units.into_iter().next().flatten()),
        }
    }

    fn strip(&self, m: &Measure) -> Measure {
        let own = self.sole_unit.map(Cond::Unit);
        m.iter().copied().filter(|c| Some(*c) != own).collect()
    }

    fn of_filter(&self, f: &Filter) -> Measure {
        self.strip(&f.0.iter().copied().collect())
    }

    /// Whether the value with `source` must not be shown.
    fn hides(&self, ctx: &Ctx<'_>, source: &Source, hidden: &BTreeSet<Measure>) -> bool {
        let is_hidden = |f: &Filter| hidden.contains(&self.of_filter(f));
        let few = |f: &Filter, with_days: bool| {
            let n = ctx
                .records()
                .filter(|r| f.matches(r) && (!with_days || r.handling_days().is_some()))
                .count();
            ctx.rule.base_too_small(n as i64)
        };
        match source {
            Source::Count(f) => is_hidden(f),
            Source::Share { part, whole } => {
                is_hidden(part) || is_hidden(whole) || few(whole, false)
            }
            Source::Change { old, new } | Source::RelativeChange { old, new } => {
                is_hidden(old) || is_hidden(new)
            }
            // A median gives no count away; it only describes too few people.
            Source::MedianDays(f) => few(f, true),
            Source::Answers { .. } | Source::Imported(_) => false,
        }
    }
}

/// One table's counts as a grid, with the measure of each cell.
#[derive(Default)]
struct TableGrid {
    grid: Grid,
    measures: Vec<Measure>,
    /// The measures of the cells the table hides already.
    suppressed: Vec<Measure>,
}

impl TableGrid {
    /// The counts of `t` and the sums a reader can check: the rows (not "varav" rows, which
    /// are part of the row above with the rest not shown) sum to the Totalt row in each column,
    /// and in each row the columns (not "varav" columns) sum to a Totalt column. A sum is a
    /// line only when it holds; multi-label tables have none.
    fn of(ctx: &Ctx<'_>, t: &Table, measures: &Measures) -> TableGrid {
        let mut g = TableGrid::default();
        let total_col = t.columns.iter().position(|c| c.title == "Totalt");
        let index: Vec<Vec<Option<usize>>> = t
            .rows
            .iter()
            .map(|row| {
                (0..t.columns.len())
                    .map(|c| {
                        let cost = if row.total || Some(c) == total_col {
                            2
                        } else {
                            1
                        };
                        g.push(ctx, measures, row, c, cost)
                    })
                    .collect()
            })
            .collect();
        let grid = &mut g.grid;
        if !MULTI_LABEL.contains(&t.key.as_str()) {
            // A heading row starts a group of rows with its own Totalt.
            let mut starts: Vec<usize> = (0..t.rows.len()).filter(|&r| t.rows[r].heading).collect();
            starts.insert(0, 0);
            starts.push(t.rows.len());
            for w in starts.windows(2) {
                let rows = w[0]..w[1];
                let total_row = rows.clone().find(|&r| t.rows[r].total);
                let part_rows: Vec<usize> = rows
                    .filter(|&r| !t.rows[r].sub && !t.rows[r].total && !t.rows[r].heading)
                    .collect();
                if let Some(tr) = total_row {
                    for (c, total) in index[tr].iter().enumerate() {
                        let parts = part_rows.iter().map(|&r| index[r][c]).collect();
                        add_line(grid, parts, *total);
                    }
                }
            }
            if let Some(tc) = total_col {
                let part_cols: Vec<usize> = (0..t.columns.len())
                    .filter(|&c| c != tc && !t.columns[c].title.starts_with("varav"))
                    .collect();
                for row in &index {
                    add_line(grid, part_cols.iter().map(|&c| row[c]).collect(), row[tc]);
                }
            }
        }
        g
    }

    /// A count of `row` (column `c`) as a cell; `None` for anything but a count.
    fn push(
        &mut self,
        ctx: &Ctx<'_>,
        measures: &Measures,
        row: &Row,
        c: usize,
        cost: u8,
    ) -> Option<usize> {
        let Some(Source::Count(f)) = row.source(c) else {
            return None;
        };
        // A count hidden already (by the per-unit rule) keeps its place in the sums.
        let value = match row.values.get(c)? {
            Value::Count { n } => *n,
            Value::Suppressed => {
                self.suppressed.push(measures.of_filter(f));
                ctx.records().filter(|r| f.matches(r)).count() as i64
            }
            _ => return None,
        };
        self.measures.push(measures.of_filter(f));
        Some(self.grid.push(Cell {
            value,
            sensitive: true,
            fixed: false,
            cost,
        }))
    }

    /// Across two tables: a type's reports received in the year are those closed by its end
    /// and those still open then (unless some are dated after the year's end: the sum is a
    /// line only when it holds).
    fn received_closed_open(ctx: &Ctx<'_>, tables: &[Table], measures: &Measures) -> TableGrid {
        let mut g = TableGrid::default();
        let find = |key: &str| tables.iter().find(|t| t.key == key);
        let (Some(h), Some(o)) = (
            find("handlaggningstid_per_typ"),
            find("oppna_vid_arets_slut"),
        ) else {
            return g;
        };
        let col = |t: &Table, title: &str| t.columns.iter().position(|c| c.title == title);
        let (Some(received), Some(closed), Some(open)) = (
            col(h, "Inkomna"),
            col(h, "Avslutade vid årets slut"),
            col(o, &format!("Inkomna {}", ctx.year)),
        ) else {
            return g;
        };
        for row in &h.rows {
            let Some(open_row) = o.rows.iter().find(|r| r.label == row.label) else {
                continue;
            };
            let r = g.push(ctx, measures, row, received, 2);
            let c = g.push(ctx, measures, row, closed, 1);
            let o = g.push(ctx, measures, open_row, open, 1);
            add_line(&mut g.grid, vec![c, o], r);
        }
        g
    }

    /// The measures this table hides when the `hidden` measures are hidden already.
    fn hidden(&self, ctx: &Ctx<'_>, hidden: &BTreeSet<Measure>) -> Vec<Measure> {
        let forced: Vec<bool> = self.measures.iter().map(|m| hidden.contains(m)).collect();
        let h = self.grid.protect_with(ctx.rule, &forced);
        self.measures
            .iter()
            .zip(h)
            .filter(|(_, h)| *h)
            .map(|(m, _)| m.clone())
            .collect()
    }
}

/// Adds the line `parts = total` when every member is a count and the sum holds.
fn add_line(grid: &mut Grid, parts: Vec<Option<usize>>, total: Option<usize>) {
    let (Some(parts), Some(total)) = (parts.into_iter().collect::<Option<Vec<_>>>(), total) else {
        return;
    };
    let sum: i64 = parts.iter().map(|&p| grid.cells[p].value).sum();
    if !parts.is_empty() && sum == grid.cells[total].value {
        grid.line(parts, total);
    }
}

/// Says why ".." stands in the table, once.
fn note(ctx: &Ctx<'_>, t: &mut Table) {
    let any = t.rows.iter().any(|r| r.values.contains(&Value::Suppressed));
    let text = format!(
        "..: visas inte för att skydda enskilda: färre än {} rapporter, ett värde beräknat på färre än {} rapporter, eller ett antal som annars skulle göra det möjligt att räkna fram ett sådant antal.",
        ctx.rule.min, ctx.rule.min
    );
    if any && !t.notes.iter().any(|n| n.starts_with("..:")) {
        t.notes.push(text);
    }
}

/// Takes out of the prose every figure the part's tables hide: a count becomes `None` (the
/// templates say "–" or leave the sentence out) and a named count leaves its list.
pub fn hide_figures(tables: &[Table], rule: Rule, f: &mut Figures) {
    let shown = |key: &str, row: &str, col: &str| -> bool {
        let Some(t) = tables.iter().find(|t| t.key == key) else {
            return false;
        };
        let c = t.columns.iter().position(|c| c.title == col);
        t.rows
            .iter()
            .find(|r| r.label == row)
            .zip(c)
            .and_then(|(r, c)| r.values.get(c))
            .is_some_and(|v| *v != Value::Suppressed)
    };
    let (ar, fg) = (f.ar.to_string(), f.fg_ar.map(|y| y.to_string()));
    let pairs = [
        ("Klagomål", &mut f.klagomal),
        ("Synpunkter", &mut f.synpunkter),
        ("Avvikelser", &mut f.avvikelser),
        ("varav lex Sarah", &mut f.lex_sarah),
        ("varav anmälda till IVO", &mut f.ivo),
        ("Personuppgiftsincidenter", &mut f.personuppgiftsincidenter),
        ("varav anmälda till IMY", &mut f.imy),
        ("Totalt", &mut f.totalt),
    ];
    let by_type = "rapporter_per_typ";
    for (row, pair) in pairs {
        if !shown(by_type, row, &ar) {
            pair.ar = None;
        }
        if !fg.as_ref().is_some_and(|fg| shown(by_type, row, fg)) {
            pair.fg = None;
        }
    }
    for (row, pair) in [
        (super::LEX_MARIA, &mut f.lex_maria),
        (super::LEX_MARIA_IVO, &mut f.ivo_lex_maria),
    ] {
        if let Some(pair) = pair {
            if !shown(by_type, row, &ar) {
                pair.ar = None;
            }
            if !fg.as_ref().is_some_and(|fg| shown(by_type, row, fg)) {
                pair.fg = None;
            }
        }
    }
    // Allvarliga is part of lex Sarah, shown in no table: only with lex Sarah shown and when
    // the rule would show it.
    if f.lex_sarah.ar.is_none() || f.allvarliga.is_some_and(|n| rule.hides(n)) {
        f.allvarliga = None;
    }
    f.orsaker
        .retain(|n| shown("bakomliggande_orsak", &n.namn, &ar));
    f.atgarder.retain(|n| shown("atgarder", &n.namn, &ar));
    f.handelsetyper_lex_sarah
        .retain(|n| shown("lex_sarah_handelsetyp", &n.namn, &ar));
    let handling = "handlaggningstid_per_typ";
    if !shown(handling, "Totalt", "Median handläggningstid (dagar)") {
        f.handlaggningstid_dold = f.median_dagar.take().is_some();
    }
    if !shown(handling, "Totalt", "Andel avslutade") {
        f.andel_avslutade = None;
    }
    if !shown("oppna_vid_arets_slut", "Totalt", "Totalt") {
        f.oppna_vid_arets_slut = None;
    }
}

#[cfg(test)]
#[path = "part_tests.rs"]
mod tests;
