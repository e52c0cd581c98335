//! ODS files (their `content.xml`) through `csf::intake::read_inputs`: calamine
//! reads ODS whole and expands repeated rows and cells, so besides "no panic"
//! this watches memory (`-rss_limit_mb`): csf sizes the grid first and must
//! refuse what would not fit.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    csf_fuzz::check_intake("input.ods", &csf_fuzz::ods_bytes(data));
});
