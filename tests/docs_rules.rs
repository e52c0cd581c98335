//! The document rules: consent (no name or id in an anonymized document),
//! "not measured" for missing figures, and template errors that point to the
//! template file and line.

mod docs_support;

use csf::output::documents::{DocumentKind, Identity, Templates, file_name};
use docs_support::{acme, cobalt, context, heron};

fn render_all(ctx: &csf::output::documents::DocumentContext) -> Vec<(DocumentKind, String)> {
    let t = Templates::load(None).unwrap();
    DocumentKind::ALL
        .into_iter()
        .map(|k| (k, t.render(k, ctx).unwrap()))
        .collect()
}

#[test]
fn anonymized_documents_never_contain_the_name_or_id() {
    // Heron: consent anonymous; Cobalt: no consent at all.
    for (customer, name, id, ordinal) in [
        (heron(), "Blue Heron Logistics", "CUST-000456", 2),
        (cobalt(), "Cobalt Works", "CUST-000789", 3),
    ] {
        let ctx = context(&customer, "2025-03-20", 0.10, ordinal);
        assert!(ctx.anonymized);
        // Structural: the context itself holds neither.
        let json = serde_json::to_string(&ctx).unwrap().to_lowercase();
        for secret in [
            name.to_lowercase(),
            id.to_lowercase(),
            "heron".into(),
            "cobalt".into(),
        ] {
            assert!(!json.contains(&secret), "context leaks {secret}");
        }
        for (kind, doc) in render_all(&ctx) {
            let lower = doc.to_lowercase();
            for secret in [name, id, "Heron", "Cobalt", &id[5..]] {
                assert!(
                    !lower.contains(&secret.to_lowercase()),
                    "{kind:?} leaks {secret}:\n{doc}"
                );
            }
            assert!(doc.contains("**Anonymized.**"), "{kind:?} must say so");
            let file = file_name(kind, &Identity::of(&customer, ordinal));
            assert!(!file.to_lowercase().contains(&id.to_lowercase()), "{file}");
            assert!(!file.contains(&id[5..]), "{file}");
        }
    }
}

#[test]
fn anonymized_descriptions_and_file_names_follow_the_segment() {
    let ctx = context(&heron(), "2025-03-20", 0.0, 2);
    assert_eq!(ctx.customer.name, "a mid-market customer");
    assert_eq!(ctx.customer.id, "withheld");
    assert_eq!(
        file_name(DocumentKind::CaseStudy, &Identity::of(&heron(), 2)),
        "case-study-anonymous-mid-market-customer-2.md"
    );
    let ctx = context(&cobalt(), "2025-03-20", 0.0, 3);
    assert_eq!(ctx.customer.name, "a customer");
    // Consent none: the case study must also say it cannot be published.
    let case_study = &render_all(&ctx)[0].1;
    assert!(case_study.contains("keep this draft internal"));
    assert!(case_study.contains("has not consented"));
}

#[test]
fn public_documents_name_the_customer() {
    let ctx = context(&acme(), "2025-04-06", 0.0, 1);
    assert!(!ctx.anonymized);
    for (kind, doc) in render_all(&ctx) {
        assert!(doc.contains("Acme Analytics"), "{kind:?}");
        assert!(!doc.contains("Anonymized"), "{kind:?}");
    }
    assert_eq!(
        file_name(DocumentKind::RoiReport, &Identity::of(&acme(), 1)),
        "roi-report-CUST-000123.md"
    );
}

#[test]
fn missing_figures_read_not_measured() {
    // Cobalt has rows but no metric and no implementation cost.
    let ctx = context(&cobalt(), "2025-03-20", 0.10, 3);
    for (kind, doc) in render_all(&ctx) {
        // "none" is a consent value; anywhere else it would be a None printed.
        let doc = doc.replace("Testimonial consent: none.", "");
        for word in doc.split(|c: char| !c.is_alphanumeric()) {
            let bad = ["None", "none", "null", "NaN", "nan", "inf", "undefined"];
            assert!(!bad.contains(&word), "{kind:?} contains {word:?}:\n{doc}");
        }
        for bad in [" .", ": .", ":  ", "| |", "|  |", "()"] {
            assert!(!doc.contains(bad), "{kind:?} contains {bad:?}:\n{doc}");
        }
        // No "$0" stands for a missing amount: the only one allowed is in the
        // explanation of payback ($0.10 and $0.05 are rates).
        let without_rule = doc.replace("savings\n  are $0 or less", "");
        for (at, _) in without_rule.match_indices("$0") {
            assert_eq!(
                &without_rule[at + 2..at + 3],
                ".",
                "{kind:?} shows $0:\n{doc}"
            );
        }
        if kind != DocumentKind::TestimonialRequest {
            assert!(doc.contains("not measured"), "{kind:?}");
        }
    }
    let roi = &render_all(&ctx)[1].1;
    assert!(
        roi.contains("| **Monthly savings** | **not measured** |"),
        "{roi}"
    );
    assert!(roi.contains("| Payback | not measured |"), "{roi}");
    assert!(
        roi.contains("| NPV at 10.0% a year | not measured |"),
        "{roi}"
    );
    assert!(roi.contains("ROI cannot be computed yet: no metric needed for savings"));
    let email = &render_all(&ctx)[2].1;
    assert!(email.contains("still collecting your first measurements"));
}

#[test]
fn a_template_override_replaces_only_its_own_kind() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("ROI_REPORT_TEMPLATE.md"),
        "Savings for {{ customer.name }}: {{ roi.monthly_savings }} ({{ roi.monthly_savings_value }})\n",
    )
    .unwrap();
    let t = Templates::load(Some(dir.path())).unwrap();
    let ctx = context(&acme(), "2025-04-06", 0.0, 1);
    // $2,310 worked out in docs_support: 90 + 180 + 540 + 1,500.
    assert_eq!(
        t.render(DocumentKind::RoiReport, &ctx).unwrap(),
        "Savings for Acme Analytics: $2,310 (2310.0)\n"
    );
    assert!(
        t.render(DocumentKind::CaseStudy, &ctx)
            .unwrap()
            .starts_with("# Case study: Acme")
    );
}

#[test]
fn an_unknown_variable_names_the_template_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("CASE_STUDY_TEMPLATE.md");
    std::fs::write(
        &path,
        "# {{ customer.name }}\n\nSavings: {{ roi.monthly_savigns }}\n",
    )
    .unwrap();
    let t = Templates::load(Some(dir.path())).unwrap();
    let err = t
        .render(
            DocumentKind::CaseStudy,
            &context(&acme(), "2025-04-06", 0.0, 1),
        )
        .unwrap_err()
        .to_string();
    assert!(err.starts_with(&format!("{}:3: ", path.display())), "{err}");
    assert!(err.contains("undefined"), "{err}");
}

#[test]
fn bad_syntax_names_the_template_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("TESTIMONIAL_REQUEST.md");
    std::fs::write(
        &path,
        "Hello\n{% if testimonial.collected %}\nno endif\n{{ }}\n",
    )
    .unwrap();
    let err = Templates::load(Some(dir.path()))
        .err()
        .expect("syntax error")
        .to_string();
    assert!(err.starts_with(&path.display().to_string()), "{err}");
    assert!(err.contains(":4: syntax error"), "{err}");
}

#[test]
fn a_missing_templates_folder_is_an_error() {
    let err = Templates::load(Some(std::path::Path::new("/no/such/dir")))
        .err()
        .expect("error")
        .to_string();
    assert!(err.contains("/no/such/dir"), "{err}");
}

#[test]
fn a_churned_customer_is_not_asked_for_a_testimonial() {
    let mut c = heron();
    c.snapshots[1].status = Some(csf::portfolio::Status::Churned);
    let ctx = context(&c, "2025-03-20", 0.0, 2);
    assert_eq!(ctx.checklist.summary, "none: the customer has churned");
    let docs = render_all(&ctx);
    assert!(
        docs[0]
            .1
            .contains("No testimonial was collected before the customer churned.")
    );
    assert!(!docs[0].1.contains("still to be collected"));
    assert!(
        docs[0]
            .1
            .contains("day 30. Monthly savings: $220; net ROI: -47.2%. The customer churned.")
    );
    assert!(
        docs[2]
            .1
            .contains("**The customer has churned** (latest row 2025-02-14)")
    );
}
