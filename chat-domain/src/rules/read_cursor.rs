use crate::values::Seq;

/// Where a read cursor at `current` moves when its reader reports `requested`, in a
/// conversation whose last seq is `last_seq`: never backwards, never past `last_seq`.
/// `None` means the cursor stays where it is.
///
/// ```
/// use chat_domain::rules::advance_read_cursor;
/// use chat_domain::values::Seq;
/// let s = |n| Seq::new(n).unwrap();
/// assert_eq!(advance_read_cursor(3, s(5), 10), Some(5));
/// assert_eq!(advance_read_cursor(3, s(2), 10), None);
/// assert_eq!(advance_read_cursor(3, s(50), 10), Some(10));
/// assert_eq!(advance_read_cursor(10, s(50), 10), None);
/// ```
pub fn advance_read_cursor(current: u64, requested: Seq, last_seq: u64) -> Option<u64> {
    let target = requested.get().min(last_seq);
    (target > current).then_some(target)
}
