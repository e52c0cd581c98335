//! Intake: raw rows in, typed snapshots and a ledger of data issues out.
//! Every row read ends accepted, superseded or rejected (SPEC 2.4, 2.5).

pub mod columns;
pub mod dates;
mod dedupe;
pub mod ledger;
pub mod values;

use std::path::PathBuf;

use indicatif::ProgressBar;

use crate::input::InputError;
use crate::portfolio::Snapshot;
use ledger::Ledger;

/// Order of the fields in an ambiguous slash date.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum DateOrder {
    #[default]
    #[value(name = "month-first", alias = "mdy", alias = "us")]
    MonthFirst,
    #[value(name = "day-first", alias = "dmy", alias = "eu")]
    DayFirst,
}

#[derive(Clone, Debug, Default)]
pub struct IntakeOptions {
    /// Read `1.234,56` as 1234.56.
    pub decimal_comma: bool,
    /// Used only for slash-date columns whose values do not decide.
    pub date_order: DateOrder,
    /// Sheet to read from workbooks (default: the first).
    pub sheet: Option<String>,
}

/// What intake hands to the rest of csf.
#[derive(Debug, Default)]
pub struct Intake {
    /// Accepted rows, in input order (file order, then row order).
    pub snapshots: Vec<Snapshot>,
    pub ledger: Ledger,
}

#[derive(Debug, thiserror::Error)]
pub enum IntakeError {
    #[error(transparent)]
    Input(#[from] InputError),
    #[error(
        "{path}: required column {column:?} not found (headers found: {found}); accepted names: {aliases}"
    )]
    MissingColumn {
        path: PathBuf,
        column: &'static str,
        found: String,
        aliases: String,
    },
}

/// Read every input (files or folders) in order; later inputs override
/// earlier ones on the key (customer_id, checkpoint).
pub fn read_inputs(
    inputs: &[PathBuf],
    options: &IntakeOptions,
    progress: &ProgressBar,
) -> Result<Intake, IntakeError> {
    todo!("intake helper")
}
