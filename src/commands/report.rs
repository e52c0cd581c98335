//! `csf report`: read, validate, compute, write the workbook (SPEC 1, 4).

use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use rayon::prelude::*;

use super::progress::rows_progress;
use super::{UsageError, exit};
use crate::cli::ReportArgs;
use crate::figures::assumptions::{AssumptionsError, RateOverrides, resolve};
use crate::figures::checklist::{next_step, overdue_summary, tally_overdue};
use crate::figures::customer::portfolio_figures;
use crate::figures::periods::{PeriodFigures, PeriodKind, aggregate};
use crate::intake::ledger::{Ledger, Severity};
use crate::intake::read_inputs;
use crate::output::workbook::{
    AsOfSource, ReportData, RunFacts, WorkbookOptions, check_output_path, write_workbook,
};
use crate::portfolio::Portfolio;

pub fn run(args: ReportArgs) -> anyhow::Result<u8> {
    let started = Instant::now();
    // Refuse what cannot work before reading anything.
    check_output_path(&args.output, &args.intake.inputs).map_err(|e| UsageError(e.to_string()))?;
    if args.threads == Some(0) {
        bail!(UsageError("--threads must be at least 1".into()));
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
        .context("cannot start worker threads")?;
    pool.install(|| report(&args, started))
}

fn report(args: &ReportArgs, started: Instant) -> anyhow::Result<u8> {
    // As in `csf roi`: an unreadable file is a runtime error, a bad value
    // (in a flag or in the file) a usage error.
    let assumptions = resolve(&RateOverrides::from(&args.rates)).map_err(|e| match e {
        e @ AssumptionsError::Io { .. } => anyhow::Error::new(e),
        other => anyhow::Error::new(UsageError(other.to_string())),
    })?;

    let bar = rows_progress(args.quiet);
    bar.set_message("reading inputs");
    let intake = read_inputs(&args.intake.inputs, &(&args.intake).into(), &bar)?;
    // Intake has already noted customers without a baseline ("no baseline").
    let ledger = intake.ledger;

    if args.strict && ledger.total().rejected > 0 {
        bar.finish_and_clear();
        if !args.quiet {
            eprintln!("{}", intake_summary(&ledger));
        }
        eprintln!(
            "csf: {} rows rejected and --strict is set: no workbook written (`csf validate` lists every issue)",
            ledger.total().rejected
        );
        return Ok(exit::DATA);
    }

    bar.set_message("computing figures");
    let portfolio = Portfolio::from_snapshots(intake.snapshots);
    let (as_of, as_of_source) = match (args.as_of, portfolio.date_range()) {
        (Some(d), _) => (d, AsOfSource::Flag),
        (None, Some((_, last))) => (last, AsOfSource::LatestSnapshot),
        // No accepted row at all: the workbook still shows the data issues.
        (None, None) => (chrono::Local::now().date_naive(), AsOfSource::Today),
    };

    let figures = portfolio_figures(&portfolio, &assumptions.values);
    let monthly = aggregate(&portfolio, &figures, PeriodKind::Month, None);
    let quarterly = aggregate(&portfolio, &figures, PeriodKind::Quarter, None);
    let segments = segment_quarters(&portfolio, &figures);
    let next_steps: Vec<_> = portfolio
        .customers
        .par_iter()
        .map(|c| next_step(c, as_of))
        .collect();

    bar.set_message("writing workbook");
    let run = RunFacts {
        inputs: args.intake.inputs.clone(),
        as_of_source,
        date_format: args.intake.date_format,
        decimal_comma: args.intake.decimal_comma,
        sheet: args.intake.sheet.clone(),
        strict: args.strict,
        stamped_now: args.now,
        csf_version: env!("CARGO_PKG_VERSION").to_string(),
    };
    let data = ReportData {
        ledger: &ledger,
        portfolio: &portfolio,
        figures: &figures,
        next_steps: &next_steps,
        monthly: &monthly,
        quarterly: &quarterly,
        segments: &segments,
        assumptions: &assumptions,
        as_of,
        run: &run,
    };
    let wb_options = WorkbookOptions {
        created: args.now.then(|| chrono::Utc::now().naive_utc()),
        ..WorkbookOptions::default()
    };
    write_workbook(&args.output, &data, &wb_options).map_err(|e| {
        if e.is_usage() {
            anyhow::Error::new(UsageError(e.to_string()))
        } else {
            anyhow::Error::new(e)
        }
    })?;
    bar.finish_and_clear();

    if !args.quiet {
        eprintln!(
            "{} {} customers, as of {as_of}. Wrote {} in {}.",
            intake_summary(&ledger),
            portfolio.customers.len(),
            args.output.display(),
            seconds(started.elapsed())
        );
        eprintln!(
            "{}",
            overdue_summary(&tally_overdue(next_steps.iter().copied()), as_of)
        );
    }
    Ok(exit::OK)
}

/// Quarterly figures per segment, period by period, segments in name order.
fn segment_quarters(
    portfolio: &Portfolio,
    figures: &[crate::figures::customer::CustomerFigures],
) -> Vec<PeriodFigures> {
    let mut rows: Vec<PeriodFigures> = portfolio
        .segments()
        .iter()
        .flat_map(|s| aggregate(portfolio, figures, PeriodKind::Quarter, Some(s)))
        .collect();
    // Stable: segments stay in name order within a quarter.
    rows.sort_by_key(|p| p.period.map(|p| p.start));
    rows
}

/// The intake part of the run summary: inputs, the row balance, unknown
/// columns and ambiguous date decisions.
fn intake_summary(ledger: &Ledger) -> String {
    let t = ledger.total();
    let names: Vec<String> = ledger.files.iter().map(describe_file).collect();
    let mut s = format!(
        "csf report: read {} ({} rows: {} accepted, {} superseded, {} rejected).",
        names.join(", "),
        t.rows_read,
        t.accepted,
        t.superseded,
        t.rejected
    );
    let warnings = ledger.count(Severity::Warning);
    if warnings > 0 || t.rejected > 0 || t.superseded > 0 {
        let n = ledger.issues.len();
        s.push_str(&format!(
            " {n} data {}, {warnings} of them {}: see the Data issues sheet.",
            if n == 1 { "issue" } else { "issues" },
            if warnings == 1 {
                "a warning"
            } else {
                "warnings"
            },
        ));
    }
    for f in &ledger.files {
        if !f.unknown_columns.is_empty() {
            s.push_str(&format!(
                " {}: ignored unknown columns {}.",
                f.path.display(),
                f.unknown_columns.join(", ")
            ));
        }
        for d in f.date_decisions.iter().filter(|d| d.ambiguous) {
            s.push_str(&format!(
                " {}: column {} was ambiguous and read {} ({}).",
                f.path.display(),
                d.column,
                d.format,
                d.reason
            ));
        }
    }
    s
}

fn describe_file(f: &crate::intake::ledger::SourceFile) -> String {
    match &f.sheet {
        Some(sheet) => format!("{} [{sheet}]", f.path.display()),
        None => f.path.display().to_string(),
    }
}

fn seconds(d: Duration) -> String {
    format!("{:.1} s", d.as_secs_f64())
}
