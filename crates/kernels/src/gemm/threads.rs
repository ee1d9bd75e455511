//! Splits a packed matrix multiply across threads, each computing a rectangle of C.
//!
//! Threads are started per call with `std::thread::scope` and joined at its end: nothing
//! spins, and no pool outlives the call. Starting and joining the second thread cost about
//! 50 us per call on a 2-vCPU Zen 4, measured on 64 x 64 x 64 products with one thread against
//! two. So a call uses more threads only when each gets enough work (see
//! `Engine::set_min_work_per_thread`).

use std::ops::Range;
use std::thread;

use super::blocking::{micro_kernel, MicroKernel};
use super::driver::{gemm_rectangle, CMatrix};
use super::{GemmShape, MatRef};
use crate::engine::Engine;

/// Default minimum multiply-adds (m * n * k) per thread, about 0.17 ms at 100 GFLOP/s.
/// On a shared, busy 2-vCPU Zen 4, two threads were faster than one at 64 x 512 x 512 and
/// above. At 64 x 384 x 384 they were as often slower as faster, because a thread that lands
/// on a busy vCPU delays the whole call. NOTE: on a quiet machine a lower value is probably
/// better, but that was not measured.
pub(crate) const DEFAULT_MIN_WORK_PER_THREAD: usize = 64 * 512 * 512 / 2;

/// Computes C <- alpha * op(A) * op(B) + beta * C with the packed algorithm on as many threads
/// as the engine allows and the work justifies. The caller has checked the shape.
pub(crate) fn gemm_packed(engine: &Engine, s: &GemmShape, a: MatRef, b: MatRef, c: &mut [f32]) {
    let kernel = micro_kernel(engine.level());
    let parts = split(s, &kernel, engine.threads(), engine.min_work_per_thread());
    let c = CMatrix {
        ptr: c.as_mut_ptr(),
        ldc: s.ldc,
    };
    let run_part = |(rows, cols): (Range<usize>, Range<usize>)| {
        let mut scratch = engine.take_scratch();
        // SAFETY: `GemmShape::check` proved that C contains every (i, j) of the shape at
        // i * ldc + j, `split` returns disjoint rectangles, and the &mut borrow of C lasts
        // until every thread of the scope below has been joined.
        unsafe { gemm_rectangle(&kernel, s, a, b, c, rows, cols, &mut scratch) };
        engine.return_scratch(scratch);
    };
    let mut parts = parts.into_iter();
    let first = match parts.next() {
        Some(part) => part,
        None => return,
    };
    if parts.len() == 0 {
        run_part(first);
        return;
    }
    thread::scope(|scope| {
        let mut not_started = Vec::new();
        for part in parts {
            let spawned = thread::Builder::new().spawn_scoped(scope, {
                let part = part.clone();
                let run_part = &run_part;
                move || run_part(part)
            });
            // If the OS refuses another thread, this thread computes the part itself.
            if spawned.is_err() {
                not_started.push(part);
            }
        }
        run_part(first);
        not_started.into_iter().for_each(&run_part);
    });
}

/// Splits C[m, n] into at most `max_threads` rectangles of whole tiles, along the longer side,
/// with at least `min_work_per_thread` multiply-adds each.
fn split(
    s: &GemmShape,
    kernel: &MicroKernel,
    max_threads: usize,
    min_work_per_thread: usize,
) -> Vec<(Range<usize>, Range<usize>)> {
    let work = s.m.saturating_mul(s.n).saturating_mul(s.k);
    let by_work = (work / min_work_per_thread.max(1)).max(1);
    let split_columns = s.n >= s.m;
    let (length, tile) = if split_columns {
        (s.n, kernel.nr)
    } else {
        (s.m, kernel.mr)
    };
    let tiles = (length + tile - 1) / tile;
    let parts = max_threads.min(by_work).min(tiles).max(1);
    let tiles_per_part = (tiles + parts - 1) / parts;
    let step = tiles_per_part * tile;
    (0..length)
        .step_by(step)
        .map(|start| {
            let range = start..length.min(start + step);
            if split_columns {
                (0..s.m, range)
            } else {
                (range, 0..s.n)
            }
        })
        .collect()
}
