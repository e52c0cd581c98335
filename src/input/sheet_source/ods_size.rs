//! The size of the grid calamine would build for an ODS file, found before
//! it builds it.
//!
//! calamine reads ODS whole: it expands repeated rows and cells
//! (`table:number-rows-repeated="6000"` on a row whose one cell is
//! `table:number-columns-repeated="16384"`) into a dense grid of every sheet
//! at open. An 863-byte file asked that way for 98 million cells and took
//! 6 GB. So the file's `content.xml` is first streamed through (nothing is
//! kept), following calamine's own reading (`walk`), to add up per sheet the
//! box that its non-empty cells span, the way calamine trims it, and the
//! text copied into repeats; a file over [`ODS_MAX_CELLS`] or
//! [`ODS_MAX_TEXT`] is refused. So is one that ends where calamine would
//! wait for an end tag forever.

use std::io::{BufRead, BufReader};
use std::path::Path;

use super::xml_tags::{attribute, for_each_tag};
use crate::input::{MAX_COLUMNS, MAX_ROWS};
use walk::{Place, Walk};

/// The most cells csf lets calamine build from one ODS file: as many as the
/// largest XLS sheet (65,536 × 256), about 1 GB at calamine's ~56 bytes a
/// cell (value plus formula text). Bigger exports stream as XLSX or CSV.
pub(super) const ODS_MAX_CELLS: u64 = 65_536 * 256;

/// The most bytes of cell text csf lets calamine build from one ODS file,
/// repeats included: calamine copies a cell's text (and formula) into every
/// cell it repeats to, so a 10 KB note repeated over a 16,384-column row a
/// thousand times is 160 GB, however few the cells.
pub(super) const ODS_MAX_TEXT: u64 = 1 << 30;

/// `Err` with the reason when the file's sheets would span too many cells.
/// A file that cannot be scanned is left for calamine to report.
pub(super) fn check(path: &Path) -> Result<(), String> {
    let Ok(file) = std::fs::File::open(path) else {
        return Ok(());
    };
    let Ok(mut archive) = zip::ZipArchive::new(BufReader::new(file)) else {
        return Ok(());
    };
    let Ok(content) = archive.by_name("content.xml") else {
        return Ok(());
    };
    check_content(BufReader::new(content))
}

fn check_content(content: impl BufRead) -> Result<(), String> {
    let mut walk = Walk::default();
    let whole = for_each_tag(content, |tag, before| walk.tag(tag, before));
    // calamine reads a sheet until its end tag, and a text cell's comment
    // (`office:annotation`) until its own, and never stops at the end of
    // the file: there it loops forever (found by fuzzing).
    if whole && !walk.stopped {
        match walk.place {
            Place::Comment { .. } => {
                return Err(
                    "content.xml ends inside a cell comment: the file is cut off or damaged".into(),
                );
            }
            Place::Table => {
                return Err(format!(
                    "content.xml ends inside sheet {:?}: the file is cut off or damaged",
                    walk.name
                ));
            }
            _ => {}
        }
    }
    walk.finish_sheet();
    if walk.text > ODS_MAX_TEXT {
        return Err(format!(
            "its cells would hold {} bytes of text once repeated rows and cells \
             are expanded, more than the {ODS_MAX_TEXT} csf lets calamine build from \
             an ODS file: save it as XLSX or CSV, which csf reads row by row",
            walk.text
        ));
    }
    match walk.largest {
        Some((name, extent)) if walk.cells > ODS_MAX_CELLS => Err(format!(
            "its sheets span {} cells once repeated rows and cells are expanded \
             (sheet {name:?}: {} rows × {} columns); csf reads an ODS file whole and \
             takes at most {ODS_MAX_CELLS} cells from one: save it as XLSX or CSV, \
             which csf reads row by row",
            walk.cells, extent.rows, extent.columns
        )),
        _ => Ok(()),
    }
}

/// Rows × columns of the box holding a sheet's non-empty cells.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Extent {
    rows: u64,
    columns: u64,
}

impl Extent {
    fn cells(&self) -> u64 {
        self.rows.saturating_mul(self.columns)
    }
}

/// Positions while walking one sheet, capped at Excel's grid as calamine
/// caps its repeats.
#[derive(Default)]
struct Sheet {
    /// First row of the current row element, and how many rows it stands for.
    row: u64,
    row_repeats: u64,
    column: u64,
    row_filled: bool,
    /// The box of non-empty cells so far: first row, end row, first and end column.
    rows: Option<(u64, u64)>,
    columns: Option<(u64, u64)>,
    /// Bytes of text of the current row's filled cells, repeats included,
    /// and of the sheet's rows so far.
    row_text: u64,
    text: u64,
}

impl Sheet {
    fn start_row(&mut self, repeats: u64) {
        self.row_repeats = repeats.min(u64::from(MAX_ROWS).saturating_sub(self.row));
        self.column = 0;
        self.row_filled = false;
        self.row_text = 0;
    }

    /// A cell standing for `repeats` cells, with at most `bytes` of text.
    fn cell(&mut self, repeats: u64, filled: bool, bytes: u64) {
        let repeats = repeats.min((MAX_COLUMNS as u64).saturating_sub(self.column));
        if filled && repeats > 0 {
            self.row_text = self.row_text.saturating_add(bytes.saturating_mul(repeats));
            let (first, end) = (self.column, self.column + repeats);
            self.columns = Some(match self.columns {
                Some((f, e)) => (f.min(first), e.max(end)),
                None => (first, end),
            });
            self.row_filled = true;
        }
        self.column += repeats;
    }

    fn end_row(&mut self) {
        self.text = self
            .text
            .saturating_add(self.row_text.saturating_mul(self.row_repeats));
        self.row_text = 0;
        if self.row_filled && self.row_repeats > 0 {
            let end = self.row + self.row_repeats;
            self.rows = Some(match self.rows {
                Some((f, _)) => (f, end),
                None => (self.row, end),
            });
        }
        self.row += self.row_repeats;
    }

    fn extent(&self) -> Extent {
        match (self.rows, self.columns) {
            (Some((r0, r1)), Some((c0, c1))) => Extent {
                rows: r1 - r0,
                columns: c1 - c0,
            },
            _ => Extent::default(),
        }
    }
}

/// A repeat count: 1 when absent or unreadable (as calamine would fail on
/// it anyway).
fn number(tag: &[u8], name: &[u8]) -> u64 {
    attribute(tag, name)
        .and_then(|v| std::str::from_utf8(v).ok()?.trim().parse().ok())
        .unwrap_or(1)
}

#[cfg(test)]
mod tests;
mod walk;
