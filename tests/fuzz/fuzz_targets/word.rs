//! Fuzz target: arbitrary bytes as a chef's Word text (`text/*.docx`), converted to Markdown
//! with its pictures. Errors are fine; panics are bugs.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(word) = kvalitet::plan::word::to_markdown(data, "t.docx") {
        // Every picture the conversion carries is named in the Markdown, at the address the
        // renderers look it up by.
        let named = kvalitet::plan::assets::image_urls(&word.markdown);
        for (url, _) in &word.pictures {
            assert!(named.contains(url), "{url} not in the Markdown");
        }
    }
});
