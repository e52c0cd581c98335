//! Synthetic portfolios for demos, benchmarks and tests (`csf generate`).
