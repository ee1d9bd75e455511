//! The compute engine: which SIMD kernel runs, on how many threads, and the reusable packing
//! scratch. There is no global state, so two engines with different settings can coexist.

use std::fmt;
use std::str::FromStr;
use std::sync::Mutex;

use crate::error::KernelError;
use crate::gemm::scratch::PackBuffers;
use crate::gemm::DEFAULT_MIN_WORK_PER_THREAD;

/// Instruction set of the matrix-multiply micro-kernel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SimdLevel {
    /// Portable Rust, vectorized only as far as the compiler manages on its own.
    Scalar,
    /// x86_64 AVX2 with FMA3, 256-bit vectors.
    Avx2Fma,
    /// x86_64 AVX-512F, 512-bit vectors. Needs a build with Rust 1.89 or newer.
    Avx512,
    /// aarch64 Advanced SIMD, 128-bit vectors.
    Neon,
    /// WebAssembly SIMD, 128-bit vectors. Needs a build with `-C target-feature=+simd128`.
    Simd128,
}

impl SimdLevel {
    /// Every level, from the most portable to the widest.
    pub const ALL: [SimdLevel; 5] = [
        SimdLevel::Scalar,
        SimdLevel::Avx2Fma,
        SimdLevel::Avx512,
        SimdLevel::Neon,
        SimdLevel::Simd128,
    ];

    /// Short lowercase name, also accepted by `str::parse`.
    pub fn name(&self) -> &'static str {
        match self {
            SimdLevel::Scalar => "scalar",
            SimdLevel::Avx2Fma => "avx2-fma",
            SimdLevel::Avx512 => "avx512",
            SimdLevel::Neon => "neon",
            SimdLevel::Simd128 => "simd128",
        }
    }

    /// Returns whether this CPU and this build can run the level's kernel.
    pub fn is_available(&self) -> bool {
        match self {
            SimdLevel::Scalar => true,
            SimdLevel::Avx2Fma => has_avx2_fma(),
            SimdLevel::Avx512 => has_avx512(),
            SimdLevel::Neon => cfg!(all(target_arch = "aarch64", target_feature = "neon")),
            SimdLevel::Simd128 => cfg!(all(target_arch = "wasm32", target_feature = "simd128")),
        }
    }
}

impl fmt::Display for SimdLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for SimdLevel {
    type Err = KernelError;

    /// Parses a name returned by `SimdLevel::name`, ignoring ASCII case.
    fn from_str(text: &str) -> Result<SimdLevel, KernelError> {
        for level in SimdLevel::ALL {
            if level.name().eq_ignore_ascii_case(text) {
                return Ok(level);
            }
        }
        Err(KernelError::InvalidArgument {
            what: "SIMD level",
            reason: format!(
                "expected one of scalar, avx2-fma, avx512, neon, simd128, got {:?}",
                text
            ),
        })
    }
}

#[cfg(target_arch = "x86_64")]
fn has_avx2_fma() -> bool {
    is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma")
}

#[cfg(not(target_arch = "x86_64"))]
fn has_avx2_fma() -> bool {
    false
}

#[cfg(all(target_arch = "x86_64", pixelgan_avx512))]
fn has_avx512() -> bool {
    // The AVX-512 level also runs AVX2 code to pack transposed operands.
    has_avx2_fma() && is_x86_feature_detected!("avx512f")
}

#[cfg(not(all(target_arch = "x86_64", pixelgan_avx512)))]
fn has_avx512() -> bool {
    false
}

/// Runs the kernels at one SIMD level on up to `threads` threads. An engine may be shared
/// between threads (`&Engine` is `Send`), and concurrent calls are safe.
pub struct Engine {
    level: SimdLevel,
    threads: usize,
    /// Minimum multiply-adds (m * n * k) that each thread of one matrix multiply must get.
    min_work_per_thread: usize,
    /// Packing buffers of finished calls, reused so that steady-state training allocates nothing.
    scratch_pool: Mutex<Vec<PackBuffers>>,
}

impl Engine {
    /// Creates an engine at the widest available level, using every core the OS reports on
    /// native targets and one thread on WebAssembly.
    pub fn new() -> Engine {
        let level = Engine::available_levels()
            .last()
            .copied()
            .unwrap_or(SimdLevel::Scalar);
        Engine::build(level)
    }

    /// Creates an engine at `level`, or returns `LevelUnavailable` if this CPU or build lacks it.
    pub fn with_level(level: SimdLevel) -> Result<Engine, KernelError> {
        if !level.is_available() {
            return Err(KernelError::LevelUnavailable(level));
        }
        Ok(Engine::build(level))
    }

    /// Lists the levels this CPU and build support, from the most portable to the widest.
    /// `Scalar` is always first.
    pub fn available_levels() -> Vec<SimdLevel> {
        SimdLevel::ALL
            .iter()
            .copied()
            .filter(|level| level.is_available())
            .collect()
    }

    pub fn level(&self) -> SimdLevel {
        self.level
    }

    /// Maximum number of threads one call may use.
    pub fn threads(&self) -> usize {
        self.threads
    }

    /// Sets the maximum number of threads one call may use; 0 is taken as 1. Calls use fewer
    /// threads when the product is too small to gain from more. WebAssembly always uses one.
    pub fn set_threads(&mut self, n: usize) {
        self.threads = if cfg!(target_arch = "wasm32") {
            1
        } else {
            n.max(1)
        };
    }

    /// Minimum multiply-adds (m * n * k) per thread below which a matrix multiply uses fewer
    /// threads than `threads()`.
    pub fn min_work_per_thread(&self) -> usize {
        self.min_work_per_thread
    }

    /// Sets the minimum multiply-adds (m * n * k) per thread; 0 is taken as 1. The default
    /// suits a quiet 2-core machine (see `DEFAULT_MIN_WORK_PER_THREAD`). A higher value keeps
    /// mid-sized products on one thread, which is faster while other work keeps the cores busy.
    pub fn set_min_work_per_thread(&mut self, work: usize) {
        self.min_work_per_thread = work.max(1);
    }

    fn build(level: SimdLevel) -> Engine {
        Engine {
            level,
            threads: default_threads(),
            min_work_per_thread: DEFAULT_MIN_WORK_PER_THREAD,
            scratch_pool: Mutex::new(Vec::new()),
        }
    }

    /// Takes packing buffers from the pool, or new empty ones when all are in use.
    pub(crate) fn take_scratch(&self) -> PackBuffers {
        let mut pool = self
            .scratch_pool
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        pool.pop().unwrap_or_default()
    }

    /// Puts packing buffers back for the next call.
    pub(crate) fn return_scratch(&self, buffers: PackBuffers) {
        let mut pool = self
            .scratch_pool
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        pool.push(buffers);
    }
}

impl Default for Engine {
    fn default() -> Engine {
        Engine::new()
    }
}

impl fmt::Debug for Engine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Engine")
            .field("level", &self.level)
            .field("threads", &self.threads)
            .field("min_work_per_thread", &self.min_work_per_thread)
            .finish()
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn default_threads() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
}

#[cfg(target_arch = "wasm32")]
fn default_threads() -> usize {
    1
}
