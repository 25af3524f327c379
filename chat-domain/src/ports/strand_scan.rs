//! A strand's page read from full history pages: what a store without a thread index
//! answers [`MessageRepository::strand_page`] with.

use crate::entities::Message;
use crate::ids::ConversationId;
use crate::ports::MessageRepository;
use crate::values::{Limit, PageQuery, Seq, StrandQuery};
use crate::RepoError;

/// The page `q` asks for, read from `repo`'s history in steps of [`Limit::MAX`]
/// messages: forward from the lower bound when `after` is set, otherwise back from
/// `before` (or the end) down to the strand's floor.
///
/// # Errors
/// As [`MessageRepository::page`].
pub async fn scan_strand<R: MessageRepository + ?Sized>(
    repo: &R,
    id: ConversationId,
    q: StrandQuery,
) -> Result<Vec<Message>, RepoError> {
    let step = Limit::new(Limit::MAX as u64).map_err(|e| RepoError::Corrupt(e.to_string()))?;
    let want = q.limit.get();
    let below = |m: &Message| q.before.is_none_or(|b| m.seq < b);
    let mut out = Vec::new();
    if q.after.is_some() {
        let mut lower = q.lower();
        loop {
            let page = match Seq::new(lower) {
                Ok(after) => repo.page(id, PageQuery::after(after, step)).await?,
                // Seqs start at 1 with no gaps: "after 0" is the page below step + 1.
                Err(_) => {
                    repo.page(id, PageQuery::before(first_past(step)?, step))
                        .await?
                }
            };
            for m in &page {
                if !below(m) {
                    return Ok(out);
                }
                if q.strand.holds(m) {
                    out.push(m.clone());
                    if out.len() == want {
                        return Ok(out);
                    }
                }
            }
            match page.last() {
                Some(last) if page.len() == step.get() => lower = last.seq.get(),
                _ => return Ok(out),
            }
        }
    }
    let floor = q.strand.floor();
    let mut before = q.before;
    loop {
        let query = match before {
            Some(b) => PageQuery::before(b, step),
            None => PageQuery::latest(step),
        };
        let page = repo.page(id, query).await?;
        for m in page.iter().rev() {
            if m.seq.get() <= floor {
                out.reverse();
                return Ok(out);
            }
            if q.strand.holds(m) {
                out.push(m.clone());
                if out.len() == want {
                    out.reverse();
                    return Ok(out);
                }
            }
        }
        match page.first() {
            Some(first) if page.len() == step.get() => before = Some(first.seq),
            _ => {
                out.reverse();
                return Ok(out);
            }
        }
    }
}

fn first_past(step: Limit) -> Result<Seq, RepoError> {
    Seq::new(step.get() as u64 + 1).map_err(|e| RepoError::Corrupt(e.to_string()))
}
