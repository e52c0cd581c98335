//! csf: customer-success figures from CRM exports.
//!
//! Data flows one way: `input` (files → raw rows) → `intake` (parse,
//! validate, dedupe; the ledger of data issues) → `portfolio` (customers and
//! snapshots) → `figures` (deltas, ROI, period aggregates, statistics) →
//! `output` (workbook, JSON, documents). `commands` is the edge that wires
//! them to the command line.

pub mod cli;
pub mod commands;
pub mod figures;
pub mod generate;
pub mod input;
pub mod intake;
pub mod output;
pub mod portfolio;
