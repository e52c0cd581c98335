//! Where each ROI assumption comes from: defaults, `--assumptions FILE.toml`,
//! flags (later wins). Every value used is listed with its source and meaning.

use std::path::PathBuf;

use super::roi::Assumptions;

/// Values given on the command line or by file; None = not given.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RateOverrides {
    pub file: Option<PathBuf>,
    pub storage_cost_per_gb_month: Option<f64>,
    pub cost_per_wait_hour: Option<f64>,
    pub cost_per_inaccurate_result: Option<f64>,
    pub horizon_months: Option<u32>,
    pub discount_rate: Option<f64>,
}

/// One line of the Assumptions sheet / JSON `assumptions` object.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct AssumptionRow {
    /// The TOML / JSON key, e.g. `storage_cost_per_gb_month`.
    pub name: &'static str,
    pub value: f64,
    /// `default`, `file assumptions.toml`, `flag --discount-rate`.
    pub source: String,
    /// Plain-words meaning for finance.
    pub meaning: &'static str,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AssumptionsUsed {
    pub values: Assumptions,
    pub rows: Vec<AssumptionRow>,
}

#[derive(Debug, thiserror::Error)]
pub enum AssumptionsError {
    #[error("{path}: cannot read assumptions: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Invalid { path: PathBuf, message: String },
    #[error("{name} = {value}: {reason}")]
    OutOfRange {
        name: &'static str,
        value: f64,
        reason: &'static str,
    },
}

/// Defaults, then the file, then the flags.
pub fn resolve(overrides: &RateOverrides) -> Result<AssumptionsUsed, AssumptionsError> {
    todo!("roi helper")
}
