//! The size of the grid calamine would build for an ODS file, found before
//! it builds it.
//!
//! calamine reads ODS whole: it expands repeated rows and cells
//! (`table:number-rows-repeated="6000"` on a row whose one cell is
//! `table:number-columns-repeated="16384"`) into a dense grid of every sheet
//! at open. An 863-byte file asked that way for 98 million cells and took
//! 6 GB. So the file's `content.xml` is first streamed through (nothing is
//! kept) to add up, per sheet, the box that its non-empty cells span, the
//! way calamine trims it; a file over [`ODS_MAX_CELLS`] is refused.

use std::io::{BufRead, BufReader};
use std::ops::ControlFlow;
use std::path::Path;

use super::xml_tags::{attribute, element_name, for_each_tag};
use crate::input::{MAX_COLUMNS, MAX_ROWS};

/// The most cells csf lets calamine build from one ODS file: as many as the
/// largest XLS sheet (65,536 × 256), about 1 GB at calamine's ~56 bytes a
/// cell (value plus formula text). Bigger exports stream as XLSX or CSV.
pub(super) const ODS_MAX_CELLS: u64 = 65_536 * 256;

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
    let mut total: u64 = 0;
    let mut largest: Option<(String, Extent)> = None;
    let mut sheet = Sheet::default();
    let mut name = String::new();
    let mut finish = |sheet: &Sheet, name: &mut String| {
        let extent = sheet.extent();
        total = total.saturating_add(extent.cells());
        if largest
            .as_ref()
            .is_none_or(|(_, e)| extent.cells() > e.cells())
        {
            largest = Some((std::mem::take(name), extent));
        }
    };
    for_each_tag(content, |tag| {
        // calamine expands `<x/>` into a start and an end.
        let closed = tag.ends_with(b"/");
        match element_name(tag) {
            b"table:table" => {
                sheet = Sheet::default();
                name = attribute(tag, b"table:name")
                    .map(|n| String::from_utf8_lossy(n).into_owned())
                    .unwrap_or_default();
                if closed {
                    finish(&sheet, &mut name);
                }
            }
            b"/table:table" => finish(&sheet, &mut name),
            b"table:table-row" => {
                sheet.start_row(number(tag, b"table:number-rows-repeated"));
                if closed {
                    sheet.end_row();
                }
            }
            b"/table:table-row" => sheet.end_row(),
            b"table:table-cell" | b"table:covered-table-cell" => {
                let repeats = number(tag, b"table:number-columns-repeated");
                // A cell with a value, a formula or content (`<text:p>`):
                // LibreOffice writes empty cells as `<table:table-cell .../>`.
                let filled =
                    !closed || VALUE_ATTRIBUTES.iter().any(|a| attribute(tag, a).is_some());
                sheet.cell(repeats, filled);
            }
            _ => {}
        }
        ControlFlow::Continue(())
    });
    match largest {
        Some((name, extent)) if total > ODS_MAX_CELLS => Err(format!(
            "its sheets span {total} cells once repeated rows and cells are expanded \
             (sheet {name:?}: {} rows × {} columns); csf reads an ODS file whole and \
             takes at most {ODS_MAX_CELLS} cells from one: save it as XLSX or CSV, \
             which csf reads row by row",
            extent.rows, extent.columns
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
}

impl Sheet {
    fn start_row(&mut self, repeats: u64) {
        self.row_repeats = repeats.min(u64::from(MAX_ROWS).saturating_sub(self.row));
        self.column = 0;
        self.row_filled = false;
    }

    fn cell(&mut self, repeats: u64, filled: bool) {
        let repeats = repeats.min((MAX_COLUMNS as u64).saturating_sub(self.column));
        if filled && repeats > 0 {
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

/// Attributes that give a cell a value (or a formula) in calamine.
const VALUE_ATTRIBUTES: [&[u8]; 7] = [
    b"office:value-type",
    b"office:value",
    b"office:string-value",
    b"office:date-value",
    b"office:time-value",
    b"office:boolean-value",
    b"table:formula",
];

/// A repeat count: 1 when absent or unreadable (as calamine would fail on
/// it anyway).
fn number(tag: &[u8], name: &[u8]) -> u64 {
    attribute(tag, name)
        .and_then(|v| std::str::from_utf8(v).ok()?.trim().parse().ok())
        .unwrap_or(1)
}

#[cfg(test)]
mod tests;
