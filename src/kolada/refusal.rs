//! Kolada's 4xx answers as typed errors (refused as too large, or 404), each with Kolada's own
//! explanation from the body, so callers can split a query or skip it with a warning.

/// Kolada refused a request as malformed or too large (400, 414 or 422).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    pub status: u16,
    pub url: String,
    /// Kolada's own explanation (`detail`, `message` or `error` of the body), if any.
    pub detail: Option<String>,
}

impl std::fmt::Display for Rejected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Kolada avvisade frågan {} ({}{}): kontrollera id:na och åren",
            self.url,
            self.status,
            said(self.detail.as_deref())
        )
    }
}

impl std::error::Error for Rejected {}

/// Kolada answered 404: it has nothing at this address (for data, no values for these ids).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotFound {
    pub url: String,
    pub detail: Option<String>,
}

impl std::fmt::Display for NotFound {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Kolada hittade inte {} (404{}): kontrollera --bas-url och id:na",
            self.url,
            said(self.detail.as_deref())
        )
    }
}

impl std::error::Error for NotFound {}

/// `: Kolada says "…"` for a message, nothing without a detail.
pub fn said(detail: Option<&str>) -> String {
    detail.map_or_else(String::new, |d| format!(", Kolada säger: \"{d}\""))
}

/// Kolada's explanation in an error body: `detail`, `message` or `error` (a text, or the
/// first text of a list), on one line and at most 200 characters.
pub fn error_detail(body: &str) -> Option<String> {
    let json: serde_json::Value = serde_json::from_str(body).ok()?;
    let field = ["detail", "message", "error"]
        .iter()
        .find_map(|k| json.get(*k).filter(|v| !v.is_null()))?;
    let text = match field {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(items) => items
            .iter()
            .find_map(|i| i.get("msg").or(Some(i)).and_then(|m| m.as_str()))?
            .to_string(),
        other => other.to_string(),
    };
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut short: String = line.chars().take(200).collect();
    if short.len() < line.len() {
        short.push('…');
    }
    (!short.is_empty()).then_some(short)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kolada_error_text_is_taken_from_detail_message_or_error() {
        assert_eq!(
            error_detail(r#"{"detail": "Not Found"}"#).as_deref(),
            Some("Not Found")
        );
        assert_eq!(
            error_detail(r#"{"detail": [{"msg": "value is not a valid id"}]}"#).as_deref(),
            Some("value is not a valid id")
        );
        assert_eq!(
            error_detail(r#"{"message": "bad\n request"}"#).as_deref(),
            Some("bad request")
        );
        assert_eq!(error_detail("<html>"), None);
        assert_eq!(
            error_detail(&format!(r#"{{"error": "{}"}}"#, "x".repeat(300)))
                .unwrap()
                .chars()
                .count(),
            201
        );
    }
}
