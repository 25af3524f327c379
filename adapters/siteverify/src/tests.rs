//! Against a provider stand-in on this machine: it accepts the token "good", refuses
//! others, never answers for "slow" and answers garbage for "junk".

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use super::*;

async fn provider(seen: Arc<Mutex<Vec<String>>>) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let Ok((mut s, _)) = listener.accept().await else {
                return;
            };
            let seen = seen.clone();
            tokio::spawn(async move {
                let mut buf = vec![0u8; 8192];
                let mut n = 0;
                // Headers and the small form arrive together or nearly so.
                while n < buf.len() {
                    let read = s.read(&mut buf[n..]).await.unwrap_or(0);
                    n += read;
                    let text = String::from_utf8_lossy(&buf[..n]);
                    if read == 0 || text.contains("\r\n\r\n") && text.contains("response=") {
                        break;
                    }
                }
                let text = String::from_utf8_lossy(&buf[..n]).to_string();
                let form = text.split("\r\n\r\n").nth(1).unwrap_or("").to_owned();
                seen.lock().unwrap().push(form.clone());
                let body = if form.contains("response=slow") {
                    tokio::time::sleep(Duration::from_secs(60)).await;
                    return;
                } else if form.contains("response=junk") {
                    "<html>".to_owned()
                } else if form.contains("response=good") && form.contains("secret=s3cret") {
                    r#"{"success": true}"#.to_owned()
                } else {
                    r#"{"success": false, "error-codes": ["invalid-input-response"]}"#.to_owned()
                };
                let reply = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = s.write_all(reply.as_bytes()).await;
            });
        }
    });
    addr
}

fn check(addr: SocketAddr) -> Siteverify {
    let url = format!("http://{addr}/siteverify");
    let config = SiteverifyConfig::new(&url, "s3cret", "site", "https://example.test/api.js")
        .unwrap()
        .with_timeout(Duration::from_millis(500));
    Siteverify::new(config)
}

#[tokio::test]
async fn the_provider_decides_and_silence_or_nonsense_is_unavailable() {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let check = check(provider(seen.clone()).await);
    let now = Utc::now();
    let token = |t: &str| ChallengeAnswer::token(t).unwrap();
    let good = check.verify(&token("good"), Some("203.0.113.9"), now).await;
    assert_eq!(good, Ok(Verdict::Passed { once: None }));
    assert!(seen.lock().unwrap()[0].contains("remoteip=203.0.113.9"));
    let bad = check.verify(&token("bad"), None, now).await.unwrap();
    assert!(
        matches!(bad, Verdict::Failed(ref why) if why.contains("invalid-input-response")),
        "{bad:?}"
    );
    for never in ["slow", "junk"] {
        let answer = check.verify(&token(never), None, now).await;
        assert!(
            matches!(answer, Err(RepoError::Unavailable(_))),
            "{never}: {answer:?}"
        );
    }
    let solution = ChallengeAnswer::solution("id", "1").unwrap();
    assert!(matches!(
        check.verify(&solution, None, now).await,
        Ok(Verdict::Failed(_))
    ));
}

#[tokio::test]
async fn a_provider_that_is_not_there_is_unavailable() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let answer = check(addr)
        .verify(&ChallengeAnswer::token("good").unwrap(), None, Utc::now())
        .await;
    assert!(
        matches!(answer, Err(RepoError::Unavailable(_))),
        "{answer:?}"
    );
}

#[test]
fn only_http_urls_are_taken() {
    assert!(SiteverifyConfig::new("ftp://x/y", "s", "k", "u").is_err());
    assert!(SiteverifyConfig::new("not a url", "s", "k", "u").is_err());
}
