//! Fuzz target: arbitrary bytes as an .ods register, survey and statistics file.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kvalitet_fuzz::read_all(data, "ods"));
