//! `csf roi`: projected ROI for a prospect (SPEC 5). Merges scenario, flags
//! and defaults, checks every value, and prints a table or JSON.

use std::path::Path;

use anyhow::Context;

use super::{UsageError, exit};
use crate::cli::{OutputFormat, RoiArgs};
use crate::figures::assumptions::{self, AssumptionsError, AssumptionsUsed, RateOverrides};
use crate::figures::scenarios::{
    self, CUSTOM_DEFAULTS, Input, ProspectInputs, ProspectRun, Scenario,
};
use crate::output::{roi_json, roi_table};

pub fn run(args: RoiArgs) -> anyhow::Result<u8> {
    let assumptions = assumptions_for(&args)?;
    let (text, json) = if args.list_scenarios {
        refuse_inputs_with_list(&args)?;
        (
            roi_table::render_scenarios(&assumptions),
            roi_json::scenarios_to_string(&assumptions),
        )
    } else {
        let run = prospect_run(&args, assumptions)?;
        (roi_table::render(&run), roi_json::to_string(&run))
    };
    if let Some(path) = &args.output {
        write_json(path, &json)?;
    }
    match args.format {
        OutputFormat::Text => print!("{text}"),
        OutputFormat::Json => print!("{json}"),
    }
    Ok(exit::OK)
}

/// Scenario, then flags over it, then the custom-run defaults; every value
/// checked. Without a scenario the five figures of today are required.
fn prospect_run(args: &RoiArgs, mut assumptions: AssumptionsUsed) -> anyhow::Result<ProspectRun> {
    let scenario: Option<&'static Scenario> = args
        .scenario
        .as_deref()
        .map(scenarios::find)
        .transpose()
        .map_err(|e| UsageError(e.to_string()))?;
    let flags = input_flags(args);
    let mut inputs = scenario.map_or(ProspectInputs::default(), |s| s.inputs);
    let mut input_sources = Vec::new();
    let mut missing = Vec::new();
    let mut problems = Vec::new();
    for (input, flag) in flags {
        let default = CUSTOM_DEFAULTS.iter().find(|(i, _)| *i == input);
        let (value, source) = match (flag, scenario, default) {
            (Some(v), _, _) => (v, format!("flag {}", input.flag())),
            (None, Some(s), _) => (input.get(&s.inputs), format!("scenario {}", s.name)),
            (None, None, Some(&(_, v))) => (v, assumptions::DEFAULT_SOURCE.to_string()),
            (None, None, None) => {
                missing.push(input.flag());
                continue;
            }
        };
        if let Some(problem) = input.problem(value) {
            problems.push(format!("{} {value}: {problem}", input.flag()));
        }
        input.set(&mut inputs, value);
        input_sources.push((input, source));
    }
    if !missing.is_empty() {
        problems.insert(
            0,
            format!(
                "without --scenario, give today's figures: missing {} (or pick a scenario: {})",
                missing.join(", "),
                scenarios::names().join(", ")
            ),
        );
    }
    if !problems.is_empty() {
        return Err(UsageError(problems.join("; ")).into());
    }
    if let Some(s) = scenario {
        assumptions = s.assumptions(&assumptions);
    }
    let projection = inputs.project(&assumptions.values);
    Ok(ProspectRun {
        scenario,
        inputs,
        input_sources,
        assumptions,
        projection,
    })
}

fn input_flags(args: &RoiArgs) -> [(Input, Option<f64>); 10] {
    [
        (Input::StorageGb, args.storage_gb),
        (Input::ApiCalls, args.api_calls),
        (Input::LatencyMs, args.latency_ms),
        (Input::AccuracyPct, args.accuracy_pct),
        (Input::InfrastructureCost, args.infrastructure_cost),
        (Input::ImplementationCost, args.implementation_cost),
        (Input::StorageCompression, args.storage_compression),
        (Input::LatencySpeedup, args.latency_speedup),
        (Input::AccuracyAfterPct, args.accuracy_after_pct),
        (
            Input::InfrastructureReductionPct,
            args.infrastructure_reduction_pct,
        ),
    ]
}

/// `--list-scenarios` shows the presets as they are; inputs would be ignored
/// silently, so they are refused. Rates are welcome: they change the figures.
fn refuse_inputs_with_list(args: &RoiArgs) -> Result<(), UsageError> {
    let mut given: Vec<String> = input_flags(args)
        .into_iter()
        .filter(|(_, v)| v.is_some())
        .map(|(i, _)| i.flag())
        .collect();
    if args.scenario.is_some() {
        given.insert(0, "--scenario".into());
    }
    if given.is_empty() {
        Ok(())
    } else {
        Err(UsageError(format!(
            "--list-scenarios prints the presets; it does not take {}",
            given.join(", ")
        )))
    }
}

/// Defaults, file, flags; `--months` is another name for `--horizon-months`.
fn assumptions_for(args: &RoiArgs) -> anyhow::Result<AssumptionsUsed> {
    let mut overrides = RateOverrides::from(&args.rates);
    let via_months = args.months.is_some() && args.rates.horizon_months.is_none();
    overrides.horizon_months = match (args.months, args.rates.horizon_months) {
        (Some(m), Some(h)) if m != h => {
            return Err(UsageError(format!(
                "--months {m} and --horizon-months {h} disagree; they are the same setting, give one"
            ))
            .into());
        }
        (m, h) => m.or(h),
    };
    let months_source = "flag --months".to_string();
    match assumptions::resolve(&overrides) {
        Ok(mut used) => {
            if via_months {
                let row = used.rows.iter_mut().find(|r| r.name == "horizon_months");
                row.expect("every key has a row").source = months_source;
            }
            Ok(used)
        }
        Err(e @ AssumptionsError::Io { .. }) => Err(e.into()),
        Err(AssumptionsError::OutOfRange {
            name: "horizon_months",
            value,
            reason,
            ..
        }) if via_months => Err(UsageError(format!(
            "horizon_months = {value} ({months_source}): {reason}"
        ))
        .into()),
        Err(e) => Err(UsageError(e.to_string()).into()),
    }
}

/// JSON to a file, atomically; `-` is refused (stdout is `--format json`).
fn write_json(path: &Path, json: &str) -> anyhow::Result<()> {
    if path.as_os_str() == "-" {
        return Err(
            UsageError("--output - is not a file; use --format json to print JSON".into()).into(),
        );
    }
    crate::output::atomic::write_atomically(path, json.as_bytes())
        .with_context(|| format!("{}: cannot write the ROI JSON", path.display()))?;
    eprintln!("csf: wrote {}", path.display());
    Ok(())
}
