//! The edge: each command turns parsed arguments into work and an exit code.
//! Library errors get their context here (anyhow).

mod docs;
mod generate;
mod progress;
mod report;
mod roi;
mod validate;

use std::process::ExitCode;

use crate::cli::{Cli, Command};

/// Exit codes of SPEC 1.
pub mod exit {
    pub const OK: u8 = 0;
    pub const RUNTIME: u8 = 1;
    pub const USAGE: u8 = 2;
    pub const DATA: u8 = 3;
}

/// Run a parsed command line; errors are printed here with their context.
pub fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        Command::Report(a) => report::run(a),
        Command::Validate(a) => validate::run(a),
        Command::Roi(a) => roi::run(a),
        Command::Docs(a) => docs::run(a),
        Command::Generate(a) => generate::run(a),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            eprintln!("csf: error: {err:#}");
            let code = if err.downcast_ref::<UsageError>().is_some() {
                exit::USAGE
            } else {
                exit::RUNTIME
            };
            ExitCode::from(code)
        }
    }
}

/// A wrong value on the command line: exit 2, like clap's own usage errors.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);
