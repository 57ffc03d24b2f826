//! `kvalitet spåra`: every figure of the sample report has a recorded source, random cells
//! recompute from the rows they trace to, protected cells keep their secret without
//! `--visa-skyddade`, and the output and errors are Swedish.

use kvalitet::base::format;
use kvalitet::compute::{self, Report, Value};
use kvalitet::model::{Inputs, Register};
use kvalitet::{cmd, plan};

use crate::harness::{kvalitet, sample_data};

fn sample() -> (Report, Inputs, kvalitet::settings::Settings) {
    sample_with(|_| {})
}

/// The sample report with its settings changed by `edit`.
fn sample_with(
    edit: impl FnOnce(&mut kvalitet::settings::Settings),
) -> (Report, Inputs, kvalitet::settings::Settings) {
    let mut data = plan::data_plan(&sample_data()).unwrap();
    edit(&mut data.settings);
    let inputs = Inputs::load(&data).unwrap();
    let report = compute::build(&inputs, &data.settings, 2022).unwrap();
    (report, inputs, data.settings)
}

/// SplitMix64: a fixed seed gives the same cells on every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) % n as u64) as usize
    }
}

/// Every value cell of every table, as (table, row, column).
fn cells(report: &Report) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    for (t, table) in report.tables.iter().enumerate() {
        for (r, row) in table.rows.iter().enumerate() {
            for c in 0..row.values.len() {
                out.push((t, r, c));
            }
        }
    }
    out
}

#[test]
fn every_figure_in_the_sample_report_has_a_source() {
    let (report, ..) = sample();
    let all = cells(&report);
    assert!(all.len() > 500, "{}", all.len());
    for (t, r, c) in all {
        let table = &report.tables[t];
        assert!(
            table.rows[r].source(c).is_some(),
            "tabell {} / {} / {}",
            table.number,
            table.rows[r].label,
            table.columns[c].title
        );
    }
}

fn check_cell(report: &Report, reg: &Register, (t, r, c): (usize, usize, usize)) -> bool {
    let table = &report.tables[t];
    let row = &table.rows[r];
    let shown = &row.values[c];
    let source = row.source(c).expect("a source");
    let evidence = source.recompute(reg, shown);
    let what = format!(
        "tabell {} / {} / {}",
        table.number, row.label, table.columns[c].title
    );
    let Some(value) = evidence.value else {
        return false; // imported: nothing to recompute
    };
    match shown {
        Value::Missing | Value::Text { .. } => false,
        Value::Suppressed => {
            // The traced value exists and is hidden by the rule or as a complement.
            assert!(
                matches!(
                    value,
                    Value::Count { .. }
                        | Value::Share { .. }
                        | Value::Change { .. }
                        | Value::RelativeChange { .. }
                        | Value::PointChange { .. }
                ),
                "{what}: {value:?}"
            );
            true
        }
        _ => {
            assert_eq!(format::value(&value), format::value(shown), "{what}");
            if let Value::Count { n } = shown
                && let [(_, ids)] = evidence.sets.as_slice()
            {
                assert_eq!(ids.len() as i64, *n, "{what}: one Id per report counted");
            }
            true
        }
    }
}

#[test]
fn random_cells_of_the_sample_report_recompute_from_their_traced_rows() {
    let (report, inputs, _) = sample();
    let all = cells(&report);
    let mut rng = Rng(2022);
    let mut recomputed = 0;
    for _ in 0..400 {
        let cell = all[rng.below(all.len())];
        if check_cell(&report, &inputs.register, cell) {
            recomputed += 1;
        }
    }
    assert!(
        recomputed > 250,
        "only {recomputed} of 400 cells recomputed"
    );
}

#[test]
fn every_register_and_survey_cell_recomputes() {
    let (report, inputs, _) = sample();
    let checked = cells(&report)
        .into_iter()
        .filter(|&cell| check_cell(&report, &inputs.register, cell))
        .count();
    assert!(checked > 600, "{checked}");
}

#[test]
fn a_protected_cell_shows_no_ids_without_the_flag() {
    let (report, inputs, settings) = sample();
    let (t, r, c) =
        cmd::spara::locate(&report, "lex_sarah_per_enhet", "Familjeenheten", "2020").unwrap();
    assert_eq!(t.rows[r].values[c], Value::Suppressed);
    let evidence = t.rows[r]
        .source(c)
        .unwrap()
        .recompute(&inputs.register, &Value::Suppressed);
    let ids: Vec<String> = evidence.sets[0]
        .1
        .iter()
        .map(|r| r.id.to_string())
        .collect();
    assert!(!ids.is_empty());
    let quiet = cmd::spara::explain(&report, &inputs.register, settings.rule(), t, r, c, false);
    for id in &ids {
        assert!(!quiet.contains(id.as_str()), "{id} in:\n{quiet}");
    }
    assert!(!quiet.contains("Skyddat värde"));
    let open = cmd::spara::explain(&report, &inputs.register, settings.rule(), t, r, c, true);
    assert!(ids.iter().all(|id| open.contains(id.as_str())));
}

#[test]
fn spara_output_for_a_share_and_a_protected_cell() {
    let dir = sample_data();
    let share = kvalitet(
        &dir,
        &[
            "spåra",
            "2022",
            "handlaggningstid_per_typ",
            "varav anmälda till IMY",
            "Andel avslutade",
        ],
    );
    assert_eq!((share.code, share.stderr.as_str()), (0, ""));
    insta::assert_snapshot!("spara_share", share.stdout);
    let protected = kvalitet(
        &dir,
        &[
            "spara",
            "2022",
            "lex_sarah_per_enhet",
            "Familjeenheten",
            "2020",
        ],
    );
    assert_eq!(protected.code, 0);
    insta::assert_snapshot!("spara_protected", protected.stdout);
    let survey = kvalitet(
        &dir,
        &[
            "spåra",
            "2022",
            "brukar_svarsfrekvens",
            "Summa",
            "Svarsfrekvens",
        ],
    );
    insta::assert_snapshot!("spara_survey", survey.stdout);
}

#[test]
fn spara_errors_name_what_exists_in_swedish() {
    let dir = sample_data();
    let cases = [
        (
            vec!["99", "x", "y"],
            "fel: tabell 99 finns inte: rapporten för 2022 har tabell 1–53\n",
        ),
        (
            vec!["bedomnig", "x", "y"],
            "fel: tabellen \"bedomnig\" finns inte (menade du \"bedomning\"?): ange numret (1–53) eller nyckeln\n",
        ),
        (
            vec!["3", "Familjeenhetn", "2022"],
            "fel: raden \"Familjeenhetn\" finns inte i tabell 3 (menade du \"Familjeenheten\"?); ange texten eller ett nummer 1–7 (raderna räknas från 1)\n",
        ),
        (
            vec!["3", "Familjeenheten", "2032"],
            "fel: kolumnen \"2032\" finns inte i tabell 3 (menade du \"2022\"?); ange texten eller ett nummer 1–7 (kolumnerna räknas från 1)\n",
        ),
    ];
    for (args, expected) in cases {
        let mut all = vec!["spåra", "2022"];
        all.extend(args);
        let run = kvalitet(&dir, &all);
        assert_eq!(
            (run.code, run.stderr.as_str(), run.stdout.as_str()),
            (2, expected, "")
        );
    }
}

#[test]
fn tracing_a_shown_cell_never_tells_a_hidden_base() {
    let (report, inputs, settings) = sample_with(|s| {
        s.brukarundersokning.skydd = kvalitet::settings::SurveyProtection::Cell;
    });
    let mut checked = 0;
    for t in report
        .tables
        .iter()
        .filter(|t| t.label_title == "Svarsalternativ")
    {
        let total = t.rows.iter().position(|r| r.total).unwrap();
        let count_col = t.columns.len() - 1;
        if t.rows[total].values[count_col] != Value::Suppressed {
            continue;
        }
        let Some(Value::Count { n: base }) = t.rows[total]
            .source(count_col)
            .unwrap()
            .recompute(&inputs.register, &Value::Suppressed)
            .value
        else {
            panic!("{}", t.title)
        };
        for (r, row) in t.rows.iter().enumerate() {
            for (c, v) in row.values.iter().enumerate() {
                if *v == Value::Suppressed {
                    continue;
                }
                let text =
                    cmd::spara::explain(&report, &inputs.register, settings.rule(), t, r, c, false);
                assert!(!text.contains(&format!("av {base} svar")), "{text}");
                checked += 1;
            }
        }
    }
    assert!(checked > 10, "{checked}");
}
