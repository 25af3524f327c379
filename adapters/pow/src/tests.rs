use chrono::{Duration, TimeZone, Utc};

use super::*;

fn at(secs: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(1_800_000_000 + secs, 0).unwrap()
}

fn pow(difficulty: u8) -> ProofOfWork {
    ProofOfWork::new(PowConfig::new(difficulty))
}

#[test]
fn a_solved_challenge_passes_as_single_use_until_it_expires() {
    let pow = pow(8);
    let id = pow.issue_id(at(0));
    assert_eq!(id.expires_at, at(300));
    let nonce = solve(&id.salt, 8);
    let verdict = pow.check(&id.encoded, &nonce, at(10));
    assert_eq!(
        verdict,
        Verdict::Passed {
            once: Some(SingleUse {
                key: id.salt.clone(),
                until: at(300)
            })
        }
    );
}

#[test]
fn a_wrong_nonce_an_expired_or_a_forged_challenge_fails() {
    let pow = pow(12);
    let id = pow.issue_id(at(0));
    let nonce = solve(&id.salt, 12);
    let wrong = (0u64..)
        .map(|n| n.to_string())
        .find(|n| leading_zero_bits(&work::hash(&id.salt, n)) < 12)
        .unwrap();
    let failed = |v: Verdict| matches!(v, Verdict::Failed(_));
    assert!(failed(pow.check(&id.encoded, &wrong, at(1))));
    assert!(failed(pow.check(&id.encoded, &nonce, at(300))), "expired");
    // Another server's secret, or an edited difficulty, expiry or salt.
    let other = ProofOfWork::new(PowConfig::new(12)).issue_id(at(0));
    assert!(failed(pow.check(
        &other.encoded,
        &solve(&other.salt, 12),
        at(1)
    )));
    let easier = id.encoded.replacen(".12.", ".1.", 1);
    assert!(failed(pow.check(&easier, &solve(&id.salt, 1), at(1))));
    let later = id.encoded.replacen(
        &at(300).timestamp_millis().to_string(),
        &at(9000).timestamp_millis().to_string(),
        1,
    );
    assert!(failed(pow.check(&later, &nonce, at(400))));
    for junk in ["", ".", "v1", "v1.x.12.abc.00", &format!("{}0", id.encoded)] {
        assert!(failed(pow.check(junk, &nonce, at(1))), "{junk:?}");
    }
}

#[test]
fn a_shared_secret_lets_another_node_check_and_a_harder_setting_refuses_old_ones() {
    let a = ProofOfWork::new(PowConfig::new(8).with_secret("shared secret"));
    let b = ProofOfWork::new(PowConfig::new(8).with_secret("shared secret"));
    let id = a.issue_id(at(0));
    let nonce = solve(&id.salt, 8);
    assert!(matches!(
        b.check(&id.encoded, &nonce, at(1)),
        Verdict::Passed { .. }
    ));
    let harder = ProofOfWork::new(PowConfig::new(9).with_secret("shared secret"));
    assert!(matches!(
        harder.check(&id.encoded, &nonce, at(1)),
        Verdict::Failed(_)
    ));
}

#[tokio::test]
async fn issued_challenges_carry_their_parts_and_a_token_is_refused() {
    let pow = ProofOfWork::new(PowConfig::new(18).with_ttl(std::time::Duration::from_secs(60)));
    let Challenge::ProofOfWork {
        id,
        salt,
        difficulty,
        expires_at,
    } = pow.issue(at(0)).await.unwrap()
    else {
        panic!("a proof of work");
    };
    assert_eq!(
        (salt.len(), difficulty, expires_at),
        (32, 18, at(0) + Duration::seconds(60))
    );
    assert!(id.contains(&salt));
    let token = ChallengeAnswer::token("abc").unwrap();
    assert!(matches!(
        pow.verify(&token, None, at(1)).await.unwrap(),
        Verdict::Failed(_)
    ));
}

#[test]
fn leading_zero_bits_count_from_the_top_bit() {
    assert_eq!(leading_zero_bits(&[0x80]), 0);
    assert_eq!(leading_zero_bits(&[0x01]), 7);
    assert_eq!(leading_zero_bits(&[0, 0, 0x40]), 17);
    assert_eq!(leading_zero_bits(&[0; 32]), 255);
}
