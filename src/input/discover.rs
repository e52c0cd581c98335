use std::path::PathBuf;

use super::InputError;

/// Files and folders as given on the command line, expanded to files: a
/// folder contributes its CSV/XLSX/XLS/ODS files in name order.
pub fn expand_inputs(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, InputError> {
    todo!("input helper")
}
