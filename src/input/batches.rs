//! Rows produced on a reader thread and handed over in batches.
//!
//! Both sources use it: for CSV it overlaps parsing (and its allocations)
//! with the consumer's work; for workbooks it is also the only way to stream
//! at all, since calamine's cells readers borrow the workbook and cannot live
//! inside a plain iterator. The channel is bounded, so the reader runs at
//! most a few batches ahead and memory stays flat however long the input.

use std::any::Any;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::{self, JoinHandle};

use super::{InputError, RawRow};

/// Rows per batch: large enough that channel traffic is negligible, small
/// enough that the first rows arrive at once.
const BATCH_ROWS: usize = 1024;
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
}

impl RowSink {
    pub(super) fn push(&mut self, row: RawRow) -> Result<(), Stop> {
        self.batch.push(row);
        if self.batch.len() >= BATCH_ROWS {
            let full = std::mem::replace(&mut self.batch, Vec::with_capacity(BATCH_ROWS));
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
            let mut sink = RowSink {
                sender,
                batch: Vec::with_capacity(BATCH_ROWS),
            };
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
