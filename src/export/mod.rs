//! Batch export of the annex tables (`kvalitet export`): turning computed tables into CSV, XLSX
//! and JSON bytes, one file per format, and running one data folder from load to files. Never
//! formats numbers itself (that is `base::format`) and never writes except through `output`.

pub mod cell;
pub mod csv;
pub mod guard;
pub mod json;
pub mod plan;
pub mod scope;
pub mod unit;
pub mod verksamheter;
pub mod xlsx;

/// The name and version of the JSON format; bumped when a field changes meaning or goes away.
pub const SCHEMA: &str = "kvalitet-export/1";

/// The file name stem of a table's CSV file: `tabell-03-avvikelser_per_ar`.
pub fn csv_name(table: &crate::compute::Table) -> String {
    format!("tabell-{:02}-{}.csv", table.number, table.key)
}

/// The workbook with every table of a scope.
pub const XLSX_NAME: &str = "tabeller.xlsx";
/// The JSON document with every table of a scope.
pub const JSON_NAME: &str = "tabeller.json";
