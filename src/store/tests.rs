//! Store round trips: import, query, replace, group means, metadata, places the catalog lacks,
//! the import log, and a store from before the places.

use super::*;
use crate::model::indicators::{Direction, Gender, KpiMeta, KpiValue};

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

#[test]
fn places_the_catalog_lacks_are_kept_and_a_later_import_replaces_them() {
    use crate::model::indicators::local_places::LocalPlace;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.sqlite");
    let mut store = Store::create(&path).unwrap();
    let mut imp = store.importer().unwrap();
    imp.add(&value("N1", "G99999", 2022, Gender::Total, Some(4.0)));
    let group = LocalPlace {
        title: "Ny grupp".into(),
        members: vec!["0180".into(), "0319".into()],
    };
    imp.add_place("G99999", &group);
    imp.finish("Kolada (JSON)", "indikatorer.json", 1, 0)
        .unwrap();
    drop(store);

    let store = Store::open(&path).unwrap().unwrap();
    let places = store.places().unwrap();
    assert_eq!(places.get("G99999"), Some(&group));
    assert_eq!(places.ids().collect::<Vec<_>>(), vec!["G99999"]);
    drop(store);

    let mut store = Store::create(&path).unwrap();
    let mut imp = store.importer().unwrap();
    let renamed = LocalPlace {
        title: "Omdöpt grupp".into(),
        members: vec![],
    };
    imp.add_place("G99999", &renamed);
    imp.finish("fil", "b.csv", 0, 0).unwrap();
    assert_eq!(store.places().unwrap().get("G99999"), Some(&renamed));
}

/// The schema of version 1 before the `place` table.
const SCHEMA_WITHOUT_PLACES: &str = "
CREATE TABLE kpi (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, title TEXT, unit TEXT,
    operating_area TEXT, direction INTEGER, display_name TEXT, decimals INTEGER);
CREATE TABLE area (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE);
CREATE TABLE import (id INTEGER PRIMARY KEY, at TEXT NOT NULL, source TEXT NOT NULL,
    files TEXT NOT NULL, rows_read INTEGER NOT NULL, imported INTEGER NOT NULL,
    rejected INTEGER NOT NULL);
CREATE TABLE value (kpi INTEGER NOT NULL, area INTEGER NOT NULL, year INTEGER NOT NULL,
    gender INTEGER NOT NULL, value REAL, import INTEGER NOT NULL,
    PRIMARY KEY (kpi, area, year, gender)) WITHOUT ROWID;
INSERT INTO kpi (id, code) VALUES (1, 'N1');
INSERT INTO area (id, code) VALUES (1, '0305');
INSERT INTO import VALUES (1, '2026-11-30 10:00', 'fil', 'a.csv', 1, 1, 0);
INSERT INTO value VALUES (1, 1, 2022, 0, 7.0, 1);
PRAGMA user_version = 1;
";

#[test]
fn a_store_from_before_the_places_opens_and_gets_them_on_the_next_import() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gammal.sqlite");
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch(SCHEMA_WITHOUT_PLACES)
        .unwrap();

    let store = Store::open(&path).unwrap().unwrap();
    assert!(store.places().unwrap().is_empty());
    assert_eq!(
        store.series("N1", "0305", 2022..=2022).unwrap(),
        vec![Point {
            year: 2022,
            gender: Gender::Total,
            value: Some(7.0)
        }]
    );
    drop(store);

    let mut store = Store::create(&path).unwrap();
    let mut imp = store.importer().unwrap();
    imp.add(&value("N1", "G99999", 2022, Gender::Total, Some(4.0)));
    let group = crate::model::indicators::local_places::LocalPlace {
        title: "Ny grupp".into(),
        members: vec!["0305".into()],
    };
    imp.add_place("G99999", &group);
    imp.finish("fil", "b.csv", 1, 0).unwrap();
    assert_eq!(store.places().unwrap().get("G99999"), Some(&group));
    assert_eq!(store.imports().unwrap().len(), 2);
    assert_eq!(
        store.series("N1", "0305", 2022..=2022).unwrap()[0].value,
        Some(7.0)
    );
}
