//! `csf docs --all-customers --kind all` over the shipped sample portfolio:
//! every document renders, and no anonymized document names its customer.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use csf::intake::{IntakeOptions, read_inputs};
use csf::output::documents::{DocumentKind, Identity, file_name};
use csf::portfolio::Portfolio;

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/portfolio.csv")
}

#[test]
fn every_sample_customer_gets_every_document_without_leaks() {
    let input = sample();
    assert!(input.is_file(), "{} is missing", input.display());
    let out = tempfile::tempdir().unwrap();
    Command::cargo_bin("csf")
        .unwrap()
        .arg("docs")
        .arg(&input)
        .args(["--all-customers", "--kind", "all", "--quiet", "-o"])
        .arg(out.path())
        .assert()
        .success();

    let intake = read_inputs(
        &[input],
        &IntakeOptions::default(),
        &indicatif::ProgressBar::hidden(),
    )
    .unwrap();
    let portfolio = Portfolio::from_snapshots(intake.snapshots);
    let (_, as_of) = portfolio.date_range().unwrap();
    let mut anonymized = 0;
    let mut named = 0;
    let mut written = 0;
    for (i, c) in portfolio.customers.iter().enumerate() {
        // The default as-of is the latest date, so every customer is live.
        assert!(c.as_of(as_of).is_some());
        let who = Identity::of(c, i + 1);
        for kind in DocumentKind::ALL {
            let path = out.path().join(file_name(kind, &who));
            let doc = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            written += 1;
            assert!(doc.len() > 200, "{} is nearly empty", path.display());
            if !who.anonymized {
                if kind == DocumentKind::RoiReport {
                    assert!(doc.contains(&c.id), "{} lacks the id", path.display());
                }
                continue;
            }
            let lower = doc.to_lowercase();
            let file = path.file_name().unwrap().to_string_lossy().to_lowercase();
            let mut secrets = vec![c.id.to_lowercase()];
            secrets.extend(c.name.as_ref().map(|n| n.to_lowercase()));
            for secret in secrets {
                assert!(
                    !lower.contains(&secret),
                    "{} leaks {secret:?}",
                    path.display()
                );
                assert!(!file.contains(&secret), "{file} leaks {secret:?}");
            }
            assert!(doc.contains("**Anonymized.**"), "{}", path.display());
        }
        if who.anonymized {
            anonymized += 1;
        } else {
            named += 1;
        }
    }
    // Both consent paths are exercised, and nothing else was written.
    assert!(
        anonymized > 0 && named > 0,
        "{anonymized} anonymized, {named} named"
    );
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), written);
}
