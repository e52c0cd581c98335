//! `csf roi` as JSON (`--format json`, `--output FILE.json`). The keys are a
//! contract for scripts: add keys if needed, never rename or drop one.
//! Figures are unrounded; a figure that does not exist is `null`.

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::figures::assumptions::{AssumptionRow, AssumptionsUsed};
use crate::figures::roi::{Assumptions, BenefitLines, RoiFigures, Usage};
use crate::figures::scenarios::{CUSTOM_DEFAULTS, ProspectInputs, ProspectRun, SCENARIOS};

#[derive(Serialize)]
struct RoiJson<'a> {
    scenario: Option<&'a str>,
    inputs: &'a ProspectInputs,
    input_sources: Pairs<&'a str>,
    projected: &'a Usage,
    lines: &'a BenefitLines,
    #[serde(flatten)]
    results: Results,
    assumptions: &'a Assumptions,
    assumption_sources: Pairs<&'a str>,
}

/// The figures every projection reports, in the order of the contract.
#[derive(Serialize)]
struct Results {
    monthly_savings: Option<f64>,
    yearly_savings: Option<f64>,
    net_roi_pct: Option<f64>,
    benefit_cost_ratio: Option<f64>,
    /// null: savings ≤ 0, payback not reached.
    payback_months: Option<f64>,
    /// null: no discount rate, NPV off.
    npv: Option<f64>,
}

impl Results {
    fn of(f: &RoiFigures) -> Self {
        Results {
            monthly_savings: f.monthly_savings,
            yearly_savings: f.monthly_savings.map(|m| m * 12.0),
            net_roi_pct: f.net_roi_pct,
            benefit_cost_ratio: f.benefit_cost_ratio,
            payback_months: f.payback_months,
            npv: f.npv,
        }
    }
}

#[derive(Serialize)]
struct ScenarioListJson<'a> {
    scenarios: Vec<ScenarioJson<'a>>,
    /// What a run without `--scenario` uses for the inputs it leaves out.
    custom_defaults: Pairs<f64>,
    assumptions: &'a Assumptions,
    assumption_sources: Pairs<&'a str>,
}

#[derive(Serialize)]
struct ScenarioJson<'a> {
    name: &'a str,
    summary: &'a str,
    inputs: &'a ProspectInputs,
    horizon_months: u32,
    #[serde(flatten)]
    results: Results,
}

/// Key–value pairs written as a JSON object in this order (serde_json's own
/// map would sort the keys).
struct Pairs<V>(Vec<(&'static str, V)>);

impl<V: Serialize> Serialize for Pairs<V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

fn sources(rows: &[AssumptionRow]) -> Pairs<&str> {
    Pairs(rows.iter().map(|r| (r.name, r.source.as_str())).collect())
}

/// One projection, pretty-printed, with a final newline.
pub fn to_string(run: &ProspectRun) -> String {
    let json = RoiJson {
        scenario: run.scenario.map(|s| s.name),
        inputs: &run.inputs,
        input_sources: Pairs(
            run.input_sources
                .iter()
                .map(|(i, s)| (i.key(), s.as_str()))
                .collect(),
        ),
        projected: &run.projection.after,
        lines: &run.projection.figures.lines,
        results: Results::of(&run.projection.figures),
        assumptions: &run.assumptions.values,
        assumption_sources: sources(&run.assumptions.rows),
    };
    pretty(&json)
}

/// `--list-scenarios --format json`: every preset, what it projects to with
/// the assumptions in force, and those assumptions.
pub fn scenarios_to_string(assumptions: &AssumptionsUsed) -> String {
    let scenarios = SCENARIOS
        .iter()
        .map(|s| {
            let used = s.assumptions(assumptions);
            ScenarioJson {
                name: s.name,
                summary: s.summary,
                inputs: &s.inputs,
                horizon_months: used.values.horizon_months,
                results: Results::of(&s.inputs.project(&used.values).figures),
            }
        })
        .collect();
    let json = ScenarioListJson {
        scenarios,
        custom_defaults: Pairs(CUSTOM_DEFAULTS.iter().map(|(i, v)| (i.key(), *v)).collect()),
        assumptions: &assumptions.values,
        assumption_sources: sources(&assumptions.rows),
    };
    pretty(&json)
}

fn pretty(value: &impl Serialize) -> String {
    // Plain structs of numbers and strings: serializing cannot fail.
    let mut text = serde_json::to_string_pretty(value).expect("plain data serializes");
    text.push('\n');
    text
}
