//! A table read against column specs, row by row: header matching (with the settings' extra
//! aliases), fatal findings for missing or doubled required columns, and located rejection of
//! rows. The indicator readers give it their specs and a closure per row; it knows no column's
//! meaning. A wide table (one column per period, as Excel users keep a monthly series) is read
//! when the reader says which headers name a period ([`Wide`]).

use crate::base::Loc;

use crate::diagnostics::{Findings, Reconciliation, Severity};
use crate::ingest::headers::{ColumnSpec, match_headers};
use crate::ingest::layout::Layout;
use crate::ingest::{self, RawCell, Source, Streamed, TableVisitor};
use crate::settings::Settings;

/// Why a row is not used: the column (spec index) at fault, a finding kind and the reason.
pub(crate) struct Reject {
    pub spec: usize,
    pub kind: &'static str,
    pub message: String,
}

pub(crate) fn reject(spec: usize, kind: &'static str, message: impl Into<String>) -> Reject {
    Reject {
        spec,
        kind,
        message: message.into(),
    }
}

/// The number in column `spec` (`None` when empty); a non-number rejects the row.
pub(crate) fn value_cell(row: &RowView<'_, '_>, spec: usize) -> Result<Option<f64>, Reject> {
    crate::ingest::cell::parse_number(row.cell(spec)).map_err(|e| {
        reject(
            spec,
            "varde",
            format!("Värde {}; raden används inte", e.reason()),
        )
    })
}

/// How a reader accepts a wide table: headers that match no spec but name a period become
/// value columns, and the specs a long table needs for period and value are then not required.
pub(crate) struct Wide<'w> {
    /// Whether a header names a period (`2022`, `2022-01`, `Januari`).
    pub is_period: &'w dyn Fn(&str) -> bool,
    /// The spec of the value column: a table that has it is long, whatever its other headers.
    pub value: usize,
    /// Specs not required in a wide table.
    pub not_required: &'w [usize],
}

/// One data row, with its cells looked up by spec index.
pub(crate) struct RowView<'r, 'c> {
    pub row: u32,
    cells: &'r [RawCell<'c>],
    layout: &'r Layout,
    /// In a wide table, the period columns: column and header.
    pub periods: &'r [(usize, String)],
}

impl<'c> RowView<'_, 'c> {
    pub fn cell(&self, spec: usize) -> &RawCell<'c> {
        self.layout.cell(self.cells, spec)
    }

    pub fn loc(&self, spec: usize) -> Loc {
        self.layout.loc(self.row, spec)
    }

    /// The cell in column `col` (0-based), e.g. one of [`RowView::periods`].
    pub fn cell_at(&self, col: usize) -> &RawCell<'c> {
        static EMPTY: RawCell<'static> = RawCell::Empty;
        self.cells.get(col).unwrap_or(&EMPTY)
    }

    pub fn loc_at(&self, col: usize) -> Loc {
        self.layout.loc_col(self.row, Some(col))
    }
}

/// What a row closure is given: the row and the findings to add warnings to. It returns
/// `Ok(())` when the row is used.
pub(crate) type RowFn<'f> = dyn FnMut(&RowView<'_, '_>, &mut Findings) -> Result<(), Reject> + 'f;

struct Visitor<'a, 'f> {
    specs: &'a [ColumnSpec],
    settings: &'a Settings,
    layout: Option<Layout>,
    on_row: &'a mut RowFn<'f>,
    findings: Findings,
    reconciliation: Reconciliation,
    usable: bool,
    wide: Option<&'a Wide<'a>>,
    periods: Vec<(usize, String)>,
}

impl TableVisitor for Visitor<'_, '_> {
    fn header_matches(&self, cells: &[RawCell<'_>]) -> usize {
        match_headers(self.specs, &self.settings.kolumner, cells).matched()
    }

    fn header(&mut self, source: &Source, row: u32, cells: &[RawCell<'_>]) -> bool {
        let m = match_headers(self.specs, &self.settings.kolumner, cells);
        let periods: Vec<(usize, String)> = match self.wide {
            Some(w) if m.found[w.value].is_none() => m
                .unknown
                .iter()
                .filter(|(_, h)| (w.is_period)(h))
                .cloned()
                .collect(),
            _ => Vec::new(),
        };
        let relaxed: Vec<ColumnSpec>;
        let specs = match self.wide {
            Some(w) if !periods.is_empty() => {
                relaxed = (self.specs.iter().enumerate())
                    .map(|(i, s)| ColumnSpec {
                        required: s.required && !w.not_required.contains(&i),
                        ..*s
                    })
                    .collect();
                &relaxed[..]
            }
            _ => self.specs,
        };
        let missing = m.missing_required(specs);
        if m.matched() + periods.len() < 2 && !missing.is_empty() {
            return false;
        }
        self.periods = periods;
        // The same findings, in the same words, as every other input table.
        self.usable &=
            crate::ingest::layout::check_header(specs, &m, source, row, false, &mut self.findings);
        self.layout = Some(Layout::new(source, m, cells));
        true
    }

    fn keep_column(&self, col: usize) -> bool {
        self.layout
            .as_ref()
            .is_some_and(|l| l.header.found.contains(&Some(col)))
            || self.periods.iter().any(|(c, _)| *c == col)
    }

    fn findings(&mut self) -> &mut Findings {
        &mut self.findings
    }

    fn malformed_row(&mut self, loc: crate::base::Loc, reason: String) {
        self.reconciliation.read += 1;
        self.reconciliation.rejected += 1;
        self.findings
            .push(crate::ingest::MALFORMED, Severity::Rejected, loc, reason);
    }

    fn row(&mut self, row: u32, cells: &[RawCell<'_>]) {
        self.reconciliation.read += 1;
        if !self.usable {
            self.reconciliation.rejected += 1;
            return;
        }
        let Some(layout) = &self.layout else { return };
        let view = RowView {
            row,
            cells,
            layout,
            periods: &self.periods,
        };
        match (self.on_row)(&view, &mut self.findings) {
            Ok(()) => self.reconciliation.used += 1,
            Err(r) => {
                self.reconciliation.rejected += 1;
                let loc = view.loc(r.spec);
                self.findings
                    .push(r.kind, Severity::Rejected, loc, r.message);
            }
        }
    }
}

/// Reads the table at `path` (any format [`ingest::stream`] reads), handing each data row to
/// `on_row`. A file without a recognisable header row, or without a required column, gives a
/// fatal finding and every row is counted as rejected.
pub(crate) fn read_table(
    path: &std::path::Path,
    sheet_hint: &str,
    specs: &[ColumnSpec],
    settings: &Settings,
    on_row: &mut RowFn<'_>,
) -> anyhow::Result<crate::model::indicators::FileRead> {
    read_table_wide(path, sheet_hint, specs, None, settings, on_row)
}

/// [`read_table`], also accepting the wide shape `wide` describes.
pub(crate) fn read_table_wide(
    path: &std::path::Path,
    sheet_hint: &str,
    specs: &[ColumnSpec],
    wide: Option<&Wide<'_>>,
    settings: &Settings,
    on_row: &mut RowFn<'_>,
) -> anyhow::Result<crate::model::indicators::FileRead> {
    let mut v = Visitor {
        wide,
        periods: Vec::new(),
        specs,
        settings,
        layout: None,
        on_row,
        findings: Findings::default(),
        reconciliation: Reconciliation {
            file: ingest::display_name(path),
            ..Reconciliation::default()
        },
        usable: true,
    };
    let streamed = ingest::stream(path, sheet_hint, &mut v)?;
    if let Streamed::NoHeader(src) = streamed {
        crate::ingest::headers::no_header(&mut v.findings, &src, specs, "filen");
    }
    v.findings.sort_by_row();
    Ok(crate::model::indicators::FileRead {
        reconciliation: v.reconciliation,
        findings: v.findings,
    })
}
