//! Reading a written workbook back with calamine, cell by cell, for the
//! end-to-end tests of `csf report`.

use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};
use chrono::NaiveDate;

/// A sheet as rows of cells from A1 to its last used cell, gaps as Empty
/// (calamine's range starts at the first used cell, not at A1).
pub fn grid(path: &Path, sheet: &str) -> Vec<Vec<Data>> {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    let range = wb
        .worksheet_range(sheet)
        .unwrap_or_else(|e| panic!("sheet {sheet}: {e}"));
    let Some((rows, cols)) = range.end() else {
        return Vec::new();
    };
    (0..=rows)
        .map(|r| {
            (0..=cols)
                .map(|c| range.get_value((r, c)).cloned().unwrap_or(Data::Empty))
                .collect()
        })
        .collect()
}

pub fn text(c: &Data) -> Option<&str> {
    match c {
        Data::String(s) => Some(s),
        _ => None,
    }
}

pub fn number(c: &Data) -> Option<f64> {
    match c {
        Data::Float(v) => Some(*v),
        Data::Int(v) => Some(*v as f64),
        _ => None,
    }
}

pub fn date(c: &Data) -> Option<NaiveDate> {
    match c {
        Data::DateTime(dt) => dt.as_datetime().map(|d| d.date()),
        _ => None,
    }
}

/// 1e-9 relative; values that should be 0 may carry rounding noise of 1e-12.
pub fn close(got: f64, want: f64) -> bool {
    (got - want).abs() <= 1e-9 * got.abs().max(want.abs()).max(1e-3)
}

pub fn column(header: &[Data], name: &str) -> usize {
    header
        .iter()
        .position(|c| text(c) == Some(name))
        .unwrap_or_else(|| panic!("no column {name:?} in {header:?}"))
}

/// What a cell must hold.
#[derive(Clone, Copy, Debug)]
pub enum Want {
    /// A count of customers or responses: a number, 0 when nothing happened.
    Count(u64),
    /// A sum that is 0 when nothing happened (API calls, tickets, referrals).
    Total(f64),
    /// Money, a mean, a score or a ratio, as is; None = empty cell.
    Number(Option<f64>),
    /// Percent points, stored as a fraction (12.5 → 0.125); None = empty cell.
    Percent(Option<f64>),
}

/// None when the cell holds what is wanted, else what is wrong.
pub fn mismatch(cell: &Data, want: Want) -> Option<String> {
    let expect_number = |v: f64| match number(cell) {
        Some(got) if close(got, v) => None,
        _ => Some(format!("expected the number {v}, found {cell:?}")),
    };
    match want {
        Want::Count(n) => expect_number(n as f64),
        Want::Total(v) => expect_number(v),
        Want::Number(Some(v)) => expect_number(v),
        Want::Percent(Some(points)) => expect_number(points / 100.0),
        Want::Number(None) | Want::Percent(None) => {
            (*cell != Data::Empty).then(|| format!("expected an empty cell, found {cell:?}"))
        }
    }
}
