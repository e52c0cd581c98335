//! `csf generate`: write a synthetic export (SPEC 1).

use std::io::IsTerminal;
use std::time::Instant;

use chrono::Datelike;
use indicatif::{ProgressBar, ProgressStyle};

use super::{UsageError, exit};
use crate::cli::GenerateArgs;
use crate::generate::{self, GenerateError, Options};

pub fn run(args: GenerateArgs) -> anyhow::Result<u8> {
    if args.customers == 0 {
        return Err(UsageError("--customers must be at least 1".into()).into());
    }
    let start = args.start.unwrap_or(Options::DEFAULT_START);
    // Excel dates start in 1900; four-digit years keep the dates ISO.
    if !(1900..=9000).contains(&start.year()) {
        return Err(
            UsageError(format!("--start {start}: use a date between 1900 and 9000")).into(),
        );
    }
    let opts = Options {
        customers: args.customers as u64,
        seed: args.seed,
        start,
    };
    let started = Instant::now();
    let bar = progress_bar(&args, opts.customers);
    let total = opts.customers;
    let progress = |done: u64| {
        if let Some(bar) = &bar {
            bar.set_position(done);
            if done == total {
                // Zipping a large workbook takes a while after the last row.
                bar.set_message("saving");
            }
        }
    };
    let written = match generate::write_file(&opts, &args.output, &progress) {
        Ok(w) => w,
        Err(
            e @ (GenerateError::UnsupportedFileType(_) | GenerateError::TooManyRowsForXlsx { .. }),
        ) => return Err(UsageError(e.to_string()).into()),
        // The error names the file; the chain printed by `run` gives the cause.
        Err(e) => return Err(e.into()),
    };
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    if !args.quiet {
        eprintln!(
            "csf: wrote {} rows for {} customers (seed {}, go-lives from {}) to {} in {:.1} s",
            written.rows,
            written.customers,
            opts.seed,
            opts.start,
            args.output.display(),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(exit::OK)
}

/// A bar on a terminal only: a log file should not fill with redraws.
fn progress_bar(args: &GenerateArgs, customers: u64) -> Option<ProgressBar> {
    if args.quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::new(customers);
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} generating {pos}/{len} customers [{bar:30}] {percent}% {eta} {msg}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    Some(bar)
}
