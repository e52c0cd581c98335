use std::fs;
use std::path::{Path, PathBuf};

use super::InputError;

/// Extensions a folder contributes (compared case-insensitively).
const DATA_EXTENSIONS: [&str; 8] = ["csv", "tsv", "txt", "xlsx", "xlsm", "xlsb", "xls", "ods"];

/// Files and folders as given on the command line, expanded to files: a
/// folder contributes its CSV/XLSX/XLS/ODS files in name order.
///
/// The order of the inputs is kept because later inputs override earlier
/// ones on the key (SPEC 2.5). Files named explicitly are kept whatever their
/// extension: the user asked for them. Folders are not searched recursively,
/// and hidden files and Office lock files (`~$book.xlsx`, left behind while a
/// workbook is open in Excel) are skipped.
pub fn expand_inputs(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, InputError> {
    let mut files = Vec::new();
    for input in inputs {
        let meta = fs::metadata(input).map_err(|source| InputError::Io {
            path: input.clone(),
            source,
        })?;
        if meta.is_dir() {
            let found = folder_files(input)?;
            if found.is_empty() {
                return Err(InputError::EmptyFolder {
                    path: input.clone(),
                });
            }
            files.extend(found);
        } else {
            files.push(input.clone());
        }
    }
    Ok(files)
}

fn folder_files(folder: &Path) -> Result<Vec<PathBuf>, InputError> {
    let io_error = |source| InputError::Io {
        path: folder.to_path_buf(),
        source,
    };
    let mut found = Vec::new();
    for entry in fs::read_dir(folder).map_err(io_error)? {
        let entry = entry.map_err(io_error)?;
        let path = entry.path();
        // Follows symlinks, so a linked export counts like a real one.
        if !path.is_file() || !is_data_file(&path) {
            continue;
        }
        found.push(path);
    }
    // By file name, byte-wise: stable across platforms and locales, and
    // `01_...`, `02_...` prefixes sort as users expect.
    found.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
    Ok(found)
}

fn is_data_file(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    if name.starts_with('.') || name.starts_with("~$") {
        return false;
    }
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    DATA_EXTENSIONS.contains(&extension.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(dir: &Path, name: &str) -> PathBuf {
        let path = dir.join(name);
        fs::write(&path, "a,b\n").unwrap();
        path
    }

    #[test]
    fn folder_gives_its_data_files_in_name_order() {
        let dir = tempfile::tempdir().unwrap();
        touch(dir.path(), "b_march.CSV");
        touch(dir.path(), "a_feb.xlsx");
        touch(dir.path(), "c_april.tsv");
        touch(dir.path(), "d.Ods");
        touch(dir.path(), "notes.md");
        touch(dir.path(), ".hidden.csv");
        touch(dir.path(), "~$a_feb.xlsx");
        fs::create_dir(dir.path().join("sub.csv")).unwrap();
        touch(&dir.path().join("sub.csv"), "inner.csv");

        let files = expand_inputs(&[dir.path().to_path_buf()]).unwrap();
        let names: Vec<_> = files
            .iter()
            .map(|p| p.file_name().unwrap().to_str().unwrap())
            .collect();
        assert_eq!(names, ["a_feb.xlsx", "b_march.CSV", "c_april.tsv", "d.Ods"]);
    }

    #[test]
    fn input_order_is_kept_and_files_are_taken_as_given() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("folder");
        fs::create_dir(&sub).unwrap();
        touch(&sub, "x.csv");
        let late = touch(dir.path(), "z_late.dat");
        let early = touch(dir.path(), "a_early.csv");

        let files = expand_inputs(&[late.clone(), sub.clone(), early.clone()]).unwrap();
        assert_eq!(files, [late, sub.join("x.csv"), early]);
    }

    #[test]
    fn folder_without_data_files_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        touch(dir.path(), "readme.md");
        let err = expand_inputs(&[dir.path().to_path_buf()]).unwrap_err();
        assert!(matches!(err, InputError::EmptyFolder { ref path } if path == dir.path()));
    }

    #[test]
    fn missing_path_is_an_io_error_naming_it() {
        let missing = PathBuf::from("/no/such/dir/export.csv");
        let err = expand_inputs(std::slice::from_ref(&missing)).unwrap_err();
        assert!(matches!(err, InputError::Io { ref path, .. } if *path == missing));
        assert!(err.to_string().contains("/no/such/dir/export.csv"));
    }
}
