use anyhow::bail;

use crate::cli::RoiArgs;

pub fn run(_args: RoiArgs) -> anyhow::Result<u8> {
    bail!("`csf roi` is not built yet")
}
