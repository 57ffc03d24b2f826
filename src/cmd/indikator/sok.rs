//! `kvalitet indikator sök ORD…`: search the embedded Kolada catalog.

use anyhow::Result;

use super::{format, grid_text, print};
use crate::base::format::int;
use crate::cli::SokArgs;
use crate::cmd::Outcome;
use crate::model::indicators::search::search;
use crate::render::grid::{Cell, Grid};

pub fn run(args: &SokArgs) -> Result<Outcome> {
    let format = format(&args.output.format)?;
    let hits = search(&args.words);
    let mut grid = Grid::new(vec![
        "Id".into(),
        "Titel".into(),
        "Verksamhetsområde".into(),
    ]);
    for k in hits.iter().take(args.limit) {
        grid.rows.push(vec![
            Cell::text(k.id),
            Cell::text(k.title()),
            Cell::text(k.operating_area),
        ]);
    }
    if hits.is_empty() {
        eprintln!("inga nyckeltal i katalogen innehåller alla orden");
        return Ok(Outcome::Problems);
    }
    print(&grid_text(&grid, format)?)?;
    if hits.len() > args.limit {
        eprintln!(
            "{} träffar, visar de {} bästa (ändra med --antal)",
            int(hits.len() as i64),
            args.limit
        );
    }
    Ok(Outcome::Ok)
}
