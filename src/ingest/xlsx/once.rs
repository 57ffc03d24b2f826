//! A sheet's texts looked at once, not once per cell: a text is trimmed, composed and
//! checked for personal data the first time, and what was found holds for every cell of it.
//! Shared strings are known by their index ([`SharedCells`]); inline strings (`t="inlineStr"`,
//! every text of a streaming writer) are kept once per distinct text ([`Inline`]), and every
//! cell of one borrows the one copy.

use bumpalo::Bump;
use rustc_hash::FxHashMap;

use crate::ingest::RawCell;
use crate::ingest::pii::detect_cell;

/// Texts a column looks up before it is judged: a column where most are new (an Id, a date
/// as text, a free text) stops keeping them and copies each cell's text, so that a column of
/// distinct values neither grows the reader's memory nor pays for a table it never reuses.
const TRIAL: u32 = 1024;

/// The memory the kept texts may take, together with what keeping each costs in the tables
/// (an entry of `ids` and of `cells`): past this every new text is copied per cell. Short
/// texts are counted by their entries, so that a column of distinct one-letter texts cannot
/// grow the tables without end either.
const MAX_BYTES: usize = 64 << 20;
const PER_TEXT: usize =
    std::mem::size_of::<(&str, u32)>() + std::mem::size_of::<(RawCell<'_>, bool)>() + 8;

/// What is known of a shared string's text as a cell takes it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    NotSeen,
    /// The cell takes the text as it is.
    AsItIs,
    /// The cell trims or composes (NFC) the text, each time.
    Changed,
}

/// What is known of a shared string's text and personal data.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Privacy {
    NotChecked,
    Clean,
    /// It looks like personal data: the guard looks at each cell of it and says where.
    Suspect,
}

/// Per shared string, what was found of it: how a cell takes its text, and whether it was
/// checked for personal data.
pub(super) struct SharedCells {
    form: Vec<Form>,
    privacy: Vec<Privacy>,
}

impl SharedCells {
    /// For a table of `len` strings.
    pub(super) fn new(len: usize) -> Self {
        SharedCells {
            form: vec![Form::NotSeen; len],
            privacy: vec![Privacy::NotChecked; len],
        }
    }

    /// The cell of shared string `i`, whose text is `text`, and whether it is known to be free
    /// of personal data. Only a column that is `read` is checked: the guard never sees the
    /// others.
    pub(super) fn cell<'t>(&mut self, i: usize, text: &'t str, read: bool) -> (RawCell<'t>, bool) {
        let cell = match self.form[i] {
            Form::AsItIs => RawCell::normalized_text(text),
            Form::NotSeen => {
                let cell = RawCell::text(text);
                self.form[i] = if cell.is_unchanged(text) {
                    Form::AsItIs
                } else {
                    Form::Changed
                };
                cell
            }
            Form::Changed => RawCell::text(text),
        };
        if read && self.privacy[i] == Privacy::NotChecked {
            self.privacy[i] = if detect_cell(&cell).is_none() {
                Privacy::Clean
            } else {
                Privacy::Suspect
            };
        }
        (cell, self.privacy[i] == Privacy::Clean)
    }
}

/// Per column: texts looked up, and how many were new.
#[derive(Clone, Copy, Default)]
struct Column {
    looked_up: u32,
    new: u32,
}

impl Column {
    /// Whether the column repeats its texts enough to keep them.
    fn keeps(self) -> bool {
        self.looked_up < TRIAL || self.new * 2 <= self.looked_up
    }
}

/// The distinct inline texts of a sheet, in `arena`.
pub(super) struct Inline<'x> {
    arena: &'x Bump,
    ids: FxHashMap<&'x str, u32>,
    /// Per text: its cell, and whether that is free of personal data.
    cells: Vec<(RawCell<'x>, bool)>,
    columns: Vec<Column>,
    bytes: usize,
    max_bytes: usize,
}

impl<'x> Inline<'x> {
    pub(super) fn new(arena: &'x Bump) -> Self {
        Inline::within(arena, MAX_BYTES)
    }

    /// Keeping texts up to `max_bytes` ([`MAX_BYTES`]).
    fn within(arena: &'x Bump, max_bytes: usize) -> Self {
        Inline {
            arena,
            ids: FxHashMap::default(),
            cells: Vec::new(),
            columns: Vec::new(),
            bytes: 0,
            max_bytes,
        }
    }

    /// The cell of `text` in (0-based) column `col`, a column that is read, and whether it is
    /// known to be free of personal data (`false`: the guard looks at the cell and says where).
    pub(super) fn cell(&mut self, col: usize, text: &str) -> (RawCell<'x>, bool) {
        if self.columns.len() <= col {
            self.columns.resize(col + 1, Column::default());
        }
        let column = &mut self.columns[col];
        if !column.keeps() {
            return (RawCell::text_copied(text), false);
        }
        column.looked_up += 1;
        if let Some(&id) = self.ids.get(text) {
            let (cell, clean) = &self.cells[id as usize];
            return (cell.clone(), *clean);
        }
        column.new += 1;
        let cost = text.len() + PER_TEXT;
        if self.bytes + cost > self.max_bytes || self.cells.len() == u32::MAX as usize {
            return (RawCell::text_copied(text), false);
        }
        let kept: &'x str = self.arena.alloc_str(text);
        self.bytes += cost;
        let cell = RawCell::text(kept);
        let clean = detect_cell(&cell).is_none();
        self.ids.insert(kept, self.cells.len() as u32);
        self.cells.push((cell.clone(), clean));
        (cell, clean)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeated_text_is_kept_once_and_reads_as_raw_cell_text_reads_it() {
        let arena = Bump::new();
        let mut inline = Inline::new(&arena);
        for _ in 0..3 {
            assert_eq!(
                inline.cell(0, " Hemtja\u{308}nst\u{a0}"),
                (RawCell::text("Hemtjänst"), true)
            );
            assert_eq!(inline.cell(0, "   "), (RawCell::Empty, true));
        }
        assert_eq!(inline.cells.len(), 2);
    }

    #[test]
    fn personal_data_is_found_in_a_kept_text_every_time() {
        let arena = Bump::new();
        let mut inline = Inline::new(&arena);
        for _ in 0..3 {
            let (cell, clean) = inline.cell(1, "Anmält av 19121212-1212");
            assert_eq!(cell.as_text(), Some("Anmält av 19121212-1212"));
            assert!(!clean);
        }
        // A date is not a personnummer.
        assert!(inline.cell(1, "2023-01-05").1);
    }

    #[test]
    fn the_texts_kept_stay_within_their_memory() {
        // Every other text new: the column keeps its texts, until the memory is spent.
        let arena = Bump::new();
        let mut inline = Inline::within(&arena, 100 * PER_TEXT);
        for i in 0..1000 {
            let text = if i % 2 == 0 {
                "x".to_string()
            } else {
                i.to_string()
            };
            let (cell, _) = inline.cell(0, &text);
            assert_eq!(cell.as_text(), Some(text.as_str()));
        }
        assert!(inline.bytes <= 100 * PER_TEXT);
        assert!(inline.cells.len() < 100, "{}", inline.cells.len());
    }

    #[test]
    fn a_column_of_distinct_texts_stops_keeping_them() {
        let arena = Bump::new();
        let mut inline = Inline::new(&arena);
        for i in 0..TRIAL * 4 {
            let id = format!("A-{i}");
            let (cell, clean) = inline.cell(0, &id);
            assert_eq!(cell.as_text(), Some(id.as_str()));
            if i >= TRIAL {
                assert!(!clean, "a copied text is left to the guard");
            }
            let (unit, _) = inline.cell(1, ["Norr", "Söder"][i as usize % 2]);
            assert!(unit.as_text().is_some());
        }
        assert_eq!(
            inline.cells.len(),
            TRIAL as usize + 2,
            "the Ids of the trial only"
        );
    }
}
