//! Rows of many conversations, read in one query, handed back per conversation.

use std::collections::HashMap;

use chat_domain::entities::Participant;
use chat_domain::ids::ConversationId;

/// `found` (in join order) split by conversation, in the order of `ids`; a conversation
/// without rows gets an empty list.
///
/// ```
/// # use chat_domain::ids::ConversationId;
/// let ids = [ConversationId::new(), ConversationId::new()];
/// let grouped = chat_sql_kit::group_by_conversation(&ids, Vec::new());
/// assert_eq!(grouped, vec![Vec::new(), Vec::new()]);
/// ```
pub fn group_by_conversation(
    ids: &[ConversationId],
    found: Vec<Participant>,
) -> Vec<Vec<Participant>> {
    let mut by_id: HashMap<ConversationId, Vec<Participant>> = HashMap::new();
    for p in found {
        by_id.entry(p.conversation_id).or_default().push(p);
    }
    ids.iter()
        .map(|id| by_id.remove(id).unwrap_or_default())
        .collect()
}
