//! Multi-row statements in a few shapes.

/// Splits `items` into power-of-two runs, largest first: at most nine statement shapes
/// for up to 511 rows, each prepared once per connection, rather than one per size.
pub(super) fn power_of_two_chunks<T>(items: &[T]) -> impl Iterator<Item = &[T]> {
    let mut rest = items;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let (chunk, tail) = rest.split_at(1 << rest.len().ilog2());
        rest = tail;
        Some(chunk)
    })
}

#[cfg(test)]
mod tests {
    use super::power_of_two_chunks;

    #[test]
    fn chunks_are_powers_of_two_largest_first() {
        let items: Vec<u32> = (0..13).collect();
        let sizes: Vec<usize> = power_of_two_chunks(&items).map(<[u32]>::len).collect();
        assert_eq!(sizes, [8, 4, 1]);
        let joined: Vec<u32> = power_of_two_chunks(&items).flatten().copied().collect();
        assert_eq!(joined, items);
        assert_eq!(power_of_two_chunks::<u32>(&[]).count(), 0);
    }
}
