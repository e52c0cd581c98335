//! Every file csf writes (workbook, JSON, documents, generated exports) is
//! written under a temporary name in the target's folder and renamed when
//! complete: a reader never sees half a file, a failed run leaves the old
//! file (or none), and Ctrl-C removes what was in flight.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

/// Temporary files being written now, for the Ctrl-C handler.
static IN_FLIGHT: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
static NEXT: AtomicU64 = AtomicU64::new(0);

/// A file being written under a temporary name; dropped without
/// [`PendingFile::commit`], the temporary file is removed.
#[derive(Debug)]
pub struct PendingFile {
    temp: PathBuf,
    target: PathBuf,
}

impl PendingFile {
    /// Reserve `.NAME.csf-PID-N.tmp` next to `target` (the same file system,
    /// so the final rename is atomic), created empty.
    pub fn new(target: &Path) -> io::Result<(PendingFile, File)> {
        let name = target
            .file_name()
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file name"))?
            .to_string_lossy()
            .into_owned();
        let dir = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        loop {
            let n = NEXT.fetch_add(1, Ordering::Relaxed);
            let temp = dir.join(format!(".{name}.csf-{}-{n}.tmp", std::process::id()));
            match File::create_new(&temp) {
                Ok(file) => {
                    lock().push(temp.clone());
                    let pending = PendingFile {
                        temp,
                        target: target.to_path_buf(),
                    };
                    return Ok((pending, file));
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            }
        }
    }

    /// Where to write.
    pub fn temp_path(&self) -> &Path {
        &self.temp
    }

    /// Rename over the target.
    pub fn commit(self) -> io::Result<()> {
        fs::rename(&self.temp, &self.target)
        // Drop unregisters; after a successful rename there is nothing to remove.
    }
}

impl Drop for PendingFile {
    fn drop(&mut self) {
        lock().retain(|p| p != &self.temp);
        // After a commit the temporary name no longer exists: nothing happens.
        let _ = fs::remove_file(&self.temp);
    }
}

/// Write `contents` to `path` atomically.
pub fn write_atomically(path: &Path, contents: &[u8]) -> io::Result<()> {
    let (pending, mut file) = PendingFile::new(path)?;
    file.write_all(contents)?;
    file.flush()?;
    drop(file);
    pending.commit()
}

/// Remove every temporary file in flight: called on Ctrl-C, just before exit.
pub fn remove_in_flight() {
    // The handler runs on its own thread while workers may hold the lock
    // only briefly; a poisoned lock still holds the paths.
    let paths = match IN_FLIGHT.lock() {
        Ok(g) => g.clone(),
        Err(p) => p.into_inner().clone(),
    };
    for p in paths {
        let _ = fs::remove_file(p);
    }
}

fn lock() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    IN_FLIGHT.lock().unwrap_or_else(|p| p.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_commit_replaces_the_target_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.json");
        fs::write(&path, "old").unwrap();
        write_atomically(&path, b"new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(names(dir.path()), ["out.json"]);
    }

    #[test]
    fn an_abandoned_write_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.xlsx");
        fs::write(&path, "old").unwrap();
        {
            let (pending, mut file) = PendingFile::new(&path).unwrap();
            file.write_all(b"half").unwrap();
            assert!(pending.temp_path().exists());
            assert_eq!(lock().iter().filter(|p| **p == pending.temp).count(), 1);
        }
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(names(dir.path()), ["out.xlsx"]);
    }

    #[test]
    fn ctrl_c_cleanup_removes_what_is_in_flight() {
        let dir = tempfile::tempdir().unwrap();
        let (pending, _file) = PendingFile::new(&dir.path().join("big.xlsx")).unwrap();
        remove_in_flight();
        assert!(!pending.temp_path().exists());
        assert!(names(dir.path()).is_empty());
    }

    #[test]
    fn an_unwritable_folder_is_an_error_and_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("no such folder").join("out.json");
        assert!(write_atomically(&missing, b"x").is_err());
        assert!(names(dir.path()).is_empty());
    }
}
