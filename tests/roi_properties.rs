//! Relations that hold for every valid projection, whatever the figures.

use csf::figures::assumptions::DEFAULTS;
use csf::figures::scenarios::{Input, ProspectInputs};
use proptest::prelude::*;

fn inputs() -> impl Strategy<Value = ProspectInputs> {
    (
        (0.0..1e5f64, 0.0..1e7f64, 0.0..5e3f64, 0.0..=100.0f64),
        (0.0..1e6f64, 1.0..1e6f64),
        (
            0.1..100.0f64,
            0.1..100.0f64,
            0.0..=100.0f64,
            -200.0..=100.0f64,
        ),
    )
        .prop_map(
            |((storage, calls, latency, accuracy), (infra, cost), (comp, speed, after, red))| {
                ProspectInputs {
                    storage_gb: storage,
                    api_calls: calls,
                    latency_ms: latency,
                    accuracy_pct: accuracy,
                    infrastructure_cost: infra,
                    implementation_cost: cost,
                    storage_compression: comp,
                    latency_speedup: speed,
                    accuracy_after_pct: after,
                    infrastructure_reduction_pct: red,
                }
            },
        )
}

proptest! {
    #[test]
    fn net_roi_is_ratio_minus_one_and_payback_repays_the_cost(i in inputs()) {
        for input in Input::ALL {
            prop_assert!(input.problem(input.get(&i)).is_none(), "{:?}", input);
        }
        let f = i.project(&DEFAULTS).figures;
        let savings = f.monthly_savings.unwrap();
        let ratio = f.benefit_cost_ratio.unwrap();
        let roi = f.net_roi_pct.unwrap();
        // net ROI % = (S×H − I)/I × 100 = (S×H/I − 1) × 100 = (ratio − 1) × 100
        prop_assert!((roi - (ratio - 1.0) * 100.0).abs() <= 1e-6 * roi.abs().max(1.0));
        match f.payback_months {
            Some(p) => {
                prop_assert!(savings > 0.0);
                prop_assert!((p * savings - i.implementation_cost).abs()
                    <= 1e-9 * i.implementation_cost);
            }
            None => prop_assert!(savings <= 0.0),
        }
        prop_assert_eq!(f.npv, None, "no discount rate by default");
    }

    #[test]
    fn no_change_saves_nothing(mut i in inputs()) {
        i.storage_compression = 1.0;
        i.latency_speedup = 1.0;
        i.accuracy_after_pct = i.accuracy_pct;
        i.infrastructure_reduction_pct = 0.0;
        let f = i.project(&DEFAULTS).figures;
        prop_assert_eq!(f.monthly_savings, Some(0.0));
        prop_assert_eq!(f.payback_months, None);
    }

    #[test]
    fn more_compression_never_saves_less(i in inputs(), extra in 1.0..10.0f64) {
        let mut more = i;
        more.storage_compression *= extra;
        let a = i.project(&DEFAULTS).figures.lines.storage.unwrap();
        let b = more.project(&DEFAULTS).figures.lines.storage.unwrap();
        prop_assert!(b >= a - 1e-9);
    }
}
