//! typst's memoisation across compiles: what the build keeps between batches and what it evicts.
//!
//! comemo's cache is global to the process. An entry's age grows by one at each eviction and
//! drops to zero when a compile hits it; `evict(n)` drops entries at age `n` or older. The
//! documents of one kind share most of their layout (the plan orders the jobs kind by kind),
//! so entries a batch used are likely hits in the next batch, and entries unused for a few
//! batches rarely come back.

use std::sync::atomic::{AtomicUsize, Ordering};

/// How many batches a memoised result may go unused before it is evicted; chosen by
/// measurement: `BENCH_REGION_ONLY=1 BENCH_SWEEP=70 BENCH_AGES=0,1,2,3,5,10 cargo bench --bench
/// build`, one run on 2 otherwise idle cores (02.12.2026, after the layout stopped capturing
/// per-document data in its styles), a region-like corpus of 70 institutions, 1,150 documents,
/// time per document = the whole build's time over its documents:
///
/// | age | wall per document | CPU per document | of evict(0) (CPU) | peak RSS |
/// |----:|------------------:|-----------------:|------------------:|---------:|
/// |   0 | 9.1 ms            | 16.9 ms          | 1.00 (1.00)       | 119 MB   |
/// |   1 | 6.2 ms            | 11.5 ms          | 0.68 (0.68)       | 125 MB   |
/// |   2 | 6.3 ms            | 11.6 ms          | 0.70 (0.69)       | 129 MB   |
/// |   3 | 6.5 ms            | 11.8 ms          | 0.71 (0.70)       | 133 MB   |
/// |   5 | 6.7 ms            | 12.2 ms          | 0.74 (0.72)       | 146 MB   |
/// |  10 | 7.0 ms            | 12.5 ms          | 0.77 (0.74)       | 172 MB   |
///
/// Keeping entries at all saves about 30 %; keeping them longer costs memory and saved no time
/// here (5 and 10 were slower; why was not measured). Ages 1 to 3 lie within 3 % of each other, the noise of
/// one run; 2 is kept, so an entry survives one batch of another kind.
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
