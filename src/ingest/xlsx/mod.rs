//! The xlsx reader: calamine parses the chosen sheet on its own thread and hands cells in
//! batches to the thread that assembles and classifies rows, while the [`stored_view`]
//! inflates and checks the sheet once on a third; archives it cannot describe are checked
//! first ([`checks`]).

pub(super) mod checks;
mod directory;
mod stored_view;

use std::path::Path;
use std::sync::mpsc::sync_channel;

use anyhow::{Result, anyhow};
use calamine::{DataRef, DataType, Reader, Xlsx, open_workbook};

use crate::ingest::rows::RowAssembler;
use crate::ingest::{Source, Streamed, TableVisitor, sheet_choice};
use checks::{inspect_xlsx, is_sheet};
use stored_view::{Fail, StoredView};

/// Reads the xlsx workbook at `path`: through a [`StoredView`], in which a second thread
/// inflates and checks the sheet while calamine parses it, or (for archives the view cannot
/// describe) after inflating every part once to check it.
pub(super) fn read(
    path: &Path,
    name: &str,
    sheet_hint: &str,
    visitor: &mut dyn TableVisitor,
) -> Result<Streamed> {
    let unreadable = || {
        anyhow!(
            "{name}: filen kan inte läsas som Excel-fil (.xlsx) (skadad, krypterad eller fel format)"
        )
    };
    let opened = StoredView::open(path)
        .map_err(|e| anyhow!("{name}: kan inte öppnas: {}", super::io_reason(&e)))?;
    let view = match opened {
        Some(Ok(view)) => view,
        Some(Err(fail)) => return Err(failure(name, fail)),
        None => {
            // Parts calamine holds in memory are checked before it opens them; the sheets are
            // checked on a second core while calamine parses the shared strings and styles.
            inspect_xlsx(path, name, |part| !is_sheet(part))?;
            let (inside, wb) = std::thread::scope(|s| {
                let sheets = s.spawn(|| inspect_xlsx(path, name, is_sheet));
                let wb: Result<Xlsx<_>> = open_workbook(path).map_err(|_| unreadable());
                let inside = sheets.join().unwrap_or_else(|_| Err(unreadable()));
                (inside, wb)
            });
            let inside = inside?;
            return read_xlsx(&mut wb?, name, sheet_hint, visitor, || inside.merges);
        }
    };
    let findings = view.findings();
    let found = || findings.lock().unwrap_or_else(|p| p.into_inner());
    let result = match Xlsx::new(view) {
        Ok(mut wb) => read_xlsx(&mut wb, name, sheet_hint, visitor, || found().last_merged()),
        Err(_) => Err(unreadable()),
    };
    // A failure the inflating thread found explains why calamine stopped.
    let fail = found().fail;
    match (result, fail) {
        (Err(_), Some(fail)) => Err(failure(name, fail)),
        (result, _) => result,
    }
}

/// A cell as the parsing thread hands it on: position, value, whether a formula without a
/// cached value.
type Located<'a> = ((u32, u32), DataRef<'a>, bool);

/// Cells per batch from the parsing thread, and batches in flight.
const BATCH: usize = 4096;
const BATCHES_IN_FLIGHT: usize = 4;

/// The message for what the inflating thread found.
fn failure(name: &str, fail: Fail) -> anyhow::Error {
    match fail {
        Fail::Bomb(limit) => checks::too_large(name, limit),
        Fail::BadReference => anyhow!(
            "{name}: bladet har en cellreferens utanför det Excel tillåter; filen är skadad"
        ),
        Fail::Unreadable => anyhow!(
            "{name}: filen kan inte läsas som Excel-fil (.xlsx) (skadad, krypterad eller fel format)"
        ),
    }
}

/// Streams the sheet chosen from `wb` to the visitor. Formulas without a value are found
/// while reading; `merges` says afterwards whether the sheet has merged cells to report.
fn read_xlsx<RS: std::io::Read + std::io::Seek + Send>(
    wb: &mut Xlsx<RS>,
    name: &str,
    sheet_hint: &str,
    visitor: &mut dyn TableVisitor,
    merges: impl FnOnce() -> bool,
) -> Result<Streamed> {
    let sheet = sheet_choice::choose_in(wb, sheet_hint, name, visitor)?;
    let src = Source::sheet(name, &sheet);
    let broken = || {
        anyhow!(
            "{} › bladet är skadat och kan inte läsas till slut",
            src.loc()
        )
    };
    let mut rows = RowAssembler::new(src.clone());
    let mut reader = wb.worksheet_cells_reader(&sheet).map_err(|_| {
        anyhow!("{name}: filen kan inte läsas som Excel-fil (.xlsx) (skadad, krypterad eller fel format)")
    })?;
    // calamine parses the sheet on its own thread; this one classifies the rows.
    let (tx, rx) = sync_channel::<Vec<Located<'_>>>(BATCHES_IN_FLIGHT);
    let parsed = std::thread::scope(|s| {
        let parser = s.spawn(move || {
            let mut batch = Vec::with_capacity(BATCH);
            // Metadata costs nothing for a cell without a formula.
            while let Some(c) = reader.next_cell_with_formula_metadata()? {
                let uncalculated = c.formula.is_some() && c.value.is_empty();
                batch.push((c.pos, c.value, uncalculated));
                if batch.len() == BATCH {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                    if tx.send(full).is_err() {
                        return Ok(());
                    }
                }
            }
            let _ = tx.send(batch);
            drop(tx);
            // The rest of the sheet (merged cells come after the cells), so that it is
            // checked to its end.
            while let Ok(Some(_)) = reader.next_cell_with_formula_metadata() {}
            Ok::<(), calamine::XlsxError>(())
        });
        for ((row, col), value, uncalculated) in rx.iter().flatten() {
            if uncalculated {
                rows.formula_without_value(row, col as usize, visitor);
            } else {
                rows.push(row, col as usize, &value, visitor);
            }
        }
        parser.join()
    });
    drop(rx);
    match parsed {
        Ok(Ok(())) => {}
        Ok(Err(_)) => return Err(broken()),
        Err(panic) => std::panic::resume_unwind(panic),
    }
    if !merges() {
        return Ok(rows.finish(visitor));
    }
    // Merged cells are read from the sheet again, rare as they are in a register.
    let mut rows = rows.into_owned();
    for region in wb.merge_cells_by_sheet_name(&sheet).unwrap_or_default() {
        rows.merged(region.start, region.end, visitor);
    }
    Ok(rows.finish(visitor))
}
