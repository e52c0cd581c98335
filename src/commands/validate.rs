use crate::cli::ValidateArgs;

pub fn run(_args: ValidateArgs) -> anyhow::Result<u8> {
    todo!()
}
