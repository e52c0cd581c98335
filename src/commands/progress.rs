//! The rows-read spinner on stderr, shown only to a person at a terminal.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

/// Intake counts rows without knowing the total: a spinner, a count and a
/// rate; hidden with `--quiet` or when stderr is not a terminal.
pub fn rows_progress(quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} {msg} ({human_pos} rows read, {elapsed})")
    {
        bar.set_style(style);
    }
    bar.set_message("reading inputs");
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}
