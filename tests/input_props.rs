//! Property: whatever a CSV writer produces (quotes, embedded delimiters and
//! newlines, any of the three delimiters, LF or CRLF), the input layer gives
//! back the same fields, with the delimiter sniffed and each row numbered by
//! the physical line where it starts.

use csf::input::{self, Cell, ReadOptions};
use proptest::prelude::*;

const DELIMITERS: [u8; 3] = [b',', b';', b'\t'];

/// Field text: may hold quotes, newlines, spaces, non-ASCII, and the file's
/// own delimiter (which the writer must quote). The other two delimiters
/// are left out: unquoted, they would make the sniffing ambiguous for real.
fn field(delimiter: u8) -> impl Strategy<Value = String> {
    "[a-z0-9 é\"\n,;\t]{0,6}".prop_map(move |s| {
        s.chars()
            .map(|c| match c {
                ',' | ';' | '\t' if c as u32 != u32::from(delimiter) => 'x',
                c => c,
            })
            .collect()
    })
}

fn table() -> impl Strategy<Value = (u8, bool, Vec<Vec<String>>)> {
    (0..3usize, any::<bool>(), 2..6usize).prop_flat_map(|(d, crlf, width)| {
        let delimiter = DELIMITERS[d];
        // The first field is a plain id, so that no record is blank.
        let record = (
            "[a-z][a-z0-9]{0,4}",
            prop::collection::vec(field(delimiter), width - 1),
        )
            .prop_map(|(id, mut rest)| {
                rest.insert(0, id);
                rest
            });
        (
            Just(delimiter),
            Just(crlf),
            prop::collection::vec(record, 1..12),
        )
    })
}

proptest! {
    #[test]
    fn csv_round_trips_with_line_numbers((delimiter, crlf, records) in table()) {
        let width = records[0].len();
        let header: Vec<String> = (0..width).map(|i| format!("col{i}")).collect();
        let mut writer = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .terminator(if crlf { csv::Terminator::CRLF } else { csv::Terminator::Any(b'\n') })
            .from_writer(Vec::new());
        writer.write_record(&header).unwrap();
        // The line each record starts on: 1 + the newlines written before it.
        let mut expected_lines = Vec::new();
        for record in &records {
            writer.flush().unwrap();
            let newlines = writer.get_ref().iter().filter(|&&b| b == b'\n').count();
            expected_lines.push(newlines as u32 + 1);
            writer.write_record(record).unwrap();
        }
        let bytes = writer.into_inner().unwrap();

        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("export.csv");
        std::fs::write(&path, &bytes).unwrap();
        let table = input::open(&path, &ReadOptions::default()).unwrap();
        prop_assert_eq!(table.delimiter, Some(char::from(delimiter)));
        prop_assert_eq!(&table.headers, &header);
        let rows: Vec<_> = table.rows.map(Result::unwrap).collect();
        prop_assert_eq!(rows.len(), records.len());
        for ((row, record), line) in rows.iter().zip(&records).zip(&expected_lines) {
            prop_assert_eq!(row.row, *line);
            let expected: Vec<Cell> = record
                .iter()
                .map(|f| if f.is_empty() { Cell::Empty } else { Cell::Text(f.clone()) })
                .collect();
            prop_assert_eq!(&row.cells, &expected);
        }
    }
}
