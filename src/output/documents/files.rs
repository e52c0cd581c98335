//! Where documents go: safe file names (writing is `output::atomic`).

use super::DocumentKind;
use super::identity::Identity;

/// `case-study-CUST-000123.md`, or for an anonymized customer
/// `case-study-anonymous-mid-market-customer-7.md` (no id in it).
pub fn file_name(kind: DocumentKind, who: &Identity) -> String {
    format!("{}-{}.md", kind.slug(), who.file_stem)
}
