use super::*;

fn name_of(header: &str) -> Option<&'static str> {
    lookup(header).map(|c| c.name)
}

#[test]
fn normalisation_folds_case_spaces_hyphens_dots_and_units() {
    assert_eq!(normalise("  Account ID "), "account_id");
    assert_eq!(normalise("Days since go-live"), "days_since_go_live");
    assert_eq!(normalise("as.of"), "as_of");
    assert_eq!(normalise("api -- calls"), "api_calls");
    assert_eq!(normalise("Accuracy (%)"), "accuracy_pct");
    assert_eq!(normalise("Error rate %"), "error_rate_pct");
    assert_eq!(normalise("MRR ($)"), "mrr");
    assert_eq!(normalise("# Support tickets"), "support_tickets");
    assert_eq!(normalise("Latency (ms)"), "latency_ms");
}

#[test]
fn spec_aliases_and_crm_spellings_map_to_their_columns() {
    let cases = [
        ("Account ID", "customer_id"),
        ("Record ID", "customer_id"),
        ("company_id", "customer_id"),
        ("Customer", "customer_id"),
        ("CustomerID", "customer_id"),
        ("Stage", "checkpoint"),
        ("Days since go-live", "checkpoint"),
        ("checkpoint-day", "checkpoint"),
        ("Date", "snapshot_date"),
        ("As of", "snapshot_date"),
        ("SnapshotDate", "snapshot_date"),
        ("Company name", "customer_name"),
        ("Account Name", "customer_name"),
        ("Tier", "segment"),
        ("Onboarding cost", "implementation_cost"),
        ("Storage (GB)", "storage_gb"),
        ("Monthly API calls", "api_calls"),
        ("Avg latency (ms)", "latency_ms"),
        ("Accuracy %", "accuracy_pct"),
        ("Accuracy", "accuracy_pct"),
        ("Infra cost", "infrastructure_cost"),
        ("Error rate (%)", "error_rate_pct"),
        ("Tickets", "support_tickets"),
        ("Monthly recurring revenue", "mrr"),
        ("MRR ($)", "mrr"),
        ("Expansion", "expansion_revenue"),
        ("Seats", "licensed_users"),
        ("Likelihood to recommend", "nps"),
        ("NPS (0-10)", "nps"),
        ("CSAT score", "csat"),
        ("Customer effort score", "ces"),
        ("Lifecycle stage", "status"),
        ("Account status", "status"),
        ("Referral count", "referrals"),
        ("Case study published", "case_study_published"),
        ("Consent", "testimonial_consent"),
    ];
    for (header, want) in cases {
        assert_eq!(name_of(header), Some(want), "{header}");
    }
}

#[test]
fn arr_is_not_mrr_and_unknown_headers_stay_unknown() {
    assert_eq!(name_of("ARR"), None);
    assert_eq!(name_of("Annual recurring revenue"), None);
    assert_eq!(name_of("Owner"), None);
    assert_eq!(name_of(""), None);
    assert_eq!(name_of("(%)"), None);
}

#[test]
fn no_two_columns_share_a_name_even_squashed() {
    let mut seen = std::collections::HashMap::new();
    for c in COLUMNS {
        for n in names(c) {
            assert_eq!(normalise(n), n, "alias {n} is not in normal form");
            let squashed = n.replace('_', "");
            if let Some(other) = seen.insert(squashed.clone(), c.name) {
                panic!("{squashed} names both {other} and {}", c.name);
            }
        }
    }
}

#[test]
fn first_header_wins_and_later_ones_are_duplicates() {
    let headers: Vec<String> = ["Account ID", "customer_id", "Date", "Stage", "ARR", ""]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let map = ColumnMap::new(&headers);
    assert_eq!(map.get(Field::CustomerId).unwrap().index, 0);
    assert_eq!(map.get(Field::CustomerId).unwrap().header, "Account ID");
    assert_eq!(
        map.duplicates,
        vec![(1, "customer_id".into(), "customer_id")]
    );
    assert_eq!(map.unknown, vec!["ARR".to_string()]);
    assert!(map.missing_required().is_none());
}

#[test]
fn missing_required_column_is_named() {
    let headers = vec!["customer_id".to_string(), "date".to_string()];
    let map = ColumnMap::new(&headers);
    assert_eq!(map.missing_required().unwrap().name, "checkpoint");
}

#[test]
fn header_detection_needs_two_known_columns_one_required() {
    let row = |cells: &[&str]| cells.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert!(looks_like_header(&row(&["Account ID", "Stage", "x"])));
    assert!(!looks_like_header(&row(&[
        "Customer success export",
        "",
        ""
    ])));
    // Two known but optional columns: a title like "Name / Tier" is not a header.
    assert!(!looks_like_header(&row(&["Name", "Tier"])));
    assert!(!looks_like_header(&row(&["customer_id"])));
}

#[test]
fn a_header_too_long_for_any_name_is_not_looked_at() {
    // "nps" inside brackets-stripped text would match: the length guard is
    // what makes this None. 1025 bytes = 1 over LONGEST_HEADER.
    let long = format!("nps ({})", "x".repeat(1019));
    assert_eq!(long.len(), 1025);
    assert_eq!(name_of(&long), None);
    let just_fits = format!("nps ({})", "x".repeat(1018));
    assert_eq!(name_of(&just_fits), Some("nps"));
}

#[test]
fn error_messages_show_at_most_30_headers_of_60_characters() {
    let mut headers: Vec<String> = (1..=32).map(|i| format!("h{i}")).collect();
    headers[0] = "y".repeat(100);
    let list = headers_for_message(&headers);
    // The first header cut to 60 characters, h2..h30 in full, then 32 - 30 = 2 more.
    let expected_start = format!("\"{}\"…, \"h2\", ", "y".repeat(60));
    assert!(list.starts_with(&expected_start), "{list}");
    assert!(list.ends_with("\"h30\" and 2 more"), "{list}");
    assert!(!list.contains("h31"));
    assert_eq!(
        headers_for_message(&["a".into(), "b".into()]),
        "\"a\", \"b\""
    );
}
