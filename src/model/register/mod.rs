//! The register of reports (*rapporter*): column contract, and the row-by-row validation that
//! turns raw rows into [`Record`]s. Every row read is either used or rejected with a located
//! reason; no cell value is ever copied into a message.

mod columns;
mod fields;
mod loader;
mod row;

use std::path::Path;

use anyhow::Result;

use crate::diagnostics::{Findings, Reconciliation};
use crate::ingest::{self, Streamed};
use crate::model::{Record, Symbols};
use crate::settings::Settings;
use columns::{ACTIONS, ASSESSMENT, CAUSES, CLOSED, EVENT_TYPE, IMY, IVO, LEX_SARAH};
use loader::Loader;

pub use columns::{all_specs, specs};

/// The canonical file stem and preferred sheet name of the register.
pub const STEM: &str = "rapporter";

/// The loaded register.
#[derive(Debug, Default)]
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
}

impl Register {
    pub fn has(&self, c: Column) -> bool {
        let i = match c {
            Column::Ivo => IVO,
            Column::Imy => IMY,
            Column::Assessment => ASSESSMENT,
            Column::LexSarah => {
                return self.present.get(LEX_SARAH) == Some(&true)
                    || self.present.get(ASSESSMENT) == Some(&true);
            }
            Column::Causes => CAUSES,
            Column::Actions => ACTIONS,
            Column::EventType => EVENT_TYPE,
            Column::Closed => CLOSED,
        };
        self.present.get(i) == Some(&true)
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
