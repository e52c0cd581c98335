//! Property: for any mix of good, rejected and repeated rows over two input
//! files, the Data issues sheet shows, per file and in total,
//! rows read = accepted + superseded + rejected, with the counts the rows
//! were built to produce.

mod figures_common;

use std::fmt::Write as _;

use assert_cmd::Command;
use figures_common::sheet_cells::{column, grid, number, text};
use proptest::prelude::*;

/// One data row: which customer and checkpoint, and whether its key cells
/// are readable.
#[derive(Clone, Debug)]
struct Row {
    customer: u8,
    checkpoint: u8,
    bad: Option<u8>,
}

fn row() -> impl Strategy<Value = Row> {
    (0u8..4, 0u8..3, prop::option::weighted(0.25, 0u8..3)).prop_map(
        |(customer, checkpoint, bad)| Row {
            customer,
            checkpoint,
            bad,
        },
    )
}

fn csv(rows: &[Row]) -> String {
    let mut s = String::from("customer_id,checkpoint,snapshot_date,mrr\n");
    for r in rows {
        let (id, cp, date) = (
            format!("C{}", r.customer),
            (u32::from(r.checkpoint) * 30).to_string(),
            format!("2025-0{}-15", r.checkpoint + 1),
        );
        // A missing id, an unreadable checkpoint or an impossible date.
        let line = match r.bad {
            Some(0) => format!(",{cp},{date},100"),
            Some(1) => format!("{id},soon,{date},100"),
            Some(_) => format!("{id},{cp},2025-02-30,100"),
            None => format!("{id},{cp},{date},100"),
        };
        let _ = writeln!(s, "{line}");
    }
    s
}

/// (read, accepted, superseded, rejected) per file, the later file winning
/// repeated keys, and later rows within a file winning too.
fn expected(files: &[Vec<Row>; 2]) -> [[f64; 4]; 2] {
    let mut winner = std::collections::HashMap::new();
    for (f, rows) in files.iter().enumerate() {
        for (i, r) in rows.iter().enumerate() {
            if r.bad.is_none() {
                winner.insert((r.customer, r.checkpoint), (f, i));
            }
        }
    }
    let mut out = [[0.0; 4]; 2];
    for (f, rows) in files.iter().enumerate() {
        for (i, r) in rows.iter().enumerate() {
            out[f][0] += 1.0;
            let slot = match r.bad {
                Some(_) => 3,
                None if winner[&(r.customer, r.checkpoint)] == (f, i) => 1,
                None => 2,
            };
            out[f][slot] += 1.0;
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn the_data_issues_sheet_balances_every_file(
        first in prop::collection::vec(row(), 1..12),
        second in prop::collection::vec(row(), 1..12),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let paths = [dir.path().join("a.csv"), dir.path().join("b.csv")];
        let files = [first, second];
        for (p, rows) in paths.iter().zip(&files) {
            std::fs::write(p, csv(rows)).unwrap();
        }
        let book = dir.path().join("out.xlsx");
        Command::cargo_bin("csf").unwrap()
            .args(["report", "--quiet", "--as-of", "2025-06-30", "-o"])
            .arg(&book)
            .args(&paths)
            .assert()
            .success();

        let g = grid(&book, "Data issues");
        let tally = g.iter().position(|r| text(&r[0]) == Some("Input file")).unwrap();
        let col = |h: &str| column(&g[tally], h);
        let counts = |row: &[calamine::Data]| -> [f64; 4] {
            ["Rows read", "Accepted", "Superseded", "Rejected"]
                .map(|h| number(&row[col(h)]).unwrap())
        };
        let want = expected(&files);
        for (i, want) in want.iter().enumerate() {
            let got = counts(&g[tally + 1 + i]);
            prop_assert_eq!(got, *want, "file {}", i);
            prop_assert_eq!(got[0], got[1] + got[2] + got[3]);
        }
        let total = counts(&g[tally + 3]);
        prop_assert_eq!(text(&g[tally + 3][0]), Some("All inputs"));
        prop_assert_eq!(total, [0, 1, 2, 3].map(|k| want[0][k] + want[1][k]));
    }
}
