//! A plain grid of cells (headers, rows) rendered for the terminal: an aligned comfy-table,
//! CSV (`;`, decimal comma, full precision), JSON (one object per row, numbers as numbers,
//! `null` for missing) or Markdown. Used by `kvalitet indikator`; knows no indicator.

use comfy_table::{CellAlignment, ContentArrangement, Table, presets};

use crate::base::format::{self, MISSING};

/// How terminal output is written (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GridFormat {
    Table,
    Csv,
    Json,
    Markdown,
}

impl GridFormat {
    /// Reads `tabell`, `csv`, `json` or `md` (also `markdown`, `table`); the error is Swedish.
    pub fn parse(s: &str) -> Result<GridFormat, String> {
        match s.trim().to_lowercase().as_str() {
            "tabell" | "table" => Ok(GridFormat::Table),
            "csv" => Ok(GridFormat::Csv),
            "json" => Ok(GridFormat::Json),
            "md" | "markdown" => Ok(GridFormat::Markdown),
            other => Err(format!(
                "okänt format \"{other}\" (tillåtna: tabell, csv, json, md)"
            )),
        }
    }
}

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// A value shown with `decimals` places; `None` is missing ("–").
    Number {
        value: Option<f64>,
        decimals: u32,
    },
    /// Nothing to show: "–" for a reader, empty in CSV, `null` in JSON.
    Empty,
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    /// As shown to a reader: Swedish number formatting, "–" for missing.
    pub fn display(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Number {
                value: Some(v),
                decimals,
            } => format::number(*v, *decimals),
            Cell::Number { value: None, .. } | Cell::Empty => MISSING.to_string(),
        }
    }

    /// For CSV: full precision with a decimal comma, empty when missing.
    fn csv(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Number { value: Some(v), .. } => format!("{v}").replace('.', ","),
            Cell::Number { value: None, .. } | Cell::Empty => String::new(),
        }
    }

    fn json(&self) -> serde_json::Value {
        match self {
            Cell::Text(s) => serde_json::Value::String(s.clone()),
            Cell::Number { value: Some(v), .. } => serde_json::json!(v),
            Cell::Number { value: None, .. } | Cell::Empty => serde_json::Value::Null,
        }
    }

    fn is_number(&self) -> bool {
        matches!(self, Cell::Number { .. })
    }
}

/// Headers and rows; every row has one cell per header.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Grid {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Grid {
    pub fn new(headers: Vec<String>) -> Grid {
        Grid {
            headers,
            rows: Vec::new(),
        }
    }

    /// Whether column `i` holds numbers (right-aligned).
    fn numeric(&self, i: usize) -> bool {
        self.rows
            .iter()
            .any(|r| r.get(i).is_some_and(Cell::is_number))
    }

    /// An aligned table with box-drawing borders; numbers right-aligned.
    pub fn to_table(&self) -> String {
        let mut t = Table::new();
        t.load_style(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Disabled)
            .set_header(self.headers.clone());
        for row in &self.rows {
            t.add_row(row.iter().map(Cell::display));
        }
        for i in 0..self.headers.len() {
            if self.numeric(i)
                && let Some(col) = t.column_mut(i)
            {
                col.set_cell_alignment(CellAlignment::Right);
            }
        }
        format!("{t}\n")
    }

    /// `;`-separated, as Swedish Excel reads it.
    pub fn to_csv(&self) -> String {
        let mut w = csv::WriterBuilder::new()
            .delimiter(b';')
            .from_writer(Vec::new());
        let _ = w.write_record(&self.headers);
        for row in &self.rows {
            let _ = w.write_record(row.iter().map(Cell::csv));
        }
        String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
    }

    /// One JSON object per row, keyed by header.
    pub fn to_json_rows(&self) -> Vec<serde_json::Value> {
        self.rows
            .iter()
            .map(|row| {
                let map: serde_json::Map<String, serde_json::Value> = self
                    .headers
                    .iter()
                    .cloned()
                    .zip(row.iter().map(Cell::json))
                    .collect();
                serde_json::Value::Object(map)
            })
            .collect()
    }

    /// A Markdown (GFM) table, numbers right-aligned.
    pub fn to_markdown(&self) -> String {
        let esc = |s: &str| s.replace('|', "\\|");
        let mut out = format!(
            "| {} |\n|{}|\n",
            self.headers
                .iter()
                .map(|h| esc(h))
                .collect::<Vec<_>>()
                .join(" | "),
            (0..self.headers.len())
                .map(|i| if self.numeric(i) { "--:" } else { ":--" })
                .collect::<Vec<_>>()
                .join("|")
        );
        for row in &self.rows {
            let cells: Vec<String> = row.iter().map(|c| esc(&c.display())).collect();
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid() -> Grid {
        let mut g = Grid::new(vec!["Kommun".into(), "2021".into(), "2022".into()]);
        g.rows.push(vec![
            Cell::text("Håbo"),
            Cell::Number {
                value: Some(1234.5),
                decimals: 1,
            },
            Cell::Number {
                value: None,
                decimals: 1,
            },
        ]);
        g.rows.push(vec![
            Cell::text("Riket | alla"),
            Cell::Number {
                value: Some(-2.25),
                decimals: 1,
            },
            Cell::Number {
                value: Some(13.0),
                decimals: 1,
            },
        ]);
        g
    }

    #[test]
    fn csv_has_semicolons_decimal_commas_full_precision_and_empty_missing() {
        assert_eq!(
            grid().to_csv(),
            "Kommun;2021;2022\nHåbo;1234,5;\nRiket | alla;-2,25;13\n"
        );
    }

    #[test]
    fn json_has_numbers_and_null() {
        let rows = grid().to_json_rows();
        assert_eq!(
            rows,
            vec![
                serde_json::json!({"Kommun": "Håbo", "2021": 1234.5, "2022": null}),
                serde_json::json!({"Kommun": "Riket | alla", "2021": -2.25, "2022": 13.0}),
            ]
        );
    }

    #[test]
    fn markdown_is_swedish_formatted_and_right_aligned() {
        assert_eq!(
            grid().to_markdown(),
            "| Kommun | 2021 | 2022 |\n|:--|--:|--:|\n| Håbo | 1\u{a0}234,5 | – |\n| Riket \\| alla | \u{2212}2,3 | 13,0 |\n"
        );
    }

    #[test]
    fn the_terminal_table_is_aligned() {
        let t = grid().to_table();
        let lines: Vec<&str> = t.lines().collect();
        assert!(lines[1].contains("Kommun"), "{t}");
        let widths: Vec<usize> = lines.iter().map(|l| l.chars().count()).collect();
        assert!(widths.windows(2).all(|w| w[0] == w[1]), "{t}");
        assert!(t.contains("1\u{a0}234,5"));
        assert!(t.contains(" – "));
    }

    #[test]
    fn formats_are_parsed_in_swedish() {
        assert_eq!(GridFormat::parse("tabell"), Ok(GridFormat::Table));
        assert_eq!(GridFormat::parse("MD"), Ok(GridFormat::Markdown));
        assert!(
            GridFormat::parse("xml")
                .unwrap_err()
                .contains("tillåtna: tabell, csv, json, md")
        );
    }
}
