//! Fuzz target: arbitrary bytes as a .csv register, survey and statistics file.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kvalitet_fuzz::read_all(data, "csv"));
