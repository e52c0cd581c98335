use crate::cli::GenerateArgs;

pub fn run(_args: GenerateArgs) -> anyhow::Result<u8> {
    todo!()
}
