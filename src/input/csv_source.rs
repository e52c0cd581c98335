use std::path::Path;

use super::{InputError, Table};

pub fn open(path: &Path) -> Result<Table, InputError> {
    todo!("input helper")
}
