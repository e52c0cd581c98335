use anyhow::bail;

use crate::cli::DocsArgs;

pub fn run(_args: DocsArgs) -> anyhow::Result<u8> {
    bail!("`csf docs` is not built yet")
}
