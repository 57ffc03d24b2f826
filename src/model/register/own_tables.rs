//! The organisation's own tables of the register (`[[tabeller]]` in kvalitet.toml), resolved
//! against the register's columns: rows and columns by any recognised column (its name, a
//! built-in alias or one from `[kolumner]`), år or månad, and a filter on any of them. A name
//! that is no such column is an error with "menade du …?".

use super::columns::{
    ASSESSMENT, DEPARTMENT, DIMS, EVENT_TYPE, IMY, IVO, KIND, LEX_SARAH, SPECS, UNIT,
};
use super::types::{aliases, parse_type};
use crate::model::{Assessment, CommentKind, Dim, Kind};
use crate::settings::{OwnRegisterTable, Settings};
use crate::text::{fold, suggest};

/// What a row, a column or a filter of an own table is by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Axis {
    Year,
    Month,
    Kind,
    Department,
    Unit,
    EventType,
    Assessment,
    Dim(Dim),
    LexSarah,
    Ivo,
    Imy,
}

impl Axis {
    /// The name as the table shows it.
    pub fn name(self) -> &'static str {
        match self {
            Axis::Year => "År",
            Axis::Month => "Månad",
            Axis::Dim(d) => d.name(),
            a => SPECS[a.spec().expect("a column")].name,
        }
    }

    fn spec(self) -> Option<usize> {
        Some(match self {
            Axis::Year | Axis::Month => return None,
            Axis::Kind => KIND,
            Axis::Department => DEPARTMENT,
            Axis::Unit => UNIT,
            Axis::EventType => EVENT_TYPE,
            Axis::Assessment => ASSESSMENT,
            Axis::Dim(d) => DIMS[d.index()],
            Axis::LexSarah => LEX_SARAH,
            Axis::Ivo => IVO,
            Axis::Imy => IMY,
        })
    }

    /// Whether its values describe the people behind few reports (as an enhet does), so the
    /// table's counts are protected.
    pub fn describes_people(self) -> bool {
        matches!(self, Axis::Department | Axis::Unit | Axis::Dim(_))
    }

    const ALL: [Axis; 13] = [
        Axis::Year,
        Axis::Month,
        Axis::Kind,
        Axis::Department,
        Axis::Unit,
        Axis::EventType,
        Axis::Assessment,
        Axis::Dim(Dim::Regi),
        Axis::Dim(Dim::Lagrum),
        Axis::Dim(Dim::Area),
        Axis::LexSarah,
        Axis::Ivo,
        Axis::Imy,
    ];
}

/// A filter value, read as far as the settings allow; text values are matched against the
/// register's values when the table is built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pick {
    Kind(Kind, Option<CommentKind>, bool),
    Assessment(Assessment),
    Yes,
    Month(u32),
    Year(i32),
    Text(String),
}

/// One own table, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnTable {
    /// Stable key: `egen_` and the title, folded.
    pub key: String,
    pub title: String,
    pub rows: Axis,
    pub columns: Axis,
    pub filter: Vec<(Axis, Pick)>,
    pub note: Option<String>,
}

/// The axis `name` means, or the error in Swedish.
fn axis(name: &str, settings: &Settings, what: &str) -> Result<Axis, String> {
    let f = fold(name);
    if f == "ar" {
        return Ok(Axis::Year);
    }
    if f == "manad" {
        return Ok(Axis::Month);
    }
    for a in Axis::ALL {
        let Some(i) = a.spec() else { continue };
        let spec = &SPECS[i];
        let own = settings
            .kolumner
            .iter()
            .filter(|(k, _)| fold(k) == fold(spec.name))
            .flat_map(|(_, v)| v.iter().map(String::as_str));
        if std::iter::once(spec.name)
            .chain(spec.aliases.iter().copied())
            .chain(own)
            .any(|n| fold(n) == f)
        {
            return Ok(a);
        }
    }
    let names: Vec<&str> = Axis::ALL.iter().map(|a| a.name()).collect();
    let hint = match suggest(name, names.iter().copied()) {
        Some(s) => format!("menade du \"{s}\"?"),
        None => format!("tillåtna: {}", names.join(", ")),
    };
    Err(format!(
        "{what}: \"{name}\" är ingen kolumn som en tabell kan delas efter ({hint})"
    ))
}

fn pick(axis: Axis, value: &str, settings: &Settings, what: &str) -> Result<Pick, String> {
    let bad = |allowed: String| {
        Err(format!(
            "{what}: \"{value}\" är inget värde för {} ({allowed})",
            axis.name()
        ))
    };
    match axis {
        Axis::Kind => match parse_type(value, &aliases(settings)) {
            Some((k, lex, c)) => Ok(Pick::Kind(k, c, lex)),
            None => bad(match suggest(value, super::types::type_words()) {
                Some(s) => format!("menade du \"{s}\"?"),
                None => format!("tillåtna: {}", super::types::type_words().join(", ")),
            }),
        },
        Axis::Assessment => match Assessment::parse(&fold(value)) {
            Some(a) => Ok(Pick::Assessment(a)),
            None => bad(match suggest(value, Assessment::ALL.map(|a| a.name())) {
                Some(s) => format!("menade du \"{s}\"?"),
                None => "se README".into(),
            }),
        },
        Axis::LexSarah | Axis::Ivo | Axis::Imy => match fold(value).as_str() {
            "ja" => Ok(Pick::Yes),
            _ => bad("bara Ja kan väljas".into()),
        },
        Axis::Month => match value.trim().parse::<u32>() {
            Ok(m) if (1..=12).contains(&m) => Ok(Pick::Month(m)),
            _ => bad("ett tal 1–12".into()),
        },
        Axis::Year => match value.trim().parse::<i32>() {
            Ok(y) => Ok(Pick::Year(y)),
            _ => bad("ett årtal".into()),
        },
        _ => Ok(Pick::Text(value.to_string())),
    }
}

fn key_of(title: &str) -> String {
    let mut key = String::from("egen");
    for word in fold(title).split(|c: char| !c.is_ascii_alphanumeric()) {
        if !word.is_empty() {
            key.push('_');
            key.push_str(word);
        }
    }
    key
}

fn resolve_one(n: usize, t: &OwnRegisterTable, settings: &Settings) -> Result<OwnTable, String> {
    let what = format!("kvalitet.toml, tabell {n} (\"{}\")", t.titel);
    let rows = axis(&t.rader, settings, &format!("{what}, rader"))?;
    let columns = axis(&t.kolumner, settings, &format!("{what}, kolumner"))?;
    if rows == columns {
        return Err(format!("{what}: rader och kolumner är samma kolumn"));
    }
    for (a, side) in [(rows, "rader"), (columns, "kolumner")] {
        if matches!(a, Axis::LexSarah | Axis::Ivo | Axis::Imy) {
            return Err(format!(
                "{what}, {side}: {} kan bara användas i filter (till exempel {} = \"Ja\")",
                a.name(),
                a.name()
            ));
        }
    }
    let mut filter = Vec::new();
    for (name, value) in &t.filter {
        let a = axis(name, settings, &format!("{what}, filter"))?;
        filter.push((a, pick(a, value, settings, &format!("{what}, filter"))?));
    }
    Ok(OwnTable {
        key: key_of(&t.titel),
        title: t.titel.clone(),
        rows,
        columns,
        filter,
        note: t.anmarkning.clone(),
    })
}

/// The own tables of `settings`, or every error in them (each a sentence in Swedish).
pub fn own_tables(settings: &Settings) -> Result<Vec<OwnTable>, Vec<String>> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (i, t) in settings.tabeller.iter().enumerate() {
        match resolve_one(i + 1, t, settings) {
            Ok(t) if out.iter().any(|o: &OwnTable| o.key == t.key) => errors.push(format!(
                "kvalitet.toml, tabell {}: titeln \"{}\" finns redan; varje egen tabell behöver en egen titel",
                i + 1,
                t.title
            )),
            Ok(t) => out.push(t),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(toml: &str) -> Result<Vec<OwnTable>, Vec<String>> {
        own_tables(&Settings::parse(toml).unwrap())
    }

    #[test]
    fn names_and_aliases_of_any_recognised_column_resolve() {
        let t = resolve(
            "[kolumner]\nRegi = [\"Driftsansvar\"]\n[[tabeller]]\ntitel = \"Lex Sarah per lag och regi\"\nrader = \"Lagstöd\"\nkolumner = \"driftsansvar\"\nfilter = { Typ = \"Lex Sarah\", \"Anmäld till IVO\" = \"Ja\" }\nanmarkning = \"Egen.\"\n",
        )
        .unwrap();
        assert_eq!(
            t,
            vec![OwnTable {
                key: "egen_lex_sarah_per_lag_och_regi".into(),
                title: "Lex Sarah per lag och regi".into(),
                rows: Axis::Dim(Dim::Lagrum),
                columns: Axis::Dim(Dim::Regi),
                filter: vec![
                    (Axis::Ivo, Pick::Yes),
                    (Axis::Kind, Pick::Kind(Kind::Deviation, None, true)),
                ],
                note: Some("Egen.".into()),
            }]
        );
    }

    #[test]
    fn columns_default_to_years_and_month_is_an_axis() {
        let t = resolve("[[tabeller]]\ntitel = \"Per månad\"\nrader = \"Månad\"\n").unwrap();
        assert_eq!((t[0].rows, t[0].columns), (Axis::Month, Axis::Year));
    }

    #[test]
    fn a_wrong_column_name_says_what_was_meant() {
        let e = resolve("[[tabeller]]\ntitel = \"X\"\nrader = \"Lagrumm\"\nkolumner = \"Regi\"\nfilter = { Typ = \"Avvikelsee\" }\n")
            .unwrap_err();
        assert_eq!(
            e,
            vec![
                "kvalitet.toml, tabell 1 (\"X\"), rader: \"Lagrumm\" är ingen kolumn som en tabell kan delas efter (menade du \"Lagrum\"?)"
            ]
        );
        let e = resolve(
            "[[tabeller]]\ntitel = \"X\"\nrader = \"Regi\"\nfilter = { Typ = \"Avvikelsee\" }\n",
        )
        .unwrap_err();
        assert_eq!(
            e,
            vec![
                "kvalitet.toml, tabell 1 (\"X\"), filter: \"Avvikelsee\" är inget värde för Typ (menade du \"Avvikelse\"?)"
            ]
        );
        let e = resolve("[[tabeller]]\ntitel = \"X\"\nrader = \"Id\"\n").unwrap_err();
        assert!(
            e[0].contains("\"Id\" är ingen kolumn som en tabell kan delas efter"),
            "{e:?}"
        );
    }
}
