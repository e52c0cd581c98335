//! Workbooks through `csf::intake::read_inputs`, as `csf validate` reads
//! them: either a whole file (input starting with `PK`) or the XML parts of
//! a sheet wrapped in a valid ZIP (see `csf_fuzz::xlsx_bytes`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    csf_fuzz::check_intake("input.xlsx", &csf_fuzz::xlsx_bytes(data));
});
