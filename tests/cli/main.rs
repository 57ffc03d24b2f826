//! The integration tests: one binary, a small harness, one scenario per test. They run the
//! real `kvalitet` binary and assert what a user sees: files, stdout, stderr and exit codes.

#[path = "../support/synth.rs"]
mod synth;

mod corpus;
mod errors;
mod escaping;
mod harness;
mod indicator_report;
mod indikator;
mod kolada;
mod kolada_server;
mod parity;
mod privacy;
mod report;
mod survey;
