//! Where each ROI assumption comes from: defaults, `--assumptions FILE.toml`, flags.
