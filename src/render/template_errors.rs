//! Tera's errors in Swedish: the template's name, line and column, the line itself with a
//! caret, and why, with "menade du …?" for a misspelt filter or function. Never shows data.

use crate::text::suggest;
use anyhow::anyhow;
use tera::ErrorKind;

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
    // A Word text's lines are those of its Markdown; the line shown says where.
    let converted = if file.ends_with(".docx") {
        " (i texten omvandlad från Word)"
    } else {
        ""
    };
    anyhow!(
        "{noun} {what}: {file} rad {line_no}, kolumn {}{converted}: {}\n    {line}\n    {caret}",
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

/// Tera's messages in Swedish, with a suggestion for a misspelt filter, function, variable or
/// field; a message not known here is kept, marked as the template engine's own.
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
    // "… Available fields: a, b" / "Available variables: a, b": the names that exist.
    let available = |marker: &str| -> Vec<&str> {
        message
            .split_once(marker)
            .map(|(_, list)| {
                list.split(',')
                    .map(str::trim)
                    .filter(|n| !n.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    };
    if let Some(name) = quoted("Unknown filter `").or_else(|| quoted("Filter `")) {
        return format!("okänt filter \"{name}\"{}", hint(&name, FILTERS));
    }
    if let Some(name) = quoted("Unknown function `").or_else(|| quoted("Function `"))
        && !message.contains("range")
    {
        return format!("okänd funktion \"{name}\"{}", hint(&name, FUNCTIONS));
    }
    if let Some(name) = quoted("Variable `") {
        if message.contains("exists but its value is undefined") {
            return format!("variabeln \"{name}\" har inget värde här");
        }
        let known = available("Available variables:");
        return format!(
            "variabeln \"{name}\" finns inte{} (kvalitet hjälp mallar listar variablerna)",
            hint(&name, &known)
        );
    }
    if let Some(name) = quoted("Field `") {
        let known = available("Available fields:");
        let list = if known.is_empty() {
            String::new()
        } else {
            format!(" (fälten som finns: {})", known.join(", "))
        };
        return format!("fältet \"{name}\" finns inte{}{list}", hint(&name, &known));
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
    if let Some(name) = message
        .strip_prefix("Template '")
        .and_then(|r| r.strip_suffix("' not found"))
    {
        return format!("mallen \"{name}\" finns inte");
    }
    if let Some(what) = quoted("Math operations can only be done on numbers, found `") {
        return format!("räkning går bara med tal, inte med {}", kind(&what));
    }
    if let Some(what) = quoted("This filter can only be used on a number, received `") {
        return format!("filtret tar bara tal, inte {}", kind(&what));
    }
    let fixed: &[(&str, &str)] = &[
        (
            "Unexpected end of input",
            "filen slutar mitt i ett uttryck (saknas }} eller {% endif %}?)",
        ),
        (
            "Tried to render a variable that is undefined",
            "ett värde som saknas kan inte skrivas ut",
        ),
        (
            "Cannot index into an undefined value",
            "ett värde som saknas har inga fält",
        ),
        ("Index expression is undefined", "indexet saknar värde"),
        ("Unknown tag", "okänd tagg mellan {% och %}"),
        ("Unexpected character", "oväntat tecken"),
    ];
    if let Some((_, sv)) = fixed.iter().find(|(en, _)| message.starts_with(en)) {
        return (*sv).to_string();
    }
    // Messages of our own filters and functions are Swedish already (and start in lower case).
    if message.starts_with(|c: char| c.is_ascii_uppercase()) {
        format!("mallmotorn säger: {message}")
    } else {
        message.to_string()
    }
}

/// A Tera type name in Swedish.
fn kind(tera_type: &str) -> &'static str {
    match tera_type {
        "string" | "String" => "text",
        "array" | "Array" => "en lista",
        "map" | "Map" => "en tabell av fält",
        "bool" | "Bool" => "sant eller falskt",
        "none" | "None" | "undefined" | "Undefined" => "ett värde som saknas",
        _ => "det värdet",
    }
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
const FUNCTIONS: &[&str] = &["tabell", "diagram", "trenddiagram"];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::templates::environment;
    use std::collections::BTreeMap;

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
        assert_eq!(
            swedish("Field `avvikelse` is not defined. Available fields: avvikelser, klagomal"),
            "fältet \"avvikelse\" finns inte; menade du \"avvikelser\"? (fälten som finns: avvikelser, klagomal)"
        );
        assert_eq!(
            swedish("Variable `arr` is not defined. Available variables: ar, f, org"),
            "variabeln \"arr\" finns inte; menade du \"ar\"? (kvalitet hjälp mallar listar variablerna)"
        );
        assert_eq!(
            swedish("Filter `procnt` is not registered"),
            "okänt filter \"procnt\"; menade du \"procent\"?"
        );
        assert_eq!(
            swedish("Template 'avsnitt/x.md' not found"),
            "mallen \"avsnitt/x.md\" finns inte"
        );
        assert_eq!(
            swedish("Math operations can only be done on numbers, found `string`"),
            "räkning går bara med tal, inte med text"
        );
        assert_eq!(
            swedish("Tried to render a variable that is undefined"),
            "ett värde som saknas kan inte skrivas ut"
        );
        assert_eq!(
            swedish("Something else"),
            "mallmotorn säger: Something else"
        );
    }
}
