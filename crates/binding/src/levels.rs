//! Engine settings a binding exposes: the SIMD level, the levels available, the thread count.

use pixelgan_kernels::{Engine, SimdLevel};

use crate::error::BindingError;
use crate::number::{format_number, size};

/// Largest thread count a caller may set. It is far above the core count of any machine this
/// runs on and only stops a typo from asking for millions of threads.
pub const MAX_THREADS: usize = 1024;

/// Engine settings, for `describe()` and the `doctor` command.
pub struct EngineInfo {
    pub level: &'static str,
    pub available_levels: Vec<&'static str>,
    pub threads: usize,
}

pub fn engine_info(engine: &Engine) -> EngineInfo {
    EngineInfo {
        level: engine.level().name(),
        available_levels: Engine::available_levels().iter().map(|level| level.name()).collect(),
        threads: engine.threads(),
    }
}

/// Returns the level named `name` (one of `SimdLevel::name`).
pub fn level_from_name(name: &str) -> Result<SimdLevel, BindingError> {
    for level in SimdLevel::ALL {
        if level.name() == name {
            return Ok(level);
        }
    }
    let names: Vec<&str> = SimdLevel::ALL.iter().map(|level| level.name()).collect();
    Err(BindingError::range_error(format!(
        "SIMD level must be one of {}, got {:?}",
        names.join(", "),
        name
    )))
}

/// Returns the level whose index in `SimdLevel::ALL` is `code`.
pub fn level_from_code(code: f64) -> Result<SimdLevel, BindingError> {
    let index = size("SIMD level code", code)?;
    SimdLevel::ALL.get(index).copied().ok_or_else(|| {
        BindingError::range_error(format!(
            "SIMD level code must be in [0, {}], got {}",
            SimdLevel::ALL.len() - 1,
            format_number(code)
        ))
    })
}

/// Replaces `engine` with one at `level` and the same thread count.
pub fn switch_level(engine: &mut Engine, level: SimdLevel) -> Result<(), BindingError> {
    let mut replacement = Engine::with_level(level).map_err(|_| {
        let available: Vec<&str> = Engine::available_levels().iter().map(|level| level.name()).collect();
        BindingError::range_error(format!(
            "SIMD level {} is not available on this CPU or in this build; available: {}",
            level.name(),
            available.join(", ")
        ))
    })?;
    replacement.set_threads(engine.threads());
    *engine = replacement;
    Ok(())
}

/// Sets the maximum number of threads one call may use, an integer in [1, MAX_THREADS].
pub fn set_threads(engine: &mut Engine, threads: f64) -> Result<(), BindingError> {
    let count = size("threads", threads)?;
    if count == 0 || count > MAX_THREADS {
        return Err(BindingError::range_error(format!(
            "threads must be an integer in [1, {}], got {}",
            MAX_THREADS, count
        )));
    }
    engine.set_threads(count);
    Ok(())
}
