//! Confidentiality: counts below the threshold that describe people are "..", with
//! complements so that no hidden count follows from a shown total, on the register's tables per
//! unit and on the Håbo survey fixture; the threshold is one setting.

use kvalitet::compute::survey_tables;
use kvalitet::compute::{Table, Value};
use kvalitet::model::survey::load_surveys;
use kvalitet::settings::Settings;

use crate::harness::{HEADER, csv_folder, fixture, report_markdown};
use crate::survey::seed_settings;

/// `n` deviations at `unit` in `year`, with ids `prefix-1…`.
fn deviations(prefix: &str, unit: &str, year: i32, n: usize) -> Vec<String> {
    (1..=n)
        .map(|i| {
            format!("{prefix}-{i};Avvikelse;{year}-03-02;{year}-03-03;Socialförvaltningen;{unit};Bemötande;Avvikelse;Nej;Nej;Nej;;;Avslutad;{year}-04-01;")
        })
        .collect()
}

fn register() -> tempfile::TempDir {
    let mut rows = Vec::new();
    rows.extend(deviations("A21", "Enhet A", 2021, 9));
    rows.extend(deviations("B21", "Enhet B", 2021, 7));
    rows.extend(deviations("C21", "Enhet C", 2021, 8));
    rows.extend(deviations("A22", "Enhet A", 2022, 10));
    rows.extend(deviations("B22", "Enhet B", 2022, 2));
    rows.extend(deviations("C22", "Enhet C", 2022, 6));
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    csv_folder(HEADER, &rows)
}

fn table_rows(md: &str, title: &str) -> Vec<String> {
    let start = md.find(title).unwrap_or_else(|| panic!("no {title}"));
    md[start..]
        .lines()
        .skip(1)
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .map(String::from)
        .collect()
}

#[test]
fn a_unit_with_two_reports_is_hidden_with_a_complement_and_its_changes() {
    let dir = register();
    let md = report_markdown(dir.path(), "2022");
    let rows = table_rows(&md, "Avvikelser per enhet 2021–2022");
    assert_eq!(
        rows[2..],
        [
            "| Enhet A | 9 | 10 | +1 | +11\u{a0}% |",
            "| Enhet B | 7 | .. | .. | .. |",
            "| Enhet C | 8 | .. | .. | .. |",
            "| **Totalt** | **24** | **18** | **−6** | **−25\u{a0}%** |",
        ]
    );
    assert!(md.contains("färre än 5 rapporter för enheten"));
    // Whole-organisation counts are events, not people: never hidden.
    let per_type = table_rows(&md, "Inkomna rapporter per typ");
    assert!(per_type.iter().all(|r| !r.contains("..")), "{per_type:?}");
    assert!(
        md.contains("visas inte när de är färre än 5"),
        "the rule is stated"
    );
}

#[test]
fn the_threshold_is_one_setting() {
    let dir = register();
    // Enhet B's row and the report, with the threshold set to `min`.
    let with = |min: i64| {
        let toml = format!("[sekretess]\nminsta_antal = {min}\n");
        std::fs::write(dir.path().join("kvalitet.toml"), toml).unwrap();
        let md = report_markdown(dir.path(), "2022");
        (
            table_rows(&md, "Avvikelser per enhet 2021–2022")[3].clone(),
            md,
        )
    };
    let (row, md) = with(3);
    assert_eq!(row, "| Enhet B | 7 | .. | .. | .. |");
    assert!(md.contains("färre än 3"));
    let (row, md) = with(1);
    assert_eq!(row, "| Enhet B | 7 | 2 | −5 | −71\u{a0}% |");
    assert!(!md.contains("visas inte när de är färre än"));
}

fn habo_tables(settings: &Settings) -> Vec<Table> {
    let dir = fixture("habo-2022");
    let surveys = load_surveys(&dir, settings).unwrap().unwrap();
    survey_tables::build(
        &surveys,
        &settings.brukarundersokning,
        settings.rule(),
        &[2022],
        2022,
    )
    .0
}

fn count(v: &Value) -> Option<i64> {
    match v {
        Value::Count { n } => Some(*n),
        _ => None,
    }
}

#[test]
fn habo_answers_below_five_are_hidden_and_cannot_be_recomputed() {
    let truth = habo_tables(&seed_settings(""));
    let shown = habo_tables(&Settings::parse(crate::harness::CELL_PROTECTION).unwrap());
    let mut hidden_cells = 0;
    for (t, s) in truth.iter().zip(&shown) {
        assert_eq!(t.key, s.key);
        if t.label_title != "Svarsalternativ" {
            continue;
        }
        let n = t.columns.len() - 1;
        let share = n - 1;
        let total_row = t.rows.iter().position(|r| r.total).unwrap();
        for (tr, sr) in t.rows.iter().zip(&s.rows) {
            let real = count(&tr.values[n]).unwrap();
            let is_hidden = sr.values[n] == Value::Suppressed;
            if real > 0 && real < 5 && !tr.total {
                assert!(is_hidden, "{} / {}: {real} is shown", t.title, tr.label);
            }
            if is_hidden {
                hidden_cells += 1;
                // A share would give the count away.
                assert_eq!(
                    sr.values[share],
                    Value::Suppressed,
                    "{} / {}",
                    t.title,
                    tr.label
                );
            } else {
                assert_eq!(count(&sr.values[n]), Some(real));
            }
        }
        // The options in the base and the Totalt row: never exactly one hidden.
        let line = s.rows[..=total_row]
            .iter()
            .filter(|r| r.values[n] == Value::Suppressed)
            .count();
        assert_ne!(line, 1, "{}: one hidden count in the base", t.title);
    }
    assert!(
        hidden_cells > 10,
        "the fixture has small counts: {hidden_cells}"
    );
}
