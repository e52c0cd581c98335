//! The columns csf knows (SPEC 2.2): canonical names, value kinds, aliases,
//! and how a file's headers are matched to them.
//!
//! Header normalisation (used for every lookup): trim, lowercase, `%` becomes
//! the word `pct`; `$ € £ ¥ #` are dropped; any other run of characters that
//! is not a letter or digit (spaces, hyphens, dots, parentheses, slashes...)
//! becomes one `_`, with none at the ends. So `Accuracy (%)` → `accuracy_pct`,
//! `Latency (ms)` → `latency_ms`, `MRR ($)` → `mrr`, `Days since go-live` →
//! `days_since_go_live`. When that form is unknown, two fallbacks are tried in
//! order: without parenthesised or bracketed parts (`NPS (0-10)` → `nps`), and
//! with the underscores removed (`CustomerID` → `customerid` = `customer_id`).

use crate::portfolio::Metric;

/// What a column's cells hold, and so which parser reads them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    /// The customer key: text, but a numeric cell 1001.0 reads as `1001`.
    Id,
    Text,
    Checkpoint,
    Date,
    /// Any sign: `(1,200)` is -1200.
    Money,
    /// A non-negative amount (GB, ms, calls, tickets, users): negative is a warning.
    Count,
    /// Percent points, 0–100.
    Percent,
    /// A survey score with its valid range.
    Score {
        min: f64,
        max: f64,
    },
    Status,
    Bool,
    Consent,
}

/// Where a column's value goes in a [`crate::portfolio::Snapshot`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    CustomerId,
    Checkpoint,
    SnapshotDate,
    CustomerName,
    Segment,
    Metric(Metric),
    Status,
    CaseStudyPublished,
    TestimonialCollected,
    TestimonialConsent,
}

/// One canonical column of SPEC 2.2.
#[derive(Debug)]
pub struct ColumnSpec {
    pub name: &'static str,
    pub field: Field,
    pub kind: Kind,
    pub required: bool,
    /// Normalised alias forms (see the module comment), canonical name excluded.
    pub aliases: &'static [&'static str],
}

const fn col(
    name: &'static str,
    field: Field,
    kind: Kind,
    aliases: &'static [&'static str],
) -> ColumnSpec {
    ColumnSpec {
        name,
        field,
        kind,
        required: false,
        aliases,
    }
}

const fn required(
    name: &'static str,
    field: Field,
    kind: Kind,
    aliases: &'static [&'static str],
) -> ColumnSpec {
    ColumnSpec {
        name,
        field,
        kind,
        required: true,
        aliases,
    }
}

use Field::Metric as M;

/// Every known column, in SPEC order. An ARR column (`arr`,
/// `annual_recurring_revenue`) is deliberately no alias of `mrr`: it is twelve
/// times larger and would silently inflate every MRR figure.
pub static COLUMNS: &[ColumnSpec] = &[
    required(
        "customer_id",
        Field::CustomerId,
        Kind::Id,
        &[
            "account_id",
            "company_id",
            "record_id",
            "customer",
            "customer_number",
            "account_number",
            "client_id",
            "id",
        ],
    ),
    required(
        "checkpoint",
        Field::Checkpoint,
        Kind::Checkpoint,
        &[
            "stage",
            "milestone",
            "checkpoint_day",
            "checkpoint_days",
            "days_since_go_live",
            "days_since_launch",
            "day",
        ],
    ),
    required(
        "snapshot_date",
        Field::SnapshotDate,
        Kind::Date,
        &[
            "date",
            "as_of",
            "as_of_date",
            "measured_on",
            "measurement_date",
            "snapshot",
            "report_date",
        ],
    ),
    col(
        "customer_name",
        Field::CustomerName,
        Kind::Text,
        &[
            "account_name",
            "company_name",
            "company",
            "client_name",
            "name",
        ],
    ),
    col(
        "segment",
        Field::Segment,
        Kind::Text,
        &[
            "tier",
            "plan",
            "customer_segment",
            "account_segment",
            "account_tier",
        ],
    ),
    col(
        "implementation_cost",
        M(Metric::ImplementationCost),
        Kind::Money,
        &["onboarding_cost", "setup_cost", "implementation_fee"],
    ),
    col(
        "storage_gb",
        M(Metric::StorageGb),
        Kind::Count,
        &["storage", "storage_used_gb"],
    ),
    col(
        "api_calls",
        M(Metric::ApiCalls),
        Kind::Count,
        &[
            "monthly_api_calls",
            "api_call_volume",
            "api_calls_per_month",
        ],
    ),
    col(
        "latency_ms",
        M(Metric::LatencyMs),
        Kind::Count,
        &["avg_latency_ms", "average_latency_ms", "latency"],
    ),
    col(
        "accuracy_pct",
        M(Metric::AccuracyPct),
        Kind::Percent,
        &["accuracy", "accuracy_percent"],
    ),
    col(
        "infrastructure_cost",
        M(Metric::InfrastructureCost),
        Kind::Money,
        &[
            "infra_cost",
            "monthly_infrastructure_cost",
            "monthly_infra_cost",
        ],
    ),
    col(
        "error_rate_pct",
        M(Metric::ErrorRatePct),
        Kind::Percent,
        &["error_rate", "error_rate_percent"],
    ),
    col(
        "support_tickets",
        M(Metric::SupportTickets),
        Kind::Count,
        &["tickets", "ticket_count", "support_ticket_count"],
    ),
    col(
        "mrr",
        M(Metric::Mrr),
        Kind::Money,
        &["monthly_recurring_revenue"],
    ),
    col(
        "expansion_revenue",
        M(Metric::ExpansionRevenue),
        Kind::Money,
        &["expansion", "expansion_mrr"],
    ),
    col(
        "active_users",
        M(Metric::ActiveUsers),
        Kind::Count,
        &["monthly_active_users", "mau"],
    ),
    col(
        "licensed_users",
        M(Metric::LicensedUsers),
        Kind::Count,
        &["seats", "licenses", "licensed_seats"],
    ),
    col("features_used", M(Metric::FeaturesUsed), Kind::Count, &[]),
    col(
        "features_available",
        M(Metric::FeaturesAvailable),
        Kind::Count,
        &[],
    ),
    col(
        "nps",
        M(Metric::Nps),
        Kind::Score {
            min: 0.0,
            max: 10.0,
        },
        &["nps_score", "likelihood_to_recommend", "nps_response"],
    ),
    col(
        "csat",
        M(Metric::Csat),
        Kind::Score { min: 1.0, max: 5.0 },
        &["csat_score", "customer_satisfaction"],
    ),
    col(
        "ces",
        M(Metric::Ces),
        Kind::Score { min: 1.0, max: 7.0 },
        &["ces_score", "customer_effort_score"],
    ),
    col(
        "status",
        Field::Status,
        Kind::Status,
        &[
            "account_status",
            "customer_status",
            "lifecycle",
            "lifecycle_stage",
        ],
    ),
    col(
        "referrals",
        M(Metric::Referrals),
        Kind::Count,
        &["referral_count", "referrals_made"],
    ),
    col(
        "case_study_published",
        Field::CaseStudyPublished,
        Kind::Bool,
        &["case_study"],
    ),
    col(
        "testimonial_collected",
        Field::TestimonialCollected,
        Kind::Bool,
        &["testimonial"],
    ),
    col(
        "testimonial_consent",
        Field::TestimonialConsent,
        Kind::Consent,
        &["consent", "publication_consent"],
    ),
];

/// The header in the form aliases are written in (module comment).
pub fn normalise(header: &str) -> String {
    let mut out = String::with_capacity(header.len());
    let mut gap = false;
    for ch in header.trim().chars() {
        if ch == '%' {
            push_word(&mut out, &mut gap, "pct");
        } else if matches!(ch, '$' | '€' | '£' | '¥' | '#') {
            // Units of money and "number of" add nothing to the name.
        } else if ch.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push('_');
            }
            gap = false;
            out.extend(ch.to_lowercase());
        } else {
            gap = true;
        }
    }
    out
}

fn push_word(out: &mut String, gap: &mut bool, word: &str) {
    if !out.is_empty() {
        out.push('_');
    }
    out.push_str(word);
    *gap = false;
}

/// Longer headers name no known column (the longest alias has 28
/// characters, and a unit in brackets adds a few more). Not looking at them
/// keeps a file whose "header" is a 100 MB line from costing three passes
/// over it per lookup.
const LONGEST_HEADER: usize = 1024;

/// The known column a header names, if any.
pub fn lookup(header: &str) -> Option<&'static ColumnSpec> {
    if header.len() > LONGEST_HEADER {
        return None;
    }
    let norm = normalise(header);
    if let Some(c) = find_exact(&norm) {
        return Some(c);
    }
    let without_brackets = normalise(&strip_brackets(header));
    if !without_brackets.is_empty()
        && let Some(c) = find_exact(&without_brackets)
    {
        return Some(c);
    }
    let squashed = norm.replace('_', "");
    COLUMNS
        .iter()
        .find(|c| names(c).any(|n| n.replace('_', "") == squashed))
}

fn find_exact(norm: &str) -> Option<&'static ColumnSpec> {
    COLUMNS.iter().find(|c| names(c).any(|n| n == norm))
}

fn names(c: &ColumnSpec) -> impl Iterator<Item = &'static str> + '_ {
    std::iter::once(c.name).chain(c.aliases.iter().copied())
}

fn strip_brackets(header: &str) -> String {
    let mut depth = 0u32;
    header
        .chars()
        .filter(|&ch| match ch {
            '(' | '[' => {
                depth += 1;
                false
            }
            ')' | ']' => {
                depth = depth.saturating_sub(1);
                false
            }
            _ => depth == 0,
        })
        .collect()
}

/// A header row, as opposed to a title line above it: at least two known
/// columns, one of them required. Given to the input reader.
pub fn looks_like_header(cells: &[String]) -> bool {
    let known: Vec<&ColumnSpec> = cells.iter().filter_map(|h| lookup(h)).collect();
    known.len() >= 2 && known.iter().any(|c| c.required)
}

/// How one file's headers map onto the known columns.
#[derive(Debug, Default)]
pub struct ColumnMap {
    /// Per known column read: its position in the row and its header as written.
    pub columns: Vec<MappedColumn>,
    /// Headers matching no known column (empty headers left out).
    pub unknown: Vec<String>,
    /// Headers naming a column already mapped: (position, header, canonical).
    pub duplicates: Vec<(usize, String, &'static str)>,
}

#[derive(Debug, Clone)]
pub struct MappedColumn {
    pub index: usize,
    pub header: String,
    pub spec: &'static ColumnSpec,
}

impl ColumnMap {
    /// Map headers left to right; the first header naming a column wins.
    pub fn new(headers: &[String]) -> Self {
        let mut map = ColumnMap::default();
        for (index, header) in headers.iter().enumerate() {
            let Some(spec) = lookup(header) else {
                if !header.trim().is_empty() {
                    map.unknown.push(header.trim().to_string());
                }
                continue;
            };
            if map.columns.iter().any(|m| m.spec.field == spec.field) {
                map.duplicates
                    .push((index, header.trim().to_string(), spec.name));
            } else {
                map.columns.push(MappedColumn {
                    index,
                    header: header.trim().to_string(),
                    spec,
                });
            }
        }
        map
    }

    pub fn get(&self, field: Field) -> Option<&MappedColumn> {
        self.columns.iter().find(|m| m.spec.field == field)
    }

    /// The first required column with no header, if any.
    pub fn missing_required(&self) -> Option<&'static ColumnSpec> {
        COLUMNS
            .iter()
            .filter(|c| c.required)
            .find(|c| self.get(c.field).is_none())
    }
}

/// `"a", "b", "c"` for error messages.
pub fn quoted_list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    items
        .into_iter()
        .map(|s| format!("{s:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Headers shown in an error message: the first [`HEADERS_SHOWN`], each cut
/// to [`HEADER_CHARS_SHOWN`] characters, and how many more there are. A
/// binary file read as text, or a one-line 100 MB file, would otherwise
/// make a message as large as the file.
pub fn headers_for_message(headers: &[String]) -> String {
    let shown = headers.iter().take(HEADERS_SHOWN).map(|h| {
        let h = h.trim();
        match h.char_indices().nth(HEADER_CHARS_SHOWN) {
            Some((cut, _)) => format!("{:?}…", &h[..cut]),
            None => format!("{h:?}"),
        }
    });
    let mut list = shown.collect::<Vec<_>>().join(", ");
    if headers.len() > HEADERS_SHOWN {
        list.push_str(&format!(" and {} more", headers.len() - HEADERS_SHOWN));
    }
    list
}

const HEADERS_SHOWN: usize = 30;
const HEADER_CHARS_SHOWN: usize = 60;

/// The accepted names of a column, for the missing-column error.
pub fn accepted_names(spec: &ColumnSpec) -> String {
    quoted_list(names(spec))
}

#[cfg(test)]
mod tests;
