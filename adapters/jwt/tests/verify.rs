//! Every accept and refuse case of the verifier, with real keys of each kind.

use std::time::Duration;

use chrono::{DateTime, Utc};
use jsonwebtoken::{encode, Algorithm, EncodingKey, Header};
use serde_json::{json, Value};

use chat_adapter_jwt::{JwtConfig, JwtVerifier};
use chat_domain::ports::{HostTokenError, HostTokenVerifier};

const SECRET: &str = "a secret shared with the host, long enough";
const RS_KEY: &str = include_str!("../testdata/rs256.key");
const RS_PUB: &str = include_str!("../testdata/rs256.pub");
const ES_KEY: &str = include_str!("../testdata/es256.key");
const ES_PUB: &str = include_str!("../testdata/es256.pub");
const ED_KEY: &str = include_str!("../testdata/eddsa.key");
const ED_PUB: &str = include_str!("../testdata/eddsa.pub");

fn now() -> DateTime<Utc> {
    "2026-12-07T12:00:00Z".parse().unwrap()
}

/// Claims valid at [`now`] for an hour, with `extra` merged in (null removes a claim).
fn claims(extra: Value) -> Value {
    let mut c = json!({"sub": "42", "exp": now().timestamp() + 3600, "iat": now().timestamp()});
    for (k, v) in extra.as_object().unwrap() {
        if v.is_null() {
            c.as_object_mut().unwrap().remove(k);
        } else {
            c[k] = v.clone();
        }
    }
    c
}

fn sign(alg: Algorithm, key: &EncodingKey, claims: &Value) -> String {
    encode(&Header::new(alg), claims, key).unwrap()
}

fn hs(claims: &Value) -> String {
    sign(
        Algorithm::HS256,
        &EncodingKey::from_secret(SECRET.as_bytes()),
        claims,
    )
}

fn verifier(config: JwtConfig) -> JwtVerifier {
    JwtVerifier::new(&config).unwrap()
}

fn refusal(v: &JwtVerifier, token: &str) -> HostTokenError {
    v.verify(token, now()).unwrap_err()
}

#[test]
fn each_key_kind_verifies_its_own_algorithm() {
    let cases = [
        (
            RS_PUB,
            Algorithm::RS256,
            EncodingKey::from_rsa_pem(RS_KEY.as_bytes()).unwrap(),
        ),
        (
            ES_PUB,
            Algorithm::ES256,
            EncodingKey::from_ec_pem(ES_KEY.as_bytes()).unwrap(),
        ),
        (
            ED_PUB,
            Algorithm::EdDSA,
            EncodingKey::from_ed_pem(ED_KEY.as_bytes()).unwrap(),
        ),
    ];
    for (public, alg, private) in cases {
        let v = verifier(JwtConfig::public_key_pem(public));
        assert_eq!(v.algorithm(), alg);
        let token = sign(
            alg,
            &private,
            &claims(json!({"name": "Ana", "preferred_username": "ana"})),
        );
        let c = v.verify(&token, now()).unwrap();
        assert_eq!(c.user.identity.subject(), "42");
        assert_eq!(c.user.identity.issuer(), "");
        assert_eq!(c.user.name.as_deref(), Some("Ana"));
        assert_eq!(c.user.preferred_username.as_deref(), Some("ana"));
        assert_eq!(c.expires_at, now() + chrono::Duration::hours(1));
        assert_eq!(c.issued_at, Some(now()));
    }
    let v = verifier(JwtConfig::hs256(SECRET));
    assert_eq!(
        v.verify(&hs(&claims(json!({}))), now())
            .unwrap()
            .user
            .identity
            .subject(),
        "42"
    );
}

#[test]
fn a_wrong_signature_is_refused() {
    let v = verifier(JwtConfig::hs256(SECRET));
    let other = EncodingKey::from_secret(b"another secret entirely");
    let token = sign(Algorithm::HS256, &other, &claims(json!({})));
    assert_eq!(refusal(&v, &token), HostTokenError::Signature);
    // The payload changed under a good signature.
    let good = hs(&claims(json!({})));
    let mut parts: Vec<&str> = good.split('.').collect();
    let forged = hs(&claims(json!({"sub": "admin"})));
    parts[1] = forged.split('.').nth(1).unwrap();
    assert_eq!(refusal(&v, &parts.join(".")), HostTokenError::Signature);
    let es = verifier(JwtConfig::public_key_pem(ES_PUB));
    let es_other = sign(
        Algorithm::ES256,
        &EncodingKey::from_ec_pem(ES_KEY.as_bytes()).unwrap(),
        &claims(json!({})),
    );
    let mut broken: Vec<String> = es_other.split('.').map(str::to_owned).collect();
    broken[2] = broken[2].chars().rev().collect();
    assert!(matches!(
        refusal(&es, &broken.join(".")),
        HostTokenError::Signature | HostTokenError::Malformed(_)
    ));
}

#[test]
fn alg_none_and_every_other_algorithm_are_refused_by_name() {
    use base64::Engine;
    let b64 = |v: &Value| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string());
    let none = format!(
        "{}.{}.",
        b64(&json!({"alg": "none", "typ": "JWT"})),
        b64(&claims(json!({})))
    );
    let hs256 = verifier(JwtConfig::hs256(SECRET));
    assert_eq!(
        refusal(&hs256, &none),
        HostTokenError::Algorithm {
            found: "none".into(),
            accepted: "HS256".into()
        }
    );
    // The classic confusion: the RSA public key used as an HS256 secret.
    let rs = verifier(JwtConfig::public_key_pem(RS_PUB));
    for secret in [
        RS_PUB.as_bytes().to_vec(),
        RS_PUB.trim().as_bytes().to_vec(),
    ] {
        let forged = sign(
            Algorithm::HS256,
            &EncodingKey::from_secret(&secret),
            &claims(json!({})),
        );
        assert_eq!(
            refusal(&rs, &forged),
            HostTokenError::Algorithm {
                found: "HS256".into(),
                accepted: "RS256".into()
            }
        );
    }
    let es_token = sign(
        Algorithm::ES256,
        &EncodingKey::from_ec_pem(ES_KEY.as_bytes()).unwrap(),
        &claims(json!({})),
    );
    assert!(matches!(
        refusal(&rs, &es_token),
        HostTokenError::Algorithm { .. }
    ));
    assert!(matches!(
        refusal(&hs256, &es_token),
        HostTokenError::Algorithm { .. }
    ));
}

#[test]
fn times_are_checked_against_the_callers_clock_with_the_leeway() {
    let v = verifier(JwtConfig::hs256(SECRET));
    let at = |d: i64| now().timestamp() + d;
    assert_eq!(
        refusal(&v, &hs(&claims(json!({"exp": at(0)})))),
        HostTokenError::Expired
    );
    assert_eq!(
        refusal(&v, &hs(&claims(json!({"exp": at(-3600)})))),
        HostTokenError::Expired
    );
    assert!(v.verify(&hs(&claims(json!({"exp": at(1)}))), now()).is_ok());
    assert_eq!(
        refusal(&v, &hs(&claims(json!({"nbf": at(10)})))),
        HostTokenError::NotYetValid
    );
    assert!(v.verify(&hs(&claims(json!({"nbf": at(0)}))), now()).is_ok());
    let lenient = verifier(JwtConfig {
        leeway: Duration::from_secs(30),
        ..JwtConfig::hs256(SECRET)
    });
    assert!(lenient
        .verify(&hs(&claims(json!({"exp": at(-20), "nbf": at(20)}))), now())
        .is_ok());
    assert_eq!(
        refusal(&lenient, &hs(&claims(json!({"exp": at(-31)})))),
        HostTokenError::Expired
    );
}

#[test]
fn issuer_and_audience_are_checked_when_configured_or_present() {
    let strict = verifier(JwtConfig {
        issuer: Some("https://id.example".into()),
        audience: Some("chat".into()),
        ..JwtConfig::hs256(SECRET)
    });
    let good = claims(json!({"iss": "https://id.example", "aud": "chat"}));
    let c = strict.verify(&hs(&good), now()).unwrap();
    assert_eq!(c.user.identity.issuer(), "https://id.example");
    let list = claims(json!({"iss": "https://id.example", "aud": ["web", "chat"]}));
    assert!(strict.verify(&hs(&list), now()).is_ok());
    let wrong_iss = claims(json!({"iss": "https://evil.example", "aud": "chat"}));
    assert_eq!(refusal(&strict, &hs(&wrong_iss)), HostTokenError::Issuer);
    let no_iss = claims(json!({"aud": "chat"}));
    assert_eq!(refusal(&strict, &hs(&no_iss)), HostTokenError::Issuer);
    let no_aud = claims(json!({"iss": "https://id.example"}));
    assert_eq!(refusal(&strict, &hs(&no_aud)), HostTokenError::Audience);
    let wrong_aud = claims(json!({"iss": "https://id.example", "aud": "billing"}));
    assert_eq!(refusal(&strict, &hs(&wrong_aud)), HostTokenError::Audience);
    let open = verifier(JwtConfig::hs256(SECRET));
    assert_eq!(
        refusal(&open, &hs(&claims(json!({"aud": "billing"})))),
        HostTokenError::Audience
    );
    let any_iss = open.verify(&hs(&claims(json!({"iss": "https://a.example"}))), now());
    assert_eq!(any_iss.unwrap().user.identity.issuer(), "https://a.example");
}

#[test]
fn sub_and_exp_are_required_and_sub_is_1_to_128_characters() {
    let v = verifier(JwtConfig::hs256(SECRET));
    for missing in ["sub", "exp"] {
        let token = hs(&claims(json!({ missing: null })));
        assert!(
            matches!(refusal(&v, &token), HostTokenError::Claims(_)),
            "{missing}"
        );
    }
    for bad in [json!(""), json!("x".repeat(129)), json!("a\u{0}b")] {
        let token = hs(&claims(json!({"sub": bad})));
        assert!(
            matches!(refusal(&v, &token), HostTokenError::Claims(_)),
            "{bad}"
        );
    }
    assert!(v
        .verify(&hs(&claims(json!({"sub": "用".repeat(128)}))), now())
        .is_ok());
    for junk in ["", "a.b", "not.a.jwt", "e30.e30.e30.e30"] {
        assert!(
            matches!(refusal(&v, junk), HostTokenError::Malformed(_)),
            "{junk}"
        );
    }
}

#[test]
fn a_key_that_is_no_key_is_refused_at_start() {
    assert!(JwtVerifier::new(&JwtConfig::hs256("")).is_err());
    assert!(JwtVerifier::new(&JwtConfig::hs256("31 bytes is one byte too short!")).is_err());
    assert!(JwtVerifier::new(&JwtConfig::public_key_pem("not a key")).is_err());
    assert!(
        JwtVerifier::new(&JwtConfig::public_key_pem(RS_KEY)).is_err(),
        "a private key"
    );
}
