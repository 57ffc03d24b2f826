//! User surveys: the Håbo and Huddinge seed fixtures give exactly the published shares and
//! response rates; both input shapes give the same tables; bad rows are located findings;
//! small surveys are suppressed; the report section reads like the seed's.

use std::collections::BTreeMap;
use std::path::Path;

use kvalitet::base::format;
use kvalitet::compute::survey_tables;
use kvalitet::compute::{Table, Value};
use kvalitet::model::survey::{Surveys, load_surveys};
use kvalitet::settings::Settings;

use crate::harness::{HEADER, VALID, csv_folder, expectations, fixture, kvalitet, report_markdown};

fn load(dir: &Path, settings: &Settings) -> Surveys {
    let s = load_surveys(dir, settings).unwrap().expect("survey files");
    assert!(s.usable);
    assert_eq!(s.findings.problems(), 0, "{:?}", s.findings.items());
    s
}

/// The settings of the seed parity tests: the defaults, plus `extra`. Håbo printed answer
/// counts below 5 for questions with at least 5 answers, as SKR's practice (the default
/// `skydd = "fråga"`) does; the stricter per-cell rule on the same fixture is tested in
/// `suppression`.
pub fn seed_settings(extra: &str) -> Settings {
    Settings::parse(extra).unwrap()
}

fn tables(dir: &Path, settings: &Settings, year: i32) -> Vec<Table> {
    let surveys = load(dir, settings);
    survey_tables::build(
        &surveys,
        &settings.brukarundersokning,
        settings.rule(),
        &[year],
        year,
    )
    .0
}

/// The seed prints "31%"; we print "31 %" (with a no-break space).
fn plain(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn cell(t: &Table, row: &str, column_prefix: &str) -> Option<String> {
    let col = t
        .columns
        .iter()
        .position(|c| c.title.starts_with(column_prefix))?;
    let r = t.rows.iter().find(|r| r.label == row)?;
    Some(plain(&format::value(&r.values[col])))
}

fn question_table<'a>(tables: &'a [Table], survey: &str, question: &str) -> &'a Table {
    let title = format!("{survey} 2022: {question}");
    tables
        .iter()
        .find(|t| t.title == title)
        .unwrap_or_else(|| panic!("no table titled {title}"))
}

#[test]
fn habo_fixture_gives_the_seed_shares_option_by_option() {
    let dir = fixture("habo-2022");
    let tables = tables(&dir, &seed_settings(""), 2022);
    let expected = expectations(&dir.join("forvantat-brukarundersokning.tsv"));
    assert_eq!(expected.len(), 117);
    for e in &expected {
        let t = question_table(&tables, &e["undersökning"], &e["fråga"]);
        let option = &e["svarsalternativ"];
        let what = format!("{} / {} / {option}", e["undersökning"], e["fråga"]);
        assert_eq!(
            cell(t, option, "Andel").as_deref(),
            Some(plain(&e["andel"]).as_str()),
            "andel: {what}"
        );
        assert_eq!(
            cell(t, option, "Antal").as_deref(),
            Some(e["antal"].as_str()),
            "antal: {what}"
        );
        assert_eq!(
            cell(t, option, "Nationellt").as_deref(),
            Some(plain(&e["nationellt"]).as_str()),
            "nationellt: {what}"
        );
    }
    // Every printed question is a table, and nothing else is.
    let questions: std::collections::BTreeSet<(&str, &str)> = expected
        .iter()
        .map(|e| (e["undersökning"].as_str(), e["fråga"].as_str()))
        .collect();
    let question_tables = tables
        .iter()
        .filter(|t| t.label_title == "Svarsalternativ")
        .count();
    assert_eq!(question_tables, questions.len());
}

#[test]
fn habo_fixture_gives_the_seed_response_rates() {
    let dir = fixture("habo-2022");
    let tables = tables(&dir, &Settings::default(), 2022);
    let t = tables
        .iter()
        .find(|t| t.key == "brukar_svarsfrekvens")
        .unwrap();
    let expected = expectations(&dir.join("forvantat-svarsfrekvens.tsv"));
    let rates: Vec<String> = expected
        .iter()
        .map(|e| cell(t, &e["undersökning"], "Svarsfrekvens").unwrap())
        .collect();
    assert_eq!(rates, vec!["38%", "60%", "35%"]);
    for e in &expected {
        assert_eq!(
            cell(t, &e["undersökning"], "Urval").unwrap(),
            e["urval"],
            "urval"
        );
        assert_eq!(
            cell(t, &e["undersökning"], "Antal svar").unwrap(),
            e["antal svar"]
        );
        assert_eq!(
            cell(t, &e["undersökning"], "Svarsfrekvens").unwrap(),
            plain(&e["svarsfrekvens"])
        );
    }
}

#[test]
fn habo_positive_shares_match_the_seed_prose() {
    // "83 % … kunnat påverka den hjälp de får i hög eller ganska hög grad och 87% … mycket
    // eller ganska nöjda".
    let tables = tables(&fixture("habo-2022"), &seed_settings(""), 2022);
    let t = tables
        .iter()
        .find(|t| t.key == "brukar_ekonomiskt_bistand_positiva")
        .unwrap();
    let row = |prefix: &str| {
        let r = t.rows.iter().find(|r| r.label.starts_with(prefix)).unwrap();
        plain(&format::value(&r.values[0]))
    };
    assert_eq!(row("Hur mycket har du kunnat påverka"), "83%");
    assert_eq!(row("Hur nöjd eller missnöjd"), "87%");
    assert_eq!(row("Frågar socialsekreteraren"), "50%");
}

#[test]
fn huddinge_question_puts_vet_ej_in_the_base_with_one_decimal() {
    let dir = fixture("huddinge-2023");
    let settings = seed_settings(
        "[[brukarundersokning.undersokning]]\nnamn = \"Kommunalt aktivitetsansvar\"\ndecimaler = 1\nbas = \"alla svar\"\n",
    );
    let tables = tables(&dir, &settings, 2022);
    for e in expectations(&dir.join("forvantat-brukarundersokning.tsv")) {
        let t = question_table(&tables, &e["undersökning"], &e["fråga"]);
        assert_eq!(
            cell(t, &e["svarsalternativ"], "Andel").unwrap(),
            plain(&e["andel"]),
            "{}",
            e["svarsalternativ"]
        );
    }
    let t = question_table(
        &tables,
        "Kommunalt aktivitetsansvar",
        "om planen som gjorts med KAA inte fungerat, skulle man då talat om det",
    );
    assert_eq!(cell(t, "Totalt", "Antal").unwrap(), "7");
    assert!(t.notes[0].starts_with("Alla svar på frågan ingår i basen"));
    // Without the rule, "vet ej" leaves the base: 3 of 5 = 60 %.
    let default = tables_default_huddinge();
    let t = question_table(
        &default,
        "Kommunalt aktivitetsansvar",
        "om planen som gjorts med KAA inte fungerat, skulle man då talat om det",
    );
    assert_eq!(cell(t, "ja", "Andel").unwrap(), "60%");
    assert_eq!(cell(t, "vet ej", "Andel").unwrap(), "29%");
}

fn tables_default_huddinge() -> Vec<Table> {
    tables(&fixture("huddinge-2023"), &seed_settings(""), 2022)
}

/// The Håbo answers as raw data: one row per respondent (as many as Antal svar), each
/// question answered by the first respondents in option order, plus the option list.
fn write_raw_shape(from: &Path, to: &Path) {
    let svar = std::fs::read_to_string(from.join("brukarundersokning/svar.csv")).unwrap();
    let urval = std::fs::read_to_string(from.join("brukarundersokning/urval.csv")).unwrap();
    let mut options = String::from("Undersökning;År;Fråga;Svarsalternativ;Nationellt (%)\n");
    // survey → question → answers in order
    type Answers = Vec<(String, Vec<String>)>;
    let mut surveys: Vec<(String, Answers)> = Vec::new();
    for line in svar.lines().skip(1) {
        let f: Vec<&str> = line.split(';').collect();
        options.push_str(&format!("{};{};{};{};{}\n", f[0], f[1], f[2], f[3], f[5]));
        if surveys.last().is_none_or(|(s, _)| s != f[0]) {
            surveys.push((f[0].to_string(), Vec::new()));
        }
        let qs = &mut surveys.last_mut().unwrap().1;
        if qs.last().is_none_or(|(q, _)| q != f[2]) {
            qs.push((f[2].to_string(), Vec::new()));
        }
        let n: usize = f[4].parse().unwrap();
        qs.last_mut()
            .unwrap()
            .1
            .extend(std::iter::repeat_n(f[3].to_string(), n));
    }
    let respondents: BTreeMap<String, usize> = urval
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(';').collect();
            (f[0].to_string(), f[3].parse().unwrap())
        })
        .collect();
    std::fs::create_dir_all(to.join("brukarundersokning")).unwrap();
    std::fs::write(to.join("brukarundersokning/svarsalternativ.csv"), options).unwrap();
    let sample: String = std::iter::once("Undersökning;År;Urval\n".to_string())
        .chain(urval.lines().skip(1).map(|l| {
            let f: Vec<&str> = l.split(';').collect();
            format!("{};{};{}\n", f[0], f[1], f[2])
        }))
        .collect();
    std::fs::write(to.join("brukarundersokning/urval.csv"), sample).unwrap();
    for (i, (survey, questions)) in surveys.iter().enumerate() {
        let mut text = String::from("Undersökning;År;Respondent");
        for (q, _) in questions {
            text.push_str(&format!(";\"{q}\""));
        }
        text.push_str(";Övriga synpunkter\n");
        for r in 0..respondents[survey] {
            text.push_str(&format!("{survey};2022;{r}"));
            for (_, answers) in questions {
                text.push(';');
                text.push_str(answers.get(r).map_or("", String::as_str));
            }
            text.push_str(";fritext som aldrig läses\n");
        }
        std::fs::write(to.join(format!("brukarundersokning/radata-{i}.csv")), text).unwrap();
    }
}

#[test]
fn raw_answers_give_the_same_tables_as_the_aggregated_counts() {
    let raw = tempfile::tempdir().unwrap();
    write_raw_shape(&fixture("habo-2022"), raw.path());
    let settings = Settings::default();
    let surveys = load_surveys(raw.path(), &settings).unwrap().unwrap();
    let problems: Vec<String> = surveys
        .findings
        .items()
        .iter()
        .filter(|f| f.severity > kvalitet::diagnostics::Severity::Notice)
        .map(|f| f.to_string())
        .collect();
    assert!(problems.is_empty(), "{problems:?}");
    assert!(surveys.surveys.iter().all(|s| s.from_raw));
    let from_raw = survey_tables::build(
        &surveys,
        &settings.brukarundersokning,
        settings.rule(),
        &[2022],
        2022,
    )
    .0;
    let aggregated = tables(&fixture("habo-2022"), &settings, 2022);
    assert_eq!(from_raw.len(), aggregated.len());
    for (a, b) in from_raw.iter().zip(&aggregated) {
        assert_eq!(a, b, "table {}", a.title);
    }
    // The free-text column is named as not read, never read.
    let notices: Vec<String> = surveys
        .findings
        .items()
        .iter()
        .map(|f| f.to_string())
        .collect();
    assert!(
        notices
            .iter()
            .any(|n| n.contains("\"Övriga synpunkter\" är ingen fråga")),
        "{notices:?}"
    );
    assert!(!notices.iter().any(|n| n.contains("fritext")));
}

/// A data folder with a small register and survey files.
fn folder_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = csv_folder(HEADER, VALID);
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

const ANSWERS_HEADER: &str = "Undersökning;År;Fråga;Svarsalternativ;Antal;Nationellt (%)";

#[test]
fn bad_survey_rows_are_located_findings_without_values() {
    let dir = folder_with(&[
        (
            "brukarundersokning.csv",
            &[
                ANSWERS_HEADER,
                "Hemtjänst;2022;Hur nöjd?;Mycket nöjd;12;40",
                "Hemtjänst;2022;Hur nöjd?;Ganska nöjd;tolv;40",
                "Hemtjänst;20222;Hur nöjd?;Ganska missnöjd;1;10",
                "Hemtjänst;2022;Hur nöjd?;Mycket nöjd;3;40",
                ";2022;Hur nöjd?;Vet inte;1;5",
                "Hemtjänst;2022;;Vet inte;1;5",
                "Hemtjänst;2022;Hur nöjd?;Mycket missnöjd;-2;140",
            ]
            .join("\n"),
        ),
        (
            "brukarundersokning-urval.csv",
            "Undersökning;År;Urval;Antal svar\nHemtjänst;2022;10;14\nHemtjänst;2022;10;9\n",
        ),
    ]);
    let run = kvalitet(dir.path(), &["check", "--data", "."]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!("survey_findings", run.stderr);
    insta::assert_snapshot!("survey_findings_stdout", run.stdout);
}

#[test]
fn a_survey_without_a_required_column_stops_the_report() {
    let dir = folder_with(&[(
        "brukarundersokning.csv",
        "Undersökning;År;Fråga;Svarsalternativet;Antl\nHemtjänst;2022;Hur nöjd?;Ja;3\n",
    )]);
    let out = tempfile::tempdir().unwrap();
    let run = kvalitet(
        dir.path(),
        &["report", "2022", "--out", out.path().to_str().unwrap()],
    );
    assert_eq!(run.code, 1);
    insta::assert_snapshot!("survey_missing_column", run.stderr);
    assert!(std::fs::read_dir(out.path()).unwrap().next().is_none());
}

fn section(md: &str, from: &str, to: &str) -> String {
    let start = md.find(from).unwrap_or_else(|| panic!("no {from}"));
    let end = md[start..].find(to).map_or(md.len(), |e| start + e);
    md[start..end].to_string()
}

#[test]
fn a_survey_with_fewer_than_five_answers_shows_no_percentages() {
    let dir = folder_with(&[
        (
            "brukarundersokning.csv",
            &[
                ANSWERS_HEADER,
                "Familjerätt;2022;Hur nöjd?;Mycket nöjd;2;40",
                "Familjerätt;2022;Hur nöjd?;Ganska nöjd;1;40",
                "Familjerätt;2022;Hur nöjd?;Ganska missnöjd;1;20",
            ]
            .join("\n"),
        ),
        (
            "brukarundersokning-urval.csv",
            "Undersökning;År;Urval;Antal svar\nFamiljerätt;2022;9;4\n",
        ),
    ]);
    let md = report_markdown(dir.path(), "2022");
    let body = section(&md, "## Brukarundersökningar", "## Om underlaget");
    assert!(body.contains("Eftersom färre än 5 svarade redovisas inga andelar"));
    assert!(
        body.contains("Frågorna redovisas utan andelar i tabell 15."),
        "{body}"
    );
    let annex = section(
        &md,
        "Familjerätt: andel positiva svar per fråga",
        "*Källa:*",
    );
    assert!(annex.contains("| Hur nöjd? | .. |"), "{annex}");
    assert!(annex.contains("färre än 5 svar"));
    // No table per question: its counts and total would only be "..", or give people away.
    assert!(!md.contains("Familjerätt 2022: Hur nöjd?"));
    assert!(!body.contains("50\u{a0}%") && !body.contains("25\u{a0}%"));
}

#[test]
fn survey_column_aliases_in_the_settings_are_known_columns() {
    let dir = folder_with(&[
        (
            "brukarundersokning.csv",
            &[
                ANSWERS_HEADER,
                "Hemtjänst;2022;Hur nöjd?;Mycket nöjd;6;40",
                "Hemtjänst;2022;Hur nöjd?;Ganska nöjd;3;40",
            ]
            .join("\n"),
        ),
        (
            "brukarundersokning-urval.csv",
            "Undersökning;År;Urval;Svarat\nHemtjänst;2022;20;9\n",
        ),
        (
            "kvalitet.toml",
            "[organisation]\nnamn = \"Norrviks kommun\"\n\n[kolumner]\n\"Antal svar\" = [\"Svarat\"]\n",
        ),
    ]);
    let run = kvalitet(dir.path(), &["check", "--data", "."]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    let md = report_markdown(dir.path(), "2022");
    assert!(md.contains("| Hemtjänst | 20 | 9 | 45\u{a0}% |"), "{md}");
}

#[test]
fn earlier_years_give_change_in_percentage_points() {
    let dir = folder_with(&[(
        "brukarundersokning.csv",
        &[
            ANSWERS_HEADER,
            "Hemtjänst;2021;Hur nöjd?;Mycket nöjd;10;50",
            "Hemtjänst;2021;Hur nöjd?;Ganska nöjd;10;30",
            "Hemtjänst;2021;Hur nöjd?;Ganska missnöjd;5;15",
            "Hemtjänst;2021;Hur nöjd?;Mycket missnöjd;5;5",
            "Hemtjänst;2022;Hur nöjd?;Mycket nöjd;12;52",
            "Hemtjänst;2022;Hur nöjd?;Ganska nöjd;12;30",
            "Hemtjänst;2022;Hur nöjd?;Ganska missnöjd;4;12",
            "Hemtjänst;2022;Hur nöjd?;Mycket missnöjd;2;6",
            "Hemtjänst;2022;Hur nöjd?;Vet inte;5;4",
        ]
        .join("\n"),
    )]);
    let md = report_markdown(dir.path(), "2022");
    let t = section(&md, "Hemtjänst: andel positiva svar per fråga", "*Källa:*");
    insta::assert_snapshot!("survey_year_over_year", t);
}

#[test]
fn habo_survey_section_reads_like_the_seed() {
    let dir = folder_with(&[]);
    let fixture = fixture("habo-2022").join("brukarundersokning");
    let target = dir.path().join("brukarundersokning");
    std::fs::create_dir_all(&target).unwrap();
    for f in ["svar.csv", "urval.csv"] {
        std::fs::copy(fixture.join(f), target.join(f)).unwrap();
    }
    // Håbo published its small counts (see `seed_settings`).
    std::fs::write(
        dir.path().join("kvalitet.toml"),
        "[sekretess]\nminsta_antal = 1\n",
    )
    .unwrap();
    let md = report_markdown(dir.path(), "2022");
    insta::assert_snapshot!(
        "habo_survey_section",
        section(&md, "## Brukarundersökningar", "## Om underlaget")
    );
    // The first two survey tables of the area, whatever their numbers (the chart's caption
    // names the area too, but is no table heading).
    let first = md
        .match_indices("\n### Tabell ")
        .map(|(i, _)| i + 1)
        .find(|&i| {
            md[i..]
                .lines()
                .next()
                .unwrap()
                .contains("Ekonomiskt bistånd: andel positiva")
        })
        .unwrap();
    let rest = &md[first..];
    let end = rest
        .match_indices("### Tabell")
        .nth(2)
        .map_or(rest.len(), |(i, _)| i);
    let annex = rest[..end].to_string();
    insta::assert_snapshot!("habo_survey_tables", annex);
}

#[test]
fn survey_values_are_numbers_not_text() {
    // Shares keep their exact value for exports: 7 of 13 is not 0,54.
    let tables = tables(&fixture("habo-2022"), &seed_settings(""), 2022);
    let t = tables
        .iter()
        .find(|t| t.key == "brukar_ekonomiskt_bistand_1")
        .unwrap();
    match &t.rows[1].values[1] {
        Value::Share { r, decimals } => {
            assert_eq!((r.num, r.den, *decimals), (7, 13, 0));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn pooled_positive_shares_reproduce_kolada_brukarbedomning() {
    // Kolada's brukarbedömning for Håbo 2022 (the seed's table): U30453 förbättrad situation
    // 79,4; U30452 helhetssyn 92; per area U31505 87, U35543 93, U33594 100.
    let dir = fixture("habo-2022");
    let settings = seed_settings("[brukarundersokning]\ndecimaler = 1\n");
    let tables = tables(&dir, &settings, 2022);
    let t = tables
        .iter()
        .find(|t| t.key == "brukar_sammanstallning")
        .expect("summary table");
    let situation =
        "Hur har din situation förändrats sedan du fick kontakt med socialtjänsten i kommunen?";
    let overall = "Hur nöjd eller missnöjd är du sammantaget med det stöd du får från socialtjänsten i kommunen?";
    assert_eq!(cell(t, situation, "Alla områden").unwrap(), "79,4%");
    let whole = |text: &str, col: &str| {
        let c = t.columns.iter().position(|c| c.title == col).unwrap();
        let r = t.rows.iter().find(|r| r.label == text).unwrap();
        match &r.values[c] {
            Value::Share { r, .. } => r.scale(100).round_scaled(0),
            other => panic!("{other:?}"),
        }
    };
    assert_eq!(whole(overall, "Alla områden"), 92);
    assert_eq!(whole(overall, "Ekonomiskt bistånd"), 87);
    assert_eq!(whole(overall, "Missbruks- och beroendevård"), 93);
    assert_eq!(
        whole(overall, "Social barn och ungdomsvård - vårdnadshavare"),
        100
    );
}

#[test]
fn all_areas_is_shown_only_when_it_pools_at_least_two_areas() {
    let dir = super::harness::sample_data_with(super::harness::CELL_PROTECTION);
    let md = super::harness::report_markdown(dir.path(), "2022");
    let start = md
        .find("andel positiva svar per område och sammantaget")
        .unwrap();
    let table: Vec<&str> = md[start..]
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .collect();
    assert!(!table.is_empty());
    let mut hidden_pools = 0;
    for line in table {
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        let (areas, pooled) = cells[1..].split_at(cells.len() - 2);
        let shown = areas.iter().filter(|c| c.ends_with('%')).count();
        if shown < 2 && areas.contains(&"..") {
            assert_eq!(pooled, [".."], "{line}");
            hidden_pools += 1;
        } else {
            assert!(pooled[0].ends_with('%'), "{line}");
        }
    }
    assert!(
        hidden_pools > 0,
        "the sample has questions hidden in most areas"
    );
}

#[test]
fn a_survey_nobody_answered_says_so_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("brukarundersokning");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(
        folder.join("urval.csv"),
        "Undersökning;År;Urval;Antal svar\nFamiljerätt;2022;12;0\n",
    )
    .unwrap();
    std::fs::write(
        folder.join("svar.csv"),
        "Undersökning;År;Fråga;Svarsalternativ;Antal;Nationellt (%)\n\
         Familjerätt;2022;Fick du hjälp?;Ja;0;80\nFamiljerätt;2022;Fick du hjälp?;Nej;0;20\n",
    )
    .unwrap();
    let md = report_markdown(dir.path(), "2022");
    assert!(
        md.contains(
            "Enkäten gick till 12 personer och ingen svarade, en svarsfrekvens på 0\u{a0}%. \
             Eftersom ingen svarade finns inga andelar att redovisa."
        ),
        "{md}"
    );
}
