//! The register of reports (*rapporter*): column contract, and the row-by-row validation that
//! turns raw rows into [`Record`]s. Every row read is either used or rejected with a located
//! reason; no cell value is ever copied into a message.

mod columns;
mod dims;
mod fields;
mod loader;
pub mod own_tables;
mod row;
mod types;

use std::path::Path;

use anyhow::Result;

use crate::diagnostics::{Findings, Reconciliation};
use crate::ingest::{self, Streamed};
use crate::model::{Record, Symbols};
use crate::settings::Settings;
use columns::{ACTIONS, ASSESSMENT, CAUSES, CLOSED, EVENT_TYPE, IMY, IVO, LEX_SARAH, SPECS, UNIT};
use loader::Loader;

pub use columns::{all_specs, specs};
pub use types::{check_type_aliases, type_words};

/// The canonical file stem and preferred sheet name of the register.
pub const STEM: &str = "rapporter";

/// The loaded register.
#[derive(Debug)]
pub struct Register {
    pub records: Vec<Record>,
    pub symbols: Symbols,
    pub causes: Vec<String>,
    pub actions: Vec<String>,
    /// Which optional columns the file had (indexed like the specs).
    pub present: Vec<bool>,
    pub reconciliation: Reconciliation,
    pub findings: Findings,
    /// False when the file could not be used at all (fatal finding).
    pub usable: bool,
    /// Whether the data folder has a register at all (every input is optional).
    pub loaded: bool,
}

/// Columns whose absence tables must show as "–" rather than 0.
#[derive(Debug, Clone, Copy)]
pub enum Column {
    Ivo,
    Imy,
    Assessment,
    LexSarah,
    Causes,
    Actions,
    EventType,
    Closed,
    Unit,
    Department,
    /// Regi, Lagrum or Verksamhetsområde.
    Dim(crate::model::Dim),
}

impl Column {
    fn index(self) -> usize {
        match self {
            Column::Ivo => IVO,
            Column::Imy => IMY,
            Column::Assessment => ASSESSMENT,
            Column::LexSarah => LEX_SARAH,
            Column::Causes => CAUSES,
            Column::Actions => ACTIONS,
            Column::EventType => EVENT_TYPE,
            Column::Closed => CLOSED,
            Column::Unit => UNIT,
            Column::Department => columns::DEPARTMENT,
            Column::Dim(d) => columns::DIMS[d.index()],
        }
    }

    /// The column's canonical header, as documented ("Bakomliggande orsak").
    pub fn name(self) -> &'static str {
        match self {
            Column::LexSarah => "Lex Sarah (eller Bedömning)",
            c => SPECS[c.index()].name,
        }
    }
}

impl Default for Register {
    /// The register of a data folder that has none: empty, usable, not loaded.
    fn default() -> Self {
        Register {
            records: Vec::new(),
            symbols: Symbols::default(),
            causes: Vec::new(),
            actions: Vec::new(),
            present: Vec::new(),
            reconciliation: Reconciliation::default(),
            findings: Findings::default(),
            usable: true,
            loaded: false,
        }
    }
}

impl Register {
    pub fn has(&self, c: Column) -> bool {
        if let Column::LexSarah = c {
            return self.present.get(LEX_SARAH) == Some(&true)
                || self.present.get(ASSESSMENT) == Some(&true);
        }
        self.present.get(c.index()) == Some(&true)
    }
}

/// Reads and validates the register file at `path`.
pub fn load_register(path: &Path, settings: &Settings) -> Result<Register> {
    let specs = specs(settings);
    let mut loader = Loader::new(settings, &specs);
    let streamed = ingest::stream(path, STEM, &mut loader)?;
    loader.reject_duplicates();
    loader.notice_spellings();
    let mut reg = loader.reg;
    reg.findings.sort_by_row();
    reg.reconciliation.file = ingest::display_name(path);
    if let Streamed::NoHeader(src) = streamed {
        crate::ingest::headers::no_header(&mut reg.findings, &src, &specs, "registret");
        reg.usable = false;
    }
    Ok(reg)
}
