//! Where documents go: safe file names and atomic writes.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::DocumentKind;
use super::identity::Identity;

/// `case-study-CUST-000123.md`, or for an anonymized customer
/// `case-study-anonymous-mid-market-customer-7.md` (no id in it).
pub fn file_name(kind: DocumentKind, who: &Identity) -> String {
    format!("{}-{}.md", kind.slug(), who.file_stem)
}

/// Write to a temporary file in the same folder, then rename, so a failed
/// run never leaves half a document under the final name. No fsync: the
/// rename protects against a failed run, and an fsync per document would
/// make `--all-customers` on a large portfolio crawl.
pub fn write_atomic(path: &Path, contents: &str) -> std::io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp: PathBuf = dir
        .unwrap_or(Path::new("."))
        .join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(contents.as_bytes())?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_atomic_replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("doc.md");
        std::fs::write(&path, "old").unwrap();
        write_atomic(&path, "new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("doc.md")]);
    }

    #[test]
    fn a_failed_write_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing-folder").join("doc.md");
        assert!(write_atomic(&path, "x").is_err());
        assert!(!path.exists());
    }
}
