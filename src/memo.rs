//! A cache shared by every thread of the process, for values that are pure functions of their
//! keys (word readings, register candidates): the threads of a batch then do not each work out an
//! archive's vocabulary afresh, and the cache never changes what is written, only how fast.
//!
//! Keys are a small `outer` key (which channel, which register) and a string. The entries are
//! split into shards by the string, each behind its own lock, so that threads seldom wait for one
//! another; a value is computed without any lock held, so a key two threads miss at once is
//! computed twice, alike.

use rustc_hash::FxHashMap as HashMap;
use std::hash::{BuildHasher, Hash};
use std::sync::{Mutex, PoisonError};

const SHARDS: usize = 16;

/// One shard: by outer key, then by string.
type Shard<O, V> = Mutex<HashMap<O, HashMap<Box<str>, V>>>;

pub struct Memo<O, V> {
    shards: [Shard<O, V>; SHARDS],
    /// Entries per outer key and shard after which that part starts afresh, bounding memory.
    limit: usize,
}

impl<O: Hash + Eq + Copy, V: Clone> Memo<O, V> {
    /// A cache that keeps at most about `limit` strings per outer key.
    pub fn new(limit: usize) -> Memo<O, V> {
        Memo {
            shards: std::array::from_fn(|_| Mutex::default()),
            limit: limit.div_ceil(SHARDS),
        }
    }

    /// The value of (`outer`, `key`), computed by `compute` when it is not cached.
    pub fn get_or_compute(&self, outer: O, key: &str, compute: impl FnOnce() -> V) -> V {
        let shard = &self.shards[rustc_hash::FxBuildHasher.hash_one(key) as usize % SHARDS];
        // a shard poisoned by a panic in another thread still holds only finished values
        let lock = || shard.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(hit) = lock().get(&outer).and_then(|values| values.get(key)) {
            return hit.clone();
        }
        let value = compute();
        let mut entries = lock();
        let values = entries.entry(outer).or_default();
        if values.len() >= self.limit {
            values.clear();
        }
        values.insert(key.into(), value.clone());
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn computes_once_per_key_and_bounds_its_size() {
        let memo: Memo<u8, usize> = Memo::new(SHARDS);
        let mut computed = 0;
        for _ in 0..3 {
            memo.get_or_compute(1, "ett", || {
                computed += 1;
                3
            });
        }
        assert_eq!(computed, 1);
        assert_eq!(memo.get_or_compute(2, "ett", || 4), 4);
        for i in 0..1000 {
            memo.get_or_compute(1, &i.to_string(), || i);
        }
        let kept: usize = memo
            .shards
            .iter()
            .map(|s| s.lock().unwrap().get(&1).map_or(0, |v| v.len()))
            .sum();
        assert!(kept <= SHARDS);
    }
}
