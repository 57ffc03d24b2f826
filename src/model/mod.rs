//! The typed, validated data set: what the rows of every input mean. `register`, `survey` and
//! `indicators` turn the raw rows `ingest` hands them into records and located findings, and
//! `Inputs` gathers a data folder's. Must not open files itself (that is `ingest`), compute a
//! table (`compute`) or format anything for a reader (`render`).

pub mod columns;
pub mod example;
pub mod indicators;
pub mod inputs;
pub mod lists;
pub mod record;
pub mod register;
pub mod spellings;
pub mod survey;
pub mod symbols;

pub use inputs::{DataPlan, Inputs};
pub use record::{Assessment, CommentKind, Dim, Kind, LabelSet, Record, Status};
pub use register::{Register, load_register};
pub use symbols::{Sym, Symbols};
