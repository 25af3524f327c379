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
