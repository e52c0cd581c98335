//! Delimited text files: decode, sniff the delimiter, stream raw rows.
//!
//! The file is read and decoded once into memory (the decoded text is held
//! once, for the life of the row stream); rows are produced from it on a
//! reader thread a few batches ahead of the consumer, so a 1,000,000-row
//! export is never copied into per-row structures up front.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

use super::batches::{self, Stop};
use super::header::find_header;
use super::{Cell, InputError, MAX_COLUMNS, RawRow, ReadOptions, Table};

/// Delimiters tried, in the order that breaks ties (comma first).
const DELIMITERS: [u8; 3] = [b',', b';', b'\t'];
/// Lines looked at to sniff the delimiter.
const SNIFF_LINES: usize = 20;

pub fn open(path: &Path, options: &ReadOptions) -> Result<Table, InputError> {
    let bytes = std::fs::read(path).map_err(|source| InputError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let (text, encoding) = decode(bytes);
    let excel_hint = excel_separator_line(&text);
    let delimiter = excel_hint.unwrap_or_else(|| sniff_delimiter(&text));
    let reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(Cursor::new(text));
    let records = CsvRows {
        reader,
        record: csv::ByteRecord::new(),
        lines: LineCounter::default(),
        skip_separator_line: excel_hint.is_some(),
        path: path.to_path_buf(),
    };
    // Parsing runs on a reader thread, ahead of the consumer.
    let mut rows = batches::spawn(path, move |sink| {
        for row in records {
            sink.push(row.map_err(Stop::Failed)?)?;
        }
        Ok(())
    })?;
    let found = find_header(&mut rows, options)?.ok_or_else(|| InputError::NoHeader {
        path: path.to_path_buf(),
    })?;
    let following = found.following.into_iter().map(Ok);
    Ok(Table {
        path: path.to_path_buf(),
        sheet: None,
        encoding: Some(encoding.to_string()),
        delimiter: Some(char::from(delimiter)),
        headers: found.names,
        header_row: found.header.row,
        rows: Box::new(following.chain(rows)),
    })
}

/// The file's text as UTF-8 bytes, and the name of the encoding it was in.
///
/// A BOM decides; without one, valid UTF-8 is taken as is and anything else
/// is Windows-1252, which is what Excel on Windows writes for "CSV" and
/// which maps every byte to some character (so decoding never fails).
fn decode(mut bytes: Vec<u8>) -> (Vec<u8>, String) {
    if let Some((encoding, bom_len)) = Encoding::for_bom(&bytes) {
        if encoding == UTF_8 {
            bytes.drain(..bom_len);
            return (bytes, "UTF-8 with BOM".into());
        }
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return (text.into_owned().into_bytes(), encoding.name().into());
    }
    match String::from_utf8(bytes) {
        Ok(text) => (text.into_bytes(), "UTF-8".into()),
        Err(not_utf8) => decode_line_by_line(&not_utf8.into_bytes()),
    }
}

/// A file that is not UTF-8 as a whole: usually Windows-1252 throughout.
/// But a UTF-8 export with a few bad lines (two exports pasted together, a
/// download cut inside a character) would have every accented name in it
/// garbled (`MÃ¼ller`) if the whole file were read as Windows-1252. So each
/// line that is valid UTF-8 is read as UTF-8, and only the others as
/// Windows-1252. A Windows-1252 file comes out exactly as before: its
/// valid-UTF-8 lines are plain ASCII, the same in both.
fn decode_line_by_line(bytes: &[u8]) -> (Vec<u8>, String) {
    let mut text = Vec::with_capacity(bytes.len() + bytes.len() / 8);
    let mut utf8_seen = false;
    let mut fallback_lines = 0u64;
    let mut first_fallback = None;
    for (i, line) in bytes.split_inclusive(|&b| b == b'\n').enumerate() {
        match std::str::from_utf8(line) {
            Ok(valid) => {
                utf8_seen |= !valid.is_ascii();
                text.extend_from_slice(line);
            }
            Err(_) => {
                fallback_lines += 1;
                first_fallback.get_or_insert(i + 1);
                let (decoded, _) = WINDOWS_1252.decode_without_bom_handling(line);
                text.extend_from_slice(decoded.as_bytes());
            }
        }
    }
    let label = match first_fallback {
        Some(first) if utf8_seen => format!(
            "UTF-8, {fallback_lines} line{} not UTF-8 read as windows-1252 (first: line {first})",
            if fallback_lines == 1 { "" } else { "s" }
        ),
        _ => WINDOWS_1252.name().into(),
    };
    (text, label)
}

/// The delimiter named by Excel's `sep=;` first line, if there is one.
/// Excel writes it (and reads it) to pin the delimiter regardless of locale.
fn excel_separator_line(text: &[u8]) -> Option<u8> {
    match text {
        [b's' | b'S', b'e' | b'E', b'p' | b'P', b'=', d, rest @ ..]
            if DELIMITERS.contains(d) && matches!(rest.first(), None | Some(b'\r' | b'\n')) =>
        {
            Some(*d)
        }
        _ => None,
    }
}

/// The delimiter among `,` `;` tab that occurs most often (outside quotes)
/// on one of the first lines; ties go to the comma.
///
/// The header is the line with the most delimiters in a well-formed export,
/// so the maximum over the first lines is its count, whichever line it is
/// (a title line above it does not disturb this).
fn sniff_delimiter(text: &[u8]) -> u8 {
    let mut best = [0usize; 3];
    let mut current = [0usize; 3];
    let mut in_quotes = false;
    let mut lines = 0;
    for &byte in text {
        match byte {
            b'"' => in_quotes = !in_quotes,
            b'\n' if !in_quotes => {
                for (b, c) in best.iter_mut().zip(current.iter_mut()) {
                    *b = (*b).max(std::mem::take(c));
                }
                lines += 1;
                if lines == SNIFF_LINES {
                    break;
                }
            }
            _ if !in_quotes => {
                if let Some(i) = DELIMITERS.iter().position(|&d| d == byte) {
                    current[i] += 1;
                }
            }
            _ => {}
        }
    }
    for (b, c) in best.iter_mut().zip(current) {
        *b = (*b).max(c);
    }
    let mut choice = 0;
    for i in 1..DELIMITERS.len() {
        if best[i] > best[choice] {
            choice = i;
        }
    }
    DELIMITERS[choice]
}

/// The rows of a CSV file, read on demand.
struct CsvRows {
    reader: csv::Reader<Cursor<Vec<u8>>>,
    record: csv::ByteRecord,
    lines: LineCounter,
    /// The first record is Excel's `sep=` line, not data.
    skip_separator_line: bool,
    path: PathBuf,
}

impl Iterator for CsvRows {
    type Item = Result<RawRow, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            match self.reader.read_byte_record(&mut self.record) {
                Ok(false) => return None,
                Ok(true) => {}
                Err(e) => {
                    return Some(Err(InputError::Unreadable {
                        path: self.path.clone(),
                        message: e.to_string(),
                    }));
                }
            }
            if std::mem::take(&mut self.skip_separator_line) || self.record.iter().all(is_blank) {
                continue;
            }
            let start = self.record.position().map_or(0, |p| p.byte()) as usize;
            let text = self.reader.get_ref().get_ref();
            let row = self.lines.line_of_record(text, start);
            if self.record.len() > MAX_COLUMNS {
                return Some(Err(InputError::Unreadable {
                    path: self.path.clone(),
                    message: format!(
                        "line {row} has {} fields; csf reads at most {MAX_COLUMNS} \
                         (Excel's column limit): is this really a CSV export?",
                        self.record.len()
                    ),
                }));
            }
            let cells = self.record.iter().map(cell_of).collect();
            return Some(Ok(RawRow { row, cells }));
        }
    }
}

fn is_blank(field: &[u8]) -> bool {
    field.iter().all(u8::is_ascii_whitespace)
}

fn cell_of(field: &[u8]) -> Cell {
    if field.is_empty() {
        Cell::Empty
    } else {
        // The whole text is valid UTF-8 and fields are cut at ASCII bytes,
        // so the lossy branch is never taken; it only avoids `unsafe`.
        match std::str::from_utf8(field) {
            Ok(text) => Cell::Text(text.to_owned()),
            Err(_) => Cell::Text(String::from_utf8_lossy(field).into_owned()),
        }
    }
}

/// Physical line numbers of records.
///
/// The csv crate's own `Position::line()` is the line where its read began,
/// which is off after blank lines and with CRLF endings (it stops before the
/// LF of a CRLF). So: start at the byte the read began, skip the line breaks
/// in front of the record, and count the line breaks from the previous
/// record to here. Each byte is counted once over the whole file.
#[derive(Default)]
struct LineCounter {
    byte: usize,
    breaks: u64,
}

impl LineCounter {
    fn line_of_record(&mut self, text: &[u8], read_start: usize) -> u32 {
        let mut start = read_start.min(text.len());
        while start < text.len() && matches!(text[start], b'\r' | b'\n') {
            start += 1;
        }
        if start > self.byte {
            self.breaks += count_line_breaks(&text[self.byte..start]);
            self.byte = start;
        }
        u32::try_from(self.breaks + 1).unwrap_or(u32::MAX)
    }
}

/// `\n`, `\r\n` and a lone `\r` each count as one line break.
fn count_line_breaks(bytes: &[u8]) -> u64 {
    let newlines = bytes.iter().filter(|&&b| b == b'\n').count();
    let returns = bytes.iter().filter(|&&b| b == b'\r').count();
    if returns == 0 {
        return newlines as u64;
    }
    let lone_returns = bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
        .count();
    (newlines + lone_returns) as u64
}

#[cfg(test)]
mod tests;
