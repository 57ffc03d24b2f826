//! `kvalitet init MAPP`: a ready data folder. Files that already exist are left untouched, so
//! running it on last year's folder only adds what is missing.

use anyhow::Result;
use chrono::Datelike;

use super::Outcome;
use crate::base::UsageError;
use crate::cli::InitArgs;
use crate::output;

pub fn run(args: &InitArgs) -> Result<Outcome> {
    let year = match args.year {
        Some(y) if !(1900..=2100).contains(&y) => {
            return Err(
                UsageError(format!("året {y} är inte rimligt (ange till exempel 2026)")).into(),
            );
        }
        Some(y) => y,
        None => chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now()).year(),
    };
    if args.dir.exists() && !args.dir.is_dir() {
        return Err(UsageError(format!(
            "{} finns redan och är ingen mapp",
            args.dir.display()
        ))
        .into());
    }
    let mut kept = Vec::new();
    for file in crate::scaffold::files(year)? {
        let path = args.dir.join(&file.path);
        if path.exists() {
            kept.push(file.path);
            continue;
        }
        output::write_atomic(&path, &file.bytes)?;
        output::println(&format!("skapade {}", path.display()))?;
    }
    for path in &kept {
        output::println(&format!(
            "{} finns redan och lämnades orörd",
            args.dir.join(path).display()
        ))?;
    }
    let dir = args.dir.display();
    output::println(&format!(
        "\nNästa steg:\n\
         \x20 1. Fyll i organisationens namn i {dir}/kvalitet.toml.\n\
         \x20 2. Klistra in registret i {dir}/rapporter.xlsx och ta bort exempelraden (EXEMPEL-1);\n\
         \x20    brukarundersökningar i {dir}/brukarundersokning.xlsx, eller ta bort filen.\n\
         \x20    Ej verkställda beslut, egenkontroller och IVO:s beslut i {dir}/ej_verkstallda.xlsx,\n\
         \x20    {dir}/egenkontroll.xlsx och {dir}/ivo_tillsyn.xlsx, eller ta bort filerna.\n\
         \x20 3. Skriv verksamhetens egen text i filerna i {dir}/text/.\n\
         \x20 4. Kontrollera underlaget: kvalitet check --data {dir}\n\
         \x20 5. Skriv rapporten:       kvalitet report {year} --data {dir}"
    ))?;
    Ok(Outcome::Ok)
}
