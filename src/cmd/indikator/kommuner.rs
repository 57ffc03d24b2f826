//! `kvalitet indikator kommuner SÖK`: find the ids of municipalities, regions and groups, in
//! the embedded catalog and among the places the indicator store names that it lacks.

use anyhow::Result;

use super::{format, grid_text, print};
use crate::cli::KommunerArgs;
use crate::cmd::Outcome;
use crate::model::indicators::local_places::LocalPlaces;
use crate::model::indicators::place::{self, Place};
use crate::render::grid::{Cell, Grid};
use crate::store::{self, Store};

pub fn run(args: &KommunerArgs) -> Result<Outcome> {
    let format = format(&args.output.format)?;
    // Without a store (or a place for it) the catalog alone is searched.
    let known = match store::default_path(args.store.lager.as_deref()) {
        Ok(path) => match Store::open(&path)? {
            Some(store) => store.places()?,
            None => LocalPlaces::default(),
        },
        Err(_) => LocalPlaces::default(),
    };
    let hits = place::find_among(&args.words.join(" "), &known);
    if hits.is_empty() {
        eprintln!("ingen kommun, region eller grupp matchar");
        return Ok(Outcome::Problems);
    }
    let mut grid = Grid::new(vec!["Id".into(), "Namn".into(), "Typ".into()]);
    for p in &hits {
        let kind = match p {
            Place::Municipality(m) if m.id == place::RIKET => "Riket".to_string(),
            Place::Municipality(m) if m.kind == "L" => "Region".to_string(),
            Place::Municipality(_) => "Kommun".to_string(),
            Place::Group(g) => format!("Grupp, {} kommuner", g.members().count()),
            Place::Kolada(_) => match p.members() {
                Some(members) => format!("Grupp, {} kommuner", members.len()),
                None => "Kommun".to_string(),
            },
        };
        grid.rows.push(vec![
            Cell::text(p.id()),
            Cell::text(p.title()),
            Cell::text(kind),
        ]);
    }
    print(&grid_text(&grid, format)?)?;
    Ok(Outcome::Ok)
}
