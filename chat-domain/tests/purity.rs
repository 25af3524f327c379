//! chat-domain stays pure: no runtime, web framework or database driver may enter its
//! dependency tree, directly or through another crate.

use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::process::Command;

const FORBIDDEN: &[&str] = &[
    "tokio",
    "warp",
    "hyper",
    "mysql_async",
    "tokio-postgres",
    "postgres-types",
    "deadpool-postgres",
    "fred",
    "redis",
    "mio",
    "async-std",
    "jsonwebtoken",
    "ring",
];

/// The names of every crate `chat-domain` pulls in through normal (non-dev, non-build)
/// dependencies.
fn normal_dependency_closure() -> HashSet<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--manifest-path"])
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"))
        .output()
        .expect("run cargo metadata");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: Value = serde_json::from_slice(&out.stdout).expect("metadata is JSON");

    let names: HashMap<&str, &str> = meta["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_str().unwrap(), p["name"].as_str().unwrap()))
        .collect();
    let nodes: HashMap<&str, &Value> = meta["resolve"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["id"].as_str().unwrap(), n))
        .collect();
    let root = names
        .iter()
        .find(|(_, name)| **name == "chat-domain")
        .map(|(id, _)| *id)
        .expect("chat-domain in metadata");

    let mut seen = HashSet::new();
    let mut stack = vec![root];
    while let Some(id) = stack.pop() {
        for dep in nodes[id]["deps"].as_array().unwrap() {
            let normal = dep["dep_kinds"]
                .as_array()
                .unwrap()
                .iter()
                .any(|k| k["kind"].is_null());
            let pkg = dep["pkg"].as_str().unwrap();
            if normal && seen.insert(pkg) {
                stack.push(pkg);
            }
        }
    }
    seen.into_iter().map(|id| names[id].to_string()).collect()
}

#[test]
fn chat_domain_depends_on_no_runtime_web_or_driver_crate() {
    let deps = normal_dependency_closure();
    assert!(
        deps.contains("uuid"),
        "the walk found the real tree: {deps:?}"
    );
    let bad: Vec<_> = FORBIDDEN.iter().filter(|f| deps.contains(**f)).collect();
    assert!(
        bad.is_empty(),
        "chat-domain must stay pure, but depends on {bad:?}"
    );
}

#[test]
fn chat_domain_direct_dependencies_are_the_allowed_five() {
    let manifest = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"))
        .expect("read manifest");
    let deps_section = manifest
        .split("[dependencies]")
        .nth(1)
        .and_then(|s| s.split("\n[").next())
        .expect("a [dependencies] section");
    // No serde: domain types are no file or network format (adapters and the protocol
    // have types of their own).
    let allowed = [
        "async-trait",
        "thiserror",
        "uuid",
        "chrono",
        "unicode-general-category",
    ];
    for line in deps_section.lines().filter(|l| l.contains('=')) {
        let name = line.split(['=', '.']).next().unwrap().trim();
        assert!(
            allowed.contains(&name),
            "chat-domain may not depend on {name}"
        );
    }
}
