//! `csf validate`: read and check the inputs, print every data issue.

use std::io::Write;

use anyhow::Context;

use super::exit;
use super::progress::rows_progress;
use chrono::NaiveDate;

use crate::cli::{OutputFormat, ValidateArgs};
use crate::figures::checklist::{overdue_by_step, overdue_summary};
use crate::intake::read_inputs;
use crate::output::validation::{render_json, render_text};
use crate::portfolio::{Portfolio, Snapshot};

pub fn run(args: ValidateArgs) -> anyhow::Result<u8> {
    let progress = rows_progress(args.quiet);
    let intake = read_inputs(&args.intake.inputs, &(&args.intake).into(), &progress)
        .context("cannot validate the inputs")?;
    progress.finish_and_clear();

    let rejected = intake.ledger.total().rejected;
    let report = match args.format {
        OutputFormat::Text => {
            let mut text = render_text(&intake.ledger, args.quiet);
            if let Some(line) = checklist_line(intake.snapshots, args.as_of) {
                text.push_str(&line);
                text.push('\n');
            }
            text
        }
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
    Ok(if rejected > 0 { exit::DATA } else { exit::OK })
}

/// The checklist of SPEC 6 over the accepted rows: how many customers have a
/// step overdue at `--as-of` (default: the latest snapshot date).
fn checklist_line(snapshots: Vec<Snapshot>, as_of: Option<NaiveDate>) -> Option<String> {
    let portfolio = Portfolio::from_snapshots(snapshots);
    let as_of = as_of.or_else(|| portfolio.date_range().map(|(_, last)| last))?;
    Some(overdue_summary(&overdue_by_step(&portfolio, as_of), as_of))
}
