//! The `csf roi` tables for people: before → after and $ per month for each
//! benefit line, the return figures with their formulas in words, and every
//! assumption with its source and meaning.

mod text;

use text::{
    L, R, aligned, cells, fixed, gb, money, months, ms, net_roi, number, opt, opt_money, payback,
    percent, push_lines, rate, section, wrap,
};

use crate::figures::assumptions::{AssumptionRow, AssumptionsUsed};
use crate::figures::roi::RoiFigures;
use crate::figures::scenarios::{CUSTOM_DEFAULTS, Input, ProspectRun, SCENARIOS, Scenario};

/// The table for one projection.
pub fn render(run: &ProspectRun) -> String {
    let mut out = String::new();
    match run.scenario {
        Some(s) => out.push_str(&format!(
            "Projected ROI: scenario {} ({})\n\n",
            s.name, s.summary
        )),
        None => out.push_str("Projected ROI: custom figures\n\n"),
    }
    let mut rows = vec![cells(["Inputs", "Value", "Source"])];
    for (input, source) in &run.input_sources {
        rows.push(vec![
            format!("  {}", input.label()),
            input_value(*input, input.get(&run.inputs)),
            source.clone(),
        ]);
    }
    push_lines(&mut out, &aligned(&rows, &[L, R, L]));
    out.push('\n');
    push_lines(&mut out, &aligned(&benefit_rows(run), &[L, R, L, R, R, L]));
    out.push('\n');
    push_lines(&mut out, &aligned(&return_rows(run), &[L, R, L]));
    out.push('\n');
    out.push_str(
        "Net ROI and the benefit-cost ratio are different figures: older material that\n\
         says \"ROI 240%\" for $2,400 a year on a $1,000 implementation means a ratio\n\
         of 2.4, which is a net ROI of 140%.\n\n",
    );
    out.push_str(&assumption_lines(&run.assumptions.rows));
    out
}

/// `--list-scenarios`: every preset with each input and factor, what it
/// projects to with the assumptions in force, and those assumptions.
pub fn render_scenarios(assumptions: &AssumptionsUsed) -> String {
    let mut out = String::from("Scenarios (csf roi --scenario NAME)\n\n");
    let names: Vec<Vec<String>> = SCENARIOS
        .iter()
        .map(|s| vec![format!("  {}", s.name), s.summary.to_string()])
        .collect();
    push_lines(&mut out, &aligned(&names, &[L, L]));
    out.push('\n');

    let mut header = vec![String::new()];
    header.extend(SCENARIOS.iter().map(|s| s.name.to_string()));
    let mut rows = vec![header, section("Today")];
    let per_scenario = |f: &dyn Fn(&Scenario) -> String, label: &str| {
        let mut row = vec![format!("  {label}")];
        row.extend(SCENARIOS.iter().map(f));
        row
    };
    for input in Input::ALL {
        if input == Input::StorageCompression {
            rows.push(per_scenario(
                &|s| months(f64::from(s.assumptions(assumptions).values.horizon_months)),
                "Horizon",
            ));
            rows.push(section("Improvement"));
        }
        rows.push(per_scenario(
            &|s| input_value(input, input.get(&s.inputs)),
            input.label(),
        ));
    }
    rows.push(section("Projected with the assumptions below"));
    let figures = |s: &Scenario| s.inputs.project(&s.assumptions(assumptions).values).figures;
    let projected: [(&str, Show); 6] = [
        ("Monthly savings", |f| opt_money(f.monthly_savings)),
        ("Yearly savings", |f| {
            opt_money(f.monthly_savings.map(|m| m * 12.0))
        }),
        ("Net ROI", |f| net_roi(f.net_roi_pct)),
        ("Benefit-cost ratio", |f| {
            opt(f.benefit_cost_ratio, |v| fixed(v, 2))
        }),
        ("Payback", |f| payback(f.payback_months)),
        ("NPV", |f| opt_money(f.npv)),
    ];
    let npv_on = assumptions.values.discount_rate > 0.0;
    for (label, show) in projected {
        if label != "NPV" || npv_on {
            rows.push(per_scenario(&|s| show(&figures(s)), label));
        }
    }
    let mut aligns = vec![L];
    aligns.extend(SCENARIOS.iter().map(|_| R));
    push_lines(&mut out, &aligned(&rows, &aligns));

    let defaults: Vec<String> = CUSTOM_DEFAULTS
        .iter()
        .map(|(i, v)| format!("{} {}", i.flag(), number(*v, 2)))
        .collect();
    let note = format!(
        "Without --scenario, give --storage-gb, --api-calls, --latency-ms, \
         --infrastructure-cost and --implementation-cost; the rest default to {}.",
        defaults.join(", ")
    );
    out.push('\n');
    push_lines(&mut out, &wrap(&note, 78));
    out.push('\n');
    out.push_str(&assumption_lines(&assumptions.rows));
    out
}

/// How one projected figure is shown in the scenario list.
type Show = fn(&RoiFigures) -> String;

fn benefit_rows(run: &ProspectRun) -> Vec<Vec<String>> {
    let (i, a) = (&run.inputs, &run.assumptions.values);
    let (before, after) = (&run.projection.before, &run.projection.after);
    let f = &run.projection.figures;
    let lines = &f.lines;
    let get = |v: Option<f64>| v.unwrap_or(f64::NAN);
    let wait_hours = (i.latency_ms - get(after.latency_ms)) / 3_600_000.0 * i.api_calls;
    let results_right = (i.accuracy_after_pct - i.accuracy_pct) / 100.0 * i.api_calls;
    let mut rows = vec![
        cells(["Monthly benefit", "Before", "", "After", "$/month", "How"]),
        vec![
            "  Storage".into(),
            gb(i.storage_gb),
            "→".into(),
            gb(get(after.storage_gb)),
            opt_money(lines.storage),
            priced(
                change(i.storage_gb - get(after.storage_gb), "GB less", "GB more"),
                &format!("{} per GB-month", rate(a.storage_cost_per_gb_month)),
            ),
        ],
        vec![
            "  Latency".into(),
            ms(i.latency_ms),
            "→".into(),
            ms(get(after.latency_ms)),
            opt_money(lines.latency),
            priced(
                change(wait_hours, "hours less waiting", "hours more waiting"),
                &format!("{} per hour", rate(a.cost_per_wait_hour)),
            ),
        ],
        vec![
            "  Accuracy".into(),
            percent(i.accuracy_pct, 2),
            "→".into(),
            percent(get(after.accuracy_pct), 2),
            opt_money(lines.accuracy),
            priced(
                change(results_right, "more results right", "more results wrong"),
                &format!("{} each", rate(a.cost_per_inaccurate_result)),
            ),
        ],
        vec![
            "  Infrastructure".into(),
            money(get(before.infrastructure_cost)),
            "→".into(),
            money(get(after.infrastructure_cost)),
            opt_money(lines.infrastructure),
            change(i.infrastructure_reduction_pct, "% less", "% more")
                .map_or("no change".into(), |c| c.replace(" %", "%")),
        ],
        Vec::new(),
        total_row(
            "Monthly savings",
            f.monthly_savings,
            "sum of the lines above",
        ),
        total_row(
            "Yearly savings",
            f.monthly_savings.map(|m| m * 12.0),
            "12 × monthly savings",
        ),
    ];
    if a.horizon_months != 12 {
        let h = a.horizon_months;
        rows.push(total_row(
            &format!("Savings over {}", months(f64::from(h))),
            f.monthly_savings.map(|m| m * f64::from(h)),
            &format!("{h} × monthly savings"),
        ));
    }
    rows
}

/// `12 GB less` or, for a worsening, `12 GB more`; None when nothing changes.
fn change(v: f64, better: &str, worse: &str) -> Option<String> {
    let shown = number(v.abs(), 2);
    if shown == "0" {
        None
    } else if v < 0.0 {
        Some(format!("{shown} {worse}"))
    } else {
        Some(format!("{shown} {better}"))
    }
}

/// `375 GB less × $0.10 per GB-month`, or `no change`.
fn priced(change: Option<String>, price: &str) -> String {
    change.map_or("no change".into(), |c| format!("{c} × {price}"))
}

fn total_row(label: &str, value: Option<f64>, how: &str) -> Vec<String> {
    let mut row = vec![
        format!("  {label}"),
        String::new(),
        String::new(),
        String::new(),
    ];
    row.push(opt_money(value));
    row.push(how.to_string());
    row
}

fn return_rows(run: &ProspectRun) -> Vec<Vec<String>> {
    let f = &run.projection.figures;
    let a = &run.assumptions.values;
    let over = format!("savings over {}", months(f64::from(a.horizon_months)));
    let mut rows = vec![
        cells(["Return on the implementation", "", ""]),
        vec![
            "  Implementation cost".into(),
            money(run.inputs.implementation_cost),
            "one-off".into(),
        ],
        vec![
            "  Net ROI".into(),
            net_roi(f.net_roi_pct),
            format!("({over} − cost) ÷ cost"),
        ],
        vec![
            "  Benefit-cost ratio".into(),
            opt(f.benefit_cost_ratio, |v| fixed(v, 2)),
            format!("{over} ÷ cost"),
        ],
    ];
    let payback_note = match f.payback_months {
        None => "monthly savings are not above $0".to_string(),
        Some(p) if p > f64::from(a.horizon_months) => format!(
            "cost ÷ monthly savings; beyond the {}-month horizon",
            a.horizon_months
        ),
        Some(_) => "cost ÷ monthly savings".to_string(),
    };
    rows.push(vec![
        "  Payback".into(),
        payback(f.payback_months),
        payback_note,
    ]);
    if a.discount_rate > 0.0 {
        rows.push(vec![
            "  NPV".into(),
            opt_money(f.npv),
            format!(
                "{over}, each month discounted at {} a year, minus cost",
                percent(a.discount_rate * 100.0, 2)
            ),
        ]);
    }
    rows
}

fn assumption_lines(rows: &[AssumptionRow]) -> String {
    let mut table = vec![cells(["Assumptions used", "Value", "Source"])];
    table.extend(rows.iter().map(|r| {
        vec![
            format!("  {}", r.name),
            assumption_value(r),
            r.source.clone(),
        ]
    }));
    let lines = aligned(&table, &[L, R, L]);
    let mut out = String::new();
    out.push_str(&lines[0]);
    out.push('\n');
    for (line, row) in lines[1..].iter().zip(rows) {
        out.push_str(line);
        out.push('\n');
        for meaning in wrap(row.meaning, 74) {
            out.push_str(&format!("      {meaning}\n"));
        }
    }
    out
}

fn assumption_value(r: &AssumptionRow) -> String {
    match r.name {
        "horizon_months" => months(r.value),
        "discount_rate" if r.value == 0.0 => "0 (NPV off)".into(),
        "discount_rate" => format!("{} a year", percent(r.value * 100.0, 2)),
        "storage_cost_per_gb_month" => format!("{} per GB-month", rate(r.value)),
        "cost_per_wait_hour" => format!("{} per hour", rate(r.value)),
        _ => format!("{} per result", rate(r.value)),
    }
}

fn input_value(input: Input, v: f64) -> String {
    match input {
        Input::StorageGb => gb(v),
        Input::ApiCalls => number(v, 2),
        Input::LatencyMs => ms(v),
        Input::AccuracyPct | Input::AccuracyAfterPct | Input::InfrastructureReductionPct => {
            percent(v, 2)
        }
        Input::InfrastructureCost | Input::ImplementationCost => money(v),
        Input::StorageCompression | Input::LatencySpeedup => format!("{}×", number(v, 2)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_values_carry_units() {
        assert_eq!(input_value(Input::StorageCompression, 13.3), "13.3×");
        assert_eq!(input_value(Input::ApiCalls, 10_000.0), "10,000");
        assert_eq!(input_value(Input::ImplementationCost, 1000.0), "$1,000.00");
        assert_eq!(
            input_value(Input::InfrastructureReductionPct, -10.0),
            "-10%"
        );
    }
}
