//! Incoming webhooks: stored, found by their token's hash, listed per group, deleted.

use chat_domain::entities::Webhook;
use chat_domain::ids::{ConversationId, UserId, WebhookId};
use chat_domain::values::{DisplayName, TokenHash};
use chat_domain::RepoError;

use crate::fixtures::t0;
use crate::StorageHarness;

fn webhook(group: ConversationId, name: &str, offset_s: i64) -> Webhook {
    Webhook {
        id: WebhookId::new(),
        conversation_id: group,
        name: DisplayName::parse(name).unwrap(),
        token_hash: TokenHash::from_hex(format!("{:064x}", uuid::Uuid::new_v4().as_u128())),
        bot_id: UserId::new(),
        created_by: UserId::new(),
        created_at: t0() + chrono::Duration::seconds(offset_s),
    }
}

/// A webhook reads back as stored, by token and in its group's list (oldest first); a
/// taken id or token is refused; a delete names its group, and the token is found no
/// more after it.
pub async fn it_should_store_find_list_and_delete_webhooks(h: &impl StorageHarness) {
    let s = h.open().await;
    let (group, other) = (ConversationId::new(), ConversationId::new());
    let newer = webhook(group, "Deploys 🚀", 5);
    let older = webhook(group, "CI builds", 0);
    let elsewhere = webhook(other, "Alerts", 0);
    for w in [&newer, &older, &elsewhere] {
        s.webhooks.create(w).await.unwrap();
    }
    let same_token = Webhook {
        id: WebhookId::new(),
        ..webhook(group, "Twin", 9)
    };
    let same_token = Webhook {
        token_hash: older.token_hash.clone(),
        ..same_token
    };
    let err = s.webhooks.create(&same_token).await.unwrap_err();
    assert!(matches!(err, RepoError::Conflict(_)), "{err:?}");
    let same_id = Webhook {
        id: older.id,
        ..webhook(group, "Twin", 9)
    };
    let err = s.webhooks.create(&same_id).await.unwrap_err();
    assert!(matches!(err, RepoError::Conflict(_)), "{err:?}");

    let s = h.reopen().await;
    assert_eq!(
        s.webhooks.list(group).await.unwrap(),
        vec![older.clone(), newer.clone()]
    );
    let found = s.webhooks.find_by_token(&newer.token_hash).await.unwrap();
    assert_eq!(found, Some(newer.clone()));
    let unknown = TokenHash::from_hex(format!("{:064x}", 7));
    assert_eq!(s.webhooks.find_by_token(&unknown).await.unwrap(), None);
    assert_eq!(
        s.webhooks.delete(other, newer.id).await.unwrap(),
        None,
        "another group's"
    );
    assert_eq!(
        s.webhooks.delete(group, newer.id).await.unwrap(),
        Some(newer.clone())
    );
    assert_eq!(s.webhooks.delete(group, newer.id).await.unwrap(), None);

    let s = h.reopen().await;
    assert_eq!(
        s.webhooks.find_by_token(&newer.token_hash).await.unwrap(),
        None
    );
    assert_eq!(s.webhooks.list(group).await.unwrap(), vec![older]);
    assert_eq!(s.webhooks.list(other).await.unwrap(), vec![elsewhere]);
    assert!(s
        .webhooks
        .list(ConversationId::new())
        .await
        .unwrap()
        .is_empty());
}
