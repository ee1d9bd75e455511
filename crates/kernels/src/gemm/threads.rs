//! Splits a packed matrix multiply into rectangles of C that threads claim one at a time.
//!
//! Threads are started per call with `std::thread::scope` and joined at its end: nothing
//! spins, and no pool outlives the call. Starting and joining the second thread cost about
//! 50 us per call on a 2-vCPU Zen 4, measured on 64 x 64 x 64 products with one thread against
//! two. So a call uses more threads only when each gets enough work (see
//! `Engine::set_min_work_per_thread`).

use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

use super::blocking::{micro_kernel, MicroKernel};
use super::driver::{gemm_rectangle, CMatrix};
use super::{GemmShape, MatRef};
use crate::engine::Engine;

/// Default minimum multiply-adds (m * n * k) per thread, so that 64 x 768 x 768 (the forward
/// pass of a 768-wide layer at batch 64) runs on two threads. Measured with `npm run bench` on a
/// 2-vCPU Zen 4 at load average 0.1: 64 x 768 x 768 reached 169 GFLOP/s on two threads against
/// 99 on one, and seed-768 training 8,716 against 6,355 images/s. NOTE: while other processes
/// kept the second vCPU busy, two threads at this size fell to 55-65 GFLOP/s, below one thread.
/// `Engine::set_min_work_per_thread` raises the threshold for such machines.
pub(crate) const DEFAULT_MIN_WORK_PER_THREAD: usize = 64 * 768 * 768 / 2;

/// Rectangles per thread. Threads claim rectangles one at a time, so a thread that runs on a
/// busy vCPU computes fewer of them instead of holding up the whole call.
const PARTS_PER_THREAD: usize = 3;

/// A rectangle of C: its rows and its columns.
type Part = (Range<usize>, Range<usize>);

/// Computes C <- alpha * op(A) * op(B) + beta * C with the packed algorithm on as many threads
/// as the engine allows and the work justifies. The caller has checked the shape.
pub(crate) fn gemm_packed(engine: &Engine, s: &GemmShape, a: MatRef, b: MatRef, c: &mut [f32]) {
    let kernel = micro_kernel(engine.level());
    let threads = thread_count(s, &kernel, engine.threads(), engine.min_work_per_thread());
    let parts = if threads == 1 {
        vec![(0..s.m, 0..s.n)]
    } else {
        split(s, &kernel, threads * PARTS_PER_THREAD)
    };
    let c = CMatrix {
        ptr: c.as_mut_ptr(),
        ldc: s.ldc,
    };
    let next_part = AtomicUsize::new(0);
    // Claims and computes parts until none is left.
    let run_parts = || {
        let mut scratch = engine.take_scratch();
        loop {
            let index = next_part.fetch_add(1, Ordering::Relaxed);
            let (rows, cols) = match parts.get(index) {
                Some(part) => part.clone(),
                None => break,
            };
            // SAFETY: `GemmShape::check` proved that C contains every (i, j) of the shape at
            // i * ldc + j. The parts are disjoint and each index is claimed once. The &mut borrow
            // of C lasts until every thread of the scope below has been joined.
            unsafe { gemm_rectangle(&kernel, s, a, b, c, rows, cols, &mut scratch) };
        }
        engine.return_scratch(scratch);
    };
    if threads == 1 {
        run_parts();
        return;
    }
    thread::scope(|scope| {
        for _ in 1..threads {
            // If the OS refuses another thread, the threads already running take its parts.
            let _ = thread::Builder::new().spawn_scoped(scope, run_parts);
        }
        run_parts();
    });
}

/// Returns how many threads, at most `max_threads`, get at least `min_work_per_thread`
/// multiply-adds and at least one tile each.
fn thread_count(
    s: &GemmShape,
    kernel: &MicroKernel,
    max_threads: usize,
    min_work_per_thread: usize,
) -> usize {
    let work = s.m.saturating_mul(s.n).saturating_mul(s.k);
    let by_work = (work / min_work_per_thread.max(1)).max(1);
    let tiles = if s.n >= s.m {
        (s.n + kernel.nr - 1) / kernel.nr
    } else {
        (s.m + kernel.mr - 1) / kernel.mr
    };
    max_threads.min(by_work).min(tiles).max(1)
}

/// Splits C[m, n] into at most `max_parts` rectangles of whole tiles along the longer side.
fn split(s: &GemmShape, kernel: &MicroKernel, max_parts: usize) -> Vec<Part> {
    let split_columns = s.n >= s.m;
    let (length, tile) = if split_columns {
        (s.n, kernel.nr)
    } else {
        (s.m, kernel.mr)
    };
    let tiles = (length + tile - 1) / tile;
    let parts = max_parts.min(tiles).max(1);
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
