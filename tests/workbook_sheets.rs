//! The workbook written from hand-built data, read back with calamine:
//! sheet names and order, headers, cell types (numbers are numbers, dates
//! are dates, text from input stays text), blanks for missing figures, percent
//! points stored as fractions, continuation sheets, byte-identical output.

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook};
use chrono::NaiveDate;

use csf::figures::assumptions::{AssumptionRow, AssumptionsUsed};
use csf::figures::checklist::{NextStep, Step};
use csf::figures::customer::{CheckpointFigures, CustomerFigures};
use csf::figures::deltas::Deltas;
use csf::figures::periods::{Period, PeriodFigures, PeriodKind};
use csf::figures::roi::{Assumptions, BenefitLines, RoiFigures};
use csf::intake::DateOrder;
use csf::intake::ledger::{DataIssue, Ledger, RowRef, Severity, SourceFile, Tally};
use csf::output::workbook::{
    AsOfSource, ReportData, RunFacts, SHEETS, WorkbookOptions, write_workbook,
};
use csf::portfolio::{Consent, Customer, Metric, Metrics, Portfolio, Snapshot, Status};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn month(y: i32, m: u32, last: u32) -> Period {
    Period {
        kind: PeriodKind::Month,
        start: d(y, m, 1),
        end: d(y, m, last),
    }
}

/// Everything a ReportData borrows, owned in one place.
struct Fixture {
    ledger: Ledger,
    portfolio: Portfolio,
    figures: Vec<CustomerFigures>,
    next_steps: Vec<Option<NextStep>>,
    monthly: Vec<PeriodFigures>,
    quarterly: Vec<PeriodFigures>,
    segments: Vec<PeriodFigures>,
    assumptions: AssumptionsUsed,
    run: RunFacts,
    as_of: NaiveDate,
}

impl Fixture {
    fn data(&self) -> ReportData<'_> {
        ReportData {
            ledger: &self.ledger,
            portfolio: &self.portfolio,
            figures: &self.figures,
            next_steps: &self.next_steps,
            monthly: &self.monthly,
            quarterly: &self.quarterly,
            segments: &self.segments,
            assumptions: &self.assumptions,
            as_of: self.as_of,
            run: &self.run,
        }
    }
}

fn ledger() -> Ledger {
    Ledger {
        files: vec![
            SourceFile {
                path: "jan.csv".into(),
                encoding: Some("UTF-8".into()),
                delimiter: Some(','),
                tally: Tally {
                    rows_read: 5,
                    accepted: 3,
                    superseded: 1,
                    rejected: 1,
                },
                unknown_columns: vec!["arr".into()],
                ..Default::default()
            },
            SourceFile {
                path: "feb.xlsx".into(),
                sheet: Some("Export".into()),
                tally: Tally {
                    rows_read: 2,
                    accepted: 2,
                    superseded: 0,
                    rejected: 0,
                },
                ..Default::default()
            },
        ],
        issues: vec![
            DataIssue {
                row: Some(RowRef { file: 0, row: 4 }),
                customer_id: None,
                column: Some("snapshot_date".into()),
                value: Some("31/02/2025".into()),
                severity: Severity::Rejected,
                reason: "not a date".into(),
            },
            DataIssue {
                row: Some(RowRef { file: 0, row: 2 }),
                customer_id: Some("C1".into()),
                column: None,
                value: None,
                severity: Severity::Superseded,
                reason: "superseded by feb.xlsx Export!3".into(),
            },
            DataIssue {
                row: Some(RowRef { file: 1, row: 3 }),
                customer_id: Some("C1".into()),
                column: Some("nps".into()),
                // Raw text from the input that looks like a formula.
                value: Some("=1+1".into()),
                severity: Severity::Warning,
                reason: "not a number; treated as missing".into(),
            },
        ],
    }
}

fn assumptions() -> AssumptionsUsed {
    let values = Assumptions {
        storage_cost_per_gb_month: 0.1,
        cost_per_wait_hour: 30.0,
        cost_per_inaccurate_result: 0.05,
        horizon_months: 12,
        discount_rate: 0.0,
    };
    AssumptionsUsed {
        values,
        rows: vec![
            AssumptionRow {
                name: "storage_cost_per_gb_month",
                value: 0.1,
                source: "default".into(),
                meaning: "$ per GB stored per month",
            },
            AssumptionRow {
                name: "horizon_months",
                value: 12.0,
                source: "flag --horizon-months".into(),
                meaning: "months of savings counted",
            },
        ],
    }
}

fn run_facts() -> RunFacts {
    RunFacts {
        inputs: vec!["jan.csv".into(), "feb.xlsx".into()],
        as_of_source: AsOfSource::LatestSnapshot,
        date_format: DateOrder::MonthFirst,
        decimal_comma: false,
        sheet: None,
        strict: false,
        stamped_now: false,
        csf_version: "0.1.0".into(),
    }
}

/// Three months, the last one incomplete at the as-of date, and a quarter.
fn periods() -> (Vec<PeriodFigures>, Vec<PeriodFigures>, Vec<PeriodFigures>) {
    let jan = PeriodFigures {
        period: Some(month(2025, 1, 31)),
        active_customers: 2,
        new_customers: 2,
        // Nobody active at the start: retention and MRR figures are blank.
        logo_retention_pct: None,
        nps_responses: 0,
        nps: None,
        api_calls: 12_000.0,
        ..Default::default()
    };
    let feb = PeriodFigures {
        period: Some(month(2025, 2, 28)),
        active_customers: 2,
        logo_retention_pct: Some(87.5),
        starting_mrr: Some(1500.0),
        nrr_pct: Some(104.0),
        customers_with_roi: 1,
        avg_roi_pct: Some(140.0),
        total_monthly_savings: Some(200.0),
        nps_responses: 4,
        nps: Some(25.0),
        nps_margin: Some(61.2),
        csat_avg: Some(4.25),
        ..Default::default()
    };
    let mar = PeriodFigures {
        period: Some(month(2025, 3, 31)),
        active_customers: 1,
        churned_customers: 1,
        logo_retention_pct: Some(50.0),
        ..Default::default()
    };
    let q1 = PeriodFigures {
        period: Some(Period {
            kind: PeriodKind::Quarter,
            start: d(2025, 1, 1),
            end: d(2025, 3, 31),
        }),
        active_customers: 1,
        avg_roi_pct: Some(140.0),
        ..Default::default()
    };
    let mut seg_a = q1.clone();
    seg_a.segment = Some("Enterprise".into());
    let mut seg_b = q1.clone();
    seg_b.segment = Some("=SUM(A1)".into());
    (vec![jan, feb, mar], vec![q1], vec![seg_a, seg_b])
}

/// No customers: exercises every sheet except per-customer rows.
fn empty_portfolio_fixture() -> Fixture {
    let (monthly, quarterly, segments) = periods();
    Fixture {
        ledger: ledger(),
        portfolio: Portfolio::default(),
        figures: vec![],
        next_steps: vec![],
        monthly,
        quarterly,
        segments,
        assumptions: assumptions(),
        run: run_facts(),
        as_of: d(2025, 3, 15),
    }
}

fn snapshot(id: &str, name: &str, cp: u32, date: NaiveDate, row: u32) -> Snapshot {
    let mut s = Snapshot::new(id, cp, date);
    s.customer_name = Some(name.into());
    s.source = RowRef { file: 0, row };
    s
}

/// Two customers: C1 (a formula-like name) with a baseline and a 30-day
/// row; C2 (a phone-like name) without a baseline.
fn customers_fixture() -> Fixture {
    let mut b = snapshot("C1", "=HYPERLINK(\"http://x\",\"y\")", 0, d(2025, 1, 10), 2);
    b.segment = Some("Enterprise".into());
    b.metrics = Metrics::default()
        .with(Metric::ImplementationCost, 1000.0)
        .with(Metric::StorageGb, 100.0)
        .with(Metric::ErrorRatePct, 4.0)
        .with(Metric::Mrr, 500.0);
    let mut c = snapshot("C1", "=HYPERLINK(\"http://x\",\"y\")", 30, d(2025, 2, 9), 3);
    c.source = RowRef { file: 1, row: 3 };
    c.metrics = Metrics::default()
        .with(Metric::StorageGb, 10.0)
        .with(Metric::ErrorRatePct, 1.0)
        .with(Metric::Nps, 9.0)
        .with(Metric::Mrr, 600.0);
    c.status = Some(Status::Active);
    c.consent = Some(Consent::Public);
    let c1 = Customer::from_rows(vec![b, c]);

    let mut only = snapshot("C2", "+1 555", 30, d(2025, 2, 1), 5);
    only.customer_name = Some("@SUM(A1)".into());
    let c2 = Customer::from_rows(vec![only]);

    // C1 at day 30: storage 100 → 10 GB is a change of −90 GB and −90 %;
    // error rate 4 → 1 % is −3 points and −75 % (a reduction of 75 %).
    let mut deltas = Deltas::default();
    deltas.change.set(Metric::StorageGb, Some(-90.0));
    deltas.change_pct.set(Metric::StorageGb, Some(-90.0));
    deltas.change.set(Metric::ErrorRatePct, Some(-3.0));
    deltas.change_pct.set(Metric::ErrorRatePct, Some(-75.0));
    // Savings: 90 GB × $0.10 = $9 a month; no cost line is complete enough
    // for ROI to be meaningful here, so ROI % is set by hand: (9 × 12 − 1000)
    // / 1000 × 100 = −89.2 %. Payback 1000 / 9 = 111.1 months.
    let roi = RoiFigures {
        lines: BenefitLines {
            storage: Some(9.0),
            ..Default::default()
        },
        monthly_savings: Some(9.0),
        net_roi_pct: Some(-89.2),
        benefit_cost_ratio: Some(0.108),
        payback_months: Some(1000.0 / 9.0),
        npv: None,
    };
    let f1 = CustomerFigures {
        checkpoints: vec![
            CheckpointFigures::default(),
            CheckpointFigures {
                deltas: Some(deltas),
                roi: Some(roi),
            },
        ],
        time_to_value_days: Some(30),
    };
    let f2 = CustomerFigures {
        checkpoints: vec![CheckpointFigures::default()],
        time_to_value_days: None,
    };
    let next = NextStep {
        step: Step::TestimonialRequest(60),
        due: d(2025, 3, 11),
        overdue: true,
    };
    let mut f = empty_portfolio_fixture();
    f.portfolio = Portfolio {
        customers: vec![c1, c2],
    };
    f.figures = vec![f1, f2];
    f.next_steps = vec![Some(next), None];
    f.as_of = d(2025, 3, 31);
    f
}

fn write(f: &Fixture, options: &WorkbookOptions) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("portfolio.xlsx");
    write_workbook(&path, &f.data(), options).unwrap();
    (dir, path)
}

fn open(path: &Path) -> Xlsx<std::io::BufReader<std::fs::File>> {
    open_workbook(path).unwrap()
}

/// A sheet as a grid of cells, row 0 = spreadsheet row 1.
fn grid(path: &Path, sheet: &str) -> Vec<Vec<Data>> {
    let range = open(path).worksheet_range(sheet).unwrap();
    let (h, w) = range.end().map_or((0, 0), |(r, c)| (r + 1, c + 1));
    (0..h)
        .map(|r| {
            (0..w)
                .map(|c| range.get_value((r, c)).cloned().unwrap_or(Data::Empty))
                .collect()
        })
        .collect()
}

fn col(grid: &[Vec<Data>], header_row: usize, header: &str) -> usize {
    grid[header_row]
        .iter()
        .position(|c| *c == Data::String(header.into()))
        .unwrap_or_else(|| panic!("no column {header:?} in {:?}", grid[header_row]))
}

fn float(c: &Data) -> f64 {
    match c {
        Data::Float(v) => *v,
        Data::Int(v) => *v as f64,
        other => panic!("not a number: {other:?}"),
    }
}

fn assert_no_nan_text(path: &Path) {
    let mut wb = open(path);
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).unwrap();
        for c in range.used_cells() {
            if let (_, _, Data::String(s)) = c {
                let l = s.trim().trim_start_matches(['-', '+']).to_ascii_lowercase();
                assert!(
                    !["nan", "inf", "infinity"].contains(&l.as_str()),
                    "{name}: {s}"
                );
            }
        }
    }
}

#[test]
fn sheets_come_in_the_spec_order() {
    let f = empty_portfolio_fixture();
    let (_dir, path) = write(&f, &WorkbookOptions::default());
    assert_eq!(open(&path).sheet_names(), SHEETS.map(String::from).to_vec());
}

#[test]
fn monthly_numbers_are_numbers_dates_are_dates_and_missing_is_blank() {
    let f = empty_portfolio_fixture();
    let (_dir, path) = write(&f, &WorkbookOptions::default());
    let g = grid(&path, "Monthly");
    let headers: Vec<&Data> = g[0].iter().take(5).collect();
    assert_eq!(
        headers,
        [
            "Period",
            "Period start",
            "Period end",
            "Active customers",
            "New customers"
        ]
        .map(|h| Data::String(h.into()))
        .iter()
        .collect::<Vec<_>>()
    );
    assert_eq!(
        *g[0].last().unwrap(),
        Data::String("Referral rate %".into())
    );
    assert_eq!(g.len(), 4, "header + 3 months");
    assert_eq!(g[1][0], Data::String("2025-01".into()));
    match &g[2][1] {
        Data::DateTime(dt) => {
            assert_eq!(dt.as_datetime().unwrap().date(), d(2025, 2, 1));
        }
        other => panic!("Period start is not a date cell: {other:?}"),
    }
    let active = col(&g, 0, "Active customers");
    assert_eq!(float(&g[2][active]), 2.0);
    // 87.5 retention points are stored as the fraction 0.875.
    let retention = col(&g, 0, "Logo retention %");
    assert_eq!(float(&g[2][retention]), 0.875);
    // January had nobody at the start: blank, not 0, not "NaN".
    assert_eq!(g[1][retention], Data::Empty);
    let nps = col(&g, 0, "NPS");
    assert_eq!(g[1][nps], Data::Empty);
    assert_eq!(float(&g[2][nps]), 25.0);
    // Counts are 0 when nothing happened.
    let responses = col(&g, 0, "NPS responses");
    assert_eq!(float(&g[1][responses]), 0.0);
    assert_no_nan_text(&path);
}

#[test]
fn segments_have_a_segment_column_after_period_and_keep_text_as_text() {
    let f = empty_portfolio_fixture();
    let (_dir, path) = write(&f, &WorkbookOptions::default());
    let g = grid(&path, "Segments");
    assert_eq!(g[0][3], Data::String("Segment".into()));
    assert_eq!(g[1][0], Data::String("2025-Q1".into()));
    assert_eq!(g[2][3], Data::String("=SUM(A1)".into()));
}

#[test]
fn summary_shows_the_latest_complete_quarter_and_month() {
    // As of 2025-03-15: February is the latest complete month; no quarter
    // has ended, so Q1 is shown and said to be in progress.
    let f = empty_portfolio_fixture();
    let (_dir, path) = write(&f, &WorkbookOptions::default());
    let g = grid(&path, "Summary");
    let header_row = g
        .iter()
        .position(|r| r[0] == Data::String("Figure".into()))
        .expect("headline table");
    assert_eq!(
        g[header_row][1],
        Data::String("Quarter 2025-Q1 (in progress)".into())
    );
    assert_eq!(g[header_row][2], Data::String("Month 2025-02".into()));
    let row = |name: &str| {
        g.iter()
            .position(|r| r[0] == Data::String(name.into()))
            .unwrap_or_else(|| panic!("no row {name}"))
    };
    assert_eq!(float(&g[row("Logo retention %")][2]), 0.875);
    assert_eq!(float(&g[row("NPS")][2]), 25.0);
    assert_eq!(float(&g[row("NPS 95% margin")][2]), 61.2);
    assert_eq!(float(&g[row("Avg ROI %")][1]), 1.4);
    assert!(
        g.iter()
            .flatten()
            .any(|c| matches!(c, Data::String(s) if s.contains("still in progress"))),
        "the fallback is said"
    );
    let run_line = match &g[1][0] {
        Data::String(s) => s.clone(),
        other => panic!("{other:?}"),
    };
    // 5 + 2 rows read; 5 accepted, 1 superseded, 1 rejected.
    assert!(
        run_line.contains("Rows read 7: 5 accepted, 1 superseded, 1 rejected"),
        "{run_line}"
    );
    assert!(run_line.contains("jan.csv, feb.xlsx"), "{run_line}");
}

#[test]
fn data_issues_balance_every_file_and_list_every_issue() {
    let f = empty_portfolio_fixture();
    let (_dir, path) = write(&f, &WorkbookOptions::default());
    let g = grid(&path, "Data issues");
    assert_eq!(g[0][0], Data::String("Input file".into()));
    assert_eq!(g[1][0], Data::String("jan.csv".into()));
    assert_eq!(
        g[1][2..6].iter().map(float).collect::<Vec<_>>(),
        [5.0, 3.0, 1.0, 1.0]
    );
    assert_eq!(g[2][1], Data::String("Export".into()));
    // Total: 7 read = 5 accepted + 1 superseded + 1 rejected.
    assert_eq!(g[3][0], Data::String("All inputs".into()));
    assert_eq!(
        g[3][2..6].iter().map(float).collect::<Vec<_>>(),
        [7.0, 5.0, 1.0, 1.0]
    );
    assert_eq!(g[3][6], Data::String("7 = 5 + 1 + 1: balances".into()));
    let header = g
        .iter()
        .position(|r| r[0] == Data::String("File".into()))
        .unwrap();
    assert_eq!(
        g[header][..7],
        [
            "File",
            "Row",
            "Customer ID",
            "Column",
            "Value",
            "Severity",
            "Reason"
        ]
        .map(|h| Data::String(h.into()))
    );
    let issues = &g[header + 1..];
    assert_eq!(issues.len(), 3);
    // A CSV line is a number; a sheet row is `Sheet!row`.
    assert_eq!(float(&issues[0][1]), 4.0);
    assert_eq!(issues[0][5], Data::String("rejected".into()));
    assert_eq!(issues[2][1], Data::String("Export!3".into()));
    // A raw value like `=1+1` is shown as the text it was.
    assert_eq!(issues[2][4], Data::String("=1+1".into()));
}

#[test]
fn assumptions_list_values_options_and_definitions() {
    let f = empty_portfolio_fixture();
    let (_dir, path) = write(&f, &WorkbookOptions::default());
    let g = grid(&path, "Assumptions");
    assert_eq!(
        g[0][..4],
        ["Name", "Value", "Source", "Meaning"].map(|h| Data::String(h.into()))
    );
    assert_eq!(g[1][0], Data::String("storage_cost_per_gb_month".into()));
    assert_eq!(float(&g[1][1]), 0.1);
    assert_eq!(g[2][2], Data::String("flag --horizon-months".into()));
    let names: Vec<String> = g
        .iter()
        .filter_map(|r| match &r[0] {
            Data::String(s) => Some(s.clone()),
            _ => None,
        })
        .collect();
    for wanted in [
        "inputs",
        "as_of",
        "date_format",
        "decimal_comma",
        "strict",
        "GRR %",
        "Referral rate %",
    ] {
        assert!(names.iter().any(|n| n == wanted), "{wanted} missing");
    }
    assert!(!names.iter().any(|n| n.contains("thread")));
}

#[test]
fn the_same_data_gives_the_same_bytes() {
    let f = empty_portfolio_fixture();
    let (_a, first) = write(&f, &WorkbookOptions::default());
    let (_b, second) = write(&f, &WorkbookOptions::default());
    assert_eq!(
        std::fs::read(first).unwrap(),
        std::fs::read(second).unwrap()
    );
}

#[test]
fn no_temporary_file_is_left_behind() {
    let f = empty_portfolio_fixture();
    let (dir, _path) = write(&f, &WorkbookOptions::default());
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["portfolio.xlsx"]);
}

#[test]
fn a_failed_save_leaves_nothing() {
    let f = empty_portfolio_fixture();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing-folder").join("portfolio.xlsx");
    assert!(write_workbook(&path, &f.data(), &WorkbookOptions::default()).is_err());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn customers_keep_text_as_text_and_show_figures_in_their_formats() {
    let f = customers_fixture();
    let (_dir, path) = write(&f, &WorkbookOptions::default());
    let g = grid(&path, "Customers");
    assert_eq!(g.len(), 3, "header + one row per customer");
    let name = col(&g, 0, "Customer name");
    assert_eq!(
        g[1][name],
        Data::String("=HYPERLINK(\"http://x\",\"y\")".into())
    );
    assert_eq!(g[2][name], Data::String("@SUM(A1)".into()));
    let go_live = col(&g, 0, "Go-live date");
    assert!(matches!(g[1][go_live], Data::DateTime(_)));
    assert_eq!(g[2][go_live], Data::Empty, "no baseline, no go-live");
    // Storage change −90 % is stored as −0.9; error rate 4 % as 0.04.
    assert_eq!(float(&g[1][col(&g, 0, "Storage GB change %")]), -0.9);
    assert_eq!(float(&g[1][col(&g, 0, "Error rate % baseline")]), 0.04);
    assert_eq!(float(&g[1][col(&g, 0, "Net ROI %")]), -0.892);
    assert_eq!(float(&g[1][col(&g, 0, "Monthly savings")]), 9.0);
    assert_eq!(g[1][col(&g, 0, "NPV")], Data::Empty);
    assert_eq!(
        g[1][col(&g, 0, "NPS category")],
        Data::String("promoter".into())
    );
    assert_eq!(float(&g[1][col(&g, 0, "MRR")]), 600.0);
    assert_eq!(g[1][col(&g, 0, "Status")], Data::String("active".into()));
    assert_eq!(
        g[1][col(&g, 0, "Next step due")],
        Data::String("Request testimonial (60-day)".into())
    );
    assert_eq!(g[1][col(&g, 0, "Overdue")], Data::String("yes".into()));
    assert_eq!(g[2][col(&g, 0, "Net ROI %")], Data::Empty);
    assert_no_nan_text(&path);
}

#[test]
fn checkpoints_trace_each_row_to_its_file_and_row() {
    let f = customers_fixture();
    let (_dir, path) = write(&f, &WorkbookOptions::default());
    let g = grid(&path, "Checkpoints");
    assert_eq!(g.len(), 4, "header + one row per accepted row");
    let file = col(&g, 0, "Source file");
    let row = col(&g, 0, "Source row");
    assert_eq!(g[1][file], Data::String("jan.csv".into()));
    assert_eq!(float(&g[1][row]), 2.0);
    assert_eq!(g[2][file], Data::String("feb.xlsx".into()));
    assert_eq!(g[2][row], Data::String("Export!3".into()));
    // Error rate 4 → 1 %: −3 points (stored −0.03), a 75 % reduction.
    assert_eq!(
        float(&g[2][col(&g, 0, "Error rate % change (points)")]),
        -0.03
    );
    assert_eq!(float(&g[2][col(&g, 0, "Error rate % reduction %")]), 0.75);
    assert_eq!(float(&g[2][col(&g, 0, "Storage GB reduction %")]), 0.9);
    // The baseline row has no deltas or savings.
    assert_eq!(g[1][col(&g, 0, "Monthly savings")], Data::Empty);
    assert!(matches!(
        g[1][col(&g, 0, "Snapshot date")],
        Data::DateTime(_)
    ));
}

#[test]
fn a_long_table_continues_on_numbered_sheets() {
    // 3 rows a sheet (header + 2): 3 checkpoint rows → Checkpoints with 2,
    // Checkpoints (2) with 1.
    let f = customers_fixture();
    let options = WorkbookOptions {
        max_rows_per_sheet: 3,
        ..Default::default()
    };
    let (_dir, path) = write(&f, &options);
    let names = open(&path).sheet_names();
    let at = names.iter().position(|n| n == "Checkpoints").unwrap();
    assert_eq!(names[at + 1], "Checkpoints (2)");
    assert_eq!(names[at + 2], "Data issues");
    let first = grid(&path, "Checkpoints");
    let second = grid(&path, "Checkpoints (2)");
    assert_eq!(first.len(), 3);
    assert_eq!(second.len(), 2);
    assert_eq!(first[0], second[0], "same header");
    assert_eq!(second[1][0], Data::String("C2".into()));
}

#[test]
fn customers_sheets_are_byte_identical_too() {
    let f = customers_fixture();
    let (_a, first) = write(&f, &WorkbookOptions::default());
    let (_b, second) = write(&f, &WorkbookOptions::default());
    assert_eq!(
        std::fs::read(first).unwrap(),
        std::fs::read(second).unwrap()
    );
}

/// Not a check: writes a workbook with 15 months of made-up figures for a
/// person to open (`CSF_SAMPLE_OUT=/tmp/x.xlsx cargo test -- --ignored`).
#[test]
#[ignore]
fn write_a_sample_for_viewing() {
    let Ok(out) = std::env::var("CSF_SAMPLE_OUT") else {
        return;
    };
    let mut f = empty_portfolio_fixture();
    f.monthly = (0..15)
        .map(|i| {
            let start = d(2024, 1, 1) + chrono::Months::new(i);
            let end = start + chrono::Months::new(1) - chrono::Days::new(1);
            let i = f64::from(i);
            PeriodFigures {
                period: Some(Period {
                    kind: PeriodKind::Month,
                    start,
                    end,
                }),
                active_customers: 20 + 6 * i as u64,
                logo_retention_pct: (i > 0.0).then(|| 100.0 - (i % 4.0) * 2.5),
                nps_responses: 10 + i as u64,
                nps: (i != 5.0).then_some(20.0 + i * 2.0),
                nps_margin: (i != 5.0).then_some(30.0 - i),
                ..Default::default()
            }
        })
        .collect();
    f.quarterly = (0..5)
        .map(|q| {
            let start = d(2024, 1, 1) + chrono::Months::new(3 * q);
            PeriodFigures {
                period: Some(Period {
                    kind: PeriodKind::Quarter,
                    start,
                    end: start + chrono::Months::new(3) - chrono::Days::new(1),
                }),
                avg_roi_pct: (q > 0).then(|| 60.0 + 35.0 * f64::from(q)),
                ..Default::default()
            }
        })
        .collect();
    f.as_of = d(2025, 3, 20);
    write_workbook(Path::new(&out), &f.data(), &WorkbookOptions::default()).unwrap();
}

/// Not a check: the customers fixture, for a person to open.
#[test]
#[ignore]
fn write_the_customers_fixture_for_viewing() {
    let Ok(out) = std::env::var("CSF_SAMPLE_OUT") else {
        return;
    };
    let f = customers_fixture();
    write_workbook(Path::new(&out), &f.data(), &WorkbookOptions::default()).unwrap();
}

#[test]
fn headers_are_bold_and_values_carry_their_number_formats() {
    let f = empty_portfolio_fixture();
    let (_dir, path) = write(&f, &WorkbookOptions::default());
    let mut wb = open(&path);
    let g = grid(&path, "Monthly");
    let styles = wb.worksheet_style("Monthly").unwrap();
    let style = |r: usize, c: usize| {
        styles
            .get((r as u32, c as u32))
            .cloned()
            .unwrap_or_default()
    };
    for c in 0..g[0].len() {
        let font = style(0, c).font.expect("header font");
        assert!(font.is_bold(), "header {c} not bold");
    }
    let format = |r: usize, c: usize| {
        style(r, c)
            .number_format
            .map(|n| n.format_code)
            .unwrap_or_default()
    };
    assert_eq!(format(2, col(&g, 0, "Logo retention %")), "0.0%");
    assert_eq!(format(2, col(&g, 0, "Period start")), "yyyy-mm-dd");
    assert_eq!(format(2, col(&g, 0, "Starting MRR")), "$#,##0");
    assert_eq!(format(2, col(&g, 0, "Active customers")), "#,##0");
}

#[test]
fn the_bytes_do_not_depend_on_the_thread_count() {
    // Customers and Checkpoints are written side by side when the pool has
    // two threads; formats are registered beforehand so nothing depends on
    // which thread went first.
    let f = customers_fixture();
    let bytes_with = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let (_dir, path) = pool.install(|| write(&f, &WorkbookOptions::default()));
        std::fs::read(path).unwrap()
    };
    let one = bytes_with(1);
    for _ in 0..3 {
        assert!(bytes_with(2) == one, "2 threads wrote other bytes than 1");
    }
}
