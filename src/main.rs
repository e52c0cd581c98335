use std::process::ExitCode;

use clap::Parser;

// csf allocates many short strings per input row (one per cell); the system
// allocator spent about a third of intake's CPU time on them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // Ctrl-C (or a kill) must not leave a half-written temporary file next
    // to the user's workbook: remove what is in flight, then exit as a shell
    // expects after SIGINT.
    let _ = ctrlc::set_handler(|| {
        csf::output::atomic::remove_in_flight();
        std::process::exit(130);
    });
    csf::commands::run(csf::cli::Cli::parse())
}
