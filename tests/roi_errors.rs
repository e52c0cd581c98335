//! Every wrong input to `csf roi` is a usage error (exit 2) whose message
//! names the flag or key and the value; an unreadable file is exit 1.

use assert_cmd::Command;

/// Run `csf roi ARGS`; return (exit code, stderr).
fn roi(args: &[&str]) -> (i32, String) {
    let out = Command::cargo_bin("csf")
        .unwrap()
        .arg("roi")
        .args(args)
        .output()
        .unwrap();
    assert!(out.stdout.is_empty(), "nothing printed on error");
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn usage_error(args: &[&str], needles: &[&str]) {
    let (code, err) = roi(args);
    assert_eq!(code, 2, "{args:?}: {err}");
    for n in needles {
        assert!(err.contains(n), "{args:?}: `{n}` not in: {err}");
    }
}

const ENT: [&str; 2] = ["--scenario", "enterprise"];

fn with_ent<'a>(more: &[&'a str]) -> Vec<&'a str> {
    let mut v: Vec<&str> = ENT.to_vec();
    v.extend_from_slice(more);
    v
}

#[test]
fn negative_figures_of_today() {
    for flag in [
        "--storage-gb",
        "--api-calls",
        "--latency-ms",
        "--infrastructure-cost",
    ] {
        usage_error(
            &with_ent(&[flag, "-5"]),
            &[&format!("{flag} -5"), "0 or more"],
        );
    }
}

#[test]
fn accuracy_outside_0_to_100() {
    usage_error(
        &with_ent(&["--accuracy-pct", "101"]),
        &["--accuracy-pct 101"],
    );
    usage_error(&with_ent(&["--accuracy-pct", "-1"]), &["--accuracy-pct -1"]);
    usage_error(
        &with_ent(&["--accuracy-after-pct", "100.5"]),
        &["--accuracy-after-pct 100.5", "0 to 100"],
    );
}

#[test]
fn implementation_cost_must_be_positive() {
    usage_error(
        &with_ent(&["--implementation-cost", "0"]),
        &["--implementation-cost 0", "more than 0"],
    );
    usage_error(
        &with_ent(&["--implementation-cost", "-100"]),
        &["--implementation-cost -100"],
    );
}

#[test]
fn factors_must_be_positive_and_reduction_at_most_100() {
    usage_error(
        &with_ent(&["--storage-compression", "0"]),
        &["--storage-compression 0"],
    );
    usage_error(
        &with_ent(&["--latency-speedup", "-2"]),
        &["--latency-speedup -2"],
    );
    usage_error(
        &with_ent(&["--infrastructure-reduction-pct", "120"]),
        &["--infrastructure-reduction-pct 120", "at most 100"],
    );
}

#[test]
fn not_a_number_is_refused() {
    usage_error(&with_ent(&["--api-calls", "NaN"]), &["--api-calls NaN"]);
    usage_error(&with_ent(&["--storage-gb", "inf"]), &["--storage-gb inf"]);
}

#[test]
fn several_problems_are_reported_together() {
    usage_error(
        &with_ent(&["--accuracy-pct", "101", "--implementation-cost", "0"]),
        &["--accuracy-pct 101", "--implementation-cost 0"],
    );
}

#[test]
fn unknown_scenario_suggests_the_names() {
    usage_error(
        &["--scenario", "startup"],
        &["startup", "small_business", "medium_business", "enterprise"],
    );
}

#[test]
fn custom_run_names_every_missing_figure_at_once() {
    usage_error(
        &[],
        &[
            "--storage-gb",
            "--api-calls",
            "--latency-ms",
            "--infrastructure-cost",
            "--implementation-cost",
        ],
    );
    let (_, err) = roi(&["--storage-gb", "10", "--api-calls", "5"]);
    assert!(err.contains("missing --latency-ms, --infrastructure-cost, --implementation-cost"));
    assert!(!err.contains("missing --storage-gb"), "{err}");
}

#[test]
fn months_and_horizon_months_must_agree() {
    usage_error(
        &with_ent(&["--months", "24", "--horizon-months", "12"]),
        &["--months 24", "--horizon-months 12"],
    );
}

#[test]
fn assumption_flags_out_of_range() {
    usage_error(
        &with_ent(&["--months", "0"]),
        &["horizon_months = 0", "--months"],
    );
    usage_error(
        &with_ent(&["--horizon-months", "601"]),
        &["horizon_months = 601", "--horizon-months"],
    );
    usage_error(
        &with_ent(&["--discount-rate", "1"]),
        &["discount_rate = 1", "--discount-rate"],
    );
    usage_error(
        &with_ent(&["--discount-rate", "-0.05"]),
        &["discount_rate = -0.05"],
    );
    usage_error(
        &with_ent(&["--cost-per-wait-hour", "-30"]),
        &["cost_per_wait_hour = -30", "--cost-per-wait-hour"],
    );
}

#[test]
fn list_scenarios_refuses_inputs() {
    usage_error(
        &[
            "--list-scenarios",
            "--scenario",
            "enterprise",
            "--api-calls",
            "5",
        ],
        &["--list-scenarios", "--scenario", "--api-calls"],
    );
}

#[test]
fn output_dash_is_refused() {
    usage_error(&with_ent(&["--output", "-"]), &["--format json"]);
}

fn toml_file(text: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rates.toml");
    std::fs::write(&path, text).unwrap();
    let path = path.to_str().unwrap().to_string();
    (dir, path)
}

#[test]
fn toml_unknown_key_names_key_and_file() {
    let (_dir, path) = toml_file("cost_per_wait_hour = 30\nstorage_price = 0.2\n");
    usage_error(
        &with_ent(&["--assumptions", &path]),
        &[&path, "storage_price", "storage_cost_per_gb_month"],
    );
}

#[test]
fn toml_bad_values() {
    for (text, needle) in [
        ("horizon_months = \"a year\"", "horizon_months = \"a year\""),
        (
            "cost_per_inaccurate_result = [1]",
            "cost_per_inaccurate_result",
        ),
        ("horizon_months = 1000", "horizon_months = 1000"),
        ("discount_rate = 1.5", "discount_rate = 1.5"),
        (
            "storage_cost_per_gb_month = -0.1",
            "storage_cost_per_gb_month = -0.1",
        ),
        ("this is not toml", "not valid TOML"),
    ] {
        let (_dir, path) = toml_file(text);
        usage_error(&with_ent(&["--assumptions", &path]), &[needle, &path]);
    }
}

#[test]
fn unreadable_assumptions_file_is_exit_1_naming_it() {
    let (code, err) = roi(&with_ent(&["--assumptions", "/no/such/rates.toml"]));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("/no/such/rates.toml"), "{err}");
}

#[test]
fn unwritable_output_is_exit_1_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("missing-folder").join("roi.json");
    let target = target.to_str().unwrap();
    let (code, err) = roi(&with_ent(&["--output", target]));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains(target), "{err}");
}
