//! Any bytes as a `.csv` file through `csf::intake::read_inputs`, the code
//! `csf validate` and `csf report` run: no panic, no hang, and the ledger
//! balances (see `csf_fuzz::check_intake`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    csf_fuzz::check_intake("input.csv", data);
});
