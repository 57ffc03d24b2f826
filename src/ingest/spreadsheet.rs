//! Spreadsheet reader, by extension: xlsx is streamed cell by cell by our own reader
//! ([`super::xlsx`]), so a sheet whose used range claims a million rows or columns costs
//! nothing; xls and ods go through calamine's ranges, after [`super::bounds`] has checked that they are not far larger
//! than their cells. Also lists a workbook's sheets.

use std::path::Path;

use anyhow::{Result, anyhow};
use calamine::{Data, DataRef, Ods, Reader, Xls, open_workbook};

use crate::ingest::rows::RowAssembler;
use crate::ingest::xlsx;
use crate::ingest::{Source, Streamed, TableVisitor, display_name, extension, sheet_choice};

pub fn stream(path: &Path, sheet_hint: &str, visitor: &mut dyn TableVisitor) -> Result<Streamed> {
    let name = display_name(path);
    let ext = extension(path).unwrap_or_default();
    let unreadable = |kind: &str| {
        anyhow!("{name}: filen kan inte läsas som {kind} (skadad, krypterad eller fel format)")
    };
    match ext.as_str() {
        "xls" => {
            super::bounds::check_xls(path, &name)?;
            let mut wb: Xls<_> = open_workbook(path).map_err(|_| unreadable("Excel-fil (.xls)"))?;
            if wb.has_1904_epoch() {
                visitor.dates_from_1904();
            }
            let sheet = sheet_choice::choose_in(&mut wb, sheet_hint, &name, visitor)?;
            let range = wb
                .worksheet_range(&sheet)
                .map_err(|_| unreadable("Excel-fil (.xls)"))?;
            Ok(stream_range(&range, Source::sheet(&name, &sheet), visitor))
        }
        "ods" => {
            super::bounds::check_ods(path, &name)?;
            let mut wb = open_ods(path).ok_or_else(|| unreadable("OpenDocument-fil (.ods)"))?;
            let sheet = sheet_choice::choose_in(&mut wb, sheet_hint, &name, visitor)?;
            let range = wb
                .worksheet_range(&sheet)
                .map_err(|_| unreadable("OpenDocument-fil (.ods)"))?;
            Ok(stream_range(&range, Source::sheet(&name, &sheet), visitor))
        }
        _ => xlsx::read(path, &name, sheet_hint, visitor),
    }
}

/// The names of the sheets of a workbook, in the workbook's order, and whether each is hidden.
pub fn sheet_names(path: &Path) -> Result<Vec<(String, bool)>> {
    let name = display_name(path);
    let ext = extension(path).unwrap_or_default();
    let names = match ext.as_str() {
        "xls" => {
            super::bounds::check_xls(path, &name)?;
            open_workbook::<Xls<_>, _>(path)
                .map(|wb| sheet_choice::Workbook::sheets(&wb))
                .ok()
        }
        "ods" => {
            super::bounds::check_ods(path, &name)?;
            open_ods(path).map(|wb| sheet_choice::Workbook::sheets(&wb))
        }
        _ => Some(xlsx::sheet_names(path, &name)?),
    };
    names.ok_or_else(|| {
        anyhow!("{name}: filen kan inte läsas som arbetsbok (skadad, krypterad eller fel format)")
    })
}

/// The ods workbook at `path`, read whole by calamine; an indented file (Gnumeric's) that
/// calamine refuses is read from a copy without the indentation ([`super::ods_indent`]).
fn open_ods(path: &Path) -> Option<Ods<std::io::BufReader<std::fs::File>>> {
    open_workbook(path).ok().or_else(|| {
        let copy = super::ods_indent::copy(path)?;
        open_workbook(copy.path()).ok()
    })
}

fn stream_range(
    range: &calamine::Range<Data>,
    src: Source,
    visitor: &mut dyn TableVisitor,
) -> Streamed {
    let mut rows = RowAssembler::new(src);
    if let Some((r0, c0)) = range.start() {
        for (i, row) in range.rows().enumerate() {
            for (j, value) in row.iter().enumerate() {
                let v: DataRef<'_> = match value {
                    Data::Int(i) => DataRef::Int(*i),
                    Data::Float(f) => DataRef::Float(*f),
                    Data::String(s) => DataRef::SharedString(s),
                    Data::Bool(b) => DataRef::Bool(*b),
                    Data::DateTime(d) => DataRef::DateTime(*d),
                    Data::DateTimeIso(s) => DataRef::DateTimeIso(s.clone()),
                    Data::DurationIso(s) => DataRef::DurationIso(s.clone()),
                    Data::Error(e) => DataRef::Error(e.clone()),
                    Data::Empty => DataRef::Empty,
                };
                rows.push(r0 + i as u32, c0 as usize + j, &v, visitor);
            }
        }
    }
    rows.finish(visitor)
}
