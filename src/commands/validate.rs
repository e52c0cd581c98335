//! `csf validate`: read and check the inputs, print every data issue.

use std::io::{IsTerminal, Write};

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};

use super::exit;
use crate::cli::{OutputFormat, ValidateArgs};
use crate::intake::{IntakeOptions, read_inputs};
use crate::output::validation::{render_json, render_text};

pub fn run(args: ValidateArgs) -> anyhow::Result<u8> {
    let options = IntakeOptions {
        decimal_comma: args.intake.decimal_comma,
        date_order: args.intake.date_format,
        sheet: args.intake.sheet.clone(),
    };
    let progress = rows_progress(args.quiet);
    let intake = read_inputs(&args.intake.inputs, &options, &progress)
        .context("cannot validate the inputs")?;
    progress.finish_and_clear();

    let report = match args.format {
        OutputFormat::Text => render_text(&intake.ledger, args.quiet),
        OutputFormat::Json => render_json(&intake.ledger),
    };
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout
        .write_all(report.as_bytes())
        .and_then(|()| stdout.flush())
    {
        // A reader that stopped early (`| head`) is not an error of ours.
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            return Err(e).context("cannot write the report to standard output");
        }
    }
    Ok(if intake.ledger.total().rejected > 0 {
        exit::DATA
    } else {
        exit::OK
    })
}

/// A rows-read counter on stderr, only for a person watching a terminal.
fn rows_progress(quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    if let Ok(style) = ProgressStyle::with_template("{spinner} {human_pos} rows read ({per_sec})") {
        bar.set_style(style);
    }
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}
