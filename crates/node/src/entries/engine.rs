//! Entry points that read or change the engine: SIMD level and thread count.

use pixelgan_binding::levels::{engine_info, level_from_name, set_threads as set_engine_threads, switch_level};
use pixelgan_binding::BindingError;

use crate::call::Call;
use crate::env::JsValue;
use crate::instance::AddonState;

/// `info()` returns `{ level, availableLevels, threads }`.
pub fn info<'call>(call: &Call<'call>, state: &AddonState) -> Result<Option<JsValue<'call>>, BindingError> {
    call.expect_count(0)?;
    let info = engine_info(&*state.engine()?);
    let env = call.env;
    let object = env.create_object()?;
    env.set_property(object, "level", env.create_string(info.level)?)?;
    env.set_property(object, "availableLevels", env.create_string_array(&info.available_levels)?)?;
    env.set_property(object, "threads", env.create_f64(info.threads as f64)?)?;
    Ok(Some(object))
}

/// `setSimdLevel(name)` replaces the engine with one at that level, keeping the threads.
pub fn set_simd_level<'call>(call: &Call<'call>, state: &AddonState) -> Result<Option<JsValue<'call>>, BindingError> {
    call.expect_count(1)?;
    let level = level_from_name(&call.name(0, "level")?)?;
    switch_level(&mut *state.engine_mut()?, level)?;
    Ok(None)
}

/// `setThreads(count)` sets the maximum number of threads one call may use.
pub fn set_threads<'call>(call: &Call<'call>, state: &AddonState) -> Result<Option<JsValue<'call>>, BindingError> {
    call.expect_count(1)?;
    let count = call.number(0, "threads")?;
    set_engine_threads(&mut *state.engine_mut()?, count)?;
    Ok(None)
}
