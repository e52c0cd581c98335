//! Where each ROI assumption comes from: defaults, `--assumptions FILE.toml`,
//! flags (later wins). Every value used is listed with its source and meaning.

use std::path::{Path, PathBuf};

use super::roi::Assumptions;

/// Values given on the command line or by file; None = not given.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RateOverrides {
    pub file: Option<PathBuf>,
    pub storage_cost_per_gb_month: Option<f64>,
    pub cost_per_wait_hour: Option<f64>,
    pub cost_per_inaccurate_result: Option<f64>,
    pub horizon_months: Option<u32>,
    pub discount_rate: Option<f64>,
}

/// One line of the Assumptions sheet / JSON `assumptions` object.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct AssumptionRow {
    /// The TOML / JSON key, e.g. `storage_cost_per_gb_month`.
    pub name: &'static str,
    pub value: f64,
    /// `default`, `file assumptions.toml`, `flag --discount-rate`.
    pub source: String,
    /// Plain-words meaning for finance.
    pub meaning: &'static str,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AssumptionsUsed {
    pub values: Assumptions,
    pub rows: Vec<AssumptionRow>,
}

#[derive(Debug, thiserror::Error)]
pub enum AssumptionsError {
    #[error("{path}: cannot read assumptions", path = path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {message}", path = path.display())]
    Invalid { path: PathBuf, message: String },
    /// `origin` says where the value came from (`file a.toml`, `flag --x`).
    #[error("{name} = {value} ({origin}): {reason}")]
    OutOfRange {
        name: &'static str,
        value: f64,
        origin: String,
        reason: &'static str,
    },
}

/// The source of a value nobody overrode.
pub const DEFAULT_SOURCE: &str = "default";

/// Defaults, chosen and justified in docs/guide/roi.md.
pub const DEFAULTS: Assumptions = Assumptions {
    storage_cost_per_gb_month: 0.10,
    cost_per_wait_hour: 30.0,
    cost_per_inaccurate_result: 0.05,
    horizon_months: 12,
    discount_rate: 0.0,
};

/// The longest horizon accepted: 50 years is already beyond any sane plan.
pub const MAX_HORIZON_MONTHS: u32 = 600;

/// Every key, in the order rows are listed, with its meaning for finance.
const KEYS: [(&str, &str); 5] = [
    (
        "storage_cost_per_gb_month",
        "$ that one GB of stored data costs per month, all-in (managed, replicated \
         storage with backups); multiplies the GB no longer stored",
    ),
    (
        "cost_per_wait_hour",
        "$ that one hour of people or systems waiting on responses costs (loaded \
         hourly cost); multiplies the waiting time saved over all API calls",
    ),
    (
        "cost_per_inaccurate_result",
        "$ it costs to catch and correct one inaccurate result; multiplies the \
         results that are now right instead of wrong",
    ),
    (
        "horizon_months",
        "months of savings counted against the one-off implementation cost in net \
         ROI, benefit-cost ratio and NPV",
    ),
    (
        "discount_rate",
        "annual rate that discounts future monthly savings for NPV, as a fraction \
         (0.10 = 10% a year); 0 = no NPV",
    ),
];

/// Defaults, then the file, then the flags.
pub fn resolve(overrides: &RateOverrides) -> Result<AssumptionsUsed, AssumptionsError> {
    let mut layers = Layers::defaults();
    if let Some(path) = &overrides.file {
        layers.apply_file(path)?;
    }
    let o = overrides;
    let flags = [
        ("storage_cost_per_gb_month", o.storage_cost_per_gb_month),
        ("cost_per_wait_hour", o.cost_per_wait_hour),
        ("cost_per_inaccurate_result", o.cost_per_inaccurate_result),
        ("horizon_months", o.horizon_months.map(f64::from)),
        ("discount_rate", o.discount_rate),
    ];
    for (name, value) in flags {
        if let Some(v) = value {
            layers.set(name, v, format!("flag --{}", name.replace('_', "-")));
        }
    }
    layers.finish()
}

impl AssumptionsUsed {
    /// Use `value` for `name` only where no file or flag has set it (a
    /// scenario's horizon sits between the defaults and the user's choices).
    pub fn replace_default(&mut self, name: &str, value: f64, source: String) {
        let Some(row) = self
            .rows
            .iter_mut()
            .find(|r| r.name == name && r.source == DEFAULT_SOURCE)
        else {
            return;
        };
        row.value = value;
        row.source = source;
        self.values = values_of(&self.rows);
    }

    /// The row of a key; every key has one.
    pub fn row(&self, name: &str) -> Option<&AssumptionRow> {
        self.rows.iter().find(|r| r.name == name)
    }
}

/// The value and source of every key while the layers are applied.
struct Layers {
    rows: Vec<AssumptionRow>,
}

impl Layers {
    fn defaults() -> Self {
        let d = &DEFAULTS;
        let values = [
            d.storage_cost_per_gb_month,
            d.cost_per_wait_hour,
            d.cost_per_inaccurate_result,
            f64::from(d.horizon_months),
            d.discount_rate,
        ];
        let rows = KEYS
            .iter()
            .zip(values)
            .map(|(&(name, meaning), value)| AssumptionRow {
                name,
                value,
                source: DEFAULT_SOURCE.to_string(),
                meaning,
            })
            .collect();
        Layers { rows }
    }

    fn set(&mut self, name: &str, value: f64, source: String) {
        let row = self
            .rows
            .iter_mut()
            .find(|r| r.name == name)
            .expect("every key has a row");
        row.value = value;
        row.source = source;
    }

    fn apply_file(&mut self, path: &Path) -> Result<(), AssumptionsError> {
        let text = std::fs::read_to_string(path).map_err(|source| AssumptionsError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let invalid = |message: String| AssumptionsError::Invalid {
            path: path.to_path_buf(),
            message,
        };
        let table: toml::Table = text
            .parse()
            .map_err(|e: toml::de::Error| invalid(format!("not valid TOML: {e}")))?;
        let source = format!("file {}", path.display());
        for (key, value) in &table {
            let Some(&(name, _)) = KEYS.iter().find(|(k, _)| k == key) else {
                let known: Vec<&str> = KEYS.iter().map(|(k, _)| *k).collect();
                return Err(invalid(format!(
                    "unknown key `{key}` (known keys: {})",
                    known.join(", ")
                )));
            };
            let number = if name == "horizon_months" {
                value.as_integer().map(|i| i as f64).ok_or_else(|| {
                    invalid(format!(
                        "{name} = {value}: expected a whole number of months, like 12"
                    ))
                })?
            } else {
                value
                    .as_float()
                    .or_else(|| value.as_integer().map(|i| i as f64))
                    .ok_or_else(|| {
                        invalid(format!("{name} = {value}: expected a number, like 0.10"))
                    })?
            };
            self.set(name, number, source.clone());
        }
        Ok(())
    }

    /// Check every range, naming the key, value and where it came from.
    fn finish(self) -> Result<AssumptionsUsed, AssumptionsError> {
        for row in &self.rows {
            if let Some(reason) = out_of_range(row.name, row.value) {
                return Err(AssumptionsError::OutOfRange {
                    name: row.name,
                    value: row.value,
                    origin: row.source.clone(),
                    reason,
                });
            }
        }
        Ok(AssumptionsUsed {
            values: values_of(&self.rows),
            rows: self.rows,
        })
    }
}

fn out_of_range(name: &str, v: f64) -> Option<&'static str> {
    match name {
        "horizon_months" => (!(1.0..=f64::from(MAX_HORIZON_MONTHS)).contains(&v))
            .then_some("must be a whole number of months from 1 to 600"),
        "discount_rate" => (!(0.0..1.0).contains(&v))
            .then_some("must be a fraction from 0 (no NPV) up to but not including 1 (0.10 = 10%)"),
        _ => (!(v >= 0.0 && v.is_finite())).then_some("must be a number of dollars, 0 or more"),
    }
}

/// Rows are complete and checked, so every key is present and in range.
fn values_of(rows: &[AssumptionRow]) -> Assumptions {
    let get = |name: &str| {
        rows.iter()
            .find(|r| r.name == name)
            .map(|r| r.value)
            .expect("every key has a row")
    };
    Assumptions {
        storage_cost_per_gb_month: get("storage_cost_per_gb_month"),
        cost_per_wait_hour: get("cost_per_wait_hour"),
        cost_per_inaccurate_result: get("cost_per_inaccurate_result"),
        horizon_months: get("horizon_months") as u32,
        discount_rate: get("discount_rate"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file_with(text: &str) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("rates.toml");
        std::fs::write(&path, text).unwrap();
        (dir, path)
    }

    fn source_of(used: &AssumptionsUsed, name: &str) -> String {
        used.row(name).unwrap().source.clone()
    }

    #[test]
    fn defaults_alone() {
        let used = resolve(&RateOverrides::default()).unwrap();
        assert_eq!(used.values, DEFAULTS);
        assert_eq!(used.rows.len(), 5);
        assert!(used.rows.iter().all(|r| r.source == "default"));
        assert!(used.rows.iter().all(|r| !r.meaning.is_empty()));
    }

    #[test]
    fn file_overrides_defaults_and_flags_override_the_file() {
        let (_dir, path) = file_with("cost_per_wait_hour = 45\nhorizon_months = 24\n");
        let used = resolve(&RateOverrides {
            file: Some(path.clone()),
            horizon_months: Some(36),
            discount_rate: Some(0.08),
            ..RateOverrides::default()
        })
        .unwrap();
        // An integer is accepted for a dollar rate.
        assert_eq!(used.values.cost_per_wait_hour, 45.0);
        assert_eq!(
            source_of(&used, "cost_per_wait_hour"),
            format!("file {}", path.display())
        );
        assert_eq!(used.values.horizon_months, 36);
        assert_eq!(source_of(&used, "horizon_months"), "flag --horizon-months");
        assert_eq!(used.values.discount_rate, 0.08);
        assert_eq!(source_of(&used, "discount_rate"), "flag --discount-rate");
        assert_eq!(used.values.storage_cost_per_gb_month, 0.10);
        assert_eq!(source_of(&used, "storage_cost_per_gb_month"), "default");
    }

    #[test]
    fn unknown_key_names_the_key_and_the_file() {
        let (_dir, path) = file_with("storage_cost = 0.2\n");
        let err = resolve(&RateOverrides {
            file: Some(path.clone()),
            ..RateOverrides::default()
        })
        .unwrap_err()
        .to_string();
        assert!(err.contains("storage_cost"), "{err}");
        assert!(err.contains(&path.display().to_string()), "{err}");
        assert!(
            err.contains("storage_cost_per_gb_month"),
            "lists known keys: {err}"
        );
    }

    #[test]
    fn bad_types_name_key_and_value() {
        for (text, needle) in [
            (
                "cost_per_wait_hour = \"thirty\"",
                "cost_per_wait_hour = \"thirty\"",
            ),
            ("horizon_months = 12.5", "horizon_months = 12.5"),
            ("discount_rate = true", "discount_rate = true"),
        ] {
            let (_dir, path) = file_with(text);
            let err = resolve(&RateOverrides {
                file: Some(path),
                ..RateOverrides::default()
            })
            .unwrap_err();
            assert!(matches!(err, AssumptionsError::Invalid { .. }), "{err}");
            assert!(err.to_string().contains(needle), "{err}");
        }
    }

    #[test]
    fn ranges_are_checked_with_source() {
        let (_dir, path) = file_with("discount_rate = 1.0");
        let err = resolve(&RateOverrides {
            file: Some(path.clone()),
            ..RateOverrides::default()
        })
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("discount_rate = 1 (file "), "{err}");

        let cases = [
            (
                RateOverrides {
                    horizon_months: Some(0),
                    ..RateOverrides::default()
                },
                "horizon_months = 0 (flag --horizon-months)",
            ),
            (
                RateOverrides {
                    horizon_months: Some(601),
                    ..RateOverrides::default()
                },
                "horizon_months = 601",
            ),
            (
                RateOverrides {
                    discount_rate: Some(-0.01),
                    ..RateOverrides::default()
                },
                "discount_rate = -0.01 (flag --discount-rate)",
            ),
            (
                RateOverrides {
                    storage_cost_per_gb_month: Some(-1.0),
                    ..RateOverrides::default()
                },
                "storage_cost_per_gb_month = -1",
            ),
            (
                RateOverrides {
                    cost_per_wait_hour: Some(f64::NAN),
                    ..RateOverrides::default()
                },
                "cost_per_wait_hour = NaN",
            ),
            (
                RateOverrides {
                    cost_per_inaccurate_result: Some(f64::INFINITY),
                    ..RateOverrides::default()
                },
                "cost_per_inaccurate_result = inf",
            ),
        ];
        for (o, needle) in cases {
            let err = resolve(&o).unwrap_err();
            assert!(matches!(err, AssumptionsError::OutOfRange { .. }));
            assert!(err.to_string().contains(needle), "{err}");
        }
        // The edges themselves are fine.
        let ok = resolve(&RateOverrides {
            horizon_months: Some(600),
            discount_rate: Some(0.999),
            storage_cost_per_gb_month: Some(0.0),
            ..RateOverrides::default()
        });
        assert!(ok.is_ok());
    }

    #[test]
    fn missing_file_is_an_io_error_naming_it() {
        let err = resolve(&RateOverrides {
            file: Some(PathBuf::from("/no/such/rates.toml")),
            ..RateOverrides::default()
        })
        .unwrap_err();
        assert!(matches!(err, AssumptionsError::Io { .. }));
        assert!(err.to_string().contains("/no/such/rates.toml"));
    }

    #[test]
    fn replace_default_leaves_user_choices_alone() {
        let mut used = resolve(&RateOverrides::default()).unwrap();
        used.replace_default("horizon_months", 24.0, "scenario x".into());
        assert_eq!(used.values.horizon_months, 24);
        assert_eq!(source_of(&used, "horizon_months"), "scenario x");

        let mut used = resolve(&RateOverrides {
            horizon_months: Some(6),
            ..RateOverrides::default()
        })
        .unwrap();
        used.replace_default("horizon_months", 24.0, "scenario x".into());
        assert_eq!(used.values.horizon_months, 6);
    }
}
