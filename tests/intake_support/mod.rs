//! Tables built in memory, so intake can be tested without the file readers.
#![allow(dead_code)]

use std::path::PathBuf;

use csf::input::{Cell, InputError, RawRow, Table};
use csf::intake::{Intake, IntakeOptions, read_tables};
use indicatif::ProgressBar;

/// A CSV-like table: header on line 1, rows on lines 2, 3, ...; "" is empty.
pub fn csv(path: &str, headers: &[&str], rows: &[&[&str]]) -> Table {
    let rows: Vec<Vec<Cell>> = rows
        .iter()
        .map(|r| r.iter().map(|s| text(s)).collect())
        .collect();
    table(path, headers, rows)
}

pub fn text(s: &str) -> Cell {
    if s.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s.to_string())
    }
}

pub fn table(path: &str, headers: &[&str], rows: Vec<Vec<Cell>>) -> Table {
    let rows: Vec<Result<RawRow, InputError>> = rows
        .into_iter()
        .enumerate()
        .map(|(i, cells)| {
            Ok(RawRow {
                row: i as u32 + 2,
                cells,
            })
        })
        .collect();
    Table {
        path: PathBuf::from(path),
        sheet: None,
        encoding: Some("UTF-8".into()),
        delimiter: Some(','),
        headers: headers.iter().map(|s| s.to_string()).collect(),
        header_row: 1,
        rows: Box::new(rows.into_iter()),
    }
}

pub fn read(tables: Vec<Table>) -> Intake {
    read_with(tables, &IntakeOptions::default())
}

pub fn read_with(tables: Vec<Table>, options: &IntakeOptions) -> Intake {
    read_tables(tables.into_iter().map(Ok), options, &ProgressBar::hidden())
        .expect("intake succeeds")
}
