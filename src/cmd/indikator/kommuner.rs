//! `kvalitet indikator kommuner SÖK`: find the ids of municipalities, regions and groups.

use anyhow::Result;

use super::{format, grid_text, print};
use crate::cli::KommunerArgs;
use crate::cmd::Outcome;
use crate::indicators::place::{self, Place};
use crate::render::grid::{Cell, Grid};

pub fn run(args: &KommunerArgs) -> Result<Outcome> {
    let format = format(&args.output.format)?;
    let hits = place::find(&args.words.join(" "));
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
