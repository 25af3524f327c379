//! File names, as the seed system lays them out: `chat/group/chat_{conversation}_{YYYYMMDD}.txt`
//! and `chat/private/chat_{userA}_{userB}_{YYYYMMDD}.txt` (the pair in a stable order); a
//! day file past the size limit continues in `…_{YYYYMMDD}_{part}.txt`.

use std::path::{Path, PathBuf};

use chat_domain::entities::DirectPair;
use chat_domain::ids::{ConversationId, UserId};

/// Which of the two layouts a conversation's files use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stem {
    /// `chat/group/chat_{conversation}`.
    Group(ConversationId),
    /// `chat/private/chat_{low}_{high}`.
    Private(DirectPair),
}

impl Stem {
    /// The path of the file for `date` (YYYYMMDD) and `part` (0 for the first).
    pub fn path(&self, root: &Path, date: u32, part: u32) -> PathBuf {
        let suffix = if part == 0 {
            String::new()
        } else {
            format!("_{part}")
        };
        match self {
            Stem::Group(id) => root
                .join("group")
                .join(format!("chat_{id}_{date}{suffix}.txt")),
            Stem::Private(p) => root.join("private").join(format!(
                "chat_{}_{}_{date}{suffix}.txt",
                p.low(),
                p.high()
            )),
        }
    }
}

/// The (date, part) a message file's name carries, or `None` if it is not one of ours.
pub fn date_and_part(path: &Path) -> Option<(u32, u32)> {
    let name = path.file_name()?.to_str()?.strip_prefix("chat_")?;
    let name = name
        .strip_suffix(".txt")
        .or_else(|| name.strip_suffix(".txt.gz"))?;
    let fields: Vec<&str> = name.split('_').collect();
    // Uuids hold no '_': fields are ids, then the date, then maybe a part.
    let ids = fields.iter().take_while(|f| f.len() == 36).count();
    match &fields[ids..] {
        [date] if date.len() == 8 => Some((date.parse().ok()?, 0)),
        [date, part] if date.len() == 8 => Some((date.parse().ok()?, part.parse().ok()?)),
        _ => None,
    }
}

/// The conversation a group file belongs to, from its name.
pub fn group_conversation(path: &Path) -> Option<ConversationId> {
    let name = path.file_name()?.to_str()?.strip_prefix("chat_")?;
    name.get(..36)?.parse().ok()
}

/// The stem of a private file, read from its name (`chat_{userA}_{userB}_…`).
pub fn private_stem(path: &Path) -> Option<Stem> {
    let name = path.file_name()?.to_str()?.strip_prefix("chat_")?;
    let a: UserId = name.get(..36)?.parse().ok()?;
    let b: UserId = name.get(37..73)?.parse().ok()?;
    Some(Stem::Private(DirectPair::new(a, b).ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chat_domain::ids::UserId;

    #[test]
    fn names_parse_back() {
        let root = Path::new("/d/chat");
        let g = Stem::Group(ConversationId::new());
        let p = g.path(root, 20260102, 0);
        assert_eq!(date_and_part(&p), Some((20260102, 0)));
        assert_eq!(
            date_and_part(&g.path(root, 20260102, 3)),
            Some((20260102, 3))
        );
        let Stem::Group(id) = g else { unreachable!() };
        assert_eq!(group_conversation(&p), Some(id));
        let pair = DirectPair::new(UserId::new(), UserId::new()).unwrap();
        let d = Stem::Private(pair).path(root, 20261231, 12);
        assert!(d.starts_with("/d/chat/private"));
        assert_eq!(date_and_part(&d), Some((20261231, 12)));
        assert_eq!(date_and_part(Path::new("/d/chat/group/notes.txt")), None);
        let gz = PathBuf::from(format!("{}.gz", d.display()));
        assert_eq!(date_and_part(&gz), Some((20261231, 12)));
    }
}
