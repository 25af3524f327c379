//! The workspace's layering, checked on the real dependency graph (`cargo metadata`):
//! adapters are independent of one another, so any one can be swapped or dropped.

use std::collections::BTreeMap;
use std::process::Command;

use serde_json::Value;

/// Each workspace crate with the workspace crates it depends on normally (not as a
/// dev- or build-dependency).
fn workspace_graph() -> BTreeMap<String, Vec<String>> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--manifest-path",
        ])
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/../../Cargo.toml"))
        .output()
        .expect("run cargo metadata");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: Value = serde_json::from_slice(&out.stdout).expect("metadata is JSON");
    let members: Vec<&Value> = meta["packages"].as_array().unwrap().iter().collect();
    let names: Vec<&str> = members
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    members
        .iter()
        .map(|p| {
            let deps = p["dependencies"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|d| d["kind"].is_null())
                .filter_map(|d| d["name"].as_str())
                .filter(|d| names.contains(d))
                .map(str::to_owned)
                .collect();
            (p["name"].as_str().unwrap().to_owned(), deps)
        })
        .collect()
}

#[test]
fn no_adapter_depends_on_another_adapter() {
    let graph = workspace_graph();
    let adapters: Vec<_> = graph
        .keys()
        .filter(|n| n.starts_with("chat-adapter-"))
        .collect();
    assert!(
        adapters.len() >= 8,
        "the walk found the adapters: {adapters:?}"
    );
    let tangled: Vec<String> = graph
        .iter()
        .filter(|(name, _)| name.starts_with("chat-adapter-"))
        .flat_map(|(name, deps)| {
            deps.iter()
                .filter(|d| d.starts_with("chat-adapter-"))
                .map(move |d| format!("{name} -> {d}"))
        })
        .collect();
    assert!(
        tangled.is_empty(),
        "adapters depending on adapters: {tangled:?}"
    );
}

/// Each crate's level in ARCHITECTURE.md's "Crates, top-down": the bold names of each
/// numbered entry.
fn documented_levels() -> BTreeMap<String, usize> {
    let doc = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../ARCHITECTURE.md"
    ))
    .expect("read ARCHITECTURE.md");
    let section = doc
        .split("## Crates, top-down")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("a Crates, top-down section");
    let mut levels = BTreeMap::new();
    let mut level = 0;
    for line in section.lines() {
        let numbered = line
            .split_once(". ")
            .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
        if numbered {
            level += 1;
        }
        if level == 0 {
            continue;
        }
        for bold in line.split("**`").skip(1) {
            if let Some((name, _)) = bold.split_once("`**") {
                levels.insert(name.to_owned(), level);
            }
        }
    }
    levels
}

#[test]
fn every_crate_depends_only_on_crates_architecture_md_lists_above_it() {
    let levels = documented_levels();
    let graph = workspace_graph();
    let missing: Vec<_> = graph.keys().filter(|c| !levels.contains_key(*c)).collect();
    assert!(
        missing.is_empty(),
        "crates ARCHITECTURE.md does not list: {missing:?}"
    );
    let mut wrong = Vec::new();
    for (name, deps) in &graph {
        for dep in deps {
            if levels[dep] >= levels[name] {
                wrong.push(format!(
                    "{name} ({}) -> {dep} ({})",
                    levels[name], levels[dep]
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "dependencies that do not point up the list: {wrong:?}"
    );
}
