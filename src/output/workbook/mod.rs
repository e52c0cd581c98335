//! The portfolio workbook (SPEC 4): one file per sheet.
