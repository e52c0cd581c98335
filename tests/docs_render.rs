//! Each document kind rendered from hand-built customers (see docs_support):
//! snapshots checked by hand, plus the consent and "not measured" rules.

mod docs_support;

use csf::output::documents::{DocumentKind, Templates};
use docs_support::{acme, context, heron};

fn render(kind: DocumentKind, ctx: &csf::output::documents::DocumentContext) -> String {
    Templates::load(None).unwrap().render(kind, ctx).unwrap()
}

#[test]
fn public_customer_documents() {
    // Acme as of its day-90 row, NPV on at 10 %.
    let ctx = context(&acme(), "2025-04-06", 0.10, 1);
    insta::assert_snapshot!("case_study_public", render(DocumentKind::CaseStudy, &ctx));
    insta::assert_snapshot!("roi_report_public", render(DocumentKind::RoiReport, &ctx));
    insta::assert_snapshot!(
        "testimonial_request_public",
        render(DocumentKind::TestimonialRequest, &ctx)
    );
}

#[test]
fn anonymous_customer_documents() {
    // Heron as of 2025-03-20: day 60 (2025-03-16) reached, no testimonial yet.
    let ctx = context(&heron(), "2025-03-20", 0.0, 2);
    insta::assert_snapshot!(
        "case_study_anonymous",
        render(DocumentKind::CaseStudy, &ctx)
    );
    insta::assert_snapshot!(
        "roi_report_anonymous",
        render(DocumentKind::RoiReport, &ctx)
    );
    insta::assert_snapshot!(
        "testimonial_request_anonymous",
        render(DocumentKind::TestimonialRequest, &ctx)
    );
}
