use std::process::ExitCode;

use clap::Parser;

// csf allocates many short strings per input row (one per cell); the system
// allocator spent about a third of intake's CPU time on them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    csf::commands::run(csf::cli::Cli::parse())
}
