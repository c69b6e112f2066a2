//! The area boundaries of `ARCHITECTURE.md`, checked: an area's code names
//! only its own tables' entities and its own server functions, and never the
//! demo data. Tests (`tests.rs`, inline test modules) may reach anywhere, and
//! so may the demo data: `demo/` is not an area (it is not in [`OWNERS`], so
//! it is not read) and seeds every area's tables. The crossings that exist
//! today are listed in [`KNOWN`]; a new crossing fails the test, and so does
//! a listed one that has gone (remove it from the list).

#![cfg(test)]

use std::collections::BTreeSet;
use std::path::Path;

/// Each table and the area that owns it (the table in `ARCHITECTURE.md`).
const OWNERS: &[(&str, &[&str])] = &[
    (
        "org",
        &[
            "administration",
            "unit",
            "cost_center",
            "delivery_address",
            "person",
            "person_role",
        ],
    ),
    (
        "auth",
        &["local_credential", "login_attempt", "session", "api_token", "oidc_flow"],
    ),
    ("audit", &["audit_log"]),
    (
        "catalog",
        &[
            "supplier",
            "agreement",
            "category",
            "item",
            "item_price",
            "item_rule",
            "item_image",
            "bundle",
            "bundle_item",
            "catalog_version",
        ],
    ),
    ("cart", &["cart_line"]),
    ("notify", &["notification", "email_outbox"]),
    ("jobs", &["job"]),
    (
        "attest",
        &[
            "attest_right",
            "attest_substitute",
            "auto_approval_rule",
            "attestation",
            "attest_assignment",
        ],
    ),
    (
        "orders",
        &[
            "orders",
            "order_line",
            "order_event",
            "order_request",
            "open_order_category",
        ],
    ),
    (
        "fulfilment",
        &[
            "order_part",
            "order_part_line",
            "supplier_token",
            "supplier_event",
            "deviation",
            "deviation_note",
            "state_target",
            "saved_filter",
            "order_outcome",
        ],
    ),
    ("assets", &["asset", "asset_change", "asset_import"]),
    (
        "subscriptions",
        &[
            "subscription",
            "subscription_cost_center",
            "subscription_change",
            "charge_run",
            "charge_line",
        ],
    ),
    (
        "plans",
        &[
            "object_family",
            "governance_object",
            "object_person",
            "plan",
            "plan_event",
            "plan_approval",
            "plan_template",
            "portfolio_version",
            "follow_up",
        ],
    ),
];

/// Crossings that exist today (file, what it names). None are left: every
/// area asks the owning area's service. The list stays so that a crossing
/// that cannot be avoided at once is written down here, visibly, instead of
/// going unnoticed; a listed one that has gone fails the test too.
const KNOWN: &[(&str, &str)] = &[];

fn owner(table: &str) -> Option<&'static str> {
    OWNERS
        .iter()
        .find(|(_, tables)| tables.contains(&table))
        .map(|(area, _)| *area)
}

/// The identifiers after each `entities::` in `source`: one name, or every
/// name of a `{…}` group (with `as` renames skipped).
fn entity_names(source: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, _) in source.match_indices("entities::") {
        let rest = &source[i + "entities::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let group = &group[..group.find('}').unwrap_or(group.len())];
            for part in group.split(',') {
                if let Some(name) = part.split_whitespace().next() {
                    out.push(name.to_owned());
                }
            }
        } else {
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            out.push(name);
        }
    }
    out
}

/// The areas whose server functions `source` names (`crate::x::server_fns`
/// or `crate::x::y::server_fns`).
fn server_fn_areas(source: &str) -> Vec<String> {
    source
        .match_indices("crate::")
        .filter_map(|(i, _)| {
            let path: String = source[i + "crate::".len()..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            path.contains("server_fns")
                .then(|| path.split("::").next().unwrap_or_default().to_owned())
        })
        .collect()
}

pub(crate) fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read the source folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn an_area_names_only_its_own_tables_and_server_functions() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found: BTreeSet<(String, String)> = BTreeSet::new();
    for (area, _) in OWNERS {
        let mut files = Vec::new();
        rust_files(&src.join(area), &mut files);
        for file in files {
            let name = file.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            if name == "tests.rs" {
                continue;
            }
            let rel = file.strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/");
            let source = std::fs::read_to_string(&file).unwrap();
            // Inline test modules may set up any area's data (a `mod tests;`
            // declaration, wherever it stands, cuts nothing).
            let source = source.split("mod tests {").next().unwrap_or_default();
            for table in entity_names(source) {
                if owner(&table).is_some_and(|o| o != *area) {
                    found.insert((rel.clone(), format!("entities::{table}")));
                }
            }
            // The demo data depends on the areas, never the reverse.
            if source.contains("crate::demo") {
                found.insert((rel.clone(), "demo".to_owned()));
            }
            for other in server_fn_areas(source) {
                if other != *area && OWNERS.iter().any(|(a, _)| *a == other) {
                    found.insert((rel.clone(), format!("{other}::server_fns")));
                }
            }
        }
    }
    let known: BTreeSet<(String, String)> = KNOWN.iter().map(|(f, w)| (f.to_string(), w.to_string())).collect();
    let new: Vec<_> = found.difference(&known).collect();
    let gone: Vec<_> = known.difference(&found).collect();
    assert!(
        new.is_empty(),
        "these cross an area boundary (go through the owning area's service): {new:?}"
    );
    assert!(
        gone.is_empty(),
        "these crossings are gone: remove them from KNOWN: {gone:?}"
    );
}

#[test]
fn the_boundary_reader_finds_single_grouped_and_renamed_names() {
    let src = "use crate::entities::{item, plan as plan_e,\n person};\nlet x = crate::entities::unit::Entity;";
    assert_eq!(entity_names(src), vec!["item", "plan", "person", "unit"]);
    assert_eq!(
        server_fn_areas("use crate::cart::server_fns::AddToCart; crate::plans::objects::server_fns::x"),
        vec!["cart", "plans"]
    );
}

#[test]
fn every_entity_has_one_owning_area() {
    let mut files = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src/entities"), &mut files);
    for f in files {
        let table = f.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        if table == "mod" {
            continue;
        }
        let owners = OWNERS.iter().filter(|(_, t)| t.contains(&table)).count();
        assert_eq!(
            owners, 1,
            "{table} needs exactly one owner in OWNERS and ARCHITECTURE.md"
        );
    }
}
