//! The build step: folds the embedded KPI catalog's titles and descriptions once, so that
//! `kvalitet indikator sök` compares words against text already folded instead of folding
//! 3 MB of descriptions on every search. It uses the crate's own fold and title cleaning.

#[path = "text/fold.rs"]
mod fold;
#[path = "model/indicators/title.rs"]
mod title;

use std::fmt::Write;

const CATALOG: &str = "src/model/indicators/data/kpi.tsv";

fn main() {
    for input in [
        CATALOG,
        "src/text/fold.rs",
        "src/model/indicators/title.rs",
        "src/build.rs",
    ] {
        println!("cargo::rerun-if-changed={input}");
    }
    let catalog = std::fs::read_to_string(CATALOG).expect("the KPI catalog is readable");
    let mut index = String::with_capacity(catalog.len());
    for line in catalog.lines() {
        // id, title, operating area, municipality type, by gender, description.
        let fields: Vec<&str> = line.split('\t').collect();
        let field = |i: usize| fields.get(i).copied().unwrap_or("");
        // A fold holds only letters, digits and single spaces: no tab, no line break.
        let title = fold::fold(&title::clean_title(field(1)));
        let description = fold::fold(field(5));
        writeln!(index, "{title}\t{description}").expect("writing to a String");
    }
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("kpi_sok.tsv"), index).expect("OUT_DIR is writable");
}
