//! `csf roi` as JSON (`--format json`, `--output FILE.json`). The keys are a
//! contract for scripts: add keys if needed, never rename or drop one.
//! Figures are unrounded; a figure that does not exist is `null`.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::Path;

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

/// Write to a temporary file next to `path`, then rename it over `path`, so
/// a reader never sees half a file and a failed run leaves the old one.
pub fn write_atomically(path: &Path, contents: &str) -> io::Result<()> {
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file name"))?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let (tmp, mut file) = (0..100)
        .find_map(|n| {
            let tmp = dir.join(format!(
                ".{}.{}-{n}.tmp",
                name.to_string_lossy(),
                std::process::id()
            ));
            match File::create_new(&tmp) {
                Ok(f) => Some(Ok((tmp, f))),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => None,
                Err(e) => Some(Err(e)),
            }
        })
        .unwrap_or_else(|| {
            Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                "no free temporary file name",
            ))
        })?;
    let written = file
        .write_all(contents.as_bytes())
        .and_then(|()| file.sync_all())
        .and_then(|()| fs::rename(&tmp, path));
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("roi.json");
        fs::write(&path, "old").unwrap();
        write_atomically(&path, "new\n").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new\n");
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "only roi.json is left");
    }

    #[test]
    fn failed_write_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        // Renaming a file over a directory fails: the old directory stays and
        // the temporary file is removed.
        let path = dir.path().join("taken");
        fs::create_dir(&path).unwrap();
        assert!(write_atomically(&path, "x").is_err());
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }
}
