//! `csf docs`: case studies, ROI reports and testimonial requests for one
//! customer or all of them, one Markdown file per customer and kind.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use rayon::prelude::*;

use super::progress::rows_progress;
use super::{UsageError, exit};
use crate::cli::{DocKind, DocsArgs};
use crate::figures::assumptions::{self, AssumptionsError, AssumptionsUsed, RateOverrides};
use crate::figures::customer::customer_figures;
use crate::intake::read_inputs;
use crate::output::atomic::write_atomically;
use crate::output::documents::{
    DocumentKind, Identity, TemplateSource, Templates, build_context, context_value,
};
use crate::portfolio::{Customer, Portfolio};

pub fn run(args: DocsArgs) -> anyhow::Result<u8> {
    let progress = rows_progress(args.quiet);
    let intake = read_inputs(&args.intake.inputs, &(&args.intake).into(), &progress)?;
    progress.finish_and_clear();
    let rejected = intake.ledger.total().rejected;
    let portfolio = Portfolio::from_snapshots(intake.snapshots);
    let Some((_, last_date)) = portfolio.date_range() else {
        bail!("no accepted rows in the inputs: no documents to write");
    };
    let as_of = args.as_of.unwrap_or(last_date);
    let rates = resolve_rates(&RateOverrides::from(&args.rates))?;
    let templates = Templates::load(args.templates.as_deref())?;
    let kinds: Vec<DocumentKind> = match args.kind {
        DocKind::CaseStudy => vec![DocumentKind::CaseStudy],
        DocKind::RoiReport => vec![DocumentKind::RoiReport],
        DocKind::TestimonialRequest => vec![DocumentKind::TestimonialRequest],
        DocKind::All => DocumentKind::ALL.to_vec(),
    };

    let selected = select(&portfolio, args.customer.as_deref(), as_of)?;
    let stems = file_stems(&selected);
    std::fs::create_dir_all(&args.output)
        .with_context(|| format!("{}: cannot create the output folder", args.output.display()))?;

    // Render and write in parallel; results come back in portfolio order.
    let written: Vec<Vec<PathBuf>> = selected
        .par_iter()
        .zip(&stems)
        .map(|(&(ordinal, c), stem)| {
            write_customer(
                c,
                ordinal,
                stem,
                &kinds,
                &templates,
                &rates,
                as_of,
                &args.output,
            )
        })
        .collect::<anyhow::Result<_>>()?;

    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    for path in written.iter().flatten() {
        writeln!(stdout, "{}", path.display())?;
    }
    stdout.flush()?;
    drop(stdout);
    if !args.quiet {
        let anonymized = selected
            .iter()
            .filter(|(i, c)| Identity::of(c, *i).anonymized)
            .count();
        eprintln!(
            "{}",
            summary(
                &args,
                &templates,
                &kinds,
                written.len(),
                anonymized,
                rejected,
                as_of
            ) + &skipped_note(&portfolio, selected.len(), args.customer.is_none())
        );
    }
    Ok(exit::OK)
}

/// The customers to write for, with their 1-based position in the portfolio.
fn select<'p>(
    portfolio: &'p Portfolio,
    id: Option<&str>,
    as_of: chrono::NaiveDate,
) -> anyhow::Result<Vec<(usize, &'p Customer)>> {
    let Some(id) = id else {
        // Customers that start after --as-of have nothing to tell yet.
        return Ok(portfolio
            .customers
            .iter()
            .enumerate()
            .map(|(i, c)| (i + 1, c))
            .filter(|(_, c)| c.as_of(as_of).is_some())
            .collect());
    };
    let Some(i) = portfolio.customers.iter().position(|c| c.id == id) else {
        let matches = close_matches(id, portfolio.customers.iter().map(|c| c.id.as_str()));
        let hint = if matches.is_empty() {
            format!(
                "no id is close; the inputs have {} customers",
                portfolio.customers.len()
            )
        } else {
            format!("did you mean {}?", matches.join(", "))
        };
        return Err(UsageError(format!("unknown customer {id:?}: {hint}")).into());
    };
    let c = &portfolio.customers[i];
    if c.as_of(as_of).is_none() {
        return Err(UsageError(format!(
            "customer {id:?} has no row dated on or before --as-of {as_of} (its first row is dated {})",
            c.start_date()
        ))
        .into());
    }
    Ok(vec![(i + 1, c)])
}

/// File-name stems, unique in the run even on a case-insensitive file
/// system or when two ids sanitize alike.
fn file_stems(selected: &[(usize, &Customer)]) -> Vec<String> {
    let mut taken = HashSet::new();
    selected
        .iter()
        .map(|&(ordinal, c)| {
            let base = Identity::of(c, ordinal).file_stem;
            let mut stem = base.clone();
            let mut n = 2;
            while !taken.insert(stem.to_lowercase()) {
                stem = format!("{base}-{n}");
                n += 1;
            }
            stem
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn write_customer(
    c: &Customer,
    ordinal: usize,
    stem: &str,
    kinds: &[DocumentKind],
    templates: &Templates,
    rates: &AssumptionsUsed,
    as_of: chrono::NaiveDate,
    dir: &Path,
) -> anyhow::Result<Vec<PathBuf>> {
    let figures = customer_figures(c, &rates.values);
    let context = build_context(c, &figures, rates, as_of, ordinal)
        .expect("selected customers have a row on or before as-of");
    let context = context_value(&context);
    kinds
        .iter()
        .map(|&kind| {
            let text = templates.render_value(kind, &context)?;
            let path = dir.join(format!("{}-{stem}.md", kind.slug()));
            write_atomically(&path, text.as_bytes())
                .with_context(|| format!("{}: cannot write the document", path.display()))?;
            Ok(path)
        })
        .collect()
}

/// A bad value in the rates is the user's to fix (exit 2); an unreadable
/// file is an I/O error (exit 1).
fn resolve_rates(overrides: &RateOverrides) -> anyhow::Result<AssumptionsUsed> {
    assumptions::resolve(overrides).map_err(|e| match e {
        AssumptionsError::Io { .. } => anyhow::Error::new(e),
        other => UsageError(other.to_string()).into(),
    })
}

fn summary(
    args: &DocsArgs,
    templates: &Templates,
    kinds: &[DocumentKind],
    customers: usize,
    anonymized: usize,
    rejected: u64,
    as_of: chrono::NaiveDate,
) -> String {
    let overridden: Vec<&str> = DocumentKind::ALL
        .into_iter()
        .filter(|k| matches!(templates.source(*k), TemplateSource::File(_)))
        .map(DocumentKind::template_file)
        .collect();
    let template_note = match (&args.templates, overridden.is_empty()) {
        (None, _) => "built-in templates".to_string(),
        (Some(dir), true) => format!(
            "built-in templates ({} has none of {}, {}, {})",
            dir.display(),
            DocumentKind::CaseStudy.template_file(),
            DocumentKind::RoiReport.template_file(),
            DocumentKind::TestimonialRequest.template_file()
        ),
        (Some(dir), false) => format!(
            "templates from {} ({}), the others built in",
            dir.display(),
            overridden.join(", ")
        ),
    };
    let mut s = format!(
        "csf docs: wrote {} for {} ({anonymized} anonymized) to {} as of {as_of}, with {template_note}.",
        count(customers * kinds.len(), "document"),
        count(customers, "customer"),
        args.output.display(),
    );
    if rejected > 0 {
        s += &format!(
            " {} rejected; `csf validate` lists them.",
            count(rejected as usize, "input row was")
        );
    }
    s
}

fn skipped_note(portfolio: &Portfolio, selected: usize, all: bool) -> String {
    let skipped = portfolio.customers.len() - selected;
    if all && skipped > 0 {
        format!(
            " Skipped {} that start after the as-of date.",
            count(skipped, "customer")
        )
    } else {
        String::new()
    }
}

/// `1 document`, `3 documents`; `1 input row was`, `2 input rows were`.
fn count(n: usize, one: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else if let Some(stem) = one.strip_suffix(" was") {
        format!("{n} {stem}s were")
    } else {
        format!("{n} {one}s")
    }
}

/// Ids close to an unknown one, nearest first: the same id in another case,
/// then by edit distance (case-insensitive), keeping ids within a few edits
/// and ids it is a prefix of (or that are a prefix of it). At most 5.
fn close_matches<'a>(wanted: &str, ids: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let wanted = wanted.to_lowercase();
    let limit = (wanted.chars().count() / 3).max(2);
    let mut ranked: Vec<(usize, &str)> = ids
        .filter_map(|id| {
            let lower = id.to_lowercase();
            let d = edit_distance(&lower, &wanted);
            let prefix = lower.starts_with(&wanted) || wanted.starts_with(&lower);
            (d <= limit || prefix).then_some((d, id))
        })
        .collect();
    ranked.sort();
    ranked.into_iter().take(5).map(|(_, id)| id).collect()
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, &cb) in b.iter().enumerate() {
            let substitute = prev[j] + usize::from(ca != cb);
            cur[j + 1] = substitute.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_single_character_edits() {
        assert_eq!(edit_distance("kitten", "sitting"), 3); // k→s, e→i, +g
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("cust-1", "cust-1"), 0);
    }

    #[test]
    fn close_matches_rank_by_edits_with_case_ignored() {
        let ids = [
            "CUST-000123",
            "CUST-000124",
            "CUST-001123",
            "ACME-1",
            "cust-00012",
            "CUST-0001234567",
        ];
        // Case alone differs: 0 edits. Then one edit each: "cust-00012"
        // (drop the 3), "CUST-000124" (3→4), "CUST-001123" (0→1), sorted by
        // id ("CUST…" before "cust…"). "CUST-0001234567" is 4 edits away,
        // beyond the limit of 11 / 3 = 3, but starts with the wanted id.
        assert_eq!(
            close_matches("cust-000123", ids.into_iter()),
            vec![
                "CUST-000123",
                "CUST-000124",
                "CUST-001123",
                "cust-00012",
                "CUST-0001234567"
            ]
        );
        // A missing digit: "CUST-000012"-style ids one insertion away come
        // before longer ids that merely start with it.
        let ids = ["CUST-000010", "CUST-000001", "CUST-000011", "CUST-000100"];
        assert_eq!(
            close_matches("CUST-00001", ids.into_iter()),
            vec!["CUST-000001", "CUST-000010", "CUST-000011", "CUST-000100"]
        );
        assert!(close_matches("zzz", ids.into_iter()).is_empty());
    }
}
