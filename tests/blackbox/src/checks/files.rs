use bytes::Bytes;
use http::Method;

use chat_protocol::http::SendRequest;
use chat_protocol::objects::{Attachment, FileInfo, Message, MessageKind};

use crate::world::{direct, text, user};
use crate::Target;

/// A 3×2 PNG.
const PNG: [u8; 73] = [
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0x02, 0x08, 0x02, 0x00, 0x00, 0x00, 0x12, 0x16, 0xf1,
    0x4d, 0x00, 0x00, 0x00, 0x10, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0x00,
    0x41, 0x0c, 0x70, 0x16, 0x00, 0x41, 0xd2, 0x05, 0xfb, 0x87, 0xf0, 0xb9, 0x48, 0x00, 0x00, 0x00,
    0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

/// Uploads are typed by their bytes and served whole or by range; a file sent in a
/// message becomes readable to the members, and stays unreadable to everyone else.
pub async fn it_should_upload_and_serve_files_to_those_who_may_read_them(t: &Target) {
    let (alice, bob, eve) = (
        user(t, "alice").await,
        user(t, "bob").await,
        user(t, "eve").await,
    );
    let up = t
        .send(
            Method::POST,
            "/api/v1/files?name=pixel.png",
            Some(&alice.token),
            Some(Bytes::from_static(&PNG)),
            Some("text/plain"),
        )
        .await
        .expect(201);
    let info: FileInfo = up.parse();
    assert_eq!(
        (
            info.content_type.as_str(),
            info.size,
            info.width,
            info.height
        ),
        ("image/png", 73, Some(3), Some(2))
    );
    let path = format!("/api/v1/files/{}", info.file_id);
    let whole = t.get(&path, &alice.token).await.expect(200);
    assert_eq!(&whole.bytes[..], &PNG[..]);
    assert_eq!(whole.headers["content-type"], "image/png");
    t.get(&path, &bob.token).await.expect(404);

    let dm = direct(t, &alice, &bob).await;
    let body = serde_json::json!({"file_id": info.file_id}).to_string();
    let image = SendRequest {
        kind: MessageKind::Image,
        ..text("img-1", &body)
    };
    let sent: Message = t
        .post(
            &format!("/api/v1/conversations/{dm}/messages"),
            Some(&alice.token),
            &image,
        )
        .await
        .expect(201)
        .parse();
    let stored: Attachment = serde_json::from_str(sent.body.as_deref().unwrap()).unwrap();
    assert_eq!(
        (stored.file_id, stored.name.as_deref(), stored.width),
        (info.file_id, Some("pixel.png"), Some(3))
    );

    let range = t
        .get_with(&path, &bob.token, ("range", "bytes=1-3"))
        .await
        .expect(206);
    assert_eq!(
        &range.bytes[..],
        &PNG[1..=3],
        "readable to a member now, by range"
    );
    assert_eq!(range.headers["content-range"], "bytes 1-3/73");
    t.get_with(&path, &bob.token, ("range", "bytes=500-"))
        .await
        .expect(416);
    assert_eq!(
        t.get(&path, &eve.token).await.expect(404).code(),
        "not_found"
    );
    let empty = t
        .send(
            Method::POST,
            "/api/v1/files",
            Some(&alice.token),
            Some(Bytes::new()),
            None,
        )
        .await;
    assert_eq!(empty.expect(400).code(), "bad_request");
}
