//! Store round trips: import, query, replace, group means, metadata and the import log.

use super::*;
use crate::indicators::{Direction, Gender, KpiMeta, KpiValue};

fn value(kpi: &str, area: &str, year: i32, gender: Gender, v: Option<f64>) -> KpiValue {
    KpiValue {
        kpi: kpi.into(),
        municipality: area.into(),
        year,
        gender,
        value: v,
    }
}

#[test]
fn imported_values_come_back_from_a_query() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lager").join("indikatorer.sqlite");
    let mut store = Store::create(&path).unwrap();
    let mut imp = store.importer().unwrap();
    imp.add(&value("U31402", "0305", 2021, Gender::Total, Some(15.0)));
    imp.add(&value("U31402", "0305", 2022, Gender::Total, Some(13.0)));
    imp.add(&value("U31402", "0305", 2022, Gender::Women, None));
    imp.add(&value("U31402", "0000", 2022, Gender::Total, Some(14.5)));
    let mut meta = KpiMeta::new("U31402");
    meta.title = "Väntetid".into();
    meta.direction = Some(Direction::LowerIsBetter);
    imp.add_meta(&meta);
    let summary = imp.finish("fil", "indikatorer.csv", 5, 1).unwrap();
    assert_eq!(summary.imported, 4);
    assert!(summary.size_bytes > 0);
    drop(store);

    let store = Store::open(&path).unwrap().unwrap();
    let s = store.series("U31402", "0305", 2019..=2022).unwrap();
    assert_eq!(
        s,
        vec![
            Point {
                year: 2021,
                gender: Gender::Total,
                value: Some(15.0)
            },
            Point {
                year: 2022,
                gender: Gender::Total,
                value: Some(13.0)
            },
            Point {
                year: 2022,
                gender: Gender::Women,
                value: None
            },
        ]
    );
    assert_eq!(store.series("U31402", "0305", 2019..=2020).unwrap(), vec![]);
    assert_eq!(store.series("U99999", "0305", 2019..=2022).unwrap(), vec![]);
    let m = store.kpi_meta("U31402").unwrap().unwrap();
    assert_eq!(m.direction, Some(Direction::LowerIsBetter));
    assert_eq!(m.title, "Väntetid");
    let log = store.imports().unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(
        (log[0].rows_read, log[0].imported, log[0].rejected),
        (5, 4, 1)
    );
    assert_eq!(log[0].at.len(), "2024-05-02 14:03".len());
}

#[test]
fn a_later_import_replaces_a_value_and_group_means_skip_missing_members() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.sqlite");
    let mut store = Store::create(&path).unwrap();
    let mut imp = store.importer().unwrap();
    imp.add(&value("N1", "0305", 2022, Gender::Total, Some(1.0)));
    imp.add(&value("N1", "0126", 2022, Gender::Total, Some(3.0)));
    imp.add(&value("N1", "0180", 2022, Gender::Total, None));
    imp.finish("fil", "a.csv", 3, 0).unwrap();
    let mut imp = store.importer().unwrap();
    imp.add(&value("N1", "0305", 2022, Gender::Total, Some(2.0)));
    imp.finish("fil", "b.csv", 1, 0).unwrap();
    assert_eq!(
        store.series("N1", "0305", 2022..=2022).unwrap()[0].value,
        Some(2.0)
    );
    let mean = store
        .mean_of("N1", &["0305", "0126", "0180", "0999"], 2022..=2022)
        .unwrap();
    assert_eq!(mean.len(), 1);
    assert_eq!(mean[0].0.value, Some(2.5));
    assert_eq!(mean[0].1, 2, "members with a value");
    let all = store.all_places("N1", 2022, Gender::Total).unwrap();
    assert_eq!(all.len(), 3);
    assert_eq!(store.imports().unwrap()[0].files, "b.csv", "newest first");
}

#[test]
fn a_file_that_is_no_store_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("inte.sqlite");
    std::fs::write(&path, "det här är ingen databas, bara text som är tillräckligt lång för att SQLite ska läsa huvudet").unwrap();
    let err = Store::open(&path).err().unwrap().to_string();
    assert!(
        err.contains("kan inte användas: filen är ingen SQLite-databas"),
        "{err}"
    );
    assert!(
        Store::open(&dir.path().join("finns-inte.sqlite"))
            .unwrap()
            .is_none()
    );
}

#[test]
fn the_store_path_follows_flag_then_environment_then_data_folder() {
    let flag = std::path::Path::new("/tmp/x.sqlite");
    assert_eq!(default_path(Some(flag)).unwrap(), flag);
}
