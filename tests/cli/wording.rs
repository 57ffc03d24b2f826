//! Sentences a controller can sign: each wording rule of the report is pinned on the sentence
//! itself, in the sample report and in small folders made for the rule.

use std::path::Path;

use super::harness::{
    HEADER, VALID, csv_folder, kvalitet, report_into_temp, report_markdown, sample_data,
};

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn sample() -> String {
    report_markdown(&sample_data(), "2022")
}

#[test]
fn a_kpi_is_improved_or_worse_only_past_the_stated_threshold() {
    let md = sample();
    // 92 → 93 is +1,1 %: within 5 %.
    assert!(
        md.contains("andel (%): 93 år 2022 mot 92 året innan; resultatet är i stort sett oförändrat (riket 88, jämförelsegruppen 87)."),
        "{md}"
    );
    // 14 → 12 days is −14 %, and fewer days is better.
    assert!(
        md.contains("medelvärde: 12 år 2022 mot 14 året innan; resultatet har förbättrats (riket 14, jämförelsegruppen 15)."),
        "{md}"
    );
    assert!(md.contains(
        "Ett resultat kallas förbättrat eller försämrat när det har ändrats med mer än 5 procent av föregående års värde, och annars i stort sett oförändrat."
    ));
    // Without positions in the data, no placement is promised.
    assert!(!md.contains("placeringen anger"), "{md}");
}

#[test]
fn the_threshold_is_a_setting() {
    let dir = super::harness::sample_data_with("");
    let settings = dir.path().join("kvalitet.toml");
    let text = std::fs::read_to_string(&settings).unwrap();
    let text = text.replace("[indikatorer]\n", "[indikatorer]\nforandring_procent = 0\n");
    std::fs::write(&settings, text).unwrap();
    let md = report_markdown(dir.path(), "2022");
    assert!(md.contains("93 år 2022 mot 92 året innan; resultatet har förbättrats"));
    assert!(md.contains("med mer än 0 procent av föregående års värde"));
}

#[test]
fn unit_names_keep_their_capitals() {
    // Enough reports per unit that the prose names the units (6 and 5).
    let rows: Vec<String> = (1..=11)
        .map(|i| {
            let unit = if i <= 6 { "Ekbacken" } else { "Solgläntans boende" };
            format!(
                "AV-{i};Avvikelse;2022-03-{i:02};2022-03-{i:02};Socialförvaltningen;{unit};Sekretessbrott;Avvikelse;Nej;Nej;Nej;Processer och rutiner;Översyn av rutin eller process;Avslutad;2022-04-20;fritext"
            )
        })
        .collect();
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let dir = csv_folder(HEADER, &rows);
    let md = report_markdown(dir.path(), "2022");
    assert!(
        md.contains("Flest avvikelser rapporterades från Ekbacken (6) och Solgläntans boende (5)."),
        "{md}"
    );
    assert!(!md.contains("solgläntans"));
}

#[test]
fn the_default_text_makes_no_value_judgement_and_empty_sections_are_left_out() {
    let dir = csv_folder(HEADER, VALID);
    let md = report_markdown(dir.path(), "2022");
    assert!(!md.contains("i sig positiv"), "{md}");
    for heading in [
        "Ledningssystem",
        "Risker, egenkontroll och åtgärder",
        "Samverkan och delaktighet",
        "Sammanfattande bedömning",
        "Fortsatt arbete",
        "## Sammanfattning",
    ] {
        assert!(!md.contains(heading), "{heading} without text:\n{md}");
    }
    // With tomma = "standardtext" they come back.
    write(
        dir.path(),
        "kvalitet.toml",
        "[avsnitt]\ntomma = \"standardtext\"\n",
    );
    let md = report_markdown(dir.path(), "2022");
    assert!(md.contains("## Sammanfattande bedömning"));
    // The standard summary says none in words: no "varav 0".
    let dir = csv_folder(
        HEADER,
        &[
            "AV-1;Avvikelse;2022-03-02;2022-03-03;Socialförvaltningen;Enhet A;Fall;Avvikelse;Nej;Nej;Nej;;;Avslutad;2022-03-04;fritext",
            "KL-1;Klagomål;2022-06-02;2022-06-02;Socialförvaltningen;Enhet B;Bemötande;;Nej;Nej;Nej;;;Avslutad;2022-06-30;fritext",
        ],
    );
    write(
        dir.path(),
        "kvalitet.toml",
        "[avsnitt]\ntomma = \"standardtext\"\n",
    );
    let md = report_markdown(dir.path(), "2022");
    assert!(
        md.contains("- 1 avvikelse, ingen enligt lex Sarah.\n- 1 klagomål och inga synpunkter.\n"),
        "{md}"
    );
}

#[test]
fn kolada_figures_say_egen_bearbetning_and_notes_are_said_once() {
    let md = sample();
    assert_eq!(
        md.matches("*Källa:* Kolada (RKA), egen bearbetning\n")
            .count(),
        4
    );
    assert!(!md.contains("Bearbetning: kvalitet"));
    assert_eq!(
        md.matches("*Anmärkning:* Egen bearbetning av Koladas värden: förändring 2021–2022.")
            .count(),
        1
    );
    assert_eq!(
        md.matches("*Anmärkning:* Förändring och skillnad anges i procentenheter.")
            .count(),
        1
    );
    assert_eq!(
        md.matches("*Anmärkning:* Andelarna räknas på dem som valt")
            .count(),
        1
    );
    assert!(md.matches("*Anmärkning:*").count() < 30, "{md}");
    assert!(!md.contains("enligt kolumnen"));
    assert!(md.contains("En anmärkning som gäller flera tabeller står vid den första av dem."));
}

#[test]
fn a_change_column_agrees_with_the_rounded_shares_beside_it() {
    let md = sample();
    // 78,6 % → 90,5 % unrounded would be +12; shown as 79 % → 90 % it is +11.
    assert!(
        md.contains("| Hur lätt eller svårt är det att få kontakt med socialsekreteraren (till exempel via telefon, sms eller e-post)? | 79\u{a0}% | 90\u{a0}% | +11 | 89\u{a0}% | +1 |"),
        "{md}"
    );
    assert!(md.contains("från 79\u{a0}% till 90\u{a0}% är +11"));
}

#[test]
fn om_underlaget_is_one_sentence_and_the_counts_per_file_go_to_a_log_beside_the_report() {
    let (run, out) = report_into_temp(&sample_data(), "2022", "md", &[]);
    let md = std::fs::read_to_string(out.path().join("kvalitetsberattelse-2022.md")).unwrap();
    let section = md.split("## Om underlaget\n\n").nth(1).unwrap();
    let section = section.split("\n\n##").next().unwrap();
    assert_eq!(
        section,
        "Rapporterna förs till år och månad efter händelsedatum, och av de 1\u{a0}589 rader som lästes ur underlaget användes alla."
    );
    let log = std::fs::read_to_string(out.path().join("kvalitetsberattelse-2022.log")).unwrap();
    assert_eq!(
        log,
        "Underlag för kvalitetsberättelse 2022\n\
         rapporter.xlsx: 1\u{a0}190 rader lästa, 1\u{a0}190 använda, 0 avvisade\n\
         brukarundersokning.xlsx › Svar: 231 rader lästa, 231 använda, 0 avvisade\n\
         brukarundersokning.xlsx › Urval: 7 rader lästa, 7 använda, 0 avvisade\n\
         indikatorer.csv: 93 rader lästa, 93 använda, 0 avvisade\n\
         nyckeltal.csv: 8 rader lästa, 8 använda, 0 avvisade\n\
         statistik.csv: 39 rader lästa, 39 använda, 0 avvisade\n\
         ej_verkstallda.csv: 13 rader lästa, 13 använda, 0 avvisade\n\
         egenkontroll.csv: 5 rader lästa, 5 använda, 0 avvisade\n\
         ivo_tillsyn.csv: 3 rader lästa, 3 använda, 0 avvisade\n"
    );
    assert!(
        run.stderr
            .contains("rapporter.xlsx: 1\u{a0}190 rader lästa")
    );
    assert!(run.stdout.contains("kvalitetsberattelse-2022.log"));
}

#[test]
fn a_rejected_row_is_counted_in_the_sentence_and_located_in_the_log() {
    let mut rows = VALID.to_vec();
    rows.push(
        "AV-9;Avvikelse;inget datum;;Socialförvaltningen;Enhet A;;;Nej;Nej;Nej;;;Pågående;;fritext",
    );
    let dir = csv_folder(HEADER, &rows);
    let run = kvalitet(
        dir.path(),
        &[
            "report",
            "2022",
            "--out",
            "ut",
            "--format",
            "md",
            "--tillåt-ofullständig",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let md = std::fs::read_to_string(dir.path().join("ut/kvalitetsberattelse-2022.md")).unwrap();
    assert!(
        md.contains("av de 6 rader som lästes ur underlaget användes 5; de 1 som inte kunde räknas redovisas i körningens logg."),
        "{md}"
    );
    let log = std::fs::read_to_string(dir.path().join("ut/kvalitetsberattelse-2022.log")).unwrap();
    assert!(log.contains("avvisad: rapporter.csv › rad 7"), "{log}");
    assert!(!log.contains("fritext"));
}

#[test]
fn teras_messages_about_a_misspelt_field_read_in_swedish() {
    let dir = csv_folder(HEADER, VALID);
    write(
        dir.path(),
        "text/avvikelser.md",
        "Vi fick {{ f.avvikelse.ar }} avvikelser.\n",
    );
    let run = kvalitet(dir.path(), &["report", "2022", "--out", "ut"]);
    assert_ne!(run.code, 0);
    assert!(
        run.stderr
            .contains("texten kunde inte fyllas i: text/avvikelser.md rad 1")
            && run
                .stderr
                .contains("fältet \"avvikelse\" finns inte; menade du \"avvikelser\"?"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("is not defined"), "{}", run.stderr);
}

#[test]
fn rapport_is_report_in_swedish() {
    let dir = csv_folder(HEADER, VALID);
    let run = kvalitet(
        dir.path(),
        &["rapport", "2022", "--out", "ut", "--format", "md"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(dir.path().join("ut/kvalitetsberattelse-2022.md").is_file());
}

/// The 2022 report of a register of one row.
fn report_of(row: &str) -> String {
    let dir = csv_folder(HEADER, &[row]);
    report_markdown(dir.path(), "2022")
}

#[test]
fn a_count_of_none_is_written_in_words() {
    // One avvikelse that is not lex Sarah, and no klagomål, synpunkter or incidents.
    let md = report_of(
        "AV-1;Avvikelse;2022-03-02;2022-03-03;Socialförvaltningen;Enhet A;Sekretessbrott;Avvikelse;Nej;Nej;Nej;Processer och rutiner;Översyn av rutin eller process;Avslutad;2022-04-01;fritext",
    );
    assert!(
        md.contains("Av dem var 1 avvikelse, inga klagomål, inga synpunkter och inga personuppgiftsincidenter."),
        "{md}"
    );
    assert!(
        md.contains("Under 2022 kom inga klagomål och inga synpunkter in"),
        "{md}"
    );
    assert!(
        md.contains("Ingen av avvikelserna har bedömts som missförhållande eller påtaglig risk för missförhållande enligt lex Sarah."),
        "{md}"
    );
    // Nothing is said of how many of none were serious or reported.
    assert!(!md.contains("Av dessa"), "{md}");
    assert!(!md.contains(" 0 klagomål"), "{md}");
    // One is singular, and so is its one serious case.
    let md = report_of(
        "AV-1;Avvikelse;2022-03-02;2022-03-03;Socialförvaltningen;Enhet A;Sekretessbrott;Allvarligt missförhållande;Ja;Ja;Nej;Processer och rutiner;Översyn av rutin eller process;Avslutad;2022-04-01;fritext",
    );
    assert!(
        md.contains(
            "Av avvikelserna har 1 bedömts som missförhållande eller påtaglig risk för \
             missförhållande enligt lex Sarah. Det bedömdes som allvarligt och anmäldes till \
             Inspektionen för vård och omsorg (IVO)."
        ),
        "{md}"
    );
    // One incident: "den".
    let one = report_of(
        "PU-1;Personuppgiftsincident;2022-12-02;2022-12-05;Socialförvaltningen;Enhet Ö;Sekretessbrott;;Nej;Nej;Ja;;;Avslutad;2023-01-10;fritext",
    );
    assert!(
        one.contains("Under 2022 rapporterades 1 personuppgiftsincident. Den anmäldes till IMY."),
        "{one}"
    );
    // A median of one day, and every report closed by the year's end.
    let closed = report_of(
        "AV-1;Avvikelse;2022-05-12;2022-05-15;Socialförvaltningen;Enhet B;Sekretessbrott;Avvikelse;Nej;Nej;Nej;;;Avslutad;2022-05-16;fritext",
    );
    assert!(
        closed.contains(
            "Medianen för tiden från rapportering till avslut var 1 dag för rapporterna 2022, \
             och 100\u{a0}% av dem var avslutade den 31 december. Vid årets slut var alla rapporter \
             avslutade."
        ),
        "{closed}"
    );
    // One event type, cause and action: "den vanligaste", in the singular.
    for one in [
        "Den vanligaste händelsetypen bland lex Sarah-rapporterna var sekretessbrott (1)",
        "Den vanligaste orsaken 2022 var processer och rutiner (1).",
        "Den vanligaste åtgärden var översyn av rutin eller process (1).",
    ] {
        assert!(md.contains(one), "{one:?} in\n{md}");
    }
    // More than one keeps the figure, in the plural.
    let md = report_markdown(&sample_data(), "2022");
    assert!(
        md.contains("Av avvikelserna har 100 bedömts som missförhållanden"),
        "{md}"
    );
    assert!(md.contains("Av dessa bedömdes 12 som allvarliga"), "{md}");
    assert!(md.contains("De vanligaste orsakerna 2022 var "), "{md}");
    assert!(md.contains("30 klagomål"), "{md}");
}
