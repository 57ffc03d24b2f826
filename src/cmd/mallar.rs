//! `kvalitet mallar`: lists the report's templates and text sections, or writes the default
//! templates to a folder for editing (used with `report --templates`).

use anyhow::Result;

use super::Outcome;
use crate::cli::MallarArgs;
use crate::output;
use crate::render::narrative::{SECTIONS, file_name};
use crate::render::templates::DEFAULTS;

pub fn run(args: &MallarArgs) -> Result<Outcome> {
    let Some(dir) = &args.exportera else {
        output::println("Standardmallar (ersätts fil för fil med report --templates MAPP):")?;
        for (name, _) in DEFAULTS {
            output::println(&format!("  {name}"))?;
        }
        output::println("\nTextfiler i datamappen (skapas av kvalitet init):")?;
        for s in SECTIONS {
            output::println(&format!("  {:<32} {}", file_name(s), s.heading))?;
        }
        return Ok(Outcome::Ok);
    };
    let mut kept = 0;
    for (name, source) in DEFAULTS {
        let path = dir.join(name);
        if path.exists() {
            output::println(&format!(
                "{} finns redan och lämnades orörd",
                path.display()
            ))?;
            kept += 1;
            continue;
        }
        output::write_atomic(&path, source.as_bytes())?;
        output::println(&format!("skrev {}", path.display()))?;
    }
    output::println(&format!(
        "\nÄndra de mallar du vill och ta bort de andra; de som ligger kvar ersätter standardmallen med samma namn:\n\
         \x20 kvalitet report ÅR --templates {}{}",
        dir.display(),
        if kept > 0 {
            "\n(befintliga filer skrevs inte över)"
        } else {
            ""
        }
    ))?;
    Ok(Outcome::Ok)
}
