//! The result of intake must not depend on the number of threads.

mod intake_support;

use csf::input::Cell;
use csf::intake::Intake;
use intake_support::{read, table, text};

/// 70,000 rows (several batches) with duplicates, bad rows, warnings and a
/// slash-date column decided by its last row.
fn tables() -> Vec<csf::input::Table> {
    let rows: Vec<Vec<Cell>> = (0..70_000u32)
        .map(|i| {
            let id = format!("c{}", i % 9_000);
            let cp = ["0", "30", "60", "90", "bad"][(i / 9_000) as usize % 5];
            let date = if i == 69_999 {
                "13/01/2025".to_string()
            } else {
                format!("0{}/0{}/2025", 1 + i % 9, 1 + i % 7)
            };
            let nps = (i % 13).to_string();
            vec![text(&id), text(cp), text(&date), text(&nps)]
        })
        .collect();
    vec![
        table("a.csv", &["id", "checkpoint", "date", "nps"], rows.clone()),
        table(
            "b.csv",
            &["id", "checkpoint", "date", "nps"],
            rows[..5_000].to_vec(),
        ),
    ]
}

fn run(threads: usize) -> Intake {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    pool.install(|| read(tables()))
}

#[test]
fn one_thread_and_two_threads_give_the_same_intake() {
    let one = run(1);
    let two = run(2);
    assert!(one.ledger.count(csf::intake::ledger::Severity::Superseded) > 0);
    assert!(one.ledger.count(csf::intake::ledger::Severity::Rejected) > 0);
    assert!(one.ledger.count(csf::intake::ledger::Severity::Warning) > 0);
    // Debug output compares NaN (missing) metrics as equal, unlike PartialEq.
    assert_eq!(
        format!("{:?}", one.snapshots),
        format!("{:?}", two.snapshots)
    );
    assert_eq!(one.ledger.issues, two.ledger.issues);
    assert_eq!(one.ledger.files, two.ledger.files);
}
