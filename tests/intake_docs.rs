//! The column tables in the README and the intake guide list every alias csf
//! accepts, so users can trust them.

use csf::intake::columns::COLUMNS;

fn check_table(relative: &str) {
    let doc = std::fs::read_to_string(format!("{}/{relative}", env!("CARGO_MANIFEST_DIR")))
        .unwrap_or_else(|e| panic!("{relative}: {e}"));
    for c in COLUMNS {
        let prefix = format!("| {} |", c.name);
        let row = doc
            .lines()
            .find(|l| l.starts_with(&prefix))
            .unwrap_or_else(|| panic!("{relative}: no table row for {}", c.name));
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        let documented: Vec<&str> = cells[4]
            .split(',')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .collect();
        assert_eq!(documented, c.aliases, "{relative}: aliases of {}", c.name);
        assert_eq!(
            cells[3],
            if c.required { "yes" } else { "no" },
            "{relative}: {}",
            c.name
        );
    }
}

#[test]
fn the_documented_alias_table_matches_the_code() {
    check_table("docs/guide/columns-and-values.md");
}

#[test]
fn the_readme_column_table_matches_the_code() {
    check_table("README.md");
}
