//! The skip/require rule for checks that need a real service (MySQL, Redis).

/// Whether tests must fail, rather than skip, when a service is unreachable
/// (`CHAT_REQUIRE_SERVICES=1`, which CI sets).
pub fn services_required() -> bool {
    std::env::var("CHAT_REQUIRE_SERVICES").is_ok_and(|v| v == "1")
}

/// Reports that `service` is unreachable: panics when services are required, otherwise
/// prints that the test is skipped and returns `None` for the harness.
pub fn unreachable_service<T>(service: &str, detail: &str) -> Option<T> {
    if services_required() {
        panic!("{service} is unreachable and CHAT_REQUIRE_SERVICES=1: {detail}");
    }
    eprintln!("skipped: {service} is unreachable ({detail})");
    None
}
