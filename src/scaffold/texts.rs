//! The `text/` files of a new data folder: each section's heading and, in a comment that
//! never reaches the report, what to write there and how to refer to figures and tables.

use super::File;
use crate::render::narrative::{SECTIONS, Section, file_name};

/// A figure and a table the section's text could refer to, as template expressions.
fn example(section: &str) -> Option<(&'static str, &'static str)> {
    Some(match section {
        "sammanfattning" | "rapporter" => ("{{ f.totalt.ar | tal }}", "rapporter_per_typ"),
        "avvikelser" => ("{{ f.avvikelser.ar | tal }}", "avvikelser_per_enhet"),
        "lex_sarah" => ("{{ f.lex_sarah.ar | tal }}", "lex_sarah_per_enhet"),
        "orsaker" => ("{{ f.avvikelser.ar | tal }}", "bakomliggande_orsak"),
        "handlaggning" => ("{{ f.median_dagar | dagar }}", "handlaggningstid"),
        "klagomal" => ("{{ f.klagomal.ar | tal }}", "rapporter_per_typ"),
        "personuppgiftsincidenter" => (
            "{{ f.personuppgiftsincidenter.ar | tal }}",
            "rapporter_per_typ",
        ),
        "brukarundersokning" => ("{{ f.totalt.ar | tal }}", "brukar_svarsfrekvens"),
        _ => return None,
    })
}

fn text_file(s: &Section) -> String {
    let mut guide = format!(
        "{{# Skriv här: {}\n\n\
         Texten är Markdown: en tom rad mellan stycken, \"- \" först på raden för punktlistor,\n\
         **fetstil**. Underrubriker skrivs med ## och hamnar under avsnittets rubrik. Rubriken\n\
         ovan kan ändras; tas den bort används standardrubriken.\n\n\
         Skriv aldrig namn, personnummer eller annat som kan peka ut en enskild person.\n",
        s.guidance
    );
    if let Some((figure, table)) = example(s.name) {
        guide.push_str(&format!(
            "\nSiffror och tabeller ur underlaget kan användas i texten, till exempel:\n\
             \x20 Antalet är {figure}, se {{{{ tabell(id=\"{table}\") }}}}.\n\
             blir i rapporten ungefär \"Antalet är 232, se tabell 2.\" Tabellernas nycklar: kvalitet hjälp tabeller.\n"
        ));
    }
    if s.text_only {
        guide.push_str(
            "\nLämnas filen utan text tas avsnittet bort ur rapporten, och kvalitet check varnar.\n\
             Med tomma = \"standardtext\" under [avsnitt] i kvalitet.toml får det i stället en kort\n\
             neutral standardtext.\n",
        );
    } else {
        guide.push_str(
            "\nTexten läggs efter avsnittets siffror. Lämnas filen utan text visas bara siffrorna.\n",
        );
    }
    guide.push_str("Den här kommentaren syns inte i rapporten. #}\n");
    format!("# {}\n\n{guide}", s.heading)
}

/// One file per section.
pub fn files() -> Vec<File> {
    SECTIONS
        .iter()
        .map(|s| File {
            path: file_name(s),
            bytes: text_file(s).into_bytes(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::narrative::fit;

    #[test]
    fn a_new_text_file_renders_to_its_heading_and_no_text() {
        for s in SECTIONS {
            let source = text_file(s);
            let mut tera = tera::Tera::new();
            tera.add_raw_template("t", &source).unwrap();
            let md = tera.render("t", &tera::Context::new()).unwrap();
            let t = fit(&md, s);
            assert_eq!(t.rubrik, s.heading, "{}", s.name);
            assert_eq!(t.brodtext, "", "{}", s.name);
        }
    }
}
