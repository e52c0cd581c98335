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
    let mut total: u64 = 0;
    let mut largest: Option<(String, Extent)> = None;
    let mut sheet = Sheet::default();
    let mut name = String::new();
    let mut in_table = false;
    let mut in_annotation = false;
    // The cell being read: its repeats and the bytes of its XML so far.
    let mut cell: Option<(u64, u64)> = None;
    let mut text: u64 = 0;
    let mut finish = |sheet: &mut Sheet, name: &mut String, text: &mut u64| {
        let extent = sheet.extent();
        total = total.saturating_add(extent.cells());
        *text = text.saturating_add(sheet.text);
        if largest
            .as_ref()
            .is_none_or(|(_, e)| extent.cells() > e.cells())
        {
            largest = Some((std::mem::take(name), extent));
        }
    };
    let whole = for_each_tag(content, |tag, span| {
        // calamine expands `<x/>` into a start and an end.
        let closed = tag.ends_with(b"/");
        let element = element_name(tag);
        if let Some((_, bytes)) = cell.as_mut() {
            // The text between the previous tag and this one (at least: a
            // tag longer than what is kept makes it more).
            *bytes = bytes.saturating_add(span.saturating_sub(tag.len() as u64 + 2));
            if element == b"text:s" {
                // `<text:s text:c="N"/>` is N spaces in the cell's text.
                *bytes = bytes.saturating_add(number(tag, b"text:c"));
            }
        }
        match element {
            b"table:table" => {
                sheet = Sheet::default();
                name = attribute(tag, b"table:name")
                    .map(|n| String::from_utf8_lossy(n).into_owned())
                    .unwrap_or_default();
                in_table = !closed;
                if closed {
                    finish(&mut sheet, &mut name, &mut text);
                }
            }
            b"/table:table" => {
                in_table = false;
                finish(&mut sheet, &mut name, &mut text);
            }
            b"table:table-row" => {
                sheet.start_row(number(tag, b"table:number-rows-repeated"));
                if closed {
                    sheet.end_row();
                }
            }
            b"/table:table-row" => sheet.end_row(),
            b"office:annotation" => in_annotation = !closed,
            b"/office:annotation" => in_annotation = false,
            b"table:table-cell" | b"table:covered-table-cell" => {
                let repeats = number(tag, b"table:number-columns-repeated");
                // Text calamine copies into every repeat: a string value
                // and a formula given as attributes, then the content.
                let own_text = [b"office:string-value".as_slice(), b"table:formula"]
                    .iter()
                    .filter_map(|a| attribute(tag, a))
                    .map(|v| v.len() as u64)
                    .sum();
                if closed {
                    // A cell with a value or a formula; LibreOffice writes
                    // empty cells as `<table:table-cell .../>`.
                    let filled = VALUE_ATTRIBUTES.iter().any(|a| attribute(tag, a).is_some());
                    sheet.cell(repeats, filled, own_text);
                } else {
                    cell = Some((repeats, own_text));
                }
            }
            b"/table:table-cell" | b"/table:covered-table-cell" => {
                if let Some((repeats, bytes)) = cell.take() {
                    sheet.cell(repeats, true, bytes);
                }
            }
            _ => {}
        }
        ControlFlow::Continue(())
    });
    // calamine reads a sheet until its end tag, and a cell's comment
    // (`office:annotation`) until its own, and never stops at the end of
    // the file: a cut-off sheet made it loop forever (found by fuzzing).
    if whole && in_annotation {
        return Err(
            "content.xml ends inside a cell comment: the file is cut off or damaged".into(),
        );
    }
    if whole && in_table {
        return Err(format!(
            "content.xml ends inside sheet {name:?}: the file is cut off or damaged"
        ));
    }
    if text > ODS_MAX_TEXT {
        return Err(format!(
            "its cells would hold {text} bytes of text once repeated rows and cells \
             are expanded, more than the {ODS_MAX_TEXT} csf lets calamine build from \
             an ODS file: save it as XLSX or CSV, which csf reads row by row"
        ));
    }
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
