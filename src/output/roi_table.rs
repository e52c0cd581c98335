//! The `csf roi` tables for people: before → after and $ per month for each
//! benefit line, the return figures with their formulas in words, and every
//! assumption with its source and meaning.

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
    let figures = |s: &Scenario| {
        let used = s.assumptions(assumptions);
        (s.inputs.project(&used.values).figures, used)
    };
    let projected: [(&str, &dyn Fn(&RoiFigures, u32) -> String); 5] = [
        ("Monthly savings", &|f, _| opt_money(f.monthly_savings)),
        ("Yearly savings", &|f, _| {
            opt_money(f.monthly_savings.map(|m| m * 12.0))
        }),
        ("Net ROI", &|f, _| {
            opt(f.net_roi_pct, |v| format!("{}%", fixed(v, 1)))
        }),
        ("Benefit-cost ratio", &|f, _| {
            opt(f.benefit_cost_ratio, |v| fixed(v, 2))
        }),
        ("Payback", &|f, _| payback(f.payback_months)),
    ];
    for (label, show) in projected {
        rows.push(per_scenario(
            &|s| {
                let (f, used) = figures(s);
                show(&f, used.values.horizon_months)
            },
            label,
        ));
    }
    if assumptions.values.discount_rate > 0.0 {
        rows.push(per_scenario(&|s| opt_money(figures(s).0.npv), "NPV"));
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
            format!(
                "{} × {} per GB-month",
                change(i.storage_gb - get(after.storage_gb), "GB less", "GB more"),
                rate(a.storage_cost_per_gb_month)
            ),
        ],
        vec![
            "  Latency".into(),
            ms(i.latency_ms),
            "→".into(),
            ms(get(after.latency_ms)),
            opt_money(lines.latency),
            format!(
                "{} × {} per hour",
                change(wait_hours, "hours less waiting", "hours more waiting"),
                rate(a.cost_per_wait_hour)
            ),
        ],
        vec![
            "  Accuracy".into(),
            percent(i.accuracy_pct, 2),
            "→".into(),
            percent(get(after.accuracy_pct), 2),
            opt_money(lines.accuracy),
            format!(
                "{} × {} each",
                change(results_right, "more results right", "more results wrong"),
                rate(a.cost_per_inaccurate_result)
            ),
        ],
        vec![
            "  Infrastructure".into(),
            money(get(before.infrastructure_cost)),
            "→".into(),
            money(get(after.infrastructure_cost)),
            opt_money(lines.infrastructure),
            change(i.infrastructure_reduction_pct, "% less", "% more").replace(" %", "%"),
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

/// `12 GB less` or, for a worsening, `12 GB more`.
fn change(v: f64, better: &str, worse: &str) -> String {
    if v < 0.0 {
        format!("{} {worse}", number(-v, 2))
    } else {
        format!("{} {better}", number(v, 2))
    }
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
        cells(["Return", "", ""]),
        vec![
            "  Implementation cost".into(),
            money(run.inputs.implementation_cost),
            "one-off".into(),
        ],
        vec![
            "  Net ROI".into(),
            opt(f.net_roi_pct, |v| format!("{}%", fixed(v, 1))),
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

// ---- Number formats: grouped thousands, at most the decimals that matter. ----

/// `1234.5` → `1,234.5`: at most `decimals` decimals, trailing zeros dropped.
fn number(v: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, v.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let frac = frac.trim_end_matches('0');
    let sign = if v < 0.0 && text.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        "-"
    } else {
        ""
    };
    let dot = if frac.is_empty() { "" } else { "." };
    format!("{sign}{}{dot}{frac}", group(int))
}

/// `$1,234.50`, `-$50.00`: cents always shown.
fn money(v: f64) -> String {
    let text = format!("{:.2}", v.abs());
    let (int, cents) = text.split_once('.').unwrap_or((&text, "00"));
    let sign = if v < 0.0 && text.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        "-"
    } else {
        ""
    };
    format!("{sign}${}.{cents}", group(int))
}

/// A rate: cents always, up to 4 decimals when they matter ($0.023).
fn rate(v: f64) -> String {
    let cents = (v * 100.0).round() / 100.0;
    if (v - cents).abs() < 1e-9 {
        money(v)
    } else {
        format!("${}", number(v, 4))
    }
}

fn group(int: &str) -> String {
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn fixed(v: f64, decimals: usize) -> String {
    format!("{v:.decimals$}")
}

fn percent(v: f64, decimals: usize) -> String {
    format!("{}%", number(v, decimals))
}

fn gb(v: f64) -> String {
    format!("{} GB", number(v, 2))
}

fn ms(v: f64) -> String {
    format!("{} ms", number(v, 2))
}

fn months(v: f64) -> String {
    if v == 1.0 {
        "1 month".into()
    } else {
        format!("{} months", number(v, 1))
    }
}

fn payback(p: Option<f64>) -> String {
    p.map_or("not reached".into(), |p| months((p * 10.0).round() / 10.0))
}

fn opt(v: Option<f64>, f: impl Fn(f64) -> String) -> String {
    v.map_or("—".into(), f)
}

fn opt_money(v: Option<f64>) -> String {
    opt(v, money)
}

// ---- Layout ----

#[derive(Clone, Copy)]
enum Align {
    Left,
    Right,
}
const L: Align = Align::Left;
const R: Align = Align::Right;

fn cells<const N: usize>(texts: [&str; N]) -> Vec<String> {
    texts.iter().map(|t| t.to_string()).collect()
}

fn section(title: &str) -> Vec<String> {
    vec![title.to_string()]
}

/// Pad every column to its widest cell (counted in characters, so → and ×
/// count as one), two spaces between columns, no trailing spaces.
fn aligned(rows: &[Vec<String>], aligns: &[Align]) -> Vec<String> {
    let width = |col: usize| {
        rows.iter()
            .filter_map(|r| r.get(col))
            .map(|c| c.chars().count())
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..aligns.len()).map(width).collect();
    rows.iter()
        .map(|row| {
            let mut line = String::new();
            for (col, (&w, align)) in widths.iter().zip(aligns).enumerate() {
                let cell = row.get(col).map_or("", String::as_str);
                let pad = " ".repeat(w - cell.chars().count());
                if col > 0 {
                    line.push_str("  ");
                }
                match align {
                    Align::Left => line.push_str(&format!("{cell}{pad}")),
                    Align::Right => line.push_str(&format!("{pad}{cell}")),
                }
            }
            line.trim_end().to_string()
        })
        .collect()
}

fn push_lines(out: &mut String, lines: &[String]) {
    for line in lines {
        out.push_str(line);
        out.push('\n');
    }
}

/// Break text at spaces into lines of at most `width` characters.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let line = lines.last_mut().expect("never empty");
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(word.to_string());
        } else {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_group_thousands_and_drop_needless_decimals() {
        assert_eq!(number(1_000_000.0, 2), "1,000,000");
        assert_eq!(number(100.0 / 13.3, 2), "7.52");
        assert_eq!(number(-1234.5, 2), "-1,234.5");
        assert_eq!(number(-0.001, 2), "0");
        assert_eq!(money(194.2481), "$194.25");
        assert_eq!(money(-50.0), "-$50.00");
        assert_eq!(money(123_456.0), "$123,456.00");
        assert_eq!(rate(0.1), "$0.10");
        assert_eq!(rate(0.023), "$0.023");
        assert_eq!(rate(30.0), "$30.00");
        assert_eq!(payback(Some(5.148)), "5.1 months");
        assert_eq!(payback(None), "not reached");
        assert_eq!(months(1.0), "1 month");
    }

    #[test]
    fn columns_line_up_by_characters() {
        let rows = vec![cells(["a", "→", "10"]), cells(["long", "x", "1,000"])];
        let lines = aligned(&rows, &[L, L, R]);
        assert_eq!(lines, vec!["a     →     10", "long  x  1,000"]);
    }

    #[test]
    fn wrap_keeps_words_whole() {
        assert_eq!(wrap("aa bb cc", 5), vec!["aa bb", "cc"]);
    }

    #[test]
    fn input_values_carry_units() {
        assert_eq!(input_value(Input::StorageCompression, 13.3), "13.3×");
        assert_eq!(input_value(Input::ApiCalls, 10_000.0), "10,000");
        assert_eq!(input_value(Input::ImplementationCost, 1000.0), "$1,000.00");
    }
}
