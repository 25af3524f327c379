//! Reports in the `reports` table.

use async_trait::async_trait;
use chrono::NaiveDateTime;
use mysql_async::prelude::Queryable;
use mysql_async::{Params, Row};
use uuid::Uuid;

use chat_domain::entities::{Report, Resolution};
use chat_domain::ids::{ConversationId, ReportId, UserId};
use chat_domain::ports::ReportRepository;
use chat_domain::values::{ReportReason, Seq};
use chat_domain::RepoError;
use chat_sql_kit::reports::{action_code, action_of};

use crate::codec::{decode, from_db_time, to_db_time};
use crate::error::{corrupt, map};
use crate::Db;

const SELECT: &str = "SELECT id, conversation_id, seq, reporter_id, reason, created_at, \
     action, resolved_by, resolved_at FROM reports";

type ReportRow = (
    Uuid,
    Uuid,
    u64,
    Uuid,
    String,
    NaiveDateTime,
    Option<i16>,
    Option<Uuid>,
    Option<NaiveDateTime>,
);

fn from_row(row: Row) -> Result<Report, RepoError> {
    let (id, conversation_id, seq, reporter_id, reason, created_at, action, by, at): ReportRow =
        decode(row, "reports row")?;
    let resolution = match (action, by, at) {
        (Some(action), Some(by), Some(at)) => Some(Resolution {
            action: action_of(action)?,
            by: UserId::from_uuid(by),
            at: from_db_time(at),
        }),
        _ => None,
    };
    Ok(Report {
        id: ReportId::from_uuid(id),
        conversation_id: ConversationId::from_uuid(conversation_id),
        seq: Seq::new(seq).map_err(|e| corrupt("reports.seq", e))?,
        reporter_id: UserId::from_uuid(reporter_id),
        reason: ReportReason::parse(&reason).map_err(|e| corrupt("reports.reason", e))?,
        created_at: from_db_time(created_at),
        resolution,
    })
}

/// The [`ReportRepository`] on MySQL.
pub struct MysqlReports {
    db: Db,
}

impl MysqlReports {
    pub(crate) fn new(db: Db) -> Self {
        Self { db }
    }

    async fn select(
        &self,
        filter: &str,
        params: impl Into<Params> + Send,
    ) -> Result<Vec<Report>, RepoError> {
        self.db
            .select(format!("{SELECT} {filter}"), params, from_row)
            .await
    }
}

#[async_trait]
impl ReportRepository for MysqlReports {
    async fn create(&self, r: &Report) -> Result<(), RepoError> {
        let mut conn = self.db.conn().await?;
        conn.exec_drop(
            "INSERT INTO reports (id, conversation_id, seq, reporter_id, reason, created_at, \
             open_flag) VALUES (?, ?, ?, ?, ?, ?, 1)",
            (
                *r.id.as_uuid(),
                *r.conversation_id.as_uuid(),
                r.seq.get(),
                *r.reporter_id.as_uuid(),
                r.reason.as_str(),
                to_db_time(r.created_at),
            ),
        )
        .await
        .map_err(map)
    }

    async fn get(&self, id: ReportId) -> Result<Option<Report>, RepoError> {
        Ok(self.select("WHERE id = ?", (*id.as_uuid(),)).await?.pop())
    }

    async fn list(
        &self,
        resolved: bool,
        after: Option<ReportId>,
        limit: usize,
    ) -> Result<Vec<Report>, RepoError> {
        let open = if resolved {
            "open_flag IS NULL"
        } else {
            "open_flag = 1"
        };
        let limit = limit as u64;
        match after {
            Some(after) => {
                self.select(
                    &format!(
                        "WHERE {open} AND (created_at, id) > \
                         (SELECT created_at, id FROM reports WHERE id = ?) \
                         ORDER BY created_at, id LIMIT ?"
                    ),
                    (*after.as_uuid(), limit),
                )
                .await
            }
            None => {
                self.select(
                    &format!("WHERE {open} ORDER BY created_at, id LIMIT ?"),
                    (limit,),
                )
                .await
            }
        }
    }

    async fn resolve(&self, id: ReportId, resolution: &Resolution) -> Result<Report, RepoError> {
        let mut conn = self.db.conn().await?;
        conn.exec_drop(
            "UPDATE reports SET open_flag = NULL, action = ?, resolved_by = ?, resolved_at = ? \
             WHERE id = ? AND open_flag = 1",
            (
                action_code(resolution.action),
                *resolution.by.as_uuid(),
                to_db_time(resolution.at),
                *id.as_uuid(),
            ),
        )
        .await
        .map_err(map)?;
        let settled = conn.affected_rows() > 0;
        drop(conn);
        match (self.get(id).await?, settled) {
            (Some(report), true) => Ok(report),
            (Some(_), false) => Err(RepoError::Conflict("the report is settled already".into())),
            (None, _) => Err(RepoError::NotFound(format!("report {id}"))),
        }
    }
}
