//! Exports that read or change the engine.

use pixelgan_binding::levels::{engine_info, level_from_code, switch_level};
use pixelgan_binding::number::format_number;
use pixelgan_binding::BindingError;

use crate::state::run;

/// Writes `{"level":…,"availableLevels":[…],"threads":…}` as the message text.
#[no_mangle]
pub extern "C" fn pg_info() -> i32 {
    run("info", |state| {
        let info = engine_info(&state.engine);
        let levels: Vec<String> = info.available_levels.iter().map(|level| format!("\"{}\"", level)).collect();
        // Level names are lowercase ASCII words, so they need no JSON escaping.
        state.message = format!(
            "{{\"level\":\"{}\",\"availableLevels\":[{}],\"threads\":{}}}",
            info.level,
            levels.join(","),
            info.threads
        );
        Ok(0.0)
    })
}

/// Switches the engine to the SIMD level whose index in `SimdLevel::ALL` is `code`.
#[no_mangle]
pub extern "C" fn pg_set_level(code: f64) -> i32 {
    run("setSimdLevel", |state| {
        let level = level_from_code(code)?;
        switch_level(&mut state.engine, level)?;
        Ok(0.0)
    })
}

/// Accepts only 1: WebAssembly without shared memory runs on one thread.
#[no_mangle]
pub extern "C" fn pg_set_threads(threads: f64) -> i32 {
    run("setThreads", |_state| {
        if threads != 1.0 {
            return Err(BindingError::range_error(format!(
                "threads must be 1 in the WebAssembly build, which runs on one thread, got {}",
                format_number(threads)
            )));
        }
        Ok(0.0)
    })
}
