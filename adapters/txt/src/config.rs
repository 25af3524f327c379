use std::time::Duration;

/// When appended bytes are forced to disk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FsyncMode {
    /// `fdatasync` before every ack, shared by all appends in flight (group commit).
    /// Nothing acked is lost, even if the machine loses power.
    Always,
    /// Ack once written to the OS; `fdatasync` at most this often. A process crash loses
    /// nothing; a machine crash or power loss may lose the last interval's acked messages.
    BatchMs(u64),
    /// Never `fdatasync`; the OS writes back when it likes (typically within 30 s). A
    /// process crash loses nothing; a machine crash may lose anything not yet written back.
    Never,
}

impl std::str::FromStr for FsyncMode {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "always" => Ok(Self::Always),
            "never" => Ok(Self::Never),
            _ => s
                .strip_prefix("batch-ms=")
                .or_else(|| s.strip_prefix("batch-ms:"))
                .and_then(|n| n.parse().ok())
                .filter(|n| *n > 0)
                .map(Self::BatchMs)
                .ok_or_else(|| format!("{s:?}: expected always, never or batch-ms=<N>")),
        }
    }
}

/// Settings of the TXT store.
#[derive(Clone, Debug)]
pub struct TxtConfig {
    /// When bytes are forced to disk.
    pub fsync: FsyncMode,
    /// A message file past this size rolls over to a new numbered part.
    pub max_file_bytes: u64,
    /// The metadata log is compacted into a snapshot after this many records.
    pub snapshot_every: u64,
    /// Most appends written and synced together in one batch.
    pub max_batch: usize,
    /// Closed message files dated more than this many days ago are compressed into
    /// `.txt.gz` archives (still read by history). `None` never archives.
    pub archive_after_days: Option<u32>,
}

impl Default for TxtConfig {
    fn default() -> Self {
        Self {
            fsync: FsyncMode::Always,
            max_file_bytes: 5 * 1024 * 1024,
            snapshot_every: 10_000,
            max_batch: 1024,
            archive_after_days: Some(7),
        }
    }
}

impl TxtConfig {
    pub(crate) fn batch_interval(&self) -> Option<Duration> {
        match self.fsync {
            FsyncMode::BatchMs(ms) => Some(Duration::from_millis(ms)),
            _ => None,
        }
    }
}
