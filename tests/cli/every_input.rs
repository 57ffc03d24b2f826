//! Issue 25: every input is optional and the register's shape is the municipality's. A folder
//! with only surveys, only Kolada values or only own statistics gives a report of that part,
//! figure for figure as in the full report; a register without Enhet, or with Regi, Lagrum and
//! Verksamhetsområde under alias headers, or with synpunkter exported as Beröm, Förslag, Fråga
//! and Klagomål, gives its own tables; own tables in kvalitet.toml are built, traced and checked.

use std::collections::BTreeMap;
use std::path::Path;

use crate::harness::{csv_folder, kvalitet, report_markdown, sample_data};

/// A folder holding copies of the named files of `sample-data/`.
fn sample_part(files: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in files {
        std::fs::copy(sample_data().join(f), dir.path().join(f)).unwrap();
    }
    dir
}

/// The annex tables of a Markdown report by title (without their number): the table, its
/// notes and its source.
fn tables(md: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for block in md.split("\n### Tabell ").skip(1) {
        let (head, body) = block.split_once('\n').unwrap();
        let title = head.split_once(". ").unwrap().1.to_string();
        let body = body.split("\n### ").next().unwrap().trim().to_string();
        out.insert(title, body);
    }
    out
}

/// The rows of the table whose title starts with `title`.
fn rows(md: &str, title: &str) -> Vec<String> {
    let start = md
        .find(&format!(". {title}"))
        .unwrap_or_else(|| panic!("no table {title} in\n{md}"));
    md[start..]
        .lines()
        .skip(1)
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .map(String::from)
        .collect()
}

/// The subjects of the provisions under "Lagrum" ("Dokumentation" of "- Dokumentation: 11 kap.
/// 5 § …").
fn provisions(md: &str) -> Vec<String> {
    let list = md.split("### Lagrum\n").nth(1).expect("a Lagrum section");
    list.split("\n\n")
        .nth(1)
        .unwrap_or("")
        .lines()
        .filter_map(|l| l.strip_prefix("- "))
        .map(|l| l.split(':').next().unwrap_or(l).to_string())
        .collect()
}

/// What a report without a register must not say.
fn says_nothing_of_a_register(md: &str) {
    // Nor name the provisions of lex Sarah and case documentation among its legal grounds.
    let listed = provisions(md);
    assert!(
        listed.first().map(String::as_str)
            == Some("Kvalitet i verksamheten, grunden för ledningssystemet"),
        "{listed:?}"
    );
    for topic in &listed {
        assert!(
            !topic.contains("missförhållanden")
                && !topic.contains("lex Sarah")
                && !topic.contains("IVO")
                && topic != "Dokumentation",
            "{topic:?} in {listed:?}"
        );
    }
    for phrase in [
        "Inkomna rapporter",
        "Ur registret",
        "### Avvikelser",
        "### Klagomål",
        "Rapporterna förs till år",
        "register över inkomna rapporter",
    ] {
        assert!(!md.contains(phrase), "{phrase:?} in\n{md}");
    }
}

/// Every heading of a report heads something: no heading is followed by one of the same or a
/// higher level, or ends the report. (A report of surveys only once had "Kvalitetsarbetet under
/// 2022" with nothing under it.) And it names no years of comparison that no table has.
fn every_section_has_content(md: &str) {
    let level = |line: &str| {
        let hashes = line.len() - line.trim_start_matches('#').len();
        (hashes > 0 && line[hashes..].starts_with(' ')).then_some(hashes)
    };
    let blocks: Vec<&str> = md
        .split("\n\n")
        .map(str::trim)
        .filter(|b| !b.is_empty())
        .collect();
    for (i, block) in blocks.iter().enumerate() {
        let Some(this) = level(block) else { continue };
        let next = blocks.get(i + 1).map(|b| level(b));
        assert!(
            matches!(next, Some(None)) || matches!(next, Some(Some(n)) if n > this),
            "{block:?} heads nothing in\n{md}"
        );
    }
    assert!(
        md.contains("där 2022 jämförs med tidigare år när sådana finns i underlaget."),
        "{md}"
    );
}

/// Runs the report of `dir` and of the sample, and checks that every table of `dir` is in the
/// sample report, figure for figure; returns the tables.
fn same_tables_as_the_sample(dir: &Path) -> BTreeMap<String, String> {
    let part = tables(&report_markdown(dir, "2022"));
    let full = tables(&report_markdown(&sample_data(), "2022"));
    assert!(!part.is_empty());
    for (title, body) in &part {
        assert_eq!(Some(body), full.get(title), "{title}");
    }
    part
}

/// The report of a folder holding `inputs` of the sample, with its settings and logo, and no
/// register: it says nothing of a register, every section has content, and its tables are the
/// sample report's, figure for figure. Returns the Markdown and the tables.
fn report_without_register(inputs: &[&str]) -> (String, BTreeMap<String, String>) {
    let files = [inputs, &["kvalitet.toml", "norrvik-logotyp.svg"]].concat();
    let dir = sample_part(&files);
    let md = report_markdown(dir.path(), "2022");
    says_nothing_of_a_register(&md);
    every_section_has_content(&md);
    (md, same_tables_as_the_sample(dir.path()))
}

#[test]
fn surveys_only_give_the_survey_tables_of_the_full_report() {
    let (md, t) = report_without_register(&["brukarundersokning.xlsx"]);
    assert!(t.len() > 10, "{:?}", t.keys());
    assert!(
        t.keys()
            .all(|k| !k.starts_with("Inkomna") && !k.starts_with("Avvikelser")),
        "{:?}",
        t.keys()
    );
    assert!(md.contains("hämtade ur brukarundersökningarna."), "{md}");
    assert_eq!(
        provisions(&md),
        ["Kvalitet i verksamheten, grunden för ledningssystemet"]
    );
}

#[test]
fn kolada_values_only_give_the_indicator_tables_of_the_full_report() {
    let (md, _) = report_without_register(&["indikatorer.csv", "nyckeltal.csv"]);
    assert!(md.contains("hämtade ur Kolada."), "{md}");
}

#[test]
fn own_statistics_only_give_their_tables_of_the_full_report() {
    let (_, t) = report_without_register(&["statistik.csv"]);
    assert!(!t.is_empty());
}

#[test]
fn lists_only_give_their_sections_under_the_years_quality_work() {
    let (md, _) = report_without_register(&["ej_verkstallda.csv", "ivo_tillsyn.csv"]);
    assert!(
        md.contains("## Kvalitetsarbetet under 2022\n\n### Ej verkställda beslut"),
        "{md}"
    );
    assert_eq!(
        provisions(&md),
        [
            "Kvalitet i verksamheten, grunden för ledningssystemet",
            "Rapportering av ej verkställda beslut (SoL)",
            "Rapportering av ej verkställda beslut (LSS)",
        ]
    );
}

#[test]
fn the_full_report_names_every_provision_it_rests_on() {
    let md = report_markdown(&sample_data(), "2022");
    let listed = provisions(&md);
    assert_eq!(listed.len(), 11, "{listed:?}");
    assert!(listed.iter().any(|t| t == "Dokumentation"), "{listed:?}");
    assert!(
        listed
            .iter()
            .any(|t| t == "Anmälan till IVO om allvarliga missförhållanden"),
        "{listed:?}"
    );
}

#[test]
fn a_folder_with_no_input_at_all_is_refused_in_swedish() {
    let dir = tempfile::tempdir().unwrap();
    let run = kvalitet(dir.path(), &["report", "2022", "--data", "."]);
    assert_ne!(run.code, 0);
    assert!(
        run.stderr.contains("hittar inget underlag i"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_register_without_enhet_leaves_out_the_tables_it_cannot_fill_with_one_sentence_each() {
    let dir = csv_folder(
        "Id;Typ;Händelsedatum;Rapporterad;Händelsetyp;Lex Sarah;Anmäld IVO",
        &[
            "A1;Avvikelse;2021-03-02;2021-03-03;Fall;Nej;Nej",
            "A2;Avvikelse;2022-03-02;2022-03-03;Fall;Nej;Nej",
            "A3;Avvikelse;2022-04-02;2022-04-03;Läkemedelshändelse;Ja;Ja",
            "K1;Klagomål;2022-05-02;2022-05-03;Bemötande;Nej;Nej",
            "P1;Personuppgiftsincident;2022-06-02;2022-06-03;;Nej;Nej",
        ],
    );
    let out = tempfile::tempdir().unwrap();
    let run = kvalitet(
        dir.path(),
        &[
            "report",
            "2022",
            "--out",
            out.path().to_str().unwrap(),
            "--format",
            "md",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("Enhet saknas"), "{}", run.stderr);
    let md = report_markdown(dir.path(), "2022");
    assert_eq!(
        rows(&md, "Inkomna rapporter per typ"),
        [
            "| Klagomål | 0 | 1 | +1 | – |",
            "| Synpunkter | 0 | 0 | 0 | – |",
            "| Avvikelser | 1 | 2 | +1 | +100\u{a0}% |",
            "| \u{a0}\u{a0}\u{a0}*varav lex Sarah* | 0 | 1 | +1 | – |",
            "| \u{a0}\u{a0}\u{a0}*varav anmälda till IVO* | 0 | 1 | +1 | – |",
            "| Personuppgiftsincidenter | 0 | 1 | +1 | – |",
            "| \u{a0}\u{a0}\u{a0}*varav anmälda till IMY* | – | – | – | – |",
            "| **Totalt** | **1** | **4** | **+3** | **+300\u{a0}%** |",
        ]
    );
    assert_eq!(
        rows(&md, "Avvikelser per händelsetyp"),
        [
            "| Fall | 1 | 1 | 0 | 0\u{a0}% |",
            "| Läkemedelshändelse | 0 | 1 | +1 | – |",
            "| **Totalt** | **1** | **2** | **+1** | **+100\u{a0}%** |",
        ]
    );
    for sentence in [
        "Avvikelser per enhet redovisas inte, eftersom registret saknar kolumnen Enhet.",
        "Avvikelser efter bedömning redovisas inte, eftersom registret saknar kolumnen Bedömning.",
        "Bakomliggande orsaker till avvikelser redovisas inte, eftersom registret saknar kolumnen Bakomliggande orsak.",
        "Handläggningstid per år redovisas inte, eftersom registret saknar kolumnen Avslutad.",
    ] {
        assert_eq!(md.matches(sentence).count(), 1, "{sentence}\n{md}");
    }
    for absent in [
        "per enhet 2021",
        "Handläggningstid per år 2021",
        "Bakomliggande orsaker till avvikelser 2021",
        "tabell(",
        "Orsaker och åtgärder per år",
    ] {
        assert!(!md.contains(absent), "{absent}");
    }
    assert_eq!(
        rows(&md, "Klagomål per kategori"),
        [
            "| Bemötande | 0 | 1 | +1 | – |",
            "| **Totalt** | **0** | **1** | **+1** | **–** |",
        ]
    );
}

/// The register of a vård- och omsorg with its own headers: Verksamhet beside Enhet is the
/// Verksamhetsområde, Utförare the Regi, Lagstöd the Lagrum.
const WIDE_HEADER: &str = "Id;Typ;Händelsedatum;Rapporterad;Enhet;Verksamhet;Händelsekategori;Lex Sarah;Anmäld IVO;Utförare;Lagstöd";

/// (year, typ, enhet, verksamhet, kategori, lex, ivo, regi, lag, how many)
type Group = (
    i32,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    usize,
);

fn wide_register(toml: &str) -> tempfile::TempDir {
    // (year, typ, enhet, verksamhet, kategori, lex, ivo, regi, lag, how many)
    let groups: &[Group] = &[
        (
            2021,
            "Avvikelse",
            "Enhet A",
            "Äldreomsorg",
            "Fall",
            "Nej",
            "Nej",
            "Egen regi",
            "SoL",
            3,
        ),
        (
            2021,
            "Avvikelse",
            "Enhet B",
            "Äldreomsorg",
            "Läkemedelshändelse",
            "Nej",
            "Nej",
            "Privat",
            "SoL",
            2,
        ),
        (
            2022,
            "Avvikelse",
            "Enhet A",
            "Äldreomsorg",
            "Fall",
            "Nej",
            "Nej",
            "egen regi",
            "SoL",
            4,
        ),
        (
            2022,
            "Avvikelse",
            "Enhet B",
            "Äldreomsorg",
            "Fall",
            "Nej",
            "Nej",
            "Enskild verksamhet",
            "SoL",
            1,
        ),
        (
            2022,
            "Avvikelse",
            "Enhet A",
            "Äldreomsorg",
            "Läkemedelshändelse",
            "Nej",
            "Nej",
            "Egen regi",
            "HSL",
            2,
        ),
        (
            2022,
            "Avvikelse",
            "Enhet C",
            "Funktionsstöd",
            "Hot och våld",
            "Nej",
            "Nej",
            "Egen regi",
            "lss",
            1,
        ),
        (
            2022,
            "Avvikelse",
            "Enhet C",
            "Funktionsstöd",
            "Hot och våld",
            "Ja",
            "Ja",
            "Egen regi",
            "LSS",
            1,
        ),
        (
            2022,
            "Avvikelse",
            "Enhet C",
            "Funktionsstöd",
            "Hot och våld",
            "Ja",
            "Nej",
            "Egen regi",
            "LSS",
            1,
        ),
        (
            2022,
            "Avvikelse",
            "Enhet D",
            "Funktionsstöd",
            "Hot och våld",
            "Ja",
            "Nej",
            "Annan kommun",
            "LSS",
            1,
        ),
        (
            2022,
            "Klagomål",
            "Enhet A",
            "Äldreomsorg",
            "Bemötande",
            "Nej",
            "Nej",
            "Egen regi",
            "SoL",
            2,
        ),
    ];
    let mut lines = Vec::new();
    for (g, (year, typ, enhet, verks, kat, lex, ivo, regi, lag, n)) in groups.iter().enumerate() {
        for i in 0..*n {
            lines.push(format!(
                "R{g}-{i};{typ};{year}-03-{:02};{year}-03-{:02};{enhet};{verks};{kat};{lex};{ivo};{regi};{lag}",
                i + 1,
                i + 2
            ));
        }
    }
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    let dir = csv_folder(WIDE_HEADER, &lines);
    std::fs::write(
        dir.path().join("kvalitet.toml"),
        format!("[sekretess]\nminsta_antal = 1\n{toml}"),
    )
    .unwrap();
    dir
}

#[test]
fn regi_lagrum_and_verksamhetsomrade_under_alias_headers_give_their_tables() {
    let dir = wide_register("");
    let md = report_markdown(dir.path(), "2022");
    assert_eq!(
        rows(
            &md,
            "Avvikelser, rapporter enligt lex Sarah och anmälningar till IVO per regi 2021–2022"
        ),
        [
            "| **Avvikelser** | | | | |",
            "| Egen regi | 3 | 9 | +6 | +200\u{a0}% |",
            "| Annan kommun | 0 | 1 | +1 | – |",
            "| Enskild verksamhet | 2 | 1 | −1 | −50\u{a0}% |",
            "| **Totalt** | **5** | **11** | **+6** | **+120\u{a0}%** |",
            "| **Rapporter enligt lex Sarah** | | | | |",
            "| Egen regi | 0 | 2 | +2 | – |",
            "| Annan kommun | 0 | 1 | +1 | – |",
            "| Enskild verksamhet | 0 | 0 | 0 | – |",
            "| **Totalt** | **0** | **3** | **+3** | **–** |",
            "| **varav anmälda till IVO** | | | | |",
            "| Egen regi | 0 | 1 | +1 | – |",
            "| Annan kommun | 0 | 0 | 0 | – |",
            "| Enskild verksamhet | 0 | 0 | 0 | – |",
            "| **Totalt** | **0** | **1** | **+1** | **–** |",
        ]
    );
    assert_eq!(
        rows(&md, "Avvikelser per händelsetyp och lagrum 2022"),
        [
            "| Fall | 5 | 0 | 0 | 5 |",
            "| Hot och våld | 0 | 4 | 0 | 4 |",
            "| Läkemedelshändelse | 0 | 0 | 2 | 2 |",
            "| **Totalt** | **5** | **4** | **2** | **11** |",
        ]
    );
    assert!(
        md.contains("| Händelsetyp | SoL | LSS | HSL | Totalt |"),
        "{md}"
    );
    assert_eq!(
        rows(&md, "Avvikelser per händelsetyp 2021–2022"),
        [
            "| Fall | 3 | 5 | +2 | +67\u{a0}% |",
            "| Hot och våld | 0 | 4 | +4 | – |",
            "| Läkemedelshändelse | 2 | 2 | 0 | 0\u{a0}% |",
            "| **Totalt** | **5** | **11** | **+6** | **+120\u{a0}%** |",
        ]
    );
    let area = rows(
        &md,
        "Avvikelser, rapporter enligt lex Sarah och anmälningar till IVO per verksamhetsområde",
    );
    assert_eq!(area[1], "| Äldreomsorg | 5 | 7 | +2 | +40\u{a0}% |");
    assert_eq!(area[2], "| Funktionsstöd | 0 | 4 | +4 | – |");
    // Enhet stays Enhet beside Verksamhet.
    assert_eq!(
        rows(&md, "Avvikelser per enhet")[0],
        "| Enhet A | 3 | 6 | +3 | +100\u{a0}% |"
    );
    // The text refers to the tables it has.
    assert!(
        md.contains("Avvikelserna per regi redovisas i tabell"),
        "{md}"
    );
}

#[test]
fn small_counts_per_regi_are_hidden_as_per_enhet() {
    let dir = wide_register("");
    std::fs::write(
        dir.path().join("kvalitet.toml"),
        "[sekretess]\nminsta_antal = 3\n",
    )
    .unwrap();
    let md = report_markdown(dir.path(), "2022");
    let regi = rows(
        &md,
        "Avvikelser, rapporter enligt lex Sarah och anmälningar till IVO per regi",
    );
    assert_eq!(regi[1], "| Egen regi | .. | 9 | .. | .. |");
    assert_eq!(regi[2], "| Annan kommun | 0 | .. | .. | .. |");
    assert_eq!(
        regi[4],
        "| **Totalt** | **5** | **11** | **+6** | **+120\u{a0}%** |"
    );
    let cross = rows(&md, "Avvikelser per händelsetyp och lagrum 2022");
    assert!(cross.iter().any(|r| r.contains("..")), "{cross:?}");
    assert_eq!(
        cross[3],
        "| **Totalt** | **..** | **..** | **..** | **11** |"
    );
    assert_eq!(cross[0], "| Fall | 5 | 0 | 0 | 5 |");
    // Each händelsetyp's total is the whole organisation's count: never hidden.
    assert!(cross.iter().all(|r| !r.ends_with(".. |")), "{cross:?}");
}

#[test]
fn synpunkter_exported_as_berom_forslag_fraga_and_klagomal_lose_no_row() {
    let mut lines = Vec::new();
    for (typ, n21, n22) in [
        ("Beröm", 1, 3),
        ("Förslag", 0, 2),
        ("Fråga", 2, 1),
        ("Klagomål", 1, 2),
        ("Synpunkt", 0, 1),
        ("Tack", 0, 1),
    ] {
        for year in [2021, 2022] {
            let n = if year == 2021 { n21 } else { n22 };
            for i in 0..n {
                lines.push(format!(
                    "{typ}-{year}-{i};{typ};{year}-05-0{};{year}-05-0{}",
                    i + 1,
                    i + 2
                ));
            }
        }
    }
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    let dir = csv_folder("Id;Typ;Händelsedatum;Rapporterad", &lines);
    std::fs::write(
        dir.path().join("kvalitet.toml"),
        "[typer]\n\"Beröm\" = [\"Tack\"]\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = kvalitet(
        dir.path(),
        &["report", "2022", "--out", out.path().to_str().unwrap()],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("okänd typ"), "{}", run.stderr);
    let md = report_markdown(dir.path(), "2022");
    assert!(
        md.contains("och av de 14 rader som lästes ur underlaget användes alla."),
        "{md}"
    );
    assert_eq!(
        rows(&md, "Synpunkter och klagomål per slag"),
        [
            "| Beröm | 1 | 4 | +3 | +300\u{a0}% |",
            "| Förslag | 0 | 2 | +2 | – |",
            "| Fråga | 2 | 1 | −1 | −50\u{a0}% |",
            "| Övriga synpunkter | 0 | 1 | +1 | – |",
            "| Klagomål | 1 | 2 | +1 | +100\u{a0}% |",
            "| **Totalt** | **4** | **10** | **+6** | **+150\u{a0}%** |",
        ]
    );
    assert_eq!(
        rows(&md, "Inkomna rapporter per typ")[1],
        "| Synpunkter | 3 | 8 | +5 | +167\u{a0}% |"
    );
    assert!(
        md.contains("Synpunkterna per slag (beröm, förslag och frågor) redovisas i tabell"),
        "{md}"
    );
}

#[test]
fn a_wrong_type_word_in_kvalitet_toml_says_what_was_meant() {
    let dir = csv_folder(
        "Id;Typ;Händelsedatum;Rapporterad",
        &["S1;Synpunkt;2022-01-01;2022-01-02"],
    );
    std::fs::write(
        dir.path().join("kvalitet.toml"),
        "[typer]\n\"Berömm\" = [\"Tack\"]\n",
    )
    .unwrap();
    let run = kvalitet(dir.path(), &["report", "2022"]);
    assert_ne!(run.code, 0);
    assert!(
        run.stderr
            .contains("[typer]: \"Berömm\" är ingen typ (menade du \"Beröm\"?)"),
        "{}",
        run.stderr
    );
}

const OWN: &str = r#"
[[tabeller]]
titel = "Avvikelser per lagrum och regi"
rader = "Lagstöd"
kolumner = "Utförare"
filter = { Typ = "Avvikelse" }
anmarkning = "Lagrummet är det som står i verksamhetssystemet."

[[tabeller]]
titel = "Lex Sarah per händelsetyp"
rader = "Händelsetyp"
filter = { "Lex Sarah" = "Ja" }

[[tabeller]]
titel = "Rapporter per månad och typ"
rader = "månad"
kolumner = "Typ"
"#;

#[test]
fn own_tables_in_kvalitet_toml_are_built_numbered_and_traced() {
    let dir = wide_register(OWN);
    let md = report_markdown(dir.path(), "2022");
    assert_eq!(
        rows(&md, "Avvikelser per lagrum och regi 2022"),
        [
            "| SoL | 4 | 0 | 1 | 5 |",
            "| LSS | 3 | 1 | 0 | 4 |",
            "| HSL | 2 | 0 | 0 | 2 |",
            "| **Totalt** | **9** | **1** | **1** | **11** |",
        ]
    );
    assert!(
        md.contains("| Lagrum | Egen regi | Annan kommun | Enskild verksamhet | Totalt |"),
        "{md}"
    );
    assert!(md.contains("*Anmärkning:* Urval: Typ = Avvikelse."), "{md}");
    assert!(md.contains("*Anmärkning:* Lagrummet är det som står i verksamhetssystemet."));
    assert_eq!(
        rows(&md, "Lex Sarah per händelsetyp 2021–2022"),
        [
            "| Hot och våld | 0 | 3 | +3 | – |",
            "| **Totalt** | **0** | **3** | **+3** | **–** |",
        ]
    );
    let months = rows(&md, "Rapporter per månad och typ 2022");
    assert_eq!(months[2], "| Mars | 11 | 2 | 0 | 0 | 13 |");
    assert_eq!(
        months[12],
        "| **Totalt** | **11** | **2** | **0** | **0** | **13** |"
    );
    assert!(md.contains("Verksamhetens egna tabeller"), "{md}");

    // spåra lists the reports behind a cell of an own table.
    let run = kvalitet(
        dir.path(),
        &[
            "spåra",
            "2022",
            "egen_avvikelser_per_lagrum_och_regi",
            "LSS",
            "Annan kommun",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("R8-0"), "{}", run.stdout);
    assert!(run.stdout.contains("Lagrum = LSS"), "{}", run.stdout);

    // Exported like the built-in tables.
    let out = tempfile::tempdir().unwrap();
    let run = kvalitet(
        dir.path(),
        &[
            "export",
            ".",
            "--år",
            "2022",
            "--out",
            out.path().to_str().unwrap(),
            "--format",
            "csv",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let names: Vec<String> = crate::harness::all_files(out.path())
        .into_iter()
        .map(|(p, _)| p.display().to_string())
        .collect();
    assert!(
        names
            .iter()
            .any(|n| n.contains("egen_avvikelser_per_lagrum_och_regi")),
        "{names:?}"
    );
}

#[test]
fn a_wrong_column_in_an_own_table_says_what_was_meant() {
    let dir = wide_register("[[tabeller]]\ntitel = \"X\"\nrader = \"Lagrumm\"\n");
    let run = kvalitet(dir.path(), &["report", "2022"]);
    assert_ne!(run.code, 0);
    assert!(
        run.stderr.contains("kvalitet.toml, tabell 1 (\"X\"), rader: \"Lagrumm\" är ingen kolumn som en tabell kan delas efter (menade du \"Lagrum\"?)"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_personnummer_in_regi_lagrum_or_verksamhet_is_located_and_stops_the_report() {
    let dir = csv_folder(
        WIDE_HEADER,
        &[
            "A1;Avvikelse;2022-03-02;2022-03-03;Enhet A;Äldreomsorg;Fall;Nej;Nej;Egen regi 19121212-1212;SoL",
            "A2;Avvikelse;2022-03-02;2022-03-03;Enhet A;Äldreomsorg;Fall;Nej;Nej;Egen regi;SoL 19121212-1212",
            "A3;Avvikelse;2022-03-02;2022-03-03;Enhet A;Äldreomsorg 19121212-1212;Fall;Nej;Nej;Egen regi;SoL",
        ],
    );
    let check = kvalitet(dir.path(), &["check"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    for line in [
        "rapporter.csv › rad 2, kolumn 10 (Utförare): cellen ser ut att innehålla ett personnummer",
        "rapporter.csv › rad 3, kolumn 11 (Lagstöd): cellen ser ut att innehålla ett personnummer",
        "rapporter.csv › rad 4, kolumn 6 (Verksamhet): cellen ser ut att innehålla ett personnummer",
    ] {
        assert!(check.stderr.contains(line), "{line}\n{}", check.stderr);
    }
    assert!(!check.stderr.contains("1212-1212"), "{}", check.stderr);
    let refused = kvalitet(dir.path(), &["report", "2022"]);
    assert_eq!(refused.code, 1, "{}", refused.stderr);
}

/// The introduction names the first year any table shows: a register of two years with
/// Kolada values of five gives "åren 2018–2021", not "2021".
#[test]
fn the_introduction_names_the_first_year_any_table_shows() {
    let dir = sample_part(&[
        "indikatorer.csv",
        "nyckeltal.csv",
        "kvalitet.toml",
        "norrvik-logotyp.svg",
    ]);
    let two_years = csv_folder(crate::harness::HEADER, crate::harness::VALID);
    std::fs::copy(
        two_years.path().join("rapporter.csv"),
        dir.path().join("rapporter.csv"),
    )
    .unwrap();
    let md = report_markdown(dir.path(), "2022");
    assert!(
        md.contains("där 2022 jämförs med åren 2018–2021."),
        "{}",
        md.lines()
            .find(|l| l.contains("jämförs med"))
            .unwrap_or(&md)
    );
    // The register's own tables still start at its first year.
    assert!(
        md.contains(". Inkomna rapporter per typ 2021–2022\n"),
        "{md}"
    );
    // Without the Kolada values the register's years are all there is.
    std::fs::remove_file(dir.path().join("indikatorer.csv")).unwrap();
    std::fs::remove_file(dir.path().join("nyckeltal.csv")).unwrap();
    let md = report_markdown(dir.path(), "2022");
    assert!(md.contains("där 2022 jämförs med 2021."), "{md}");
}
