//! Files: upload and download with ranges, the size limit, type sniffing, and who may
//! read a file. Stored on local disk under a temporary data directory.

mod support;

use sha2::Digest;
use std::path::PathBuf;

use bytes::Bytes;
use http::{Method, Request, StatusCode};
use http_body_util::Full;
use serde_json::json;

use support::*;

struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

async fn server(max_mb: u64) -> (Server, TempDir) {
    let dir =
        TempDir(std::env::temp_dir().join(format!("chat-files-{}", uuid::Uuid::new_v4().simple())));
    let data = dir.0.clone();
    let s = Server::start_with(move |c| {
        c.store = chat_server::Store::Txt;
        c.data_dir = data;
        c.chat.upload_max_mb = max_mb;
    })
    .await;
    (s, dir)
}

async fn upload(s: &Server, user: &User, name: &str, bytes: Vec<u8>, declared: &str) -> Resp {
    let req = Request::builder()
        .method(Method::POST)
        .uri(s.url(&format!("/api/v1/files?name={name}")))
        .header("authorization", format!("Bearer {}", user.token))
        .header("content-type", declared)
        .body(Full::new(Bytes::from(bytes)))
        .unwrap();
    s.raw(req).await
}

async fn download(s: &Server, user: &User, id: &str, range: Option<&str>) -> Resp {
    let mut b = Request::builder()
        .uri(s.url(&format!("/api/v1/files/{id}")))
        .header("authorization", format!("Bearer {}", user.token));
    if let Some(r) = range {
        b = b.header("range", r);
    }
    s.raw(b.body(Full::new(Bytes::new())).unwrap()).await
}

/// A 2×3 PNG's first bytes: signature and IHDR (enough for sniffing and sizing).
fn png() -> Vec<u8> {
    let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x02\0\0\0\x03\x08\x02\0\0\0".to_vec();
    b.extend_from_slice(&[0x90, 0x77, 0x53, 0xde]);
    b
}

fn header<'a>(r: &'a Resp, name: &str) -> &'a str {
    r.headers.get(name).map_or("", |v| v.to_str().unwrap_or(""))
}

#[tokio::test]
async fn a_5_mb_file_comes_back_byte_for_byte_and_in_ranges() {
    let (s, _dir) = server(10).await;
    let alice = s.user("alice").await;
    let data: Vec<u8> = (0..5 * 1024 * 1024u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let up = upload(
        &s,
        &alice,
        "data.bin",
        data.clone(),
        "application/octet-stream",
    )
    .await;
    assert_eq!(up.status, StatusCode::CREATED, "{}", up.text);
    assert_eq!(up.json["size"], data.len());
    assert_eq!(
        up.json["sha256"],
        format!("{:x}", sha2::Sha256::digest(&data))
    );
    let id = up.json["file_id"].as_str().unwrap().to_owned();

    let whole = download(&s, &alice, &id, None).await;
    assert_eq!(whole.status, StatusCode::OK);
    assert!(whole.bytes == data, "the bytes differ");
    assert_eq!(header(&whole, "content-type"), "application/octet-stream");
    assert_eq!(
        header(&whole, "content-disposition"),
        "attachment; filename*=UTF-8''data.bin"
    );
    assert_eq!(header(&whole, "x-content-type-options"), "nosniff");

    let part = download(&s, &alice, &id, Some("bytes=1000-1999")).await;
    assert_eq!(part.status, StatusCode::PARTIAL_CONTENT);
    assert_eq!(
        header(&part, "content-range"),
        format!("bytes 1000-1999/{}", data.len())
    );
    assert!(part.bytes[..] == data[1000..2000]);
    let tail = download(&s, &alice, &id, Some("bytes=-10")).await;
    assert!(tail.bytes[..] == data[data.len() - 10..]);
    let past = download(&s, &alice, &id, Some("bytes=6000000-")).await;
    assert_eq!(past.status, StatusCode::RANGE_NOT_SATISFIABLE);
    assert_eq!(
        header(&past, "content-range"),
        format!("bytes */{}", data.len())
    );
}

#[tokio::test]
async fn an_upload_past_the_limit_is_refused_with_413() {
    let (s, _dir) = server(1).await;
    let alice = s.user("alice").await;
    let big = upload(
        &s,
        &alice,
        "big",
        vec![7; 1024 * 1024 + 1],
        "application/octet-stream",
    )
    .await;
    assert_eq!(
        (big.status, big.json["error"]["code"].as_str()),
        (StatusCode::PAYLOAD_TOO_LARGE, Some("too_large"))
    );
    let fits = upload(
        &s,
        &alice,
        "fits",
        vec![7; 1024 * 1024],
        "application/octet-stream",
    )
    .await;
    assert_eq!(fits.status, StatusCode::CREATED);
    let empty = upload(&s, &alice, "empty", vec![], "text/plain").await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_type_comes_from_the_bytes_not_the_label() {
    let (s, _dir) = server(10).await;
    let (alice, bob) = (s.user("alice").await, s.user("bob").await);
    let dm = s.direct(&alice, &bob).await;
    let image = upload(&s, &alice, "photo", png(), "text/plain").await;
    assert_eq!(
        (
            image.json["content_type"].as_str(),
            image.json["width"].as_u64(),
            image.json["height"].as_u64()
        ),
        (Some("image/png"), Some(2), Some(3))
    );
    let exe = b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0".to_vec();
    let fake = upload(&s, &alice, "photo.png", exe, "image/png").await;
    assert_eq!(fake.status, StatusCode::CREATED);
    assert_ne!(fake.json["content_type"], "image/png");
    let id = fake.json["file_id"].as_str().unwrap();
    let served = download(&s, &alice, id, None).await;
    assert!(!header(&served, "content-type").starts_with("image/"));
    assert!(header(&served, "content-disposition").starts_with("attachment"));
    // Nor can it be sent as an image.
    let path = format!("/api/v1/conversations/{dm}/messages");
    let as_image = s
        .post(&path, Some(&alice.token), json!({"client_msg_id": "i1", "kind": "image", "body": json!({"file_id": id}).to_string()}))
        .await;
    assert_eq!(
        as_image.status,
        StatusCode::BAD_REQUEST,
        "{}",
        as_image.text
    );
}

#[tokio::test]
async fn only_the_uploader_and_members_of_a_conversation_that_got_it_can_read_it() {
    let (s, _dir) = server(10).await;
    let (alice, bob, carol) = (
        s.user("alice").await,
        s.user("bob").await,
        s.user("carol").await,
    );
    let dm = s.direct(&alice, &bob).await;
    let up = upload(&s, &alice, "照片.png", png(), "image/png").await;
    let id = up.json["file_id"].as_str().unwrap().to_owned();
    let unknown = uuid::Uuid::new_v4().to_string();

    // Before it is sent: the uploader only. A stranger cannot tell it from a missing id.
    assert_eq!(download(&s, &alice, &id, None).await.status, StatusCode::OK);
    let refused = download(&s, &bob, &id, None).await;
    let missing = download(&s, &bob, &unknown, None).await;
    assert_eq!(
        (refused.status, &refused.json),
        (missing.status, &missing.json)
    );
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    // Bob cannot attach a file that is not his to read.
    let path = format!("/api/v1/conversations/{dm}/messages");
    let stolen = s
        .post(&path, Some(&bob.token), json!({"client_msg_id": "b1", "kind": "file", "body": json!({"file_id": id}).to_string()}))
        .await;
    assert_eq!(stolen.status, StatusCode::BAD_REQUEST);

    let sent = s
        .post(&path, Some(&alice.token), json!({"client_msg_id": "a1", "kind": "image", "body": json!({"file_id": id}).to_string()}))
        .await;
    assert_eq!(sent.status, StatusCode::CREATED, "{}", sent.text);
    let body: serde_json::Value =
        serde_json::from_str(sent.json["body"].as_str().unwrap()).unwrap();
    assert_eq!(
        body,
        json!({"file_id": id, "name": "照片.png", "content_type": "image/png", "size": png().len(), "width": 2, "height": 3})
    );
    let seen = download(&s, &bob, &id, None).await;
    assert_eq!(seen.status, StatusCode::OK);
    assert!(seen.bytes[..] == png()[..]);
    assert!(header(&seen, "content-disposition")
        .starts_with("inline; filename*=UTF-8''%E7%85%A7%E7%89%87.png"));
    assert_eq!(
        download(&s, &carol, &id, None).await.status,
        StatusCode::NOT_FOUND
    );
}

/// A user runs at most `CHAT_MAX_TRANSFERS_PER_USER` (4) transfers at once: four
/// downloads whose reader has stopped keep the fifth out (429) until one goes away;
/// another user is unaffected.
#[tokio::test]
async fn a_user_runs_at_most_four_transfers_at_once() {
    use tokio::io::AsyncWriteExt;
    let (s, _dir) = server(32).await;
    let (ana, ben) = (s.user("ana").await, s.user("ben").await);
    let big = upload(
        &s,
        &ana,
        "big.bin",
        vec![3; 24 * 1024 * 1024],
        "application/octet-stream",
    )
    .await;
    assert_eq!(big.status, StatusCode::CREATED, "{}", big.text);
    let id = big.json["file_id"].as_str().unwrap().to_owned();
    let mut stalled = Vec::new();
    for _ in 0..4 {
        let mut c = tokio::net::TcpStream::connect(s.addr).await.unwrap();
        let head = format!(
            "GET /api/v1/files/{id} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {}\r\n\r\n",
            ana.token
        );
        c.write_all(head.as_bytes()).await.unwrap();
        stalled.push(c); // never read: the server's writes stall once the buffers fill
    }
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let fifth = download(&s, &ana, &id, Some("bytes=0-9")).await;
    assert_eq!(
        fifth.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        fifth.text
    );
    let file = upload(&s, &ana, "more.txt", b"more".to_vec(), "text/plain").await;
    assert_eq!(
        file.status,
        StatusCode::TOO_MANY_REQUESTS,
        "uploads count too"
    );
    let own = upload(&s, &ben, "b.txt", b"ben's".to_vec(), "text/plain").await;
    assert_eq!(
        own.status,
        StatusCode::CREATED,
        "another user is not limited by ana's"
    );

    drop(stalled.pop());
    let mut freed = false;
    for _ in 0..50 {
        if download(&s, &ana, &id, Some("bytes=0-9")).await.status == StatusCode::PARTIAL_CONTENT {
            freed = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(freed, "a transfer that went away frees its slot");
}

/// Uploads stop (507) while the file store's disk has less free space than
/// `CHAT_MIN_FREE_DISK_MB`, so messages can still be stored; an upload past the
/// uploader's `CHAT_UPLOAD_QUOTA_MB` is 413; neither leaves anything behind.
#[tokio::test]
async fn uploads_stop_at_the_disk_floor_and_at_the_quota() {
    let dir =
        TempDir(std::env::temp_dir().join(format!("chat-floor-{}", uuid::Uuid::new_v4().simple())));
    let data = dir.0.clone();
    let s = Server::start_with(move |c| {
        c.store = chat_server::Store::Txt;
        c.data_dir = data;
        c.chat.min_free_disk_mb = u64::MAX >> 20; // more than any disk has
    })
    .await;
    let ana = s.user("ana").await;
    let r = upload(&s, &ana, "a.txt", b"hello".to_vec(), "text/plain").await;
    assert_eq!(r.status, StatusCode::INSUFFICIENT_STORAGE, "{}", r.text);
    assert_eq!(r.json["error"]["code"], "insufficient_storage");
    let dm = s.direct(&ana, &s.user("ben").await).await;
    let mut ws = s.ws(&ana).await;
    let ack = ws
        .request(frames::send(&dm, "m1", "messages still go"), "r")
        .await;
    assert_eq!(ack["type"], "ack", "{ack}");

    let dir =
        TempDir(std::env::temp_dir().join(format!("chat-quota-{}", uuid::Uuid::new_v4().simple())));
    let data = dir.0.clone();
    let s = Server::start_with(move |c| {
        c.store = chat_server::Store::Txt;
        c.data_dir = data;
        c.chat.upload_quota_mb = 1;
    })
    .await;
    let ana = s.user("ana").await;
    let r = upload(
        &s,
        &ana,
        "a.bin",
        vec![1; 700 * 1024],
        "application/octet-stream",
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let r = upload(
        &s,
        &ana,
        "b.bin",
        vec![2; 700 * 1024],
        "application/octet-stream",
    )
    .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", r.text);
    let tmp = std::fs::read_dir(dir.0.join("files/tmp")).map_or(0, |d| d.count());
    assert_eq!(tmp, 0, "the refused upload left no temporary file");
}
