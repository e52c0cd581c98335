//! Output: the workbook, JSON and documents.

pub mod documents;
pub mod workbook;
