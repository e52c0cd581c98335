//! What people and scripts see from `csf roi`, pinned with insta. The figures
//! in these snapshots are checked by hand in roi_cli.rs; these pin the layout.
//! Update: `INSTA_UPDATE=always cargo test --test roi_snapshots`, then read
//! every changed .snap by eye before committing.

use assert_cmd::Command;

fn stdout(args: &[&str]) -> String {
    let out = Command::cargo_bin("csf")
        .unwrap()
        .arg("roi")
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

const CUSTOM: [&str; 20] = [
    "--storage-gb",
    "500",
    "--api-calls",
    "180000",
    "--latency-ms",
    "300",
    "--accuracy-pct",
    "80",
    "--infrastructure-cost",
    "2000",
    "--implementation-cost",
    "6000",
    "--storage-compression",
    "4",
    "--latency-speedup",
    "3",
    "--accuracy-after-pct",
    "95",
    "--infrastructure-reduction-pct",
    "10",
];

#[test]
fn table_small_business() {
    insta::assert_snapshot!(stdout(&["--scenario", "small_business"]));
}

#[test]
fn table_custom_with_npv_and_24_months() {
    let mut args = CUSTOM.to_vec();
    args.extend(["--months", "24", "--discount-rate", "0.08"]);
    insta::assert_snapshot!(stdout(&args));
}

#[test]
fn table_payback_not_reached() {
    insta::assert_snapshot!(stdout(&[
        "--scenario",
        "small_business",
        "--storage-compression",
        "0.5",
        "--latency-speedup",
        "1",
        "--accuracy-after-pct",
        "90",
        "--infrastructure-reduction-pct",
        "-10",
    ]));
}

#[test]
fn json_enterprise() {
    insta::assert_snapshot!(stdout(&["--scenario", "enterprise", "--format", "json"]));
}

#[test]
fn json_custom_payback_not_reached() {
    let mut args = CUSTOM.to_vec();
    args[19] = "-500";
    args.extend(["--format", "json"]);
    insta::assert_snapshot!(stdout(&args));
}

#[test]
fn list_scenarios_table() {
    insta::assert_snapshot!(stdout(&["--list-scenarios"]));
}

#[test]
fn list_scenarios_json() {
    insta::assert_snapshot!(stdout(&["--list-scenarios", "--format", "json"]));
}
