//! Workbooks (XLSX, XLSM, XLSB, XLS, ODS), read with calamine.
//!
//! XLSX/XLSM and XLSB sheets are streamed cell by cell with calamine's cells
//! readers, which never allocate the dense grid of the sheet's declared
//! bounding box: a sheet that declares `A1:XFD1048576` but holds 30 rows
//! costs 30 rows. The reader runs on its own thread (see `batches`).
//! XLS and ODS are read whole by calamine (XLS sheets are at most
//! 65,536 × 256 cells; calamine caps ODS sheets at 100 million cells).

mod cells;
mod ods_size;
mod shared_strings;
#[cfg(test)]
mod tests;
mod xml_tags;

use std::io::BufReader;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;

use calamine::{Reader, SheetType, SheetVisible, Sheets, Xlsb, Xlsx};

use super::batches::{self, panic_message, quietly};
use super::header::find_header;
use super::{Cell, InputError, RawRow, ReadOptions, Table};
use cells::RowGrouper;

/// A header wider than this must be mostly named: each row is padded to the
/// header's width, and a stray cell far to the right of a short header (say
/// in column XFD) would otherwise make every row 16,384 cells wide.
const WIDE_HEADER: usize = 1024;

type FileReader = BufReader<std::fs::File>;

enum Book {
    Xlsx(Xlsx<FileReader>),
    Xlsb(Xlsb<FileReader>),
    /// XLS and ODS.
    Whole(Sheets<FileReader>),
}

pub fn open(path: &Path, options: &ReadOptions) -> Result<Table, InputError> {
    std::fs::metadata(path).map_err(|source| InputError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let unreadable = |message: String| InputError::Unreadable {
        path: path.to_path_buf(),
        message,
    };
    // Sizes that calamine would trust and allocate at once, checked first.
    if extension_is(path, "ods") {
        ods_size::check(path).map_err(unreadable)?;
    }
    if extension_is(path, "xlsx") || extension_is(path, "xlsm") {
        shared_strings::check(path).map_err(unreadable)?;
    }
    // calamine is fuzzed but not panic-free on every malformed file.
    let book = panic::catch_unwind(AssertUnwindSafe(|| quietly(|| open_book(path))))
        .map_err(|payload| unreadable(panic_message(payload)))?
        .map_err(|message| unreadable(explain_open_failure(path, message)))?;
    let sheet = choose_sheet(path, sheet_list(&book), options.sheet.as_deref())?;

    let thread_sheet = sheet.clone();
    let thread_path = path.to_path_buf();
    let mut rows = batches::spawn(path, move |sink| {
        let mut out = RowGrouper::new(sink, thread_path, thread_sheet.clone());
        match book {
            Book::Xlsx(mut book) => cells::stream_xlsx(&mut book, &thread_sheet, &mut out)?,
            Book::Xlsb(mut book) => cells::stream_xlsb(&mut book, &thread_sheet, &mut out)?,
            Book::Whole(mut book) => cells::stream_whole(&mut book, &thread_sheet, &mut out)?,
        }
        out.finish()
    })?;

    let found = find_header(&mut rows, options)?.ok_or_else(|| InputError::NoHeader {
        path: path.to_path_buf(),
    })?;
    // A table that starts in column B or later: columns left of the first
    // header name belong to no column.
    let offset = found
        .names
        .iter()
        .position(|n| !n.trim().is_empty())
        .unwrap_or(0);
    let headers = found.names[offset..].to_vec();
    let named = headers.iter().filter(|n| !n.trim().is_empty()).count();
    if headers.len() > WIDE_HEADER && named * 2 < headers.len() {
        return Err(unreadable(format!(
            "{sheet}!{}: the header row spans {} columns but only {named} have a name; \
             delete the stray cells to the right of the table, or save the sheet as CSV",
            found.header.row,
            headers.len()
        )));
    }
    let width = headers.len();
    let shaped = found
        .following
        .into_iter()
        .map(Ok)
        .chain(rows)
        .map(move |row| row.map(|row| shape(row, offset, width)));
    Ok(Table {
        path: path.to_path_buf(),
        sheet: Some(sheet),
        encoding: None,
        delimiter: None,
        headers,
        header_row: found.header.row,
        rows: Box::new(shaped),
    })
}

fn extension_is(path: &Path, wanted: &str) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case(wanted))
}

fn open_book(path: &Path) -> Result<Book, String> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    match extension.as_str() {
        "xlsx" | "xlsm" => calamine::open_workbook(path)
            .map(Book::Xlsx)
            .map_err(|e: calamine::XlsxError| e.to_string()),
        "xlsb" => calamine::open_workbook(path)
            .map(Book::Xlsb)
            .map_err(|e: calamine::XlsbError| e.to_string()),
        _ => calamine::open_workbook_auto(path)
            .map(Book::Whole)
            .map_err(|e| e.to_string()),
    }
}

/// calamine's message, plus a hint for the usual impostor: several CRMs
/// export "Excel" reports that are really HTML or XML files named `.xls`.
fn explain_open_failure(path: &Path, message: String) -> String {
    let head = std::fs::read(path)
        .map(|b| b.into_iter().take(512).collect::<Vec<u8>>())
        .unwrap_or_default();
    let text = String::from_utf8_lossy(&head);
    if text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('<')
    {
        format!(
            "not a readable workbook ({message}); it looks like an HTML or XML file \
             with a spreadsheet extension: open it and save it as XLSX or CSV"
        )
    } else {
        format!("not a readable workbook: {message}")
    }
}

fn sheet_list(book: &Book) -> &[calamine::Sheet] {
    match book {
        Book::Xlsx(b) => b.sheets_metadata(),
        Book::Xlsb(b) => b.sheets_metadata(),
        Book::Whole(b) => b.sheets_metadata(),
    }
}

/// The sheet asked for (exactly, or ignoring case as Excel does), else the
/// first visible worksheet (chart sheets hold no rows).
fn choose_sheet(
    path: &Path,
    sheets: &[calamine::Sheet],
    wanted: Option<&str>,
) -> Result<String, InputError> {
    let worksheets: Vec<&calamine::Sheet> = sheets
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet)
        .collect();
    if let Some(wanted) = wanted {
        let found = worksheets.iter().find(|s| s.name == wanted).or_else(|| {
            worksheets
                .iter()
                .find(|s| s.name.to_lowercase() == wanted.to_lowercase())
        });
        return match found {
            Some(sheet) => Ok(sheet.name.clone()),
            None => Err(InputError::NoSuchSheet {
                path: path.to_path_buf(),
                sheet: wanted.to_string(),
                available: worksheets
                    .iter()
                    .map(|s| s.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            }),
        };
    }
    worksheets
        .iter()
        .find(|s| s.visible == SheetVisible::Visible)
        .or_else(|| worksheets.first())
        .map(|s| s.name.clone())
        .ok_or_else(|| InputError::Unreadable {
            path: path.to_path_buf(),
            message: "the workbook has no worksheet".into(),
        })
}

/// Rows line up with the header: columns left of it dropped, short rows
/// padded (in a sheet, trailing empty cells are not written at all, so a
/// short row is not a ragged one). Cells beyond the header are kept, so
/// that intake can report them.
fn shape(mut row: RawRow, offset: usize, width: usize) -> RawRow {
    if offset > 0 {
        let cut = offset.min(row.cells.len());
        row.cells.drain(..cut);
    }
    if row.cells.len() < width {
        row.cells.resize(width, Cell::Empty);
    }
    row
}
