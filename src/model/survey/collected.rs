//! What the survey tables have said so far, keyed by survey and year, and how it is assembled
//! into [`Surveys`] once every table is read (with the totals checked against antal svar).
//! Reading single rows lives in [`super::reader`]; this file never sees a cell.

use std::path::PathBuf;

use rustc_hash::FxHashMap as HashMap;

use super::{AnswerOption, Question, Survey, Surveys};
use crate::base::Loc;
use crate::base::Ratio;
use crate::diagnostics::{Findings, Reconciliation, Severity};
use crate::text::fold;

/// Where a value was first given, for "same as row N" messages.
#[derive(Debug, Clone)]
pub(super) struct Origin {
    pub(super) table: String,
    pub(super) row: u32,
}

impl Origin {
    pub(super) fn describe(&self, table: &str) -> String {
        if self.table == table {
            format!("rad {}", self.row)
        } else {
            format!("rad {} i {}", self.row, self.table)
        }
    }
}

#[derive(Debug)]
pub(super) struct OptionEntry {
    pub(super) label: String,
    pub(super) count: Option<(i64, Origin)>,
    pub(super) listed: Option<Origin>,
    pub(super) national: Option<Ratio>,
}

#[derive(Debug)]
pub(super) struct QuestionEntry {
    pub(super) text: String,
    pub(super) options: Vec<OptionEntry>,
    pub(super) index: HashMap<String, usize>,
}

impl QuestionEntry {
    pub(super) fn option(&mut self, label: &str) -> &mut OptionEntry {
        let key = fold(label);
        let i = *self.index.entry(key).or_insert_with(|| {
            self.options.push(OptionEntry {
                label: label.to_string(),
                count: None,
                listed: None,
                national: None,
            });
            self.options.len() - 1
        });
        &mut self.options[i]
    }
}

#[derive(Debug)]
pub(super) struct Entry {
    pub(super) name: String,
    pub(super) year: i32,
    /// Position of the survey's name among all names, for the output order.
    pub(super) name_order: usize,
    pub(super) sample: Option<(Option<i64>, Option<i64>, Origin)>,
    pub(super) questions: Vec<QuestionEntry>,
    pub(super) index: HashMap<String, usize>,
    pub(super) aggregated: bool,
    pub(super) raw_rows: i64,
}

impl Entry {
    pub(super) fn question(&mut self, text: &str) -> &mut QuestionEntry {
        let key = fold(text);
        let i = *self.index.entry(key).or_insert_with(|| {
            self.questions.push(QuestionEntry {
                text: text.to_string(),
                options: Vec::new(),
                index: HashMap::default(),
            });
            self.questions.len() - 1
        });
        &mut self.questions[i]
    }
}

/// What all tables have said so far.
#[derive(Debug, Default)]
pub(super) struct Collected {
    pub(super) entries: Vec<Entry>,
    pub(super) index: HashMap<(String, i32), usize>,
    pub(super) names: HashMap<String, usize>,
    /// Every question text (folded) of any option list or answer table.
    pub(super) questions: HashMap<String, ()>,
    pub(super) findings: Findings,
    pub(super) reconciliation: Vec<Reconciliation>,
    pub(super) usable: bool,
    pub(super) deferred: Vec<(PathBuf, Option<String>)>,
}

impl Collected {
    pub(super) fn entry(&mut self, name: &str, year: i32) -> &mut Entry {
        let key = fold(name);
        let order = self.names.len();
        let name_order = *self.names.entry(key.clone()).or_insert(order);
        let i = *self.index.entry((key, year)).or_insert_with(|| {
            self.entries.push(Entry {
                name: name.to_string(),
                year,
                name_order,
                sample: None,
                questions: Vec::new(),
                index: HashMap::default(),
                aggregated: false,
                raw_rows: 0,
            });
            self.entries.len() - 1
        });
        &mut self.entries[i]
    }

    pub(super) fn find(&mut self, name: &str, year: i32) -> Option<&mut Entry> {
        let i = *self.index.get(&(fold(name), year))?;
        Some(&mut self.entries[i])
    }
}

/// Turns what was collected into surveys, and checks totals against antal svar.
pub(super) fn assemble(mut coll: Collected) -> Surveys {
    coll.entries.sort_by_key(|e| (e.name_order, e.year));
    let mut surveys = Vec::with_capacity(coll.entries.len());
    for e in coll.entries {
        let from_raw = e.raw_rows > 0;
        if !from_raw && !e.aggregated && !e.questions.is_empty() {
            let origin = e
                .questions
                .iter()
                .flat_map(|q| &q.options)
                .find_map(|o| o.listed.clone());
            let loc = origin.map_or_else(
                || Loc::file(e.name.clone()),
                |o| Loc::file(o.table).at_row(o.row),
            );
            coll.findings.push(
                "inga-svar",
                Severity::Fatal,
                loc,
                format!(
                    "undersökningen {} {} har svarsalternativ men varken Antal eller rådata (en rad per svarande); kontrollera att kolumnen Antal finns",
                    e.name, e.year
                ),
            );
            coll.usable = false;
            continue;
        }
        let (sample, given, origin) = match e.sample {
            Some((s, r, o)) => (s, r, Some(o)),
            None => (None, None, None),
        };
        let respondents = if from_raw {
            if let (Some(g), Some(o)) = (given, &origin)
                && g != e.raw_rows
            {
                coll.findings.push(
                    "antal-svar",
                    Severity::Warning,
                    Loc::file(o.table.clone()).at_row(o.row),
                    format!(
                        "Antal svar är {g} men rådata har {} svarande; rapporten använder rådata",
                        e.raw_rows
                    ),
                );
            }
            Some(e.raw_rows)
        } else {
            given
        };
        let questions: Vec<Question> = e
            .questions
            .into_iter()
            .map(|q| Question {
                text: q.text,
                options: q
                    .options
                    .into_iter()
                    .map(|o| AnswerOption {
                        label: o.label,
                        count: o.count.map_or(0, |(n, _)| n),
                        national: o.national,
                    })
                    .collect(),
            })
            .collect();
        if let Some(r) = respondents {
            for q in &questions {
                let total: i64 = q.options.iter().map(|o| o.count).sum();
                if total > r {
                    coll.findings.push(
                        "fler-svar",
                        Severity::Warning,
                        Loc::file(format!("{} {}", e.name, e.year)),
                        format!(
                            "en fråga har {total} svar men undersökningen har {r} svarande; kontrollera Antal och Antal svar"
                        ),
                    );
                }
            }
        }
        surveys.push(Survey {
            name: e.name,
            year: e.year,
            sample,
            respondents,
            questions,
            from_raw,
        });
    }
    coll.findings.sort_by_row();
    Surveys {
        surveys,
        findings: coll.findings,
        reconciliation: coll.reconciliation,
        usable: coll.usable,
    }
}
