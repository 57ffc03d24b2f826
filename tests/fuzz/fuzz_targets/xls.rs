//! Fuzz target: arbitrary bytes as an .xls register, survey and statistics file.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kvalitet_fuzz::read_all(data, "xls"));
