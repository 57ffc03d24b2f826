//! The statistical table as computed: typed values (never pre-formatted text), with title,
//! columns, notes and source. Rendering and export format it; compute only fills it.

use serde::Serialize;

use super::trace::Source;
use crate::base::Value;

/// A column: its header and whether it holds figures (right-aligned) or labels.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Column {
    pub title: String,
    pub numeric: bool,
}

/// A row: a label (from data or fixed) and one value per numeric column.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub label: String,
    /// Indented as a "varav" (of which) row.
    pub sub: bool,
    /// A heading row grouping the rows below it (no values).
    pub heading: bool,
    /// A total row (shown in bold).
    pub total: bool,
    pub values: Vec<Value>,
    /// Where each value comes from (same order as `values`; may be empty), for `spåra`.
    #[serde(skip)]
    pub sources: Vec<Option<Source>>,
}

impl Row {
    pub fn new(label: impl Into<String>, values: Vec<Value>) -> Row {
        Row {
            label: label.into(),
            sub: false,
            heading: false,
            total: false,
            values,
            sources: Vec::new(),
        }
    }

    /// The row with the provenance of its values.
    pub fn sourced(mut self, sources: Vec<Option<Source>>) -> Row {
        self.sources = sources;
        self
    }

    /// The provenance of value `i`, when recorded.
    pub fn source(&self, i: usize) -> Option<&Source> {
        self.sources.get(i).and_then(Option::as_ref)
    }

    /// A heading row: a bold label over the rows it groups, no values.
    pub fn heading(label: impl Into<String>) -> Row {
        Row {
            heading: true,
            ..Row::new(label, Vec::new())
        }
    }

    pub fn sub(self) -> Row {
        self.sub_if(true)
    }

    /// Marks the row as a "varav" row when `sub` holds.
    pub fn sub_if(mut self, sub: bool) -> Row {
        self.sub |= sub;
        self
    }

    pub fn total(mut self) -> Row {
        self.total = true;
        self
    }
}

/// A numbered table of the annex.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    /// Stable key that templates use to refer to the table.
    pub key: String,
    /// "Tabell N": assigned in annex order.
    pub number: usize,
    pub title: String,
    /// The header of the label column.
    pub label_title: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    pub notes: Vec<String>,
    pub source: String,
}

impl Table {
    pub fn new(key: &str, title: impl Into<String>, label_title: impl Into<String>) -> Table {
        Table {
            key: key.into(),
            number: 0,
            title: title.into(),
            label_title: label_title.into(),
            columns: Vec::new(),
            rows: Vec::new(),
            notes: Vec::new(),
            source: String::new(),
        }
    }

    pub fn column(mut self, title: impl Into<String>) -> Table {
        self.columns.push(Column {
            title: title.into(),
            numeric: true,
        });
        self
    }

    /// A column of words (left-aligned).
    pub fn text_column(mut self, title: impl Into<String>) -> Table {
        self.columns.push(Column {
            title: title.into(),
            numeric: false,
        });
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Table {
        self.notes.push(note.into());
        self
    }
}
