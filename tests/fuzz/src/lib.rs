//! What the fuzz targets share: write the input to a file named like a real input and read it
//! the way `kvalitet report` does, so every byte goes through the real importers.

use std::path::PathBuf;

use kvalitet::model::Inputs;
use kvalitet::settings::Settings;

/// A folder of this process's own, so parallel fuzz jobs do not share files.
fn scratch() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kvalitet-fuzz-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Reads `data` as the register `rapporter.{ext}`, as a survey table and as own statistics,
/// and computes the report's tables from the register. Errors are fine; panics are bugs.
pub fn read_all(data: &[u8], ext: &str) {
    let dir = scratch();
    let settings = Settings::default();
    let register_path = dir.join(format!("rapporter.{ext}"));
    std::fs::write(&register_path, data).expect("write input");
    if let Ok(register) = kvalitet::model::load_register(&register_path, &settings) {
        let inputs = Inputs {
            register,
            surveys: None,
            indicators: None,
            fetched: None,
            lists: Default::default(),
        };
        let _ = inputs.guard(false);
        for year in [2021, 2022] {
            let _ = kvalitet::compute::build(&inputs, &settings, year);
        }
    }
    let stats = dir.join(format!("statistik.{ext}"));
    std::fs::write(&stats, data).expect("write input");
    let _ = kvalitet::model::indicators::own_stats::read(&stats, &settings);
    let surveys = dir.join("enkat");
    std::fs::create_dir_all(&surveys).expect("survey dir");
    std::fs::write(surveys.join(format!("brukarundersokning.{ext}")), data).expect("write");
    let _ = kvalitet::model::survey::load_surveys(&surveys, &settings);
}
