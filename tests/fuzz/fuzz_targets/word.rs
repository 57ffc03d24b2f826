//! Fuzz target: arbitrary bytes as a chef's Word text (`text/*.docx`), converted to Markdown
//! with its pictures. Errors are fine; panics are bugs.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(word) = kvalitet::plan::word::to_markdown(data, "t.docx") {
        // Every picture the Markdown names is one the conversion carries, and no other.
        let named = kvalitet::plan::assets::image_urls(&word.markdown);
        for (url, _) in &word.pictures {
            assert!(named.contains(url), "{url} not in the Markdown");
        }
        for url in &named {
            assert!(word.pictures.iter().any(|(u, _)| u == url), "{url} not carried");
        }
    }
});
