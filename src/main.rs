use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    csf::commands::run(csf::cli::Cli::parse())
}
