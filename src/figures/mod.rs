//! Figures: everything computed from the portfolio (SPEC 3).

pub mod assumptions;
pub mod checklist;
pub mod customer;
pub mod deltas;
pub mod periods;
pub mod roi;
pub mod scenarios;
pub mod stats;
