//! Projected ROI for a prospect (SPEC 5): today's figures and stated
//! improvement factors give the projected figures after implementation, and
//! the ROI model of SPEC 3.2 (`roi::evaluate`, the one `csf report` uses) turns
//! the two into money.

use serde::Serialize;

use super::assumptions::AssumptionsUsed;
use super::roi::{Assumptions, RoiFigures, Usage, evaluate};

/// Everything a projection needs besides the rates: the prospect's figures
/// today and the improvement factors expected from the implementation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct ProspectInputs {
    pub storage_gb: f64,
    /// API calls per month (the same after implementation).
    pub api_calls: f64,
    pub latency_ms: f64,
    pub accuracy_pct: f64,
    /// Infrastructure cost per month, $.
    pub infrastructure_cost: f64,
    /// One-off implementation cost, $.
    pub implementation_cost: f64,
    /// 10 = stores a tenth of the data; below 1 stores more (a worsening).
    pub storage_compression: f64,
    /// 10 = a tenth of the latency; below 1 is slower (a worsening).
    pub latency_speedup: f64,
    pub accuracy_after_pct: f64,
    /// Negative = the infrastructure costs more afterwards.
    pub infrastructure_reduction_pct: f64,
}

/// One input of a projection, so that every input can be listed, merged from
/// scenario and flags, and checked by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    StorageGb,
    ApiCalls,
    LatencyMs,
    AccuracyPct,
    InfrastructureCost,
    ImplementationCost,
    StorageCompression,
    LatencySpeedup,
    AccuracyAfterPct,
    InfrastructureReductionPct,
}

impl Input {
    pub const ALL: [Input; 10] = [
        Input::StorageGb,
        Input::ApiCalls,
        Input::LatencyMs,
        Input::AccuracyPct,
        Input::InfrastructureCost,
        Input::ImplementationCost,
        Input::StorageCompression,
        Input::LatencySpeedup,
        Input::AccuracyAfterPct,
        Input::InfrastructureReductionPct,
    ];

    /// JSON key; the flag is the same with `--` and hyphens.
    pub fn key(self) -> &'static str {
        match self {
            Input::StorageGb => "storage_gb",
            Input::ApiCalls => "api_calls",
            Input::LatencyMs => "latency_ms",
            Input::AccuracyPct => "accuracy_pct",
            Input::InfrastructureCost => "infrastructure_cost",
            Input::ImplementationCost => "implementation_cost",
            Input::StorageCompression => "storage_compression",
            Input::LatencySpeedup => "latency_speedup",
            Input::AccuracyAfterPct => "accuracy_after_pct",
            Input::InfrastructureReductionPct => "infrastructure_reduction_pct",
        }
    }

    pub fn flag(self) -> String {
        format!("--{}", self.key().replace('_', "-"))
    }

    pub fn label(self) -> &'static str {
        match self {
            Input::StorageGb => "Storage",
            Input::ApiCalls => "API calls per month",
            Input::LatencyMs => "Latency",
            Input::AccuracyPct => "Accuracy",
            Input::InfrastructureCost => "Infrastructure cost per month",
            Input::ImplementationCost => "Implementation cost",
            Input::StorageCompression => "Storage compression",
            Input::LatencySpeedup => "Latency speed-up",
            Input::AccuracyAfterPct => "Accuracy after",
            Input::InfrastructureReductionPct => "Infrastructure reduction",
        }
    }

    /// Whether it is an improvement factor rather than a figure of today.
    pub fn is_factor(self) -> bool {
        matches!(
            self,
            Input::StorageCompression
                | Input::LatencySpeedup
                | Input::AccuracyAfterPct
                | Input::InfrastructureReductionPct
        )
    }

    /// Why `v` cannot be used for this input, if it cannot.
    pub fn problem(self, v: f64) -> Option<&'static str> {
        if !v.is_finite() {
            return Some("must be a number");
        }
        match self {
            Input::StorageGb | Input::ApiCalls | Input::LatencyMs | Input::InfrastructureCost => {
                (v < 0.0).then_some("must be 0 or more")
            }
            Input::AccuracyPct | Input::AccuracyAfterPct => {
                (!(0.0..=100.0).contains(&v)).then_some("must be a percentage from 0 to 100")
            }
            Input::ImplementationCost => {
                (v <= 0.0).then_some("must be more than 0 (ROI is measured against it)")
            }
            Input::StorageCompression | Input::LatencySpeedup => {
                (v <= 0.0).then_some("must be more than 0 (1 = no change, below 1 = a worsening)")
            }
            Input::InfrastructureReductionPct => {
                (v > 100.0).then_some("must be at most 100 (negative = the cost goes up)")
            }
        }
    }

    pub fn get(self, i: &ProspectInputs) -> f64 {
        match self {
            Input::StorageGb => i.storage_gb,
            Input::ApiCalls => i.api_calls,
            Input::LatencyMs => i.latency_ms,
            Input::AccuracyPct => i.accuracy_pct,
            Input::InfrastructureCost => i.infrastructure_cost,
            Input::ImplementationCost => i.implementation_cost,
            Input::StorageCompression => i.storage_compression,
            Input::LatencySpeedup => i.latency_speedup,
            Input::AccuracyAfterPct => i.accuracy_after_pct,
            Input::InfrastructureReductionPct => i.infrastructure_reduction_pct,
        }
    }

    pub fn set(self, i: &mut ProspectInputs, v: f64) {
        let field = match self {
            Input::StorageGb => &mut i.storage_gb,
            Input::ApiCalls => &mut i.api_calls,
            Input::LatencyMs => &mut i.latency_ms,
            Input::AccuracyPct => &mut i.accuracy_pct,
            Input::InfrastructureCost => &mut i.infrastructure_cost,
            Input::ImplementationCost => &mut i.implementation_cost,
            Input::StorageCompression => &mut i.storage_compression,
            Input::LatencySpeedup => &mut i.latency_speedup,
            Input::AccuracyAfterPct => &mut i.accuracy_after_pct,
            Input::InfrastructureReductionPct => &mut i.infrastructure_reduction_pct,
        };
        *field = v;
    }
}

/// A named preset of SPEC 5.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Scenario {
    pub name: &'static str,
    pub summary: &'static str,
    pub inputs: ProspectInputs,
    /// Used unless the assumptions file or a flag sets the horizon.
    pub horizon_months: u32,
}

/// Inputs a custom run (no `--scenario`) may leave out, and their values:
/// accuracy 90% → 99% (the framework's "85–95% before"), and the small
/// business factors, the most cautious of the presets.
pub const CUSTOM_DEFAULTS: [(Input, f64); 5] = [
    (Input::AccuracyPct, 90.0),
    (Input::StorageCompression, 13.3),
    (Input::LatencySpeedup, 10.0),
    (Input::AccuracyAfterPct, 99.0),
    (Input::InfrastructureReductionPct, 25.0),
];

/// The figures of SPEC 5 and the framework document; medium_business is the
/// framework's own custom example (1,000 GB, 100,000 calls, $5,000, $10,000),
/// with an infrastructure reduction half-way between the other two.
pub const SCENARIOS: [Scenario; 3] = [
    Scenario {
        name: "small_business",
        summary: "a small team with a single product",
        inputs: ProspectInputs {
            storage_gb: 100.0,
            api_calls: 10_000.0,
            latency_ms: 200.0,
            accuracy_pct: 90.0,
            infrastructure_cost: 500.0,
            implementation_cost: 1_000.0,
            storage_compression: 13.3,
            latency_speedup: 10.0,
            accuracy_after_pct: 99.0,
            infrastructure_reduction_pct: 25.0,
        },
        horizon_months: 12,
    },
    Scenario {
        name: "medium_business",
        summary: "a mid-market company with several teams on the platform",
        inputs: ProspectInputs {
            storage_gb: 1_000.0,
            api_calls: 100_000.0,
            latency_ms: 200.0,
            accuracy_pct: 90.0,
            infrastructure_cost: 5_000.0,
            implementation_cost: 10_000.0,
            storage_compression: 13.3,
            latency_speedup: 10.0,
            accuracy_after_pct: 99.0,
            infrastructure_reduction_pct: 45.0,
        },
        horizon_months: 12,
    },
    Scenario {
        name: "enterprise",
        summary: "a large organisation running it across departments",
        inputs: ProspectInputs {
            storage_gb: 10_000.0,
            api_calls: 1_000_000.0,
            latency_ms: 200.0,
            accuracy_pct: 90.0,
            infrastructure_cost: 50_000.0,
            implementation_cost: 100_000.0,
            storage_compression: 13.3,
            latency_speedup: 10.0,
            accuracy_after_pct: 99.0,
            infrastructure_reduction_pct: 65.0,
        },
        horizon_months: 12,
    },
];

impl Scenario {
    /// The assumptions with this scenario's horizon where no file or flag
    /// has set one: scenario values sit between the defaults and the user.
    pub fn assumptions(&self, used: &AssumptionsUsed) -> AssumptionsUsed {
        let mut used = used.clone();
        let source = format!("scenario {}", self.name);
        used.replace_default("horizon_months", f64::from(self.horizon_months), source);
        used
    }
}

#[derive(Debug, thiserror::Error)]
#[error("unknown scenario `{given}`; choose one of: {}", names().join(", "))]
pub struct UnknownScenario {
    pub given: String,
}

pub fn names() -> Vec<&'static str> {
    SCENARIOS.iter().map(|s| s.name).collect()
}

/// A scenario by name; case, hyphens and spaces are forgiven
/// (`Small-Business` is `small_business`).
pub fn find(name: &str) -> Result<&'static Scenario, UnknownScenario> {
    let wanted = name.trim().to_lowercase().replace(['-', ' '], "_");
    SCENARIOS
        .iter()
        .find(|s| s.name == wanted)
        .ok_or_else(|| UnknownScenario {
            given: name.to_string(),
        })
}

/// Today and after implementation, as the ROI model sees them, and the figures.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Projection {
    pub before: Usage,
    pub after: Usage,
    pub figures: RoiFigures,
}

/// One `csf roi` run: what was asked, where each input came from, what came out.
#[derive(Clone, Debug, PartialEq)]
pub struct ProspectRun {
    pub scenario: Option<&'static Scenario>,
    pub inputs: ProspectInputs,
    /// Where each input came from (`scenario enterprise`, `flag --api-calls`,
    /// `default`), in [`Input::ALL`] order.
    pub input_sources: Vec<(Input, String)>,
    pub assumptions: AssumptionsUsed,
    pub projection: Projection,
}

impl ProspectInputs {
    /// Today's figures.
    pub fn before(&self) -> Usage {
        Usage {
            storage_gb: Some(self.storage_gb),
            api_calls: Some(self.api_calls),
            latency_ms: Some(self.latency_ms),
            accuracy_pct: Some(self.accuracy_pct),
            infrastructure_cost: Some(self.infrastructure_cost),
        }
    }

    /// The figures after implementation: each improvement factor applied,
    /// the API call volume unchanged.
    pub fn after(&self) -> Usage {
        Usage {
            storage_gb: Some(self.storage_gb / self.storage_compression),
            api_calls: Some(self.api_calls),
            latency_ms: Some(self.latency_ms / self.latency_speedup),
            accuracy_pct: Some(self.accuracy_after_pct),
            infrastructure_cost: Some(
                self.infrastructure_cost * (1.0 - self.infrastructure_reduction_pct / 100.0),
            ),
        }
    }

    /// The projection through the same model `csf report` uses.
    pub fn project(&self, a: &Assumptions) -> Projection {
        let (before, after) = (self.before(), self.after());
        Projection {
            before,
            after,
            figures: evaluate(&before, &after, Some(self.implementation_cost), a),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::assumptions::DEFAULTS;

    fn close(got: f64, want: f64, tol: f64) -> bool {
        (got - want).abs() <= tol
    }

    #[test]
    fn small_business_by_hand() {
        let p = find("small_business").unwrap().inputs.project(&DEFAULTS);
        let l = p.figures.lines;
        // storage: (100 − 100/13.3) GB × $0.10 = 92.4812 × 0.10 = $9.2481
        assert!(close(
            l.storage.unwrap(),
            (100.0 - 100.0 / 13.3) * 0.10,
            1e-9
        ));
        assert!(close(l.storage.unwrap(), 9.2481, 1e-4));
        // latency: (200 − 20) ms / 3.6e6 × 10,000 calls = 0.5 h × $30 = $15
        assert!(close(l.latency.unwrap(), 15.0, 1e-9));
        // accuracy: 9 points / 100 × 10,000 × $0.05 = $45
        assert!(close(l.accuracy.unwrap(), 45.0, 1e-9));
        // infrastructure: $500 × 25% = $125
        assert!(close(l.infrastructure.unwrap(), 125.0, 1e-9));
        // savings 194.2481; payback 1,000 / 194.2481 = 5.148 months
        assert!(close(p.figures.monthly_savings.unwrap(), 194.2481, 1e-4));
        assert!(close(p.figures.payback_months.unwrap(), 5.1481, 1e-4));
        assert_eq!(p.after.api_calls, Some(10_000.0));
    }

    #[test]
    fn presets_meet_spec_5_within_ten_percent() {
        // SPEC 5: small ≈ $200/month, payback ≈ 5; enterprise ≈ $40,000, ≈ 2.5.
        for (name, savings, payback) in [
            ("small_business", 200.0, 5.0),
            ("enterprise", 40_000.0, 2.5),
        ] {
            let f = find(name).unwrap().inputs.project(&DEFAULTS).figures;
            let s = f.monthly_savings.unwrap();
            let p = f.payback_months.unwrap();
            assert!((s / savings - 1.0).abs() <= 0.10, "{name}: savings {s}");
            assert!((p / payback - 1.0).abs() <= 0.10, "{name}: payback {p}");
        }
    }

    #[test]
    fn infrastructure_increase_and_worsening_factors_cost_money() {
        let mut i = SCENARIOS[0].inputs;
        i.infrastructure_reduction_pct = -10.0;
        i.storage_compression = 0.5;
        let after = i.after();
        // $500 × (1 + 10%) = $550; 100 GB / 0.5 = 200 GB
        assert!(close(after.infrastructure_cost.unwrap(), 550.0, 1e-9));
        assert_eq!(after.storage_gb, Some(200.0));
        let l = i.project(&DEFAULTS).figures.lines;
        assert!(close(l.infrastructure.unwrap(), -50.0, 1e-9));
        assert!(close(l.storage.unwrap(), -10.0, 1e-9));
    }

    #[test]
    fn names_are_forgiving_and_unknown_names_list_the_choices() {
        assert_eq!(find("Small-Business").unwrap().name, "small_business");
        assert_eq!(find(" enterprise ").unwrap().name, "enterprise");
        let err = find("startup").unwrap_err().to_string();
        assert!(err.contains("`startup`"), "{err}");
        assert!(err.contains("small_business, medium_business, enterprise"));
    }

    #[test]
    fn input_keys_match_flags_and_every_preset_is_valid() {
        assert_eq!(Input::AccuracyAfterPct.flag(), "--accuracy-after-pct");
        for s in &SCENARIOS {
            for input in Input::ALL {
                assert_eq!(input.problem(input.get(&s.inputs)), None, "{}", s.name);
            }
        }
        let mut i = SCENARIOS[0].inputs;
        for input in Input::ALL {
            input.set(&mut i, 7.0);
            assert_eq!(input.get(&i), 7.0);
        }
    }

    #[test]
    fn bad_values_are_named() {
        assert!(Input::StorageGb.problem(-1.0).is_some());
        assert!(Input::StorageGb.problem(0.0).is_none());
        assert!(Input::AccuracyPct.problem(100.5).is_some());
        assert!(Input::AccuracyAfterPct.problem(-0.1).is_some());
        assert!(Input::ImplementationCost.problem(0.0).is_some());
        assert!(Input::LatencySpeedup.problem(0.0).is_some());
        assert!(Input::LatencySpeedup.problem(0.5).is_none());
        assert!(Input::InfrastructureReductionPct.problem(100.1).is_some());
        assert!(Input::InfrastructureReductionPct.problem(-20.0).is_none());
        assert!(Input::ApiCalls.problem(f64::NAN).is_some());
    }
}
