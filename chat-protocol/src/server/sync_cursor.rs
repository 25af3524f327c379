//! The sync cursor on the wire: versioned bytes in base64url without padding, opaque to
//! clients. Anything that does not decode is refused as a cursor from elsewhere.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chat_app::{AppError, StampMark, SyncAnswer, SyncCursor, SyncPage, SEEN_MAX};
use chat_domain::ids::ConversationId;
use chat_domain::values::SyncLimit;
use uuid::Uuid;

const VERSION: u8 = 1;

/// The cursor as its wire string.
pub fn encode(c: &SyncCursor) -> String {
    let mut out = vec![VERSION];
    for mark in [&c.conversations, &c.messages] {
        out.extend(mark.epoch.to_le_bytes());
        out.extend(mark.since.to_le_bytes());
        out.push(mark.seen.len().min(SEEN_MAX) as u8);
        for (id, print) in mark.seen.iter().take(SEEN_MAX) {
            out.extend(id.as_uuid().as_bytes());
            out.extend(print.to_le_bytes());
        }
    }
    match c.page {
        None => out.push(0),
        Some(p) => {
            out.push(1);
            out.extend(p.after.as_uuid().as_bytes());
            out.push(u8::from(p.full));
            out.extend(p.conversations_until.to_le_bytes());
            out.extend(p.messages_until.to_le_bytes());
        }
    }
    URL_SAFE_NO_PAD.encode(out)
}

/// A wire string as a cursor.
///
/// # Errors
/// `bad_request`, saying to sync again without `since`, for anything this server did
/// not write.
pub fn decode(text: &str) -> Result<SyncCursor, AppError> {
    let bad = || {
        AppError::BadRequest(
            "`since` is not a sync cursor of this server: sync again without `since`".into(),
        )
    };
    let bytes = URL_SAFE_NO_PAD.decode(text).map_err(|_| bad())?;
    read(&bytes).map_err(|()| bad())
}

fn read(bytes: &[u8]) -> Result<SyncCursor, ()> {
    let mut r = Reader(bytes);
    if r.byte()? != VERSION {
        return Err(());
    }
    let conversations = r.mark()?;
    let messages = r.mark()?;
    let page = match r.byte()? {
        0 => None,
        1 => Some(SyncPage {
            after: r.id()?,
            full: match r.byte()? {
                0 => false,
                1 => true,
                _ => return Err(()),
            },
            conversations_until: r.u64()?,
            messages_until: r.u64()?,
        }),
        _ => return Err(()),
    };
    if !r.0.is_empty() {
        return Err(());
    }
    Ok(SyncCursor {
        conversations,
        messages,
        page,
    })
}

struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn take<const N: usize>(&mut self) -> Result<[u8; N], ()> {
        let (head, rest) = self.0.split_first_chunk::<N>().ok_or(())?;
        self.0 = rest;
        Ok(*head)
    }

    fn byte(&mut self) -> Result<u8, ()> {
        self.take::<1>().map(|[b]| b)
    }

    fn u64(&mut self) -> Result<u64, ()> {
        self.take().map(u64::from_le_bytes)
    }

    fn id(&mut self) -> Result<ConversationId, ()> {
        self.take()
            .map(|b| ConversationId::from_uuid(Uuid::from_bytes(b)))
    }

    fn mark(&mut self) -> Result<StampMark, ()> {
        let epoch = self.u64()?;
        let since = self.u64()?;
        let n = usize::from(self.byte()?);
        if n > SEEN_MAX {
            return Err(());
        }
        let seen = (0..n)
            .map(|_| Ok((self.id()?, self.u64()?)))
            .collect::<Result<_, ()>>()?;
        Ok(StampMark { epoch, since, seen })
    }
}

/// A sync request's `since` and `limit` as the core's values.
///
/// # Errors
/// `bad_request` for a cursor this server did not write or a limit of 0.
pub fn request(
    since: Option<&str>,
    limit: Option<u64>,
) -> Result<(Option<SyncCursor>, SyncLimit), AppError> {
    let since = since.map(decode).transpose()?;
    let limit = match limit {
        Some(n) => SyncLimit::new(n)?,
        None => SyncLimit::default(),
    };
    Ok((since, limit))
}

/// A sync answer on the wire.
pub fn answer(a: &SyncAnswer) -> crate::http::SyncAnswer {
    crate::http::SyncAnswer {
        cursor: encode(&a.cursor),
        more: a.more,
        conversations: a.conversations.iter().map(Into::into).collect(),
        left: a.left.iter().map(|id| *id.as_uuid()).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cursor(page: Option<SyncPage>) -> SyncCursor {
        SyncCursor {
            conversations: StampMark {
                epoch: u64::MAX,
                since: 1_700_000_000_000_000,
                seen: vec![(ConversationId::new(), 42), (ConversationId::new(), 7)],
            },
            messages: StampMark {
                epoch: 3,
                since: 0,
                seen: Vec::new(),
            },
            page,
        }
    }

    #[test]
    fn a_cursor_comes_back_as_it_went() {
        let paged = Some(SyncPage {
            after: ConversationId::new(),
            full: true,
            conversations_until: 9,
            messages_until: 11,
        });
        for c in [cursor(None), cursor(paged)] {
            let text = encode(&c);
            assert!(text
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
            assert_eq!(decode(&text).unwrap(), c);
        }
    }

    #[test]
    fn anything_else_is_a_bad_request() {
        let good = encode(&cursor(None));
        let mut longer = URL_SAFE_NO_PAD.decode(&good).unwrap();
        longer.push(0);
        let mut other_version = URL_SAFE_NO_PAD.decode(&good).unwrap();
        other_version[0] = 2;
        for text in [
            String::new(),
            "garbage!".into(),
            good[..good.len() - 3].to_owned(),
            URL_SAFE_NO_PAD.encode(longer),
            URL_SAFE_NO_PAD.encode(other_version),
        ] {
            assert!(
                matches!(decode(&text), Err(AppError::BadRequest(_))),
                "{text}"
            );
        }
    }
}
