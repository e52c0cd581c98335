//! Properties of the workbook for any figures: a missing or non-finite
//! value is an empty cell (never "NaN" or "inf" text), a finite one is a
//! number (percent points as fractions), and any text, formula-like or
//! not, reads back as the same string.

use calamine::{Data, Reader, Xlsx, open_workbook};
use chrono::NaiveDate;
use proptest::prelude::*;

use csf::figures::assumptions::AssumptionsUsed;
use csf::figures::periods::{Period, PeriodFigures, PeriodKind};
use csf::figures::roi::Assumptions;
use csf::intake::DateOrder;
use csf::intake::ledger::Ledger;
use csf::output::workbook::{AsOfSource, ReportData, RunFacts, WorkbookOptions, write_workbook};
use csf::portfolio::Portfolio;

fn any_value() -> impl Strategy<Value = Option<f64>> {
    prop_oneof![
        Just(None),
        Just(Some(f64::NAN)),
        Just(Some(f64::INFINITY)),
        Just(Some(f64::NEG_INFINITY)),
        (-1e12f64..1e12).prop_map(Some),
    ]
}

fn write(monthly: &[PeriodFigures], segments: &[PeriodFigures]) -> Vec<Vec<Data>> {
    let assumptions = AssumptionsUsed {
        values: Assumptions {
            storage_cost_per_gb_month: 0.1,
            cost_per_wait_hour: 30.0,
            cost_per_inaccurate_result: 0.05,
            horizon_months: 12,
            discount_rate: 0.0,
        },
        rows: vec![],
    };
    let run = RunFacts {
        inputs: vec![],
        as_of_source: AsOfSource::Flag,
        date_format: DateOrder::MonthFirst,
        decimal_comma: false,
        sheet: None,
        strict: false,
        stamped_now: false,
        csf_version: "test".into(),
    };
    let ledger = Ledger::default();
    let portfolio = Portfolio::default();
    let data = ReportData {
        ledger: &ledger,
        portfolio: &portfolio,
        figures: &[],
        next_steps: &[],
        monthly,
        quarterly: &[],
        segments,
        assumptions: &assumptions,
        as_of: NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
        run: &run,
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.xlsx");
    write_workbook(&path, &data, &WorkbookOptions::default()).unwrap();
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    let mut cells = Vec::new();
    for sheet in ["Summary", "Monthly", "Segments"] {
        let range = wb.worksheet_range(sheet).unwrap();
        cells.push(range.used_cells().map(|(_, _, c)| c.clone()).collect());
    }
    cells
}

fn month() -> Period {
    Period {
        kind: PeriodKind::Month,
        start: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
        end: NaiveDate::from_ymd_opt(2025, 1, 31).unwrap(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn no_value_is_ever_written_as_text(
        nps in any_value(),
        retention in any_value(),
        savings in any_value(),
        roi in any_value(),
    ) {
        let p = PeriodFigures {
            period: Some(month()),
            nps,
            logo_retention_pct: retention,
            total_monthly_savings: savings,
            avg_roi_pct: roi,
            ..Default::default()
        };
        let sheets = write(std::slice::from_ref(&p), &[]);
        for cells in &sheets {
            for c in cells.iter() {
                if let Data::String(s) = c {
                    let l = s.trim().trim_start_matches(['-', '+']).to_ascii_lowercase();
                    prop_assert!(!["nan", "inf", "infinity"].contains(&l.as_str()), "{}", s);
                }
                if let Data::Float(v) = c {
                    prop_assert!(v.is_finite());
                }
            }
        }
        // The Monthly row holds exactly the finite values, percent as fractions.
        let monthly = &sheets[1];
        let finite = |v: Option<f64>| v.filter(|v| v.is_finite());
        if let Some(r) = finite(retention) {
            prop_assert!(monthly.contains(&Data::Float(r / 100.0)));
        }
        if let Some(v) = finite(savings) {
            prop_assert!(monthly.contains(&Data::Float(v)));
        }
    }

    #[test]
    fn any_text_reads_back_as_the_same_string(
        text in prop_oneof![
            "[=+@-][A-Za-z0-9(),\"/:. ]{0,30}",
            "\\PC{1,40}",
            Just("=HYPERLINK(\"http://x\",\"y\")".to_string()),
            Just("+1 555".to_string()),
            Just("0042".to_string()),
            Just("1e5".to_string()),
        ]
    ) {
        let p = PeriodFigures {
            period: Some(month()),
            segment: Some(text.clone()),
            ..Default::default()
        };
        let sheets = write(&[], std::slice::from_ref(&p));
        prop_assert!(sheets[2].contains(&Data::String(text.clone())), "{:?} lost", text);
    }
}
