use anyhow::bail;

use crate::cli::ReportArgs;

pub fn run(_args: ReportArgs) -> anyhow::Result<u8> {
    bail!("`csf report` is not built yet")
}
