//! Reports in the `reports` table.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use tokio_postgres::types::ToSql;
use tokio_postgres::Row;

use chat_domain::entities::{Report, Resolution};
use chat_domain::ids::{ConversationId, ReportId, UserId};
use chat_domain::ports::ReportRepository;
use chat_domain::values::{ReportReason, Seq};
use chat_domain::RepoError;
use chat_sql_kit::reports::{action_code, action_of};

use crate::error::{corrupt, map};
use crate::Db;

const COLUMNS: &str = "id, conversation_id, seq, reporter_id, reason, created_at, action, \
     resolved_by, resolved_at";

fn from_row(row: &Row) -> Result<Report, RepoError> {
    let get = |e| corrupt("reports row", e);
    let seq: i64 = row.try_get(2).map_err(get)?;
    let reason: String = row.try_get(4).map_err(get)?;
    let action: Option<i16> = row.try_get(6).map_err(get)?;
    let by: Option<uuid::Uuid> = row.try_get(7).map_err(get)?;
    let at: Option<DateTime<Utc>> = row.try_get(8).map_err(get)?;
    let resolution = match (action, by, at) {
        (Some(action), Some(by), Some(at)) => Some(Resolution {
            action: action_of(action)?,
            by: UserId::from_uuid(by),
            at,
        }),
        _ => None,
    };
    Ok(Report {
        id: ReportId::from_uuid(row.try_get(0).map_err(get)?),
        conversation_id: ConversationId::from_uuid(row.try_get(1).map_err(get)?),
        seq: Seq::new(u64::try_from(seq).unwrap_or(0)).map_err(|e| corrupt("reports.seq", e))?,
        reporter_id: UserId::from_uuid(row.try_get(3).map_err(get)?),
        reason: ReportReason::parse(&reason).map_err(|e| corrupt("reports.reason", e))?,
        created_at: row.try_get(5).map_err(get)?,
        resolution,
    })
}

/// The [`ReportRepository`] on PostgreSQL.
pub struct PostgresReports {
    db: Db,
}

impl PostgresReports {
    pub(crate) fn new(db: Db) -> Self {
        Self { db }
    }

    async fn rows(
        &self,
        sql: &str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Vec<Report>, RepoError> {
        let conn = self.db.conn().await?;
        let statement = conn.prepare_cached(sql).await.map_err(map)?;
        let rows = conn.query(&statement, params).await.map_err(map)?;
        rows.iter().map(from_row).collect()
    }
}

#[async_trait]
impl ReportRepository for PostgresReports {
    async fn create(&self, r: &Report) -> Result<(), RepoError> {
        let seq = i64::try_from(r.seq.get()).unwrap_or(i64::MAX);
        self.rows(
            &format!(
                "INSERT INTO reports (id, conversation_id, seq, reporter_id, reason, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING {COLUMNS}"
            ),
            &[
                r.id.as_uuid(),
                r.conversation_id.as_uuid(),
                &seq,
                r.reporter_id.as_uuid(),
                &r.reason.as_str(),
                &r.created_at,
            ],
        )
        .await
        .map(drop)
    }

    async fn get(&self, id: ReportId) -> Result<Option<Report>, RepoError> {
        Ok(self
            .rows(
                &format!("SELECT {COLUMNS} FROM reports WHERE id = $1"),
                &[id.as_uuid()],
            )
            .await?
            .pop())
    }

    async fn list(
        &self,
        resolved: bool,
        after: Option<ReportId>,
        limit: usize,
    ) -> Result<Vec<Report>, RepoError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        match after {
            Some(after) => {
                self.rows(
                    &format!(
                        "SELECT {COLUMNS} FROM reports WHERE (resolved_at IS NULL) <> $1 \
                         AND (created_at, id) > \
                         (SELECT created_at, id FROM reports WHERE id = $2) \
                         ORDER BY created_at, id LIMIT $3"
                    ),
                    &[&resolved, after.as_uuid(), &limit],
                )
                .await
            }
            None => {
                self.rows(
                    &format!(
                        "SELECT {COLUMNS} FROM reports WHERE (resolved_at IS NULL) <> $1 \
                         ORDER BY created_at, id LIMIT $2"
                    ),
                    &[&resolved, &limit],
                )
                .await
            }
        }
    }

    async fn resolve(&self, id: ReportId, resolution: &Resolution) -> Result<Report, RepoError> {
        let settled = self
            .rows(
                &format!(
                    "UPDATE reports SET action = $2, resolved_by = $3, resolved_at = $4 \
                     WHERE id = $1 AND resolved_at IS NULL RETURNING {COLUMNS}"
                ),
                &[
                    id.as_uuid(),
                    &action_code(resolution.action),
                    resolution.by.as_uuid(),
                    &resolution.at,
                ],
            )
            .await?
            .pop();
        match (settled, self.get(id).await?) {
            (Some(report), _) => Ok(report),
            (None, Some(_)) => Err(RepoError::Conflict("the report is settled already".into())),
            (None, None) => Err(RepoError::NotFound(format!("report {id}"))),
        }
    }
}
