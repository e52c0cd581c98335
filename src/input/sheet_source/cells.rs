//! Inside the reader thread: calamine cells to [`Cell`]s, grouped into rows.

use std::path::PathBuf;

use calamine::{Data, DataRef, ExcelDateTime, Reader, Sheets, Xlsb, Xlsx};
use chrono::{NaiveDate, NaiveDateTime};

use super::FileReader;
use crate::input::batches::{RowSink, Stop, quietly};
use crate::input::{Cell, InputError, MAX_COLUMNS, MAX_ROWS, RawRow};

/// XLSX/XLSM: one streaming pass gives each cell's value and style id; the
/// style's number format tells a percent cell (SPEC 2.3).
pub(super) fn stream_xlsx(
    book: &mut Xlsx<FileReader>,
    sheet: &str,
    out: &mut RowGrouper,
) -> Result<(), Stop> {
    let mut reader = quietly(|| book.worksheet_cells_reader(sheet)).map_err(|e| out.failed(e))?;
    let percent_styles: Vec<bool> = reader
        .styles()
        .iter()
        .map(|style| {
            style
                .number_format
                .as_ref()
                .is_some_and(|f| is_percent_format(&f.format_code))
        })
        .collect();
    while let Some((cell, style)) =
        quietly(|| reader.next_cell_with_style_id()).map_err(|e| out.failed(e))?
    {
        let (row, col) = cell.get_position();
        let percent = percent_styles.get(style).copied().unwrap_or(false);
        out.push(row, col, from_data_ref(cell.get_value(), percent))?;
    }
    Ok(())
}

/// XLSB: streamed too; calamine gives no styles here, so no percent flag.
pub(super) fn stream_xlsb(
    book: &mut Xlsb<FileReader>,
    sheet: &str,
    out: &mut RowGrouper,
) -> Result<(), Stop> {
    let mut reader = quietly(|| book.worksheet_cells_reader(sheet)).map_err(|e| out.failed(e))?;
    while let Some(cell) = quietly(|| reader.next_cell()).map_err(|e| out.failed(e))? {
        let (row, col) = cell.get_position();
        out.push(row, col, from_data_ref(cell.get_value(), false))?;
    }
    Ok(())
}

/// XLS and ODS: calamine has no streaming reader for these.
pub(super) fn stream_whole(
    book: &mut Sheets<FileReader>,
    sheet: &str,
    out: &mut RowGrouper,
) -> Result<(), Stop> {
    let range = quietly(|| book.worksheet_range(sheet)).map_err(|e| out.failed(e))?;
    let Some((first_row, first_col)) = range.start() else {
        return Ok(());
    };
    for (i, cells) in range.rows().enumerate() {
        for (j, value) in cells.iter().enumerate() {
            // Offsets fit: a range is at most 1,048,576 × 16,384.
            out.push(first_row + i as u32, first_col + j as u32, from_data(value))?;
        }
    }
    Ok(())
}

fn from_data_ref(value: &DataRef<'_>, percent: bool) -> Cell {
    match value {
        DataRef::Empty => Cell::Empty,
        DataRef::String(s) => text(s),
        DataRef::SharedString(s) => text(s),
        DataRef::Float(v) => Cell::Number { value: *v, percent },
        DataRef::Int(v) => Cell::Number {
            value: *v as f64,
            percent,
        },
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(d) => date_time(d),
        DataRef::DateTimeIso(s) => iso_date_time(s),
        DataRef::DurationIso(s) => text(s),
        DataRef::Error(e) => Cell::Error(e.to_string()),
    }
}

/// Same as [`from_data_ref`] for the owned values of a whole-sheet read
/// (XLS and ODS, where calamine exposes no number formats).
fn from_data(value: &Data) -> Cell {
    match value {
        Data::Empty => Cell::Empty,
        Data::String(s) => text(s),
        Data::Float(v) => Cell::Number {
            value: *v,
            percent: false,
        },
        Data::Int(v) => Cell::Number {
            value: *v as f64,
            percent: false,
        },
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(d) => date_time(d),
        Data::DateTimeIso(s) => iso_date_time(s),
        Data::DurationIso(s) => text(s),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

fn text(s: &str) -> Cell {
    if s.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s.to_string())
    }
}

/// A number with a date format. calamine has already applied the workbook's
/// date system (1900 or 1904). A duration format (`[h]:mm`) is no date: it
/// stays a number of days.
fn date_time(value: &ExcelDateTime) -> Cell {
    match value.as_datetime() {
        Some(dt) if value.is_datetime() => Cell::DateTime(dt),
        _ => Cell::Number {
            value: value.as_f64(),
            percent: false,
        },
    }
}

/// ODS stores dates as ISO text (`2025-03-31` or `2025-03-31T10:00:00`).
fn iso_date_time(s: &str) -> Cell {
    if let Ok(dt) = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f") {
        return Cell::DateTime(dt);
    }
    match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        Ok(d) => Cell::DateTime(d.and_time(chrono::NaiveTime::MIN)),
        Err(_) => text(s),
    }
}

/// Whether a number format code shows the value as a percentage: a `%`
/// outside quoted text, backslash escapes and `[...]` sections.
pub(super) fn is_percent_format(code: &str) -> bool {
    let mut chars = code.chars();
    let mut in_quotes = false;
    let mut in_brackets = false;
    while let Some(c) = chars.next() {
        match c {
            '"' => in_quotes = !in_quotes,
            _ if in_quotes => {}
            '\\' => {
                chars.next();
            }
            '[' => in_brackets = true,
            ']' => in_brackets = false,
            '%' if !in_brackets => return true,
            _ => {}
        }
    }
    false
}

/// Groups cells (in row-major order, as sheets store them) into rows.
pub(super) struct RowGrouper<'a> {
    sink: &'a mut RowSink,
    /// 0-based row index and the cells seen so far.
    current: Option<(u32, Vec<Cell>)>,
    /// Position of the last cell kept, to check that positions only grow.
    last: Option<(u32, u32)>,
    path: PathBuf,
    sheet: String,
}

impl<'a> RowGrouper<'a> {
    pub(super) fn new(sink: &'a mut RowSink, path: PathBuf, sheet: String) -> Self {
        RowGrouper {
            sink,
            current: None,
            last: None,
            path,
            sheet,
        }
    }

    /// `row` and `col` are 0-based sheet positions.
    pub(super) fn push(&mut self, row: u32, col: u32, cell: Cell) -> Result<(), Stop> {
        // Empty cells are not stored at all: formatted-but-empty cells are
        // common and would only widen rows.
        if cell == Cell::Empty {
            return Ok(());
        }
        // A damaged or hand-made file can put a cell anywhere: far beyond
        // Excel's grid (a row of 321 million cells for `ZZZZZZ2`), or twice
        // in the same place, or above one already read (two `<row r="3">`
        // would merge, and one of them be lost without a trace).
        if col as usize >= MAX_COLUMNS || row >= MAX_ROWS {
            return Err(self.failed(format!(
                "a cell at row {}, column {} is outside Excel's grid (A1:XFD1048576); \
                 the file is damaged",
                u64::from(row) + 1,
                u64::from(col) + 1
            )));
        }
        if let Some(last) = self.last
            && (row, col) <= last
        {
            return Err(self.failed(format!(
                "cell {} comes after cell {}: the cells are out of order or repeated, \
                 so the file is damaged; open it in Excel and save it again",
                cell_name(row, col),
                cell_name(last.0, last.1)
            )));
        }
        self.last = Some((row, col));
        if self.current.as_ref().map(|(r, _)| *r) != Some(row) {
            self.end_row()?;
            self.current = Some((row, Vec::new()));
        }
        if let Some((_, cells)) = self.current.as_mut() {
            let col = col as usize;
            if cells.len() <= col {
                cells.resize(col + 1, Cell::Empty);
            }
            cells[col] = cell;
        }
        Ok(())
    }

    /// Sends the last row. Not called after a failure: a row cut short by a
    /// broken file would be reported with cells it does not have.
    pub(super) fn finish(mut self) -> Result<(), Stop> {
        self.end_row()
    }

    fn end_row(&mut self) -> Result<(), Stop> {
        let Some((row, cells)) = self.current.take() else {
            return Ok(());
        };
        let blank = cells.iter().all(|c| match c {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        });
        if blank {
            return Ok(());
        }
        self.sink.push(RawRow {
            row: row.saturating_add(1),
            cells,
        })
    }

    /// calamine's error, naming the file and sheet.
    fn failed(&self, error: impl std::fmt::Display) -> Stop {
        Stop::Failed(InputError::Unreadable {
            path: self.path.clone(),
            message: format!("sheet {:?}: {error}", self.sheet),
        })
    }
}

/// `B3` for 0-based row 2, column 1.
fn cell_name(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let digit = ((n - 1) % 26) as u8;
        letters.push(b'A' + digit);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!(
        "{}{}",
        String::from_utf8_lossy(&letters),
        u64::from(row) + 1
    )
}

#[cfg(test)]
mod tests;
