use std::path::Path;

use super::{InputError, ReadOptions, Table};

pub fn open(path: &Path, options: &ReadOptions) -> Result<Table, InputError> {
    todo!("input helper")
}
