//! Duplicates (SPEC 2.5): the key is (customer_id, checkpoint) over all
//! inputs, and the row read last wins.

use std::collections::{HashMap, HashSet};

use super::ledger::{DataIssue, Ledger, RowRef, Severity};
use crate::portfolio::Snapshot;

/// Keep the last row of each key, in input order; record every other row as
/// superseded by the row that finally won, and move it from accepted to
/// superseded in its file's tally. Warnings about a superseded row's cells are
/// dropped: the row is in no figure, and it is reported once, as superseded.
pub(super) fn dedupe(snapshots: Vec<Snapshot>, ledger: &mut Ledger) -> Vec<Snapshot> {
    // For each row, the index of the row that wins its key.
    let winners: Vec<usize> = {
        let mut last: HashMap<(&str, u32), usize> = HashMap::with_capacity(snapshots.len());
        for (i, s) in snapshots.iter().enumerate() {
            last.insert((s.customer_id.as_str(), s.checkpoint), i);
        }
        if last.len() == snapshots.len() {
            return snapshots;
        }
        snapshots
            .iter()
            .map(|s| last[&(s.customer_id.as_str(), s.checkpoint)])
            .collect()
    };
    let mut superseded: HashSet<RowRef> = HashSet::new();
    let mut issues = Vec::new();
    for (i, s) in snapshots.iter().enumerate() {
        let w = winners[i];
        if w == i {
            continue;
        }
        let winner = &snapshots[w];
        superseded.insert(s.source);
        let tally = &mut ledger.files[s.source.file as usize].tally;
        tally.accepted -= 1;
        tally.superseded += 1;
        issues.push(DataIssue {
            row: Some(s.source),
            customer_id: Some(s.customer_id.clone()),
            column: None,
            value: None,
            severity: Severity::Superseded,
            reason: format!(
                "superseded by {} (same customer_id and checkpoint {})",
                ledger.locate(winner.source),
                s.checkpoint
            ),
        });
    }
    ledger.issues.retain(|i| {
        !(i.severity == Severity::Warning && i.row.is_some_and(|r| superseded.contains(&r)))
    });
    ledger.issues.extend(issues);
    let mut snapshots = snapshots;
    let mut index = 0;
    snapshots.retain(|_| {
        let keep = winners[index] == index;
        index += 1;
        keep
    });
    snapshots
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intake::ledger::{SourceFile, Tally};
    use chrono::NaiveDate;

    fn row(id: &str, checkpoint: u32, file: u32, line: u32) -> Snapshot {
        let mut s = Snapshot::new(id, checkpoint, NaiveDate::from_ymd_opt(2025, 1, 1).unwrap());
        s.source = RowRef { file, row: line };
        s
    }

    fn ledger(accepted: &[u64]) -> Ledger {
        Ledger {
            files: accepted
                .iter()
                .enumerate()
                .map(|(i, &n)| SourceFile {
                    path: format!("f{i}.csv").into(),
                    tally: Tally {
                        rows_read: n,
                        accepted: n,
                        ..Default::default()
                    },
                    ..Default::default()
                })
                .collect(),
            issues: vec![],
        }
    }

    #[test]
    fn the_row_read_last_wins_and_the_others_name_it() {
        let rows = vec![
            row("a", 0, 0, 2),
            row("a", 30, 0, 3),
            row("b", 0, 0, 4),
            row("a", 0, 0, 5), // overrides line 2 within the file
            row("a", 0, 1, 2), // and is overridden by the second file
        ];
        let mut l = ledger(&[4, 1]);
        let kept = dedupe(rows, &mut l);
        let kept: Vec<(String, u32, RowRef)> = kept
            .into_iter()
            .map(|s| (s.customer_id, s.checkpoint, s.source))
            .collect();
        assert_eq!(
            kept,
            vec![
                ("a".into(), 30, RowRef { file: 0, row: 3 }),
                ("b".into(), 0, RowRef { file: 0, row: 4 }),
                ("a".into(), 0, RowRef { file: 1, row: 2 }),
            ]
        );
        // Both losers name the final winner, f1.csv line 2.
        let reasons: Vec<(u32, &str)> = l
            .issues
            .iter()
            .map(|i| (i.row.unwrap().row, i.reason.as_str()))
            .collect();
        assert_eq!(
            reasons,
            vec![
                (
                    2,
                    "superseded by f1.csv 2 (same customer_id and checkpoint 0)"
                ),
                (
                    5,
                    "superseded by f1.csv 2 (same customer_id and checkpoint 0)"
                ),
            ]
        );
        // File 0: 4 read = 2 accepted + 2 superseded; file 1: 1 accepted.
        assert_eq!(l.files[0].tally.accepted, 2);
        assert_eq!(l.files[0].tally.superseded, 2);
        assert_eq!(l.files[1].tally.accepted, 1);
        assert!(l.files.iter().all(|f| f.tally.balances()));
    }

    #[test]
    fn warnings_of_superseded_rows_are_dropped() {
        let rows = vec![row("a", 0, 0, 2), row("a", 0, 0, 3)];
        let mut l = ledger(&[2]);
        for line in [2, 3] {
            l.issues.push(DataIssue {
                row: Some(RowRef { file: 0, row: line }),
                customer_id: Some("a".into()),
                column: Some("nps".into()),
                value: Some("11".into()),
                severity: Severity::Warning,
                reason: "11 is outside 0–10".into(),
            });
        }
        dedupe(rows, &mut l);
        let left: Vec<(u32, Severity)> = l
            .issues
            .iter()
            .map(|i| (i.row.unwrap().row, i.severity))
            .collect();
        assert_eq!(
            left,
            vec![(3, Severity::Warning), (2, Severity::Superseded)]
        );
    }

    #[test]
    fn no_duplicates_changes_nothing() {
        let rows = vec![row("a", 0, 0, 2), row("a", 30, 0, 3)];
        let mut l = ledger(&[2]);
        let kept: Vec<RowRef> = dedupe(rows, &mut l).iter().map(|s| s.source).collect();
        assert_eq!(
            kept,
            vec![RowRef { file: 0, row: 2 }, RowRef { file: 0, row: 3 }]
        );
        assert!(l.issues.is_empty());
    }
}
