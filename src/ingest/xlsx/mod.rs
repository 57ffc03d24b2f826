//! The xlsx reader: a pipeline over the package's two big parts. One thread reads the
//! shared-string table while another inflates the chosen sheet ([`ahead`]) and a third scans
//! its cells into batches; this thread resolves their strings and assembles and classifies
//! the rows. Every part is inflated once, bounded as it inflates ([`package`]), and scanned in
//! place ([`scan`]).

mod ahead;
#[cfg(test)]
mod calamine_tests;
pub(super) mod checks;
mod once;
mod package;
#[cfg(test)]
mod pipeline_tests;
mod refs;
#[cfg(test)]
mod robust_tests;
mod scan;
mod shared;
mod sheet;
mod styles;
mod utf16;

use std::path::Path;
use std::sync::mpsc::sync_channel;
use std::thread::ScopedJoinHandle;

use anyhow::{Result, anyhow};

use crate::ingest::rows::RowAssembler;
use crate::ingest::{RawCell, Source, Streamed, TableVisitor, sheet_choice};
use package::Package;
use shared::{SharedStrings, Text};
use sheet::{Cell, Span, Value};

/// What went wrong inside the package.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fail {
    /// A part inflates (or says it does) beyond this many bytes.
    Bomb(u64),
    /// A cell reference beyond Excel's limits.
    BadReference,
    /// No zip archive, damaged deflate data, a wrong checksum, a missing workbook.
    Unreadable,
    /// XML that ends early or holds what no spreadsheet writes.
    Broken,
}

impl std::fmt::Display for Fail {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{self:?}")
    }
}

impl std::error::Error for Fail {}

/// Cells per batch from the sheet's thread, and batches in flight: enough for the sheet to
/// read ahead while the shared strings are still being read (no cell can be handed on before
/// them). Measured on 500 000 rows with the sheet inflated ahead ([`ahead`]): 64 or 256
/// batches were no faster than 32 and kept 8 and 50 MiB more. A batch is sent sooner when
/// its texts pass `BATCH_TEXT` bytes.
const BATCH: usize = 4096;
const BATCH_TEXT: usize = 1 << 20;
const BATCHES_IN_FLIGHT: usize = 32;

fn unreadable(name: &str) -> anyhow::Error {
    anyhow!(
        "{name}: filen kan inte läsas som Excel-fil (.xlsx) (skadad, krypterad eller fel format)"
    )
}

/// The message for a failure; `sheet` locates a damaged sheet.
fn failure(name: &str, fail: Fail, sheet: Option<&Source>) -> anyhow::Error {
    match (fail, sheet) {
        (Fail::Bomb(limit), _) => checks::too_large(name, limit),
        (Fail::BadReference, _) => anyhow!(
            "{name}: bladet har en cellreferens utanför det Excel tillåter; filen är skadad"
        ),
        (Fail::Broken, Some(src)) => anyhow!(
            "{} › bladet är skadat och kan inte läsas till slut",
            src.loc()
        ),
        (Fail::Unreadable | Fail::Broken, _) => unreadable(name),
    }
}

/// Opens the package, with the messages for what can go wrong.
fn open(path: &Path, name: &str) -> Result<(Package, zip::ZipArchive<std::fs::File>)> {
    let opened = Package::open(path)
        .map_err(|e| anyhow!("{name}: kan inte öppnas: {}", super::io_reason(&e)))?;
    opened.map_err(|fail| failure(name, fail, None))
}

/// The sheets of the workbook at `path`, in order, and whether each is hidden.
pub(super) fn sheet_names(path: &Path, name: &str) -> Result<Vec<(String, bool)>> {
    let (package, _) = open(path, name)?;
    Ok(package
        .sheets
        .into_iter()
        .map(|s| (s.name, s.hidden))
        .collect())
}

/// The shared strings, read on their own thread and waited for when first needed.
enum Strings<'s> {
    Reading(ScopedJoinHandle<'s, Result<SharedStrings, Fail>>),
    Read(Result<SharedStrings, Fail>),
}

impl Strings<'_> {
    fn get(&mut self) -> Result<&SharedStrings, Fail> {
        if let Strings::Reading(_) = self {
            let Strings::Reading(handle) =
                std::mem::replace(self, Strings::Read(Err(Fail::Broken)))
            else {
                unreachable!("matched above")
            };
            let read = handle
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p));
            *self = Strings::Read(read);
        }
        match self {
            Strings::Read(Ok(table)) => Ok(table),
            Strings::Read(Err(fail)) => Err(*fail),
            Strings::Reading(_) => unreachable!("joined above"),
        }
    }
}

/// Stands for a long string in a column that is not read: a value, never looked at.
const NOT_READ: &str = "…";

/// The shared strings of `package`; long ones only with `keep_long` ([`shared::LONG`]).
fn read_strings(package: &Package, keep_long: bool) -> Result<SharedStrings, Fail> {
    let path = &package.shared_strings;
    let mut zip = package::archive(&package.path)
        .map_err(|_| Fail::Unreadable)?
        .map_err(|_| Fail::Unreadable)?;
    match package::part(&mut zip, path)? {
        Some(part) => SharedStrings::read(part, keep_long),
        None => Ok(SharedStrings::default()),
    }
}

/// The workbook as the sheet choice sees it.
struct Book<'p, 's> {
    package: &'p Package,
    zip: &'p mut zip::ZipArchive<std::fs::File>,
    strings: &'p mut Strings<'s>,
}

impl sheet_choice::Workbook for Book<'_, '_> {
    fn sheets(&self) -> Vec<(String, bool)> {
        let sheets = self.package.sheets.iter();
        sheets.map(|s| (s.name.clone(), s.hidden)).collect()
    }

    fn first_rows(&mut self, name: &str) -> Vec<Vec<String>> {
        let Some(part) = self.package.sheets.iter().find(|s| s.name == name) else {
            return Vec::new();
        };
        let (Some(path), Ok(strings)) = (&part.part, self.strings.get()) else {
            return Vec::new();
        };
        let Ok(Some(reader)) = package::part(self.zip, path) else {
            return Vec::new();
        };
        let mut rows = Vec::new();
        let _ = sheet::read(reader, &self.package.styles, self.package.is_1904, |cell| {
            let text = match &cell.value {
                // No header is as long as a string left out.
                Value::Shared(i) => match strings.get(*i as usize) {
                    Some(Text::Here(s)) => s,
                    _ => "",
                },
                Value::Text(s) => s.as_str(),
                _ => return true,
            };
            sheet_choice::add_cell(&mut rows, cell.row, cell.col as usize, text)
        });
        rows.into_iter().map(|(_, cells)| cells).collect()
    }
}

/// Reads the xlsx workbook at `path` into `visitor`: the sheet `sheet_hint` names or the
/// one whose header the visitor knows ([`sheet_choice`]).
pub(super) fn read(
    path: &Path,
    name: &str,
    sheet_hint: &str,
    visitor: &mut dyn TableVisitor,
) -> Result<Streamed> {
    let (package, mut zip) = open(path, name)?;
    if package.is_1904 {
        visitor.dates_from_1904();
    }
    std::thread::scope(|s| {
        let package = &package;
        let mut strings = Strings::Reading(s.spawn(|| read_strings(package, false)));
        let mut book = Book {
            package,
            zip: &mut zip,
            strings: &mut strings,
        };
        let chosen = sheet_choice::choose_in(&mut book, sheet_hint, name, visitor)?;
        let src = Source::sheet(name, &chosen);
        let part = package.sheets.iter().find(|s| s.name == chosen);
        let Some(part) = part.and_then(|p| p.part.as_deref()) else {
            return Err(unreadable(name));
        };
        let reader = match package::part(&mut zip, part) {
            Ok(Some(reader)) => reader,
            Ok(None) => return Err(unreadable(name)),
            Err(fail) => return Err(failure(name, fail, Some(&src))),
        };
        // A batch: its cells and the bytes of their texts.
        let (tx, rx) = sync_channel::<(Vec<Cell<Span>>, Vec<u8>)>(BATCHES_IN_FLIGHT);
        // Inflated on a thread of its own, scanned on another.
        let (pump, reader) = ahead::ahead(reader);
        s.spawn(move || pump.run());
        let scanner = s.spawn(move || {
            let mut batch = Vec::with_capacity(BATCH);
            let mut open = true;
            let end = sheet::read_into(reader, &package.styles, package.is_1904, |cell, text| {
                batch.push(cell);
                if batch.len() == BATCH || text.len() >= BATCH_TEXT {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                    let texts = std::mem::replace(text, Vec::with_capacity(BATCH_TEXT / 8));
                    // The reader stopped (a failure): so does the scan.
                    open = tx.send((full, texts)).is_ok();
                }
                open
            });
            match end {
                Ok(mut end) => {
                    let _ = tx.send((batch, std::mem::take(&mut end.text)));
                    Ok(end)
                }
                Err(fail) => Err(fail),
            }
        });
        let table = match strings.get() {
            Ok(table) => table,
            Err(fail) => {
                drop(rx);
                let _ = scanner.join();
                return Err(failure(name, fail, None));
            }
        };
        // The whole table, read again only if a cell needs a string left out of `table`.
        let whole = std::cell::OnceCell::new();
        let arena = bumpalo::Bump::new();
        let mut inline = once::Inline::new(&arena);
        let mut rows = RowAssembler::new(src.clone());
        let mut missing_string = None;
        let mut shared = once::SharedCells::new(table.len());
        'batches: for (batch, text) in rx.iter() {
            // The batch's texts checked as UTF-8 at once.
            let Ok(text) = scan::utf8(&text) else {
                missing_string = Some(Fail::Broken);
                break 'batches;
            };
            for Cell {
                row,
                col,
                value,
                formula,
            } in batch
            {
                let col = col as usize;
                let cell = match value {
                    Value::Empty if formula => {
                        rows.formula_without_value(row, col, visitor);
                        continue;
                    }
                    Value::Empty => {
                        rows.at_row(row, visitor);
                        continue;
                    }
                    Value::Shared(i) => {
                        rows.at_row(row, visitor);
                        let i = i as usize;
                        let text = match table.get(i) {
                            // A column not read needs to know only that there is a value.
                            Some(Text::LeftOut) if !rows.reads(col) => {
                                rows.push_cell(row, col, RawCell::text(NOT_READ), visitor);
                                continue;
                            }
                            Some(Text::LeftOut) => whole
                                .get_or_init(|| read_strings(package, true))
                                .as_ref()
                                .map_err(|fail| *fail)
                                .map(|whole| whole.get(i)),
                            found => Ok(found),
                        };
                        let text = match text {
                            Ok(Some(Text::Here(text))) => text,
                            Ok(_) => {
                                missing_string = Some(Fail::Broken);
                                break 'batches;
                            }
                            Err(fail) => {
                                missing_string = Some(fail);
                                break 'batches;
                            }
                        };
                        // String `i` is always this text: what was found of it holds for
                        // every cell that uses it.
                        let (cell, clean) = shared.cell(i, text, rows.reads(col));
                        rows.push_checked_cell(row, col, cell, clean, visitor);
                        continue;
                    }
                    Value::Number(n) => RawCell::Number(n),
                    Value::Date(d) => RawCell::Date(d),
                    Value::Bool(b) => RawCell::Bool(b),
                    // A column not read (an inline free text) needs to know only that
                    // there is a value.
                    Value::Text(span) => {
                        let Some(t) = span.get(text) else {
                            missing_string = Some(Fail::Broken);
                            break 'batches;
                        };
                        if rows.reads(col) {
                            let (cell, clean) = inline.cell(col, t);
                            rows.push_checked_cell(row, col, cell, clean, visitor);
                            continue;
                        } else {
                            match t.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}') {
                                "" => RawCell::Empty,
                                _ => RawCell::text(NOT_READ),
                            }
                        }
                    }
                    Value::Error => RawCell::Error,
                };
                rows.push_cell(row, col, cell, visitor);
            }
        }
        drop(rx);
        let end = scanner
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        if let Some(fail) = missing_string {
            return Err(failure(name, fail, Some(&src)));
        }
        let end = end.map_err(|fail| failure(name, fail, Some(&src)))?;
        for (start, stop) in end.merges {
            rows.merged(start, stop, visitor);
        }
        Ok(rows.finish(visitor))
    })
}
