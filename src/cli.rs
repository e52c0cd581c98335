//! The command line (SPEC 1). Parsing only; each command lives in `commands/`.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::intake::DateOrder;

#[derive(Debug, Parser)]
#[command(
    name = "csf",
    version,
    about = "Customer-success figures from CRM exports: ROI, retention, NPS and more, as one XLSX workbook",
    propagate_version = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read, validate and compute; write the portfolio workbook.
    Report(ReportArgs),
    /// Read and validate only; print every data issue.
    Validate(ValidateArgs),
    /// Projected ROI for one customer or prospect.
    Roi(RoiArgs),
    /// Draft case studies, ROI reports and testimonial requests.
    Docs(DocsArgs),
    /// Write a realistic synthetic export (demos, benchmarks, tests).
    Generate(GenerateArgs),
}

/// How input files are read; shared by every command that reads exports.
#[derive(Debug, Clone, Args)]
pub struct IntakeArgs {
    /// CSV/XLSX/XLS/ODS files or folders; later inputs override earlier ones.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Sheet to read from workbooks (default: the first).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Numbers use a decimal comma: `1.234,56`.
    #[arg(long)]
    pub decimal_comma: bool,
    /// Order of ambiguous slash dates when a column's values do not decide.
    #[arg(long, value_enum, default_value_t = DateOrder::MonthFirst, value_name = "ORDER")]
    pub date_format: DateOrder,
}

/// ROI rates that can be set on the command line (SPEC 3.2).
#[derive(Debug, Clone, Default, Args)]
pub struct RateArgs {
    /// TOML file with any of the assumption keys.
    #[arg(long, value_name = "FILE.toml")]
    pub assumptions: Option<PathBuf>,
    /// $ per GB-month of storage.
    #[arg(long, value_name = "USD", allow_negative_numbers = true)]
    pub storage_cost_per_gb_month: Option<f64>,
    /// $ per hour spent waiting on responses.
    #[arg(long, value_name = "USD", allow_negative_numbers = true)]
    pub cost_per_wait_hour: Option<f64>,
    /// $ per inaccurate result.
    #[arg(long, value_name = "USD", allow_negative_numbers = true)]
    pub cost_per_inaccurate_result: Option<f64>,
    /// Months of savings counted (default 12).
    #[arg(long, value_name = "MONTHS")]
    pub horizon_months: Option<u32>,
    /// Annual discount rate for NPV, as a fraction (0.10 = 10%); 0 = off.
    #[arg(long, value_name = "RATE", allow_negative_numbers = true)]
    pub discount_rate: Option<f64>,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub intake: IntakeArgs,
    /// The workbook to write (.xlsx).
    #[arg(short, long, value_name = "FILE.xlsx")]
    pub output: PathBuf,
    #[command(flatten)]
    pub rates: RateArgs,
    /// Date the figures are taken at (default: the latest snapshot date).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<NaiveDate>,
    /// Exit 3 and write no workbook when a row is rejected.
    #[arg(long)]
    pub strict: bool,
    /// No run summary, no progress bar.
    #[arg(short, long)]
    pub quiet: bool,
    /// Stamp the workbook with the current time instead of a fixed one.
    #[arg(long)]
    pub now: bool,
    /// Worker threads (default: all cores); figures do not depend on it.
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    #[command(flatten)]
    pub intake: IntakeArgs,
    /// `text` for people, `json` for machines.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
    /// Print only the summary, not each issue.
    #[arg(short, long)]
    pub quiet: bool,
    /// Date the checklist is judged at (default: the latest snapshot date).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<NaiveDate>,
}

#[derive(Debug, Args)]
pub struct RoiArgs {
    /// A named scenario: small_business, medium_business, enterprise.
    #[arg(long, value_name = "NAME")]
    pub scenario: Option<String>,
    /// Print every scenario with its inputs and assumptions.
    #[arg(long)]
    pub list_scenarios: bool,
    /// Data stored today, in GB.
    #[arg(long, value_name = "GB", allow_negative_numbers = true)]
    pub storage_gb: Option<f64>,
    /// API calls per month (the same after implementation).
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub api_calls: Option<f64>,
    /// Average response time today, in ms.
    #[arg(long, value_name = "MS", allow_negative_numbers = true)]
    pub latency_ms: Option<f64>,
    /// Share of results that are right today, in percent (default 90 without --scenario).
    #[arg(long, value_name = "PCT", allow_negative_numbers = true)]
    pub accuracy_pct: Option<f64>,
    /// Infrastructure cost per month today, in $.
    #[arg(long, value_name = "USD", allow_negative_numbers = true)]
    pub infrastructure_cost: Option<f64>,
    /// One-off implementation cost, in $ (more than 0).
    #[arg(long, value_name = "USD", allow_negative_numbers = true)]
    pub implementation_cost: Option<f64>,
    /// Horizon in months (same as --horizon-months).
    #[arg(long, value_name = "N")]
    pub months: Option<u32>,
    /// Storage compression factor (10 = stores a tenth of the data).
    #[arg(long, value_name = "X", allow_negative_numbers = true)]
    pub storage_compression: Option<f64>,
    /// Latency speed-up factor (10 = a tenth of the latency).
    #[arg(long, value_name = "X", allow_negative_numbers = true)]
    pub latency_speedup: Option<f64>,
    /// Accuracy after implementation, in percent.
    #[arg(long, value_name = "PCT", allow_negative_numbers = true)]
    pub accuracy_after_pct: Option<f64>,
    /// Infrastructure cost reduction, in percent.
    #[arg(long, value_name = "PCT", allow_negative_numbers = true)]
    pub infrastructure_reduction_pct: Option<f64>,
    #[command(flatten)]
    pub rates: RateArgs,
    /// What to print: a `text` table or `json`.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
    /// Also write the JSON result to this file (atomically); what is printed
    /// still follows --format.
    #[arg(short, long, value_name = "FILE.json")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DocKind {
    CaseStudy,
    RoiReport,
    TestimonialRequest,
    All,
}

#[derive(Debug, Args)]
pub struct DocsArgs {
    #[command(flatten)]
    pub intake: IntakeArgs,
    /// Customer id to write documents for.
    #[arg(long, value_name = "ID", required_unless_present = "all_customers")]
    pub customer: Option<String>,
    /// Every customer of the portfolio.
    #[arg(long, conflicts_with = "customer")]
    pub all_customers: bool,
    #[arg(long, value_enum, default_value_t = DocKind::All)]
    pub kind: DocKind,
    /// Folder to write the documents to.
    #[arg(short, long, value_name = "DIR", default_value = ".")]
    pub output: PathBuf,
    /// Folder with template overrides.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    #[command(flatten)]
    pub rates: RateArgs,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<NaiveDate>,
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Number of customers.
    #[arg(long, value_name = "N")]
    pub customers: usize,
    /// Seed: the same seed gives the same file.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Output file, .csv or .xlsx.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// First go-live date (go-lives spread over the following 15 months).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub start: Option<NaiveDate>,
    #[arg(short, long)]
    pub quiet: bool,
}

impl From<&RateArgs> for crate::figures::assumptions::RateOverrides {
    fn from(r: &RateArgs) -> Self {
        crate::figures::assumptions::RateOverrides {
            file: r.assumptions.clone(),
            storage_cost_per_gb_month: r.storage_cost_per_gb_month,
            cost_per_wait_hour: r.cost_per_wait_hour,
            cost_per_inaccurate_result: r.cost_per_inaccurate_result,
            horizon_months: r.horizon_months,
            discount_rate: r.discount_rate,
        }
    }
}

impl From<&IntakeArgs> for crate::intake::IntakeOptions {
    fn from(a: &IntakeArgs) -> Self {
        crate::intake::IntakeOptions {
            decimal_comma: a.decimal_comma,
            date_order: a.date_format,
            sheet: a.sheet.clone(),
        }
    }
}
