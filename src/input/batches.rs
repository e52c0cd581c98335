//! Rows produced on a reader thread and handed over in batches.
//!
//! Both sources use it: for CSV it overlaps parsing (and its allocations)
//! with the consumer's work; for workbooks it is also the only way to stream
//! at all, since calamine's cells readers borrow the workbook and cannot live
//! inside a plain iterator. The channel is bounded, so the reader runs at
//! most a few batches ahead and memory stays flat however long the input.

use std::any::Any;
use std::panic;
use std::path::{Path, PathBuf};
use std::sync::Once;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::{self, JoinHandle};

use super::{InputError, RawRow};

/// Rows per batch: large enough that channel traffic is negligible, small
/// enough that the first rows arrive at once.
const BATCH_ROWS: usize = 1024;
/// Cells per batch: a batch is sent early when its rows are wide, so that
/// what is in flight stays a few MB however many columns a file has (a cell
/// costs 32 bytes plus its text). 64 cells a row fill the 1024 rows first.
const BATCH_CELLS: usize = 64 * BATCH_ROWS;
/// Batches in flight between the reader thread and the consumer.
const BATCHES_IN_FLIGHT: usize = 4;

type Batch = Result<Vec<RawRow>, InputError>;

/// Why a reader stopped early.
pub(super) enum Stop {
    /// The table was dropped: nobody wants more rows.
    ConsumerGone,
    Failed(InputError),
}

/// The reader thread's end: collects rows into batches and sends them.
pub(super) struct RowSink {
    sender: SyncSender<Batch>,
    batch: Vec<RawRow>,
    /// Cells in `batch`.
    cells: usize,
}

impl RowSink {
    fn new(sender: SyncSender<Batch>) -> Self {
        RowSink {
            sender,
            batch: Vec::with_capacity(BATCH_ROWS),
            cells: 0,
        }
    }

    pub(super) fn push(&mut self, row: RawRow) -> Result<(), Stop> {
        self.cells += row.cells.len();
        self.batch.push(row);
        if self.batch.len() >= BATCH_ROWS || self.cells >= BATCH_CELLS {
            let full = std::mem::replace(&mut self.batch, Vec::with_capacity(BATCH_ROWS));
            self.cells = 0;
            self.sender.send(Ok(full)).map_err(|_| Stop::ConsumerGone)?;
        }
        Ok(())
    }

    /// Sends what is left, then the error if reading failed part way: the
    /// rows before the failure are real and are reported as read.
    fn finish(self, error: Option<InputError>) {
        if !self.batch.is_empty() && self.sender.send(Ok(self.batch)).is_err() {
            return;
        }
        if let Some(error) = error {
            let _ = self.sender.send(Err(error));
        }
    }
}

/// Runs `produce` on a new thread; its rows come out of the returned iterator.
pub(super) fn spawn<F>(path: &Path, produce: F) -> Result<BatchedRows, InputError>
where
    F: FnOnce(&mut RowSink) -> Result<(), Stop> + Send + 'static,
{
    let (sender, receiver) = sync_channel(BATCHES_IN_FLIGHT);
    let handle = thread::Builder::new()
        .name("csf-input-reader".into())
        .spawn(move || {
            let mut sink = RowSink::new(sender);
            match produce(&mut sink) {
                Ok(()) => sink.finish(None),
                Err(Stop::ConsumerGone) => {}
                Err(Stop::Failed(error)) => sink.finish(Some(error)),
            }
        })
        .map_err(|source| InputError::Io {
            path: path.to_path_buf(),
            source,
        })?;
    Ok(BatchedRows {
        receiver,
        batch: Vec::new().into_iter(),
        handle: Some(handle),
        path: path.to_path_buf(),
    })
}

/// The consumer's end.
pub(super) struct BatchedRows {
    receiver: Receiver<Batch>,
    batch: std::vec::IntoIter<RawRow>,
    handle: Option<JoinHandle<()>>,
    path: PathBuf,
}

impl Iterator for BatchedRows {
    type Item = Result<RawRow, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(row) = self.batch.next() {
                return Some(Ok(row));
            }
            match self.receiver.recv() {
                Ok(Ok(batch)) => self.batch = batch.into_iter(),
                Ok(Err(error)) => return Some(Err(error)),
                // The thread has finished, or died: a panic must not pass
                // for the end of the input.
                Err(_) => {
                    let outcome = self.handle.take()?.join();
                    return outcome.err().map(|payload| {
                        Err(InputError::Unreadable {
                            path: self.path.clone(),
                            message: panic_message(payload),
                        })
                    });
                }
            }
        }
    }
}

/// A table dropped before its end (intake stops at a missing column, say)
/// closes the channel, so that the reader's next send fails and it stops,
/// and then waits for it: whatever the reader holds (a whole XLS or ODS
/// book can be a gigabyte) is freed before the caller goes on, not by a
/// thread left running in the background. The ODS fuzzer saw such threads
/// freeing big books while later inputs ran, 60 times slower.
impl Drop for BatchedRows {
    fn drop(&mut self) {
        let (_, closed) = sync_channel(0);
        drop(std::mem::replace(&mut self.receiver, closed));
        if let Some(handle) = self.handle.take() {
            let _ = handle.join();
        }
    }
}

thread_local! {
    /// Set while this thread is inside a call to a third-party reader.
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `call` (into calamine) so that a panic in it prints nothing.
///
/// calamine is not panic-free on every malformed file (a debug build even
/// panics on an overlong cell reference like `AAAAAAAAAAAAAAA1`). Such a
/// panic is caught (on the reader thread by `BatchedRows`, at open by
/// `catch_unwind`) and reported as an unreadable file with its message; the
/// default hook would also print "thread ... panicked at ..." and a
/// backtrace to the user's terminal, for a file that was handled. Panics
/// anywhere else (in csf's own code) are printed as usual.
pub(super) fn quietly<T>(call: impl FnOnce() -> T) -> T {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !QUIET.get() {
                previous(info);
            }
        }));
    });
    /// Clears the flag on the way out, also when `call` unwinds (the hook
    /// runs before unwinding, so it still sees the flag set).
    struct Reset(bool);
    impl Drop for Reset {
        fn drop(&mut self) {
            QUIET.set(self.0);
        }
    }
    let _reset = Reset(QUIET.replace(true));
    call()
}

pub(super) fn panic_message(payload: Box<dyn Any + Send>) -> String {
    let detail = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    format!("the reader failed on this file ({detail})")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Cell;

    fn row(n: u32) -> RawRow {
        RawRow {
            row: n,
            cells: vec![Cell::Text(n.to_string())],
        }
    }

    #[test]
    fn rows_arrive_in_order_across_batches() {
        let rows = spawn(Path::new("x.csv"), |sink| {
            for n in 1..=2500 {
                sink.push(row(n))?;
            }
            Ok(())
        })
        .unwrap();
        let numbers: Vec<u32> = rows.map(|r| r.unwrap().row).collect();
        assert_eq!(numbers, (1..=2500).collect::<Vec<_>>());
    }

    #[test]
    fn wide_rows_are_sent_in_smaller_batches() {
        let (sender, receiver) = sync_channel(BATCHES_IN_FLIGHT);
        let mut sink = RowSink::new(sender);
        let wide = |n| RawRow {
            row: n,
            cells: vec![Cell::Empty; 20_000],
        };
        // 65,536 cells a batch: 3 rows make 60,000 (kept), the 4th 80,000 (sent).
        for n in 1..=3 {
            sink.push(wide(n)).ok().unwrap();
        }
        assert!(receiver.try_recv().is_err());
        sink.push(wide(4)).ok().unwrap();
        let batch = receiver.try_recv().unwrap().unwrap();
        assert_eq!(
            batch.iter().map(|r| r.row).collect::<Vec<_>>(),
            [1, 2, 3, 4]
        );
        // The count starts again: row 5 alone is not sent.
        sink.push(wide(5)).ok().unwrap();
        assert!(receiver.try_recv().is_err());
    }

    #[test]
    fn a_failure_comes_after_the_rows_read_before_it() {
        let mut rows = spawn(Path::new("x.csv"), |sink| {
            sink.push(row(1))?;
            Err(Stop::Failed(InputError::Unreadable {
                path: "x.csv".into(),
                message: "broken".into(),
            }))
        })
        .unwrap();
        assert_eq!(rows.next().unwrap().unwrap().row, 1);
        assert!(matches!(
            rows.next(),
            Some(Err(InputError::Unreadable { .. }))
        ));
        assert!(rows.next().is_none());
    }

    #[test]
    fn dropping_the_rows_early_waits_for_the_reader_to_let_go() {
        use std::sync::Arc;
        let held = Arc::new(());
        let in_reader = Arc::clone(&held);
        let mut rows = spawn(Path::new("x.csv"), move |sink| {
            let _keep = in_reader;
            // Endless rows: only the consumer going away stops this.
            for n in 1.. {
                sink.push(row(n))?;
            }
            Ok(())
        })
        .unwrap();
        assert_eq!(rows.next().unwrap().unwrap().row, 1);
        drop(rows);
        // The reader has stopped and dropped its clone: one owner left.
        assert_eq!(Arc::strong_count(&held), 1);
    }

    #[test]
    fn quiet_mode_ends_with_the_call_even_when_it_panics() {
        assert!(quietly(|| QUIET.get()));
        assert!(!QUIET.get());
        let caught = panic::catch_unwind(|| quietly(|| panic!("calamine bug")));
        assert!(caught.is_err());
        assert!(!QUIET.get(), "a later panic of csf's own must still print");
        // Nested calls restore the outer state.
        quietly(|| {
            quietly(|| ());
            assert!(QUIET.get());
        });
    }

    #[test]
    fn a_panic_in_the_reader_is_an_error_not_the_end_of_the_file() {
        let mut rows = spawn(Path::new("x.csv"), |sink| {
            sink.push(row(1))?;
            panic!("reader bug");
        })
        .unwrap();
        // The row pushed before the panic was never sent: the batch died
        // with the thread. What matters is that the stream ends in an error.
        let last = rows.by_ref().last().unwrap();
        let message = last.unwrap_err().to_string();
        assert!(message.contains("reader bug"), "{message}");
    }
}
