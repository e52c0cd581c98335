//! What `csf validate` prints: a per-file summary and every data issue, as
//! text for a terminal or as a stable JSON document for scripts.

use std::fmt::Write;

use serde::Serialize;

use crate::intake::ledger::{DataIssue, Ledger, Severity, SourceFile, Tally};

/// Issues in the order they are printed: rejected, superseded, warnings;
/// within each, in row order, then notes about customers ("no baseline").
fn ordered(ledger: &Ledger) -> Vec<&DataIssue> {
    let mut issues: Vec<&DataIssue> = ledger.issues.iter().collect();
    issues.sort_by_key(|i| (i.severity, i.row.is_none(), i.row));
    issues
}

fn file_title(f: &SourceFile) -> String {
    match &f.sheet {
        Some(sheet) => format!("{} (sheet {sheet})", f.path.display()),
        None => f.path.display().to_string(),
    }
}

fn delimiter_name(d: char) -> String {
    match d {
        '\t' => "tab".to_string(),
        ' ' => "space".to_string(),
        c => format!("'{c}'"),
    }
}

fn counts(t: &Tally) -> String {
    format!(
        "rows read {}, accepted {}, superseded {}, rejected {}",
        t.rows_read, t.accepted, t.superseded, t.rejected
    )
}

/// One issue as a line: `file row column "value": reason`.
pub fn issue_line(ledger: &Ledger, issue: &DataIssue) -> String {
    let mut line = String::new();
    if let Some(row) = issue.row {
        let _ = write!(line, "{} {}", ledger.file_name(row), ledger.row_label(row));
    } else if let Some(id) = &issue.customer_id {
        let _ = write!(line, "customer {id}");
    }
    if let Some(column) = &issue.column {
        let _ = write!(line, " {column}");
    }
    if let Some(value) = &issue.value {
        let _ = write!(line, " {value:?}");
    }
    let _ = write!(line, ": {}", issue.reason);
    line
}

/// The text report. `quiet` leaves out the list of issues.
pub fn render_text(ledger: &Ledger, quiet: bool) -> String {
    let mut out = String::new();
    for f in &ledger.files {
        let _ = writeln!(out, "{}: {}", file_title(f), counts(&f.tally));
        let mut read_as = Vec::new();
        if let Some(e) = &f.encoding {
            read_as.push(format!("encoding {e}"));
        }
        if let Some(d) = f.delimiter {
            read_as.push(format!("delimiter {}", delimiter_name(d)));
        }
        if !read_as.is_empty() {
            let _ = writeln!(out, "  {}", read_as.join(", "));
        }
        if !f.unknown_columns.is_empty() {
            let _ = writeln!(
                out,
                "  unknown columns (ignored): {}",
                f.unknown_columns.join(", ")
            );
        }
        for d in &f.date_decisions {
            let flag = if d.ambiguous { ", AMBIGUOUS" } else { "" };
            let _ = writeln!(
                out,
                "  dates in {:?} read {}{flag}: {}",
                d.column, d.format, d.reason
            );
        }
    }
    let issues = ordered(ledger);
    if !quiet {
        for (severity, title) in [
            (Severity::Rejected, "Rejected rows"),
            (Severity::Superseded, "Superseded rows"),
            (Severity::Warning, "Warnings"),
        ] {
            let group: Vec<&&DataIssue> =
                issues.iter().filter(|i| i.severity == severity).collect();
            if group.is_empty() {
                continue;
            }
            let _ = writeln!(out, "\n{title} ({}):", group.len());
            for i in group {
                let _ = writeln!(out, "  {}", issue_line(ledger, i));
            }
        }
    }
    let total = ledger.total();
    let files = ledger.files.len();
    let _ = writeln!(
        out,
        "\nTotal: {files} file{}, {}; {} warning{}",
        if files == 1 { "" } else { "s" },
        counts(&total),
        ledger.count(Severity::Warning),
        if ledger.count(Severity::Warning) == 1 {
            ""
        } else {
            "s"
        },
    );
    out
}

#[derive(Serialize)]
struct JsonReport<'a> {
    files: Vec<JsonFile<'a>>,
    issues: Vec<JsonIssue<'a>>,
    totals: JsonTally,
}

#[derive(Serialize)]
struct JsonFile<'a> {
    path: String,
    sheet: Option<&'a str>,
    encoding: Option<&'a str>,
    delimiter: Option<String>,
    rows_read: u64,
    accepted: u64,
    superseded: u64,
    rejected: u64,
    unknown_columns: &'a [String],
    date_decisions: &'a [crate::intake::ledger::DateDecision],
}

#[derive(Serialize)]
struct JsonIssue<'a> {
    file: Option<String>,
    /// The row as the user sees it: `12` or `Sheet1!12`.
    row: Option<String>,
    column: Option<&'a str>,
    value: Option<&'a str>,
    severity: Severity,
    reason: &'a str,
    customer_id: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonTally {
    rows_read: u64,
    accepted: u64,
    superseded: u64,
    rejected: u64,
}

impl From<Tally> for JsonTally {
    fn from(t: Tally) -> Self {
        JsonTally {
            rows_read: t.rows_read,
            accepted: t.accepted,
            superseded: t.superseded,
            rejected: t.rejected,
        }
    }
}

/// The JSON report; fields and their order are a stable interface.
pub fn render_json(ledger: &Ledger) -> String {
    let report = JsonReport {
        files: ledger
            .files
            .iter()
            .map(|f| JsonFile {
                path: f.path.display().to_string(),
                sheet: f.sheet.as_deref(),
                encoding: f.encoding.as_deref(),
                delimiter: f.delimiter.map(String::from),
                rows_read: f.tally.rows_read,
                accepted: f.tally.accepted,
                superseded: f.tally.superseded,
                rejected: f.tally.rejected,
                unknown_columns: &f.unknown_columns,
                date_decisions: &f.date_decisions,
            })
            .collect(),
        issues: ordered(ledger)
            .into_iter()
            .map(|i| JsonIssue {
                file: i.row.map(|r| ledger.file_name(r)),
                row: i.row.map(|r| ledger.row_label(r)),
                column: i.column.as_deref(),
                value: i.value.as_deref(),
                severity: i.severity,
                reason: &i.reason,
                customer_id: i.customer_id.as_deref(),
            })
            .collect(),
        totals: ledger.total().into(),
    };
    let mut json = serde_json::to_string_pretty(&report).expect("the report serialises");
    json.push('\n');
    json
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intake::ledger::{DateDecision, RowRef};

    fn ledger() -> Ledger {
        Ledger {
            files: vec![
                SourceFile {
                    path: "a.csv".into(),
                    encoding: Some("windows-1252".into()),
                    delimiter: Some(';'),
                    tally: Tally {
                        rows_read: 3,
                        accepted: 1,
                        superseded: 1,
                        rejected: 1,
                    },
                    unknown_columns: vec!["Owner".into()],
                    date_decisions: vec![DateDecision {
                        column: "Date".into(),
                        format: "month-first".into(),
                        reason: "ambiguous: no value has a field above 12; read --date-format month-first".into(),
                        ambiguous: true,
                    }],
                    ..Default::default()
                },
                SourceFile {
                    path: "b.xlsx".into(),
                    sheet: Some("Export".into()),
                    tally: Tally {
                        rows_read: 1,
                        accepted: 1,
                        ..Default::default()
                    },
                    ..Default::default()
                },
            ],
            issues: vec![
                DataIssue {
                    row: None,
                    customer_id: Some("9".into()),
                    column: None,
                    value: None,
                    severity: Severity::Warning,
                    reason: "no baseline: no row with checkpoint 0".into(),
                },
                DataIssue {
                    row: Some(RowRef { file: 1, row: 4 }),
                    customer_id: Some("7".into()),
                    column: Some("NPS".into()),
                    value: Some("11".into()),
                    severity: Severity::Warning,
                    reason: "11 is outside 0–10; treated as missing".into(),
                },
                DataIssue {
                    row: Some(RowRef { file: 0, row: 2 }),
                    customer_id: Some("7".into()),
                    column: None,
                    value: None,
                    severity: Severity::Superseded,
                    reason: "superseded by b.xlsx Export!4 (same customer_id and checkpoint 0)".into(),
                },
                DataIssue {
                    row: Some(RowRef { file: 0, row: 3 }),
                    customer_id: None,
                    column: Some("Account ID".into()),
                    value: Some("".into()),
                    severity: Severity::Rejected,
                    reason: "missing: customer_id is required".into(),
                },
            ],
        }
    }

    #[test]
    fn text_report_lists_files_then_issues_by_severity_then_the_total() {
        let text = render_text(&ledger(), false);
        let expected = "\
a.csv: rows read 3, accepted 1, superseded 1, rejected 1
  encoding windows-1252, delimiter ';'
  unknown columns (ignored): Owner
  dates in \"Date\" read month-first, AMBIGUOUS: ambiguous: no value has a field above 12; read --date-format month-first
b.xlsx (sheet Export): rows read 1, accepted 1, superseded 0, rejected 0

Rejected rows (1):
  a.csv 3 Account ID \"\": missing: customer_id is required

Superseded rows (1):
  a.csv 2: superseded by b.xlsx Export!4 (same customer_id and checkpoint 0)

Warnings (2):
  b.xlsx Export!4 NPS \"11\": 11 is outside 0–10; treated as missing
  customer 9: no baseline: no row with checkpoint 0

Total: 2 files, rows read 4, accepted 2, superseded 1, rejected 1; 2 warnings
";
        assert_eq!(text, expected);
    }

    #[test]
    fn quiet_text_leaves_out_the_issues() {
        let text = render_text(&ledger(), true);
        assert!(!text.contains("Rejected rows"));
        assert!(text.ends_with("rejected 1; 2 warnings\n"));
    }

    #[test]
    fn json_report_has_the_documented_shape() {
        let v: serde_json::Value = serde_json::from_str(&render_json(&ledger())).unwrap();
        assert_eq!(v["files"][0]["path"], "a.csv");
        assert_eq!(v["files"][0]["delimiter"], ";");
        assert_eq!(v["files"][0]["sheet"], serde_json::Value::Null);
        assert_eq!(v["files"][0]["date_decisions"][0]["ambiguous"], true);
        assert_eq!(v["files"][1]["sheet"], "Export");
        assert_eq!(v["issues"][0]["severity"], "rejected");
        assert_eq!(v["issues"][0]["row"], "3");
        assert_eq!(v["issues"][2]["row"], "Export!4");
        assert_eq!(v["issues"][2]["file"], "b.xlsx");
        assert_eq!(v["issues"][2]["value"], "11");
        assert_eq!(v["issues"][2]["customer_id"], "7");
        assert_eq!(v["issues"][3]["file"], serde_json::Value::Null);
        assert_eq!(v["issues"][3]["row"], serde_json::Value::Null);
        assert_eq!(v["issues"][3]["customer_id"], "9");
        assert_eq!(v["totals"]["rows_read"], 4);
        assert_eq!(v["totals"]["accepted"], 2);
        let keys: Vec<&str> = v["issues"][0]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut want = vec![
            "file",
            "row",
            "column",
            "value",
            "severity",
            "reason",
            "customer_id",
        ];
        want.sort();
        let mut keys = keys;
        keys.sort();
        assert_eq!(keys, want);
    }
}
