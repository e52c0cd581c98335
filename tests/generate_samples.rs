//! The bundled samples are exactly what the commands in samples/README.md
//! make: a change to the generator must come with regenerated samples.

use std::path::Path;

use assert_cmd::Command;

#[test]
fn samples_match_their_documented_commands() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("samples/README.md")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    for name in ["portfolio.csv", "portfolio.xlsx"] {
        let command = readme
            .lines()
            .find(|l| l.starts_with("csf generate") && l.ends_with(&format!("samples/{name}")))
            .unwrap_or_else(|| panic!("samples/README.md gives no command for {name}"));
        let args: Vec<&str> = command.split_whitespace().skip(1).collect();
        let out = dir.path().join(name);
        let (before_o, _) = args.split_at(args.iter().position(|a| *a == "-o").unwrap());
        Command::cargo_bin("csf")
            .unwrap()
            .args(before_o)
            .arg("-o")
            .arg(&out)
            .arg("--quiet")
            .assert()
            .success();
        let fresh = std::fs::read(&out).unwrap();
        let bundled = std::fs::read(root.join("samples").join(name)).unwrap();
        assert!(
            fresh == bundled,
            "samples/{name} is stale: rerun `{command}`"
        );
    }
}
