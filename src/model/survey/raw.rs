//! Rows of raw survey answers: one row per respondent, one column per question, each answer
//! counted against the option list of its survey and year. Unknown answers are warnings that
//! name the cell, never its text.

use super::collected::Origin;
use super::columns::SURVEY;
use super::reader::TableReader;
use crate::diagnostics::Severity;
use crate::ingest::RawCell;
use crate::text::{fold, suggest};

impl TableReader<'_> {
    pub(super) fn raw_row(&mut self, row: u32, cells: &[RawCell]) -> Option<()> {
        let (name, year) = self.key(row, cells)?;
        let has_list = self
            .coll
            .find(&name, year)
            .map(|e| (e.aggregated, !e.questions.is_empty()));
        match has_list {
            Some((true, _)) => {
                return self.reject(
                    "rada-och-sammanstallt",
                    row,
                    SURVEY,
                    "undersökningen finns redan som sammanställda svar (med Antal) för året; rådataraden räknas inte".into(),
                );
            }
            Some((false, true)) => {}
            _ => {
                return self.reject(
                    "alternativ-saknas",
                    row,
                    SURVEY,
                    "det finns ingen lista med svarsalternativ (Undersökning, År, Fråga, Svarsalternativ) för undersökningen och året; raden räknas inte".into(),
                );
            }
        }
        let mut problems: Vec<(usize, String)> = Vec::new();
        let cols = self.question_cols.clone();
        let entry = self.coll.find(&name, year).expect("checked above");
        entry.raw_rows += 1;
        for (col, qkey) in &cols {
            let Some(answer) = cells.get(*col).and_then(RawCell::as_key) else {
                continue;
            };
            let answer = answer.trim();
            if answer.is_empty() {
                continue;
            }
            let Some(&qi) = entry.index.get(qkey) else {
                problems.push((
                    *col,
                    "frågan finns inte i undersökningens lista med svarsalternativ för året; svaret räknas inte".into(),
                ));
                continue;
            };
            let q = &mut entry.questions[qi];
            match q.index.get(&fold(answer)) {
                Some(&oi) => {
                    let opt = &mut q.options[oi];
                    let n = opt.count.as_ref().map_or(0, |(n, _)| *n);
                    opt.count = Some((
                        n + 1,
                        Origin {
                            table: String::new(),
                            row,
                        },
                    ));
                }
                None => {
                    let hint = suggest(answer, q.options.iter().map(|o| o.label.as_str()))
                        .map(|s| format!("; menade du \"{s}\"?"))
                        .unwrap_or_default();
                    problems.push((
                        *col,
                        format!("okänt svarsalternativ för frågan{hint} Svaret räknas inte"),
                    ));
                }
            }
        }
        for (col, msg) in problems {
            let loc = self.layout().loc_col(row, Some(col));
            self.coll
                .findings
                .push("okant-svar", Severity::Warning, loc, msg);
        }
        Some(())
    }
}
