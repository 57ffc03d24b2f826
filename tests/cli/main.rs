//! The integration tests: one binary, a small harness, one scenario per test. They run the
//! real `kvalitet` binary and assert what a user sees: files, stdout, stderr and exit codes.

#[path = "../support/synth.rs"]
mod synth;

#[path = "../../benches/support/measure.rs"]
mod measure;

mod a11y;
mod check_warnings;
mod corpus;
mod dense_sheets;
mod docx;
mod errors;
mod escaping;
mod every_input;
mod export;
mod exports;
mod footnotes;
mod harness;
mod hjalp;
mod indicator_report;
mod indikator;
mod init;
mod kolada;
mod kolada_report;
mod kolada_server;
mod kolada_store;
mod kolada_v3;
mod law;
mod lex_maria;
mod lists;
mod narrative;
mod parity;
mod part_suppression;
mod partial;
mod pdf;
mod privacy;
mod privacy_names;
mod real_files;
mod report;
mod sheets;
mod spara;
mod suppression;
mod survey;
mod test_script;
mod word_in;
mod wording;
