//! Workbooks (XLSX, XLSM, XLSB, XLS, ODS), read with calamine.
//!
//! XLSX/XLSM and XLSB sheets are streamed cell by cell with calamine's cells
//! readers, which never allocate the dense grid of the sheet's declared
//! bounding box: a sheet that declares `A1:XFD1048576` but holds 30 rows
//! costs 30 rows. The reader runs on its own thread (it borrows the workbook,
//! so it cannot live inside a plain iterator) and hands rows over in batches
//! through a bounded channel, so memory stays flat however long the sheet is.
//! XLS and ODS are read whole by calamine (XLS sheets are at most
//! 65,536 × 256 cells; calamine caps ODS sheets at 100 million cells).

mod cells;
#[cfg(test)]
mod tests;

use std::any::Any;
use std::io::BufReader;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::{self, JoinHandle};

use calamine::{Reader, SheetType, SheetVisible, Sheets, Xlsb, Xlsx};

use super::header::find_header;
use super::{Cell, InputError, RawRow, ReadOptions, Table};
use cells::{RowSender, Stop};

/// Batches in flight between the reader thread and the consumer.
const BATCHES_IN_FLIGHT: usize = 4;
/// A header wider than this must be mostly named: each row is padded to the
/// header's width, and a stray cell far to the right of a short header (say
/// in column XFD) would otherwise make every row 16,384 cells wide.
const WIDE_HEADER: usize = 1024;

type FileReader = BufReader<std::fs::File>;
type Batch = Result<Vec<RawRow>, InputError>;

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
    // calamine is fuzzed but not panic-free on every malformed file.
    let book = panic::catch_unwind(AssertUnwindSafe(|| open_book(path)))
        .map_err(|payload| unreadable(panic_message(payload)))?
        .map_err(|message| unreadable(explain_open_failure(path, message)))?;
    let sheet = choose_sheet(path, sheet_list(&book), options.sheet.as_deref())?;

    let (sender, receiver) = sync_channel(BATCHES_IN_FLIGHT);
    let thread_sheet = sheet.clone();
    let thread_path = path.to_path_buf();
    let handle = thread::Builder::new()
        .name("csf-sheet-reader".into())
        .spawn(move || stream_sheet(book, &thread_sheet, &thread_path, sender))
        .map_err(|source| InputError::Io {
            path: path.to_path_buf(),
            source,
        })?;
    let mut rows = SheetRows {
        receiver,
        batch: Vec::new().into_iter(),
        handle: Some(handle),
        path: path.to_path_buf(),
    };

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

/// Body of the reader thread.
fn stream_sheet(book: Book, sheet: &str, path: &Path, sender: SyncSender<Batch>) {
    let mut out = RowSender::new(sender);
    let result = match book {
        Book::Xlsx(mut book) => cells::stream_xlsx(&mut book, sheet, &mut out),
        Book::Xlsb(mut book) => cells::stream_xlsb(&mut book, sheet, &mut out),
        Book::Whole(mut book) => cells::stream_whole(&mut book, sheet, &mut out),
    };
    match result {
        Ok(()) => out.finish(None),
        Err(Stop::ConsumerGone) => {}
        Err(Stop::Failed(message)) => out.finish(Some(InputError::Unreadable {
            path: path.to_path_buf(),
            message: format!("sheet {sheet:?}: {message}"),
        })),
    }
}

/// The consumer's side of the reader thread.
struct SheetRows {
    receiver: Receiver<Batch>,
    batch: std::vec::IntoIter<RawRow>,
    handle: Option<JoinHandle<()>>,
    path: PathBuf,
}

impl Iterator for SheetRows {
    type Item = Result<RawRow, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(row) = self.batch.next() {
                return Some(Ok(row));
            }
            match self.receiver.recv() {
                Ok(Ok(batch)) => self.batch = batch.into_iter(),
                Ok(Err(error)) => return Some(Err(error)),
                // The thread has finished, or died: a panic must not pass
                // for the end of the sheet.
                Err(_) => {
                    let outcome = self.handle.take()?.join();
                    return outcome.err().map(|payload| {
                        Err(InputError::Unreadable {
                            path: self.path.clone(),
                            message: panic_message(payload),
                        })
                    });
                }
            }
        }
    }
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

fn panic_message(payload: Box<dyn Any + Send>) -> String {
    let detail = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    format!("the workbook reader failed on this file ({detail})")
}
