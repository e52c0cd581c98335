//! Writing one table to a sheet, row by row: the bold wrapped header, frozen
//! panes, autofilter, column formats, column widths fitted to what was
//! written, and the continuation sheets `Name (2)`, `Name (3)`, ... when a
//! table passes the row limit (SPEC 4).
//!
//! Every cell goes through here, so the rules hold on every sheet: no NaN or
//! infinity is ever written (the cell stays blank), text is always a string,
//! percent points are stored as fractions.
//!
//! Widths are tracked while writing and set when a sheet is finished: the
//! `<cols>` element is written when the workbook is saved, so this works in
//! constant-memory mode too, and needs no second pass over a million rows.

use chrono::NaiveDate;
use rust_xlsxwriter::{ColNum, RowNum, Workbook, Worksheet};

use super::WorkbookError;
use super::fitting::{FILTER_ARROW, MAX_WIDTH, MIN_WIDTH, Width, clip, prose_lines, wrap_header};
use super::formats::{Formats, Kind};
use crate::figures::roi::RoiFigures;

/// One column of a table: its header and the kind of value it holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub header: String,
    pub kind: Kind,
}

impl Column {
    pub fn new(header: impl Into<String>, kind: Kind) -> Self {
        Column {
            header: header.into(),
            kind,
        }
    }
}

/// Where a table's pages go and how long they may be.
pub struct Layout {
    /// Sheet name of the first page; later pages get ` (2)`, ` (3)`, ...
    pub name: String,
    /// Constant-memory worksheets: strictly row by row, tiny memory.
    pub large: bool,
    /// Rows per sheet, header included (Excel: 1,048,576).
    pub max_rows: u32,
}

/// Where new pages (worksheets) come from.
pub enum Pages<'w> {
    /// Made on demand from the workbook, as many as the table needs.
    Workbook(&'w mut Workbook),
    /// Made beforehand, so the table can be written on another thread; the
    /// caller knows how many it needs (`pages_needed`).
    Prepared(std::vec::IntoIter<Worksheet>),
}

/// Pages for `rows` table rows under one header row each.
pub fn pages_needed(rows: usize, max_rows: u32) -> usize {
    let per_page = (max_rows.max(2) - 1) as usize;
    rows.div_ceil(per_page).max(1)
}

/// Constant-memory worksheets made beforehand, for `Pages::Prepared`.
pub fn prepare_pages(wb: &mut Workbook, n: usize) -> Result<Vec<Worksheet>, WorkbookError> {
    (0..n)
        .map(|_| Ok(wb.new_worksheet_with_constant_memory()?))
        .collect()
}

/// Writes one table (with optional blocks above it) to one or more sheets.
/// The sheets are returned by `finish`, for the caller to add to the
/// workbook in order.
pub struct SheetWriter<'w> {
    source: Pages<'w>,
    current: Worksheet,
    done: Vec<Worksheet>,
    fmt: &'w Formats,
    layout: Layout,
    columns: Vec<Column>,
    page: u32,
    /// Row of the table's header on the current page.
    header_row: RowNum,
    /// The row being written; None before anything was written.
    row: Option<RowNum>,
    col: ColNum,
    widths: Vec<Width>,
    /// Lines the tallest wrapped cell of the current row takes.
    row_lines: usize,
}

impl<'w> SheetWriter<'w> {
    /// Start the first sheet of a table. Blocks above the table are written
    /// with `free_row` and the cell methods; then `table` writes the header.
    pub fn new(source: Pages<'w>, fmt: &'w Formats, layout: Layout) -> Result<Self, WorkbookError> {
        let mut w = SheetWriter {
            source,
            current: Worksheet::new(),
            done: Vec::new(),
            fmt,
            layout,
            columns: Vec::new(),
            page: 1,
            header_row: 0,
            row: None,
            col: 0,
            widths: Vec::new(),
            row_lines: 1,
        };
        w.current = w.new_page()?;
        Ok(w)
    }

    fn new_page(&mut self) -> Result<Worksheet, WorkbookError> {
        let name = if self.page == 1 {
            self.layout.name.clone()
        } else {
            format!("{} ({})", self.layout.name, self.page)
        };
        let mut ws = match &mut self.source {
            Pages::Workbook(wb) if self.layout.large => wb.new_worksheet_with_constant_memory()?,
            Pages::Workbook(_) => Worksheet::new(),
            Pages::Prepared(pages) => pages.next().ok_or_else(|| {
                WorkbookError::Inconsistent(format!("{name}: more pages needed than prepared"))
            })?,
        };
        ws.set_name(name)?;
        self.widths.clear();
        Ok(ws)
    }

    fn ws(&mut self) -> &mut Worksheet {
        &mut self.current
    }

    fn width(&mut self, col: ColNum, chars: usize) {
        let i = usize::from(col);
        if self.widths.len() <= i {
            self.widths.resize(i + 1, Width::default());
        }
        self.widths[i].see(chars);
    }

    /// The next free row of the current page (for blocks above a table).
    pub fn next_row(&self) -> RowNum {
        self.row.map_or(self.header_row, |r| r + 1)
    }

    /// Start the table: write its header at the next free row, freeze the
    /// panes below it and give each column its number format.
    pub fn table(&mut self, columns: Vec<Column>) -> Result<(), WorkbookError> {
        self.header_row = match self.row {
            Some(r) => r + 1,
            None => self.header_row,
        };
        self.columns = columns;
        self.write_header()
    }

    fn write_header(&mut self) -> Result<(), WorkbookError> {
        let header_row = self.header_row;
        let fmt = self.fmt;
        let mut lines = 1;
        let columns = std::mem::take(&mut self.columns);
        for (i, c) in columns.iter().enumerate() {
            let col = i as ColNum;
            let (chars, n) = wrap_header(&c.header);
            lines = lines.max(n);
            self.width(col, chars + FILTER_ARROW);
            let ws = self.ws();
            ws.write_string_with_format(header_row, col, c.header.as_str(), &fmt.header)?;
            if !matches!(c.kind, Kind::Text | Kind::General) {
                ws.set_column_format(col, fmt.of(c.kind))?;
            }
        }
        self.columns = columns;
        let ws = self.ws();
        // Wrapped headers need a taller row; set now, while the row is still
        // in memory (constant-memory mode flushes it with the next row).
        ws.set_row_height(header_row, 15.0 * lines as f64)?;
        ws.set_freeze_panes(header_row + 1, 0)?;
        self.row = Some(header_row);
        self.col = 0;
        self.row_lines = 1;
        Ok(())
    }

    /// Begin a data row of the table; moves to a new page at the row limit.
    pub fn row(&mut self) -> Result<(), WorkbookError> {
        let next = self.next_row();
        if next >= self.layout.max_rows {
            self.finish_page()?;
            self.page += 1;
            let next = self.new_page()?;
            self.done.push(std::mem::replace(&mut self.current, next));
            self.header_row = 0;
            self.write_header()?;
            self.row = Some(1);
        } else {
            self.row = Some(next);
        }
        self.col = 0;
        self.row_lines = 1;
        Ok(())
    }

    /// Begin a row of a block above the table (or a note row), not counted
    /// in the table's autofilter.
    pub fn free_row(&mut self) {
        self.row = Some(self.next_row());
        self.col = 0;
        self.row_lines = 1;
    }

    /// Leave a row empty.
    pub fn skip_row(&mut self) {
        self.free_row();
    }

    fn here(&self) -> (RowNum, ColNum) {
        (self.row.unwrap_or(self.header_row), self.col)
    }

    fn kind(&self) -> Kind {
        self.kind_at(self.col)
    }

    fn kind_at(&self, col: ColNum) -> Kind {
        self.columns
            .get(usize::from(col))
            .map_or(Kind::General, |c| c.kind)
    }

    /// Leave the current cell blank.
    pub fn blank(&mut self) {
        self.col += 1;
    }

    /// Text from input or from csf, always stored as a string.
    pub fn text(&mut self, s: &str) -> Result<(), WorkbookError> {
        self.put_text(s, None)
    }

    pub fn opt_text(&mut self, s: Option<&str>) -> Result<(), WorkbookError> {
        match s {
            Some(s) => self.text(s),
            None => {
                self.blank();
                Ok(())
            }
        }
    }

    /// Text in bold (labels).
    pub fn bold_text(&mut self, s: &str) -> Result<(), WorkbookError> {
        let f = &self.fmt.bold;
        self.put_text(s, Some(f))
    }

    /// A bold section title that runs on over the empty cells to its right:
    /// it does not widen its column.
    pub fn section_text(&mut self, s: &str) -> Result<(), WorkbookError> {
        let f = &self.fmt.bold;
        self.write_text(s, Some(f), false)
    }

    /// A note in italics that runs on over the empty cells to its right:
    /// it does not widen its column.
    pub fn note_text(&mut self, s: &str) -> Result<(), WorkbookError> {
        let f = &self.fmt.note;
        self.write_text(s, Some(f), false)
    }

    /// A plain line that runs on over the empty cells to its right.
    pub fn spill_text(&mut self, s: &str) -> Result<(), WorkbookError> {
        self.write_text(s, None, false)
    }

    fn put_text(
        &mut self,
        s: &str,
        format: Option<&rust_xlsxwriter::Format>,
    ) -> Result<(), WorkbookError> {
        self.write_text(s, format, true)
    }

    fn write_text(
        &mut self,
        s: &str,
        format: Option<&rust_xlsxwriter::Format>,
        fit: bool,
    ) -> Result<(), WorkbookError> {
        let (row, col) = self.here();
        self.col += 1;
        if s.is_empty() {
            return Ok(());
        }
        let s = clip(s);
        if fit {
            self.width(col, s.chars().count() + 1);
        }
        // Wrapped text needs a taller row, which neither Excel nor LibreOffice
        // works out on opening; set it while the row is current.
        let lines = if self.kind_at(col) == Kind::Prose {
            prose_lines(s)
        } else {
            1
        };
        if lines > self.row_lines {
            self.row_lines = lines;
            self.ws().set_row_height(row, 15.0 * lines as f64)?;
        }
        let ws = self.ws();
        match format {
            Some(f) => ws.write_string_with_format(row, col, s, f)?,
            None => ws.write_string(row, col, s)?,
        };
        Ok(())
    }

    /// A number in the column's kind; None and non-finite values stay blank.
    pub fn num(&mut self, v: Option<f64>) -> Result<(), WorkbookError> {
        let kind = self.kind();
        self.put_num(v, kind, false)
    }

    /// A number in a kind of its own (blocks above a table, Summary rows).
    pub fn num_as(&mut self, kind: Kind, v: Option<f64>) -> Result<(), WorkbookError> {
        self.put_num(v, kind, true)
    }

    /// A count, which is never missing.
    pub fn count(&mut self, n: u64) -> Result<(), WorkbookError> {
        self.num(Some(n as f64))
    }

    fn put_num(&mut self, v: Option<f64>, kind: Kind, explicit: bool) -> Result<(), WorkbookError> {
        let (row, col) = self.here();
        self.col += 1;
        let Some(v) = v.filter(|v| v.is_finite()) else {
            return Ok(());
        };
        self.width(col, kind.shown_width(v) + 1);
        let stored = kind.stored(v);
        let fmt = self.fmt;
        let ws = self.ws();
        // Table cells take their column's format: no per-cell format lookup
        // (that lookup hashes the whole Format, a real cost at a million rows).
        if explicit && kind != Kind::General {
            ws.write_number_with_format(row, col, stored, fmt.of(kind))?;
        } else {
            ws.write_number(row, col, stored)?;
        }
        Ok(())
    }

    /// A date in the column's date format; None stays blank.
    pub fn date(&mut self, d: Option<NaiveDate>) -> Result<(), WorkbookError> {
        let explicit = self.kind() != Kind::Date;
        self.put_date(d, explicit)
    }

    /// A date with an explicit date format (outside a date column).
    pub fn date_as(&mut self, d: Option<NaiveDate>) -> Result<(), WorkbookError> {
        self.put_date(d, true)
    }

    fn put_date(&mut self, d: Option<NaiveDate>, explicit: bool) -> Result<(), WorkbookError> {
        let (row, col) = self.here();
        self.col += 1;
        let Some(d) = d else { return Ok(()) };
        self.width(col, 11);
        let fmt = self.fmt;
        let ws = self.ws();
        if explicit {
            ws.write_date_with_format(row, col, d, fmt.of(Kind::Date))?;
        } else {
            ws.write_datetime(row, col, d)?;
        }
        Ok(())
    }

    /// Finish the last page (autofilter over the table, column widths) and
    /// hand over every page, in order.
    pub fn finish(mut self) -> Result<Vec<Worksheet>, WorkbookError> {
        self.finish_page()?;
        self.done.push(self.current);
        Ok(self.done)
    }

    fn finish_page(&mut self) -> Result<(), WorkbookError> {
        let header_row = self.header_row;
        let last_row = self.row.unwrap_or(header_row).max(header_row);
        let ncols = self.columns.len();
        let widths = std::mem::take(&mut self.widths);
        let ws = self.ws();
        if ncols > 0 {
            ws.autofilter(header_row, 0, last_row, (ncols - 1) as ColNum)?;
        }
        for (i, w) in widths.iter().enumerate() {
            let chars = w.chars.clamp(MIN_WIDTH, MAX_WIDTH);
            ws.set_column_width(i as ColNum, chars as f64)?;
        }
        Ok(())
    }

    /// Access to the current page for what this helper does not cover
    /// (charts on the Summary sheet).
    pub fn worksheet(&mut self) -> &mut Worksheet {
        self.ws()
    }
}

/// The ROI columns that Customers and Checkpoints share, in the order
/// [`SheetWriter::savings`] writes them.
pub fn savings_columns() -> [Column; 6] {
    [
        Column::new("Storage savings / month", Kind::Money),
        Column::new("Latency savings / month", Kind::Money),
        Column::new("Accuracy savings / month", Kind::Money),
        Column::new("Infrastructure savings / month", Kind::Money),
        Column::new("Monthly savings", Kind::Money),
        Column::new("Net ROI %", Kind::Percent),
    ]
}

impl SheetWriter<'_> {
    /// The four benefit lines, monthly savings and net ROI % of one
    /// comparison with the baseline (blank without one).
    pub fn savings(&mut self, roi: Option<&RoiFigures>) -> Result<(), WorkbookError> {
        let lines = roi.map(|r| r.lines).unwrap_or_default();
        for line in [
            lines.storage,
            lines.latency,
            lines.accuracy,
            lines.infrastructure,
        ] {
            self.num(line)?;
        }
        self.num(roi.and_then(|r| r.monthly_savings))?;
        self.num(roi.and_then(|r| r.net_roi_pct))
    }
}
