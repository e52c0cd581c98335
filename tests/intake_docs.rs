//! The column table in the intake documentation lists every alias csf
//! accepts, so users can trust it.

use csf::intake::columns::COLUMNS;

#[test]
fn the_documented_alias_table_matches_the_code() {
    let doc = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/readme-parts/intake.md"
    ))
    .expect("docs/readme-parts/intake.md exists");
    for c in COLUMNS {
        let prefix = format!("| {} |", c.name);
        let row = doc
            .lines()
            .find(|l| l.starts_with(&prefix))
            .unwrap_or_else(|| panic!("no table row for {}", c.name));
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        let documented: Vec<&str> = cells[4]
            .split(',')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .collect();
        assert_eq!(documented, c.aliases, "aliases of {}", c.name);
        assert_eq!(
            cells[3],
            if c.required { "yes" } else { "no" },
            "{}",
            c.name
        );
    }
}
