//! The register's columns: their names and built-in aliases (PRODUCT.md), their indexes, and
//! which are required under the settings. Knows nothing of rows or cells.

use crate::ingest::headers::ColumnSpec;
use crate::ingest::headers::optional_column as spec;
use crate::settings::{Settings, YearBasis};

// Column indexes into `specs()`.
pub(super) const ID: usize = 0;
pub(super) const KIND: usize = 1;
pub(super) const EVENT: usize = 2;
pub(super) const REPORTED: usize = 3;
pub(super) const DEPARTMENT: usize = 4;
pub(super) const UNIT: usize = 5;
pub(super) const EVENT_TYPE: usize = 6;
pub(super) const ASSESSMENT: usize = 7;
pub(super) const LEX_SARAH: usize = 8;
pub(super) const IVO: usize = 9;
pub(super) const IMY: usize = 10;
pub(super) const CAUSES: usize = 11;
pub(super) const ACTIONS: usize = 12;
pub(super) const STATUS: usize = 13;
pub(super) const CLOSED: usize = 14;
#[allow(dead_code)]
pub(super) const DESCRIPTION: usize = 15;
/// Regi, Lagrum and Verksamhetsområde, in [`crate::model::Dim`] order.
pub(super) const DIMS: [usize; 3] = [16, 17, 18];

/// The register's columns (PRODUCT.md), with built-in aliases seen in Swedish source systems.
pub(super) const SPECS: [ColumnSpec; 19] = [
    spec(
        "Id",
        &[
            "Ärendenummer",
            "Ärende-id",
            "Rapport-id",
            "Löpnummer",
            "Nr",
            "Avvikelsenummer",
            "Diarienummer",
        ],
    ),
    spec("Typ", &["Rapporttyp", "Ärendetyp", "Typ av rapport"]),
    spec(
        "Händelsedatum",
        &[
            "Datum för händelsen",
            "Händelsedag",
            "Inträffade",
            "Datum händelse",
        ],
    ),
    spec(
        "Rapporterad",
        &[
            "Rapportdatum",
            "Rapporterat",
            "Registrerad",
            "Registreringsdatum",
            "Inkom",
            "Inkommen",
            "Inkomstdatum",
        ],
    ),
    spec("Förvaltning", &[]),
    spec("Enhet", &["Verksamhet", "Arbetsplats", "Enhetsnamn"]),
    spec(
        "Händelsetyp",
        &[
            "Typ av händelse",
            "Händelsekategori",
            "Kategori",
            "Avvikelsetyp",
            "Typ av avvikelse",
            "Avvikelsekategori",
        ],
    ),
    spec(
        "Bedömning",
        &[
            "Klassificering",
            "Allvarlighetsgrad",
            "Utredningens bedömning",
        ],
    ),
    spec(
        "Lex Sarah",
        &[
            "Lex Sarah (Ja/Nej)",
            "Lex Sarah-rapport",
            "Missförhållande enligt lex Sarah",
        ],
    ),
    spec(
        "Anmäld IVO",
        &["Anmäld till IVO", "IVO", "IVO-anmälan", "Anmälan IVO"],
    ),
    spec(
        "Anmäld IMY",
        &["Anmäld till IMY", "IMY", "IMY-anmälan", "Anmälan IMY"],
    ),
    spec(
        "Bakomliggande orsak",
        &["Bakomliggande orsaker", "Orsak", "Orsaker"],
    ),
    spec(
        "Åtgärd",
        &["Åtgärder", "Vidtagen åtgärd", "Vidtagna åtgärder"],
    ),
    spec("Status", &["Ärendestatus"]),
    spec(
        "Avslutad",
        &["Avslutsdatum", "Avslutat", "Datum avslutad", "Stängd"],
    ),
    ColumnSpec {
        name: "Beskrivning",
        aliases: &[
            "Händelsebeskrivning",
            "Fritext",
            "Kommentar",
            "Beskrivning av händelsen",
        ],
        required: false,
        free_text: true,
    },
    spec(
        "Regi",
        &[
            "Regiform",
            "Utförare",
            "Utförarform",
            "Driftform",
            "Driftsform",
            "Huvudman",
        ],
    ),
    spec(
        "Lagrum",
        &["Lag", "Lagstöd", "Författning", "Lagrum (lag)", "Lagområde"],
    ),
    // "Verksamhet" is an alias of Enhet; beside an Enhet column it is this one (see the loader).
    spec(
        "Verksamhetsområde",
        &["Område", "Avdelning", "Verksamhetsgren", "Verksamhetsomr."],
    ),
];

/// The register's columns, as documented.
pub fn all_specs() -> &'static [ColumnSpec] {
    &SPECS
}

/// The register's column specs for the given settings (which date is required depends on
/// which decides the year).
pub fn specs(settings: &Settings) -> Vec<ColumnSpec> {
    let mut specs = SPECS.to_vec();
    for i in [ID, KIND] {
        specs[i].required = true;
    }
    match settings.rapport.ar_styrs_av {
        YearBasis::Handelsedatum => specs[EVENT].required = true,
        YearBasis::Rapporterad => specs[REPORTED].required = true,
    }
    specs
}
