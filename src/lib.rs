//! kvalitet: turns a social-services register of reports (and later surveys and indicators)
//! into the annual *kvalitetsberättelse*.
//!
//! The pipeline, one module per stage:
//! `cli` → `plan` (validated settings) → `ingest` (files to located raw rows) → `model`
//! (typed, validated records) → `compute` (pure tables and figures) → `render` (Markdown via
//! Tera, HTML via comrak, PDF via typst) → `output` (the only module that writes files). Small shared value
//! types live in `base`, at the bottom; imports only run down (see `architecture_tests`).

pub mod base;
pub mod cli;
pub mod cmd;
pub mod compute;
pub mod diagnostics;
pub mod export;
pub mod guide;
pub mod ingest;
pub mod kolada;
pub mod model;
pub mod output;
pub mod plan;
pub mod render;
pub mod scaffold;
pub mod settings;
pub mod store;
pub mod text;

#[cfg(test)]
mod architecture_tests;
