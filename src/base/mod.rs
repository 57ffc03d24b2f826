//! The bottom room: small value types every other room may use (locations, exact ratios, a table's
//! typed value and its Swedish formatting, the suppression marker, the usage error and I/O
//! reasons, the dated table of the laws the report cites). It imports nothing of the crate but `text`, and owns no file, setting or table.

pub mod format;
pub mod law;
pub mod loc;
pub mod names;
pub mod personal_data;
pub mod ratio;
pub mod rule;
pub mod usage;
pub mod value;

pub use loc::{Col, Loc, column_letters};
pub use ratio::Ratio;
pub use rule::Rule;
pub use usage::UsageError;
pub use value::Value;
