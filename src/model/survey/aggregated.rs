//! Rows of aggregated survey tables: answers with their counts (Fråga, Svarsalternativ, Antal),
//! option lists without counts, and urval / antal svar. Each row is used or rejected with a
//! located reason; no cell value is copied into a message.

use super::columns::{
    COUNT, NATIONAL, OPTION, QUESTION, RESPONDENTS, SAMPLE, SURVEY, parse_count, parse_percent,
};
use super::reader::TableReader;
use super::shares;
use crate::diagnostics::Severity;
use crate::ingest::RawCell;
use crate::text::fold;

impl TableReader<'_> {
    /// An answer row or an option-list row.
    pub(super) fn option_row(
        &mut self,
        row: u32,
        cells: &[RawCell],
        with_count: bool,
    ) -> Option<()> {
        let (name, year) = self.key(row, cells)?;
        let Some(question) = self.text(cells, QUESTION) else {
            return self.reject(
                "fraga-saknas",
                row,
                QUESTION,
                "Fråga saknas; raden räknas inte".into(),
            );
        };
        let Some(label) = self.text(cells, OPTION) else {
            return self.reject(
                "alternativ-saknas",
                row,
                OPTION,
                "Svarsalternativ saknas; raden räknas inte".into(),
            );
        };
        let count = if with_count {
            match parse_count(self.layout().cell(cells, COUNT)) {
                Ok(Some(n)) => Some(n),
                Ok(None) => {
                    return self.reject(
                        "antal",
                        row,
                        COUNT,
                        "Antal saknas; skriv 0 om ingen valde alternativet. Raden räknas inte"
                            .into(),
                    );
                }
                Err(why) => {
                    return self.reject("antal", row, COUNT, format!("{why}; raden räknas inte"));
                }
            }
        } else {
            None
        };
        let national = match parse_percent(self.layout().cell(cells, NATIONAL)) {
            Ok(p) => p,
            Err(why) => {
                self.push(
                    "nationellt",
                    Severity::Warning,
                    row,
                    NATIONAL,
                    format!("{why}; den nationella andelen visas som –"),
                );
                None
            }
        };
        let origin = self.origin(row);
        let table = self.label();
        self.coll.questions.insert(fold(&question), ());
        let entry = self.coll.entry(&name, year);
        if with_count {
            entry.aggregated = true;
        }
        let opt = entry.question(&question).option(&label);
        let earlier = if with_count {
            opt.count.as_ref().map(|(_, o)| o.describe(&table))
        } else {
            opt.listed.as_ref().map(|o| o.describe(&table))
        };
        if let Some(earlier) = earlier {
            return self.reject(
                "dubblett",
                row,
                OPTION,
                format!(
                    "samma undersökning, år, fråga och svarsalternativ som {earlier}; raden räknas bara en gång"
                ),
            );
        }
        match count {
            Some(n) => opt.count = Some((n, origin)),
            None => opt.listed = Some(origin),
        }
        if national.is_some() {
            opt.national = national;
        }
        if let Some(value) = national {
            let key = shares::Key {
                name,
                year,
                question,
                label,
            };
            let cell = self.layout().cell(cells, NATIONAL);
            let loc = self.layout().loc(row, NATIONAL);
            self.shares.see(cell, value, key, || loc);
        }
        Some(())
    }

    pub(super) fn sample_row(&mut self, row: u32, cells: &[RawCell]) -> Option<()> {
        let (name, year) = self.key(row, cells)?;
        let read = |spec: usize, this: &mut Self| match parse_count(this.layout().cell(cells, spec))
        {
            Ok(n) => Ok(n),
            Err(why) => {
                Err(this.reject::<()>("urval", row, spec, format!("{why}; raden räknas inte")))
            }
        };
        let Ok(sample) = read(SAMPLE, self) else {
            return None;
        };
        let Ok(respondents) = read(RESPONDENTS, self) else {
            return None;
        };
        if sample.is_none() && respondents.is_none() {
            return self.reject(
                "urval",
                row,
                SAMPLE,
                "varken Urval eller Antal svar är ifyllt; raden räknas inte".into(),
            );
        }
        if let (Some(s), Some(r)) = (sample, respondents)
            && r > s
        {
            self.push(
                "urval",
                Severity::Warning,
                row,
                RESPONDENTS,
                "fler svar än personer i urvalet; kontrollera Urval och Antal svar".into(),
            );
        }
        let origin = self.origin(row);
        let table = self.label();
        let entry = self.coll.entry(&name, year);
        if let Some((_, _, first)) = &entry.sample {
            let earlier = first.describe(&table);
            return self.reject(
                "dubblett",
                row,
                SURVEY,
                format!("samma undersökning och år som {earlier}; raden räknas bara en gång"),
            );
        }
        entry.sample = Some((sample, respondents, origin));
        Some(())
    }
}
