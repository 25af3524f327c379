//! The threads that run hashes: one per core, each keeping its Argon2 memory between
//! hashes. Hashing on tokio's blocking pool instead spread the 19 MiB buffers over many
//! threads, and the allocator kept one per thread: a server held 285 MiB after fifty
//! logins. Here the memory held is bounded by cores × one hash's memory cost.

use std::sync::mpsc;
use std::sync::{Arc, Mutex, OnceLock};

use argon2::Block;
use tokio::sync::oneshot;

type Job = Box<dyn FnOnce(&mut Vec<Block>) + Send>;

/// A fixed set of hashing threads, started at the first job and stopped when the last
/// handle is dropped.
#[derive(Default)]
pub(crate) struct Workers {
    jobs: OnceLock<Option<mpsc::Sender<Job>>>,
}

impl Workers {
    /// Runs `job` on a hashing thread with that thread's memory; `None` when no thread
    /// could be started or the job did not finish.
    pub(crate) async fn run<T: Send + 'static>(
        &self,
        job: impl FnOnce(&mut Vec<Block>) -> T + Send + 'static,
    ) -> Option<T> {
        let jobs = self.jobs.get_or_init(start).as_ref()?;
        let (tx, rx) = oneshot::channel();
        jobs.send(Box::new(move |memory| {
            let _ = tx.send(job(memory));
        }))
        .ok()?;
        rx.await.ok()
    }
}

/// Blocks of `len`, reusing `memory`.
pub(crate) fn blocks(memory: &mut Vec<Block>, len: usize) -> &mut [Block] {
    if memory.len() < len {
        memory.resize(len, Block::default());
    }
    &mut memory[..len]
}

fn start() -> Option<mpsc::Sender<Job>> {
    let n = std::thread::available_parallelism().map_or(2, |n| n.get());
    let (tx, rx) = mpsc::channel::<Job>();
    let rx = Arc::new(Mutex::new(rx));
    let mut started = 0;
    for i in 0..n {
        let rx = Arc::clone(&rx);
        let spawned = std::thread::Builder::new()
            .name(format!("argon2-{i}"))
            .spawn(move || {
                let mut memory = Vec::new();
                loop {
                    // The lock is released before the job runs: the guard is a temporary
                    // of this statement.
                    let job = rx.lock().unwrap_or_else(|e| e.into_inner()).recv();
                    match job {
                        Ok(job) => job(&mut memory),
                        Err(_) => return, // every handle is gone
                    }
                }
            });
        if spawned.is_ok() {
            started += 1;
        }
    }
    (started > 0).then_some(tx)
}
