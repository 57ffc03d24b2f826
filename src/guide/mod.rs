//! The user guide, built into the program (`kvalitet hjälp <ämne>`): one Markdown file per topic
//! in this folder, and the settings reference as one TOML file per section of `kvalitet.toml` in
//! `installningar/`, each a valid example that the tests parse with the real parser. Holds text
//! only; printing is `cmd::hjalp`'s job.
//!
//! To add to the guide: a new topic is a file here plus a line in [`TOPICS`]; a new settings
//! section is a file in `installningar/` plus a line in [`SETTINGS`]; a new key is a line (with
//! its comment) in its section's file. The tests fail until every key of `Settings` is there.

use crate::text::fold;

/// One topic of the guide.
#[derive(Debug, Clone, Copy)]
pub struct Topic {
    /// What the user types after `kvalitet hjälp` (folded: `installningar` works too).
    pub name: &'static str,
    /// One line for the list of topics.
    pub about: &'static str,
    /// The topic's Markdown; empty for the settings reference, which is put together.
    text: &'static str,
}

const fn topic(name: &'static str, about: &'static str, text: &'static str) -> Topic {
    Topic { name, about, text }
}

/// Every topic, in the order `kvalitet hjälp` lists them.
pub const TOPICS: &[Topic] = &[
    topic(
        "rapport",
        "skriva berättelsen: report, check och spåra, format, svenska talkonventioner",
        include_str!("rapport.md"),
    ),
    topic(
        "text",
        "egen text i mappen text/, kvalitet init och avsnittens filnamn",
        include_str!("text.md"),
    ),
    topic(
        "tabeller",
        "bilagans tabeller och deras nycklar för tabell(id=…)",
        include_str!("tabeller.md"),
    ),
    topic(
        "register",
        "datamappen och registret över rapporter: kolumnerna och vad de betyder",
        include_str!("register.md"),
    ),
    topic(
        "brukarundersokning",
        "brukarundersökningar: filerna, tabellerna och beräkningarna",
        include_str!("brukarundersokning.md"),
    ),
    topic(
        "listor",
        "ej verkställda beslut, egenkontroller och IVO:s tillsyn: filerna och tabellerna",
        include_str!("listor.md"),
    ),
    topic(
        "nyckeltal",
        "nyckeltal ur Kolada och egen statistik i berättelsen",
        include_str!("nyckeltal.md"),
    ),
    topic(
        "kolada",
        "hämta nyckeltal och kommuner från Kolada",
        include_str!("kolada.md"),
    ),
    topic(
        "indikator",
        "sök, visa och importera nyckeltal i terminalen",
        include_str!("indikator.md"),
    ),
    topic(
        "export",
        "schemalagd export av tabellerna, utmappen och slutkoderna",
        include_str!("export.md"),
    ),
    topic(
        "filformat",
        "kalkylblad, CSV och datum",
        include_str!("filformat.md"),
    ),
    topic(
        "validering",
        "fynden: varningar, avvisade rader och fel",
        include_str!("validering.md"),
    ),
    topic(
        "sekretess",
        "små tal som döljs, och personuppgifter i underlaget",
        include_str!("sekretess.md"),
    ),
    topic(
        "inställningar",
        "kvalitet.toml: alla nycklar med standardvärden och exempel",
        "",
    ),
    topic(
        "mallar",
        "berättelsens mallar, variabler och filter",
        include_str!("mallar.md"),
    ),
    topic(
        "installation",
        "bygga och installera programmet",
        include_str!("installation.md"),
    ),
];

/// The settings reference: one valid example per section of `kvalitet.toml`, in order.
pub const SETTINGS: &[(&str, &str)] = &[
    (
        "organisation",
        include_str!("installningar/organisation.toml"),
    ),
    ("rapport", include_str!("installningar/rapport.toml")),
    ("kategorier", include_str!("installningar/kategorier.toml")),
    ("kolumner", include_str!("installningar/kolumner.toml")),
    ("typer", include_str!("installningar/typer.toml")),
    ("tabeller", include_str!("installningar/tabeller.toml")),
    ("verksamhet", include_str!("installningar/verksamhet.toml")),
    (
        "brukarundersokning",
        include_str!("installningar/brukarundersokning.toml"),
    ),
    (
        "indikatorer",
        include_str!("installningar/indikatorer.toml"),
    ),
    ("avsnitt", include_str!("installningar/avsnitt.toml")),
    ("sekretess", include_str!("installningar/sekretess.toml")),
    ("dokument", include_str!("installningar/dokument.toml")),
];

const SETTINGS_INTRO: &str = "# kvalitet.toml\n\n\
Inställningarna ligger i kvalitet.toml i datamappen. Alla nycklar är valfria, och utan filen gäller \
standardvärdena. En okänd nyckel är ett fel (med förslag vid stavfel); undantaget är nycklarna under \
[kolumner], där en okänd kolumn bara ger en varning. Exemplen visar alla nycklar, och standardvärdet \
står i kommentaren. Varje exempel läses av programmets egen tolk när det testas, så det stämmer med \
programmet.\n";

/// The topic called `name` (compared without case and accents), if there is one.
pub fn find(name: &str) -> Option<&'static Topic> {
    TOPICS.iter().find(|t| fold(t.name) == fold(name))
}

/// A topic's text: its Markdown, or for the settings reference every section's example.
pub fn text(topic: &Topic) -> String {
    if !topic.text.is_empty() {
        return topic.text.to_string();
    }
    let mut out = String::from(SETTINGS_INTRO);
    for (section, example) in SETTINGS {
        out.push_str(&format!("\n## [{section}]\n\n```toml\n{example}```\n"));
    }
    out
}

/// The list `kvalitet hjälp` prints.
pub fn list() -> String {
    let width = TOPICS
        .iter()
        .map(|t| t.name.chars().count())
        .max()
        .unwrap_or(0);
    let mut out = String::from(
        "Guiden till kvalitet. Skriv kvalitet hjälp <ämne> för att läsa ett ämne:\n\n",
    );
    for t in TOPICS {
        let pad = width - t.name.chars().count();
        out.push_str(&format!("  {}{}  {}\n", t.name, " ".repeat(pad), t.about));
    }
    out.push_str("\nKommandonas flaggor: kvalitet <kommando> --help.\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Settings;

    /// The fields serde expects at `path`, read from the error of an unknown key there; `None`
    /// when the table is a map with free keys (`[kolumner]`).
    fn fields(prefix: &str) -> Option<Vec<String>> {
        let probe = format!("{prefix}zzz_okand_nyckel = 1\n");
        let err = Settings::parse(&probe).expect_err("an unknown key is an error");
        let msg = err.message().to_string();
        let list = msg.split_once("expected one of ")?.1;
        Some(
            list.split(',')
                .map(|f| f.trim().trim_matches('`').to_string())
                .filter(|f| !f.is_empty())
                .collect(),
        )
    }

    #[test]
    fn every_example_in_the_settings_reference_is_read_by_the_real_parser() {
        for (section, example) in SETTINGS {
            if let Err(e) = Settings::parse(example) {
                panic!("installningar/{section}.toml: {e}");
            }
        }
        let all: String = SETTINGS.iter().map(|(_, e)| format!("{e}\n")).collect();
        Settings::parse(&all).expect("the sections together are one valid kvalitet.toml");
    }

    #[test]
    fn every_key_of_the_settings_is_in_the_reference() {
        let sections = fields("").expect("the top level has named sections");
        let documented: Vec<&str> = SETTINGS.iter().map(|(s, _)| *s).collect();
        assert_eq!(
            {
                let mut s = sections.clone();
                s.sort();
                s
            },
            {
                let mut d: Vec<String> = documented.iter().map(|s| s.to_string()).collect();
                d.sort();
                d
            },
            "every section of Settings has its file in installningar/, and no other"
        );
        for (section, example) in SETTINGS {
            let Some(keys) = fields(&format!("[{section}]\n")) else {
                continue;
            };
            for key in &keys {
                // An alias with Swedish letters (`mål` for `mal`) is the same key.
                if keys.iter().any(|k| k != key && fold(k) == fold(key)) && !key.is_ascii() {
                    continue;
                }
                let set = example
                    .lines()
                    .any(|l| l.trim_start().starts_with(&format!("{key} =")));
                let table = example.contains(&format!("[{section}.{key}"));
                assert!(
                    set || table,
                    "installningar/{section}.toml does not set {key}"
                );
            }
        }
    }

    #[test]
    fn topics_are_found_without_case_and_accents_and_none_is_empty() {
        assert_eq!(find("Inställningar").unwrap().name, "inställningar");
        assert_eq!(find("installningar").unwrap().name, "inställningar");
        assert_eq!(
            find("BRUKARUNDERSÖKNING").unwrap().name,
            "brukarundersokning"
        );
        assert!(find("okänt").is_none());
        for t in TOPICS {
            let text = text(t);
            assert!(text.starts_with("# "), "{}", t.name);
            assert!(text.lines().count() > 5, "{}", t.name);
            assert!(
                !text.contains("](#"),
                "{}: a link into the old README",
                t.name
            );
        }
    }

    #[test]
    fn the_list_names_every_topic() {
        let list = list();
        for t in TOPICS {
            assert!(list.contains(&format!("  {} ", t.name)), "{}", t.name);
        }
    }
}
