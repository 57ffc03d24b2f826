//! `kvalitet init` and `kvalitet mallar`: the flags of the commands that create a data folder
//! or copy the report templates.

use std::path::PathBuf;

use clap::Args;

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Mappen som skapas (finns den redan läggs bara de filer till som saknas).
    #[arg(value_name = "MAPP")]
    pub dir: PathBuf,
    /// Året som mallarnas exempelrader gäller [standard: innevarande år]
    #[arg(long = "år", visible_alias = "ar", value_name = "ÅR")]
    pub year: Option<i32>,
}

#[derive(Debug, Args)]
pub struct MallarArgs {
    /// Skriv standardmallarna till MAPP; ändra dem där och använd dem med report --templates MAPP.
    #[arg(long, value_name = "MAPP")]
    pub exportera: Option<PathBuf>,
}
