//! The Customers sheet of `tests/data/small_portfolio.csv`, worked out by
//! hand from the per-checkpoint ROI table of `tests/data/small_portfolio.md`
//! (rates 0.10 / 30 / 0.05, horizon 12, no discount).

/// One customer as it stands at the as-of date (the latest snapshot date,
/// 2025-05-19): its latest row vs its baseline.
pub struct Customer {
    pub id: &'static str,
    pub go_live: Option<(i32, u32, u32)>,
    pub status: &'static str,
    pub churn_date: Option<(i32, u32, u32)>,
    pub implementation_cost: f64,
    /// storage, latency, accuracy, infrastructure ($/month).
    pub lines: [Option<f64>; 4],
    pub monthly_savings: Option<f64>,
    pub net_roi_pct: Option<f64>,
    pub benefit_cost_ratio: Option<f64>,
    pub payback_months: Option<f64>,
    pub time_to_value_days: Option<f64>,
}

pub fn customers() -> [Customer; 5] {
    [
        // ACME 120 (05-10): 50 + 150 + 300 + 2000 = 2500; ROI (30000 − 12000)/12000
        // = 150 %; ratio 30000/12000 = 2.5; payback 12000/2500 = 4.8; savings
        // first > 0 at ACME 30 (02-09): 21 + 9 = 30 days after 01-10.
        Customer {
            id: "ACME",
            go_live: Some((2025, 1, 10)),
            status: "active",
            churn_date: None,
            implementation_cost: 12000.0,
            lines: [Some(50.0), Some(150.0), Some(300.0), Some(2000.0)],
            monthly_savings: Some(2500.0),
            net_roi_pct: Some(150.0),
            benefit_cost_ratio: Some(2.5),
            payback_months: Some(4.8),
            time_to_value_days: Some(30.0),
        },
        // BETA 60 (03-16, churned): 10 + 290 = 300, no latency/accuracy line;
        // ROI (3600 − 2400)/2400 = 50 %; ratio 1.5; payback 8; BETA 30 (02-14)
        // is 16 + 14 = 30 days after 01-15.
        Customer {
            id: "BETA",
            go_live: Some((2025, 1, 15)),
            status: "churned",
            churn_date: Some((2025, 3, 16)),
            implementation_cost: 2400.0,
            lines: [Some(10.0), None, None, Some(290.0)],
            monthly_savings: Some(300.0),
            net_roi_pct: Some(50.0),
            benefit_cost_ratio: Some(1.5),
            payback_months: Some(8.0),
            time_to_value_days: Some(30.0),
        },
        // DELTA: no baseline, so no go-live date, no lines, no ROI (its 3000
        // implementation cost is shown but unused).
        Customer {
            id: "DELTA",
            go_live: None,
            status: "active",
            churn_date: None,
            implementation_cost: 3000.0,
            lines: [None; 4],
            monthly_savings: None,
            net_roi_pct: None,
            benefit_cost_ratio: None,
            payback_months: None,
            time_to_value_days: None,
        },
        // ECHO 30 (05-05): 2 + 60 = 62; ROI (744 − 620)/620 = 20 %; ratio
        // 744/620 = 1.2; payback 620/62 = 10; 04-05 → 05-05 = 30 days.
        Customer {
            id: "ECHO",
            go_live: Some((2025, 4, 5)),
            status: "active",
            churn_date: None,
            implementation_cost: 620.0,
            lines: [Some(2.0), None, None, Some(60.0)],
            monthly_savings: Some(62.0),
            net_roi_pct: Some(20.0),
            benefit_cost_ratio: Some(1.2),
            payback_months: Some(10.0),
            time_to_value_days: Some(30.0),
        },
        // GAMMA 90 (05-02): 9 + 25 + 60 + 906 = 1000; I = 6000 from its 30-day
        // row; ROI (12000 − 6000)/6000 = 100 %; ratio 2; payback 6; GAMMA 30
        // (03-03) is 27 + 3 = 30 days after 02-01.
        Customer {
            id: "GAMMA",
            go_live: Some((2025, 2, 1)),
            status: "active",
            churn_date: None,
            implementation_cost: 6000.0,
            lines: [Some(9.0), Some(25.0), Some(60.0), Some(906.0)],
            monthly_savings: Some(1000.0),
            net_roi_pct: Some(100.0),
            benefit_cost_ratio: Some(2.0),
            payback_months: Some(6.0),
            time_to_value_days: Some(30.0),
        },
    ]
}
