//! Who a document may say the customer is (SPEC 6 consent).
//!
//! `public` consent names the customer. `anonymous`, `none` or no consent at
//! all replace the name and the id by a description from the segment. The
//! anonymized identity is built only from fixed words, so no name, id or
//! free-text segment of the customer can reach a document or a file name.

use crate::portfolio::{Consent, Customer};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identity {
    /// False only with public consent.
    pub anonymized: bool,
    /// The company name, or `a mid-market customer`.
    pub name: String,
    /// The customer id, or `withheld`.
    pub id: String,
    /// The segment as reported, or its generic word when anonymized
    /// (`mid-market`); `not reported` without one.
    pub segment: String,
    /// `a mid-market customer`: how the segment describes any customer in it.
    pub description: String,
    /// File-name part: the sanitized id, or `anonymous-mid-market-customer-7`.
    pub file_stem: String,
}

/// The generic segments csf knows how to describe.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SegmentKind {
    Enterprise,
    MidMarket,
    SmallBusiness,
}

impl Identity {
    /// `ordinal` (1-based position in the portfolio) numbers anonymized file
    /// names: stable for the same input, unique in a run, and unrelated to
    /// the id.
    pub fn of(c: &Customer, ordinal: usize) -> Identity {
        let kind = c.segment.as_deref().and_then(segment_kind);
        let description = match kind {
            Some(SegmentKind::Enterprise) => "an enterprise customer",
            Some(SegmentKind::MidMarket) => "a mid-market customer",
            Some(SegmentKind::SmallBusiness) => "a small-business customer",
            None => "a customer",
        }
        .to_string();
        if c.consent == Some(Consent::Public) {
            let name = c.name.clone().unwrap_or_else(|| c.id.clone());
            return Identity {
                anonymized: false,
                name,
                id: c.id.clone(),
                segment: c.segment.clone().unwrap_or_else(|| "not reported".into()),
                description,
                file_stem: sanitize(&c.id).unwrap_or_else(|| format!("customer-{ordinal}")),
            };
        }
        let segment = match kind {
            Some(SegmentKind::Enterprise) => "enterprise",
            Some(SegmentKind::MidMarket) => "mid-market",
            Some(SegmentKind::SmallBusiness) => "small business",
            None => "not disclosed",
        };
        let stem = description
            .trim_start_matches("an ")
            .trim_start_matches("a ")
            .replace(' ', "-");
        Identity {
            anonymized: true,
            name: description.clone(),
            id: "withheld".into(),
            segment: segment.into(),
            file_stem: format!("anonymous-{stem}-{ordinal}"),
            description,
        }
    }
}

/// Map the segment words CRMs use onto csf's three generic segments.
fn segment_kind(segment: &str) -> Option<SegmentKind> {
    let folded: String = segment
        .to_lowercase()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    // Short codes must match whole; words may carry a suffix ("Mid-Market",
    // "Enterprise Tier 1").
    let is = |codes: &[&str], words: &[&str]| {
        codes.contains(&folded.as_str()) || words.iter().any(|w| folded.starts_with(w))
    };
    if is(
        &["ent", "ee", "large"],
        &["enterprise", "strategic", "global"],
    ) {
        Some(SegmentKind::Enterprise)
    } else if is(
        &["mm", "mid"],
        &["midmarket", "midsize", "medium", "commercial"],
    ) {
        Some(SegmentKind::MidMarket)
    } else if is(
        &["smb", "sb", "small"],
        &["smallbusiness", "startup", "small"],
    ) {
        Some(SegmentKind::SmallBusiness)
    } else {
        None
    }
}

/// An ASCII file-name part: letters, digits, `-` and `_` only (no path
/// separators, no dots, so no `..`), at most 80 characters; None when nothing
/// usable is left.
pub fn sanitize(text: &str) -> Option<String> {
    let mut out = String::new();
    for ch in text.chars() {
        if ch.is_ascii_alphanumeric() || ch == '_' {
            out.push(ch);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out: String = out.trim_matches('-').chars().take(80).collect();
    let out = out.trim_end_matches('-').to_string();
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::portfolio::Snapshot;
    use chrono::NaiveDate;

    fn customer(id: &str, name: &str, segment: Option<&str>, consent: Option<Consent>) -> Customer {
        let mut s = Snapshot::new(id, 0, NaiveDate::from_ymd_opt(2025, 1, 1).unwrap());
        s.customer_name = Some(name.into());
        s.segment = segment.map(String::from);
        s.consent = consent;
        Customer::from_rows(vec![s])
    }

    #[test]
    fn public_consent_names_the_customer() {
        let c = customer(
            "CUST-1",
            "Acme Corp",
            Some("Enterprise"),
            Some(Consent::Public),
        );
        let i = Identity::of(&c, 3);
        assert!(!i.anonymized);
        assert_eq!(i.name, "Acme Corp");
        assert_eq!(i.id, "CUST-1");
        assert_eq!(i.segment, "Enterprise");
        assert_eq!(i.file_stem, "CUST-1");
    }

    #[test]
    fn anonymous_or_missing_consent_describes_by_segment() {
        let cases = [
            (
                Some("Mid-Market"),
                Some(Consent::Anonymous),
                "a mid-market customer",
                "anonymous-mid-market-customer-4",
            ),
            (
                Some("ENT"),
                Some(Consent::None),
                "an enterprise customer",
                "anonymous-enterprise-customer-4",
            ),
            (
                Some("SMB"),
                None,
                "a small-business customer",
                "anonymous-small-business-customer-4",
            ),
            (
                Some("Acme partners"),
                None,
                "a customer",
                "anonymous-customer-4",
            ),
            (
                None,
                Some(Consent::Anonymous),
                "a customer",
                "anonymous-customer-4",
            ),
        ];
        for (segment, consent, description, stem) in cases {
            let i = Identity::of(&customer("CUST-9", "Acme Corp", segment, consent), 4);
            assert!(i.anonymized);
            assert_eq!(i.name, description, "{segment:?}");
            assert_eq!(i.id, "withheld");
            assert_eq!(i.file_stem, stem);
            // A free-text segment is never echoed: it could name the customer.
            assert!(!i.segment.to_lowercase().contains("acme"));
        }
    }

    #[test]
    fn sanitized_file_parts_cannot_leave_the_folder() {
        assert_eq!(sanitize("CUST-000123").as_deref(), Some("CUST-000123"));
        assert_eq!(sanitize("../../etc/passwd").as_deref(), Some("etc-passwd"));
        assert_eq!(sanitize("a/b\\c").as_deref(), Some("a-b-c"));
        assert_eq!(sanitize("Café #1").as_deref(), Some("Caf-1"));
        assert_eq!(sanitize("...").as_deref(), None);
        assert_eq!(sanitize(&"x".repeat(200)).map(|s| s.len()), Some(80));
    }

    proptest::proptest! {
        #[test]
        fn file_parts_are_always_safe(text in "\\PC{0,120}") {
            if let Some(part) = sanitize(&text) {
                proptest::prop_assert!(part.len() <= 80);
                proptest::prop_assert!(part.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
                proptest::prop_assert!(!part.starts_with('-') && !part.ends_with('-'));
            }
        }

        #[test]
        fn an_anonymized_identity_holds_no_trace_of_name_or_id(
            id in "[A-Za-z]{2,6}-[0-9]{3,8}",
            name in "[A-Z][a-z]{2,10} [A-Z][a-z]{2,10} [0-9]{1,3}",
            segment in proptest::option::of("[A-Za-z -]{0,20}"),
            none in proptest::bool::ANY,
        ) {
            let consent = if none { None } else { Some(Consent::Anonymous) };
            let c = customer(&id, &name, segment.as_deref(), consent);
            let i = Identity::of(&c, 9);
            let all = format!("{}|{}|{}|{}|{}", i.name, i.id, i.segment, i.description, i.file_stem)
                .to_lowercase();
            proptest::prop_assert!(i.anonymized);
            proptest::prop_assert!(!all.contains(&id.to_lowercase()));
            proptest::prop_assert!(!all.contains(&name.to_lowercase()));
        }
    }
}
