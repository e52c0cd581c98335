//! Nothing is lost (SPEC 2.4, 2.5): for random mixes of good, bad and
//! duplicate rows over two inputs, every row read ends accepted, superseded or
//! rejected, exactly once, and the tallies add up.

mod intake_support;

use std::collections::{HashMap, HashSet};

use csf::intake::ledger::{RowRef, Severity};
use intake_support::{csv, read};
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Row {
    /// A good row; `date` picks an ISO date or a slash date of some kind.
    Good {
        id: u8,
        cp: u8,
        date: u8,
    },
    /// A good row with an out-of-range NPS: a warning, still accepted.
    BadNps {
        id: u8,
        cp: u8,
    },
    /// A good row with fewer fields than the header.
    Short {
        id: u8,
        cp: u8,
    },
    BadId,
    BadCheckpoint,
    BadDate,
    Blank,
}

fn row() -> impl Strategy<Value = Row> {
    prop_oneof![
        6 => (0..4u8, 0..3u8, 0..4u8).prop_map(|(id, cp, date)| Row::Good { id, cp, date }),
        1 => (0..4u8, 0..3u8).prop_map(|(id, cp)| Row::BadNps { id, cp }),
        1 => (0..4u8, 0..3u8).prop_map(|(id, cp)| Row::Short { id, cp }),
        1 => Just(Row::BadId),
        1 => Just(Row::BadCheckpoint),
        1 => Just(Row::BadDate),
        1 => Just(Row::Blank),
    ]
}

const CHECKPOINTS: [&str; 3] = ["baseline", "30", "day 60"];
const CHECKPOINT_DAYS: [u32; 3] = [0, 30, 60];
/// ISO; only day-first; only month-first; either order.
const DATES: [&str; 4] = ["2025-01-01", "31/01/2025", "01/31/2025", "01/02/2025"];

fn cells(r: &Row) -> Vec<String> {
    let s = |v: &str| v.to_string();
    match r {
        Row::Good { id, cp, date } => vec![
            format!("c{id}"),
            s(CHECKPOINTS[*cp as usize]),
            s(DATES[*date as usize]),
            s("9"),
        ],
        Row::BadNps { id, cp } => vec![
            format!("c{id}"),
            s(CHECKPOINTS[*cp as usize]),
            s("2025-01-01"),
            s("11"),
        ],
        Row::Short { id, cp } => vec![
            format!("c{id}"),
            s(CHECKPOINTS[*cp as usize]),
            s("2025-01-01"),
        ],
        Row::BadId => vec![s(""), s("30"), s("2025-01-01"), s("9")],
        Row::BadCheckpoint => vec![s("c1"), s("-30"), s("2025-01-01"), s("9")],
        Row::BadDate => vec![s("c1"), s("30"), s("2025-02-30"), s("9")],
        Row::Blank => vec![s(""), s(""), s(""), s("")],
    }
}

/// The rows the model says are rejected: bad key fields, and slash dates
/// that only read in the order the file's majority did not choose (a tie
/// goes to the default, month-first).
fn model_rejected(rows: &[Row]) -> Vec<bool> {
    let count = |d: u8| {
        rows.iter()
            .filter(|r| matches!(r, Row::Good { date, .. } if *date == d))
            .count()
    };
    let (day_only, month_only) = (count(1), count(2));
    let day_first = day_only > month_only;
    rows.iter()
        .map(|r| match r {
            Row::BadId | Row::BadCheckpoint | Row::BadDate => true,
            Row::Good { date: 1, .. } => !day_first,
            Row::Good { date: 2, .. } => day_first,
            _ => false,
        })
        .collect()
}

fn key(r: &Row) -> Option<(u8, u32)> {
    match r {
        Row::Good { id, cp, .. } | Row::BadNps { id, cp } | Row::Short { id, cp } => {
            Some((*id, CHECKPOINT_DAYS[*cp as usize]))
        }
        _ => None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn every_row_ends_exactly_once(files in prop::collection::vec(prop::collection::vec(row(), 0..40), 2)) {
        let tables = files
            .iter()
            .enumerate()
            .map(|(f, rows)| {
                let cells: Vec<Vec<String>> = rows.iter().map(cells).collect();
                let refs: Vec<Vec<&str>> = cells.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
                let slices: Vec<&[&str]> = refs.iter().map(Vec::as_slice).collect();
                csv(&format!("f{f}.csv"), &["customer_id", "checkpoint", "snapshot_date", "nps"], &slices)
            })
            .collect();
        let intake = read(tables);

        // The model: rows read (not blank), rejected, and the last row of each key wins.
        let mut read_rows: Vec<RowRef> = Vec::new();
        let mut rejected: HashSet<RowRef> = HashSet::new();
        let mut winner: HashMap<(u8, u32), RowRef> = HashMap::new();
        let mut candidates: Vec<((u8, u32), RowRef)> = Vec::new();
        for (f, rows) in files.iter().enumerate() {
            let rej = model_rejected(rows);
            for (i, r) in rows.iter().enumerate() {
                let here = RowRef { file: f as u32, row: i as u32 + 2 };
                if matches!(r, Row::Blank) { continue; }
                read_rows.push(here);
                if rej[i] { rejected.insert(here); continue; }
                let k = key(r).unwrap();
                winner.insert(k, here);
                candidates.push((k, here));
            }
        }
        let superseded: HashSet<RowRef> = candidates.iter().filter(|(k, r)| winner[k] != *r).map(|(_, r)| *r).collect();
        let accepted: Vec<RowRef> = candidates.iter().filter(|(k, r)| winner[k] == *r).map(|(_, r)| *r).collect();

        let got_accepted: Vec<RowRef> = intake.snapshots.iter().map(|s| s.source).collect();
        prop_assert_eq!(&got_accepted, &accepted);
        let mut seen: HashMap<RowRef, Severity> = HashMap::new();
        for issue in &intake.ledger.issues {
            if issue.severity == Severity::Warning { continue; }
            let r = issue.row.unwrap();
            prop_assert!(seen.insert(r, issue.severity).is_none(), "{:?} reported twice", r);
        }
        for r in &read_rows {
            let want = if rejected.contains(r) { Some(Severity::Rejected) }
                else if superseded.contains(r) { Some(Severity::Superseded) }
                else { None };
            prop_assert_eq!(seen.get(r).copied(), want, "row {:?}", r);
        }
        prop_assert_eq!(seen.len(), rejected.len() + superseded.len());
        // Row warnings only for accepted rows; a "no baseline" note for each
        // customer whose accepted rows have no checkpoint 0.
        let mut noted: Vec<&str> = Vec::new();
        for issue in intake.ledger.issues.iter().filter(|i| i.severity == Severity::Warning) {
            match issue.row {
                Some(r) => prop_assert!(accepted.contains(&r)),
                None => noted.push(issue.customer_id.as_deref().unwrap()),
            }
        }
        noted.sort();
        let mut without_baseline: Vec<String> = (0..4u8)
            .filter(|id| winner.keys().any(|k| k.0 == *id) && !winner.contains_key(&(*id, 0)))
            .map(|id| format!("c{id}"))
            .collect();
        without_baseline.sort();
        prop_assert_eq!(noted, without_baseline.iter().map(String::as_str).collect::<Vec<_>>());
        for (f, file) in intake.ledger.files.iter().enumerate() {
            let t = file.tally;
            prop_assert!(t.balances(), "{:?}", t);
            let mine = |set: &dyn Fn(&RowRef) -> bool| read_rows.iter().filter(|r| r.file == f as u32 && set(r)).count() as u64;
            prop_assert_eq!(t.rows_read, mine(&|_| true));
            prop_assert_eq!(t.rejected, mine(&|r| rejected.contains(r)));
            prop_assert_eq!(t.superseded, mine(&|r| superseded.contains(r)));
        }
        let total = intake.ledger.total();
        prop_assert!(total.balances());
        prop_assert_eq!(total.rows_read, read_rows.len() as u64);
        prop_assert_eq!(total.accepted, accepted.len() as u64);
    }
}
