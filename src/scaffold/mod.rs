//! `kvalitet init`: the contents of a new data folder (commented settings, the text files of
//! every section, import workbooks with the canonical headers), and the mark that lets
//! `check` and `report` warn about the workbooks' example rows left in real data. Only builds
//! contents: it must not touch the disk (`cmd::init` writes them through `output`).

mod texts;
mod workbooks;

use anyhow::Result;

use crate::settings::Settings;

/// The commented settings file: every option, with its default, in Swedish.
pub const SETTINGS_FILE: &str = include_str!("kvalitet.toml");

/// The import workbooks of the list inputs: file stem, and each column with its note.
pub const LIST_TEMPLATES: [(&str, &[(&str, &str)]); 3] = [
    (
        "ej_verkstallda",
        &[
            (
                "Id",
                "Beslutets id, till exempel ärendenumret, samma varje kvartal beslutet rapporteras. Inga personnummer.",
            ),
            ("Beslutsdatum", "Datum för beslutet (ÅÅÅÅ-MM-DD)."),
            ("Lag", "SoL eller LSS."),
            ("Insats", "Beviljad insats, till exempel Kontaktfamilj."),
            (
                "Kvartal",
                "Rapporteringskvartalet, till exempel 2026 K1. En rad per beslut och kvartal.",
            ),
            (
                "Verkställt",
                "Datum då beslutet verkställdes (ÅÅÅÅ-MM-DD), annars tomt.",
            ),
            (
                "Avslutat",
                "Datum då ärendet avslutades utan verkställighet, annars tomt.",
            ),
            (
                "Orsak",
                "Skälet till dröjsmålet, som en kategori, till exempel Resursbrist. Ingen fritext om personen.",
            ),
            ("Särskild avgift", "Ja, Nej eller beloppet i kronor."),
        ],
    ),
    (
        "egenkontroll",
        &[
            (
                "Område",
                "Området som granskades, till exempel Dokumentation.",
            ),
            ("År", "Året, till exempel 2026. En rad per område och år."),
            ("Planerade", "Antal planerade egenkontroller."),
            ("Genomförda", "Antal genomförda egenkontroller."),
            ("Med brister", "Antal egenkontroller som visade brister."),
            (
                "Med åtgärder",
                "Antal egenkontroller som ledde till åtgärder.",
            ),
        ],
    ),
    (
        "ivo_tillsyn",
        &[
            ("Datum", "Datum för IVO:s beslut (ÅÅÅÅ-MM-DD)."),
            ("Område", "Verksamheten eller området som granskades."),
            (
                "Beslut",
                "Beslutet i korthet, till exempel Kritik eller Avslutat utan kritik. Högst 200 tecken, inga uppgifter om enskilda.",
            ),
            (
                "Status",
                "Hur beslutet har följts upp, till exempel Åtgärdsplan lämnad.",
            ),
        ],
    ),
];

/// One file of a new data folder: its path relative to the folder, and its bytes.
#[derive(Debug)]
pub struct File {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Every file of a new data folder whose example rows fall in `year`.
pub fn files(year: i32) -> Result<Vec<File>> {
    let defaults = Settings::default();
    let mut out = vec![File {
        path: "kvalitet.toml".into(),
        bytes: SETTINGS_FILE.as_bytes().to_vec(),
    }];
    out.push(File {
        path: "rapporter.xlsx".into(),
        bytes: workbooks::register(year, &defaults)?,
    });
    out.push(File {
        path: "brukarundersokning.xlsx".into(),
        bytes: workbooks::survey(year)?,
    });
    for (name, columns) in LIST_TEMPLATES {
        out.push(File {
            path: format!("{name}.xlsx"),
            bytes: workbooks::list_template(name, columns)?,
        });
    }
    out.extend(texts::files());
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Uncomments every option line (`# key = …`, `# [table]`), leaving the prose comments.
    fn uncommented(text: &str) -> String {
        text.lines()
            .map(|l| match l.strip_prefix("# ") {
                Some(rest) if is_option(rest) => rest.to_string(),
                _ => l.to_string(),
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn is_option(rest: &str) -> bool {
        if rest.starts_with('[') {
            return true;
        }
        let Some((key, _)) = rest.split_once(" = ") else {
            return false;
        };
        let key = key.trim_matches('"');
        !key.is_empty() && !key.contains(' ') || rest.starts_with('"')
    }

    #[test]
    fn every_option_of_the_settings_file_parses_when_uncommented() {
        let text = uncommented(SETTINGS_FILE);
        let s = Settings::parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert_eq!(s.rapport.jamforelsear, 4);
        assert_eq!(s.avsnitt.utelamna, vec!["samverkan"]);
        assert_eq!(s.brukarundersokning.undersokning.len(), 1);
        assert_eq!(s.indikatorer.statistik[0].id.len(), 2);
        // As shipped, everything is commented out and the defaults apply.
        let shipped = Settings::parse(SETTINGS_FILE).unwrap();
        assert!(shipped.avsnitt.utelamna.is_empty());
        assert!(shipped.kolumner.is_empty());
    }

    #[test]
    fn the_settings_file_documents_every_key_of_the_settings() {
        let defaults = toml::to_string(&Settings::default()).unwrap();
        let mut table = String::new();
        for line in defaults.lines() {
            if let Some(t) = line.strip_prefix('[') {
                table = t.trim_end_matches(']').to_string();
                assert!(
                    SETTINGS_FILE.contains(&format!("[{table}]")),
                    "[{table}] is not in the settings file"
                );
            } else if let Some((key, value)) = line.split_once(" = ") {
                // An empty array of tables is documented as `# [[table.key]]`.
                if value == "[]" && SETTINGS_FILE.contains(&format!("# [[{table}.{key}]]")) {
                    continue;
                }
                let section = SETTINGS_FILE
                    .split(&format!("[{table}]"))
                    .nth(1)
                    .unwrap_or_default();
                assert!(
                    section.contains(&format!("# {key} = ")),
                    "{table}.{key} is not documented in the settings file"
                );
            }
        }
    }

    #[test]
    fn the_defaults_in_the_settings_file_are_the_real_defaults() {
        let d = Settings::default();
        for (key, value) in [
            ("jamforelsear", d.rapport.jamforelsear.to_string()),
            ("minsta_antal", d.sekretess.minsta_antal.to_string()),
            ("titel", format!("\"{}\"", d.rapport.titel)),
            ("namnd", format!("\"{}\"", d.organisation.namnd)),
        ] {
            assert!(
                SETTINGS_FILE.contains(&format!("# {key} = {value}\n")),
                "{key} = {value}"
            );
        }
        let causes = toml::to_string(&d.kategorier).unwrap();
        let line = causes.lines().next().unwrap();
        assert!(SETTINGS_FILE.contains(&format!("# {line}\n")), "{line}");
    }
}
