//! The register's optional fields, cell by cell: Händelsetyp, Bedömning, the yes/no columns,
//! lex Sarah, the multi-label Bakomliggande orsak and Åtgärd, and Status. A cell that cannot be
//! read is a warning naming it, and the field is left unknown rather than the row rejected.

use super::columns::{ASSESSMENT, CAUSES, CLOSED, EVENT_TYPE, IMY, IVO, LEX_SARAH, SPECS, STATUS};
use super::loader::{Loader, key};
use crate::ingest::RawCell;
use crate::ingest::cell::{is_error_literal, parse_yes_no};
use crate::model::{Assessment, Kind, LabelSet, Status};
use crate::text::{fold, suggest};

impl Loader<'_> {
    pub(super) fn event_type(&mut self, row: u32, cells: &[RawCell]) -> Option<crate::model::Sym> {
        let text = key(self.cell(cells, EVENT_TYPE)).filter(|t| !is_error_literal(t))?;
        if self.event_types_folded.is_empty() {
            return Some(self.reg.symbols.intern(&text));
        }
        let f = fold(&text);
        match self.event_types_folded.iter().position(|c| *c == f) {
            Some(i) => {
                let name = self.settings.kategorier.handelsetyp[i].clone();
                Some(self.reg.symbols.intern(&name))
            }
            None => {
                let hint = suggest(
                    &text,
                    self.settings
                        .kategorier
                        .handelsetyp
                        .iter()
                        .map(String::as_str),
                )
                .map(|s| format!(" (menade du \"{s}\"?)"))
                .unwrap_or_default();
                self.warn("kategori", row, EVENT_TYPE, format!("händelsetypen finns inte i listan i kvalitet.toml{hint}; raden redovisas under \"Okänd händelsetyp\""));
                Some(self.reg.symbols.intern("Okänd händelsetyp"))
            }
        }
    }

    pub(super) fn assessment(&mut self, row: u32, cells: &[RawCell]) -> Option<Assessment> {
        let text = key(self.cell(cells, ASSESSMENT))?;
        let parsed = self.assessments.get(&text, |t| Assessment::parse(&fold(t)));
        if parsed.is_none() {
            let hint = suggest(&text, Assessment::ALL.iter().map(|a| a.name()))
                .map(|s| format!("menade du \"{s}\"?"))
                .unwrap_or_else(|| {
                    format!("tillåtna: {}", Assessment::ALL.map(|a| a.name()).join(", "))
                });
            self.warn(
                "bedomning",
                row,
                ASSESSMENT,
                format!("okänd bedömning ({hint}); raden räknas utan bedömning"),
            );
        }
        parsed
    }

    pub(super) fn yes_no(&mut self, row: u32, cells: &[RawCell], spec: usize) -> Option<bool> {
        let cell = self.cell(cells, spec);
        let parsed = match cell.as_text() {
            Some(t) => self.yes_no.get(t, |t| parse_yes_no(&RawCell::text(t))),
            None => parse_yes_no(cell),
        };
        match parsed {
            Ok(v) => v,
            Err(e) => {
                self.warn(
                    "ja-nej",
                    row,
                    spec,
                    format!("{} {}; värdet används inte", SPECS[spec].name, e.reason()),
                );
                None
            }
        }
    }

    pub(super) fn lex_sarah(
        &mut self,
        row: u32,
        cells: &[RawCell],
        kind: Kind,
        kind_says: bool,
        assessment: Option<Assessment>,
    ) -> (bool, Option<bool>, Option<bool>) {
        let stated = self
            .yes_no(row, cells, LEX_SARAH)
            .or(kind_says.then_some(true));
        let ivo = self.yes_no(row, cells, IVO);
        let imy = self.yes_no(row, cells, IMY);
        let from_assessment = assessment.map(Assessment::is_lex_sarah);
        let mut lex = match (stated, from_assessment) {
            (Some(s), Some(a)) if s != a => {
                let msg = if s {
                    "Lex Sarah är Ja men bedömningen är ingen missförhållande; kolumnen Lex Sarah gäller"
                } else {
                    "Lex Sarah är Nej men bedömningen är ett missförhållande; kolumnen Lex Sarah gäller"
                };
                self.warn("lex-sarah-motsagelse", row, LEX_SARAH, msg.into());
                s
            }
            (Some(s), _) => s,
            (None, Some(a)) => a,
            (None, None) => false,
        };
        if lex && kind != Kind::Deviation {
            self.warn(
                "lex-sarah-typ",
                row,
                LEX_SARAH,
                format!(
                    "lex Sarah är angivet för typen {}; räknas bara för avvikelser",
                    kind.name()
                ),
            );
            lex = false;
        }
        if ivo == Some(false) && lex && assessment.is_some_and(Assessment::is_serious) {
            self.warn("ivo-saknas", row, IVO, "bedömningen är ett allvarligt missförhållande (eller påtaglig risk för det) men rapporten är inte anmäld till IVO".into());
        }
        if ivo == Some(true) && !lex && kind != Kind::LexMaria {
            self.warn(
                "ivo-utan-lex-sarah",
                row,
                IVO,
                "anmäld till IVO men inte bedömd enligt lex Sarah; räknas inte som IVO-anmälan"
                    .into(),
            );
        }
        if imy == Some(true) && kind != Kind::DataBreach {
            self.warn(
                "imy-typ",
                row,
                IMY,
                format!(
                    "anmäld till IMY men typen är {}; räknas bara för personuppgiftsincidenter",
                    kind.name()
                ),
            );
        }
        (lex, ivo, imy)
    }

    pub(super) fn labels(&mut self, row: u32, cells: &[RawCell], spec: usize) -> LabelSet {
        let Some(text) = key(self.cell(cells, spec)) else {
            return LabelSet::default();
        };
        let which = usize::from(spec != CAUSES);
        let (list, folded) = if spec == CAUSES {
            (&self.reg.causes, &self.causes_folded)
        } else {
            (&self.reg.actions, &self.actions_folded)
        };
        let (set, unknown_hint) =
            self.labels[which].get(&text, |text| parse_labels(text, list, folded));
        if let Some(hint) = unknown_hint {
            let hint = hint
                .map(|s| format!(" (menade du \"{s}\"?)"))
                .unwrap_or_default();
            self.warn(
                "kategori",
                row,
                spec,
                format!(
                    "en kategori finns inte i listan{hint}; den redovisas som \"Annan kategori\""
                ),
            );
        }
        set
    }

    pub(super) fn status(
        &mut self,
        row: u32,
        cells: &[RawCell],
        closed: Option<chrono::NaiveDate>,
    ) -> Status {
        let Some(text) = key(self.cell(cells, STATUS)) else {
            return Status::Unknown;
        };
        let parsed = self.statuses.get(&text, |t| match fold(t).as_str() {
            "avslutad" | "avslutat" | "stangd" | "klar" | "atgardad" => Some(Status::Closed),
            "pagaende" | "oppen" | "ny" | "under utredning" | "registrerad" | "paborjad" => {
                Some(Status::Open)
            }
            _ => None,
        });
        let status = match parsed {
            Some(s) => s,
            None => {
                self.warn("status", row, STATUS, "okänd status (väntade Pågående eller Avslutad); avgörs av om Avslutad har ett datum".into());
                Status::Unknown
            }
        };
        match (status, closed) {
            (Status::Closed, None) => self.warn(
                "avslutad-utan-datum",
                row,
                CLOSED,
                "status Avslutad men inget avslutsdatum; raden ingår inte i handläggningstiden"
                    .into(),
            ),
            (Status::Open, Some(_)) => self.warn(
                "status-motsagelse",
                row,
                STATUS,
                "status Pågående men Avslutad har ett datum; datumet gäller".into(),
            ),
            _ => {}
        }
        status
    }
}

/// Splits a multi-label cell (`;`, line break or `|`) and matches each label against the
/// configured list; the second value is the suggestion for the last unknown label, if any.
fn parse_labels(
    text: &str,
    list: &[String],
    folded: &[String],
) -> (LabelSet, Option<Option<String>>) {
    let mut set = LabelSet::default();
    let mut unknown_hint = None;
    for part in text
        .split([';', '\n', '|'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let f = fold(part);
        match folded.iter().position(|c| *c == f) {
            Some(i) => set.insert(i),
            None => {
                set.insert(LabelSet::UNKNOWN_BIT);
                unknown_hint =
                    Some(suggest(part, list.iter().map(String::as_str)).map(str::to_string));
            }
        }
    }
    (set, unknown_hint)
}
