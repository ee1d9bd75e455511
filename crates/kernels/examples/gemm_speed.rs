//! Measures matrix-multiply speed in GFLOP/s for the dense-layer shapes of pixelgan.
//!
//! Usage: cargo run --release --example gemm_speed -- [LEVEL ...] [--threads N ...] [--quick]
//! With no LEVEL, every level this CPU supports is measured, and with no --threads, one thread
//! and the engine's default. Each case prints the median and the best of several timed
//! trials, because a shared machine is noisy.

use std::time::Instant;

use pixelgan_kernels::{Engine, GemmShape, SimdLevel};

/// Timed trials per case; the median is reported.
const TRIALS: usize = 9;
/// Minimum duration of one trial in seconds, so that timer resolution does not matter.
const MIN_TRIAL_SECONDS: f64 = 0.02;

/// One product to time: a label and its shape.
struct Case {
    label: String,
    shape: GemmShape,
}

/// Returns the three products of a dense layer with `rows` x `inputs` -> `outputs`.
fn dense_cases(rows: usize, inputs: usize, outputs: usize) -> Vec<Case> {
    let name = format!("{}x{}->{}", rows, inputs, outputs);
    vec![
        Case {
            label: format!("{} NT forward", name),
            shape: GemmShape::contiguous(rows, outputs, inputs, false, true, 1.0, 0.0),
        },
        Case {
            label: format!("{} NN dX", name),
            shape: GemmShape::contiguous(rows, inputs, outputs, false, false, 1.0, 0.0),
        },
        Case {
            label: format!("{} TN dW", name),
            shape: GemmShape::contiguous(outputs, inputs, rows, true, false, 1.0, 1.0),
        },
    ]
}

fn all_cases(quick: bool) -> Vec<Case> {
    let mut cases = dense_cases(64, 768, 768);
    cases.extend(dense_cases(64, 3072, 1024));
    if !quick {
        for &(rows, width) in &[
            (64, 128),
            (64, 256),
            (64, 384),
            (32, 768),
            (128, 768),
            (16, 64),
            (8, 32),
        ] {
            cases.extend(dense_cases(rows, width, width));
        }
    }
    cases
}

/// Returns the median and best GFLOP/s of `engine` on `shape`.
fn measure(engine: &Engine, shape: &GemmShape) -> (f64, f64) {
    let a = vec![0.5f32; shape.m * shape.k];
    let b = vec![0.25f32; shape.k * shape.n];
    let mut c = vec![0.0f32; shape.m * shape.n];
    let flops = 2.0 * (shape.m * shape.n * shape.k) as f64;
    let mut run = || engine.gemm(shape, &a, &b, &mut c).expect("valid shape");
    let start = Instant::now();
    run();
    let once = start.elapsed().as_secs_f64().max(1e-7);
    let reps = ((MIN_TRIAL_SECONDS / once) as usize).max(1);
    let mut rates: Vec<f64> = (0..TRIALS)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..reps {
                run();
            }
            flops * reps as f64 / start.elapsed().as_secs_f64() / 1e9
        })
        .collect();
    rates.sort_by(|x, y| x.partial_cmp(y).expect("finite rate"));
    (rates[TRIALS / 2], rates[TRIALS - 1])
}

fn main() {
    let mut levels = Vec::new();
    let mut threads = Vec::new();
    let mut quick = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--threads" => threads.push(
                args.next()
                    .and_then(|n| n.parse().ok())
                    .expect("--threads N"),
            ),
            "--quick" => quick = true,
            name => levels.push(name.parse::<SimdLevel>().expect("a SIMD level name")),
        }
    }
    if levels.is_empty() {
        levels = Engine::available_levels();
    }
    if threads.is_empty() {
        threads = vec![1, Engine::new().threads()];
        threads.dedup();
    }
    println!(
        "{:<10} {:>7} {:<28} {:>9} {:>9}",
        "level", "threads", "case", "median", "best"
    );
    for &level in &levels {
        let mut engine = Engine::with_level(level).expect("level available");
        for &n in &threads {
            engine.set_threads(n);
            for case in all_cases(quick) {
                let (median, best) = measure(&engine, &case.shape);
                println!(
                    "{:<10} {:>7} {:<28} {:>9.1} {:>9.1}",
                    level.name(),
                    n,
                    case.label,
                    median,
                    best
                );
            }
        }
    }
}
