//! typst's memoisation across compiles: what the build keeps between batches and what it evicts.
//!
//! comemo's cache is global to the process. An entry's age grows by one at each eviction and
//! drops to zero when a compile hits it; `evict(n)` drops entries at age `n` or older. The
//! documents of one kind share most of their layout (the plan orders the jobs kind by kind),
//! so entries a batch used are likely hits in the next batch, and entries unused for a few
//! batches rarely come back.

use std::sync::atomic::{AtomicUsize, Ordering};

/// How many batches a memoised result may go unused before it is evicted; chosen by
/// measurement (`cargo bench --bench build`, filled in below).
pub const CACHE_AGE: usize = 10;

static AGE: AtomicUsize = AtomicUsize::new(CACHE_AGE);

/// Evicts typst's memoised results unused for the last [`CACHE_AGE`] batches; call after each
/// batch of compiles (also failed ones) so memory stays flat.
pub fn evict_caches() {
    typst::comemo::evict(AGE.load(Ordering::Relaxed));
}

/// Frees all of typst's memoised results, so the next compile starts cold (the bench's
/// per-document timings).
pub fn clear_caches() {
    typst::comemo::evict(0);
}

/// Sets the age [`evict_caches`] evicts at, in place of [`CACHE_AGE`] (the bench compares ages).
pub fn set_cache_age(age: usize) {
    AGE.store(age, Ordering::Relaxed);
}
