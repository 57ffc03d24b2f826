//! The small shared pieces of the HTML: escaping text, the marker lines the templates' HTML
//! pass leaves for tables and charts, and the anchors of tables. Imports nothing.

/// The marker the HTML pass writes in place of a table's Markdown.
pub fn table_marker(key: &str) -> String {
    format!("[[tabell:{key}]]")
}

/// The marker the HTML pass writes in place of chart number `n`.
pub fn chart_marker(n: usize) -> String {
    format!("[[diagram:{n}]]")
}

/// The in-page anchor of table number `n`.
pub fn table_anchor(n: usize) -> String {
    format!("tabell-{n}")
}

/// Escapes text for HTML element content and double-quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_neutralises_markup_and_attribute_quotes() {
        assert_eq!(
            escape(r#"<b a="x" b='y'>&amp;</b>"#),
            "&lt;b a=&quot;x&quot; b=&#39;y&#39;&gt;&amp;amp;&lt;/b&gt;"
        );
    }
}
