//! Each conversation's timeline as shown: every message once, in seq order. A message
//! past the next seq waits until the hole before it is filled.

use std::collections::{BTreeMap, HashMap};

use chat_protocol::objects::Message;
use uuid::Uuid;

use crate::store::Mark;

/// What an offered message leads to.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Shown {
    /// Messages to show now, in seq order.
    pub messages: Vec<Message>,
    /// A hole after this seq waits to be filled (history `after_seq`).
    pub hole_after: Option<u64>,
}

/// Messages that came early, per conversation.
#[derive(Debug, Default)]
pub(crate) struct Held(HashMap<Uuid, BTreeMap<u64, Message>>);

impl Held {
    /// Offers `m` to its conversation at `mark`: shows it (and any held ones that follow)
    /// if it is next, holds it if it is early, drops it if it was shown.
    pub fn offer(&mut self, mark: &mut Mark, m: Message) -> Shown {
        let id = m.conversation_id;
        if m.seq <= mark.seq {
            return Shown::default();
        }
        let held = self.0.entry(id).or_default();
        held.insert(m.seq, m);
        let mut messages = Vec::new();
        while let Some(next) = held.remove(&(mark.seq + 1)) {
            mark.seq = next.seq;
            messages.push(next);
        }
        let hole_after = (!held.is_empty()).then_some(mark.seq);
        if held.is_empty() {
            self.0.remove(&id);
        }
        Shown {
            messages,
            hole_after,
        }
    }

    /// Forgets a conversation (left).
    /// A change to a message held back: it shows as it is now once its turn comes.
    pub fn update(&mut self, m: Message) {
        if let Some(held) = self.0.get_mut(&m.conversation_id) {
            if let Some(slot) = held.get_mut(&m.seq) {
                *slot = m;
            }
        }
    }

    pub fn forget(&mut self, id: Uuid) {
        self.0.remove(&id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(conv: Uuid, seq: u64) -> Message {
        serde_json::from_value(serde_json::json!({
            "id": Uuid::new_v4(), "conversation_id": conv, "seq": seq,
            "sender_id": Uuid::new_v4(), "kind": "text", "body": format!("m{seq}"),
            "client_msg_id": null, "created_at": "2026-12-02T00:00:00Z"
        }))
        .unwrap()
    }

    #[test]
    fn each_message_shows_once_in_seq_order_and_a_hole_is_reported() {
        let conv = Uuid::new_v4();
        let mut held = Held::default();
        let mut mark = Mark::default();
        let seqs = |s: &Shown| s.messages.iter().map(|m| m.seq).collect::<Vec<_>>();
        let first = held.offer(&mut mark, message(conv, 1));
        assert_eq!((seqs(&first), first.hole_after), (vec![1], None));
        let early = held.offer(&mut mark, message(conv, 3));
        assert_eq!((seqs(&early), early.hole_after), (vec![], Some(1)));
        assert!(
            held.offer(&mut mark, message(conv, 1)).messages.is_empty(),
            "shown once"
        );
        let filled = held.offer(&mut mark, message(conv, 2));
        assert_eq!((seqs(&filled), filled.hole_after), (vec![2, 3], None));
        assert_eq!(mark.seq, 3);
        assert!(held.offer(&mut mark, message(conv, 3)).messages.is_empty());
    }

    #[test]
    fn a_held_message_shows_as_changed_meanwhile() {
        let conv = Uuid::new_v4();
        let mut held = Held::default();
        let mut mark = Mark::default();
        held.offer(&mut mark, message(conv, 2));
        let mut edited = message(conv, 2);
        edited.body = Some("edited".into());
        held.update(edited);
        held.update(message(conv, 9)); // not held: nothing to change
        let shown = held.offer(&mut mark, message(conv, 1));
        let bodies: Vec<&str> = shown
            .messages
            .iter()
            .filter_map(|m| m.body.as_deref())
            .collect();
        assert_eq!(bodies, ["m1", "edited"]);
    }
}
