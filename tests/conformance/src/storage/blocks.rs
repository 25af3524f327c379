//! Blocks: kept per blocker, most recent first; found from the blocked side too.

use chrono::Duration;

use chat_domain::ids::UserId;

use crate::fixtures::t0;
use crate::StorageHarness;

/// A block holds until taken back; blocking again changes nothing (not even its time);
/// each side finds it.
pub async fn it_should_keep_who_blocks_whom(h: &impl StorageHarness) {
    let s = h.open().await;
    let (ana, ben, cy, di) = (UserId::new(), UserId::new(), UserId::new(), UserId::new());
    let at = |secs| t0() + Duration::seconds(secs);
    s.blocks.block(ana, ben, at(0)).await.unwrap();
    s.blocks.block(ana, cy, at(5)).await.unwrap();
    s.blocks.block(ana, ben, at(9)).await.unwrap();
    s.blocks.block(di, ben, at(1)).await.unwrap();
    s.blocks.unblock(cy, ana).await.unwrap();

    let s = h.reopen().await;
    let listed = s.blocks.blocked_by(ana).await.unwrap();
    assert_eq!(
        listed,
        [(cy, at(5)), (ben, at(0))],
        "newest first, first time kept"
    );
    let mut blockers = s.blocks.blockers_of(ben).await.unwrap();
    blockers.sort();
    let mut want = vec![ana, di];
    want.sort();
    assert_eq!(blockers, want);
    assert!(s.blocks.blockers_of(ana).await.unwrap().is_empty());
    s.blocks.unblock(ana, ben).await.unwrap();
    s.blocks.unblock(ana, ben).await.unwrap();

    let s = h.reopen().await;
    assert_eq!(s.blocks.blocked_by(ana).await.unwrap(), [(cy, at(5))]);
    assert_eq!(s.blocks.blockers_of(ben).await.unwrap(), [di]);
    assert!(s.blocks.blocked_by(ben).await.unwrap().is_empty());
}
