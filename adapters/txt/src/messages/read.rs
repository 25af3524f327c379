//! Reading records back: a seek to the nearest sparse-index entry and one short read.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};

use chat_domain::entities::Message;
use chat_domain::RepoError;

use super::archive::Cache;
use super::index::{ConvState, FileInfo, SPARSE_EVERY};
use crate::{io_error, line, records};

/// A byte range of one file to read, planned under the index lock and read after it.
pub struct Segment {
    pub file: FileInfo,
    pub start: u64,
    pub end: u64,
}

/// The segments holding seqs `[lo, hi]`, or `Corrupt` if the range touches damage.
pub fn plan(state: &ConvState, lo: u64, hi: u64) -> Result<Vec<Segment>, RepoError> {
    if let Some((a, b)) = state.damaged.iter().find(|(a, b)| *a <= hi && *b >= lo) {
        return Err(RepoError::Corrupt(format!(
            "messages {a}..={b} of this conversation failed their integrity check"
        )));
    }
    Ok(state
        .files_for(lo, hi)
        .map(|f| {
            let start = f.seek(lo.max(f.first_seq));
            // The first sparse entry past `hi` bounds the read; else the committed end.
            let end = f
                .sparse
                .iter()
                .find(|(s, _)| *s > hi)
                .map_or(f.len, |(_, off)| *off);
            Segment {
                file: f.clone(),
                start,
                end,
            }
        })
        .collect())
}

/// Reads the records with seqs in `[lo, hi]` from `segments`, checking every line.
pub fn read(
    segments: &[Segment],
    lo: u64,
    hi: u64,
    archives: &Cache,
) -> Result<Vec<Message>, RepoError> {
    let mut out = Vec::with_capacity((hi - lo + 1).min(SPARSE_EVERY * 4) as usize);
    for seg in segments {
        let path = &seg.file.path;
        let (start, end) = (seg.start as usize, seg.end as usize);
        let archived;
        let mut owned = Vec::new();
        let buf: &[u8] = if seg.file.compressed {
            archived = archives.get(path)?;
            archived.get(start..end).ok_or_else(|| {
                RepoError::Corrupt(format!("{}: shorter than its index", path.display()))
            })?
        } else {
            owned.resize(end - start, 0);
            let mut f = File::open(path).map_err(|e| io_error("open", path, e))?;
            f.seek(SeekFrom::Start(seg.start))
                .and_then(|_| f.read_exact(&mut owned))
                .map_err(|e| io_error("read", path, e))?;
            &owned
        };
        for (offset, raw) in line::lines(buf) {
            if out.last().is_some_and(|m: &Message| m.seq.get() >= hi) {
                break;
            }
            let damaged = || {
                RepoError::Corrupt(format!(
                    "{} at byte {}: record failed its integrity check",
                    path.display(),
                    seg.start + offset as u64
                ))
            };
            let record = line::decode(raw)
                .ok()
                .and_then(|json| records::decode_message(json).ok());
            let Some(m) = record else {
                // Known damage before the range shares its sparse block; skip it. Inside
                // the range, a bad line is damage the index did not know of.
                if out.is_empty() {
                    continue;
                }
                return Err(damaged());
            };
            let seq = m.seq.get();
            if seq > hi {
                break;
            }
            if seq >= lo {
                if out.last().is_some_and(|p: &Message| p.seq.get() + 1 != seq) {
                    return Err(damaged());
                }
                out.push(m);
            }
        }
    }
    let expected = (lo..=hi).count();
    if out.len() != expected || out.first().is_some_and(|m| m.seq.get() != lo) {
        return Err(RepoError::Corrupt(format!(
            "messages {lo}..={hi}: {} of {expected} records readable",
            out.len()
        )));
    }
    Ok(out)
}

/// Sorted seqs cut into ranges to read at once: seqs close enough to share a sparse
/// block stay in one range, which never spans more than `max_span` seqs.
pub fn runs(seqs: &[u64], max_span: u64) -> Vec<(u64, u64)> {
    let mut out: Vec<(u64, u64)> = Vec::new();
    for &s in seqs {
        match out.last_mut() {
            Some((lo, hi)) if s - *hi <= SPARSE_EVERY && s - *lo < max_span => *hi = s,
            _ => out.push((s, s)),
        }
    }
    out
}

/// `[lo, hi]` without the damaged ranges in it.
pub fn readable(damaged: &[(u64, u64)], lo: u64, hi: u64) -> Vec<(u64, u64)> {
    let mut out = vec![(lo, hi)];
    for &(a, b) in damaged {
        out = out
            .into_iter()
            .flat_map(|(l, h)| {
                if b < l || a > h {
                    return vec![(l, h)];
                }
                let below = (a > l).then(|| (l, a - 1));
                let above = (b < h).then(|| (b + 1, h));
                below.into_iter().chain(above).collect()
            })
            .collect();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn it_should_read_near_seqs_at_once_and_far_ones_apart() {
        assert_eq!(runs(&[1, 2, 30, 100, 101], 4096), [(1, 30), (100, 101)]);
        assert_eq!(runs(&[1, 20, 40], 30), [(1, 20), (40, 40)]);
        assert!(runs(&[], 10).is_empty());
    }

    #[test]
    fn it_should_leave_damage_out_of_a_range() {
        assert_eq!(readable(&[], 1, 9), [(1, 9)]);
        assert_eq!(readable(&[(3, 4), (7, 7)], 1, 9), [(1, 2), (5, 6), (8, 9)]);
        assert_eq!(readable(&[(1, 9)], 2, 5), []);
        assert_eq!(readable(&[(0, 2), (9, 12)], 1, 10), [(3, 8)]);
    }
}
