//! Footnotes: a Markdown text's `[^1]` and a Word text's footnotes and endnotes reach every
//! format as notes of one document, numbered 1, 2, … in the order they are referred to, each
//! text free to number its own from 1: at the foot of the page in the PDF and in Word (Word's
//! own footnotes part), and in the HTML after the text, before the annex, with Swedish labels.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use super::harness::{HEADER, VALID, csv_folder, fixture, report_into_temp, strip_tags};

/// The test register with the texts `texts` (name under `text/`, content).
fn with_texts(texts: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = csv_folder(HEADER, VALID);
    std::fs::create_dir_all(dir.path().join("text")).unwrap();
    for (name, text) in texts {
        std::fs::write(dir.path().join("text").join(name), text).unwrap();
    }
    dir
}

/// The register, a Markdown text with two notes (one referred to twice) and the Word text of
/// `tests/fixtures/word/fotnoter.docx` (two footnotes and an endnote, from LibreOffice).
fn folder() -> tempfile::TempDir {
    let dir = with_texts(&[(
        "avvikelser.md",
        "Uppgifterna kommer ur verksamhetssystemet[^1], och rutinen gäller alla enheter[^2]. \
         Samma källa[^1].\n\n[^1]: Uttag den 15 januari, se [IVO](https://www.ivo.se/).\n\n\
         [^2]: Beslutad av nämnden.\n",
    )]);
    std::fs::copy(
        fixture("word").join("fotnoter.docx"),
        dir.path().join("text/samverkan.docx"),
    )
    .unwrap();
    dir
}

/// The notes' texts in the order the report numbers them.
const NOTES: [&str; 5] = [
    "Uttag den 15 januari, se IVO",
    "Beslutad av nämnden.",
    "Källa: verksamhetssystemet, uttag den 15 januari.",
    "Beslutad av nämnden i mars.",
    "Se bilaga 2.",
];

fn docx_parts(path: &Path) -> BTreeMap<String, String> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut s = String::new();
            f.read_to_string(&mut s).unwrap_or_default();
            (f.name().unwrap().to_string(), s)
        })
        .collect()
}

/// The text of every `<w:t>` in `xml`, in order.
fn texts(xml: &str) -> String {
    xml.split("<w:t")
        .skip(1)
        .filter_map(|t| t.split_once('>').map(|(_, rest)| rest))
        .filter_map(|t| t.split("</w:t>").next())
        .collect()
}

#[test]
fn footnotes_of_a_markdown_and_a_word_text_are_one_documents_notes_in_every_format() {
    let dir = folder();
    let (run, out) = report_into_temp(dir.path(), "2022", "md,html,pdf,docx", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("fotnot"), "{}", run.stderr);
    let file = |ext: &str| out.path().join(format!("kvalitetsberattelse-2022.{ext}"));

    // Markdown: each text's names kept apart.
    let md = std::fs::read_to_string(file("md")).unwrap();
    for name in [
        "avvikelser-1",
        "avvikelser-2",
        "samverkan-1",
        "samverkan-2",
        "samverkan-3",
    ] {
        assert!(md.contains(&format!("[^{name}]:")), "{name} in\n{md}");
    }

    // HTML: five notes in order, the twice-cited one with two links back, Swedish labels.
    let html = std::fs::read_to_string(file("html")).unwrap();
    let section = strip_tags(
        html.split("<section class=\"footnotes\" data-footnotes aria-label=\"Fotnoter\">")
            .nth(1)
            .expect("a footnotes section"),
    );
    let mut at = 0;
    for note in NOTES {
        let found = section[at..].find(note).unwrap_or_else(|| panic!("{note}"));
        at += found;
    }
    assert!(html.contains("aria-label=\"Tillbaka till hänvisning 1-2\""));
    // After the text, before the annex and its tables.
    let notes_at = html.find("<section class=\"footnotes\"").unwrap();
    assert!(notes_at < html.find("<h2 id=\"bilaga").unwrap());
    assert!(notes_at > html.find("id=\"fnref-samverkan-3\"").unwrap());
    assert!(!html.contains("Back to reference"));
    assert_eq!(html.matches("class=\"footnote-ref\"><a href=").count(), 6);

    // Word: the notes in the footnotes part, referred to once each, with the relationship,
    // the content type and the separators' settings.
    let parts = docx_parts(&file("docx"));
    let notes = &parts["word/footnotes.xml"];
    let bodies: Vec<String> = notes
        .split("<w:footnote w:id=\"")
        .skip(1)
        .map(texts)
        .collect();
    assert_eq!(bodies.len(), 5, "{notes}");
    for (body, note) in bodies.iter().zip(NOTES) {
        assert!(body.contains(note), "{body:?} lacks {note:?}");
    }
    assert!(bodies[0].contains("(https://www.ivo.se/)"), "{}", bodies[0]);
    assert!(notes.contains("w:type=\"separator\" w:id=\"-1\""));
    let document = &parts["word/document.xml"];
    assert_eq!(document.matches("<w:footnoteReference ").count(), 5);
    assert!(parts["word/_rels/document.xml.rels"].contains("Target=\"footnotes.xml\""));
    assert!(parts["[Content_Types].xml"].contains("wordprocessingml.footnotes+xml"));
    assert!(parts["word/settings.xml"].contains("<w:footnotePr>"));

    // PDF: each note once, at the foot of the page that refers to it.
    let pages = super::pdf::pages(&file("pdf"));
    for note in NOTES {
        let on: Vec<usize> = (0..pages.len())
            .filter(|&p| pages[p].contains(note))
            .collect();
        assert_eq!(on.len(), 1, "{note} on pages {on:?}");
    }
    let page = pages
        .iter()
        .find(|p| p.contains("Uttag den 15 januari, se IVO"))
        .unwrap();
    assert!(page.contains("verksamhetssystemet"), "{page}");
}

#[test]
fn a_reference_without_its_note_stays_as_text() {
    let dir = with_texts(&[(
        "avvikelser.md",
        "Se not [^3] och `[^1]`.\n\n[^1]: Används inte.\n",
    )]);
    let (run, out) = report_into_temp(dir.path(), "2022", "md,html", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let md = std::fs::read_to_string(out.path().join("kvalitetsberattelse-2022.md")).unwrap();
    assert!(md.contains("Se not \\[^3\\] och `[^1]`."), "{md}");
    let html = std::fs::read_to_string(out.path().join("kvalitetsberattelse-2022.html")).unwrap();
    assert!(!html.contains("data-footnotes"), "no note is referred to");
    assert!(!html.contains("Används inte"));
}

/// Notes in a heading, a table, a list and a quote, on a text's title (which becomes the
/// section's heading, so its note moves to the first paragraph), a note referred to from a note
/// and from itself: every format is written, and each note is there once.
#[test]
fn notes_anywhere_in_a_text_never_break_a_format() {
    let dir = with_texts(&[
        (
            "avvikelser.md",
            "#### Rubrik med not[^h]\n\n| Kolumn | Värde[^t] |\n|--|--|\n| a | 1[^t] |\n\n\
             - Punkt med not[^l]\n\n> Citat[^q]\n\n[^h]: Rubriknot.\n\n\
             [^t]: Tabellnot, se även[^l].\n\n[^l]: Listnot.\n\n[^q]: Citatnot[^q].\n",
        ),
        (
            "12-eget.md",
            "## Eget avsnitt[^1]\n\nFörsta stycket.\n\n[^1]: Egennot.\n",
        ),
    ]);
    let (run, out) = report_into_temp(dir.path(), "2022", "md,html,pdf,docx", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let file = |ext: &str| out.path().join(format!("kvalitetsberattelse-2022.{ext}"));
    let notes = [
        "Rubriknot.",
        "Tabellnot",
        "Listnot.",
        "Citatnot",
        "Egennot.",
    ];
    let text = super::pdf::pages(&file("pdf")).concat();
    let footnotes = &docx_parts(&file("docx"))["word/footnotes.xml"];
    let html = std::fs::read_to_string(file("html")).unwrap();
    for note in notes {
        assert_eq!(text.matches(note).count(), 1, "{note} in the PDF:\n{text}");
        assert_eq!(texts(footnotes).matches(note).count(), 1, "{note} in Word");
        assert_eq!(html.matches(note).count(), 1, "{note} in the HTML");
    }
    assert_eq!(footnotes.matches("<w:footnote w:id=\"").count(), 5);
    let md = std::fs::read_to_string(file("md")).unwrap();
    assert!(
        md.contains("## Eget avsnitt\n\nFörsta stycket.[^12_eget-1]"),
        "{md}"
    );
}

/// An error in a text with notes cites the text as the controller wrote it: the notes are
/// named apart only after the text is filled in.
#[test]
fn an_error_in_a_text_with_notes_cites_it_as_written() {
    let dir = with_texts(&[(
        "avvikelser.md",
        "Text[^1] och {{ f.avvikelser.ar | tall }}.\n\n[^1]: Not.\n",
    )]);
    let run = super::harness::kvalitet(dir.path(), &["report", "2022"]);
    assert_ne!(run.code, 0);
    assert!(
        run.stderr.contains(
            "text/avvikelser.md rad 1, kolumn 35: okänt filter \"tall\"; menade du \"tal\"?\n    \
             Text[^1] och {{ f.avvikelser.ar | tall }}.\n"
        ),
        "{}",
        run.stderr
    );
}
