use super::*;

fn load_dir(dir: &Path) -> Result<Texts> {
    load(dir, &SectionSettings::default())
}

#[test]
fn misspelt_section_names_and_other_formats_are_errors_with_a_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("avvikelse.md"), "x").unwrap();
    let err = load_dir(dir.path()).unwrap_err().to_string();
    assert_eq!(
        err,
        "text/avvikelse.md: filen hör inte till något avsnitt; menade du \"avvikelser.md\"? \
         (ett eget avsnitt får ett nummer först i filnamnet, till exempel 12-avvikelse.md)"
    );
    std::fs::remove_file(dir.path().join("avvikelse.md")).unwrap();
    std::fs::write(dir.path().join("klagomal.txt"), "x").unwrap();
    let err = load_dir(dir.path()).unwrap_err().to_string();
    assert_eq!(
        err,
        "text/klagomal.txt: bara Markdown (.md) och Word (.docx) läses som text; menade du \"klagomal.md\"?"
    );
}

#[test]
fn a_near_miss_listed_in_the_settings_or_numbered_is_an_own_section() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("avvikelse.md"), "x").unwrap();
    std::fs::write(dir.path().join("3-klagomale.md"), "y").unwrap();
    let settings = SectionSettings {
        egna: vec!["avvikelse".into()],
        ..SectionSettings::default()
    };
    let texts = load(dir.path(), &settings).unwrap();
    let names: Vec<&str> = texts.sources.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["text/3-klagomale.md", "text/avvikelse.md"]);
}

#[test]
fn texts_are_read_without_bom_and_crlf_and_hidden_files_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("klagomal.md"),
        b"\xEF\xBB\xBFRad 1\r\nRad 2\r\n",
    )
    .unwrap();
    std::fs::write(dir.path().join(".DS_Store"), b"\0\0").unwrap();
    std::fs::write(dir.path().join("~$klagomal.docx"), b"\0").unwrap();
    let texts = load_dir(dir.path()).unwrap();
    assert_eq!(
        texts.sources,
        vec![("text/klagomal.md".to_string(), "Rad 1\nRad 2\n".to_string())]
    );
}

#[test]
fn text_that_is_not_utf8_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("samverkan.md"), b"Sj\xe4lvklart").unwrap();
    let err = load_dir(dir.path()).unwrap_err().to_string();
    assert!(
        err.starts_with("text/samverkan.md: filen är inte sparad som UTF-8"),
        "{err}"
    );
}

#[test]
fn markdown_and_word_for_one_section_is_an_error_naming_both() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("samverkan.md"), "x").unwrap();
    std::fs::write(dir.path().join("samverkan.docx"), "x").unwrap();
    let err = load_dir(dir.path()).unwrap_err().to_string();
    assert_eq!(
        err,
        "text/samverkan.docx och text/samverkan.md är texter till samma avsnitt; ta bort den ena"
    );
}

#[test]
fn a_file_that_is_no_word_document_is_a_swedish_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("samverkan.docx"), "inte word").unwrap();
    let err = load_dir(dir.path()).unwrap_err().to_string();
    assert_eq!(
        err,
        "text/samverkan.docx: filen är inte ett Word-dokument (.docx); spara den i Word som .docx"
    );
}

#[test]
fn verksamhet_texts_are_read_from_their_folder() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("verksamheter")).unwrap();
    std::fs::write(dir.path().join("verksamheter/Hemtjänst.md"), "H").unwrap();
    std::fs::write(dir.path().join("verksamheter/x.pdf"), "H").unwrap();
    let err = load_dir(dir.path()).unwrap_err().to_string();
    assert_eq!(
        err,
        "text/verksamheter/x.pdf: bara Markdown (.md) och Word (.docx) läses som text"
    );
    std::fs::remove_file(dir.path().join("verksamheter/x.pdf")).unwrap();
    let texts = load_dir(dir.path()).unwrap();
    assert_eq!(
        texts.sources,
        vec![(
            "text/verksamheter/Hemtjänst.md".to_string(),
            "H".to_string()
        )]
    );
}

#[test]
fn an_own_section_listed_in_the_settings_must_have_a_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("12-tillsyn.md"), "x").unwrap();
    let settings = SectionSettings {
        egna: vec!["tilsyn".into()],
        ..SectionSettings::default()
    };
    let err = load(dir.path(), &settings).unwrap_err().to_string();
    assert_eq!(
        err,
        "kvalitet.toml: [avsnitt] egna nämner \"tilsyn\", men text/ har ingen sådan fil; menade du \"tillsyn\"?"
    );
    let settings = SectionSettings {
        egna: vec!["tillsyn".into()],
        ..SectionSettings::default()
    };
    assert_eq!(load(dir.path(), &settings).unwrap().sources.len(), 1);
}

#[test]
fn what_a_word_file_lost_or_lacks_is_said_in_one_notice_each() {
    let w = word::Word {
        comments: true,
        images: 2,
        without_alt: 1,
        notes: 1,
        ..Default::default()
    };
    assert_eq!(
        word_notices("text/samverkan.docx", &w),
        [
            "obs: text/samverkan.docx: kommentarerna tas inte med",
            "obs: text/samverkan.docx: 1 fotnot tas inte med eftersom texten saknas i filen; \
             skriv det som behövs i själva texten",
            "obs: text/samverkan.docx: 2 bilder eller ritobjekt tas inte med (diagram, former, \
             inbäddade objekt och bilder i andra format än PNG, JPEG och SVG); klistra in dem som \
             bild i något av de formaten",
            "varning: text/samverkan.docx: 1 bild saknar alternativtext, som den som inte ser \
             bilden får läsa; skriv den i Word under Alternativtext (högerklicka på bilden)",
        ]
    );
    assert!(word_notices("text/a.docx", &word::Word::default()).is_empty());
}

#[test]
fn a_personnummer_in_a_text_stops_the_report_naming_file_and_line_not_the_number() {
    let dir = tempfile::tempdir().unwrap();
    let load_text = |text: &str| {
        std::fs::write(dir.path().join("avvikelser.md"), text).unwrap();
        load_dir(dir.path())
    };
    let err = load_text("Första raden.\n\nÄrendet gällde 19121212-1212 och följdes upp.\n")
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "text/avvikelser.md rad 3: texten innehåller något som ser ut som ett personnummer; \
         berättelsen ska inte innehålla personuppgifter, så ta bort det (är det inget \
         personnummer, skriv siffrorna med mellanslag emellan)"
    );
    assert!(!err.contains("1212"));
    let err = load_text("Samordningsnummer 701261-2383.\n")
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with(
            "text/avvikelser.md rad 1: texten innehåller något som ser ut som ett samordningsnummer;"
        ),
        "{err}"
    );
    assert!(err.contains("är det inget samordningsnummer"), "{err}");
    // Contact details, a diarienummer, the municipality's organisationsnummer and a date are
    // no stop.
    let contact = "Kontakt: eva.ek@norrvik.se, 08-123 45 67. Dnr SN 2023/0042. Org.nr \
                   212000-0142, beslutat 2023-02-15.\n";
    assert_eq!(load_text(contact).unwrap().sources.len(), 1);
}
