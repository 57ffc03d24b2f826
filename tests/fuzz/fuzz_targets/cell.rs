//! Fuzz target: the cell parsers (dates, numbers, yes/no, years) and the personal-data
//! detector on arbitrary text, with the invariants they promise.
#![no_main]

use kvalitet::ingest::RawCell;
use kvalitet::ingest::cell::{parse_date, parse_number, parse_year, parse_yes_no};
use kvalitet::ingest::pii;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let cell = RawCell::text(text);
    if let Ok(Some(d)) = parse_date(&cell) {
        let year = chrono::Datelike::year(&d);
        assert!((1900..=2100).contains(&year), "date out of range");
    }
    if let Ok(Some(n)) = parse_number(&cell) {
        assert!(n.is_finite(), "non-finite number");
    }
    let _ = parse_yes_no(&cell);
    if let Ok(y) = parse_year(&cell) {
        assert!((1900..=2100).contains(&y));
    }
    let _ = kvalitet::base::personal_data::detect(text);
    let _ = cell.as_key();
    if let Some(n) = text.parse::<f64>().ok() {
        let number = RawCell::Number(n);
        let _ = parse_date(&number);
        let _ = pii::detect_cell(&number);
        let _ = number.as_key();
    }
});
