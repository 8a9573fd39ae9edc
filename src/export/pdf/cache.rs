//! typst's memoisation across compiles: what the build keeps between batches and what it evicts.
//!
//! comemo's cache is global to the process. An entry's age grows by one at each eviction and
//! drops to zero when a compile hits it; `evict(n)` drops entries at age `n` or older. The
//! documents of one kind share most of their layout (the plan orders the jobs kind by kind),
//! so entries a batch used are likely hits in the next batch, and entries unused for a few
//! batches rarely come back.

use std::sync::atomic::{AtomicUsize, Ordering};

/// How many batches a memoised result may go unused before it is evicted; chosen by
/// measurement. `cargo bench --bench build` (BENCH_SWEEP=70), one run, 2 cores shared with
/// other builds (load average about 8), a region-like corpus of 70 institutions, 1,150
/// documents; time per document is the build's CPU time (user + system) over its documents,
/// since the wall time there followed the other jobs' load more than the cache:
///
/// | age | CPU per document | of evict(0) | wall per document | peak RSS |
/// |----:|-----------------:|------------:|------------------:|---------:|
/// |   0 | 23.4 ms          | 1.00        | 91.5 ms           | 106 MB   |
/// |   2 | 22.4 ms          | 0.96        | 48.9 ms           | 165 MB   |
/// |   5 | 21.9 ms          | 0.94        | 33.9 ms           | 250 MB   |
/// |  10 | 23.1 ms          | 0.99        | 37.1 ms           | 368 MB   |
/// |  20 | 22.7 ms          | 0.97        | 35.3 ms           | 597 MB   |
/// |  50 | 24.1 ms          | 1.03        | 37.8 ms           | 869 MB   |
///
/// Institutions with their own names, numbers and people share less layout than identical
/// copies do, so keeping more gains a few per cent at most while memory grows with the age;
/// 2 keeps most of the gain for the least memory.
pub const CACHE_AGE: usize = 2;

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
