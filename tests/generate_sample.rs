//! Owns `sample-data/rapporter.xlsx` and `sample-data/brukarundersokning.xlsx`: writes them from the
//! synthetic generators, keeps them in sync, and checks the generators' invariants.
//!
//! Regenerate after changing the generator with
//! `cargo test --test generate_sample -- --ignored write_sample_data`.

#[path = "support/synth.rs"]
mod synth;

use std::collections::{BTreeSet, HashSet};
use std::path::PathBuf;

use synth::{Row, Spec, Status, SurveySpec, SurveyYear, Typ};

fn sample_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-data/rapporter.xlsx")
}

fn survey_sample_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-data/brukarundersokning.xlsx")
}

#[test]
#[ignore = "writes sample-data/rapporter.xlsx and brukarundersokning.xlsx; run on purpose after changing a generator"]
fn write_sample_data() {
    let path = sample_path();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    synth::write_xlsx(&path, &synth::generate(&Spec::sample())).unwrap();
    synth::write_survey_xlsx(
        survey_sample_path(),
        &synth::generate_surveys(&SurveySpec::sample()),
    )
    .unwrap();
}

#[test]
fn sample_data_is_generated() {
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("rapporter.xlsx");
    synth::write_xlsx(&fresh, &synth::generate(&Spec::sample())).unwrap();
    let committed = std::fs::read(sample_path()).expect("sample-data/rapporter.xlsx is missing");
    assert!(
        std::fs::read(&fresh).unwrap() == committed,
        "sample-data/rapporter.xlsx differs from the generator's output; regenerate it with \
         `cargo test --test generate_sample -- --ignored write_sample_data`"
    );
}

#[test]
fn survey_sample_data_is_generated() {
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("brukarundersokning.xlsx");
    synth::write_survey_xlsx(&fresh, &synth::generate_surveys(&SurveySpec::sample())).unwrap();
    let committed = std::fs::read(survey_sample_path())
        .expect("sample-data/brukarundersokning.xlsx is missing");
    assert!(
        std::fs::read(&fresh).unwrap() == committed,
        "sample-data/brukarundersokning.xlsx differs from the generator's output; regenerate it \
         with `cargo test --test generate_sample -- --ignored write_sample_data`"
    );
}

#[test]
fn xlsx_bytes_are_deterministic() {
    let rows = synth::generate(&Spec::uniform(7, 2021, 2, 50));
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.xlsx"), dir.path().join("b.xlsx"));
    synth::write_xlsx(&a, &rows).unwrap();
    synth::write_xlsx(&b, &rows).unwrap();
    assert!(std::fs::read(a).unwrap() == std::fs::read(b).unwrap());
}

fn specs() -> Vec<Spec> {
    vec![
        Spec::sample(),
        Spec::uniform(1, 2020, 1, 400),
        Spec::uniform(42, 2016, 7, 500),
        Spec {
            seed: 3,
            first_year: 2019,
            years: 2,
            rows_per_year: vec![0, 25],
        },
    ]
}

fn check_invariants(spec: &Spec, rows: &[Row]) {
    assert_eq!(rows.len() as u64, spec.total_rows());
    let extract = spec.extract_date();
    let mut ids = HashSet::new();
    for r in rows {
        let ctx = format!("{r:?}");
        assert!(ids.insert(r.id.clone()), "duplicate id: {ctx}");
        let (prefix, rest) = r.id.split_at(3);
        assert_eq!(prefix, format!("{}-", r.typ.id_prefix()), "{ctx}");
        assert!(
            rest.starts_with(&format!("{}-", r.rapporterad.year)),
            "{ctx}"
        );
        assert_eq!(r.id.len(), "AV-2022-00042".len(), "{ctx}");

        // Dates.
        let lag = r.handelsedatum.days_until(r.rapporterad);
        assert!((0..=20).contains(&lag), "{ctx}");
        assert!(r.rapporterad <= extract, "{ctx}");
        match r.status {
            Status::Avslutad => {
                let d = r.rapporterad.days_until(r.avslutad.expect("Avslutad date"));
                assert!((3..=120).contains(&d), "{ctx}");
                assert!(
                    !r.bakomliggande_orsak.is_empty() || r.typ != Typ::Avvikelse,
                    "{ctx}"
                );
                assert!(!r.atgard.is_empty(), "{ctx}");
            }
            Status::Pagaende => assert!(r.avslutad.is_none(), "{ctx}"),
        }

        // Categories.
        assert_eq!(r.forvaltning, synth::FORVALTNING);
        assert!(synth::ENHETER.contains(&r.enhet), "{ctx}");
        if let Some(h) = r.handelsetyp {
            assert!(synth::HANDELSETYPER.contains(&h), "{ctx}");
        }
        match r.typ {
            Typ::Avvikelse => {
                assert!(r.handelsetyp.is_some(), "{ctx}");
                assert!(synth::BEDOMNINGAR.contains(&r.bedomning.unwrap()), "{ctx}");
            }
            Typ::Personuppgiftsincident => {
                assert!(
                    matches!(r.handelsetyp, None | Some("Sekretessbrott")),
                    "{ctx}"
                );
                assert!(r.bedomning.is_none(), "{ctx}");
            }
            Typ::Klagomal | Typ::Synpunkt => {
                assert!(
                    matches!(
                        r.handelsetyp,
                        None | Some("Bemötande" | "Lång handläggningstid")
                    ),
                    "{ctx}"
                );
                assert!(r.bedomning.is_none(), "{ctx}");
                assert!(r.bakomliggande_orsak.is_empty(), "{ctx}");
            }
        }

        // Lex Sarah, IVO, IMY.
        let ls =
            r.typ == Typ::Avvikelse && synth::LEX_SARAH_BEDOMNINGAR.contains(&r.bedomning.unwrap());
        assert_eq!(r.lex_sarah, ls, "{ctx}");
        if r.anmald_ivo {
            assert!(r.lex_sarah, "{ctx}");
            assert!(
                synth::ALLVARLIGA_BEDOMNINGAR.contains(&r.bedomning.unwrap()),
                "{ctx}"
            );
        }
        assert!(
            !r.anmald_imy || r.typ == Typ::Personuppgiftsincident,
            "{ctx}"
        );

        // Multi-label cells: known labels, canonical order, no duplicates, sane counts.
        assert!(r.bakomliggande_orsak.len() <= 3, "{ctx}");
        assert!(r.atgard.len() <= 2, "{ctx}");
        assert_in_order(&r.bakomliggande_orsak, &synth::ORSAKER, &ctx);
        assert_in_order(&r.atgard, &synth::ATGARDER, &ctx);
        for (labels, none) in [
            (&r.bakomliggande_orsak, synth::INGEN_ORSAK),
            (&r.atgard, synth::INGEN_ATGARD),
        ] {
            assert!(!labels.contains(&none) || labels.len() == 1, "{ctx}");
        }

        // Free text: bounded, and nothing that looks like a personnummer, e-mail or phone number.
        let n = r.beskrivning.chars().count();
        assert!(
            (synth::BESKRIVNING_MIN_CHARS..=synth::BESKRIVNING_MAX_CHARS).contains(&n),
            "{ctx}"
        );
        assert!(
            !r.beskrivning
                .contains(|c: char| c.is_ascii_digit() || c == '@'),
            "{ctx}"
        );
    }
    // Stable order.
    assert!(
        rows.windows(2)
            .all(|w| w[0].rapporterad <= w[1].rapporterad)
    );
}

fn assert_in_order(labels: &[&str], vocabulary: &[&str], ctx: &str) {
    let pos: Vec<usize> = labels
        .iter()
        .map(|l| {
            vocabulary
                .iter()
                .position(|v| v == l)
                .unwrap_or_else(|| panic!("{l}: {ctx}"))
        })
        .collect();
    assert!(pos.windows(2).all(|w| w[0] < w[1]), "{ctx}");
}

#[test]
fn generator_invariants_hold() {
    for spec in specs() {
        check_invariants(&spec, &synth::generate(&spec));
    }
}

#[test]
fn generator_is_deterministic_and_seeded() {
    let spec = Spec::sample();
    assert_eq!(synth::generate(&spec), synth::generate(&spec));
    let other = Spec {
        seed: spec.seed + 1,
        ..spec.clone()
    };
    assert_ne!(synth::generate(&spec), synth::generate(&other));
}

#[test]
fn sample_covers_every_category() {
    let spec = Spec::sample();
    let rows = synth::generate(&spec);
    let last = spec.last_year();
    let set = |f: &dyn Fn(&Row) -> Vec<&'static str>| -> BTreeSet<&'static str> {
        rows.iter().flat_map(f).collect()
    };
    assert_eq!(set(&|r| vec![r.typ.label()]).len(), 4);
    assert_eq!(set(&|r| vec![r.enhet]).len(), synth::ENHETER.len());
    assert_eq!(
        set(&|r| r.handelsetyp.into_iter().collect()).len(),
        synth::HANDELSETYPER.len()
    );
    assert_eq!(
        set(&|r| r.bedomning.into_iter().collect()).len(),
        synth::BEDOMNINGAR.len()
    );
    assert_eq!(
        set(&|r| r.bakomliggande_orsak.clone()).len(),
        synth::ORSAKER.len()
    );
    assert_eq!(set(&|r| r.atgard.clone()).len(), synth::ATGARDER.len());

    // The final year alone: every unit, every month, every Typ, lex Sarah, IVO, IMY, pending.
    let final_year: Vec<&Row> = rows
        .iter()
        .filter(|r| r.handelsedatum.year == last)
        .collect();
    let months: BTreeSet<u32> = final_year.iter().map(|r| r.handelsedatum.month).collect();
    assert_eq!(months.len(), 12);
    let units: BTreeSet<&str> = final_year.iter().map(|r| r.enhet).collect();
    assert_eq!(units.len(), synth::ENHETER.len());
    let typer: BTreeSet<Typ> = final_year.iter().map(|r| r.typ).collect();
    assert_eq!(typer.len(), 4);
    let bedomningar: BTreeSet<&str> = final_year.iter().filter_map(|r| r.bedomning).collect();
    assert_eq!(
        bedomningar.len(),
        synth::BEDOMNINGAR.len(),
        "{bedomningar:?}"
    );
    assert!(final_year.iter().any(|r| r.anmald_ivo));
    assert!(final_year.iter().any(|r| r.anmald_imy));
    assert!(final_year.iter().any(|r| r.status == Status::Pagaende));
    assert!(
        rows.iter()
            .any(|r| r.status == Status::Pagaende && r.handelsedatum.year < last)
    );
    // Reports of late December come in during January of the next year.
    assert!(rows.iter().any(|r| r.rapporterad.year == last + 1));

    // Lex Sarah share of avvikelser: within 20–45 % and higher at the end than at the start.
    let shares: Vec<f64> = (spec.first_year..=last)
        .map(|year| {
            let avv: Vec<&Row> = rows
                .iter()
                .filter(|r| r.handelsedatum.year == year && r.typ == Typ::Avvikelse)
                .collect();
            avv.iter().filter(|r| r.lex_sarah).count() as f64 / avv.len() as f64
        })
        .collect();
    assert!(
        shares.iter().all(|s| (0.20..=0.45).contains(s)),
        "{shares:?}"
    );
    assert!(shares.last() > shares.first(), "{shares:?}");
}

#[test]
fn shares_are_realistic() {
    let spec = Spec::uniform(11, 2018, 5, 20_000);
    let rows = synth::generate(&spec);
    for year in spec.first_year..=spec.last_year() {
        let of_year: Vec<&Row> = rows
            .iter()
            .filter(|r| r.handelsedatum.year == year)
            .collect();
        let share = |p: &dyn Fn(&Row) -> bool, of: &[&Row]| {
            of.iter().filter(|r| p(r)).count() as f64 / of.len() as f64
        };
        let avv: Vec<&Row> = of_year
            .iter()
            .copied()
            .filter(|r| r.typ == Typ::Avvikelse)
            .collect();
        let ls = share(&|r| r.lex_sarah, &avv);
        let ivo = share(&|r| r.anmald_ivo, &avv);
        let kl_sy = share(
            &|r| matches!(r.typ, Typ::Klagomal | Typ::Synpunkt),
            &of_year,
        );
        let pu = share(&|r| r.typ == Typ::Personuppgiftsincident, &of_year);
        assert!((0.19..=0.46).contains(&ls), "{year}: lex Sarah {ls}");
        assert!(ivo < 0.06, "{year}: IVO {ivo}");
        assert!(
            (0.10..=0.15).contains(&kl_sy),
            "{year}: klagomål+synpunkter {kl_sy}"
        );
        assert!(
            (0.05..=0.08).contains(&pu),
            "{year}: personuppgiftsincidenter {pu}"
        );
    }
    // Lex Sarah grows over the period.
    let ls_of = |year: i32| {
        let avv: Vec<&Row> = rows
            .iter()
            .filter(|r| r.handelsedatum.year == year && r.typ == Typ::Avvikelse)
            .collect();
        avv.iter().filter(|r| r.lex_sarah).count() as f64 / avv.len() as f64
    };
    assert!(ls_of(spec.last_year()) > ls_of(spec.first_year) + 0.1);
}

#[test]
fn csv_quotes_and_formats() {
    let rows = synth::generate(&Spec::sample());
    for delimiter in [b',', b';', b'\t'] {
        let mut out = Vec::new();
        synth::write_csv_to(&mut out, &rows, delimiter).unwrap();
        let text = String::from_utf8(out).unwrap();
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .from_reader(text.as_bytes());
        let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(headers, synth::HEADERS);
        let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(records.len(), rows.len());
        for (rec, row) in records.iter().zip(&rows) {
            assert_eq!(&rec[0], row.id);
            assert_eq!(&rec[2], row.handelsedatum.to_string());
            assert_eq!(&rec[8], if row.lex_sarah { "Ja" } else { "Nej" });
            assert_eq!(&rec[12], row.atgard.join("; "));
            assert_eq!(
                &rec[14],
                row.avslutad.map(|d| d.to_string()).unwrap_or_default()
            );
            assert_eq!(&rec[15], row.beskrivning);
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rapporter.csv");
    synth::write_csv(&path, &rows, b';').unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("Id;Typ;Händelsedatum;Rapporterad;"));
}

#[test]
fn xlsx_has_real_dates_and_canonical_headers() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let spec = Spec::uniform(5, 2022, 1, 60);
    let rows = synth::generate(&spec);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rapporter.xlsx");
    synth::write_xlsx(&path, &rows).unwrap();
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(wb.sheet_names(), vec![synth::SHEET_NAME.to_string()]);
    let range = wb.worksheet_range(synth::SHEET_NAME).unwrap();
    let mut it = range.rows();
    let header: Vec<String> = it.next().unwrap().iter().map(|c| c.to_string()).collect();
    assert_eq!(header, synth::HEADERS);
    for (cells, row) in it.zip(&rows) {
        assert_eq!(cells[0], Data::String(row.id.clone()));
        for (col, date) in [
            (2, Some(row.handelsedatum)),
            (3, Some(row.rapporterad)),
            (14, row.avslutad),
        ] {
            match (&cells[col], date) {
                (Data::DateTime(dt), Some(d)) => {
                    let nd = dt.as_datetime().unwrap().date();
                    assert_eq!(nd.to_string(), d.to_string());
                }
                (Data::Empty, None) => {}
                (other, d) => panic!("column {col}: {other:?} for {d:?}"),
            }
        }
        assert_eq!(cells[15], Data::String(row.beskrivning.clone()));
    }
}

#[test]
fn dates_round_trip() {
    let mut d = synth::Date::new(1999, 12, 25);
    for _ in 0..20_000 {
        assert_eq!(synth::Date::from_days(d.days()), d);
        let next = d.add_days(1);
        let expected = if d.day < synth::days_in_month(d.year, d.month) {
            synth::Date::new(d.year, d.month, d.day + 1)
        } else if d.month < 12 {
            synth::Date::new(d.year, d.month + 1, 1)
        } else {
            synth::Date::new(d.year + 1, 1, 1)
        };
        assert_eq!(next, expected);
        d = next;
    }
    assert_eq!(synth::Date::new(1970, 1, 1).days(), 0);
    assert_eq!(synth::Date::new(2022, 3, 14).to_string(), "2022-03-14");
}

// ---------------------------------------------------------------------------
// User surveys
// ---------------------------------------------------------------------------

#[test]
fn survey_xlsx_bytes_are_deterministic() {
    let surveys = synth::generate_surveys(&SurveySpec { seed: 9 });
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, raw: bool| {
        let path = dir.path().join(name);
        if raw {
            synth::write_survey_raw_xlsx(&path, &surveys).unwrap();
        } else {
            synth::write_survey_xlsx(&path, &surveys).unwrap();
        }
        std::fs::read(path).unwrap()
    };
    assert!(write("a.xlsx", false) == write("b.xlsx", false));
    assert!(write("c.xlsx", true) == write("d.xlsx", true));
}

#[test]
fn survey_generator_is_deterministic_and_seeded() {
    let spec = SurveySpec::sample();
    assert_eq!(
        synth::generate_surveys(&spec),
        synth::generate_surveys(&spec)
    );
    let other = SurveySpec {
        seed: spec.seed + 1,
    };
    assert_ne!(
        synth::generate_surveys(&spec),
        synth::generate_surveys(&other)
    );
}

fn check_survey_invariants(surveys: &[SurveyYear]) {
    let keys: Vec<(&str, i32)> = surveys.iter().map(|s| (s.name, s.year)).collect();
    assert_eq!(
        keys,
        vec![
            (synth::SURVEY_EKONOMISKT_BISTAND, 2021),
            (synth::SURVEY_MISSBRUK, 2021),
            (synth::SURVEY_BARN_OCH_UNGA, 2021),
            (synth::SURVEY_EKONOMISKT_BISTAND, 2022),
            (synth::SURVEY_MISSBRUK, 2022),
            (synth::SURVEY_BARN_OCH_UNGA, 2022),
            (synth::SURVEY_FAMILJERATT, 2022),
        ]
    );
    for s in surveys {
        let ctx = format!("{} {}", s.name, s.year);
        let svar = s.antal_svar();
        if s.name == synth::SURVEY_FAMILJERATT {
            // Too few answers to show any share.
            assert_eq!((s.urval, svar), (9, 4), "{ctx}");
        } else {
            assert!((20..=80).contains(&s.urval), "{ctx}: urval {}", s.urval);
            let rate = f64::from(svar) / f64::from(s.urval);
            assert!((0.30..=0.65).contains(&rate), "{ctx}: svarsfrekvens {rate}");
        }
        // SKR's seven questions, with their scales, in order.
        assert_eq!(s.questions.len(), 7, "{ctx}");
        for (q, def) in s.questions.iter().zip(&synth::IFO_QUESTIONS) {
            assert_eq!(q.text, def.text, "{ctx}");
            let labels: Vec<&str> = q.options.iter().map(|o| o.label).collect();
            let mut expected = def.scale.to_vec();
            if def.dont_know {
                expected.push(synth::VET_INTE);
            }
            assert_eq!(labels, expected, "{ctx}");
            assert!(
                (4..=5).contains(&def.scale.len()) == def.dont_know,
                "{ctx}: a scale has 4–5 options plus Vet inte, or is Ja/Nej"
            );
            // National shares: whole per cent for SKR's areas, a scale summing to 100 ± 1
            // (rounded), none for the municipality's own survey.
            if s.name == synth::SURVEY_FAMILJERATT {
                assert!(q.options.iter().all(|o| o.national.is_none()), "{ctx}");
            } else {
                assert!(q.options.iter().all(|o| o.national.is_some()), "{ctx}");
                let scale: u32 = q.options[..def.scale.len()]
                    .iter()
                    .map(|o| o.national.unwrap())
                    .sum();
                assert!((99..=101).contains(&scale), "{ctx}: {}: {scale}", q.text);
            }
        }
        // Every respondent answers each question at most once, with a known option.
        for answers in &s.respondents {
            assert_eq!(answers.len(), s.questions.len(), "{ctx}");
            for (a, q) in answers.iter().zip(&s.questions) {
                assert!(a.is_none_or(|o| o < q.options.len()), "{ctx}");
            }
        }
        for q in 0..s.questions.len() {
            let total: u32 = s.counts(q).iter().sum();
            assert!(total <= svar, "{ctx}: question {q} has {total} of {svar}");
            assert!(total > 0, "{ctx}: question {q} unanswered");
        }
    }
}

#[test]
fn survey_generator_invariants_hold() {
    for seed in [SurveySpec::sample().seed, 1, 2, 3, 42] {
        check_survey_invariants(&synth::generate_surveys(&SurveySpec { seed }));
    }
}

#[test]
fn survey_sample_shows_change_and_suppression() {
    let surveys = synth::generate_surveys(&SurveySpec::sample());
    let positive = |name: &str, year: i32| -> Vec<u32> {
        let s = surveys
            .iter()
            .find(|s| s.name == name && s.year == year)
            .unwrap();
        (0..s.questions.len()).map(|q| s.counts(q)[0]).collect()
    };
    for name in [
        synth::SURVEY_EKONOMISKT_BISTAND,
        synth::SURVEY_MISSBRUK,
        synth::SURVEY_BARN_OCH_UNGA,
    ] {
        assert_ne!(positive(name, 2021), positive(name, 2022), "{name}");
    }
    // Every option of the sample is chosen by someone in some year, except perhaps the worst.
    let never: Vec<(&str, &str)> = synth::IFO_QUESTIONS
        .iter()
        .enumerate()
        .flat_map(|(q, def)| {
            let surveys = &surveys;
            def.scale[..def.scale.len() - 1]
                .iter()
                .filter_map(move |label| {
                    let i = def.scale.iter().position(|l| l == label).unwrap();
                    surveys
                        .iter()
                        .all(|s| s.counts(q)[i] == 0)
                        .then_some((def.text, *label))
                })
        })
        .collect();
    assert!(never.is_empty(), "{never:?}");
}

/// Reads `sheet` of `path` as strings (numbers without decimals), header first.
fn sheet_rows(path: &std::path::Path, sheet: &str) -> Vec<Vec<String>> {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    let range = wb.worksheet_range(sheet).unwrap();
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Float(f) => format!("{f}"),
                    Data::Int(i) => i.to_string(),
                    Data::String(s) => s.clone(),
                    Data::Empty => String::new(),
                    other => panic!("unexpected cell {other:?}"),
                })
                .collect()
        })
        .collect()
}

#[test]
fn survey_raw_and_aggregated_workbooks_agree() {
    use calamine::{Reader, Xlsx, open_workbook};
    use std::collections::BTreeMap;
    let surveys = synth::generate_surveys(&SurveySpec::sample());
    let dir = tempfile::tempdir().unwrap();
    let (agg, raw) = (dir.path().join("agg.xlsx"), dir.path().join("raw.xlsx"));
    synth::write_survey_xlsx(&agg, &surveys).unwrap();
    synth::write_survey_raw_xlsx(&raw, &surveys).unwrap();
    let names = |p: &std::path::Path| {
        let wb: Xlsx<_> = open_workbook(p).unwrap();
        wb.sheet_names()
    };
    assert_eq!(names(&agg), vec!["Svar", "Urval"]);
    assert_eq!(names(&raw), vec!["Svarsalternativ", "Rådata", "Urval"]);

    let answers = sheet_rows(&agg, synth::SURVEY_SHEET_ANSWERS);
    assert_eq!(answers[0], synth::SURVEY_ANSWER_HEADERS);
    let options = sheet_rows(&raw, synth::SURVEY_SHEET_OPTIONS);
    assert_eq!(options[0], synth::SURVEY_OPTION_HEADERS);
    // The option list is the answers sheet without Antal, row for row.
    assert_eq!(answers.len(), options.len());
    for (a, o) in answers.iter().zip(&options).skip(1) {
        assert_eq!([&a[..4], &a[5..]].concat(), *o);
    }

    // Counting the raw rows gives the answers sheet's Antal.
    let raw_rows = sheet_rows(&raw, synth::SURVEY_SHEET_RAW);
    let header = &raw_rows[0];
    assert_eq!(header[..2], ["Undersökning", "År"]);
    let mut counted: BTreeMap<(String, String, String, String), u32> = BTreeMap::new();
    let mut respondents: BTreeMap<(String, String), u32> = BTreeMap::new();
    for row in &raw_rows[1..] {
        *respondents
            .entry((row[0].clone(), row[1].clone()))
            .or_default() += 1;
        for (col, question) in header.iter().enumerate().skip(2) {
            let answer = row.get(col).cloned().unwrap_or_default();
            if !answer.is_empty() {
                *counted
                    .entry((row[0].clone(), row[1].clone(), question.clone(), answer))
                    .or_default() += 1;
            }
        }
    }
    let mut rows_with_answers = 0;
    for a in &answers[1..] {
        let key = (a[0].clone(), a[1].clone(), a[2].clone(), a[3].clone());
        let n: u32 = a[4].parse().unwrap();
        assert_eq!(counted.get(&key).copied().unwrap_or(0), n, "{key:?}");
        rows_with_answers += u32::from(n > 0);
    }
    assert_eq!(
        counted.len() as u32,
        rows_with_answers,
        "no answer outside the list"
    );

    // Urval and antal svar.
    let sample = sheet_rows(&agg, synth::SURVEY_SHEET_SAMPLE);
    assert_eq!(sample[0], synth::SURVEY_SAMPLE_HEADERS);
    let raw_sample = sheet_rows(&raw, synth::SURVEY_SHEET_SAMPLE);
    assert_eq!(raw_sample[0], synth::SURVEY_RAW_SAMPLE_HEADERS);
    assert_eq!(sample.len(), surveys.len() + 1);
    for (s, r) in sample.iter().zip(&raw_sample).skip(1) {
        assert_eq!(s[..3], r[..]);
        let n: u32 = s[3].parse().unwrap();
        assert_eq!(respondents[&(s[0].clone(), s[1].clone())], n);
    }
}
