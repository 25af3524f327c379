//! Reports: one open report per reporter and message, listed oldest first, settled once.

use chrono::Duration;

use chat_domain::entities::{Report, ReportAction, Resolution};
use chat_domain::ids::{ConversationId, ReportId, UserId};
use chat_domain::values::{ReportReason, Seq};
use chat_domain::RepoError;

use crate::fixtures::t0;
use crate::StorageHarness;

fn report(conv: ConversationId, seq: u64, reporter: UserId, offset_s: i64) -> Report {
    Report {
        id: ReportId::new(),
        conversation_id: conv,
        seq: Seq::new(seq).unwrap(),
        reporter_id: reporter,
        reason: ReportReason::parse("垃圾信息 / spam\nsecond line").unwrap(),
        created_at: t0() + Duration::seconds(offset_s),
        resolution: None,
    }
}

/// Reports come back as stored, open ones and settled ones apart, oldest first and paged;
/// a second open report of one message by one reporter is refused (also when racing),
/// one after the first is settled is not; a report is settled once.
pub async fn it_should_keep_a_queue_of_reports_settled_once(h: &impl StorageHarness) {
    let s = h.open().await;
    let (conv, ana, ben) = (ConversationId::new(), UserId::new(), UserId::new());
    let first = report(conv, 1, ana, 0);
    let second = report(conv, 1, ben, 5);
    let third = report(conv, 2, ana, 9);
    for r in [&third, &first, &second] {
        s.reports.create(r).await.unwrap();
    }
    let twin = report(conv, 1, ana, 20);
    let err = s.reports.create(&twin).await.unwrap_err();
    assert!(matches!(err, RepoError::Conflict(_)), "{err:?}");
    let racers: Vec<_> = (0..5).map(|i| report(conv, 7, ben, 30 + i)).collect();
    let tasks: Vec<_> = racers
        .iter()
        .map(|r| {
            let (reports, r) = (s.reports.clone(), r.clone());
            tokio::spawn(async move { reports.create(&r).await })
        })
        .collect();
    let mut created = 0;
    for t in tasks {
        created += usize::from(t.await.unwrap().is_ok());
    }
    assert_eq!(created, 1);

    let s = h.reopen().await;
    let open = s.reports.list(false, None, 2).await.unwrap();
    assert_eq!(open, vec![first.clone(), second.clone()]);
    let next = s.reports.list(false, Some(second.id), 10).await.unwrap();
    assert_eq!(next.len(), 2);
    assert_eq!(next[0], third);
    assert!(s
        .reports
        .list(false, Some(ReportId::new()), 10)
        .await
        .unwrap()
        .is_empty());
    let settle = Resolution {
        action: ReportAction::RemoveMessage,
        by: UserId::new(),
        at: t0() + Duration::seconds(60),
    };
    let settled = s.reports.resolve(first.id, &settle).await.unwrap();
    assert_eq!(settled.resolution, Some(settle.clone()));
    let again = s.reports.resolve(first.id, &settle).await.unwrap_err();
    assert!(matches!(again, RepoError::Conflict(_)), "{again:?}");
    let missing = s
        .reports
        .resolve(ReportId::new(), &settle)
        .await
        .unwrap_err();
    assert!(matches!(missing, RepoError::NotFound(_)), "{missing:?}");
    s.reports.create(&twin).await.unwrap();

    let s = h.reopen().await;
    assert_eq!(
        s.reports.get(first.id).await.unwrap(),
        Some(settled.clone())
    );
    assert_eq!(s.reports.list(true, None, 10).await.unwrap(), vec![settled]);
    let open: Vec<_> = s.reports.list(false, None, 10).await.unwrap();
    assert_eq!(open.len(), 4);
    assert!(!open.iter().any(|r| r.id == first.id));
    let order: Vec<_> = open.iter().map(|r| (r.created_at, r.id)).collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "oldest first");
    assert_eq!(
        open[2], twin,
        "after second (5 s) and third (9 s), before the racer"
    );
    assert_eq!(s.reports.get(ReportId::new()).await.unwrap(), None);
}
