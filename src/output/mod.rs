//! Output: the workbook, JSON and documents.

pub mod validation;
pub mod workbook;
