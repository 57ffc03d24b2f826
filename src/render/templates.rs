//! The Tera environment: the default templates embedded from `report-templates/`, overrides
//! from a folder file by file, and the filters and functions templates may use. Errors come
//! out in Swedish with the template's name, line and column.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Result, anyhow, bail};
use tera::{Context, ErrorKind, Kwargs, State, Tera, Value};

use super::{markdown, phrases};
use crate::base::format;
use crate::compute::Ratio;
use crate::compute::figures::{Named, Pair};
use crate::text::suggest;

/// The default templates, embedded at build time: (name, source).
pub const DEFAULTS: &[(&str, &str)] = &[
    (
        "rapport.md",
        include_str!("../../report-templates/rapport.md"),
    ),
    (
        "avsnitt/sammanfattning.md",
        include_str!("../../report-templates/avsnitt/sammanfattning.md"),
    ),
    (
        "avsnitt/inledning.md",
        include_str!("../../report-templates/avsnitt/inledning.md"),
    ),
    (
        "avsnitt/ledningssystem.md",
        include_str!("../../report-templates/avsnitt/ledningssystem.md"),
    ),
    (
        "avsnitt/rapporter.md",
        include_str!("../../report-templates/avsnitt/rapporter.md"),
    ),
    (
        "avsnitt/avvikelser.md",
        include_str!("../../report-templates/avsnitt/avvikelser.md"),
    ),
    (
        "avsnitt/lex_sarah.md",
        include_str!("../../report-templates/avsnitt/lex_sarah.md"),
    ),
    (
        "avsnitt/orsaker.md",
        include_str!("../../report-templates/avsnitt/orsaker.md"),
    ),
    (
        "avsnitt/handlaggning.md",
        include_str!("../../report-templates/avsnitt/handlaggning.md"),
    ),
    (
        "avsnitt/klagomal.md",
        include_str!("../../report-templates/avsnitt/klagomal.md"),
    ),
    (
        "avsnitt/personuppgiftsincidenter.md",
        include_str!("../../report-templates/avsnitt/personuppgiftsincidenter.md"),
    ),
    (
        "avsnitt/egenkontroll.md",
        include_str!("../../report-templates/avsnitt/egenkontroll.md"),
    ),
    (
        "avsnitt/samverkan.md",
        include_str!("../../report-templates/avsnitt/samverkan.md"),
    ),
    (
        "avsnitt/brukarundersokning.md",
        include_str!("../../report-templates/avsnitt/brukarundersokning.md"),
    ),
    (
        "avsnitt/indikatorer.md",
        include_str!("../../report-templates/avsnitt/indikatorer.md"),
    ),
    (
        "avsnitt/bedomning.md",
        include_str!("../../report-templates/avsnitt/bedomning.md"),
    ),
    (
        "avsnitt/fortsatt_arbete.md",
        include_str!("../../report-templates/avsnitt/fortsatt_arbete.md"),
    ),
    (
        "avsnitt/underlag.md",
        include_str!("../../report-templates/avsnitt/underlag.md"),
    ),
    (
        "bilaga.md",
        include_str!("../../report-templates/bilaga.md"),
    ),
    (
        "standardtext/sammanfattning.md",
        include_str!("../../report-templates/standardtext/sammanfattning.md"),
    ),
    (
        "standardtext/ledningssystem.md",
        include_str!("../../report-templates/standardtext/ledningssystem.md"),
    ),
    (
        "standardtext/egenkontroll.md",
        include_str!("../../report-templates/standardtext/egenkontroll.md"),
    ),
    (
        "standardtext/samverkan.md",
        include_str!("../../report-templates/standardtext/samverkan.md"),
    ),
    (
        "standardtext/bedomning.md",
        include_str!("../../report-templates/standardtext/bedomning.md"),
    ),
    (
        "standardtext/fortsatt_arbete.md",
        include_str!("../../report-templates/standardtext/fortsatt_arbete.md"),
    ),
    (
        "sida.html",
        include_str!("../../report-templates/sida.html"),
    ),
];

/// The template sources to use: the defaults, with any file of the same relative name in
/// `dir` replacing its default. A file in `dir` that replaces nothing is an error (a typo in
/// a file name must not be silently ignored).
pub fn sources(dir: Option<&Path>) -> Result<Vec<(String, String)>> {
    let mut out: Vec<(String, String)> = DEFAULTS
        .iter()
        .map(|(n, s)| (n.to_string(), s.to_string()))
        .collect();
    let Some(dir) = dir else { return Ok(out) };
    if !dir.is_dir() {
        return Err(
            crate::base::UsageError(format!("mallmappen {} finns inte", dir.display())).into(),
        );
    }
    for path in walk(dir)? {
        let rel = path
            .strip_prefix(dir)
            .expect("walked below dir")
            .to_string_lossy()
            .replace('\\', "/");
        match out.iter_mut().find(|(n, _)| *n == rel) {
            Some(slot) => {
                slot.1 = std::fs::read_to_string(&path).map_err(|e| {
                    anyhow!(
                        "mallen {rel} kan inte läsas: {}",
                        crate::ingest::io_reason(&e)
                    )
                })?;
            }
            None => {
                let hint = suggest(&rel, DEFAULTS.iter().map(|(n, _)| *n))
                    .map(|s| format!("; menade du \"{s}\"?"))
                    .unwrap_or_default();
                bail!(
                    "mallen {rel} i {} ersätter ingen standardmall{hint}",
                    dir.display()
                );
            }
        }
    }
    Ok(out)
}

fn walk(dir: &Path) -> Result<Vec<std::path::PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d)? {
            let path = entry?.path();
            let hidden = path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'));
            if hidden {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Builds the environment for one report: `tables` maps each table key to its number. Charts
/// find no table here; [`super::render`] registers `diagram` with the report's tables.
pub fn environment(sources: &[(String, String)], tables: BTreeMap<String, usize>) -> Result<Tera> {
    environment_with(sources, tables, |tera| {
        super::diagram::register(tera, std::sync::Arc::default());
    })
}

/// [`environment`], with `extend` registering further functions before the templates are
/// parsed (Tera rejects a template that calls an unknown function).
pub fn environment_with(
    sources: &[(String, String)],
    tables: BTreeMap<String, usize>,
    extend: impl FnOnce(&mut Tera),
) -> Result<Tera> {
    let mut tera = Tera::new();
    extend(&mut tera);
    tera.register_function(
        "tabell",
        move |kwargs: Kwargs, state: &State| -> tera::TeraResult<String> {
            let key: &str = kwargs.must_get("id")?;
            match tables.get(key) {
                // In the HTML pass the reference links to the table.
                Some(n) if state.get::<bool>("html")?.unwrap_or(false) => {
                    Ok(format!("[tabell {n}](#{})", super::html::table_anchor(*n)))
                }
                Some(n) => Ok(format!("tabell {n}")),
                None => {
                    let hint = suggest(key, tables.keys().map(String::as_str))
                        .map(|s| format!("; menade du \"{s}\"?"))
                        .unwrap_or_default();
                    Err(tera::Error::message(format!(
                        "okänd tabellnyckel \"{key}\"{hint}"
                    )))
                }
            }
        },
    );
    tera.register_filter("tal", |v: Value, _: Kwargs, state: &State| -> String {
        match v.as_i64() {
            Some(n) => format::int(n),
            None => absent(state).to_string(),
        }
    });
    tera.register_filter(
        "procent",
        |v: Value, kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
            let decimals: u32 = kwargs.get("decimaler")?.unwrap_or(0);
            Ok(ratio(&v).map_or_else(
                || format::MISSING.to_string(),
                |r| format::percent(r, decimals),
            ))
        },
    );
    tera.register_filter("dagar", |v: Value, _: Kwargs, _: &State| -> String {
        ratio(&v).map_or_else(|| format::MISSING.to_string(), |r| format::decimal(r, 0))
    });
    tera.register_filter(
        "forandring",
        |v: Value, kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
            let pair = Pair::deserialize_from(v)?;
            let year: Option<i64> = kwargs.get("ar")?;
            Ok(phrases::change(pair, year))
        },
    );
    tera.register_filter(
        "lista",
        |v: Value, kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
            let items: Vec<Named> = serde::Deserialize::deserialize(v)
                .map_err(|e| tera::Error::message(e.to_string()))?;
            let n: usize = kwargs.get("antal")?.unwrap_or(3);
            Ok(phrases::list(
                &items,
                n,
                kwargs.get("gemener")?.unwrap_or(false),
            ))
        },
    );
    tera.register_filter(
        "antal",
        |v: Value, kwargs: Kwargs, state: &State| -> tera::TeraResult<String> {
            let one: &str = kwargs.must_get("en")?;
            let many: &str = kwargs.must_get("flera")?;
            Ok(match v.as_i64() {
                None => format!("{} {many}", absent(state)),
                n => phrases::count(n, one, many),
            })
        },
    );
    tera.register_filter("md", |v: Value, _: Kwargs, _: &State| -> String {
        markdown::escape(
            &v.as_str()
                .map(str::to_string)
                .unwrap_or_else(|| v.to_string()),
        )
    });
    tera.add_raw_templates(sources.iter().map(|(n, s)| (n.as_str(), s.as_str())))
        .map_err(|e| template_error(&e, sources))?;
    Ok(tera)
}

impl Pair {
    fn deserialize_from(v: Value) -> tera::TeraResult<Pair> {
        #[derive(serde::Deserialize)]
        struct P {
            ar: Option<i64>,
            fg: Option<i64>,
        }
        let p: P = serde::Deserialize::deserialize(v)
            .map_err(|e| tera::Error::message(format!("väntade ett värdepar (ar, fg): {e}")))?;
        Ok(Pair { ar: p.ar, fg: p.fg })
    }
}

/// How a count without a value reads in the text: in the report of a part of the organisation
/// (`del`) a figure is absent only because the confidentiality rule hides it (".."); otherwise
/// it is missing from the data ("–").
fn absent(state: &State) -> &'static str {
    if state.get::<bool>("del").ok().flatten().unwrap_or(false) {
        format::SUPPRESSED
    } else {
        format::MISSING
    }
}

/// A ratio serialized as `{num, den}`, or a plain number.
fn ratio(v: &Value) -> Option<Ratio> {
    if let Some(m) = v.as_map() {
        let get = |k: &str| {
            m.iter()
                .find(|(key, _)| key.as_str() == Some(k))
                .and_then(|(_, v)| v.as_i128())
        };
        return Ratio::new(get("num")?, get("den")?);
    }
    v.as_i64().map(Ratio::int)
}

/// Renders `name` with `ctx`.
pub fn render(
    tera: &Tera,
    name: &str,
    ctx: &Context,
    sources: &[(String, String)],
) -> Result<String> {
    tera.render(name, ctx)
        .map_err(|e| template_error(&e, sources))
}

/// A Tera error in Swedish: template, line, column, the line itself with a caret, and why.
pub fn template_error(err: &tera::Error, sources: &[(String, String)]) -> anyhow::Error {
    let (file, line_no, col, message, what) = match err.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => {
            let what = if matches!(err.kind(), ErrorKind::SyntaxError(_)) {
                "har ett syntaxfel"
            } else {
                "kunde inte fyllas i"
            };
            let span = r.span();
            (
                r.filename().to_string(),
                span.start_line,
                span.start_col,
                r.message().to_string(),
                what,
            )
        }
        // Unknown filters and functions come as Tera's own report text:
        // "error: MESSAGE\n --> FILE:LINE:COL\n…".
        ErrorKind::Msg(text) => match parse_report(text) {
            Some((file, line, col, message)) => (file, line, col, message, "har ett fel"),
            None => return anyhow!("mallfel: {err}"),
        },
        _ => return anyhow!("mallfel: {err}"),
    };
    // The controller's own text files are templates too, but not called so.
    let noun = if file.starts_with("text/") {
        "texten"
    } else {
        "mallen"
    };
    let line = sources
        .iter()
        .find(|(n, _)| *n == file)
        .and_then(|(_, s)| s.lines().nth(line_no.saturating_sub(1)))
        .unwrap_or("");
    let caret = format!("{}^", " ".repeat(line.chars().take(col).count()));
    anyhow!(
        "{noun} {what}: {file} rad {line_no}, kolumn {}: {}\n    {line}\n    {caret}",
        col + 1,
        swedish(&message)
    )
}

/// The file, line, 0-based column and message of Tera's textual error report.
fn parse_report(text: &str) -> Option<(String, usize, usize, String)> {
    let message = text.lines().next()?.strip_prefix("error: ")?.to_string();
    let at = text
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("--> "))?;
    let mut parts = at.rsplitn(3, ':');
    let col: usize = parts.next()?.trim().parse().ok()?;
    let line: usize = parts.next()?.trim().parse().ok()?;
    let file = parts.next()?.to_string();
    Some((file, line, col.saturating_sub(1), message))
}

/// Tera's most common messages in Swedish, with a suggestion for a misspelt filter or
/// function; other messages are kept as they are.
fn swedish(message: &str) -> String {
    let quoted = |prefix: &str| {
        message
            .strip_prefix(prefix)
            .and_then(|rest| rest.split('`').next())
            .map(str::to_string)
    };
    let hint = |name: &str, known: &[&str]| {
        suggest(name, known.iter().copied())
            .map(|s| format!("; menade du \"{s}\"?"))
            .unwrap_or_default()
    };
    if let Some(name) = quoted("Unknown filter `") {
        return format!("okänt filter \"{name}\"{}", hint(&name, FILTERS));
    }
    if let Some(name) = quoted("Unknown function `") {
        return format!("okänd funktion \"{name}\"{}", hint(&name, FUNCTIONS));
    }
    if let Some(name) = quoted("Variable `") {
        return format!("variabeln \"{name}\" finns inte (se README om variablerna)");
    }
    if let Some(name) = quoted("Missing keyword argument `") {
        return format!("argumentet \"{name}\" saknas");
    }
    if let Some(rest) = message.strip_prefix("Found ")
        && let Some((found, expected)) = rest.split_once(" but expected ")
    {
        return format!(
            "hittade {found} men väntade {}",
            expected.trim_end_matches('.')
        );
    }
    if message == "Unexpected end of input" {
        return "filen slutar mitt i ett uttryck (saknas }} eller {% endif %}?)".to_string();
    }
    message.to_string()
}

/// The filters and functions the project registers, for suggestions.
const FILTERS: &[&str] = &[
    "tal",
    "procent",
    "dagar",
    "forandring",
    "lista",
    "antal",
    "md",
];
const FUNCTIONS: &[&str] = &["tabell", "diagram"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn teras_reports_of_unknown_names_are_located_and_swedish() {
        let sources = vec![(
            "text/a.md".to_string(),
            "Rad 1\nA {{ 3 | tall }}\n".to_string(),
        )];
        let err = environment(&sources, BTreeMap::new())
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "texten har ett fel: text/a.md rad 2, kolumn 10: okänt filter \"tall\"; menade du \"tal\"?\n    A {{ 3 | tall }}\n             ^"
        );
        let sources = vec![(
            "avsnitt/x.md".to_string(),
            "{{ tabel(id=\"a\") }}".to_string(),
        )];
        let err = environment(&sources, BTreeMap::new())
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("mallen har ett fel: avsnitt/x.md rad 1, kolumn 4: okänd funktion \"tabel\"; menade du \"tabell\"?"),
            "{err}"
        );
    }

    #[test]
    fn common_tera_messages_read_in_swedish() {
        assert_eq!(
            swedish("Found `}` but expected }}."),
            "hittade `}` men väntade }}"
        );
        assert_eq!(
            swedish("Missing keyword argument `en`"),
            "argumentet \"en\" saknas"
        );
        assert!(
            swedish("Variable `x` is not defined. Available variables: a")
                .starts_with("variabeln \"x\" finns inte")
        );
        assert_eq!(swedish("Something else"), "Something else");
    }
}
