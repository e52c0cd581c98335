//! Output: the workbook, JSON and documents.

pub mod atomic;
pub mod documents;
pub mod roi_json;
pub mod roi_table;
pub mod validation;
pub mod workbook;
