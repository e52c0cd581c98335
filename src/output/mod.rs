//! Output: the workbook, JSON and documents.

pub mod workbook;
