//! One register row read into a [`Record`]: Id, Typ and the dates decide whether the row is
//! used at all; every other field is read by [`super::fields`]. A rejected row names its cell
//! and why, never what the cell holds.

use super::columns::{
    ACTIONS, CAUSES, CLOSED, DEPARTMENT, DIMS, EVENT, EVENT_TYPE, ID, KIND, REPORTED, SPECS, UNIT,
};
use super::loader::{Loader, error_value, key};
use crate::diagnostics::Severity;
use crate::ingest::RawCell;
use crate::ingest::cell::{is_error_literal, parse_date_in};
use crate::model::Record;
use crate::settings::YearBasis;
use crate::text::suggest;

impl Loader<'_> {
    pub(super) fn record(&mut self, row: u32, cells: &[RawCell]) -> Option<Record> {
        // Id: present and unique.
        if self.cell(cells, ID).is_error_value() {
            return self.reject("felvarde", row, ID, error_value("Id", "raden räknas inte"));
        }
        let Some(id) = self.cell(cells, ID).as_key() else {
            return self.reject("id-saknas", row, ID, "Id saknas; raden räknas inte".into());
        };
        if crate::model::example::is_example(&id) {
            self.warn(
                "exempelrad",
                row,
                ID,
                crate::model::example::EXAMPLE_WARNING.into(),
            );
        }
        // Typ.
        if self.cell(cells, KIND).is_error_value() {
            return self.reject(
                "felvarde",
                row,
                KIND,
                error_value("Typ", "raden räknas inte"),
            );
        }
        let kind_text = key(self.cell(cells, KIND));
        let parsed = kind_text.as_deref().and_then(|t| {
            let aliases = &self.type_aliases;
            self.kinds.get(t, |t| super::types::parse_type(t, aliases))
        });
        let Some((kind, kind_says_lex_sarah, comment_kind)) = parsed else {
            // Past the cap of kept findings only counted: the suggestion is not looked for.
            if !self.reg.findings.keeps("typ") {
                self.reg.findings.count_only("typ", Severity::Rejected);
                return None;
            }
            let msg = match kind_text.as_deref() {
                Some(t) => self.unknown_kinds.get(t, |t| {
                    let words = super::types::type_words();
                    match suggest(t, words.iter().copied()) {
                        Some(s) => format!("okänd typ; menade du \"{s}\"? Raden räknas inte"),
                        None => format!(
                            "okänd typ (tillåtna: {}, eller egna ord under [typer] i kvalitet.toml); raden räknas inte",
                            words.join(", ")
                        ),
                    }
                }),
                None => "Typ saknas; raden räknas inte".into(),
            };
            return self.reject("typ", row, KIND, msg);
        };
        // Dates.
        let mut dates = [None; 3];
        for (slot, spec) in [(0, EVENT), (1, REPORTED), (2, CLOSED)] {
            match parse_date_in(self.cell(cells, spec), self.dates_from_1904) {
                Ok(d) => dates[slot] = d,
                Err(e) => {
                    let deciding = matches!(
                        (self.settings.rapport.ar_styrs_av, spec),
                        (YearBasis::Handelsedatum, EVENT) | (YearBasis::Rapporterad, REPORTED)
                    );
                    if deciding {
                        return self.reject(
                            "datum",
                            row,
                            spec,
                            format!("{} {}; raden räknas inte", SPECS[spec].name, e.reason()),
                        );
                    }
                    self.warn(
                        "datum",
                        row,
                        spec,
                        format!("{} {}; värdet används inte", SPECS[spec].name, e.reason()),
                    );
                }
            }
        }
        let [event, reported, closed] = dates;
        let year_date =
            match self.settings.rapport.ar_styrs_av {
                YearBasis::Handelsedatum => match (event, reported) {
                    (Some(e), _) => e,
                    (None, Some(r)) => {
                        self.warn(
                            "datum-saknas",
                            row,
                            EVENT,
                            "Händelsedatum saknas; året tas från Rapporterad".into(),
                        );
                        r
                    }
                    (None, None) => return self.reject(
                        "datum-saknas",
                        row,
                        EVENT,
                        "Händelsedatum och Rapporterad saknas; raden kan inte föras till något år"
                            .into(),
                    ),
                },
                YearBasis::Rapporterad => match reported {
                    Some(r) => r,
                    None => {
                        return self.reject(
                            "datum-saknas",
                            row,
                            REPORTED,
                            "Rapporterad saknas; raden kan inte föras till något år".into(),
                        );
                    }
                },
            };
        if let (Some(e), Some(r)) = (event, reported)
            && r < e
        {
            self.warn(
                "datumordning",
                row,
                REPORTED,
                "Rapporterad är tidigare än Händelsedatum".into(),
            );
        }
        if let (Some(r), Some(c)) = (reported, closed)
            && c < r
        {
            self.warn(
                "datumordning",
                row,
                CLOSED,
                "Avslutad är tidigare än Rapporterad; raden ingår inte i handläggningstiden".into(),
            );
        }
        for (spec, instead) in [
            (DEPARTMENT, "raden redovisas utan förvaltning"),
            (UNIT, "raden redovisas under \"Enhet saknas\""),
            (EVENT_TYPE, "raden redovisas utan händelsetyp"),
        ] {
            if self.cell(cells, spec).is_error_value() {
                self.warn(
                    "felvarde",
                    row,
                    spec,
                    error_value(SPECS[spec].name, instead),
                );
            }
        }
        let text = |l: &Self, spec| key(l.cell(cells, spec)).filter(|t| !is_error_literal(t));
        let department = text(self, DEPARTMENT)
            .map(|s| self.spellings[0].intern(&mut self.reg.symbols, &s, row));
        let unit =
            text(self, UNIT).map(|s| self.spellings[1].intern(&mut self.reg.symbols, &s, row));
        let has_unit = self.reg.present.get(UNIT) == Some(&true);
        if unit.is_none() && has_unit && !self.cell(cells, UNIT).is_error_value() {
            self.warn(
                "enhet-saknas",
                row,
                UNIT,
                "Enhet saknas; raden redovisas under \"Enhet saknas\"".into(),
            );
        }
        let mut dims = [None; 3];
        for (slot, spec) in dims.iter_mut().zip(DIMS) {
            let d = spec - DIMS[0];
            *slot = text(self, spec).map(|s| match self.dim_seen[d].get(s.as_ref()) {
                Some(&sym) => sym,
                None => {
                    let shown = super::dims::canonical(spec, &s);
                    let sym = self.dim_spellings[d].intern(&mut self.reg.symbols, &shown, row);
                    self.dim_seen[d].insert(s.as_ref().into(), sym);
                    sym
                }
            });
        }
        let event_type = self.event_type(row, cells);
        let assessment = self.assessment(row, cells);
        let (lex_sarah, ivo, imy) =
            self.lex_sarah(row, cells, kind, kind_says_lex_sarah, assessment);
        let causes = self.labels(row, cells, CAUSES);
        let actions = self.labels(row, cells, ACTIONS);
        let status = self.status(row, cells, closed);
        Some(Record {
            id: id.into_boxed_str(),
            row,
            kind,
            year: chrono::Datelike::year(&year_date),
            month: chrono::Datelike::month(&year_date),
            event,
            reported,
            closed,
            status,
            department,
            unit,
            event_type,
            comment_kind,
            dims,
            assessment,
            lex_sarah,
            ivo,
            imy,
            causes,
            actions,
        })
    }
}
