//! Bytes uploaded per user, for quotas: counted from the descriptions at start, then
//! kept up to date by this process's uploads. (Processes sharing one directory each see
//! their own uploads at once and the others' from their next start.)

use std::collections::HashMap;
use std::fs;
use std::path::Path;
use std::sync::Mutex;

use chat_domain::entities::FileMeta;
use chat_domain::ids::UserId;

#[derive(Default)]
pub(crate) struct Usage(Mutex<HashMap<UserId, u64>>);

impl Usage {
    /// Sums every readable description under `dir/meta` (a damaged one counts nothing:
    /// reading it reports the damage where it matters).
    pub(crate) fn scan(dir: &Path) -> Self {
        let mut sums: HashMap<UserId, u64> = HashMap::new();
        for entry in fs::read_dir(dir.join("meta"))
            .into_iter()
            .flatten()
            .flatten()
        {
            let Ok(bytes) = fs::read(entry.path()) else {
                continue;
            };
            if let Ok(meta) = crate::record::decode(&bytes) {
                *sums.entry(meta.uploaded_by).or_default() += meta.size;
            }
        }
        Self(Mutex::new(sums))
    }

    pub(crate) fn add(&self, meta: &FileMeta) {
        let mut sums = self.0.lock().unwrap_or_else(|e| e.into_inner());
        *sums.entry(meta.uploaded_by).or_default() += meta.size;
    }

    pub(crate) fn remove(&self, meta: &FileMeta) {
        let mut sums = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(sum) = sums.get_mut(&meta.uploaded_by) {
            *sum = sum.saturating_sub(meta.size);
        }
    }

    pub(crate) fn of(&self, user: UserId) -> u64 {
        let sums = self.0.lock().unwrap_or_else(|e| e.into_inner());
        sums.get(&user).copied().unwrap_or(0)
    }
}
