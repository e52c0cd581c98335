//! Finding the header row, shared by CSV and sheets: exports often put a
//! title line ("Customer metrics export — generated 2025-06-30") or a blank
//! line above the real header.

use super::{InputError, RawRow, ReadOptions};

/// How many non-empty rows are looked at for a header before giving up.
pub(super) const HEADER_SEARCH_ROWS: usize = 20;

pub(super) struct Found {
    pub header: RawRow,
    pub names: Vec<String>,
    /// Rows read past the header while searching, to be given out first.
    pub following: Vec<RawRow>,
}

/// The header row among the first [`HEADER_SEARCH_ROWS`] rows of `rows`
/// (which never yields fully empty rows).
///
/// With `options.looks_like_header`, the first row it accepts is the header
/// and the rows above it are title lines, dropped. If it accepts none, the
/// first row is taken anyway so that intake can report the missing columns
/// with the headers that were found, which is the most useful message.
/// Returns `None` when there is no row at all.
pub(super) fn find_header<I>(
    rows: &mut I,
    options: &ReadOptions,
) -> Result<Option<Found>, InputError>
where
    I: Iterator<Item = Result<RawRow, InputError>>,
{
    let Some(accepts) = options.looks_like_header else {
        return Ok(rows.next().transpose()?.map(|header| Found {
            names: names_of(&header),
            header,
            following: Vec::new(),
        }));
    };
    let mut seen = Vec::new();
    while seen.len() < HEADER_SEARCH_ROWS {
        let Some(row) = rows.next().transpose()? else {
            break;
        };
        let names = names_of(&row);
        if accepts(&names) {
            return Ok(Some(Found {
                header: row,
                names,
                following: Vec::new(),
            }));
        }
        seen.push(row);
    }
    if seen.is_empty() {
        return Ok(None);
    }
    let header = seen.remove(0);
    Ok(Some(Found {
        names: names_of(&header),
        header,
        following: seen,
    }))
}

fn names_of(row: &RawRow) -> Vec<String> {
    row.cells.iter().map(|c| c.display()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Cell;

    fn row(n: u32, texts: &[&str]) -> Result<RawRow, InputError> {
        Ok(RawRow {
            row: n,
            cells: texts
                .iter()
                .map(|t| {
                    if t.is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(t.to_string())
                    }
                })
                .collect(),
        })
    }

    fn has_customer_id(names: &[String]) -> bool {
        names.iter().any(|n| n.trim() == "customer_id")
    }

    #[test]
    fn title_lines_above_the_header_are_dropped() {
        let mut rows = vec![
            row(1, &["Export June"]),
            row(3, &["customer_id", "stage"]),
            row(4, &["c1", "30"]),
        ]
        .into_iter();
        let options = ReadOptions {
            looks_like_header: Some(has_customer_id),
            ..Default::default()
        };
        let found = find_header(&mut rows, &options).unwrap().unwrap();
        assert_eq!(found.header.row, 3);
        assert_eq!(found.names, ["customer_id", "stage"]);
        assert!(found.following.is_empty());
        assert_eq!(rows.next().unwrap().unwrap().row, 4);
    }

    #[test]
    fn without_a_match_the_first_row_is_the_header_and_nothing_is_lost() {
        let mut rows = vec![row(1, &["a", "b"]), row(2, &["1", "2"])].into_iter();
        let options = ReadOptions {
            looks_like_header: Some(has_customer_id),
            ..Default::default()
        };
        let found = find_header(&mut rows, &options).unwrap().unwrap();
        assert_eq!(found.header.row, 1);
        assert_eq!(found.following.len(), 1);
        assert_eq!(found.following[0].row, 2);
    }

    #[test]
    fn without_a_hint_the_first_row_is_the_header() {
        let mut rows = vec![row(2, &["Title"]), row(3, &["x", "y"])].into_iter();
        let found = find_header(&mut rows, &ReadOptions::default())
            .unwrap()
            .unwrap();
        assert_eq!(found.header.row, 2);
        assert_eq!(found.names, ["Title"]);
    }

    #[test]
    fn no_rows_means_no_header() {
        let mut rows = Vec::<Result<RawRow, InputError>>::new().into_iter();
        assert!(
            find_header(&mut rows, &ReadOptions::default())
                .unwrap()
                .is_none()
        );
    }
}
