//! The ROI model of SPEC 3.2, the one model behind `csf report` (realized ROI
//! from a customer's rows) and `csf roi` (projected ROI for a prospect).

use serde::Serialize;

use crate::portfolio::{Metric, Snapshot};

/// Rates that turn operational changes into money. Every value used is shown
/// on the Assumptions sheet and in JSON output under these names.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assumptions {
    /// $ per GB of stored data per month.
    pub storage_cost_per_gb_month: f64,
    /// $ per hour that users or systems spend waiting on responses.
    pub cost_per_wait_hour: f64,
    /// $ per inaccurate result that has to be caught and corrected.
    pub cost_per_inaccurate_result: f64,
    /// Months of savings counted against the implementation cost.
    pub horizon_months: u32,
    /// Annual discount rate as a fraction (0.10 = 10%); 0 turns NPV off.
    pub discount_rate: f64,
}

/// The figures of one side of a comparison (before or after), each optional.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Usage {
    pub storage_gb: Option<f64>,
    pub api_calls: Option<f64>,
    pub latency_ms: Option<f64>,
    pub accuracy_pct: Option<f64>,
    pub infrastructure_cost: Option<f64>,
}

impl Usage {
    pub fn of(s: &Snapshot) -> Self {
        Usage {
            storage_gb: s.get(Metric::StorageGb),
            api_calls: s.get(Metric::ApiCalls),
            latency_ms: s.get(Metric::LatencyMs),
            accuracy_pct: s.get(Metric::AccuracyPct),
            infrastructure_cost: s.get(Metric::InfrastructureCost),
        }
    }
}

/// Monthly benefit lines in $, each present only when its inputs are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct BenefitLines {
    pub storage: Option<f64>,
    pub latency: Option<f64>,
    pub accuracy: Option<f64>,
    pub infrastructure: Option<f64>,
}

impl BenefitLines {
    /// Sum of the present lines; None when no line is present.
    pub fn total(&self) -> Option<f64> {
        [
            self.storage,
            self.latency,
            self.accuracy,
            self.infrastructure,
        ]
        .into_iter()
        .flatten()
        .fold(None, |acc, v| Some(acc.unwrap_or(0.0) + v))
    }
}

/// The outcome of the model for one comparison.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct RoiFigures {
    pub lines: BenefitLines,
    pub monthly_savings: Option<f64>,
    pub net_roi_pct: Option<f64>,
    pub benefit_cost_ratio: Option<f64>,
    /// None when savings ≤ 0 ("not reached").
    pub payback_months: Option<f64>,
    /// Present only with a discount rate > 0.
    pub npv: Option<f64>,
}

pub fn benefit_lines(before: &Usage, after: &Usage, a: &Assumptions) -> BenefitLines {
    let storage = both(before.storage_gb, after.storage_gb)
        .map(|(b, c)| (b - c) * a.storage_cost_per_gb_month);
    let latency = match (before.latency_ms, after.latency_ms, after.api_calls) {
        (Some(b), Some(c), Some(calls)) => {
            Some((b - c) / 3_600_000.0 * calls * a.cost_per_wait_hour)
        }
        _ => None,
    };
    let accuracy = match (before.accuracy_pct, after.accuracy_pct, after.api_calls) {
        (Some(b), Some(c), Some(calls)) => {
            Some((c - b) / 100.0 * calls * a.cost_per_inaccurate_result)
        }
        _ => None,
    };
    let infrastructure =
        both(before.infrastructure_cost, after.infrastructure_cost).map(|(b, c)| b - c);
    BenefitLines {
        storage,
        latency,
        accuracy,
        infrastructure,
    }
}

/// Apply the model: benefit lines, savings, ROI, ratio, payback and NPV.
/// ROI figures need an implementation cost > 0; without one only the benefit
/// lines and the savings are given.
pub fn evaluate(
    before: &Usage,
    after: &Usage,
    implementation_cost: Option<f64>,
    a: &Assumptions,
) -> RoiFigures {
    let lines = benefit_lines(before, after, a);
    let monthly_savings = lines.total();
    let mut out = RoiFigures {
        lines,
        monthly_savings,
        ..RoiFigures::default()
    };
    let (Some(savings), Some(cost)) = (monthly_savings, implementation_cost.filter(|i| *i > 0.0))
    else {
        return out;
    };
    let horizon = f64::from(a.horizon_months);
    out.net_roi_pct = finite((savings * horizon - cost) / cost * 100.0);
    out.benefit_cost_ratio = finite(savings * horizon / cost);
    out.payback_months = if savings > 0.0 {
        finite(cost / savings)
    } else {
        None
    };
    out.npv = (a.discount_rate > 0.0)
        .then(|| npv(savings, cost, a))
        .and_then(finite);
    out
}

/// Σ_{m=1..H} savings / (1+r)^(m/12) − I, summed in month order.
fn npv(monthly_savings: f64, cost: f64, a: &Assumptions) -> f64 {
    let discounted: f64 = (1..=a.horizon_months)
        .map(|m| monthly_savings / (1.0 + a.discount_rate).powf(f64::from(m) / 12.0))
        .sum();
    discounted - cost
}

fn both(a: Option<f64>, b: Option<f64>) -> Option<(f64, f64)> {
    Some((a?, b?))
}

fn finite(v: f64) -> Option<f64> {
    v.is_finite().then_some(v)
}

/// Round rates that make hand arithmetic easy: $0.10 per GB-month, $30 per
/// waiting hour, $0.05 per inaccurate result, 12 months, no discounting.
/// Tests use them so their hand figures do not move with the defaults.
#[cfg(test)]
pub(crate) fn hand_rates() -> Assumptions {
    Assumptions {
        storage_cost_per_gb_month: 0.10,
        cost_per_wait_hour: 30.0,
        cost_per_inaccurate_result: 0.05,
        horizon_months: 12,
        discount_rate: 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_follows_its_formula() {
        let before = Usage {
            storage_gb: Some(100.0),
            api_calls: Some(10_000.0),
            latency_ms: Some(200.0),
            accuracy_pct: Some(90.0),
            infrastructure_cost: Some(500.0),
        };
        let after = Usage {
            storage_gb: Some(10.0),
            api_calls: Some(12_000.0),
            latency_ms: Some(20.0),
            accuracy_pct: Some(99.0),
            infrastructure_cost: Some(400.0),
        };
        let r = evaluate(&before, &after, Some(1000.0), &hand_rates());
        // storage: 90 GB × $0.10 = $9
        assert!((r.lines.storage.unwrap() - 9.0).abs() < 1e-9);
        // latency: 180 ms / 3.6e6 × 12,000 calls × $30 = 0.6 h × $30 = $18
        assert!((r.lines.latency.unwrap() - 18.0).abs() < 1e-9);
        // accuracy: 9 points / 100 × 12,000 × $0.05 = $54
        assert!((r.lines.accuracy.unwrap() - 54.0).abs() < 1e-9);
        assert_eq!(r.lines.infrastructure, Some(100.0));
        // total 181; ×12 = 2172; ROI (2172 − 1000)/1000 = 117.2 %
        assert!((r.monthly_savings.unwrap() - 181.0).abs() < 1e-9);
        assert!((r.net_roi_pct.unwrap() - 117.2).abs() < 1e-9);
        assert!((r.benefit_cost_ratio.unwrap() - 2.172).abs() < 1e-9);
        assert!((r.payback_months.unwrap() - 1000.0 / 181.0).abs() < 1e-9);
        assert_eq!(r.npv, None);
    }

    #[test]
    fn lines_without_inputs_are_absent_and_no_cost_means_no_roi() {
        let before = Usage {
            infrastructure_cost: Some(500.0),
            ..Usage::default()
        };
        let after = Usage {
            infrastructure_cost: Some(600.0),
            ..Usage::default()
        };
        let r = evaluate(&before, &after, None, &hand_rates());
        assert_eq!(r.lines.storage, None);
        assert_eq!(r.monthly_savings, Some(-100.0));
        assert_eq!(r.net_roi_pct, None);
        let r = evaluate(&before, &after, Some(1000.0), &hand_rates());
        assert_eq!(r.payback_months, None, "savings ≤ 0: payback not reached");
        assert!((r.net_roi_pct.unwrap() - (-1200.0 - 1000.0) / 1000.0 * 100.0).abs() < 1e-9);
        assert_eq!(
            evaluate(
                &Usage::default(),
                &Usage::default(),
                Some(1.0),
                &hand_rates()
            )
            .monthly_savings,
            None
        );
    }

    #[test]
    fn npv_discounts_each_month() {
        let before = Usage {
            infrastructure_cost: Some(1100.0),
            ..Usage::default()
        };
        let after = Usage {
            infrastructure_cost: Some(100.0),
            ..Usage::default()
        };
        let mut a = hand_rates();
        a.discount_rate = 0.10;
        a.horizon_months = 12;
        let r = evaluate(&before, &after, Some(5000.0), &a);
        let expected: f64 = (1..=12)
            .map(|m| 1000.0 / 1.1f64.powf(m as f64 / 12.0))
            .sum::<f64>()
            - 5000.0;
        assert!((r.npv.unwrap() - expected).abs() < 1e-6);
        // A year of $1,000 at 10% is worth less than $12,000 but more than 12,000/1.1.
        assert!(r.npv.unwrap() + 5000.0 < 12_000.0 && r.npv.unwrap() + 5000.0 > 12_000.0 / 1.1);
    }
}
