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
        assert_eq!(swedish("Something else"), "Something else");
    }
}
