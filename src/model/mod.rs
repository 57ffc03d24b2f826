//! The typed, validated data set: what the register's rows mean. `register` turns raw rows
//! into [`Record`]s and findings; nothing here reads files or formats output.

pub mod columns;
pub mod example;
pub mod indicators;
pub mod inputs;
pub mod record;
pub mod register;
pub mod spellings;
pub mod survey;
pub mod symbols;

pub use inputs::{DataPlan, Inputs};
pub use record::{Assessment, Kind, LabelSet, Record, Status};
pub use register::{Register, load_register};
pub use symbols::{Sym, Symbols};
